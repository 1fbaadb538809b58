/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * context.bpf.c: a bpf_timer callback that begins a session.  The map value
 * carries the ctx the callback uses (the test fills it in) and its outcome.
 */
#ifndef COSY_HOSTILE_CONTEXT_H
#define COSY_HOSTILE_CONTEXT_H

#include <cosy/abi.h>

struct context_args {
	struct cosy_ctx cosy;
	__u64 delay_ns;		/* in: when the timer fires */
};

struct context_timer {
	struct bpf_timer timer;
	struct cosy_ctx ctx;	/* in: a valid ctx of the test's, segment and all */
	__s32 ran;		/* out: the callback ran */
	__s32 got_session;	/* out: begin returned a session */
	__s32 begin_err;	/* out: ctx.begin_err after the begin */
	__u32 __pad;
};

#endif
