/* Closing an fd the region did not open. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd)
{
	COSY_START(r)
	close(fd);
	COSY_END()
}
// EXPECT: close_outside.c:7:2: error: closing 'fd', which may hold an fd from outside the region, cannot run in a compound: the guard lets a compound close only the fds it opened (assign it from open() inside the region first)
