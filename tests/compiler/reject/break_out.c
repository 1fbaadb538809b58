/* break out of the region, to a loop outside it. */
#include <cosy/cosy.h>
void f(int n)
{
	for (;;) {
		COSY_START(r)
		if (n)
			break;
		COSY_END()
		n++;
	}
}
// EXPECT: break_out.c:8:4: error: 'break' out of the region cannot run in a compound: the loop or switch it leaves is outside the region
