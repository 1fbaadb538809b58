/*
 * Loops whose registers end each iteration with one range on every path
 * keep what the verifier knows of them (no COSY_RGN_FORGET()): an index
 * checked on every path before a branch checks it again (tr), in both arms
 * of an if (cksum -o 1 or crc), a byte of the buffer compared (not a
 * copy of the counter), a copy of the counter that is only stored, a
 * ctype lookup of a byte.
 */
#include <ctype.h>
#include <cosy/cosy.h>
static unsigned char buf[4096];
static unsigned crctab[256];
long f(long n, int rflag)
{
	long i, j, k, m, at = 0, last = 0, printable = 0, hi = 0;
	unsigned sum = 0;
	int c;

	COSY_START(kp)
	for (i = 0; i < n; i++)
		if (buf[i] >= 'a' && buf[i] <= 'z')
			buf[i] -= 'a' - 'A';
	for (j = 0; j < n; j++) {
		if (rflag)
			sum = (sum >> 1) + buf[j];
		else
			sum = (sum << 8) ^ crctab[(sum ^ buf[j]) & 0xff];
	}
	for (k = 0; k < n; k++) {
		c = buf[k];
		if (c > 127)
			hi++;
	}
	for (m = 0; m < n; m++) {
		if (buf[m] == '\n')
			last = at + m;
		if (isprint(buf[m]))
			printable++;
	}
	COSY_END()
	return sum + hi + last + printable;
}
// BPF: struct kp_loop1_regs {
// BPF: 	long v_i;
// BPF: struct kp_loop2_regs {
// BPF: 	long v_j;
// BPF: struct kp_loop3_regs {
// BPF: 	long v_k;
// BPF: struct kp_loop4_regs {
// BPF: 	long v_m;
// BPF: 	long v_at;
// NOT-BPF: COSY_RGN_FORGET
// NOT-BPF: opaque
