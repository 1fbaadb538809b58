/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * fd_race.bpf.c: opens and closes (or leaves to the session's end) one
 * path over and over, for the whole run, while another thread of the
 * caller plays with the fd numbers it gets.
 */
#ifndef COSY_HOSTILE_FD_RACE_H
#define COSY_HOSTILE_FD_RACE_H

#include <cosy/abi.h>

#define FD_RACE_MAX_DELAY 64

struct fd_race_args {
	struct cosy_ctx cosy;
	__u64 run_ns;		/* in: loop this long (the compound's own clock) */
	__u32 path_off;		/* in: the file to open */
	__u32 max_delay;	/* in: cosy_check() calls between open and close
				 * sweep 0 .. max_delay - 1 (<= FD_RACE_MAX_DELAY) */
	__u32 iterations;	/* out: opens */
	__u32 closed;		/* out: closes that returned 0 */
	__u32 refused;		/* out: closes that returned -EBADF */
	__s32 other_err;	/* out: any other failure */
	__u32 __pad;
};

/* Iterations finished so far, for the test to follow during the run. */
struct fd_race_progress {
	__u64 done;
};

#endif
