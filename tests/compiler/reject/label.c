/* A label inside a block: a goto may reach only the region's top level. */
#include <cosy/cosy.h>
void f(int x)
{
	COSY_START(r)
	if (x) {
here:
		x++;
	}
	COSY_END()
	(void)x;
}
// EXPECT: label.c:7:1: error: a label inside a block cannot run in a compound: a goto may reach only labels at the region's top level (goto out; ... out: close(fd);)
