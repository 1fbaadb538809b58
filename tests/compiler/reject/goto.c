/* goto, even inside the region. */
#include <cosy/cosy.h>
void f(int x)
{
	COSY_START(r)
	if (x)
		goto out;
	x++;
out:
	x--;
	COSY_END()
}
// EXPECT: goto.c:7:3: error: goto cannot run in a compound: only structured control flow (if, loops, break, continue) lowers to BPF loops
