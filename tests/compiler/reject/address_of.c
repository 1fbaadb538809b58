/* An address converted to an integer. */
#include <cosy/cosy.h>
void g(int *p);
void f(int x)
{
	long a;

	COSY_START(r)
	a = (long)&x;
	COSY_END()
	(void)a;
}
// EXPECT: address_of.c:9:6: error: converting a pointer to an integer cannot run in a compound: a compound's pointers are offsets into its memory, not the program's addresses
