// SPDX-License-Identifier: GPL-2.0
/*
 * bench_scan: grep's scan per byte, cosy's against glibc's, natively.
 *
 * cosy_grep and the floor run cosy_grep_scan() (kmod_helpers/cosy_work.h);
 * the benchmarks' grep loop runs glibc's memmem() and memchr().  Under TCG
 * both are emulated, and the guest's figures say more about QEMU's SSE than
 * about either scan; this runs the very same C on the host's CPU, over the
 * text make bench greps (lines of 5-letter words, every 13th with
 * " needle"), and prints what each costs per byte:
 *
 *   lines   the lines that contain PATTERN: cosy_grep_scan() over the text
 *           in 256 KiB buffers as cosy_grep sees them, against memmem() to
 *           each occurrence and memchr() to its line's end (the loop's and
 *           the compiled region's way);
 *   newline every '\n': cosy_scan(), a word at a time, against memchr().
 *
 * Medians of REPS runs (default 9) after one warm-up; both sides must count
 * the same, or it fails.  make bench-scan runs it.
 *
 *   bench_scan [-r REPS] [-s MiB] [PATTERN]
 *   bench_scan -t N     N random searches, cosy_find() against memmem()
 */
#define _GNU_SOURCE	/* memmem() */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
#include "../../kmod_helpers/cosy_work.h"

#define CHUNK	(256u << 10)	/* what a grep compound reads at a time */
#define REPS_MAX 99

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* make bench's grep-c text (scripts/bench-guest.sh), from a fixed seed */
static char *make_text(size_t size)
{
	static const char words[] = "lorem ipsum dolor sit amet ";
	char *t = malloc(size), *p = t, *end = t + size;
	u64 seed = 3;

	for (unsigned long i = 0; t && p < end; i++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		unsigned n = (seed >> 33) % 100;

		for (unsigned j = 0; j < n && p + 5 < end; j += 5) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			memcpy(p, words + (seed >> 33) % 20, 5);
			p += 5;
		}
		if (i % 13 == 0 && p + 7 < end) {
			memcpy(p, " needle", 7);
			p += 7;
		}
		if (p < end)
			*p++ = '\n';
	}
	return t;
}

static int tick(void *arg)
{
	(void)arg;
	return 0;
}

/* cosy_grep's way: 256 KiB buffers, the unfinished tail carried over */
static u64 lines_cosy(const char *t, size_t size, const char *pat, u32 m)
{
	struct cosy_grep_req r = { .pat_len = m };
	size_t off = 0;

	while (off < size) {
		size_t n = size - off < CHUNK ? size - off : CHUNK;

		r.eof = off + n == size;
		if (cosy_grep_scan(t + off, n, pat, m, &r, tick, NULL))
			return UINT64_MAX;
		if (!r.consumed && !r.eof)
			return UINT64_MAX;	/* a line longer than a buffer: not in this text */
		off += r.eof ? n : r.consumed;
	}
	return r.matches;
}

/* the loop's way (cosy-bench's grep loop, cc-grep-c) over the same buffers */
static u64 lines_glibc(const char *t, size_t size, const char *pat, size_t m)
{
	const char *p = t, *end = t + size, *occ, *nl;
	u64 count = 0;

	while (p < end && (occ = memmem(p, end - p, pat, m))) {
		nl = memchr(occ, '\n', end - occ);
		count++;
		p = nl ? nl + 1 : end;
	}
	return count;
}

static const void *scan_cosy(const void *p, int c, size_t n)
{
	return cosy_scan(p, c, n);
}

static const void *scan_glibc(const void *p, int c, size_t n)
{
	return memchr(p, c, n);
}

/* every '\n', found with one of the two */
static u64 newlines(const char *t, size_t size, const void *(*find)(const void *, int, size_t))
{
	const char *p = t, *end = t + size, *nl;
	u64 count = 0;

	while ((nl = find(p, '\n', end - p))) {
		count++;
		p = nl + 1;
	}
	return count;
}

/*
 * cosy_find() against memmem() on random texts over a few letters, where
 * every byte is common and the search switches to pairs and wraps around
 * the pattern: the first occurrence, or none, must be the same.
 */
