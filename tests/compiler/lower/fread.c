/*
 * fread(s, size, nmemb, stdin): as fgets() without the newline: passes
 * that take stdin's buffer with a memcpy() after a refill, what is left
 * of a request of a buffer or more read straight into s (as glibc does);
 * the value is the whole items taken.  size * nmemb must fit in s.
 */
#include <stdio.h>
#include <cosy/cosy.h>
long f(void)
{
	char buf[8192];
	unsigned long n, total = 0;

	COSY_START(fr)
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
		fwrite(buf, 1, n, stdout);
		total += n;
	}
	COSY_END()
	return (long)total;
}
// BPF: if (__s && __m) { if (__m > 8192UL / __s || !COSY_RGN_FITS(__o, __s * __m, 8192UL)) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 15); __l = __s * __m; V->sc.a0 = __o; V->sc.a1 = __l; V->sc.a2 = 0; V->sc.a3 = 0; bpf_loop((__u32)(__l < 8192UL ? __l : 8192UL) + 2, fr_scan2, F, 0); if (V->st.status) return 1; __p = V->sc.a2 / __s; } __p; }))
// BPF: fread(), a refill, the bytes buffered a pass
// BPF: if (want >= 4096UL) {
// BPF: k = cosy_read(F->st.s, 0, 
// BPF: k = cosy_read(F->st.s, 0, 
// BPF: V->sc.a2 = got + want;
// BPF: return 0;
// NOT-BPF: cosy_memchr
// HOST: __builtin_offsetof(struct fr_args, v_stdin_pos), __builtin_offsetof(struct fr_args, v_stdin_len)
// HOST: const long long __cosy_g[] = { 1LL, COSY_RGN_SEEK(0LL) };
// HOST: cosy_rgn_stdin_back(
