/*
 * A helper that returns a pointer into the region's memory (or NULL)
 * gives a pointer the region sets: its ret var is bound to the table every
 * return points into, a NULL return is COSY_RGN_NULL, and the caller's
 * pointer and its test against NULL use it.
 */
#include <cosy/cosy.h>
struct ent {
	char key[8];
	long n;
};
static struct ent tab[16];
static struct ent *slot(int h)
{
	if (h < 0)
		return 0;
	return &tab[h & 15];
}
long f(int h)
{
	long got = 0;

	COSY_START(hpr)
	struct ent *e = slot(h);
	if (e) {
		e->n++;
		got = e->n;
	}
	COSY_END()
	return got;
}
// BPF: long v_slot_ret;
// BPF: V->v_slot_ret = (-9223372036854775807L - 1);
// BPF: V->v_slot_ret = ((long)(((unsigned long)(V->v_slot_h & 15)) * 16UL));
// BPF: V->v_e = V->v_slot_ret;
// BPF: if (V->v_e != (-9223372036854775807L - 1)) {
// BPF: (COSY_RGN_ATV(long, F->b_tab, 80, 8UL + COSY_RGN_IDX(&V->st, V->v_e, 241UL, 26))++);
