/* A buffer larger than a segment can be. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd)
{
	char big[8 << 20];
	long n;

	COSY_START(r)
	n = read(fd, big, 4096);
	COSY_END()
	(void)n;
}
// EXPECT: big_buffer.c:6:7: error: buffer 'big' (8388608 bytes) cannot run in a compound: buffers larger than the segment cannot (4194304 bytes for all of a region's buffers, strings and fd table)
