/* A region inside a region. */
#include <cosy/cosy.h>
void f(int x)
{
	COSY_START(outer)
	x++;
	COSY_START(inner)
	x++;
	COSY_END()
	COSY_END()
}
// EXPECT: nested.c:7:2: error: nested region 'inner' cannot run in a compound: it is inside region 'outer', and one compound cannot start another
