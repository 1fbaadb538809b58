/* for: init before bpf_loop, the increment from the second pass on (a bound
 * the program computes: see counted_loop.c for a constant one). */
#include <cosy/cosy.h>
void f(int n)
{
	int i, s = 0;

	COSY_START(r)
	for (i = 0; i < n; i++)
		s += i;
	COSY_END()
	(void)s;
}
// BPF: 	if (i > 0)
// BPF: 		(void)(R->v_i++);
// BPF: 	if (!(R->v_i < R->v_n))
// BPF: 	R->v_s += R->v_i;
// BPF: 	V->v_i = 0;
// BPF: 	bpf_loop(COSY_MAX_LOOPS, r_loop1, F, 0);
