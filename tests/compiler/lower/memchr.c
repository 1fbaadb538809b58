#define _GNU_SOURCE	/* memmem() */
/*
 * memchr and memmem: one kfunc each over the checked extent; what they
 * return is a pointer into the haystack's variable (an offset in it), or
 * NULL.  An empty needle is found at the start without a call.
 */
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
long f(int fd)
{
	char buf[256], pat[8] = "needle", *p, *nl, *occ;
	long n = 0, count = 0;

	COSY_START(r)
	n = read(fd, buf, sizeof(buf));
	p = buf;
	while ((occ = memmem(p, buf + n - p, pat, 6))) {
		nl = memchr(occ, '\n', buf + n - occ);
		if (!nl)
			break;
		count++;
		p = nl + 1;
	}
	COSY_END()
	return count;
}
// BPF: if (!COSY_RGN_FITS(__o, __n, 256UL) || !COSY_RGN_FITS(__q, __m, 8UL)) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 18); if (!__m) __p = (__s64)__o; else if (__m <= __n) { __k = cosy_memmem(F->st.s, 96 + (__u32)__o, (__u32)__n, 352 + (__u32)__q, (__u32)__m); COSY_RGN_KCALL(&F->st, &V->st, __k < 0, 18); if ((__u64)__k < __n) __p = (__s64)(__o + __k); } __p; }))) != (-9223372036854775807L - 1)))
// BPF: if (!COSY_RGN_FITS(__o, __n, 256UL)) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 19); if (__n) { __k = cosy_memchr(F->st.s, 96 + (__u32)__o, (__u32)__n, (int)(10));
// NOT-BPF: _scan
