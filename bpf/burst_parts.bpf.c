// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * burst taken apart (cosy-bench burst, methods cosy-nop and cosy-guard):
 * burst's bpf_loop() of n iterations with its cosy_read() replaced by
 *   burst_nop     cosy_errno(): unguarded, does nothing (the loop and the
 *                 kfunc call alone)
 *   burst_guard   cosy_check(): the guard's entry and exit alone (context,
 *                 budgets, reschedule point, accounting)
 * What burst costs beyond burst_guard is its fd lookup and read path; what
 * that costs beyond the floor module's reads is what cosy_read() checks.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include "burst.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

COSY_COMPOUND(BURST_SEG_SIZE);

struct parts_loop {
	struct cosy_session *s;
	__u64 done;
	long err;
};

static long nop_one(__u32 i, void *ctx)
{
	struct parts_loop *l = ctx;
	long r = cosy_errno(l->s);

	if (r) {
		cosy_loop_set(l->err, r);
		return 1;
	}
	l->done++;
	return 0;
}

static long guard_one(__u32 i, void *ctx)
{
	struct parts_loop *l = ctx;
	long r = cosy_check(l->s);

	if (r) {
		cosy_loop_set(l->err, r);
		return 1;
	}
	l->done++;
	return 0;
}

SEC("syscall")
int burst_nop(struct burst_args *a)
{
	struct parts_loop l = {};

	l.s = cosy_begin(a);
	if (!l.s)
		return cosy_begin_error(a);
	bpf_loop(a->n, nop_one, &l, 0);
	cosy_end(l.s, a);
	a->done = l.done;
	return l.err;
}

SEC("syscall")
int burst_guard(struct burst_args *a)
{
	struct parts_loop l = {};

	l.s = cosy_begin(a);
	if (!l.s)
		return cosy_begin_error(a);
	bpf_loop(a->n, guard_one, &l, 0);
	cosy_end(l.s, a);
	a->done = l.done;
	return l.err;
}
