/* Nested loops: one callback each, the inner run from the outer's. */
#include <cosy/cosy.h>
void f(int m)
{
	int i, j, n = 0;

	COSY_START(r)
	for (i = 0; i < 3; i++)
		for (j = 0; j < m; j++)
			n++;
	COSY_END()
	(void)n;
}
// INFO: 2 loops
// BPF: static __always_inline long r_loop2_it(
// BPF: 	(R->v_n++);
// BPF: static long r_loop2(__u32 j, void *ctx)
// BPF: static long r_loop1(__u32 i, void *ctx)
// BPF: 	bpf_loop(COSY_MAX_LOOPS, r_loop2, F, 0);
// BPF: 	if (cosy_rgn_looped(&V->st, 9))
// BPF: static __noinline long r_body
// BPF: 	bpf_loop(COSY_MAX_LOOPS, r_loop1, F, 0);
