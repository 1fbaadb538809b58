/* A struct initialised from another. */
#include <cosy/cosy.h>
struct pair { int a, b; };
int f(struct pair q)
{
	int s;

	COSY_START(r)
	struct pair p = q;
	s = p.a;
	COSY_END()
	return s;
}
// EXPECT: struct_copy.c:9:18: error: this initialiser cannot run in a compound: an array or struct declared in a region can be initialised with a brace list or, a char array, a string literal; copy the struct member by member
