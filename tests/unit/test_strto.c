// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-cc's strtol() scan (compiler/runtime/cosy_region_scan.h), fed one
 * byte at a time as its bpf_loop() callback is, against the C library's
 * strtol() and strtoul(): the value, errno and where the end points.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>

#include "cosy_region_scan.h"

struct got {
	long long v;
	int err;
	size_t end;
	bool ended;
};

/* The scan over s, as the generated code drives it. */
static struct got scan(const char *s, size_t cap, int base, int uns)
{
	struct cosy_rgn_scan sc = { .a2 = (__u64)base };
	struct got g = { 0 };

	for (__u32 i = 0; i < cap; i++)
		if (cosy_rgn_strto_step(&sc, i, (__u8)s[i]))
			break;
	g.ended = sc.a2 & COSY_RGN_STRTO_END;
	g.v = cosy_rgn_strto_value(&sc, uns, &g.err);
	g.end = sc.a1;
	return g;
}

static void same(const char *s, int base)
{
	for (int uns = 0; uns < 2; uns++) {
		struct got g = scan(s, strlen(s) + 1, base, uns);
		char *end;
		long long want;

		errno = 0;
		want = uns ? (long long)strtoul(s, &end, base) : strtol(s, &end, base);
		cr_assert(g.ended, "\"%s\" base %d: the scan did not end at the NUL", s, base);
		cr_assert(eq(i64, g.v, want), "%s(\"%s\", %d)", uns ? "strtoul" : "strtol", s, base);
		cr_assert(eq(int, g.err, errno), "%s(\"%s\", %d): errno", uns ? "strtoul" : "strtol",
			  s, base);
		cr_assert(eq(sz, g.end, (size_t)(end - s)), "%s(\"%s\", %d): end",
			  uns ? "strtoul" : "strtol", s, base);
	}
}

Test(strto, decimal_with_blanks_and_signs)
{
	static const char *const cases[] = {
		"0", "42", "-42", "+42", "   \t\n\v\f\r17x", " - 5", "+-5", "--5", "", "   ",
		"12,34", "007", "-0", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "18446744073709551615",
		"18446744073709551616", "-18446744073709551615", "-18446744073709551616",
		"99999999999999999999999999999999x", "1e5", "+", "-",
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		same(cases[i], 10);
		same(cases[i], 0);
	}
}

Test(strto, prefixes_and_bases)
{
	static const char *const cases[] = {
		"0x1f", "0X1F", "0x", "0xg", "-0x10", "0x-1", "010", "09", "0", "00x5", "x1",
		"0b101", "zz", "ZZ", "Zz!", "7fffffffffffffff", "ffffffffffffffff",
		"10000000000000000", "0x8000000000000000", "-0x8000000000000000", "0x 1",
	};
	static const int bases[] = { 0, 2, 8, 10, 16, 36 };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (size_t k = 0; k < sizeof(bases) / sizeof(bases[0]); k++)
			same(cases[i], bases[k]);
}

/* Random strings over the bytes that matter, every base. */
Test(strto, random_against_libc)
{
	static const char alpha[] = " \t+-0123456789xXabfzAFZ\n.";
	char s[40];

	srandom(20261207);
	for (int n = 0; n < 200000; n++) {
		size_t len = (size_t)random() % (sizeof(s) - 1);
		int base = random() % 38;

		if (base == 1)
			base = 0;
		if (base == 37)
			base = 10;
		for (size_t i = 0; i < len; i++)
			s[i] = alpha[random() % (sizeof(alpha) - 1)];
		s[len] = 0;
		same(s, base);
	}
}

/* A string without an end in its array: the scan runs off it, the caller traps. */
Test(strto, no_end_in_the_array)
{
	struct got g = scan("12345", 5, 10, 0);

	cr_assert_not(g.ended);
	g = scan("  ", 2, 10, 0);
	cr_assert_not(g.ended);
	g = scan("12a", 3, 10, 0);
	cr_assert(g.ended);
	cr_assert(eq(i64, g.v, 12));
}
