// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The program's own helper functions called in a region: cosy-cc inlines
 * each call (its parameters and locals its own), so a helper of
 * declarations, expressions, if/else and return runs in the kernel: a
 * predicate over <ctype.h>, an if/else chain with a local, a clamp that
 * assigns its parameter, a void helper that returns early, a lookup in
 * a global table, helpers calling helpers, calls in a loop's condition.
 *
 * usage: helpers FILE
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static const int weight[8] = { 3, 1, 4, 1, 5, 9, 2, 6 };

static int is_vowel(int c)
{
	c = tolower(c);
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int classify(unsigned char c)
{
	if (is_vowel(c))
		return 1;
	if (isalpha(c))
		return 2;
	else if (isdigit(c)) {
		int d = c - '0';

		if (d > 4)
			return 3;
		return 4;
	}
	return 0;
}

static long clamp(long v, long lo, long hi)
{
	if (v < lo)
		v = lo;
	else if (v > hi)
		v = hi;
	return v;
}

static void ignore_small(int x)
{
	if (x < 3)
		return;
	x *= 2;
}

static int w(unsigned i)
{
	return weight[i & 7];
}

static int more(long have, long limit)
{
	return have < limit;
}

int main(int argc, char **argv)
{
	long counts[5] = { 0 }, score = 0, n, i, seen = 0;
	unsigned char buf[700];
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	COSY_START(helpers)
	fd = open(argv[1], O_RDONLY);
	if (fd >= 0) {
		while (more(seen, 1L << 20) && (n = read(fd, buf, sizeof(buf))) > 0) {
			for (i = 0; i < n; i++) {
				counts[classify(buf[i])]++;
				score += clamp((long)buf[i] - 100, -5, 5) * w(buf[i]) +
					 is_vowel(buf[i]) * is_vowel(buf[n - 1 - i]);
				ignore_small(buf[i]);
			}
			seen += n;
		}
		close(fd);
	}
	COSY_END()
	printf("helpers: other %ld vowels %ld letters %ld high %ld low %ld score %ld seen %ld\n",
	       counts[0], counts[1], counts[2], counts[3], counts[4], score, seen);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return fd < 0;
}
