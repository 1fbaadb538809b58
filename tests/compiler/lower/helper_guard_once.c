/*
 * A helper on the right of && after a test that reads memory (which the
 * helper could change) and after a call: the test is evaluated once, into
 * a var of its own, before the call; the statement reads that var.
 */
#include <unistd.h>
#include <cosy/cosy.h>
static int first(const char *s)
{
	return s[0];
}
int f(int fd)
{
	char name[8] = "abc";
	int c, d;

	COSY_START(r)
	c = name[1] && first(name);
	d = lseek(fd, 0, SEEK_SET) < 0 || first(name + 1) == 'b';
	COSY_END()
	return c + d;
}
// BPF: V->v_test = ((int)COSY_RGN_AT(signed char, F->b_name, 1UL));
// BPF: if (V->v_test) {
// BPF: V->v_first_ret = ((int)COSY_RGN_ATV(signed char, F->b_name, 112,
// BPF: V->v_c = (V->v_test && V->v_first_ret);
// BPF: V->v_test_2 = (((long)({ cosy_rgn_ret(&V->st, cosy_lseek(F->st.s, (int)V->v_fd, (__s64)(0L), (int)(0))); })) < 0L);
// BPF: if ((!V->v_test_2)) {
// BPF: V->v_d = (V->v_test_2 || (V->v_first_ret_2 == 98));
