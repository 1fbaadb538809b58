// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile compounds for the stateful fuzzer (tests/kernel/t_fuzz_state.c),
 * shapes the probe compound cannot take:
 *
 *  - fs_loop_sessions begins and ends session after session in one run
 *    (a bpf_loop, optionally a second session nested in each): the run's
 *    budgets must hold over all of them (issue 9, R7);
 *  - fs_timer_arm starts a bpf_timer whose callback begins a session and
 *    calls kfuncs: the callback runs in softirq context, in whatever task
 *    the timer interrupts, and must get no session (R5);
 *  - fs_rodata_use indexes its stack with a constant from .rodata, which
 *    the verifier reads as a known 0 (the map is frozen and read-only for
 *    programs): a segment that is this map (R1) could change it under the
 *    program.
 *
 * 6.1 loads both (a sleepable program's callbacks may call sleepable
 * kfuncs): the verifier suite only loads them (__success, no __retval);
 * running them is the fuzzer's job, with its own oracle.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>
#include "fuzz_state.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

COSY_COMPOUND(4096);

/* --- sessions in a loop ------------------------------------------------ */

struct fs_inner {
	struct cosy_session *s;
	__s64 ok;
	__s32 err;
};

static long fs_check_cb(__u32 i, void *ctx)
{
	struct fs_inner *in = ctx;
	long r = cosy_check(in->s);

	if (r == 0)
		in->ok++;
	else if (!in->err)
		in->err = r;
	return 0;
}

struct fs_outer {
	struct fs_loop_args *a;
	__s32 stop_err;
};

/* Count a refused begin: after a stop, its errno is the one R7 specifies. */
static void fs_refused(struct fs_outer *o)
{
	struct fs_loop_args *a = o->a;

	a->refused++;
	if (!a->first_begin_err)
		a->first_begin_err = a->cosy.begin_err;
	if (o->stop_err && !a->refused_err)
		a->refused_err = a->cosy.begin_err;
}

static long fs_session_cb(__u32 i, void *ctx)
{
	struct fs_outer *o = ctx;
	struct fs_loop_args *a = o->a;
	struct fs_inner in = {}, in2 = {};
	struct cosy_session *s, *s2;

	s = cosy_session_begin(&a->cosy, sizeof(a->cosy));
	if (!s) {
		fs_refused(o);
		return 0;
	}
	a->begun++;
	if (o->stop_err)
		a->begun_after_stop++;
	in.s = s;
	bpf_loop(a->per, fs_check_cb, &in, 0);
	if (a->nested) {
		s2 = cosy_session_begin(&a->cosy, sizeof(a->cosy));
		if (s2) {
			a->begun++;
			if (o->stop_err || in.err)
				a->begun_after_stop++;
			in2.s = s2;
			bpf_loop(a->per, fs_check_cb, &in2, 0);
			/* The outer session, while the inner one is open. */
			bpf_loop(a->per, fs_check_cb, &in, 0);
			cosy_session_end(s2);
		} else {
			fs_refused(o);
		}
	}
	cosy_session_end(s);
	a->ok_calls += in.ok + in2.ok;
	if (!o->stop_err)
		o->stop_err = in.err ? in.err : in2.err;
	if (!a->stop_err)
		a->stop_err = o->stop_err;
	return 0;
}

SEC("?syscall") __success
int fs_loop_sessions(struct fs_loop_args *a)
{
	struct fs_outer o = { .a = a };
	__u32 n = a->nsess;

	if (n > 64)
		n = 64;
	a->ok_calls = 0;
	a->begun = a->begun_after_stop = a->refused = 0;
	a->stop_err = a->refused_err = a->first_begin_err = 0;
	bpf_loop(n, fs_session_cb, &o, 0);
	return 0;
}

/* --- a constant the verifier relies on --------------------------------- */

const volatile __u32 fs_rodata_idx = 0;

SEC("?syscall") __success
int fs_rodata_use(void *ctx)
{
	volatile char buf[16] = {};

	return buf[fs_rodata_idx];
}

/* --- kfuncs from a timer callback (softirq) ---------------------------- */

/* fs_timer_val with the real struct bpf_timer, so that BTF shows the timer. */
struct fs_timer_map_val {
	struct bpf_timer timer;
	struct cosy_ctx ctx;
	__u32 path_off;
	__u32 fired;
	__u32 begun;
	__s32 begin_err;
	__s64 res[3];
};
_Static_assert(sizeof(struct fs_timer_map_val) == sizeof(struct fs_timer_val),
	       "fuzz_state.h and the map value disagree");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct fs_timer_map_val);
} fs_timers SEC(".maps");

static int fs_timer_cb(void *map, __u32 *key, struct fs_timer_map_val *v)
{
	struct cosy_session *s;

	v->fired = 1;
	s = cosy_session_begin(&v->ctx, sizeof(v->ctx));
	v->begin_err = v->ctx.begin_err;
	if (!s)
		return 0;
	v->begun = 1;
	v->res[0] = cosy_check(s);
	v->res[1] = cosy_open(s, v->path_off, O_RDONLY, 0);
	v->res[2] = cosy_memcpy(s, 0, 64, 64);
	cosy_session_end(s);
	return 0;
}

/* Refused at load from 7.x on (see context.bpf.c): t_fuzz_state probes. */
SEC("?syscall") __success __failure_since("7.0", "program must be sleepable to call sleepable kfunc cosy_session_begin")
int fs_timer_arm(struct fs_timer_args *a)
{
	struct fs_timer_map_val *v;
	__u32 zero = 0;
	long err;

	v = bpf_map_lookup_elem(&fs_timers, &zero);
	if (!v)
		return -2;	/* ENOENT */
	__builtin_memcpy(&v->ctx, &a->cosy, sizeof(v->ctx));
	v->path_off = a->path_off;
	v->fired = v->begun = 0;
	v->begin_err = 0;
	v->res[0] = v->res[1] = v->res[2] = 0;
	err = bpf_timer_init(&v->timer, &fs_timers, 1 /* CLOCK_MONOTONIC */);
	if (err && err != -16 /* EBUSY: armed by an earlier run */)
		return err;
	err = bpf_timer_set_callback(&v->timer, fs_timer_cb);
	if (err)
		return err;
	return bpf_timer_start(&v->timer, a->delay_ns, 0);
}
