/* A helper taking a pointer. */
#include <cosy/cosy.h>
static int first(const char *s)
{
	return s[0];
}
int f(void)
{
	char name[8] = "abc";
	int c;

	COSY_START(r)
	c = first(name);
	COSY_END()
	return c;
}
// EXPECT: helper_pointer.c:13:12: error: 's' in 'first' cannot run in a compound: cosy-cc inlines helpers whose parameters and locals are integer scalars (not static)
