/* Read before written: copied in.  Only written: copied out, never in. */
#include <cosy/cosy.h>
void f(int a, int b)
{
	int x, y = 3, z;

	COSY_START(r)
	x = a + 1;
	z = y * 2;
	y = z + x;
	COSY_END()
	(void)b;
}
// BPF: 	int v_x;	/* out */
// BPF: 	int v_a;	/* in */
// BPF: 	int v_z;	/* out */
// BPF: 	int v_y;	/* in/out */
// BPF: 	V->v_a = a->v_a;
// BPF: 	V->v_y = a->v_y;
// NOT-BPF: V->v_x = a->v_x;
// NOT-BPF: v_b
// HOST: __cosy_a.v_a = a;
// HOST: __cosy_a.v_y = y;
// HOST: x = __cosy_a.v_x;
