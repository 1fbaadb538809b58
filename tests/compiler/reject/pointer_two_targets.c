/* One pointer into two variables. */
#include <cosy/cosy.h>
int f(int k)
{
	char a[8], b[8];
	int c;

	COSY_START(r)
	char *p = a;
	if (k)
		p = b;
	c = *p;
	COSY_END()
	return c;
}
// EXPECT: pointer_two_targets.c:11:3: error: pointer 'p' cannot run in a compound: it points into 'b' here and into 'a' before, and cosy-cc keeps a pointer as an offset into one variable
