/* A designated initialiser inside the region. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd)
{
	COSY_START(r)
	char msg[4] = { [2] = 'c' };
	write(fd, msg, 4);
	COSY_END()
}
// EXPECT: array_init.c:7:18: error: a designated initialiser cannot run in a compound: list the elements in order
