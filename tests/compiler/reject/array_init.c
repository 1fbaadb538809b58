/* An initialised array inside the region. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd)
{
	COSY_START(r)
	char msg[4] = { 'a', 'b', 'c', 'd' };
	write(fd, msg, 4);
	COSY_END()
}
// EXPECT: array_init.c:7:7: error: an initialised array cannot run in a compound: declare the buffer before the region or fill it in a loop
