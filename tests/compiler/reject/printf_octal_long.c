/* %lo: the region prints %o as the decimal digits of a %llu, which hold the octal ones of 32 bits only. */
#include <stdio.h>
#include <cosy/cosy.h>
void f(long x)
{
	COSY_START(r)
	printf("%lo\n", x);
	COSY_END()
}
// EXPECT: printf_octal_long.c:7:9: error: printf()'s conversion '%lo' cannot run in a compound: it can print %d %i %u %x %X (with hh h l ll j z t), %o (with hh h), %c, %s and %%
