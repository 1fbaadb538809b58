/* A string literal as a value. */
#include <cosy/cosy.h>
void f(void)
{
	int c;

	COSY_START(r)
	c = "abc"[1];
	COSY_END()
	(void)c;
}
// EXPECT: string_value.c:8:6: error: this subscript cannot run in a compound: only arrays, and pointers the region sets into its memory, can be indexed
