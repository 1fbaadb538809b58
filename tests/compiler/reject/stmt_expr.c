/* A GNU statement expression. */
#include <cosy/cosy.h>
void f(int x)
{
	COSY_START(r)
	x = ({ int t = x; t + 1; });
	COSY_END()
	(void)x;
}
// EXPECT: stmt_expr.c:6:6: error: a statement expression cannot run in a compound
