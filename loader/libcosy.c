// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * libcosy: messages, names, accessors and running a compound.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "libcosy_internal.h"

static int cosy_print_default(enum cosy_print_level level, const char *fmt,
			      va_list args)
{
	if (level != COSY_WARN)
		return 0;
	return vfprintf(stderr, fmt, args);
}

static cosy_print_fn_t cosy_print_fn = cosy_print_default;

cosy_print_fn_t cosy_set_print(cosy_print_fn_t fn)
{
	cosy_print_fn_t old = cosy_print_fn;

	cosy_print_fn = fn;
	return old;
}

void cosy_vpr(enum cosy_print_level level, const char *fmt, va_list ap)
{
	int saved = errno;

	if (cosy_print_fn)
		cosy_print_fn(level, fmt, ap);
	errno = saved;
}

void cosy_pr(enum cosy_print_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cosy_vpr(level, fmt, ap);
	va_end(ap);
}

int cosy_err(int err)
{
	errno = -err;
	return err;
}

void *cosy_err_ptr(int err)
{
	errno = -err;
	return NULL;
}

static const char *const cosy_op_names[COSY_OP__MAX] = {
	[COSY_OP_NONE] = "none",	[COSY_OP_BEGIN] = "begin",
	[COSY_OP_OPEN] = "open",	[COSY_OP_CLOSE] = "close",
	[COSY_OP_READ] = "read",	[COSY_OP_WRITE] = "write",
	[COSY_OP_PREAD] = "pread",	[COSY_OP_PWRITE] = "pwrite",
	[COSY_OP_LSEEK] = "lseek",	[COSY_OP_KEEP] = "keep",
	[COSY_OP_CHECK] = "check",	[COSY_OP_DATA] = "data",
	[COSY_OP_OPENAT] = "openat",	[COSY_OP_FSTAT] = "fstat",
	[COSY_OP_FSTATAT] = "fstatat",	[COSY_OP_GETDENTS] = "getdents",
	[COSY_OP_COPY] = "copy",	[COSY_OP_GREP] = "grep",
	[COSY_OP_MEMCPY] = "memcpy",	[COSY_OP_MEMCHR] = "memchr",
	[COSY_OP_MEMMEM] = "memmem",
	[COSY_OP_UNLINK] = "unlink",
	[COSY_OP_FSYNC] = "fsync",
	[COSY_OP_FTRUNCATE] = "ftruncate",
	[COSY_OP_MEMSET] = "memset",	[COSY_OP_MEMCCPY] = "memccpy",
};

static const char *const cosy_stop_names[COSY_STOP__MAX] = {
	[COSY_STOP_NONE] = "none",	[COSY_STOP_TIME] = "time",
	[COSY_STOP_CALLS] = "calls",	[COSY_STOP_BYTES] = "bytes",
	[COSY_STOP_SIGNAL] = "signal",	[COSY_STOP_CONTEXT] = "context",
	[COSY_STOP_WAIT] = "wait",
};

const char *cosy_op_str(enum cosy_op op)
{
	return (unsigned)op < COSY_OP__MAX && cosy_op_names[op] ? cosy_op_names[op] : "unknown";
}

const char *cosy_stop_str(enum cosy_stop why)
{
	return (unsigned)why < COSY_STOP__MAX ? cosy_stop_names[why] : "unknown";
}

/* --- accessors ---------------------------------------------------------- */

void *cosy_segment__data(const struct cosy_segment *seg, size_t *size)
{
	if (!seg)
		return cosy_err_ptr(-EINVAL);
	if (size)
		*size = seg->size;
	return seg->mem;
}

void *cosy_compound__data(const struct cosy_compound *c, size_t *size)
{
	if (!c)
		return cosy_err_ptr(-EINVAL);
	return cosy_segment__data(c->seg, size);
}

size_t cosy_compound__seg_size(const struct cosy_compound *c)
{
	return c ? c->seg_size : 0;
}

int cosy_compound__entry_count(const struct cosy_compound *c)
{
	return c ? c->nentries : cosy_err(-EINVAL);
}

const char *cosy_compound__entry_name(const struct cosy_compound *c, int i)
{
	if (!c || i < 0 || i >= c->nentries)
		return cosy_err_ptr(-EINVAL);
	return c->entries[i].name;
}

static struct cosy_entry *cosy_find_entry(const struct cosy_compound *c, const char *entry)
{
	int i;

	/* Default: the entry named like the compound, else the first by name. */
	if (!entry) {
		for (i = 0; i < c->nentries; i++)
			if (!strcmp(c->entries[i].name, c->base))
				return (struct cosy_entry *)&c->entries[i];
		return c->nentries ? (struct cosy_entry *)&c->entries[0] : NULL;
	}
	for (i = 0; i < c->nentries; i++)
		if (!strcmp(c->entries[i].name, entry))
			return (struct cosy_entry *)&c->entries[i];
	return NULL;
}

size_t cosy_compound__args_size(const struct cosy_compound *c, const char *entry)
{
	struct cosy_entry *e = c ? cosy_find_entry(c, entry) : NULL;

	return e ? cosy_entry_args_size(e) : 0;
}

