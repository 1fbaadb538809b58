/* A backward goto: a loop in disguise. */
#include <cosy/cosy.h>
void f(int x)
{
	COSY_START(r)
again:
	x--;
	if (x)
		goto again;
	COSY_END()
}
// EXPECT: goto.c:9:3: error: a backward goto cannot run in a compound: it is a loop; write it as one
