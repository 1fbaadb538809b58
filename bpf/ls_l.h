/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * ls-l: list a directory with name, type, mode, size, mtime of each entry.
 * A run lists as many entries as max_entries records hold; a larger
 * directory takes more runs, each from the position the last one gave.
 */
#ifndef COSY_LS_L_H
#define COSY_LS_L_H

#include <cosy/abi.h>

#define LS_SEG_SIZE	(4u << 20)
#define LS_NAME_MAX	256

struct ls_rec {
	struct cosy_stat st;	/* lstat of the entry */
	__u32 type;		/* d_type */
	__s32 err;		/* 0, or -errno of its lstat */
	char name[LS_NAME_MAX];
};

struct ls_l_args {
	struct cosy_ctx cosy;
	__u32 dir_off;		/* in: the directory's path */
	__u32 buf_off;		/* in: getdents buffer, 8-aligned */
	__u32 buf_len;		/* in */
	__u32 out_off;		/* in: struct ls_rec array, 8-aligned */
	__u32 max_entries;	/* in: room in the array */
	__u32 nentries;		/* out: records written ("." and ".." skipped) */
	__u32 truncated;	/* out: more entries than room: run again from next */
	__u32 fail_op;		/* out */
	__u64 start;		/* in: directory position to start at (0: the first entry) */
	__u64 next;		/* out: with truncated, where the next run starts */
};

#endif
