/* Inline assembly. */
#include <cosy/cosy.h>
void f(void)
{
	COSY_START(r)
	__asm__ volatile("nop");
	COSY_END()
}
// EXPECT: asm.c:6:2: error: inline assembly cannot run in a compound: the compound is BPF
