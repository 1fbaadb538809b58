/* A static declaration inside the region. */
#include <cosy/cosy.h>
void f(void)
{
	COSY_START(r)
	static int n;
	(void)n;
	COSY_END()
}
// EXPECT: static_in_region.c:6:13: error: a static or extern declaration cannot run in a compound: declare it before the region
