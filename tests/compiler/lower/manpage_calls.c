/*
 * Calls as the man pages write them: syscall(SYS_getdents64, ...) is the
 * getdents64() of the table; strstr() is memmem() over the lengths the
 * strings' NULs give (found by cosy_memchr()); fwrite() to stdout copies
 * the count's bytes, checked to lie in the buffer; a string from before
 * the region is read where it was copied in (pat[0]) and is never NULL
 * there (if (pat)).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <cosy/cosy.h>
long f(int dfd, const char *pat)
{
	char buf[1024];
	long n, hits = 0;

	COSY_START(r)
	while ((n = syscall(SYS_getdents64, dfd, buf, sizeof(buf))) > 0) {
		if (pat && pat[0] && strstr(buf + 19, pat))
			hits++;
		fwrite(buf, 1, 16, stdout);
	}
	COSY_END()
	return hits;
}
// BPF: cosy_getdents(
// BPF: COSY_RGN_ATV(signed char, F->b_pat,
// BPF: __m = (__u64)__k; if (!__m) __p = (__s64)__o; else if (__m <= __n) { __k = cosy_memmem(
// BPF: if (!COSY_RGN_FITS(__o, __n, 1024UL)) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 25); if (cosy_rgn_out(&F->st, &V->st, (__u32 *)F->b_stdout_buf,
