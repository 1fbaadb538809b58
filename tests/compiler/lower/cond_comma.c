/* ?:, the comma operator, casts, logical operators: as written. */
#include <cosy/cosy.h>
void f(long a, int b)
{
	int r;

	COSY_START(r1)
	r = (int)(a > 0 ? a : -a);
	r = (b++, r + b);
	r = !r || (b && a != 3);
	COSY_END()
	(void)r;
}
// BPF: 	V->v_r = ((int)((V->v_a > 0L) ? V->v_a : (-V->v_a)));
// BPF: 	V->v_r = ((V->v_b++), (V->v_r + V->v_b));
// BPF: 	V->v_r = ((!V->v_r) || (V->v_b && (V->v_a != 3L)));
