/* A pointer the for-step reads must be set on every path to it, continues too. */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
struct rec { unsigned short len; char name[14]; };
long f(int fd)
{
	static char buf[4096];
	struct rec *d;
	long nread, pos, n = 0;

	COSY_START(walk)
	nread = read(fd, buf, sizeof(buf));
	for (pos = 0; pos < nread; pos += d->len) {
		if (buf[pos] == 0)
			continue;
		d = (struct rec *)(buf + pos);
		n++;
	}
	COSY_END()
	return n;
}
// EXPECT: for_continue_step.c:9:14: error: pointer 'd' cannot run in a compound: the region may read the value it has from before the region, and cosy-cc follows only pointers the region sets; assign it in the region first
