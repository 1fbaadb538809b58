// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The du compound (bpf/du.bpf.c) and cosy-du, the whole program around it:
 * the same count as GNU du -s -B512 on a tree with every kind of entry,
 * hard links counted once, symlinks not followed; its limits (48 levels,
 * the hard-link table) fail the run cleanly, with nothing left open, and
 * cosy-du then answers from user space; a thread scribbling over the
 * segment's walk state during runs costs no fd and no kernel trouble;
 * cosy-du attaches to a pinned compound and verifies only without one.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "testlib.h"
#include "du.h"

#define GNU "/cosy/bin/"	/* the host's GNU tools (busybox's du differs) */

/* The first number a shell command prints, or -1 (said). */
static long long sh_num(const char *cmd)
{
	long long v = -1;
	FILE *f;

	if (tl_sh("%s > du.num", cmd) != 0)
		return -1;
	f = fopen("du.num", "r");
	if (!f || fscanf(f, "%lld", &v) != 1)
		printf("#   %s printed no number\n", cmd);
	if (f)
		fclose(f);
	return v;
}

/* A run of the compound on `dir` (time budget: 0, the default): its return, with *a filled. */
static int du_run_budget(const char *dir, struct du_args *a, uint64_t time_ns)
{
	struct cosy_compound *c = tl_compound("du");
	COSY_OPTS(cosy_run_opts, ro);
	char *seg;
	int err;

	if (!c)
		return -ENOENT;
	seg = cosy_compound__data(c, NULL);
	snprintf(seg, COSY_PATH_MAX, "%s", dir);
	memset(a, 0, sizeof(*a));
	a->root_off = 0;
	ro.budget_time_ns = time_ns;
	err = cosy_compound__run(c, "du", a, sizeof(*a), &ro);
	return err ?: ro.retval;
}

static int du_run(const char *dir, struct du_args *a)
{
	return du_run_budget(dir, a, 0);
}

static long long gnu_du(const char *dir)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), GNU "du -s -B512 '%s'", dir);
	return sh_num(cmd);
}

TL_CASE(agrees_with_gnu_du)
{
	struct du_args a;
	long long want;

	/* files of many sizes, a sparse one, empty directories, a FIFO, a
	 * symlink to a directory (not followed), a name with a newline, a
	 * file with three links inside and one with a link outside */
	TL_EQ(tl_sh("rm -rf du.t du.out && mkdir -p du.t/a/b/c du.t/empty/e2 du.out && "
		    "for i in $(seq 0 40); do head -c $((i * 997)) /dev/urandom > du.t/a/f$i; done && "
		    "head -c 200000 /dev/urandom > du.t/a/b/c/big && truncate -s 1G du.t/sparse && "
		    "mkfifo du.t/a/fifo && ln -s ../a du.t/empty/link && "
		    "printf x > \"$(printf 'du.t/new\\nline')\" && "
		    "head -c 50000 /dev/urandom > du.t/a/three && ln du.t/a/three du.t/a/b/three2 && "
		    "ln du.t/a/three du.t/empty/three3 && "
		    "head -c 30000 /dev/urandom > du.t/a/b/out1 && ln du.t/a/b/out1 du.out/out2"), 0);
	want = gnu_du("du.t");
	TL_CHECK(want > 0, "GNU du gave %lld", want);
	TL_EQ(du_run("du.t", &a), 0);
	TL_EQ(a.blocks, want);
	TL_EQ(a.entries, 56);	/* 41 + big + sparse + fifo + link + newline + 3 + 2 + 6 dirs */
	TL_EQ(a.dirs, 6);
	TL_EQ(a.errors, 0);
	TL_EQ(a.depth, 3);
	TL_EQ(sh_num("cosy-du du.t"), want);
	/* every method of the benchmark on the same tree (it fails on disagreement) */
	TL_EQ(tl_sh("cosy-bench -r 1 -w 0 -m cosy,loop,gnu,proc-verify,proc-loop du du.t "
		    ">/dev/null"), 0);
	return 0;
}

