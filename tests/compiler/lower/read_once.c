/*
 * A condition that reads an element more than once reads it once: into
 * __eN before the test, when the condition writes nothing and the element
 * is read whatever its && || ?: decide; in a chain of && (or ||), before
 * the first operand that reads it whatever that operand decides.  So
 * does the value an assignment statement stores.
 * Otherwise each read stays where it is.
 */
#include <unistd.h>
#include <cosy/cosy.h>
long f(int fd)
{
	char buf[256];
	long tab[4] = { 1, 2, 3, 4 };
	long n, i, j = 0, up = 0, odd = 0;

	COSY_START(r)
	n = read(fd, buf, sizeof(buf));
	for (i = 0; i < n; i++) {
		if (buf[i] >= 'a' && buf[i] <= 'z')
			up++;
		if (i + 1 < n && buf[i + 1] == 'x' && buf[i + 1] != 'y')
			odd++;
		if (buf[i] == 1 || (buf[i] = 2) == 2)
			odd++;
		if (tab[buf[i] & 3] > 1 && tab[buf[i] & 3] < 4)
			up += 2;
	}
	do
		j++;
	while (j < n && j < 256 && buf[j] != ' ' && buf[j] != '\t');
	if (j > 0 && (j & 1 ? buf[j - 1] : buf[j - 1] + 1) > 0)
		odd++;
	for (i = 0; i < n; i++) {
		buf[i] = buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 32 : buf[i];
		up += buf[i] * buf[i];
		odd += (j = buf[i]) + buf[i];
	}
	COSY_END()
	return up + odd + j;
}
// BPF: if (({ signed char __e0 = COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, V->v_i, 256UL, 20)); ((((int)__e0) >= 97) && (((int)__e0) <= 122)); })) {
// BPF: if ((((V->v_i + 1L) < V->v_n) && ({ signed char __e1 = COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, (V->v_i + 1L), 256UL, 22)); ((((int)__e1) == 120) && (((int)__e1) != 121)); }))) {
// BPF: if ((((int)COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, V->v_i, 256UL, 24))) == 1) || (((int)(COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, V->v_i, 256UL, 24)) = ((signed char)2))) == 2)) {
// BPF: if (({ signed char __e2 = COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, V->v_i, 256UL, 26)); long __e3 = COSY_RGN_ATV(long, F->b_tab, 352, COSY_RGN_IDX(&V->st, (((int)__e2) & 3), 4UL, 26) * 8UL); ((__e3 > 1L) && (__e3 < 4L)); })) {
// BPF: if (i > 0 && !((R->v_j < R->v_n) && (R->v_j < 256L) && ({ signed char __e4 = COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, R->v_j, 256UL, 31)); ((((int)__e4) != 32) && (((int)__e4) != 9)); })))
// BPF: if ((V->v_j > 0L) && (((V->v_j & 1L) ? ((int)COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, (V->v_j - 1L), 256UL, 32))) : (((int)COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, (V->v_j - 1L), 256UL, 32))) + 1)) > 0)) {
// BPF: COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, R->v_i, 256UL, 35)) = ({ signed char __e5 = COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, R->v_i, 256UL, 35)); ((signed char)(((((int)__e5) >= 97) && (((int)__e5) <= 122)) ? (((int)__e5) - 32) : ((int)__e5))); });
// BPF: R->v_up += ({ signed char __e6 = COSY_RGN_ATV(signed char, F->b_buf, 96, COSY_RGN_IDX(&V->st, R->v_i, 256UL, 36)); ((long)(((int)__e6) * ((int)__e6))); });
// BPF: odd += (j = buf[i]) + buf[i]; */
// NOT-BPF: __e7
