/* printf()'s %f: a compound has no floating point (bpf_snprintf() has no %f either). */
#include <stdio.h>
#include <cosy/cosy.h>
void f(double x, int n)
{
	COSY_START(r)
	for (int i = 0; i < n; i++)
		printf("%d %f\n", i, x);
	COSY_END()
}
// EXPECT: printf_conversion.c:8:10: error: printf()'s conversion '%f' cannot run in a compound: it can print %d %i %u %o %x %X (with hh h l ll j z t), %c, %s and %%
