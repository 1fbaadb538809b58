/*
 * A helper with a loop in a while's condition runs at the top of each
 * iteration: while (1) { CALL; if (!cond) break; body }, so that a
 * continue in the body comes back to the call.
 */
#include <cosy/cosy.h>
static long next_nl(const char *p, long n, long from)
{
	for (long i = from; i < n; i++)
		if (p[i] == '\n')
			return i;
	return -1;
}
long f(long n)
{
	char b[64];
	long s = 0, e, lines = 0;

	COSY_START(hwh)
	b[0] = '\n';
	while ((e = next_nl(b, n, s)) >= 0) {
		s = e + 1;
		if (e == 0)
			continue;
		lines++;
	}
	COSY_END()
	return lines;
}
// BPF: V->v_next_nl_from = V->v_s;
// BPF: V->v_next_nl_i = V->v_next_nl_from;
// BPF: V->v_next_nl_ret = (-1L);
// BPF: if ((!((V->st.set |= 1ULL, (V->v_e = V->v_next_nl_ret)) >= 0L))) {
// BPF: return COSY_RGN_EXIT(&V->st);
// BPF: V->v_s = (V->v_e + 1L);
// BPF: return 0;
// BPF: (V->v_lines++);