/* A chain of n directories below du.d (each level one dir). */
static int make_chain(int n)
{
	return tl_sh("rm -rf du.d && p=du.d && for i in $(seq 1 %d); do p=$p/d; done && "
		     "mkdir -p $p && echo deep > $p/f", n);
}

TL_CASE(depth_limit)
{
	struct du_args a;
	long long want;

	TL_EQ(make_chain(DU_MAX_DEPTH - 1), 0);
	TL_EQ(du_run("du.d", &a), 0);
	TL_EQ(a.depth, DU_MAX_DEPTH - 1);
	TL_EQ(a.blocks, gnu_du("du.d"));
	/* one more level: -ELOOP at the open, every level closed (the harness
	 * counts this process's fds around the case) */
	TL_EQ(make_chain(DU_MAX_DEPTH), 0);
	TL_EQ(du_run("du.d", &a), -ELOOP);
	TL_EQ(a.fail_op, COSY_OP_OPENAT);
	TL_EQ(a.too_deep, 1);
	want = gnu_du("du.d");
	TL_EQ(sh_num("cosy-du du.d"), want);
	TL_EQ(tl_sh("cosy-du -v du.d 2>&1 >/dev/null | grep -q 'deeper than its 48 levels'"), 0);
	return 0;
}

TL_CASE(hard_link_table_crowded)
{
	struct du_args a;
	int n = DU_INO_SLOTS + 100;

	/* more multi-link files than the table has slots */
	TL_EQ(tl_sh("rm -rf du.h du.hl && mkdir du.h du.hl && awk 'BEGIN { for (i = 0; i < %d; i++) "
		    "{ f = \"du.h/f\" i; printf \"\" > f; close(f) } }' && "
		    "cd du.h && ls | xargs -n 1000 sh -c 'ln \"$@\" ../du.hl/' ln", n), 0);
	TL_EQ(du_run("du.h", &a), -E2BIG);
	TL_EQ(a.fail_op, COSY_OP_NONE);
	TL_EQ(sh_num("cosy-du du.h"), gnu_du("du.h"));
	TL_EQ(tl_sh("rm -rf du.h du.hl"), 0);
	return 0;
}

TL_CASE(bad_roots)
{
	struct du_args a;

	TL_EQ(tl_sh("head -c 5000 /dev/urandom > du.file"), 0);
	TL_EQ(du_run("du.file", &a), -ENOTDIR);
	TL_EQ(a.fail_op, COSY_OP_OPENAT);
	TL_EQ(du_run("du.missing", &a), -ENOENT);
	/* a symlink as the root is counted as the link, as du does (no -H/-L) */
	TL_EQ(tl_sh("rm -f du.link && ln -s du.t du.link"), 0);
	TL_EQ(du_run("du.link", &a), -ENOTDIR);	/* O_DIRECTORY | O_NOFOLLOW on a symlink */
	TL_EQ(a.too_deep, 0);
	TL_EQ(sh_num("cosy-du du.link"), gnu_du("du.link"));
	TL_EQ(sh_num("cosy-du du.link/"), gnu_du("du.link/"));
	TL_CHECK(gnu_du("du.link") < gnu_du("du.link/"), "the link and its tree count alike?");
	TL_EQ(du_run("", &a), -ENOENT);
	/* cosy-du answers as du: a file's own blocks; a missing root named, exit 1 */
	TL_EQ(sh_num("cosy-du du.file"), gnu_du("du.file"));
	TL_EQ(tl_sh("cosy-du du.missing 2>&1 | grep -q 'du.missing: No such file'"), 0);
	TL_EQ(tl_sh("cosy-du du.missing 2>/dev/null"), 1);
	TL_EQ(tl_sh("cosy-du 2>/dev/null"), 2);
	TL_EQ(tl_sh("cosy-du -n x du.file 2>/dev/null"), 2);
	return 0;
}

