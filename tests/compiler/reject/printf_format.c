/* A format in a variable: what it converts is known only when it runs. */
#include <stdio.h>
#include <cosy/cosy.h>
void f(const char *fmt, int n)
{
	COSY_START(r)
	for (int i = 0; i < n; i++)
		printf(fmt, i);
	COSY_END()
}
// EXPECT: printf_format.c:8:10: error: printf()'s format cannot run in a compound unless it is a string literal
