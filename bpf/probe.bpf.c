// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * probe: runs the kfunc calls described in its args (see probe.h).  It is
 * the guard's test driver: every rule is exercised by telling it to break
 * that rule, from user space, with no BPF change.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include "probe.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

COSY_COMPOUND(PROBE_SEG_SIZE);

/*
 * The steps live in .bss: a variable index into the ctx is refused ("variable
 * ctx access var_off=... disallowed"), into a map value it is bounds-checked.
 * One run at a time per loaded object (tests run it from one thread).
 */
struct probe_step probe_steps[PROBE_MAX_STEPS];
__s64 probe_res[PROBE_MAX_STEPS];
__s64 probe_errs[PROBE_MAX_STEPS];

struct probe_loop {
	struct cosy_session *s;
	__u32 nsteps;
	__u32 until_error;
	int last_fd;
	__s64 last;
	__u64 ncalls;
};

static long probe_call(__u32 i, void *ctx)
{
	struct probe_loop *l = ctx;
	struct probe_step *st;
	__u32 k = i < l->nsteps ? i : l->nsteps - 1;
	__s64 r;
	int fd;

	if (k >= PROBE_MAX_STEPS)
		return 1;
	st = &probe_steps[k];
	fd = st->fd == PROBE_FD_LAST ? l->last_fd : st->fd;
	switch (st->op) {
	case COSY_OP_OPEN:
		r = cosy_open(l->s, st->off, st->flags, st->mode);
		if (r >= 0)
			l->last_fd = r;
		break;
	case COSY_OP_CLOSE:
		r = cosy_close(l->s, fd);
		break;
	case COSY_OP_READ:
		r = cosy_read(l->s, fd, st->off, st->len);
		break;
	case COSY_OP_WRITE:
		r = cosy_write(l->s, fd, st->off, st->len);
		break;
	case COSY_OP_PREAD:
		r = cosy_pread(l->s, fd, st->off, st->len, st->pos);
		break;
	case COSY_OP_PWRITE:
		r = cosy_pwrite(l->s, fd, st->off, st->len, st->pos);
		break;
	case COSY_OP_LSEEK:
		r = cosy_lseek(l->s, fd, st->pos, st->flags);
		break;
	case COSY_OP_KEEP:
		r = cosy_keep(l->s, fd);
		break;
	case COSY_OP_CHECK:
		r = cosy_check(l->s);
		break;
	/* The workload kfuncs, arguments packed into the same step fields. */
	case COSY_OP_OPENAT:
		r = cosy_openat(l->s, fd, st->off, st->flags, st->mode);
		if (r >= 0)
			l->last_fd = r;
		break;
	case COSY_OP_FSTAT:
		r = cosy_fstat(l->s, fd, st->off);
		break;
	case COSY_OP_FSTATAT:		/* path at off, record at len */
		r = cosy_fstatat(l->s, fd, st->off, st->len, st->flags);
		break;
	case COSY_OP_GETDENTS:
		r = cosy_getdents(l->s, fd, st->off, st->len);
		break;
	case COSY_OP_COPY:		/* fd -> mode (the out fd), len bytes */
		r = cosy_copy(l->s, fd, st->mode == PROBE_FD_LAST ? l->last_fd : st->mode, st->len);
		break;
	case COSY_OP_GREP:		/* buffer at off, len; request at pos */
		r = cosy_grep(l->s, st->off, st->len, (__u32)st->pos);
		break;
	case COSY_OP_MEMCPY:		/* to off from pos, len bytes */
		r = cosy_memcpy(l->s, st->off, (__u32)st->pos, st->len);
		break;
	case COSY_OP_MEMSET:		/* off, len bytes: the byte in flags */
		r = cosy_memset(l->s, st->off, st->flags, st->len);
		break;
	case COSY_OP_MEMCHR:		/* in off, len: the byte in flags */
		r = cosy_memchr(l->s, st->off, st->len, st->flags);
		break;
	case COSY_OP_MEMMEM:		/* in off, len: the pattern at pos, mode bytes */
		r = cosy_memmem(l->s, st->off, st->len, (__u32)st->pos, (__u32)st->mode);
		break;
	case COSY_OP_MEMCCPY:		/* to off from pos, len bytes, up to the byte in flags */
		r = cosy_memccpy(l->s, st->off, (__u32)st->pos, st->flags, st->len);
		break;
	case COSY_OP_UNLINK:		/* the path at off, from fd (or COSY_AT_FDCWD) */
		r = cosy_unlinkat(l->s, fd, st->off);
		break;
	case COSY_OP_FSYNC:		/* datasync in flags */
		r = cosy_fsync(l->s, fd, st->flags);
		break;
	case COSY_OP_FTRUNCATE:		/* to pos bytes */
		r = cosy_ftruncate(l->s, fd, st->pos);
		break;
	case COSY_OP_DATA: {
		/* Direct access: the byte at segment[off], or why it was NULL. */
		unsigned char *p = (unsigned char *)cosy_seg(l->s, st->off, 16);

		r = p ? p[0] : cosy_errno(l->s);
		break;
	}
	default:
		r = -EINVAL;
		break;
	}
	probe_res[k] = r;
	/* Each step's first run only: a repeated step stays one kfunc a turn. */
	if (i < l->nsteps)
		probe_errs[k] = cosy_errno(l->s);
	l->last = r;
	l->ncalls++;
	return r < 0 && l->until_error;
}

SEC("syscall")
int probe(struct probe_args *a)
{
	struct probe_loop l = { .last_fd = -1 };
	__u32 n = a->nsteps, i, loops;

	if (n == 0 || n > PROBE_MAX_STEPS)
		return -EINVAL;
	for (i = 0; i < PROBE_MAX_STEPS; i++) {
		__builtin_memcpy(&probe_steps[i], &a->steps[i], sizeof(probe_steps[i]));
		probe_res[i] = 0;
		probe_errs[i] = 0;
	}
	loops = n - 1 + (a->repeat ? a->repeat : 1);
	if (loops > COSY_MAX_LOOPS)
		loops = COSY_MAX_LOOPS;
	l.nsteps = n;
	l.until_error = a->until_error;
	l.s = cosy_begin(a);
	if (!l.s)
		return cosy_begin_error(a);
	bpf_loop(loops, probe_call, &l, 0);
	a->stopped = cosy_stopped(l.s);
	cosy_end(l.s, a);
	for (i = 0; i < PROBE_MAX_STEPS; i++) {
		a->res[i] = probe_res[i];
		a->errs[i] = probe_errs[i];
	}
	a->last = l.last;
	a->ncalls = l.ncalls;
	return 0;
}
