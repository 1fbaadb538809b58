/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* burst: N zero-byte reads in one crossing (the per-call cost benchmark). */
#ifndef COSY_BURST_H
#define COSY_BURST_H

#include <cosy/abi.h>

#define BURST_SEG_SIZE	4096u

struct burst_args {
	struct cosy_ctx cosy;
	__s32 fd;		/* in: a granted fd to read from */
	__u32 n;		/* in: reads to make */
	__u64 done;		/* out: reads that returned 0 */
};

#endif
