/*
 * A helper with a loop in a for's condition runs at the top of each
 * iteration, after the step: for (d; ; c) { CALLS; if (!a) break; b },
 * so that a continue goes through the step to the call again.
 */
#include <cosy/cosy.h>
static int digits(long v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}
int f(long x)
{
	int k = 0, odd = 0;

	COSY_START(hfor)
	for (long y = x; digits(y) > 1; k++, y /= 10) {
		if (y % 2)
			continue;
		odd++;
	}
	COSY_END()
	return k * 100 + odd;
}
// BPF: if (i > 0)
// BPF: (void)((V->v_k++), ({ long *__p = &V->v_y;
// BPF: V->v_digits_v = V->v_y;
// BPF: bpf_loop(COSY_MAX_LOOPS, hfor_loop2, F, 0);
// BPF: V->v_digits_ret = V->v_digits_n;
// BPF: if ((!(V->v_digits_ret > 1))) {
// BPF: return COSY_RGN_EXIT(&V->st);
// BPF: if (COSY_RGN_SMOD(&V->st, long, (-9223372036854775807LL - 1), V->v_y, 2L, 23)) {
// BPF: return 0;
// BPF: (V->v_odd++);
