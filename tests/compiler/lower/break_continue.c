/* break leaves the callback's loop (return 1 + exit flag), continue returns 0. */
#include <cosy/cosy.h>
void f(int n)
{
	int i, s = 0;

	COSY_START(r)
	for (i = 0; ; i++) {
		if (i == n)
			break;
		if (i % 2)
			continue;
		s++;
	}
	COSY_END()
	(void)s;
}
// BPF: 	if (V->v_i == V->v_n) {
// BPF: 		return COSY_RGN_EXIT(&V->st);
// BPF: 	if (COSY_RGN_SMOD(&V->st, int, (-2147483647 - 1), V->v_i, 2, 11)) {
// BPF: 		return 0;
// NOT-BPF: if (!(
