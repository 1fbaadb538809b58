/*
 * <string.h> on memory: memcpy/memmove are one cosy_memcpy() each,
 * memset one cosy_memset(); strlen and memcmp are byte
 * scans, a bpf_loop() callback each, through the frame's pointers.  Every
 * extent is checked against its variable first.
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
// BPF: static long r_scan2(__u32 i, void *ctx);
// BPF: /* string_h.c:18: strlen, one byte per bpf_loop() iteration */
// BPF: if (o >= 4096UL)
// BPF: /* string_h.c:18: memcmp, one byte per bpf_loop() iteration */
// BPF: __u8 d = COSY_RGN_ATV(__u8, F->b_lit, 4512, COSY_RGN_IDX(&V->st, V->sc.a2 + i, 3UL, 18));
// BPF: if (__n) COSY_RGN_KCALL(&F->st, &V->st, cosy_memset(F->st.s, 4192 + (__u32)__o, (int)(120), (__u32)__n), 15);
// BPF: if (!COSY_RGN_FITS(__o, __n, 64UL) || !COSY_RGN_FITS(__s, __n, 256UL)) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 16);
// BPF: bpf_loop(4096U, r_scan1, F, 0); if (V->st.status) return 1;
