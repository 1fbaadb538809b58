/* A struct assignment over an fd in memory: the fd it copies is not followed. */
#include <unistd.h>
#include <cosy/cosy.h>
struct out { int fd; long n; };
int main(void)
{
	struct out o = { 1, 0 }, p = { 2, 0 };

	COSY_START(fdcp)
	p = o;
	write(p.fd, "x", 1);
	COSY_END()
	return 0;
}
// EXPECT: fd_memory_copy.c:10:2: error: copying over the fds in 'p' cannot run in a compound: cosy-cc does not follow fds a struct or array copy moves; assign the fd by itself
