/* The HotOS'03 example: two opens, a do/while of read+write, two closes. */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
void copy(const char *ifile, const char *ofile)
{
	int ifd, ofd;
	char buf[4096];
	long rlen, wlen;

	COSY_START(cp)
	ifd = open(ifile, O_RDONLY);
	ofd = open(ofile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	do {
		rlen = read(ifd, buf, 4096);
		wlen = write(ofd, buf, rlen);
	} while (wlen == 4096);
	close(ifd);
	close(ofd);
	COSY_END()
}
// INFO: region cp (hotos.c:11): 0 live-in, 4 live-out variables, 1 buffers, 2 strings, 1 loops
// BPF: COSY_COMPOUND(12616);
// BPF: struct cp_args {
// BPF: 	struct cosy_ctx cosy;
// BPF: 	int v_ifd;	/* out */
// BPF: 	long v_wlen;	/* out */
// BPF: static __always_inline long cp_loop1_it(struct cp_frame *F, struct cp_vars *V, struct cp_loop1_regs *R, __u32 i)
// BPF: 	if (i > 0 && !(V->v_wlen == 4096L))
// BPF: 		return COSY_RGN_EXIT(&V->st);
// BPF: /* hotos.c:15: rlen = read(ifd, buf, 4096); */
// BPF: if (__n <= 4096U) __r = cosy_read(F->st.s, (int)R->v_ifd, 8520, (__u32)__n); cosy_rgn_ret(&V->st, __r);
// BPF: static long cp_loop1(__u32 j, void *ctx)
// BPF: 	if (j >= COSY_MAX_LOOPS || cosy_rgn_guard(&F->st, &V->st, j * COSY_RGN_CHUNK, COSY_RGN_LAST_CHUNK, 14, 
// BPF: 	_Static_assert(COSY_RGN_CHUNK == 32, "cosy-cc and cosy_region.bpf.h disagree");
// BPF: 	if (cp_loop1_it(F, V, R, j * COSY_RGN_CHUNK + 0))
// BPF: 	if (cp_loop1_it(F, V, R, j * COSY_RGN_CHUNK + 31))
// NOT-BPF: for (__u32 k
// BPF: static __noinline long cp_body(struct cp_frame *F)
// BPF: int __fl = (int)0; long __r = -EFAULT; if (__o < 4096) __r = cosy_open(F->st.s, 328 + (__u32)__o, __fl | COSY_O_REFUSE_WAIT, 0); if (__r == -ETOOMANYREFS || (__r == -EAGAIN && !(__fl & O_NONBLOCK))) COSY_RGN_TRAP_WAIT(&V->st, __r, 12); cosy_rgn_ret(&V->st, cosy_rgn_opened(&F->st, &V->st, __r));
// BPF: int __fl = (int)577; long __r = -EFAULT; if (__o < 4096) __r = cosy_open(F->st.s, 4424 + (__u32)__o, __fl | COSY_O_REFUSE_WAIT, (int)420);
// BPF: 	bpf_loop(COSY_MAX_LOOPS, cp_loop1, F, 0);
// BPF: 	if (cosy_rgn_looped(&V->st, 14))
// BPF: cosy_close(F->st.s, __fd); cosy_rgn_closed(&F->st, &V->st, __fd);
// BPF: SEC(COSY_RGN_SEC)
// BPF: int rgn__cp(struct cp_args *a)
// BPF: 	if (V->st.armed != 0x
// BPF: 		return -ESTALE;
// BPF: 	V->st.armed = 0;
// BPF: 	cosy_rgn_keep_all(&f.st, &V->st);
// BPF: 	a->v_wlen = V->v_wlen;
// BPF: 	cosy_end(f.st.s, a);
// HOST: { ifile, 328, 4096, COSY_RGN_STR, "ifile" },
// HOST: { buf, 8520, 4096, COSY_RGN_IN | COSY_RGN_OUT, "buf" }
// HOST: int __cosy_p = cosy_rgn_enter(&__cosy_rgn_cp);
// HOST: __cosy_p = cosy_rgn_run(&__cosy_rgn_cp, &__cosy_a, sizeof(__cosy_a), __cosy_m, 3, 0, 0);
// HOST: ifd = __cosy_a.v_ifd;
// HOST: cosy_rgn_leave(&__cosy_rgn_cp, &__cosy_a, __cosy_m, 3);
// HOST: #line 11 "hotos.c"
// HOST: ifd = open(ifile, O_RDONLY);
