// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Fuzz every kfunc through the probe compound: random and edge-case
 * arguments (offsets at and past the segment end, huge lengths, negative
 * and foreign fds, bad flags and whence, unterminated and over-long paths),
 * COSY_FUZZ_CALLS calls in all (default 100000).  The oracle: no run fails
 * to come back, the process's fd count never changes but for the fds a
 * cosy_keep() handed over, every result is either >= 0 or a small -errno,
 * and the harness finds dmesg clean after.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "testlib.h"
#include "probe.h"

#define DSZ PROBE_SEG_SIZE

static unsigned long long rng = 0x9e3779b97f4a7c15ull;

static __u64 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static __u32 pick_u32(const __u32 *edge, int n)
{
	return rnd() % 3 ? edge[rnd() % n] : (__u32)rnd();
}

static const __u32 offs[] = { 0, 1, 7, 8, 4096, DSZ / 2, DSZ - 64, DSZ - 1, DSZ, DSZ + 1,
			      0x7fffffff, 0x80000000u, 0xfffffff0u, 0xffffffffu };
static const __u32 lens[] = { 0, 1, 8, 63, 64, 4096, DSZ - 1, DSZ, DSZ + 1, 0x7fffffff,
			      0xffffffffu, 1u << 20 };
static const int fds[] = { -1, 0, 1, 2, 3, 100, 1023, 0x7fffffff, -100, PROBE_FD_LAST,
			   PROBE_FD_LAST, PROBE_FD_LAST, COSY_PRIV_FD_BASE, COSY_PRIV_FD_BASE + 1,
			   COSY_PRIV_FD_BASE - 1 };
static const int ops[] = { COSY_OP_OPEN, COSY_OP_CLOSE, COSY_OP_READ, COSY_OP_WRITE,
			   COSY_OP_PREAD, COSY_OP_PWRITE, COSY_OP_LSEEK, COSY_OP_KEEP,
			   COSY_OP_CHECK, COSY_OP_DATA, COSY_OP_OPENAT, COSY_OP_FSTAT,
			   COSY_OP_FSTATAT, COSY_OP_GETDENTS, COSY_OP_COPY, COSY_OP_GREP,
			   COSY_OP_MEMCPY, COSY_OP_MEMCHR, COSY_OP_MEMMEM, COSY_OP_UNLINK,
			   COSY_OP_FSYNC, COSY_OP_FTRUNCATE, COSY_OP_MEMSET, COSY_OP_MEMCCPY, 0,
			   99 };

/* The segment: valid paths, unterminated runs, a long path, random bytes. */
static void fill_segment(char *seg)
{
	static const char *paths[] = { "f", "d", ".", "/", "/proc/self/status", "nonexistent",
				       "d/sub", "../f", "" };
	__u32 i;

	for (i = 0; i < DSZ; i += 8)
		*(__u64 *)(seg + i) = rnd();
	for (i = 0; i < 16; i++) {
		const char *p = paths[rnd() % (sizeof(paths) / sizeof(paths[0]))];
		__u32 off = offs[rnd() % 8];

		if (off + strlen(p) + 1 <= DSZ)
			memcpy(seg + off, p, strlen(p) + 1);
	}
	if (rnd() % 4 == 0)
		memset(seg, 'a', COSY_PATH_MAX + 10);	/* too long, and unterminated */
	if (rnd() % 4 == 0)
		memset(seg + DSZ - 100, 'b', 100);	/* runs off the end */
}

/*
 * A cosy_keep() that succeeded hands its fd to the process, as it should:
 * close it (keep returned it), so that any fd still left is a leak.
 */
static void close_kept(const struct probe_args *pa)
{
	for (__u32 i = 0; i < pa->nsteps; i++)
		if (pa->steps[i].op == COSY_OP_KEEP && pa->res[i] >= 0)
			close(pa->res[i]);
}

