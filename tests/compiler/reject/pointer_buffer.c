/* A char pointer as a read() buffer: its extent is unknown. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd, char *p)
{
	long n;

	COSY_START(r)
	n = read(fd, p, 10);
	COSY_END()
	(void)n;
}
// EXPECT: pointer_buffer.c:9:15: error: pointer 'p' as data argument cannot run in a compound: the compound needs the extent of the memory; use a char array
