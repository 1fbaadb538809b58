/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The byte scans' scratch words, and the one scan that is more than a
 * compare: strtol() and its kin (strtoul, strtoll, strtoull, atoi, atol),
 * as glibc parses a number in the C locale, one byte per bpf_loop()
 * iteration.  Plain C over __u64 words: the unit tests build it on the
 * host and hold it against the C library's.
 *
 * A strtol() scan's words: a0 where the string starts (the caller's); a1
 * one past the last byte of the number so far (0: none taken, the end is
 * the start, as strtol() sets it when nothing converts); a2 the base (low
 * byte, 0 until the digits tell) with the phase and flags above it; a3 the
 * magnitude, modulo 2^64 once it has overflowed.
 */
#ifndef COSY_REGION_SCAN_H
#define COSY_REGION_SCAN_H

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

struct cosy_rgn_scan {
	__u64 a0, a1, a2, a3;
};

#define COSY_RGN_STRTO_BASE	0xffULL		/* the base: 0, or 2 to 36 */
#define COSY_RGN_STRTO_PHASE	0xf00ULL	/* where the parse is: */
#define COSY_RGN_STRTO_LEAD	0x000ULL	/*   blanks, then a sign */
#define COSY_RGN_STRTO_SIGNED	0x100ULL	/*   after the sign: 0x or a digit */
#define COSY_RGN_STRTO_ZERO	0x200ULL	/*   after a leading 0 (base 0 or 16) */
#define COSY_RGN_STRTO_HEX	0x300ULL	/*   after 0x: a hex digit or nothing */
#define COSY_RGN_STRTO_DIGITS	0x400ULL	/*   in the digits */
#define COSY_RGN_STRTO_NEG	0x1000ULL	/* a '-' came before the digits */
#define COSY_RGN_STRTO_OVER	0x2000ULL	/* the magnitude passed 2^64 - 1 */
#define COSY_RGN_STRTO_END	0x4000ULL	/* a byte that is not the number's was seen */

/* The value of c as a digit (any base up to 36), 36 if it is none. */
static __always_inline __u32 cosy_rgn_digit(__u8 c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;	/* lower case; no other byte lands in a to z */
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	return 36;
}

/*
 * Byte i of the string is c: take it into the number (0) or end the scan
 * (1, COSY_RGN_STRTO_END set).  The caller sets a1 = a3 = 0 and a2 = the
 * base, checked to be 0 or 2 to 36.
 */
static __always_inline long cosy_rgn_strto_step(struct cosy_rgn_scan *sc, __u32 i, __u8 c)
{
	__u64 base = sc->a2 & COSY_RGN_STRTO_BASE, phase = sc->a2 & COSY_RGN_STRTO_PHASE;
	__u32 d;

	if (phase == COSY_RGN_STRTO_LEAD) {
		/* isspace() in the C locale */
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			return 0;
		phase = COSY_RGN_STRTO_SIGNED;
		sc->a2 = (sc->a2 & ~COSY_RGN_STRTO_PHASE) | phase;
		if (c == '-' || c == '+') {
			if (c == '-')
				sc->a2 |= COSY_RGN_STRTO_NEG;
			return 0;
		}
	}
	if (phase == COSY_RGN_STRTO_SIGNED) {
		if (c == '0' && (base == 0 || base == 16)) {
			/* the 0 is taken: "0x" without a hex digit ends after it */
			sc->a1 = i + 1;
			sc->a2 = (sc->a2 & ~COSY_RGN_STRTO_PHASE) | COSY_RGN_STRTO_ZERO;
			return 0;
		}
		phase = COSY_RGN_STRTO_DIGITS;
		if (!base)
			base = 10;
	} else if (phase == COSY_RGN_STRTO_ZERO) {
		if (c == 'x' || c == 'X') {
			sc->a2 = (sc->a2 & ~(COSY_RGN_STRTO_PHASE | COSY_RGN_STRTO_BASE)) |
				 COSY_RGN_STRTO_HEX | 16;
			return 0;
		}
		phase = COSY_RGN_STRTO_DIGITS;
		if (!base)
			base = 8;	/* the 0 was its first digit */
	} else if (phase == COSY_RGN_STRTO_HEX) {
		phase = COSY_RGN_STRTO_DIGITS;
	}
	sc->a2 = (sc->a2 & ~(COSY_RGN_STRTO_PHASE | COSY_RGN_STRTO_BASE)) | phase | base;
	d = cosy_rgn_digit(c);
	if (d >= base) {
		sc->a2 |= COSY_RGN_STRTO_END;
		return 1;
	}
	if (sc->a3 > (~0ULL - d) / base)
		sc->a2 |= COSY_RGN_STRTO_OVER;
	sc->a3 = sc->a3 * base + d;
	sc->a1 = i + 1;
	return 0;
}

/*
 * The value of an ended scan, as strtol() (uns 0) or strtoul() (uns 1)
 * returns it; *err becomes ERANGE (34) when it is out of range.
 */
static __always_inline __s64 cosy_rgn_strto_value(const struct cosy_rgn_scan *sc, int uns, int *err)
{
	__u64 m = sc->a3;
	int neg = !!(sc->a2 & COSY_RGN_STRTO_NEG);
	int over = !!(sc->a2 & COSY_RGN_STRTO_OVER);

	if (!uns && !over)
		over = neg ? m > (1ULL << 63) : m > (1ULL << 63) - 1;
	if (over) {
		*err = 34;
		if (uns)
			return -1;
		return neg ? (__s64)(1ULL << 63) : (__s64)((1ULL << 63) - 1);
	}
	return neg ? (__s64)(0 - m) : (__s64)m;
}

#endif /* COSY_REGION_SCAN_H */
