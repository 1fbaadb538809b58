/* Signed division as magnitudes (no BPF sdiv on 6.1); unsigned as is; both trap on 0. */
#include <cosy/cosy.h>
void f(int a, int b, unsigned long u, unsigned long v)
{
	int q;
	unsigned long r;

	COSY_START(r1)
	q = a / b;
	r = u % v;
	a %= 3;
	COSY_END()
	(void)q;
	(void)r;
}
// BPF: 	V->v_q = COSY_RGN_SDIV(&V->st, int, (-2147483647 - 1), V->v_a, V->v_b, 9);
// BPF: 	V->v_r = COSY_RGN_UMOD(&V->st, unsigned long, V->v_u, V->v_v, 10);
// BPF: ({ int *__p = &V->v_a; *__p = COSY_RGN_SMOD(&V->st, int, (-2147483647 - 1), *__p, 3, 11); });
