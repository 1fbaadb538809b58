// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cmp(1) and a little more, written with helper functions as a C
 * programmer factors them: helpers with loops, a switch and pointer
 * parameters, called as statements, in initialisers, in an if's, a
 * while's and a for's condition and on the right of &&; one that returns from inside
 * two loops, one that writes through its pointer, one that calls another.
 *
 * usage: loophelp FILE1 FILE2
 * prints cmp's verdict, then the lines, words and digits of FILE1 and a
 * checksum of its bytes upper-cased; exits 0 (same), 1 (differ), 2 (error)
 */
#define _GNU_SOURCE	/* memrchr() */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

/* the newlines in p[0..n) */
static long count_nl(const char *p, long n)
{
	long k = 0;

	for (long i = 0; i < n; i++)
		if (p[i] == '\n')
			k++;
	return k;
}

/* the index of the first byte that differs, or n */
static long first_diff(const char *a, const char *b, long n)
{
	long i = 0;

	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* a byte's class: 0 space, 1 digit, 2 other */
static int cls(int c)
{
	switch (c) {
	case ' ':
	case '\t':
	case '\n':
		return 0;
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return 1;
	default:
		return 2;
	}
}

/* words in p[0..n), carrying whether the last chunk ended inside one */
static long words(const char *p, long n, int *inword)
{
	long w = 0;
	int in = *inword;

	if (n <= 0)
		return 0;
	for (long i = 0; i < n; i++) {
		int c = cls((unsigned char)p[i]);

		if (c && !in)
			w++;
		in = c != 0;
	}
	*inword = in;
	return w;
}

/* upper-case p[0..n) in place */
static void upcase(char *p, long n)
{
	for (long i = 0; i < n; i++)
		if (p[i] >= 'a' && p[i] <= 'z')
			p[i] -= 'a' - 'A';
}

/* digits, through the class of each byte */
static long digits(const char *p, long n)
{
	long d = 0;

	for (long i = 0; i < n; i++)
		d += cls((unsigned char)p[i]) == 1;
	return d;
}

/* the index of the first byte of p[0..n) in set[0..m), or -1: a return in two loops */
static long find_any(const char *p, long n, const char *set, long m)
{
	for (long i = 0; i < n; i++)
		for (long j = 0; j < m; j++)
			if (p[i] == set[j])
				return i;
	return -1;
}

/* the index of the first newline in p[from..n), or -1 */
static long next_nl(const char *p, long n, long from)
{
	for (long i = from; i < n; i++)
		if (p[i] == '\n')
			return i;
	return -1;
}

static unsigned long mix(unsigned long h, const unsigned char *p, long n)
{
	for (long i = 0; i < n; i++)
		h = h * 31 + p[i];
	return h;
}

int main(int argc, char **argv)
{
	char a[4096], b[4096];
	long na, nb, m, off = 0, line = 1, lines = 0, nwords = 0, ndig = 0;
	unsigned long sum = 7;
	int fa, fb, rc = 0, inword = 0;
	const char vowels[] = "aeiouAEIOU";
	long withv = 0, firstv = -1, longest = 0, empty = 0, nolf = 0, lastnl = -1, s, e;
	long digit_lines = 0;
	char *lnl;

	if (argc != 3) {
		fprintf(stderr, "usage: loophelp FILE1 FILE2\n");
		return 2;
	}
	COSY_START(loophelp)
	fa = open(argv[1], O_RDONLY);
	if (fa < 0) {
		perror(argv[1]);
		return 2;
	}
	fb = open(argv[2], O_RDONLY);
	if (fb < 0) {
		perror(argv[2]);
		close(fa);
		return 2;
	}
	for (;;) {
		na = pread(fa, a, sizeof(a), off);
		nb = pread(fb, b, sizeof(b), off);
		if (na < 0 || nb < 0) {
			perror("pread");
			rc = 2;
			break;
		}
		m = na < nb ? na : nb;
		lines += count_nl(a, na);
		if (na > 0 && count_nl(a, na) == 0)	/* under &&: run only if na > 0 */
			nolf++;
		nwords += words(a, na, &inword);
		ndig += digits(a, first_diff(a, a, na));	/* f(g(x)): g runs first */
		if (find_any(a, na, vowels, sizeof(vowels) - 1) >= 0) {
			long at = find_any(a, na, vowels, sizeof(vowels) - 1);

			withv++;
			if (firstv < 0)
				firstv = off + at;
		}
		if (!rc) {
			long i = first_diff(a, b, m);

			if (i < m) {
				line += count_nl(a, i);
				printf("%s %s differ: byte %ld, line %ld\n", argv[1], argv[2],
				       off + i + 1, line);
				rc = 1;
			} else if (na != nb) {
				printf("cmp: EOF on %s after byte %ld\n", argv[na < nb ? 1 : 2],
				       off + m);
				rc = 1;
			} else {
				line += count_nl(a, m);
			}
		}
		/* the longest line that ends in this chunk, a helper in a while's condition */
		s = 0;
		while ((e = next_nl(a, na, s)) >= 0) {
			if (e == s) {
				empty++;
				s = e + 1;
				continue;
			}
			if (e - s > longest)
				longest = e - s;
			s = e + 1;
		}
		/* lines that end in this chunk and start with a digit: a for's condition */
		for (s = 0; (e = next_nl(a, na, s)) >= 0; s = e + 1) {
			if (e == s || cls((unsigned char)a[s]) != 1)
				continue;	/* through the step, to next_nl() again */
			digit_lines++;
		}
		lnl = memrchr(a, '\n', na);	/* the file's last newline */
		if (lnl)
			lastnl = off + (lnl - a);
		upcase(a, na);
		sum = mix(sum, (unsigned char *)a, na);
		off += na > nb ? na : nb;
		if (na == 0 && nb == 0)
			break;
	}
	close(fa);
	close(fb);
	COSY_END()
	printf("lines %ld words %ld digits %ld sum %lu vowels in %ld chunks, first at %ld\n",
	       lines, nwords, ndig, sum, withv, firstv);
	printf("longest line in a chunk %ld, empty lines %ld, chunks without a newline %ld\n",
	       longest, empty, nolf);
	printf("last newline at %ld\n", lastnl);
	printf("lines starting with a digit %ld\n", digit_lines);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
