/* A function's static variable is a global too. */
#include <cosy/cosy.h>
void f(int x)
{
	static int calls;

	COSY_START(r)
	calls += x;
	COSY_END()
}
// EXPECT: static_local_write.c:8:2: error: a write to global 'calls' cannot run in a compound: the kernel works on a copy, which other threads and signal handlers of the program would not see
