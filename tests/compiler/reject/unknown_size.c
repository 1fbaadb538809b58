/* An array whose size is not known here. */
#include <unistd.h>
#include <cosy/cosy.h>
extern char data[];
void f(int fd)
{
	long n;

	COSY_START(r)
	n = write(fd, data, 3);
	COSY_END()
	(void)n;
}
// EXPECT: unknown_size.c:10:16: error: array 'data' of unknown size cannot run in a compound: the compound needs the buffer's size
