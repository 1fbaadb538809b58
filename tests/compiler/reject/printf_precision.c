/* A precision (%.3s, %.2d) is not among what a region's printf() can print. */
#include <stdio.h>
#include <cosy/cosy.h>
void f(int n)
{
	char name[16] = "abcdef";

	COSY_START(r)
	for (int i = 0; i < n; i++)
		printf("%.3s\n", name);
	COSY_END()
}
// EXPECT: printf_precision.c:10:10: error: a precision in printf()'s conversion '%.3s' cannot run in a compound: a width is digits or '*', and a precision cannot be given
