/* A label as an if's statement, without braces: not a block's, so no goto may reach it. */
#include <cosy/cosy.h>
void f(int x)
{
	COSY_START(r)
	if (x)
here:
		x++;
	COSY_END()
	(void)x;
}
// EXPECT: label.c:7:1: error: this label cannot run in a compound: a goto may reach labels of a block's statements (goto out; ... out: close(fd);), not of an if's or a loop's statement without braces
