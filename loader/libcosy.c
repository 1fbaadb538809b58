// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * libcosy: load a compound object, map its shared segment, run it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <cosy/cosy.h>
#include "libcosy_internal.h"

struct cosy_compound {
	struct bpf_object *obj;
	struct cosy_seg_hdr *seg;	/* mmapped segment: header + data */
	size_t seg_size;		/* value size */
	size_t map_len;			/* mmapped length (page-rounded) */
};

static int cosy_print_default(enum cosy_print_level level, const char *fmt,
			      va_list args)
{
	if (level == COSY_DEBUG)
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

__attribute__((format(printf, 2, 3)))
void cosy_pr(enum cosy_print_level level, const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	if (!cosy_print_fn)
		return;
	va_start(ap, fmt);
	cosy_print_fn(level, fmt, ap);
	va_end(ap);
	errno = saved;
}

/* libbpf's messages (the verifier log among them) go through ours. */
static int cosy_libbpf_print(enum libbpf_print_level level, const char *fmt,
			     va_list args)
{
	enum cosy_print_level l = level == LIBBPF_WARN ? COSY_WARN :
				  level == LIBBPF_INFO ? COSY_INFO : COSY_DEBUG;

	return cosy_print_fn ? cosy_print_fn(l, fmt, args) : 0;
}

static const char *const cosy_op_names[COSY_OP__MAX] = {
	[COSY_OP_NONE] = "none",	[COSY_OP_BEGIN] = "begin",
	[COSY_OP_OPEN] = "open",	[COSY_OP_CLOSE] = "close",
	[COSY_OP_READ] = "read",	[COSY_OP_WRITE] = "write",
	[COSY_OP_PREAD] = "pread",	[COSY_OP_PWRITE] = "pwrite",
	[COSY_OP_LSEEK] = "lseek",	[COSY_OP_KEEP] = "keep",
	[COSY_OP_CHECK] = "check",
};

static const char *const cosy_stop_names[COSY_STOP__MAX] = {
	[COSY_STOP_NONE] = "none",	[COSY_STOP_TIME] = "time",
	[COSY_STOP_CALLS] = "calls",	[COSY_STOP_BYTES] = "bytes",
	[COSY_STOP_SIGNAL] = "signal",
};

const char *cosy_op_str(enum cosy_op op)
{
	return (unsigned)op < COSY_OP__MAX ? cosy_op_names[op] : "unknown";
}

const char *cosy_stop_str(enum cosy_stop why)
{
	return (unsigned)why < COSY_STOP__MAX ? cosy_stop_names[why] : "unknown";
}

static int cosy_err(int err)
{
	errno = -err;
	return err;
}

static void *cosy_err_ptr(int err)
{
	errno = -err;
	return NULL;
}

/* Say what to do about the load failures users actually meet. */
static void cosy_explain_load_error(const char *path, int err)
{
	if (access("/sys/kernel/btf/cosy", F_OK) != 0)
		cosy_pr(COSY_WARN, "cosy: %s: the cosy module is not loaded (or has no BTF): "
			"run 'modprobe cosy' or 'insmod cosy.ko' first\n", path);
	else if (err == -EPERM || err == -EACCES)
		cosy_pr(COSY_WARN, "cosy: %s: loading a compound needs CAP_BPF "
			"(run as root, or have an administrator load it)\n", path);
	else
		cosy_pr(COSY_WARN, "cosy: %s: the kernel refused the compound: %s "
			"(the verifier's reason is above)\n", path, strerror(-err));
}

struct cosy_compound *cosy_compound__open_file(const char *path,
					       const struct cosy_open_opts *opts)
{
	libbpf_print_fn_t old_print;
	struct cosy_compound *c;
	struct bpf_map *map;
	void *mem;
	int err;

	if (!path || !COSY_OPTS_VALID(opts, cosy_open_opts))
		return cosy_err_ptr(-EINVAL);
	c = calloc(1, sizeof(*c));
	if (!c)
		return cosy_err_ptr(-ENOMEM);

	old_print = libbpf_set_print(cosy_libbpf_print);
	c->obj = bpf_object__open_file(path, NULL);
	err = libbpf_get_error(c->obj);
	if (err) {
		c->obj = NULL;
		cosy_pr(COSY_WARN, "cosy: %s: cannot open compound object: %s\n",
			path, strerror(-err));
		goto fail;
	}
	map = bpf_object__find_map_by_name(c->obj, "cosy_seg");
	if (!map || !(bpf_map__map_flags(map) & BPF_F_MMAPABLE) ||
	    bpf_map__value_size(map) < COSY_SEG_HDR_SIZE) {
		cosy_pr(COSY_WARN, "cosy: %s: no cosy_seg segment map: not a compound "
			"(declare one with COSY_SEGMENT())\n", path);
		err = -EINVAL;
		goto fail;
	}
	err = bpf_object__load(c->obj);
	if (err) {
		cosy_explain_load_error(path, err);
		goto fail;
	}
	c->seg_size = bpf_map__value_size(map);
	c->map_len = (c->seg_size + getpagesize() - 1) & ~((size_t)getpagesize() - 1);
	mem = mmap(NULL, c->map_len, PROT_READ | PROT_WRITE, MAP_SHARED,
		   bpf_map__fd(map), 0);
	if (mem == MAP_FAILED) {
		err = -errno;
		cosy_pr(COSY_WARN, "cosy: %s: cannot map the segment: %s\n",
			path, strerror(errno));
		goto fail;
	}
	c->seg = mem;
	libbpf_set_print(old_print);
	return c;
fail:
	libbpf_set_print(old_print);
	cosy_compound__close(c);
	return cosy_err_ptr(err);
}

void cosy_compound__close(struct cosy_compound *c)
{
	if (!c)
		return;
	if (c->seg)
		munmap(c->seg, c->map_len);
	bpf_object__close(c->obj);
	free(c);
}

void *cosy_compound__data(const struct cosy_compound *c, size_t *size)
{
	if (!c) {
		errno = EINVAL;
		return NULL;
	}
	if (size)
		*size = c->seg_size - COSY_SEG_HDR_SIZE;
	return (char *)c->seg + COSY_SEG_HDR_SIZE;
}

static struct bpf_program *cosy_find_entry(struct cosy_compound *c, const char *entry)
{
	struct bpf_program *p;

	if (entry)
		return bpf_object__find_program_by_name(c->obj, entry);
	bpf_object__for_each_program(p, c->obj)
		if (bpf_program__autoload(p))
			return p;
	return NULL;
}

int cosy_compound__run(struct cosy_compound *c, const char *entry, void *args,
		       size_t args_sz, struct cosy_run_opts *opts)
{
	struct cosy_seg_hdr *h;
	struct bpf_program *p;
	size_t i, ngrant = 0;
	int err;

	if (!c || (!args && args_sz) || !COSY_OPTS_VALID(opts, cosy_run_opts))
		return cosy_err(-EINVAL);
	if (args_sz > 0xffff) {
		cosy_pr(COSY_WARN, "cosy: args of %zu bytes: a run's ctx holds at most 65535\n",
			args_sz);
		return cosy_err(-E2BIG);
	}
	p = cosy_find_entry(c, entry);
	if (!p) {
		cosy_pr(COSY_WARN, "cosy: no entry point '%s' in the compound\n",
			entry ? entry : "(first)");
		return cosy_err(-ENOENT);
	}
	ngrant = COSY_OPTS_GET(opts, ngrant, 0);
	if (ngrant > COSY_MAX_GRANT || (ngrant && !COSY_OPTS_GET(opts, grant_fds, NULL))) {
		cosy_pr(COSY_WARN, "cosy: %zu granted fds: at most %u per run\n",
			ngrant, COSY_MAX_GRANT);
		return cosy_err(-E2BIG);
	}

	h = c->seg;
	memset(h, 0, sizeof(*h));
	h->magic = COSY_SEG_MAGIC;
	h->abi_version = COSY_ABI_VERSION;
	h->budget.time_ns = COSY_OPTS_GET(opts, budget_time_ns, 0);
	h->budget.calls = COSY_OPTS_GET(opts, budget_calls, 0);
	h->budget.bytes = COSY_OPTS_GET(opts, budget_bytes, 0);
	h->ngrant = ngrant;
	for (i = 0; i < ngrant; i++)
		h->grant_fds[i] = opts->grant_fds[i];

	LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = args, .ctx_size_in = args_sz);
	err = bpf_prog_test_run_opts(bpf_program__fd(p), &t);
	if (err) {
		err = -errno;
		if (err == -EINVAL)
			cosy_pr(COSY_WARN, "cosy: %s: the kernel refused the run: args of %zu bytes "
				"do not match what the compound reads?\n",
				bpf_program__name(p), args_sz);
		else
			cosy_pr(COSY_WARN, "cosy: %s: run failed: %s\n",
				bpf_program__name(p), strerror(-err));
		return cosy_err(err);
	}
	COSY_OPTS_SET(opts, retval, (int)t.retval);
	COSY_OPTS_SET(opts, sessions, h->sessions);
	COSY_OPTS_SET(opts, stats, h->stats);
	COSY_OPTS_SET(opts, stop_err, h->stop_err);
	COSY_OPTS_SET(opts, stop_reason, (enum cosy_stop)h->stop_reason);
	COSY_OPTS_SET(opts, fail_err, h->fail_err);
	COSY_OPTS_SET(opts, fail_op, (enum cosy_op)h->fail_op);
	COSY_OPTS_SET(opts, begin_err, h->begin_err);
	COSY_OPTS_SET(opts, duration_ns, t.duration);
	return 0;
}
