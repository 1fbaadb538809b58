/* '0' with a width from an argument: zeros go after the sign, which the region's padding does not do. */
#include <stdio.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	COSY_START(pz)
	printf("%0*d\n", argc, argc);
	COSY_END()
	(void)argv;
	return 0;
}
// EXPECT: printf_width_zero.c:7:9: error: the 0 flag with '*' in printf()'s conversion '%0*d' cannot run in a compound: the padding from an argument's width is spaces
