// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile compounds: kfuncs called outside the caller's task.  A SYSCALL
 * program may arm a bpf_timer, and 6.1's verifier lets the callback call
 * the (sleepable) kfuncs: the program is sleepable, the callback is not
 * checked on its own.  The callback runs in softirq context, in whatever
 * task the timer interrupt hit, so it must not get a session (issue 9, R5):
 * tests/kernel/t_hostile.c arms it and reads the outcome back from the map.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>
#include "context.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define CLOCK_MONOTONIC 1	/* uapi <linux/time.h> */
#ifndef EBUSY
#define EBUSY 16
#endif

COSY_COMPOUND(4096);

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct context_timer);
} context_timers SEC(".maps");

static int context_timer_fired(void *map, int *key, struct context_timer *v)
{
	/* The ctx is map memory: neither stack nor a segment, so today's guard takes it. */
	struct cosy_session *s = cosy_session_begin(&v->ctx, sizeof(v->ctx));

	if (s) {
		v->got_session = 1;
		cosy_check(s);
		cosy_session_end(s);
	}
	v->begin_err = v->ctx.begin_err;
	v->ran = 1;
	return 0;
}

/*
 * Arms a timer whose callback begins a session; the run returns at once.
 * (No __retval: t_verifier would fire it with a zeroed ctx, to no purpose.)
 * Up to 6.12 only the module refuses the session (softirq context, a run
 * time check); 7.3's verifier refuses the sleepable kfunc in the
 * non-sleepable callback at load.
 */
SEC("syscall") __success	/* alone in its object: cosy-load verify loads it */
__failure_since("7.0", "program must be sleepable to call sleepable kfunc cosy_session_begin")
int context_timer_begins_session(struct context_args *a)
{
	struct context_timer *v;
	__u32 zero = 0;
	long err;

	v = bpf_map_lookup_elem(&context_timers, &zero);
	if (!v)
		return -EFAULT;
	err = bpf_timer_init(&v->timer, &context_timers, CLOCK_MONOTONIC);
	if (err && err != -EBUSY)	/* initialised by an earlier run */
		return err;
	err = bpf_timer_set_callback(&v->timer, context_timer_fired);
	if (err)
		return err;
	return bpf_timer_start(&v->timer, a->delay_ns, 0);
}
