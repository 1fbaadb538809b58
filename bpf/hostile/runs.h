/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* runs.bpf.c: several sessions in one run; the counters it reports. */
#ifndef COSY_HOSTILE_RUNS_H
#define COSY_HOSTILE_RUNS_H

#include <cosy/abi.h>

#define RUNS_MAX_CHECKS 64

struct runs_args {
	struct cosy_ctx cosy;
	__u32 nsessions;	/* in: sessions to begin, one after the other */
	__u32 checks;		/* in: cosy_check() calls per session */
	__u32 begun;		/* out: sessions that began */
	__u32 failed_begins;	/* out: sessions that did not */
	__s32 first_begin_err;	/* out: why the first of those did not */
	__u32 ok_calls;		/* out: cosy_check() calls that returned 0 */
	__s32 first_call_err;	/* out: the first that did not, its -errno */
	__s32 other_session_err; /* out: runs_two_sessions: the second session's check */
};

#endif
