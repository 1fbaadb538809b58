/* A helper taking a pointer, on the right of && after a test of memory (which it could change). */
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
	c = name[1] && first(name);
	COSY_END()
	return c;
}
// EXPECT: helper_pointer.c:13:17: error: call to 'first' cannot run in a compound here: it takes, declares or returns a pointer, array or struct, and cosy-cc inlines such a helper only where its call runs before its statement (in an expression statement, an initialiser, the condition of an if, a switch, a while or a for, not in a do's; on the right of &&, || or ?: only after a test of the region's own scalars that the call cannot change: no memory, global, variable whose address is taken, call or assignment): call it in a statement of its own (x = first(...);)
