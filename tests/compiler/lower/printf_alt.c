/*
 * What bpf_snprintf() cannot print, as a choice of pieces it can: %#x is
 * "0x" and %x for a value not 0, %x of 0 otherwise; %.3d picks the zeros
 * by the sign (bpf_snprintf()'s %04d counts the '-'), and prints nothing
 * but its padding for 0 with a precision of 0; %lo prints the octal
 * digits above the low 33 bits (when there are any) before the low 11.
 */
#include <stdio.h>
#include <cosy/cosy.h>
void f(unsigned x, int d, long l)
{
	COSY_START(alt)
	printf("%#08x|%6.3d|%5.0d|%lo\n", x, d, d, l);
	COSY_END()
}
// BPF: static const char cosy_fmt0[] = "%08x";
// BPF: static const char cosy_fmt1[] = "0x%06x";
// BPF: static const char cosy_fmt3[] = "%03d";
// BPF: static const char cosy_fmt4[] = "%04d";
// BPF: static const char cosy_fmt5[] = "";
// BPF: static const char cosy_fmt7[] = "%llu";
// BPF: static const char cosy_fmt8[] = "%llu%011llu";
// BPF: ((((int)V->v_d) < 0) ? ((void)({
