/* switch: C's own in the compound; its break stays a break, a loop's leaves the callback. */
#include <cosy/cosy.h>
void f(int n)
{
	int i, a = 0, b = 0;

	COSY_START(r)
	for (i = 0; i < n; i++) {
		switch (i & 3) {
		case 0:
			a++;
			break;
		case -1:
		default:
			b++;
		}
		if (a > 5)
			break;
	}
	COSY_END()
	(void)a;
	(void)b;
}
// BPF: 	switch ((V->v_i & 3)) {
// BPF: 	case 0LL:
// BPF: 		break;
// BPF: 	case -1LL:
// BPF: 	default:
// BPF: 		return COSY_RGN_EXIT(&V->st);
