/*
 * <string.h> on memory: memcpy/memmove one cosy_memcpy() each, memset one
 * cosy_memset(), strlen one cosy_memchr() of the NUL; memcmp a byte scan, a
 * bpf_loop() callback, through the frame's pointers.  Every extent is
 * checked against its variable first.
 */
#include <string.h>
#include <cosy/cosy.h>
long f(const char *path, int k)
{
	char buf[256], line[64];
	long n;

	COSY_START(r)
	memset(buf, 'x', sizeof(buf));
	memcpy(line, buf + k, 10);
	memmove(buf + 1, buf, 100);
	n = strlen(path) + (memcmp(line, "xx", 2) == 0);
	COSY_END()
	return n;
}
// BPF: static long r_scan1(__u32 i, void *ctx);
// BPF: /* string_h.c:18: memcmp, one byte per bpf_loop() iteration */
// BPF: __u8 d = COSY_RGN_ATV(__u8, F->b_lit, 4512, COSY_RGN_IDX(&V->st, V->sc.a2 + i, 3UL, 18));
// BPF: if (__n) COSY_RGN_KCALL(&F->st, &V->st, cosy_memset(F->st.s, 4192 + (__u32)__o, (int)(120), (__u32)__n), 15);
// BPF: if (!COSY_RGN_FITS(__o, __n, 64UL) || !COSY_RGN_FITS(__s, __n, 256UL)) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 16);
// BPF: if (__o >= 4096UL) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 18); __k = cosy_memchr(F->st.s, 96 + (__u32)__o, (__u32)(4096UL - __o), 0);
