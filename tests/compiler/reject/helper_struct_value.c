/* A helper taking a struct by value. */
#include <cosy/cosy.h>
struct pair {
	int a, b;
};
static int sum(struct pair p)
{
	return p.a + p.b;
}
int f(void)
{
	struct pair p = { 1, 2 };
	int s;

	COSY_START(r)
	s = sum(p);
	COSY_END()
	return s;
}
// EXPECT: helper_struct_value.c:16:10: error: this argument of 'sum' cannot run in a compound: cosy-cc inlines helpers that take a struct by pointer, not by value
