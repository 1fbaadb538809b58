/*
 * A ?: is lowered as one branch only when its condition does nothing but
 * compute (cond_known(), for glibc's fread_unlocked() macro): here the
 * conditions' values are known, (... || 1) and (... && 0), but the
 * write() and the k++ in them must still happen, so both ?: are lowered
 * whole.
 */
#include <unistd.h>
#include <cosy/cosy.h>
int f(int k)
{
	int n;

	COSY_START(ce)
	n = (write(1, "x", 1) > 0 || 1) ? 5 : 6;
	n += (k++ && 0) ? 1 : 2;
	COSY_END()
	return n + k;
}
// BPF: cosy_write(F->st.s, (int)1, 
// BPF: V->v_n += (((V->v_k++) && 0) ? 1 : 2);
