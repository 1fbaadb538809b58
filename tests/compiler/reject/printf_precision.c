/* A number's precision from an argument (%.*d): each precision is its own pieces, picked when compiling. */
#include <stdio.h>
#include <cosy/cosy.h>
void f(int n, int digits)
{
	char name[16] = "abcdef";

	COSY_START(r)
	for (int i = 0; i < n; i++)
		printf("%.3s %.*d\n", name, digits, i);
	COSY_END()
}
// EXPECT: printf_precision.c:10:10: error: a precision from an argument ('.*') in printf()'s conversion '%.*d' cannot run in a compound: a number's precision is digits, and its width too
