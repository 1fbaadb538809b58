/*
 * fclose() in a branch that leaves the region: the FILEs are the
 * compound's, and so is the call (a block whose calls all lower is no
 * host tail); the return goes out as any return in a region.  Before,
 * fclose() counted as a call only user space makes, and the branch was
 * refused for holding the compound's FILE.
 */
#include <stdio.h>
#include <cosy/cosy.h>
int f(const char *in_path, const char *out_path)
{
	char line[256];
	int n = 0;

	COSY_START(tl)
	FILE *in = fopen(in_path, "r");
	if (!in)
		return -1;
	FILE *out = fopen(out_path, "w");
	if (!out) {
		fclose(in);
		return -2;
	}
	while (fgets(line, sizeof(line), in)) {
		if (line[0] == '#') {
			fclose(in);
			fclose(out);
			return -3;
		}
		fputs(line, out);
		n++;
	}
	fclose(in);
	if (fclose(out) == EOF)
		return -4;
	COSY_END()
	return n;
}
// BPF: (void)((int)((V->v_out_fflushed = ((int)({ __u32 *__h = (__u32 *)(F->b_files_obufs + 0),
// BPF: V->v_ret = (-3);
// BPF: V->v_ret = (-2);
// BPF: V->st.status = COSY_RGN_RETURN;
// NOT-BPF: COSY_RGN_HOST;
