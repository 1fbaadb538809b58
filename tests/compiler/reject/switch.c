/* switch is not lowered. */
#include <cosy/cosy.h>
void f(int x)
{
	int y = 0;

	COSY_START(r)
	switch (x) {
	case 1:
		y = 2;
	}
	COSY_END()
	(void)y;
}
// EXPECT: switch.c:8:2: error: switch cannot run in a compound: cosy-cc does not lower it; use if/else
