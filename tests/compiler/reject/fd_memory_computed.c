/* An fd in memory the region computes: cosy-cc cannot tell which of the program's fds it is. */
#include <unistd.h>
#include <cosy/cosy.h>
struct out { int fd; long n; };
int main(void)
{
	struct out o = { 1, 0 };

	COSY_START(fdc)
	o.n = 5;
	o.fd = o.fd + 1;
	write(o.fd, "x", 1);
	COSY_END()
	return 0;
}
// EXPECT: fd_memory_computed.c:11:2: error: computing the fd in 'o' cannot run in a compound: an fd kept in memory must be assigned from open(), a constant or a variable, so that cosy-cc knows which of the program's fds to grant
