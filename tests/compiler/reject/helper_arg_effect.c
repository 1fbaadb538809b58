/* An argument with an effect of its own (i++): the inlined calls would not be ordered. */
#include <cosy/cosy.h>
static int sq(int v)
{
	return v * v;
}
int f(const unsigned char *unused)
{
	int i = 0, s;

	(void)unused;
	COSY_START(r)
	s = sq(i++) + sq(i++);
	COSY_END()
	return s;
}
// EXPECT: helper_arg_effect.c:13:9: error: this argument of 'sq' cannot run in a compound: it changes a variable or makes a call, which cosy-cc cannot order against the inlined call; compute it before the call
