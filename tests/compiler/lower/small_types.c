/* char, short, unsigned: the frame keeps C's types, so arithmetic wraps as in C. */
#include <cosy/cosy.h>
void f(void)
{
	char c = 'x';
	unsigned char uc = 250;
	short s = 1;
	unsigned short us = 65535;

	COSY_START(r)
	c += 1;
	uc += 10;
	s <<= 14;
	us++;
	COSY_END()
}
// BPF: 	signed char v_c;
// BPF: 	unsigned char v_uc;
// BPF: 	short v_s;
// BPF: 	unsigned short v_us;
// BPF: 	V->v_uc += 10;