static int torture(unsigned long iters)
{
	static char text[4096], pat[64];
	u64 seed = 11;

	for (unsigned long it = 0; it < iters; it++) {
		unsigned letters, n, m, at;
		const char *want, *got;
		char *t, *pt;
		int err = 0;

		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		letters = 1 + (seed >> 60) % 4;
		n = (seed >> 20) % (it % 16 ? 300 : sizeof(text));
		m = 1 + (seed >> 40) % (it % 8 ? 6 : sizeof(pat));
		for (unsigned i = 0; i < n; i++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			text[i] = (char)('a' + (seed >> 33) % letters);
		}
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		at = n > m ? (seed >> 33) % (n - m + 1) : 0;
		for (unsigned i = 0; i < m; i++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			/* mostly taken from the text, sometimes one byte off */
			pat[i] = at + i < n && (seed >> 40) % 16 ? text[at + i] :
				 (char)('a' + (seed >> 33) % (letters + 1));
		}
		/* copies of their exact sizes: under ASan a read past either fails */
		t = malloc(n ? n : 1);
		pt = malloc(m);
		if (!t || !pt) {
			perror("bench_scan");
			return 1;
		}
		memcpy(t, text, n);
		memcpy(pt, pat, m);
		want = memmem(t, n, pt, m);
		got = cosy_find(t, n, pt, m, tick, NULL, &err);
		if (want != got || err) {
			fprintf(stderr, "bench_scan: cosy_find and memmem disagree: text %u bytes over "
				"%u letters, pattern %.*s: %ld vs %ld\n", n, letters, (int)m, pat,
				got ? (long)(got - t) : -1L, want ? (long)(want - t) : -1L);
			return 1;
		}
		free(t);
		free(pt);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *pat = "needle";
	unsigned long iters = 0;
	int reps = 9, opt;
	size_t mib = 64, size;
	double ms[4][REPS_MAX];
	u64 got[4] = { 0 };
	const char *names[4] = { "lines cosy", "lines glibc", "newline cosy", "newline glibc" };
	char *t;

	while ((opt = getopt(argc, argv, "r:s:t:h")) != -1) {
		switch (opt) {
		case 'r': reps = atoi(optarg); break;
		case 's': mib = strtoul(optarg, NULL, 0); break;
		case 't': iters = strtoul(optarg, NULL, 0); break;
		default:
			fprintf(stderr, "usage: bench_scan [-r REPS] [-s MiB] [PATTERN]\n"
				"       bench_scan -t N   (N random searches against memmem)\n");
			return opt == 'h' ? 0 : 2;
		}
	}
	if (iters)
		return torture(iters);
	if (optind < argc)
		pat = argv[optind];
	if (reps < 1 || reps > REPS_MAX || !mib || mib > 4096 || !*pat || strchr(pat, '\n')) {
		fprintf(stderr, "bench_scan: REPS 1..%d, MiB 1..4096, a pattern without a newline\n",
			REPS_MAX);
		return 2;
	}
	size = mib << 20;
	t = make_text(size);
	if (!t) {
		perror("bench_scan");
		return 1;
	}
	for (int i = -1; i < reps; i++) {	/* -1: the warm-up */
		for (int k = 0; k < 4; k++) {
			double t0 = now_ms();
			u64 c = k == 0 ? lines_cosy(t, size, pat, strlen(pat)) :
				k == 1 ? lines_glibc(t, size, pat, strlen(pat)) :
				k == 2 ? newlines(t, size, scan_cosy) :
				newlines(t, size, scan_glibc);

			if (i >= 0)
				ms[k][i] = now_ms() - t0;
			got[k] = c;
		}
		if (got[0] != got[1] || got[2] != got[3]) {
			fprintf(stderr, "bench_scan: the scans disagree: lines %llu vs %llu, "
				"newlines %llu vs %llu\n", (unsigned long long)got[0],
				(unsigned long long)got[1], (unsigned long long)got[2],
				(unsigned long long)got[3]);
			return 1;
		}
	}
	printf("grep's scan, natively on this CPU: %zu MiB of make bench's text, pattern \"%s\", "
	       "median of %d\n", mib, pat, reps);
	printf("%-14s %10s %10s %8s %10s\n", "scan", "count", "median_ms", "ns/byte", "GB/s");
	for (int k = 0; k < 4; k++) {
		double med;

		qsort(ms[k], reps, sizeof(double), by_value);
		med = ms[k][reps / 2];
		printf("%-14s %10llu %10.2f %8.3f %10.2f\n", names[k], (unsigned long long)got[k],
		       med, med * 1e6 / size, size / (med * 1e6));
		if (k & 1) {
			double cosy = ms[k - 1][reps / 2];

			printf("%-14s %10s %10s %8s %9.2fx\n", "", "", "", "glibc/cosy", med / cosy);
		}
	}
	free(t);
	return 0;
}
