// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-du: du -s -B512 with the walk in the kernel (the du compound, one
 * crossing for the whole tree), a whole program for the benchmarks: its
 * time from exec to exit includes attaching to the compound.
 *
 *   cosy-du [-l] [-T] [-n N] DIR
 *
 * It attaches to the compound an administrator pinned as "du" (cosy-load
 * load build/bpf/du.bpf.o name du): no verifier in this process.  Without
 * that pin, or with COSY_CACHE=0, it loads the object built in (the
 * skeleton's) and the verifier runs here.  Where the compound cannot give
 * du's answer (a tree deeper than its 48 levels, too many hard-linked
 * files, no cosy.ko, an unreadable entry to report by name) it walks in
 * user space instead, so the output is always du's.
 */
#define _GNU_SOURCE	/* nftw() */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "du.skel.h"
#include "du_loop.h"

static void usage(FILE *f)
{
	fputs("Usage: cosy-du [OPTIONS] DIR\n"
	      "Print DIR's disk usage in 512-byte blocks, as du -s -B512.\n"
	      "  -l, --loop     walk in user space (nftw), as a plain program\n"
	      "  -T, --time     print the walk's time on stderr (time_ms=, attach excluded)\n"
	      "  -n, --runs N   walk N times, print the last (default 1)\n"
	      "  -v, --verbose  say on stderr where the walk ran and why\n"
	      "  -h, --help\n"
	      "Environment: COSY_CACHE=0 loads and verifies the compound here even\n"
	      "where an administrator pinned it as \"du\".\n"
	      "Exit status: 0; 1 if an entry could not be read (as du) or on error; 2 usage.\n",
	      f);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The pinned compound, else the one built in; NULL if neither (errno). */
static struct du_skel *attach(bool verbose)
{
	const char *cache = getenv("COSY_CACHE");
	struct du_skel *du = NULL;

	if (!cache || strcmp(cache, "0")) {
		du = du__open_pinned("du", NULL);
		if (du) {
			if (verbose)
				fprintf(stderr, "cosy-du: attached to the pinned compound \"du\"\n");
			return du;
		}
	}
	du = du__open(NULL);
	if (verbose)
		fprintf(stderr, "cosy-du: %s\n", du ? "loaded and verified the compound here" :
			"no compound, walking in user space");
	return du;
}

/*
 * One walk in the kernel: 0 with *blocks, 1 if the user-space walk must
 * answer instead (said on stderr with -v), -errno if DIR cannot be walked.
 */
static int walk_kernel(struct du_skel *du, const char *dir, uint64_t *blocks, bool verbose)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct du_args a = {};
	int err;

	err = du__set_root_str(du, dir);
	if (err)
		return err;	/* longer than a path */
	err = du__run_du(du, &a, &ro);
	if (!err && !ro.retval && !a.errors) {
		*blocks = a.blocks;
		return 0;
	}
	/* a missing or non-directory root is du's error too: the loop names it */
	if (verbose) {
		if (err)
			fprintf(stderr, "cosy-du: the compound could not run: %s\n", strerror(-err));
		else if (ro.retval)
			fprintf(stderr, "cosy-du: the compound stopped: %s in %s%s\n",
				strerror(-ro.retval), cosy_op_str(ro.fail_op),
				ro.retval == -ELOOP ? " (deeper than its 48 levels)" :
				ro.retval == -E2BIG ? " (too many hard-linked files)" : "");
		else
			fprintf(stderr, "cosy-du: %llu entries could not be read: walking in user "
				"space to name them\n", (unsigned long long)a.errors);
	}
	return 1;
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "loop", no_argument, NULL, 'l' },
		{ "time", no_argument, NULL, 'T' },
		{ "runs", required_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	bool loop = false, timed = false, verbose = false;
	struct du_loop_result lr = {};
	struct du_skel *du = NULL;
	long runs = 1, i;
	uint64_t blocks = 0;
	int opt, err = 0;
	char *end;
	double t0;

	while ((opt = getopt_long(argc, argv, "lTn:vh", lopts, NULL)) != -1) {
		switch (opt) {
		case 'l': loop = true; break;
		case 'T': timed = true; break;
		case 'n':
			errno = 0;
			runs = strtol(optarg, &end, 10);
			if (errno || *end || runs < 1) {
				fprintf(stderr, "cosy-du: -n %s: want a count of 1 or more\n", optarg);
				return 2;
			}
			break;
		case 'v': verbose = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	if (!loop) {
		cosy_set_print(NULL);	/* a tool that falls back says so itself (-v) */
		du = attach(verbose);
		loop = !du;
	}
	for (i = 0; i < runs; i++) {
		t0 = now_ms();
		err = loop ? 1 : walk_kernel(du, argv[optind], &blocks, verbose);
		if (err == 1) {
			err = du_loop(argv[optind], &lr, i < runs - 1);
			blocks = lr.blocks;
		}
		if (timed)
			fprintf(stderr, "time_ms=%.3f\n", now_ms() - t0);
		if (err < 0)
			break;
	}
	du__destroy(du);
	if (err < 0) {
		fprintf(stderr, "cosy-du: %s: %s\n", argv[optind], strerror(-err));
		return 1;
	}
	printf("%llu\t%s\n", (unsigned long long)blocks, argv[optind]);
	return lr.errors ? 1 : 0;
}
