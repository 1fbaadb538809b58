/* A bit-field member. */
#include <cosy/cosy.h>
struct flags { unsigned a : 3, b : 5; };
void f(struct flags fl)
{
	unsigned s;

	COSY_START(r)
	s = fl.b;
	COSY_END()
	(void)s;
}
// EXPECT: bitfield.c:9:9: error: bit-field 'fl' cannot run in a compound: only whole-byte members can
