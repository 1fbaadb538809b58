/* A struct initialised from a call's value: refused, with what can be. */
#include <cosy/cosy.h>
struct pair { int a, b; };
struct pair make(int x);
int f(int x)
{
	int s;

	COSY_START(r)
	struct pair p = make(x);
	s = p.a;
	COSY_END()
	return s;
}
// EXPECT: struct_init_call.c:10:18: error: this initialiser cannot run in a compound: an array or struct declared in a region can be initialised with a brace list, a struct from a struct variable, member or element, and a char array from a string literal; copy the struct member by member
