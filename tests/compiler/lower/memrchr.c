/*
 * memrchr(p, c, n): a byte scan over n bytes checked to lie in the
 * buffer, from the end back to the first c; a pointer to it, or NULL.
 */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
long f(int fd)
{
	char buf[256], *last;
	long n, tail = -1;

	COSY_START(mrc)
	n = read(fd, buf, sizeof(buf));
	last = memrchr(buf, '\n', n > 0 ? n : 0);
	if (last)
		tail = n - (last - buf) - 1;
	COSY_END()
	return tail;
}
// BPF: memrchr.c:16: memrchr, one byte per bpf_loop() iteration */
// BPF: __u64 o = V->sc.a0 + (V->sc.a1 - i);
// BPF: if (c == V->sc.a2) {
// BPF: V->sc.a3 = V->sc.a1 - i;
// BPF: V->v_last = ((long)({ __u64 __s0 = (__u64)(0), __s2 = (__u8)(10), __n = (__u64)(((unsigned long)((V->v_n > 0L) ? V->v_n : 0L))); if (!COSY_RGN_FITS(__s0, __n, 256UL)) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 16);
