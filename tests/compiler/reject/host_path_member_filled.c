/*
 * A path in a struct member after a buffer that read() fills: the call
 * may write from the buffer to the struct's end, the name included.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
struct input { char buf[64]; const char *name; int fd; };
int f(struct input in)
{
	COSY_START(r)
	in.fd = open(in.name, O_RDONLY);
	read(in.fd, in.buf, sizeof(in.buf));
	COSY_END()
	return in.fd;
}
// EXPECT: host_path_member_filled.c:12:18: error: path 'in.name' cannot run in a compound: it reads 'in', which the region changes, and the compound gets its value from before the region
