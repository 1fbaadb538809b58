/*
 * Pointers the region sets are byte offsets into the one variable they
 * point into: p++ adds the pointee's size, *p and p->f are paths whose
 * dynamic term (the offset) is checked so the whole access fits, NULL is
 * COSY_RGN_NULL, p - q counts elements.  A pointer from outside that the
 * region sets is copied back as an address into the program's variable.
 */
#include <cosy/cosy.h>
struct rec {
	int len;
	char name[12];
};
long f(int n)
{
	char buf[256];
	struct rec recs[8];
	char *q;
	long s = 0;

	COSY_START(r)
	char *p = buf, *end = buf + n;
	while (p < end && *p != '\n')
		p++;
	struct rec *r = recs + 1;
	r->len = (int)(p - buf);
	r[1].name[2] = *p;
	q = r ? p : NULL;
	s = (r + 2) - recs;
	COSY_END()
	return s + (q != 0);
}
/* the loop's callback comes first in the file */
// BPF: if (!((R->v_p < R->v_end) && (((int)COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, R->v_p, 256UL, 22))) != 10)))
// BPF: (void)((R->v_p += 1L) - 1L);
// BPF: V->v_p = ((long)0UL);
// BPF: V->v_end = (((long)0UL) + ((long)V->v_n));
// BPF: V->v_r = (((long)0UL) + (((unsigned long)((long)1)) * 16UL));
// BPF: COSY_RGN_ATV(int, F->b_recs, 352, COSY_RGN_IDX(&V->st, V->v_r, 125UL, 25)) = ((int)(V->v_p - ((long)0UL)));
// BPF: COSY_RGN_ATV(signed char, F->b_recs, 352, 6UL + COSY_RGN_IDX(&V->st, (((unsigned long)V->v_r) + (((unsigned long)1) * 16UL)), 122UL, 26)) = COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, V->v_p, 256UL, 26));
// BPF: V->v_q = ((V->v_r != (-9223372036854775807L - 1)) ? V->v_p : (-9223372036854775807L - 1));
// BPF: V->v_s = COSY_RGN_SDIV(&V->st, long, (-9223372036854775807LL - 1), ((V->v_r + (((unsigned long)((long)2)) * 16UL)) - ((long)0UL)), 16L, 28);
// HOST: q = __cosy_a.v_q == COSY_RGN_NULL ? 0 : (__typeof__(q))((char *)buf + __cosy_a.v_q);
