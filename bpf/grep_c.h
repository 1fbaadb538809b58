/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* grep-c: count the lines of a file that contain a fixed string. */
#ifndef COSY_GREP_C_H
#define COSY_GREP_C_H

#include <cosy/abi.h>

#define GREP_SEG_SIZE	(1u << 20)

struct grep_c_args {
	struct cosy_ctx cosy;
	__u32 path_off;		/* in: the file */
	__u32 req_off;		/* in: a struct cosy_grep_req (pattern set) */
	__u32 buf_off;		/* in */
	__u32 chunk;		/* in: bytes per pread, > pattern length */
	__u64 matches;		/* out: as grep -c -F */
	__u32 fail_op;		/* out */
	__u32 __pad;
};

#endif
