/*
 * An innermost loop keeps a scalar in a register for a bpf_loop() pass
 * (R->v_NAME) unless the verifier could tell the pass's paths apart by it:
 * compared in the body, written on some paths only, written after a
 * continue, given a branchy value, or written and passed to a call.
 * A loop whose inner loops are all unrolled (counted, never left early)
 * keeps its scalars in registers for its one iteration a pass; a
 * division by a constant has no branch.
 */
#include <unistd.h>
#include <cosy/cosy.h>
long f(int fd, long n)
{
	char buf[256], rec[8];
	long i, j, k, v, odd = 0, last = 0, w = 0, lt = 0;

	COSY_START(r)
	for (i = 0; i < n; i++)
		if (buf[i] >= 'a')
			buf[i] -= 32;
	for (j = 0; j < n; j++)
		if (j % 2)
			odd++;
	for (i = 0; i < n; i++) {
		if (buf[i] == 0)
			continue;
		last = i;
	}
	for (i = 0; i < n; i++) {
		w = read(fd, buf, i);
		lt = buf[i] < 5;
	}
	for (i = 0; i < n; i++) {
		v = i;
		for (k = 7; k >= 0; k--) {
			rec[k] = (char)('0' + v % 10);
			v /= 10;
		}
		w = write(fd, rec, 8);
	}
	for (i = 0; i < n; i++) {
		v = i;
		for (k = 7; k >= 0; k--) {
			if (v == 0)
				break;
			v /= 10;
		}
		w = write(fd, rec, 8);
	}
	COSY_END()
	return odd + last + w + lt;
}
// BPF: struct r_loop1_regs {
// BPF: 	long v_i;
// BPF: 	long v_n;
// BPF: struct r_loop2_regs {
// BPF: 	long v_n;
// BPF: };
// BPF: struct r_loop4_regs {
// BPF: 	long v_n;
// BPF: 	int v_fd;
// BPF: };
// BPF: struct r_loop5_regs {
// BPF: 	long v_i;
// BPF: 	long v_n;
// BPF: 	long v_v;
// BPF: 	long v_k;
// BPF: 	int v_fd;
// BPF: };
// BPF: static __always_inline long r_loop6_it(struct r_frame *F, struct r_vars *V, struct r_loop5_regs *R, __u32 i);
// BPF: static __always_inline long r_loop1_it(struct r_frame *F, struct r_vars *V, struct r_loop1_regs *R, __u32 i)
// BPF: 		(void)(R->v_i++);
// BPF: 	if (!(R->v_i < R->v_n))
// BPF: 	Rc.v_i = V->v_i;
// BPF: 	Rc.v_n = V->v_n;
// BPF: 		goto out;
// BPF: out:
// BPF: 	V->v_i = R->v_i;
// BPF: 	return ret;
// BPF: 		(void)(V->v_j++);
// BPF: 	if (!(V->v_j < R->v_n))
// BPF: 		(V->v_odd++);
// BPF: 	V->v_last = R->v_i;
// BPF: 		(void)(V->v_i++);
// BPF: cosy_read(F->st.s, (int)R->v_fd, 
// BPF: 	V->v_lt = 
// BPF: the for loop, 8 iterations, unrolled
// BPF: 		(void)(R->v_k--);
// BPF: 	if (!(R->v_k >= 0L))
// BPF: COSY_RGN_IDX(&V->st, R->v_k, 8UL, 
// BPF: COSY_RGN_SMOD(&V->st, long, (-9223372036854775807LL - 1), R->v_v, 10L,
// BPF: 	({ long *__p = &R->v_v; *__p = COSY_RGN_SDIV(
// BPF: the for loop, one bpf_loop() iteration per pass, its scalars in registers
// BPF: 	R->v_v = R->v_i;
// BPF: 	R->v_k = 7L;
// BPF: 		if (r_loop6_it(F, V, R, 0))
// BPF: cosy_write(F->st.s, (int)R->v_fd, 
// BPF: static long r_loop5(__u32 j, void *ctx)
// BPF: 	struct r_frame *F = ctx;
// BPF: 	if (cosy_rgn_guard(&F->st, &V->st, j, 
// BPF: 	if (r_loop5_it(F, V, R, j))
// BPF: 	V->v_k = R->v_k;
// BPF: 	if (V->v_v == 0L)
// BPF: the for loop, one bpf_loop() iteration per pass */
// BPF: 		(void)(V->v_i++);
// BPF: 	V->v_v = V->v_i;
// NOT-BPF: V->v_n = R->v_n;
// NOT-BPF: V->v_fd = R->v_fd;
// NOT-BPF: struct r_loop7_regs {
