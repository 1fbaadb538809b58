/* An operator from a function-like macro over variables. */
#include <cosy/cosy.h>
#define MIN(a, b) ((a) < (b) ? (a) : (b))
void f(int x, int y)
{
	int z;

	COSY_START(r)
	z = MIN(x, y);
	COSY_END()
	(void)z;
}
// EXPECT: macro_operator.c:9:6: error: this operator cannot run in a compound: it comes from a macro expansion over variables, which cosy-cc cannot read; write it out
