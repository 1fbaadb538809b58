/*
 * Arrays and structs declared in a region with initialisers: the object is
 * zeroed, then each value the list names is stored at its offset (nested
 * lists for nested aggregates; a string literal for a char array).
 */
#include <cosy/cosy.h>
struct pt {
	short x;
	long y;
	int z[2];
};
long f(int k)
{
	long s = 0;

	COSY_START(r)
	long hist[16] = { 0 };
	int primes[] = { 2, 3, 5, k };
	char name[] = "out.0";
	char pad[8] = "ab";
	struct pt p = { 1, -2, { 3 } };
	struct pt ps[2] = { { 4 }, { 5, 6 } };

	name[4] = (char)('0' + k);
	s = hist[k] + primes[3] + name[4] + pad[1] + p.y + p.z[0] + ps[1].y;
	COSY_END()
	return s;
}
// BPF: COSY_RGN_ZEROV(F->b_hist, 64, 128);
// NOT-BPF: COSY_RGN_AT(long, F->b_hist, 0UL) = 0L;
// BPF: COSY_RGN_ZEROV(F->b_primes, 192, 16);
// BPF: COSY_RGN_AT(int, F->b_primes, 0UL) = 2;
// BPF: COSY_RGN_AT(int, F->b_primes, 12UL) = V->v_k;
// BPF: COSY_RGN_ZEROV(F->b_name, 208, 6);
// BPF: COSY_RGN_AT(signed char, F->b_name, 0UL) = ((signed char)111);
// BPF: COSY_RGN_AT(signed char, F->b_name, 4UL) = ((signed char)48);
// NOT-BPF: COSY_RGN_AT(signed char, F->b_name, 5UL) =
// BPF: COSY_RGN_ZEROV(F->b_pad, 216, 8);
// BPF: COSY_RGN_AT(signed char, F->b_pad, 1UL) = ((signed char)98);
// BPF: COSY_RGN_AT(short, F->b_p, 0UL) = ((short)1);
// BPF: COSY_RGN_AT(long, F->b_p, 8UL) = (-2L);
// BPF: COSY_RGN_AT(int, F->b_p, 16UL) = 3;
// BPF: COSY_RGN_AT(short, F->b_ps, 0UL) = ((short)4);
// BPF: COSY_RGN_AT(short, F->b_ps, 24UL) = ((short)5);
// BPF: COSY_RGN_AT(long, F->b_ps, 32UL) = 6L;
