/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * du: the disk usage of a tree, as du -s -B512 counts it (every entry's
 * st_blocks, the root's included, symlinks not followed, a file with
 * several hard links once), walked depth-first in one run.
 */
#ifndef COSY_DU_H
#define COSY_DU_H

#include <cosy/abi.h>

/*
 * Directories open at once, one per level: under COSY_MAX_FDS.  A deeper
 * tree fails the run with -ELOOP and too_deep set (cosy-du then walks it
 * in user space).  The root is not followed if it is a symlink (the open
 * fails, -ENOTDIR: du counts the link itself).
 */
#define DU_MAX_DEPTH	48
#define DU_BUF_LEN	8192u	/* getdents buffer per level */
#define DU_INO_SLOTS	16384u	/* (dev, ino) of multi-link files; -E2BIG when crowded */
#define DU_PROBES	32	/* slots tried per lookup before the table counts as crowded */

/* The segment: the root's path in slot `root` (at 0), then fixed places. */
#define DU_STAT_OFF	4096u	/* struct cosy_stat of the entry in hand */
#define DU_WALK_OFF	7168u	/* struct du_walk_state (see du.bpf.c) */
#define DU_FRAMES_OFF	8192u	/* struct du_frame[DU_MAX_DEPTH] */
#define DU_INO_OFF	16384u	/* struct du_ino[DU_INO_SLOTS] */
#define DU_BUFS_OFF	(512u << 10)	/* DU_BUF_LEN per level */
#define DU_SEG_SIZE	(1u << 20)

struct du_frame {
	__s32 fd;		/* the level's directory */
	__u32 pos, used;	/* walk of its getdents buffer */
	__u32 __pad;
};

/* What the walk keeps in the segment rather than on the BPF stack. */
struct du_walk_state {
	__u64 depth;		/* the level in hand */
	__u64 too_deep;		/* set when a level past DU_MAX_DEPTH was wanted */
};

struct du_ino {
	__u64 dev, ino;		/* both 0: a free slot */
};

struct du_args {
	struct cosy_ctx cosy;
	__u32 root_off COSY_SLOT_OFF(root);	/* in: the tree's path, NUL-terminated */
	__u32 __pad;
	__u64 blocks;		/* out: 512-byte blocks (du -s -B512) */
	__u64 entries;		/* out: entries counted, the root included */
	__u64 dirs;		/* out: directories among them */
	__u64 errors;		/* out: entries not stat'ed, directories not opened or read (du exits 1) */
	__u32 depth;		/* out: deepest level opened (the root is 0) */
	__u32 fail_op;		/* out: with a negative return, the call that failed */
	__u32 too_deep;		/* out: -ELOOP because the tree is deeper than DU_MAX_DEPTH */
	__u32 __pad1;
};

#endif
