/* Macros that fold to constants are evaluated; the comment shows the source. */
#include <unistd.h>
#include <cosy/cosy.h>
#define CHUNK 512
#define HALF (CHUNK / 2)
void f(int fd)
{
	char buf[CHUNK];
	long n;

	COSY_START(r)
	n = read(fd, buf, HALF + 1);
	COSY_END()
	(void)n;
}
// BPF: /* macro_constants.c:12: n = read(fd, buf, HALF + 1); */
// BPF: __u64 __n = (__u64)(257UL);
