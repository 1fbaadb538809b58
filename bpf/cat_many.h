/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* cat-many: append N files to one output, in one crossing. */
#ifndef COSY_CAT_MANY_H
#define COSY_CAT_MANY_H

#include <cosy/abi.h>

#define CAT_SEG_SIZE	(4u << 20)	/* path table + paths + buffer */

struct cat_many_args {
	struct cosy_ctx cosy;
	__u32 nfiles;		/* in */
	__u32 table_off;	/* in: nfiles __u32 segment offsets of the paths */
	__u32 dst_off;		/* in: output path */
	__u32 buf_off;		/* in: chunk buffer */
	__u32 chunk;		/* in */
	__u32 fail_op;		/* out */
	__s64 copied;		/* out: bytes written */
	__s32 failed_file;	/* out: index of the file that failed, or -1 */
	__u32 open_flags;	/* in: or'ed into every open: 0 or COSY_O_PRIVATE */
};

#endif
