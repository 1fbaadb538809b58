/* GNU case ranges are not lowered. */
#include <cosy/cosy.h>
void f(int x)
{
	int y = 0;

	COSY_START(r)
	switch (x) {
	case 1 ... 5:
		y = 2;
		break;
	}
	COSY_END()
	(void)y;
}
// EXPECT: case_range.c:9:2: error: a case range (case A ... B) cannot run in a compound: cosy-cc lowers single values
