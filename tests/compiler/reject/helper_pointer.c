/* A helper taking a pointer, called on one side of && only. */
#include <cosy/cosy.h>
static int first(const char *s)
{
	return s[0];
}
int f(int x)
{
	char name[8] = "abc";
	int c;

	COSY_START(r)
	c = x && first(name);
	COSY_END()
	return c;
}
// EXPECT: helper_pointer.c:13:11: error: call to 'first' cannot run in a compound here: it takes, declares or returns a pointer, array or struct, and cosy-cc inlines such a helper only where its call runs on every path of a statement (an expression statement, an initialiser, the condition of an if, a switch or a while; not under &&, || or ?:, nor in a for's or a do's condition): call it in a statement of its own (x = first(...);)
