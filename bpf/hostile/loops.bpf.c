// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile compounds: loops.  6.1 accepts a loop only if it can walk every
 * iteration (or prove a state repeats), so compounds loop with bpf_loop()
 * (README, "Loops use bpf_loop()"); its callback must return 0 or 1 and
 * its count is capped at run time (1 << 23).  The loop whose bound the
 * verifier cannot see is in loop_unbounded.bpf.c (its own object, so that
 * cosy-load verify shows its line).
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u64 n;
};

COSY_COMPOUND(4096);

static long add_index(__u32 i, void *ctx)
{
	*(__u64 *)ctx += i;
	return 0;
}

/* Control: bpf_loop() sums 0..9. */
SEC("?syscall") __success __retval(45)
int loop_bpf_loop_valid(struct args *a)
{
	__u64 sum = 0;

	bpf_loop(10, add_index, &sum, 0);
	return sum;
}

/* Asks bpf_loop() for more than 1 << 23 iterations: refused at run time, -E2BIG. */
SEC("?syscall") __success __retval(-7)
int loop_bpf_loop_too_many(struct args *a)
{
	__u64 sum = 0;

	return bpf_loop(COSY_MAX_LOOPS + 1, add_index, &sum, 0);
}

/* Spins on a ctx word that never changes: the same state comes back. */
SEC("?syscall") __failure __msg("infinite loop detected")
int loop_infinite(struct args *a)
{
	while (!*(volatile __u64 *)&a->n)
		;
	return 0;
}

static long bad_return(__u32 i, void *ctx)
{
	return 2;
}

/* A bpf_loop() callback that returns something other than 0 or 1. */
SEC("?syscall") __failure __msg("At callback return the register R0 has ")
int loop_callback_bad_return(struct args *a)
{
	return bpf_loop(2, bad_return, NULL, 0);
}

static long deep_callback(__u32 i, void *ctx)
{
	return bpf_loop(1, add_index, ctx, 0) < 0;
}

/* Control: a bpf_loop() inside a bpf_loop() callback. */
SEC("?syscall") __success __retval(0)
int loop_nested_bpf_loop(struct args *a)
{
	__u64 sum = 0;

	bpf_loop(3, deep_callback, &sum, 0);
	return sum;
}

struct counter {
	__u64 n;
	__u64 stopped_at;
};

static long count_to_three(__u32 i, void *ctx)
{
	struct counter *c = ctx;

	if (c->n >= 3) {
		c->stopped_at = i;
		return 1;
	}
	c->n++;
	return 0;
}

/*
 * Ends its loop by a counter on the stack that starts at a constant.  6.1's
 * verifier checks a bpf_loop() callback once, with the stack as it is at
 * the call (n == 0), never sees `n >= 3` true and removes that branch as
 * dead code: the loop runs all 10 times.  6.7 verifies callbacks as loops
 * ("verify callbacks as if they are called unknown number of times").
 */
SEC("?syscall") __success __retval(10) __retval_since("6.7", 3)
int loop_callback_constant_state(struct args *a)
{
	struct counter c = { 0, 0 };

	bpf_loop(10, count_to_three, &c, 0);
	return c.n;
}

/*
 * The same loop, its counter starting at a value the verifier cannot know
 * (0 from the args at run time): both branches stay, on every kernel.
 * What cosy-kfuncs(7) tells compounds to do.
 */
SEC("?syscall") __success __retval(3)
int loop_callback_unknown_state(struct args *a)
{
	struct counter c = { .n = a->n };

	bpf_loop(10, count_to_three, &c, 0);
	return c.n;
}
