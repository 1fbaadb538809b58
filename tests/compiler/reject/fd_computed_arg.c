/* An fd argument that is computed. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd)
{
	char buf[16];
	long n;

	COSY_START(r)
	n = read(fd + 1, buf, sizeof(buf));
	COSY_END()
	(void)n;
}
// EXPECT: fd_computed_arg.c:10:11: error: this fd argument of read() cannot run in a compound: it must be a variable, a constant, an array element or a struct member, so that cosy-cc knows which of the program's fds the compound may use
