/* Two regions of one file with the same name. */
#include <cosy/cosy.h>
void f(int x)
{
	COSY_START(r)
	x++;
	COSY_END()
	COSY_START(r)
	x--;
	COSY_END()
	(void)x;
}
// EXPECT: duplicate_name.c:8:2: error: region name 'r' is used twice in this file
