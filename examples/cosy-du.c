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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "du.skel.h"
#include "du_loop.h"
#include "tool.h"

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
				a.too_deep ? " (deeper than its 48 levels)" :
				ro.retval == -E2BIG ? " (too many hard-linked files)" : "");
		else
			fprintf(stderr, "cosy-du: %llu entries could not be read: walking in user "
				"space to name them\n", (unsigned long long)a.errors);
	}
	return 1;
}

int main(int argc, char **argv)
{
	struct du_loop_result lr = {};
	struct du_skel *du = NULL;
	struct tool_opts o;
	uint64_t blocks = 0;
	int err = 0;
	const void *obj;
	size_t size;
	double t0;
	long i;

	err = tool_getopt(argc, argv, "cosy-du", 1, usage, &o);
	if (err >= 0)
		return err;
	err = 0;
	if (argc - optind != 1) {
		usage(stderr);
		return 2;
	}
	if (!o.loop) {
		obj = du__elf_bytes(&size);
		du = du__from_compound(tool_attach("cosy-du", "du", obj, size, o.verbose));
	}
	for (i = 0; i < o.runs; i++) {
		t0 = tool_now_ms();
		err = du ? walk_kernel(du, argv[optind], &blocks, o.verbose) : 1;
		if (err == 1) {
			err = du_loop(argv[optind], &lr, i < o.runs - 1);
			blocks = lr.blocks;
		}
		if (o.timed)
			fprintf(stderr, "time_ms=%.3f\n", tool_now_ms() - t0);
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
