/* continue to a loop outside the region. */
#include <cosy/cosy.h>
void f(int n)
{
	while (n < 10) {
		COSY_START(r)
		n++;
		continue;
		COSY_END()
	}
}
// EXPECT: continue_out.c:8:3: error: 'continue' out of the region cannot run in a compound: the loop it leaves is outside the region
