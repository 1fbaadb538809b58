/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Args of the hostile compounds in bpf/hostile/fuzz_state.bpf.c, shared
 * with their driver, tests/kernel/t_fuzz_state.c: sessions begun over and
 * over in one run (one budget per run, issue 9 R7) and kfuncs called from
 * a bpf_timer callback, i.e. in softirq context (R5).
 */
#ifndef COSY_FUZZ_STATE_H
#define COSY_FUZZ_STATE_H

#include <cosy/abi.h>

/* fs_loop_sessions: nsess sessions in a bpf_loop, `per` cosy_check()s each. */
struct fs_loop_args {
	struct cosy_ctx cosy;
	__u32 nsess;
	__u32 per;
	__u32 nested;		/* also begin a second session inside each one */
	__u32 __pad;
	/* out */
	__s64 ok_calls;		/* cosy_check() calls that returned 0, all sessions */
	__u32 begun;		/* sessions that began */
	__u32 begun_after_stop;	/* ... after a check had already been refused */
	__s32 stop_err;		/* the first refused check's -errno */
	__s32 refused_err;	/* begin_err of the first begin refused after that */
	__s32 first_begin_err;	/* begin_err of the first refused begin */
	__u32 refused;		/* begins that returned NULL */
};

/* fs_timer_arm: a timer whose callback begins a session from fs_timer_val.ctx. */
struct fs_timer_args {
	struct cosy_ctx cosy;	/* copied into the map value for the callback */
	__u32 path_off;		/* what the callback cosy_open()s */
	__u32 __pad;
	__u64 delay_ns;
};

/* The timer map's value (user space reads all but the timer). */
struct fs_timer_val {
	struct { __u64 __opaque[2]; } timer;	/* struct bpf_timer on the BPF side */
	struct cosy_ctx ctx;
	__u32 path_off;
	__u32 fired;		/* the callback ran */
	__u32 begun;		/* and its session began */
	__s32 begin_err;
	__s64 res[3];		/* cosy_check, cosy_open, cosy_memcpy in the callback */
};

#endif
