/* Taking an address. */
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
// EXPECT: address_of.c:9:12: error: taking an address cannot run in a compound: the compound's variables live in the kernel, not at the program's addresses
