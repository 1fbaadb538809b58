/*
 * A pointer the region does not set, followed past what it points to:
 * *p is an out-parameter's integer (lower/out_param.c), *(p + 1) is
 * memory the compound cannot know.
 */
#include <cosy/cosy.h>
void f(int *p)
{
	int y;

	COSY_START(r)
	y = *(p + 1);
	COSY_END()
	(void)y;
}
// EXPECT: pointer.c:12:6: error: dereferencing this pointer cannot run in a compound: cosy-cc follows only pointers the region sets (declared or assigned in it) into its own memory
