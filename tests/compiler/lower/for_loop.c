/* for: init before bpf_loop, the increment from the second pass on. */
#include <cosy/cosy.h>
void f(void)
{
	int i, s = 0;

	COSY_START(r)
	for (i = 0; i < 10; i++)
		s += i;
	COSY_END()
	(void)s;
}
// BPF: 	if (i > 0)
// BPF: 		(void)(V->v_i++);
// BPF: 	if (!(V->v_i < 10))
// BPF: 	V->v_s += V->v_i;
// BPF: 	V->v_i = 0;
// BPF: 	bpf_loop(COSY_MAX_LOOPS, r_loop1, F, 0);
