/* return from inside the region. */
#include <cosy/cosy.h>
int f(int x)
{
	COSY_START(r)
	if (x > 3)
		return 1;
	COSY_END()
	return 0;
}
// EXPECT: return.c:7:3: error: return cannot run in a compound: the compound cannot leave the enclosing function; set a variable and return after COSY_END()
