/* Assigned on one branch only: copied back only if the compound assigned it. */
#include <cosy/cosy.h>
void f(int c)
{
	int x = 0, y;

	COSY_START(r)
	if (c)
		x = 1;
	if (c)
		y = 1;
	else
		y = 2;
	COSY_END()
	(void)x;
	(void)y;
}
// BPF: 	int v_x;	/* out if assigned */
// BPF: 	int v_y;	/* out */
// BPF: 		V->st.set |= 1ULL;
// BPF: 	a->hdr.rgn_set = V->st.set;
// HOST: if (__cosy_a.hdr.rgn_set & 1ULL)
// HOST: x = __cosy_a.v_x;
// NOT-BPF: V->v_x = a->v_x;
