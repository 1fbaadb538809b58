/*
 * strchr and strrchr: a byte scan each, to c or the NUL; the result
 * points into the array or is NULL.  An array with neither before its
 * end traps.
 */
#include <string.h>
#include <cosy/cosy.h>
long f(void)
{
	char s[16] = "a/b/c", *p, *q;
	long n = 0;

	COSY_START(r)
	p = strchr(s, '/');
	q = strrchr(s, '/');
	if (p && q)
		n = q - p;
	COSY_END()
	return n;
}
// BPF: strchr, one byte per bpf_loop() iteration
// BPF: if (c == 0 || c == V->sc.a2) {
// BPF: strrchr, one byte per bpf_loop() iteration
// BPF: if (c == 0) {
// BPF: __s2 = (__u8)(47)
// BPF: V->sc.a1 == ~0ULL) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 14); V->sc.a3 == ~0ULL ? COSY_RGN_NULL : (__s64)(V->sc.a0 + V->sc.a3)
