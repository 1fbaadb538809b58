/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Driving the probe compound (bpf/probe.bpf.c) from a guest test: one
 * args struct per test file, filled step by step, run through libcosy
 * (run()) or raw, with a hand-filled struct cosy_ctx (run_raw(): any
 * seg_fd, any grants, as an application that bypasses libcosy would).
 */
#ifndef COSY_PROBE_RUN_H
#define COSY_PROBE_RUN_H

#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "testlib.h"
#include "probe.h"

#define DSZ PROBE_SEG_SIZE
#define PR_UNUSED __attribute__((unused))

static struct probe_args pa;
static struct cosy_run_opts ro;

/* The probe's default segment, mapped. */
static PR_UNUSED char *data(void)
{
	return cosy_compound__data(tl_compound("probe"), NULL);
}

static PR_UNUSED void reset(void)
{
	memset(&pa, 0, sizeof(pa));
	memset(&ro, 0, sizeof(ro));
	ro.sz = sizeof(ro);
}

static PR_UNUSED struct probe_step *step(__u32 op, int fd, __u32 off, __u32 len)
{
	struct probe_step *s = &pa.steps[pa.nsteps++];

	*s = (struct probe_step){ .op = op, .fd = fd, .off = off, .len = len };
	return s;
}

/* Put a NUL-terminated path at data offset `off`; returns off. */
static PR_UNUSED __u32 path_at(__u32 off, const char *p)
{
	memcpy(data() + off, p, strlen(p) + 1);
	return off;
}

/* Run through libcosy with `ro`: the compound's return value, or -errno. */
static PR_UNUSED int run(void)
{
	struct cosy_compound *c = tl_compound("probe");
	int err;

	if (!c)
		return -ENOEXEC;
	err = cosy_compound__run(c, "probe", &pa, sizeof(pa), &ro);
	if (err)
		return err;
	return ro.retval;
}

/*
 * Run with pa.cosy filled by hand: segment `seg_fd`, the budgets and grants
 * of `ro`.  Returns the compound's return value, or -errno if it could not
 * run; pa.cosy holds the guard's report.
 */
static PR_UNUSED int run_raw(int seg_fd)
{
	struct cosy_compound *c = tl_compound("probe");
	size_t i;
	int err;

	if (!c)
		return -ENOEXEC;
	memset(&pa.cosy, 0, sizeof(pa.cosy));
	pa.cosy.magic = COSY_CTX_MAGIC;
	pa.cosy.abi_version = COSY_ABI_VERSION;
	pa.cosy.seg_fd = seg_fd;
	pa.cosy.budget.time_ns = ro.budget_time_ns;
	pa.cosy.budget.calls = ro.budget_calls;
	pa.cosy.budget.bytes = ro.budget_bytes;
	pa.cosy.ngrant = ro.ngrant;
	pa.cosy.grant_own = ro.grant_own;
	for (i = 0; i < ro.ngrant && i < COSY_MAX_GRANT; i++)
		pa.cosy.grant_fds[i] = ro.grant_fds[i];
	{
		LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = &pa, .ctx_size_in = sizeof(pa));

		err = bpf_prog_test_run_opts(cosy_compound__prog_fd(c, "probe"), &t);
		if (err)
			return -errno;
		return (int)t.retval;
	}
}

/* Run the probe's steps with `fd` granted; the compound's return value. */
static PR_UNUSED int run_granted(int fd)
{
	ro.grant_fds = &fd;
	ro.ngrant = 1;
	return run();
}

struct dents {
	int n;
	char names[64][64];
	long long off[64];
};

/* Parse linux_dirent64 records (struct dirent64 has their layout). */
static PR_UNUSED void dents_parse(struct dents *d, const char *buf, long len)
{
	long pos = 0;

	d->n = 0;
	while (pos < len && d->n < 64) {
		const struct dirent64 *e = (const void *)(buf + pos);

		snprintf(d->names[d->n], sizeof(d->names[0]), "%.63s", e->d_name);
		d->off[d->n++] = e->d_off;
		pos += e->d_reclen;
	}
}

/* getdents64(2) and cosy_getdents() of `dir` (one buffer each) must agree. */
static PR_UNUSED int dents_compare(const char *dir)
{
	static char buf[32768];
	static struct dents sys, cosy;
	int fd, i;
	long n;

	fd = open(dir, O_RDONLY | O_DIRECTORY);
	TL_CHECK(fd >= 0, "open %s", dir);
	n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
	close(fd);
	TL_CHECK(n > 0, "getdents64: %s", strerror(errno));
	dents_parse(&sys, buf, n);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	TL_CHECK(fd >= 0, "open %s", dir);
	reset();
	step(COSY_OP_GETDENTS, fd, 0, sizeof(buf));
	TL_EQ(run_granted(fd), 0);
	close(fd);
	TL_CHECK(pa.res[0] > 0, "cosy_getdents: %lld", (long long)pa.res[0]);
	dents_parse(&cosy, data(), pa.res[0]);
	TL_EQ(cosy.n, sys.n);
	for (i = 0; i < sys.n; i++) {
		TL_CHECK(!strcmp(cosy.names[i], sys.names[i]), "entry %d: %s, getdents64: %s",
			 i, cosy.names[i], sys.names[i]);
		TL_CHECK(cosy.off[i] == sys.off[i], "%s: d_off %lld, getdents64 says %lld",
			 sys.names[i], cosy.off[i], sys.off[i]);
	}
	return 0;
}

static PR_UNUSED double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#endif
