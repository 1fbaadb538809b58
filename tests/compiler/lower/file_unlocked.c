/*
 * fread_unlocked() and fwrite_unlocked() with -O: glibc's macros choose
 * by __builtin_constant_p() between a byte loop over a copy of the FILE *
 * (a constant count of at most 8 bytes) and the call.  The condition is
 * known when compiling (cond_known()), so only the call is lowered, a
 * statement still; the loop that copies the FILE * is not looked at.
 */
#include <stdio.h>
#include <cosy/cosy.h>
int f(const char *p, const char *q)
{
	char buf[64];
	size_t n;
	int rc;

	COSY_START(cu)
	FILE *in = fopen(p, "r");
	FILE *out = fopen(q, "w");
	if (!in || !out)
		return -1;
	while ((n = fread_unlocked(buf, 1, sizeof(buf), in)) > 0)
		fwrite_unlocked(buf, 1, n, out);
	rc = fclose(in) | fclose(out);
	COSY_END()
	return rc;
}
// BPF: cosy_read(F->st.s, (int)V->v_in_fd,
// BPF: COSY_RGN_OUT_FILE
