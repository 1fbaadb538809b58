/* A precision is for %s only: bpf_snprintf() has none for numbers (%.2d). */
#include <stdio.h>
#include <cosy/cosy.h>
void f(int n)
{
	char name[16] = "abcdef";

	COSY_START(r)
	for (int i = 0; i < n; i++)
		printf("%.3s %.2d\n", name, i);
	COSY_END()
}
// EXPECT: printf_precision.c:10:10: error: a precision in printf()'s conversion '%.2d' cannot run in a compound: a precision can be given to %s only ('%.*s', '%.8s')
