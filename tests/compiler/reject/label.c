/* A label (without a goto). */
#include <cosy/cosy.h>
void f(int x)
{
	COSY_START(r)
here:
	x++;
	COSY_END()
	(void)x;
}
// EXPECT: label.c:6:1: error: a label cannot run in a compound: only structured control flow lowers to BPF loops
