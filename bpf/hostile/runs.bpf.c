// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile compounds: many sessions in one run.  The verifier only asks that
 * each session ends; nothing stops a compound from beginning a fresh one
 * whenever a budget runs out.  Budgets are the run's, not the session's
 * (issue 9, R7): all sessions of one BPF_PROG_RUN share one set of counters
 * and one deadline.  tests/kernel/t_hostile.c runs these with small budgets
 * and reads the counters they leave in their args.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>
#include "runs.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

COSY_COMPOUND(4096);

struct runs_loop {
	struct runs_args *a;
};

static long runs_one_session(__u32 i, void *ctx)
{
	struct runs_loop *l = ctx;
	struct runs_args *a = l->a;
	struct cosy_session *s = cosy_begin(a);
	__u32 j, n = a->checks;
	int r;

	if (!s) {
		if (!a->failed_begins++)
			a->first_begin_err = cosy_begin_error(a);
		return 0;
	}
	a->begun++;
	for (j = 0; j < RUNS_MAX_CHECKS && j < n; j++) {
		r = cosy_check(s);
		if (!r)
			a->ok_calls++;
		else if (!a->first_call_err)
			a->first_call_err = r;
	}
	cosy_end(s, a);
	return 0;
}

/* Begins nsessions sessions in a bpf_loop, each making `checks` calls. */
SEC("?syscall") __success __retval(0)
int runs_sessions_in_a_loop(struct runs_args *a)
{
	struct runs_loop l = { .a = a };
	__u32 n = a->nsessions;

	bpf_loop(n < 1024 ? n : 1024, runs_one_session, &l, 0);
	return 0;
}

struct runs_two {
	struct cosy_session *s;
	__u32 ok;
	__s32 err;
};

static long runs_spend(__u32 i, void *ctx)
{
	struct runs_two *t = ctx;
	int r = cosy_check(t->s);

	if (!r)
		t->ok++;
	else if (!t->err)
		t->err = r;
	return 0;
}

/*
 * Two sessions open at once: spends the calls budget on the first, then
 * asks the second (which began before the stop) for one more call.
 */
SEC("?syscall") __success __retval(0)
int runs_two_sessions(struct runs_args *a)
{
	struct cosy_session *s1, *s2;
	struct runs_two t = {};

	s1 = cosy_begin(a);
	if (!s1)
		return cosy_begin_error(a);
	s2 = cosy_begin(a);
	if (!s2) {
		cosy_end(s1, a);
		return cosy_begin_error(a);
	}
	a->begun = 2;
	t.s = s1;
	bpf_loop(a->checks, runs_spend, &t, 0);
	a->ok_calls = t.ok;
	a->first_call_err = t.err;
	a->other_session_err = cosy_check(s2);
	cosy_end(s2, a);
	cosy_end(s1, a);
	return 0;
}
