/*
 * A helper with a loop, or one taking a pointer, is inlined as statements
 * before the statement that calls it: its parameters and locals are vars
 * of that call (count_p, count_n), a pointer parameter is bound to its
 * argument's buffer and indexes it with a check, and the statement reads
 * the value from count_ret.  A return inside the loop sets find_done and
 * breaks; the rest of the body runs if it did not.
 */
#include <cosy/cosy.h>
static long count(const char *p, long n, char c)
{
	long k = 0;

	for (long i = 0; i < n; i++)
		k += p[i] == c;
	return k;
}
static long find(const char *p, long n, char c)
{
	for (long i = 0; i < n; i++)
		if (p[i] == c)
			return i;
	return -1;
}
long f(char *buf, long n)
{
	char b[64];
	long lines = 0, at;

	COSY_START(hst)
	b[0] = 'x';
	lines += count(b, n, '\n');
	at = find(b, n, 'x');
	COSY_END()
	return lines + at;
}
// BPF: long v_count_ret;
// BPF: int v_find_done;
// BPF: V->v_count_k += ((long)(((int)COSY_RGN_ATV(signed char, F->b_b, 168, COSY_RGN_IDX(&V->st, (((unsigned long)R->v_count_p) + R->v_count_i), 64UL, 15))) == ((int)V->v_count_c)));
// BPF: V->v_find_ret = R->v_find_i;
// BPF: V->v_find_done = 1UL;
// BPF: V->v_count_p = ((long)0UL);
// BPF: V->v_count_ret = V->v_count_k;
// BPF: V->v_lines += V->v_count_ret;
// BPF: V->v_find_done = 0;
// BPF: if ((!V->v_find_done)) {
// BPF: V->v_find_ret = (-1L);
// BPF: V->v_at = V->v_find_ret;
