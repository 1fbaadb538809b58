/* read() into a string literal. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd)
{
	COSY_START(r)
	read(fd, "buffer", 3);
	COSY_END()
}
// EXPECT: read_into_literal.c:7:11: error: read() into a string literal cannot run in a compound