/*
 * Another thread of the caller writes garbage over the walk's state in the
 * segment (the frames' fds and positions, the getdents buffers, the
 * hard-link table) while runs go on: each run ends with some result, no fd
 * outlives it, the kernel stays quiet.
 */
struct scribble {
	char *seg;
	atomic_bool stop;
};

static void *scribbler(void *arg)
{
	struct scribble *s = arg;
	uint64_t x = 88172645463325252ull;

	while (!atomic_load(&s->stop)) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* frames (fds 0..63 and wild ones), then anywhere in the walk's areas */
		if (x & 1)
			((struct du_frame *)(s->seg + DU_FRAMES_OFF))[x >> 58 & 31].fd = (int)(x >> 20) % 70;
		else if (x & 2)
			((struct du_frame *)(s->seg + DU_FRAMES_OFF))[x >> 58 & 31].pos = x >> 40;
		else
			s->seg[DU_STAT_OFF + (x >> 11) % (DU_SEG_SIZE - DU_STAT_OFF)] = x >> 3;
	}
	return NULL;
}

TL_CASE(scribbled_segment)
{
	struct cosy_compound *c = tl_compound("du");
	struct scribble s = { 0 };
	struct du_args a;
	pthread_t t;
	int i, before, r, ok = 0, failed = 0, off = 0;
	long long want;

	if (!c)
		return 1;
	TL_EQ(tl_sh("rm -rf du.s && mkdir -p du.s && cd du.s && for d in 1 2 3 4 5 6 7 8; do "
		    "mkdir -p $d/x/y && awk -v d=$d 'BEGIN { for (i = 0; i < 300; i++) "
		    "{ f = d \"/x/f\" i; printf \"abc\" > f; close(f) } }'; done"), 0);
	want = gnu_du("du.s");
	s.seg = cosy_compound__data(c, NULL);
	before = tl_fd_count();
	TL_EQ(pthread_create(&t, NULL, scribbler, &s), 0);
	/* a scribbled walk may wander (positions reset): 1 s each at most */
	for (i = 0; i < 40; i++) {
		r = du_run_budget("du.s", &a, 1000ull * 1000 * 1000);
		ok += !r;
		failed += !!r;
		off += !r && (a.blocks != (uint64_t)want || a.errors);
		TL_CHECK(r <= 0, "run %d returned %d", i, r);
	}
	atomic_store(&s.stop, true);
	pthread_join(t, NULL);
	printf("#   40 runs under scribbling: %d finished (%d of them with a count the "
	       "scribbles changed), %d failed\n", ok, off, failed);
	TL_EQ(tl_fd_count(), before);
	TL_CHECK(!tl_kernel_log_has("BUG") && !tl_kernel_log_has("WARNING"), "kernel trouble");
	/* and the compound still counts right afterwards */
	TL_EQ(du_run("du.s", &a), 0);
	TL_EQ(a.blocks, want);
	return 0;
}

TL_CASE(pinned_or_verified)
{
	TL_EQ(tl_sh("cosy-load unload du >/dev/null 2>&1; "
		    "cosy-load load $COSY_BPF_DIR/du.bpf.o name du >/dev/null"), 0);
	TL_EQ(tl_sh("cosy-du -v du.file 2>&1 >/dev/null | grep -q 'attached to the pinned compound'"), 0);
	TL_EQ(tl_sh("COSY_CACHE=0 cosy-du -v du.file 2>&1 >/dev/null | "
		    "grep -q 'loaded and verified the compound here'"), 0);
	TL_EQ(tl_sh("cosy-bench -r 1 -w 0 -m cosy,proc,gnu du du.t >/dev/null"), 0);
	TL_EQ(tl_sh("cosy-load unload du >/dev/null"), 0);
	TL_EQ(tl_sh("cosy-du -v du.file 2>&1 >/dev/null | grep -q 'loaded and verified'"), 0);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
