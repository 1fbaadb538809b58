/* A constant index outside its array. */
#include <cosy/cosy.h>
void f(void)
{
	int v[4];
	int s;

	COSY_START(r)
	s = v[4];
	COSY_END()
	(void)s;
}
// EXPECT: index_constant.c:9:8: error: index 4 of 'v' cannot run in a compound: it is outside the array (4 elements)
