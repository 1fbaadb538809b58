/*
 * A FILE the region opens with fopen(path, "w"): open(path, O_WRONLY |
 * O_CREAT | O_TRUNC, 0666) and an output buffer of its own, written as
 * stdout's is (fprintf(), fputs(), putc() into it, full buffers to the
 * FILE's fd); a failed write sets its error flag.  fclose() flushes, then
 * closes: EOF if either failed.  The entry empties the buffer before the
 * run and, at the region's end, writes out what a FILE left open holds.
 */
#include <stdio.h>
#include <cosy/cosy.h>
long f(const char *path, int append, long n)
{
	long i, rc = 0;

	COSY_START(fw)
	FILE *out = fopen(path, append ? "a" : "w");
	if (!out)
		return -1;
	for (i = 0; i < n; i++)
		fprintf(out, "%ld\n", i);
	fputs("end", out);
	putc('\n', out);
	fflush(out);
	if (ferror(out))
		rc = 1;
	if (fclose(out) != 0)
		rc = 2;
	COSY_END()
	return rc;
}
// BPF: int __fl = cosy_rgn_oflags((int)(V->v_append ? 1089 : 577)); long __r = -EFAULT; if (__o < 4096) __r = cosy_open(F->st.s, 360 + (__u32)__o, __fl | COSY_O_REFUSE_WAIT, (int)438); if (__r == -ETOOMANYREFS || (__r == -EAGAIN && !(__fl & O_NONBLOCK))) COSY_RGN_TRAP_WAIT(&V->st, __r, 16); cosy_rgn_ret(&V->st, cosy_rgn_opened(&F->st, &V->st, __r)); }))) < 0) ? (-9223372036854775807L - 1) : ((void)((void)({ __u32 *__h = (__u32 *)(F->b_files_obufs + 0); __h[0] = (__u32)V->v_out_fd; __h[2] = 0; __h[3] = 0; }))
// BPF: (__u32 *)(F->b_files_obufs + 0) + 2, 4464, 4096, COSY_RGN_OUT_FILE, 8568, (__u32)__r - 1, 20, 1)) return 1;
// BPF: COSY_RGN_ATV(__u8, (F->b_files_obufs + 0), 4456, 8 + COSY_RGN_OUT_HEAD + __i) = __c; *((__u32 *)(F->b_files_obufs + 0) + 2) = (__u32)__i + 1;
// BPF: (void)((int)({ __u32 *__h = (__u32 *)(F->b_files_obufs + 0), __b = __h[3]; __h[3] = 0; if (cosy_rgn_out_flush(&F->st, &V->st, (__u32 *)(F->b_files_obufs + 0) + 2, 4464, 4096, COSY_RGN_OUT_FILE, 23)) return 1; __u32 __f = __h[3]; __h[3] |= __b; __f ? -1 : 0; }));
// BPF: if (((int)({ ((__u32 *)(F->b_files_obufs + 0))[3] != 0; }))) {
// BPF: cosy_rgn_closed(&F->st, &V->st, __fd); cosy_rgn_ret(&V->st, __r); })) | V->v_out_fflushed)
// BPF: static __noinline long fw_files(struct fw_frame *F)
// BPF: cosy_rgn_out_flush(&F->st, &V->st, (__u32 *)(F->b_files_obufs + 0) + 2, 4464, 4096, COSY_RGN_OUT_FILE, 16);
// BPF: ((__s32 *)(f.b_files_obufs + 0))[0] = -1;
// BPF: ((__u32 *)(f.b_files_obufs + 0))[2] = 0;
// BPF: V->st.status == COSY_RGN_HOST)
// BPF: fw_files(&f);
// NOT-BPF: cosy_write(F->st.s, 1,
