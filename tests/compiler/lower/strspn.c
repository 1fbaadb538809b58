/*
 * strspn, strcspn and strpbrk take their set as 256 bits, constants of
 * the scan's callback: bit c of word c / 64.  "\n" is bit 10 of word 0,
 * " \t" bits 32 and 9, "xX" bits 88 and 120 of word 1 (24 and 56).
 */
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(void)
{
	char line[128];
	long n, k = 0;

	COSY_START(span)
	n = read(0, line, sizeof(line) - 1);
	if (n >= 0) {
		char *x;

		line[n] = 0;
		line[strcspn(line, "\n")] = 0;
		k = (long)strspn(line, " \t");
		x = strpbrk(line, "xX");
		if (x)
			k += x - line;
	}
	COSY_END()
	return (int)k;
}
// BPF: 	m = c < 64 ? 0x400ULL : c < 128 ? 0ULL : c < 192 ? 0ULL : 0ULL;
// BPF: 	m = c < 64 ? 0x100000200ULL : c < 128 ? 0ULL : c < 192 ? 0ULL : 0ULL;
// BPF: 	m = c < 64 ? 0ULL : c < 128 ? 0x100000001000000ULL : c < 192 ? 0ULL : 0ULL;
// BPF: 	if (c == 0 || V->sc.a3 == 0) {
// BPF: V->sc.a3 ? (__s64)(V->sc.a0 + V->sc.a1) : COSY_RGN_NULL; }))
