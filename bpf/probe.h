/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * probe: a compound that makes whatever kfunc calls it is told to, so tests
 * (and fuzzers) can drive the guard with any arguments from user space.
 * The steps run in order; the last one is repeated `repeat` times in all
 * (with `until_error`, the run ends after the first call that fails).
 */
#ifndef COSY_PROBE_H
#define COSY_PROBE_H

#include <cosy/abi.h>

#define PROBE_SEG_SIZE	(64u * 1024)
#define PROBE_MAX_STEPS	8
#define PROBE_FD_LAST	(-1000)	/* "the fd the latest open returned" */

struct probe_step {
	__u32 op;		/* enum cosy_op */
	__s32 fd;		/* or PROBE_FD_LAST */
	__u32 off;		/* data offset (path for open) */
	__u32 len;
	__s64 pos;		/* pread/pwrite position, lseek offset; grep request,
				 * memcpy source (see probe.bpf.c) */
	__s32 flags;		/* open flags, lseek whence, fstatat flags */
	__s32 mode;		/* open mode; cosy_copy's out fd */
};

struct probe_args {
	struct cosy_ctx cosy;
	__u32 nsteps;
	__u32 repeat;		/* times the last step runs (0 = once) */
	__u32 until_error;	/* 1: end after the first call that fails, as a
				 * compound that checks its results does */
	__u32 __pad0;
	struct probe_step steps[PROBE_MAX_STEPS];
	__s64 res[PROBE_MAX_STEPS];	/* out: each step's (last) result */
	__s64 last;		/* out: the very last call's result */
	__u64 ncalls;		/* out: calls made */
	__s64 errs[PROBE_MAX_STEPS];	/* out: cosy_errno() after each step's first run */
	__u32 stopped;		/* out: cosy_stopped() after the last step */
	__u32 __pad1;
};

#endif
