/*
 * snprintf(): the format's pieces go into the region's sink (emptied
 * first; 4096 bytes kept, every byte counted), then min(kept, size - 1)
 * bytes and a NUL into the destination, checked to hold them; its value
 * is the whole length, and a statement drops it.
 */
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *dir, int k)
{
	char path[64], tag[8];
	int n;

	COSY_START(r)
	n = snprintf(path, sizeof(path), "%s/%d", dir, k);
	snprintf(tag, sizeof(tag), "t%04d", k);
	write(1, path, n < 64 ? n : 63);
	write(1, tag, 7);
	COSY_END()
	return n;
}
// BPF: ((__u32 *)F->b_snprintf_sink)[0] = 0; ((__u32 *)F->b_snprintf_sink)[1] = 0;
// BPF: cosy_rgn_out(&F->st, &V->st, (__u32 *)F->b_snprintf_sink,
// BPF: __u64 __c = __h[0], __t = __h[1], __o = (__u64)(0), __z = (__u64)(64UL); if (__c > 4096) __c = 4096; if (__z) { if (__h[1] > __c && __z - 1 > __c) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 16); if (__c > __z - 1) __c = __z - 1; if (!COSY_RGN_FITS(__o, __c + 1, 64UL)) COSY_RGN_TRAP(
// BPF: __u64 __c = __h[0], __o = (__u64)(0), __z = (__u64)(8UL);
