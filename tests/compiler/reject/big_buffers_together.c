/* Two buffers that fit the segment each, but not together. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd)
{
	char a[5 << 19], b[5 << 19];
	long n;

	COSY_START(r)
	n = read(fd, a, sizeof(a));
	n += read(fd, b, sizeof(b));
	COSY_END()
	(void)n;
}
// EXPECT: big_buffers_together.c:6:19: error: buffer 'b' (2621440 bytes) cannot run in a compound: with the region's memory before it (2621504 bytes) it needs more than the segment's 4194304 bytes, which all of a region's buffers, strings and fd table share; make it or another one smaller
