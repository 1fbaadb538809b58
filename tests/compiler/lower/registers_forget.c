/*
 * A chunked loop whose iterations would each leave a register with a range
 * per path has the verifier forget its registers' ranges at the top of each
 * iteration (COSY_RGN_FORGET(), from a u64 it knows nothing of, loaded
 * once a pass): an index checked in one arm only, or a copy of the counter
 * that is compared (cut -c's `if (selected(k + 1)) putchar(line[k])`,
 * which walked 680 000 insns on 6.12 without it).
 */
#include <stdio.h>
#include <cosy/cosy.h>
static char sel[65], line[256];
static int selected(long k)
{
	if (k >= 10)
		return 1;
	return k <= 64 && sel[k];
}
long f(long len, long n)
{
	long k, i, hits = 0;

	COSY_START(fg)
	for (k = 0; k < len; k++)
		if (selected(k + 1))
			putchar(line[k]);
	for (i = 0; i < n; i++)
		if (hits < 3)
			hits += line[i];
	COSY_END()
	return hits;
}
// BPF: struct fg_loop1_regs {
// BPF: 	long v_k;
// BPF: 	long v_len;
// BPF: 	__u64 opaque;	/* see COSY_RGN_FORGET() */
// BPF: struct fg_loop2_regs {
// BPF: 	long v_i;
// BPF: 	long v_n;
// BPF: 	__u64 opaque;	/* see COSY_RGN_FORGET() */
// BPF: static __always_inline long fg_loop1_it(struct fg_frame *F, struct fg_vars *V, struct fg_loop1_regs *R, __u32 i)
// BPF: 	COSY_RGN_FORGET(R->v_k, R->opaque);
// BPF: 	COSY_RGN_FORGET(R->v_len, R->opaque);
// BPF: 	if (i > 0)
// BPF: 	Rc.opaque = COSY_RGN_OPAQUE(V);
// BPF: static __always_inline long fg_loop2_it(struct fg_frame *F, struct fg_vars *V, struct fg_loop2_regs *R, __u32 i)
// BPF: 	COSY_RGN_FORGET(R->v_i, R->opaque);
// BPF: 	COSY_RGN_FORGET(R->v_n, R->opaque);
// BPF: 	Rc.opaque = COSY_RGN_OPAQUE(V);
