/* while: the condition first, in the callback; false leaves the loop. */
#include <cosy/cosy.h>
void f(int n)
{
	int i = 0;

	COSY_START(r)
	while (i < n)
		i += 2;
	COSY_END()
	(void)i;
}
// BPF: /* while_loop.c:8: the while loop, one bpf_loop() iteration per pass */
// BPF: static long r_loop1(__u32 i, void *ctx)
// BPF: 	if (cosy_rgn_guard(&F->st, &V->st, i, 8))
// BPF: 	if (!(V->v_i < V->v_n))
// BPF: 		return COSY_RGN_EXIT(&V->st);
// BPF: 	V->v_i += 2;
// BPF: 	return 0;
