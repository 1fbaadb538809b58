/*
 * A pointer the region sets to a string literal points into the
 * literal's bytes in the region's literal pool, copied into the segment:
 * written out, walked to its NUL.
 */
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(void)
{
	int n = 0;

	COSY_START(plit)
	const char *p = "hello\n";
	write(1, p, strlen(p));
	for (const char *q = p; *q; q++)
		n += *q == 'l';
	COSY_END()
	return n;
}
// BPF: V->v_p = ((long)0UL);
// BPF: if (COSY_RGN_FITS(__o, __n, 7U)) __r = cosy_write(F->st.s, (int)1, 72 + (__u32)__o, (__u32)__n);
// BPF: V->v_q = V->v_p;
// BPF: V->v_n += (((int)COSY_RGN_ATV(signed char, F->b_lits, 72, COSY_RGN_IDX(&V->st, R->v_q, 7UL, 17))) == 108);
