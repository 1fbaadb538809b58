// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile compounds: closing fds the caller's other threads can renumber.
 * The compound's fd lives in the caller's table, where another thread may
 * close it and put its own file under the same number (dup2() does both in
 * one step).  The guard must then refuse to close that number (issue 9,
 * R10), in cosy_close() as at the session's end.  Both entries loop for
 * args->run_ns; tests/kernel/t_hostile.c races them.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>
#include "fd_race.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

COSY_COMPOUND(4096);

/* Mapped by the test: how far the loop is, live. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fd_race_progress);
} fd_race_progress SEC(".maps");

struct fd_race_loop {
	struct fd_race_args *a;
	__u64 end_ns;			/* a->run_ns from the start */
	struct cosy_session *s;		/* fd_race_close: the run's one session */
	struct fd_race_progress *p;
};

/* cosy_check() `n` times; false once the run is stopped. */
static __always_inline bool fd_race_delay(struct cosy_session *s, __u32 n)
{
	__u32 j;

	for (j = 0; j < FD_RACE_MAX_DELAY; j++) {
		if (j >= n)
			break;
		if (cosy_check(s))
			return false;
	}
	return true;
}

static __always_inline __u32 fd_race_delay_of(struct fd_race_args *a, __u32 i)
{
	__u32 max = a->max_delay;

	return max ? i % max : 0;
}

static long fd_race_close_one(__u32 i, void *ctx)
{
	struct fd_race_loop *l = ctx;
	struct fd_race_args *a = l->a;
	int fd, r;

	if (bpf_ktime_get_ns() > l->end_ns)
		return 1;
	fd = cosy_open(l->s, a->path_off, O_RDONLY, 0);
	if (fd < 0)
		return 1;	/* stopped (or broken): the run is over */
	a->iterations++;
	fd_race_delay(l->s, fd_race_delay_of(a, i));
	r = cosy_close(l->s, fd);
	if (!r)
		a->closed++;
	else if (r == -EBADF)
		a->refused++;
	else if (!a->other_err)
		a->other_err = r;
	__sync_fetch_and_add(&l->p->done, 1);
	return 0;
}

/* The loop's state: progress counter and end of the run; false if no map. */
static __always_inline bool fd_race_start(struct fd_race_loop *l, struct fd_race_args *a)
{
	__u32 zero = 0;

	l->a = a;
	l->p = bpf_map_lookup_elem(&fd_race_progress, &zero);
	l->end_ns = bpf_ktime_get_ns() + a->run_ns;
	return l->p != NULL;
}

/* One session; each iteration opens the file and closes it again. */
SEC("?syscall") __success __retval(0)
int fd_race_close(struct fd_race_args *a)
{
	struct fd_race_loop l = {};

	if (!fd_race_start(&l, a))
		return -EFAULT;
	l.s = cosy_begin(a);
	if (!l.s)
		return cosy_begin_error(a);
	bpf_loop(COSY_MAX_LOOPS, fd_race_close_one, &l, 0);
	cosy_end(l.s, a);
	return 0;
}

static long fd_race_reap_one(__u32 i, void *ctx)
{
	struct fd_race_loop *l = ctx;
	struct fd_race_args *a = l->a;
	struct cosy_session *s;
	int fd;

	/* The compound's own clock: a module that gives each session fresh
	 * budgets (issue 9, R7) would never stop this loop. */
	if (bpf_ktime_get_ns() > l->end_ns)
		return 1;
	s = cosy_begin(a);
	if (!s)
		return 1;
	fd = cosy_open(s, a->path_off, O_RDONLY, 0);
	if (fd >= 0) {
		a->iterations++;
		fd_race_delay(s, fd_race_delay_of(a, i));
	}
	cosy_end(s, a);		/* closes the fd, if it is still the session's */
	__sync_fetch_and_add(&l->p->done, 1);
	return fd < 0;
}

/* A session per iteration, which ends with the fd still open: the reaper closes it. */
SEC("?syscall") __success __retval(0)
int fd_race_reap(struct fd_race_args *a)
{
	struct fd_race_loop l = {};

	if (!fd_race_start(&l, a))
		return -EFAULT;
	bpf_loop(COSY_MAX_LOOPS, fd_race_reap_one, &l, 0);
	return 0;
}
