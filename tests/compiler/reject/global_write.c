/* A write to a global variable. */
#include <cosy/cosy.h>
int counter;
void f(int x)
{
	COSY_START(r)
	counter = x + 1;
	COSY_END()
}
// EXPECT: global_write.c:7:2: error: a write to global 'counter' cannot run in a compound: the kernel works on a copy, which other threads and signal handlers of the program would not see
