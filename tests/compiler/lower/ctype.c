/*
 * <ctype.h>: a class function reads the program's table of class bits
 * (copied into the segment from glibc's, for its locale) at c + 128 and
 * keeps the class's bit; toupper() reads its own table; isascii() is
 * arithmetic.
 */
#include <ctype.h>
#include <cosy/cosy.h>
char buf[64];

int f(int n)
{
	int i, sp = 0, asc = 0;

	COSY_START(r)
	for (i = 0; i < n && i < 64; i++) {
		sp += isspace((unsigned char)buf[i]) != 0;
		asc += isascii(buf[i]);
		buf[i] = (char)toupper((unsigned char)buf[i]);
	}
	COSY_END()
	return sp + asc;
}
// INFO: 3 buffers
// BPF: 	__u8 *b_ctype_b;	/* ctype_b: segment +
// BPF: 384UL, 17) * 2UL) & 8192)
// BPF: & (-128)) == 0)
// BPF: COSY_RGN_ATV(int, F->b_ctype_toupper,
// HOST: ((const void *)(*__ctype_b_loc() - 128)), 128, 768, COSY_RGN_IN, "ctype_b" },
// HOST: ((const void *)(*__ctype_toupper_loc() - 128)),
