/*
 * getchar() and getc(stdin): a byte of stdin through a 4 KiB buffer of
 * the region's own, refilled by read(0, ...), EOF sticky.  The host hands
 * stdio's buffered bytes back to fd 0 before the run, seeks back over the
 * bytes read ahead after it, and grants fd 0 only if it can seek.
 */
#include <stdio.h>
#include <cosy/cosy.h>
long f(void)
{
	long n = 0;
	int c;

	COSY_START(gc)
	while ((c = getchar()) != EOF && getc(stdin) != '\n')
		n += c;
	COSY_END()
	return n;
}
// BPF: long v_stdin_pos;	/* in/out */
// BPF: cosy_read(F->st.s, (int)0,
// HOST: __builtin_offsetof(struct gc_args, v_stdin_pos), __builtin_offsetof(struct gc_args, v_stdin_len)
// HOST: const long long __cosy_g[] = { COSY_RGN_SEEK(0LL) };
// HOST: cosy_rgn_stdin_back(__cosy_a.v_stdin_eof, __cosy_a.v_stdin_err);
// NOT-HOST: = __cosy_a.v_stdin_pos;
