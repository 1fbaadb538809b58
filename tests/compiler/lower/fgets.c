/*
 * fgets(s, n, stdin): a bpf_loop() of its own over stdin's buffer (the
 * one getchar() reads): a refill by read(0, ...) when it is empty, then
 * a memccpy() up to and with the newline, one kfunc a pass; a NUL
 * after what it took, s as the value, or NULL (nothing taken, or a read
 * failed) with s untouched.  The host lends fd 0 as for getchar().
 */
#include <stdio.h>
#include <string.h>
#include <cosy/cosy.h>
long f(void)
{
	char line[128];
	long n = 0;

	COSY_START(fg)
	while (fgets(line, sizeof(line), stdin) != NULL && getchar() != EOF)
		n += strlen(line);
	COSY_END()
	return n;
}
// BPF: long v_stdin_pos;	/* in/out */
// BPF: k = cosy_read(F->st.s, 0,
// BPF: if (!COSY_RGN_FITS(pos, want, 4096UL) || !COSY_RGN_FITS(at, want, 128UL))
// BPF: k = cosy_memccpy(F->st.s,
// BPF: return k > 0;
// BPF: __l = (__u64)__n - 1; V->sc.a0 = __o; V->sc.a1 = __l; V->sc.a2 = 0; V->sc.a3 = 0; bpf_loop((__u32)(__l < 128UL ? __l : 128UL) + 2, fg_scan
// BPF: if (V->sc.a2 && !V->sc.a3) { COSY_RGN_ATV(__u8, F->b_line,
// HOST: __builtin_offsetof(struct fg_args, v_stdin_pos), __builtin_offsetof(struct fg_args, v_stdin_len)
// HOST: const long long __cosy_g[] = { COSY_RGN_SEEK(0LL) };
// HOST: __cosy_a.v_stdin_eof = (feof(stdin) != 0);
// HOST: __cosy_a.v_stdin_err = (ferror(stdin) != 0);
// HOST: cosy_rgn_stdin_back(
