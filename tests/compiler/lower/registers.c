/*
 * An innermost loop keeps a scalar in a register for a bpf_loop() pass
 * (R->v_NAME) unless the verifier could tell the pass's paths apart by it:
 * compared in the body, written on some paths only, written after a
 * continue, given a branchy value, or written and passed to a call.
 */
#include <unistd.h>
#include <cosy/cosy.h>
long f(int fd, long n)
{
	char buf[256];
	long i, j, odd = 0, last = 0, w = 0, lt = 0;

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
	COSY_END()
	return odd + last + w + lt;
}
// BPF: struct r_loop1_regs {
// BPF: 	long v_i;
// BPF: 	long v_n;
// BPF: static __always_inline long r_loop1_it(struct r_frame *F, struct r_vars *V, struct r_loop1_regs *R, __u32 i)
// BPF: 		(void)(R->v_i++);
// BPF: 	if (!(R->v_i < R->v_n))
// BPF: 	Rc.v_i = V->v_i;
// BPF: 	Rc.v_n = V->v_n;
// BPF: 		goto out;
// BPF: out:
// BPF: 	V->v_i = R->v_i;
// BPF: 	return ret;
// BPF: struct r_loop2_regs {
// BPF: 	long v_n;
// BPF: };
// BPF: 		(void)(V->v_j++);
// BPF: 	if (!(V->v_j < R->v_n))
// BPF: 		(V->v_odd++);
// BPF: 	V->v_last = R->v_i;
// BPF: struct r_loop4_regs {
// BPF: 	long v_n;
// BPF: 	int v_fd;
// BPF: };
// BPF: 		(void)(V->v_i++);
// BPF: cosy_read(F->st.s, (int)R->v_fd, 
// BPF: 	V->v_lt = 
// NOT-BPF: V->v_n = R->v_n;
// NOT-BPF: V->v_fd = R->v_fd;
