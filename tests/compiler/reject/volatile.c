/* A volatile variable. */
#include <cosy/cosy.h>
void f(void)
{
	volatile int flag = 0;
	int x = 0;

	COSY_START(r)
	x = flag;
	COSY_END()
	(void)x;
}
// EXPECT: volatile.c:9:6: error: volatile variable 'flag' cannot run in a compound: its every access must reach memory the kernel cannot see
