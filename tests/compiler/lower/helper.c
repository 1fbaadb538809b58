/*
 * A helper the program defines is inlined at each call: its parameters
 * and locals are vars of that call (sq_v, sq_v_2), assigned from the
 * arguments first; `if (...) return a; return b;` is a conditional.
 */
#include <cosy/cosy.h>
static int sq(int v)
{
	int r = v * v;

	if (r > 100)
		return 100;
	return r;
}
int f(int x)
{
	int y;

	COSY_START(hlp)
	y = sq(x) + sq(x + 1);
	COSY_END()
	return y;
}
// BPF: int v_sq_v;
// BPF: int v_sq_v_2;
// BPF: ((V->v_sq_v = V->v_x), ((V->v_sq_r = (V->v_sq_v * V->v_sq_v)), ((V->v_sq_r > 100) ? 100 : V->v_sq_r)))
