/* A precision from an argument for a string literal: only digits cut a literal. */
#include <stdio.h>
#include <cosy/cosy.h>
void f(int n)
{
	COSY_START(r)
	for (int i = 0; i < n; i++)
		printf("%.*s\n", i, "abcdef");
	COSY_END()
}
// EXPECT: printf_precision_star_literal.c:8:23: error: a precision from an argument ('.*') for a string literal cannot run in a compound: give it in digits
