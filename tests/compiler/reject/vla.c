/* A variable length array. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd, int n)
{
	char buf[n];
	long got;

	COSY_START(r)
	got = read(fd, buf, 1);
	COSY_END()
	(void)got;
}
// EXPECT: vla.c:10:17: error: variable length array 'buf' cannot run in a compound: the segment layout is fixed when the compound is built
