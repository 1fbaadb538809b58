/*
 * A for loop that runs a constant number of times, at most 16, and whose
 * body leaves its counter alone: unrolled (one more inlined iteration
 * finds the condition false), with no bpf_loop() and no guard.  Counting
 * down, by steps, and a bound past 16 (a bpf_loop() again).
 */
#include <cosy/cosy.h>
void f(void)
{
	char rec[16];
	long k, v = 1234567, s = 0, i;

	COSY_START(r)
	for (k = 13; k >= 7; k--) {
		rec[k] = (char)('0' + v % 10);
		v /= 10;
	}
	for (i = 0; i < 64; i += 8)
		s += i;
	for (i = 0; i < 17; i++)
		s += i;
	COSY_END()
	(void)s;
	(void)rec;
}
// BPF: /* counted_loop.c:14: the for loop, 7 iterations, unrolled */
// BPF: static __always_inline long r_loop1_it(struct r_frame *F, struct r_vars *V, __u32 i)
// BPF: /* counted_loop.c:18: the for loop, 8 iterations, unrolled */
// BPF: /* counted_loop.c:20: the for loop, COSY_RGN_CHUNK iterations per bpf_loop() pass */
// BPF: 	do {
// BPF: 		if (r_loop1_it(F, V, 0))
// BPF: 		if (r_loop1_it(F, V, 7))
// BPF: 	} while (0);
// BPF: 	if (cosy_rgn_looped(&V->st, 14)) {
// BPF: 		if (r_loop2_it(F, V, 8))
// BPF: 	bpf_loop(COSY_MAX_LOOPS, r_loop3, F, 0);
// NOT-BPF: __t
