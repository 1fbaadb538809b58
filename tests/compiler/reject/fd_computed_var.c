/* An fd variable assigned a computed value. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int base)
{
	char buf[16];
	int fd;
	long n;

	COSY_START(r)
	fd = base * 2;
	n = read(fd, buf, sizeof(buf));
	COSY_END()
	(void)n;
}
// EXPECT: fd_computed_var.c:11:2: error: computing the fd in 'fd' cannot run in a compound: an fd variable must be assigned from open(), a constant or another variable, so that cosy-cc knows which of the program's fds to grant
