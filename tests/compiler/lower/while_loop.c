/* while: the condition first, in the iteration; false leaves the loop.  An innermost loop: 32 iterations a callback. */
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
// BPF: /* while_loop.c:8: the while loop, COSY_RGN_CHUNK iterations per bpf_loop() pass */
// BPF: static __always_inline long r_loop1_it(
// BPF: 	if (!(R->v_i < R->v_n))
// BPF: 		return COSY_RGN_EXIT(&V->st);
// BPF: 	R->v_i += 2;
// BPF: 	return 0;
// BPF: static long r_loop1(__u32 j, void *ctx)
// BPF: 	if (j >= COSY_MAX_LOOPS || cosy_rgn_guard(&F->st, &V->st, j * COSY_RGN_CHUNK, COSY_RGN_LAST_CHUNK, 8, 
// BPF: 	if (r_loop1_it(F, V, R, j * COSY_RGN_CHUNK + 31))
