/*
 * A struct initialised from another (sweep 21's `struct user tmp =
 * users[i];`), as `p = q;` is: the declaration zeroes it, then one copy
 * in the segment; from a parameter, and from an element of an array.
 */
#include <cosy/cosy.h>
struct pair { int a, b; };
int f(struct pair q, int i)
{
	struct pair arr[4] = { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } };
	int s;

	COSY_START(r)
	struct pair p = q;
	struct pair e = arr[i & 3];
	s = p.a + e.b;
	COSY_END()
	return s;
}
// BPF: ({ __u64 __d = 0UL, __s = 0UL; COSY_RGN_KCALL(&F->st, &V->st, cosy_memcpy(F->st.s, 56 + (__u32)__d, 64 + (__u32)__s, 8), 14); });
// BPF: ({ __u64 __d = 0UL, __s = COSY_RGN_IDX(&V->st, (V->v_i & 3), 4UL, 15) * 8UL; COSY_RGN_KCALL(&F->st, &V->st, cosy_memcpy(F->st.s, 72 + (__u32)__d, 80 + (__u32)__s, 8), 15); });
