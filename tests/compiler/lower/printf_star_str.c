/*
 * %*s and %-*s of a string in memory: the width from its argument, a
 * negative one left-justifying, past the buffer a trap; spaces before or
 * after as the sign and the '-' flag say
 */
#include <stdio.h>
#include <cosy/cosy.h>

void f(int w, const char *name)
{
	COSY_START(ps)
	printf("[%*s|%-*s]\n", w, name, w - 3, name);
	COSY_END()
}
// BPF: __s64 __w = (int)(V->v_w); int __lj = 0 || __w < 0; if (__w < 0) __w = -__w; if (__w > 4096) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 12);
// BPF: if (!__lj && (__u64)__k < (__u64)__w && cosy_rgn_out_fill(&F->st, &V->st, (__u32 *)F->b_stdout_buf, 4152, 4096, 1, 32, (__u32)__w - (__u32)__k, 12)) return 1;

