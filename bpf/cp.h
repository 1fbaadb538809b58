/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* cp: the HotOS'03 example.  Shared by cp.bpf.c and its callers. */
#ifndef COSY_CP_H
#define COSY_CP_H

#include <cosy/abi.h>

#define CP_SEG_SIZE	(1u << 20)	/* paths + the chunk buffer */

struct cp_args {
	struct cosy_ctx cosy;
	__u32 src_off COSY_SLOT_OFF(src);	/* in: segment offset of the source path */
	__u32 dst_off COSY_SLOT_OFF(dst);	/* in: segment offset of the destination path */
	__u32 buf_off COSY_SLOT_OFF(buf);	/* in: segment offset of the chunk buffer */
	__u32 chunk;		/* in: bytes per read/write */
	__u32 mode;		/* in: mode for a created destination */
	__u32 fail_op;		/* out: enum cosy_op of the step that failed */
	__s64 copied;		/* out: bytes copied */
};

#endif