TL_CASE(random_kfunc_calls)
{
	struct cosy_compound *c = tl_compound("probe");
	const char *env = getenv("COSY_FUZZ_CALLS");
	unsigned long long calls = 0, want = env ? strtoull(env, NULL, 0) : 100000;
	unsigned long long bad = 0, runs = 0;
	int before, grant[2];
	char *seg;
	double t0;

	TL_CHECK(c != NULL, "probe");
	seg = cosy_compound__data(c, NULL);
	TL_EQ(tl_make_file("f", 10000, 1), 0);
	mkdir("d", 0755);
	mkdir("d/sub", 0755);
	grant[0] = open("f", O_RDONLY);
	grant[1] = open("d", O_RDONLY | O_DIRECTORY);
	TL_CHECK(grant[0] >= 0 && grant[1] >= 0, "open");
	before = tl_fd_count();
	t0 = (double)time(NULL);
	while (calls < want) {
		struct probe_args pa = {};
		/* A byte budget keeps random writes from filling the guest's RAM. */
		COSY_OPTS(cosy_run_opts, ro, .grant_fds = grant, .ngrant = rnd() % 3,
			  .budget_bytes = 1 << 20);
		int i, err;

		fill_segment(seg);
		pa.nsteps = 1 + rnd() % PROBE_MAX_STEPS;
		pa.repeat = rnd() % 4 ? 1 : 1 + rnd() % 64;
		for (i = 0; i < (int)pa.nsteps; i++) {
			struct probe_step *st = &pa.steps[i];

			st->op = ops[rnd() % (sizeof(ops) / sizeof(ops[0]))];
			st->fd = rnd() % 4 ? fds[rnd() % (sizeof(fds) / sizeof(fds[0]))] :
					     (rnd() % 2 ? grant[0] : grant[1]);
			st->off = pick_u32(offs, sizeof(offs) / sizeof(offs[0]));
			st->len = pick_u32(lens, sizeof(lens) / sizeof(lens[0]));
			st->pos = rnd() % 3 ? (__s64)offs[rnd() % 8] : (__s64)rnd();
			/* open flags: mostly sane, sometimes anything (O_CREAT only in "."). */
			st->flags = rnd() % 4 ? (int)(rnd() % 3) | (rnd() % 2 ? O_DIRECTORY : 0) |
						(rnd() % 2 ? COSY_O_PRIVATE : 0)
					      : (int)rnd();
			st->flags &= ~(O_CREAT | O_TRUNC | O_TMPFILE);	/* keep the files intact */
			st->mode = rnd() % 2 ? PROBE_FD_LAST : (int)rnd();
		}
		err = cosy_compound__run(c, "probe", &pa, sizeof(pa), &ro);
		TL_CHECK(!err, "run %llu: %s", runs, strerror(-err));
		runs++;
		calls += pa.ncalls;
		for (i = 0; i < PROBE_MAX_STEPS; i++)
			if (pa.res[i] < -4095)
				bad++;
		close_kept(&pa);
		if (tl_fd_count() != before)
			for (i = 0; i < (int)pa.nsteps; i++)	/* what the run did */
				printf("#   step %d: op %u fd %d off %u len %u pos %lld flags %#x mode %d"
				       " -> %lld\n", i, pa.steps[i].op, pa.steps[i].fd, pa.steps[i].off,
				       pa.steps[i].len, (long long)pa.steps[i].pos, pa.steps[i].flags,
				       pa.steps[i].mode, (long long)pa.res[i]);
		TL_CHECK(tl_fd_count() == before, "run %llu left fds: %d -> %d (repeat %u)", runs,
			 before, tl_fd_count(), pa.repeat);
		truncate("f", 10000);	/* undo sparse writes far out */
	}
	close(grant[0]);
	close(grant[1]);
	printf("#   %llu kfunc calls in %llu runs, %.0f s, %llu out-of-range results\n",
	       calls, runs, (double)time(NULL) - t0, bad);
	TL_EQ(bad, 0);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
