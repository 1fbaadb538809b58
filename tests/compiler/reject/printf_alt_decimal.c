/* The # flag of %d: C gives it no meaning there (it is for %o %x %X). */
#include <stdio.h>
#include <cosy/cosy.h>
void f(int n)
{
	COSY_START(r)
	for (int i = 0; i < n; i++)
		printf("%#d\n", i);
	COSY_END()
}
// EXPECT: printf_alt_decimal.c:8:10: error: the # flag in printf()'s conversion '%#d' cannot run in a compound: C gives it a meaning for %o %x %X only