int cosy_compound__prog_fd(const struct cosy_compound *c, const char *entry)
{
	const struct cosy_entry *e = c ? cosy_find_entry(c, entry) : NULL;

	if (!c)
		return cosy_err(-EINVAL);
	return e ? e->fd : cosy_err(-ENOENT);
}

const char *cosy_compound__via(const struct cosy_compound *c)
{
	return c && c->dev ? COSY_DEV_PATH : "bpf(2)";
}

int cosy_compound__totals(const struct cosy_compound *c, struct cosy_totals *t)
{
	__u32 zero = 0;
	int fd;

	if (!c || !t)
		return cosy_err(-EINVAL);
	fd = cosy_stats_fd((struct cosy_compound *)c);
	if (fd < 0)
		return cosy_err(fd);
	if (bpf_map_lookup_elem(fd, &zero, t))
		return cosy_err(-errno);
	return 0;
}

/* --- running ------------------------------------------------------------ */

int cosy_compound__run(struct cosy_compound *c, const char *entry, void *args,
		       size_t args_sz, struct cosy_run_opts *opts)
{
	struct cosy_entry *e;
	struct cosy_segment *seg;
	struct cosy_ctx *cx = args;
	size_t i, ngrant, want;
	int err;

	if (!c || !args || !COSY_OPTS_VALID(opts, cosy_run_opts))
		return cosy_err(-EINVAL);
	e = cosy_find_entry(c, entry);
	if (!e) {
		cosy_pr(COSY_WARN, "cosy: %s: no entry point '%s'\n", c->name,
			entry ? entry : "(first)");
		return cosy_err(-ENOENT);
	}
	want = cosy_entry_args_size(e);
	if (args_sz < sizeof(*cx) || (want && args_sz != want) || args_sz > 0xffff) {
		cosy_pr(COSY_WARN, "cosy: %s: entry '%s' takes %zu bytes of args, given %zu: "
			"rebuild against the compound's header\n", c->name, e->name,
			want, args_sz);
		return cosy_err(-EINVAL);
	}
	ngrant = COSY_OPTS_GET(opts, ngrant, 0);
	if (ngrant && !COSY_OPTS_GET(opts, grant_fds, NULL))
		return cosy_err(-EINVAL);
	if (ngrant > COSY_MAX_GRANT) {
		cosy_pr(COSY_WARN, "cosy: %zu granted fds: at most %u per run\n",
			ngrant, COSY_MAX_GRANT);
		return cosy_err(-E2BIG);
	}
	seg = COSY_OPTS_GET(opts, segment, NULL);
	if (!seg)
		seg = c->seg;
	if (seg->size < c->seg_size) {
		cosy_pr(COSY_WARN, "cosy: %s: a segment of %zu bytes is too small: the compound "
			"needs %zu (cosy_segment__new() makes one that fits)\n",
			c->name, seg->size, c->seg_size);
		return cosy_err(-ENOSPC);
	}

	memset(cx, 0, sizeof(*cx));
	cx->magic = COSY_CTX_MAGIC;
	cx->abi_version = COSY_ABI_VERSION;
	cx->seg_fd = seg->fd;
	cx->budget.time_ns = COSY_OPTS_GET(opts, budget_time_ns, 0);
	cx->budget.calls = COSY_OPTS_GET(opts, budget_calls, 0);
	cx->budget.bytes = COSY_OPTS_GET(opts, budget_bytes, 0);
	cx->ngrant = ngrant;
	if (COSY_OPTS_GET(opts, time_kfuncs, false))
		cx->flags |= COSY_CTX_F_TIME_KFUNCS;
	if (COSY_OPTS_GET(opts, may_yield, false))
		cx->flags |= COSY_CTX_F_YIELD;
	cx->grant_own = COSY_OPTS_GET(opts, grant_own, 0) & ((1u << ngrant) - 1);
	for (i = 0; i < ngrant; i++)
		cx->grant_fds[i] = opts->grant_fds[i];

	LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = args, .ctx_size_in = args_sz);
	if (c->dev)
		err = cosy_dev_run(c, e, seg, args, args_sz, &t.retval);
	else if (seg->dev_fd >= 0)
		err = -EINVAL;	/* a /dev/cosy segment: no map to name (said below) */
	else
		err = bpf_prog_test_run_opts(e->fd, &t) ? -errno : 0;
	if (err) {
		cosy_pr(COSY_WARN, "cosy: %s: running '%s' failed: %s\n", c->name, e->name,
			strerror(-err));
		return cosy_err(err);
	}
	COSY_OPTS_SET(opts, retval, (int)t.retval);
	COSY_OPTS_SET(opts, sessions, cx->sessions);
	COSY_OPTS_SET(opts, stats, cx->stats);
	COSY_OPTS_SET(opts, stop_err, cx->stop_err);
	COSY_OPTS_SET(opts, stop_reason, (enum cosy_stop)cx->stop_reason);
	COSY_OPTS_SET(opts, fail_err, cx->fail_err);
	COSY_OPTS_SET(opts, fail_op, (enum cosy_op)cx->fail_op);
	COSY_OPTS_SET(opts, begin_err, cx->begin_err);
	COSY_OPTS_SET(opts, duration_ns, t.duration);
	return 0;
}
