/* A helper taking a pointer, under a || that is itself under a && (one level of guard only). */
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
	c = x && (name[1] || first(name));
	COSY_END()
	return c;
}
// EXPECT: helper_pointer.c:13:23: error: call to 'first' cannot run in a compound here: it takes, declares or returns a pointer, array or struct, and cosy-cc inlines such a helper only where its call runs before its statement (in an expression statement, an initialiser, the condition of an if, a switch, a while or a for, not in a do's; on the right of &&, || or ?:, but not of two, one inside the other: a && (b || f())): call it in a statement of its own (x = first(...);)
