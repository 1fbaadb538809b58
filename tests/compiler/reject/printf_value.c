/* printf()'s count is not known in the compound: only a statement prints. */
#include <stdio.h>
#include <cosy/cosy.h>
int f(int n)
{
	int w = 0;

	COSY_START(r)
	for (int i = 0; i < n; i++)
		w += printf("%d\n", i);
	COSY_END()
	return w;
}
// EXPECT: printf_value.c:10:8: error: the value of printf() cannot be used in a compound: call it as a statement
