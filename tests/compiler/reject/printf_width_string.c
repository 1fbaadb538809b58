/* A width from an argument for a string in memory: only a literal can be padded so. */
#include <stdio.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	char name[8] = "abc";

	COSY_START(ps)
	printf("%*s\n", argc, name);
	COSY_END()
	(void)argv;
	return 0;
}
// EXPECT: printf_width_string.c:9:24: error: a width from an argument ('*') for this %s cannot run in a compound: it can pad a string literal only; give a width in digits
