/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * pack: archive files into one, as tar -c --format=ustar does for regular
 * files: per file a 512-byte ustar header (name, mode, uid, gid, size,
 * mtime, checksum), the data, zeros to the next 512 bytes; two zero blocks
 * end the archive.  The archive is the caller's fd, granted, written at
 * its position; a run archives `nfiles` names from a table, so a long
 * list takes several runs.  GNU tar reads the result (tests check it).
 */
#ifndef COSY_PACK_H
#define COSY_PACK_H

#include <cosy/abi.h>

#define PACK_SEG_SIZE	(2u << 20)
#define PACK_BLOCK	512u
#define PACK_NAME_MAX	99u	/* ustar's name field, NUL included: no prefix split */

/*
 * The segment as cosy-pack, cosy-bench and the tests lay it out: the
 * header and a zero block, a stat, the data buffer, then the name table
 * and the names.
 */
#define PACK_WORK_OFF	0u
#define PACK_STAT_OFF	1024u
#define PACK_BUF_OFF	4096u
#define PACK_BUF_LEN	(64u << 10)
#define PACK_TABLE_OFF	(PACK_BUF_OFF + PACK_BUF_LEN)

/* Declared by the skeleton too (cosy-load gen skeleton): once is enough. */
#ifndef COSY_SKEL_PACK_H
struct pack_args {
	struct cosy_ctx cosy;
	__u32 table_off;	/* in: __u32 segment offsets of the names */
	__u32 nfiles;		/* in: names in the table */
	__u32 work_off;		/* in: 1024 bytes, 8-aligned: the header and a zero block */
	__u32 stat_off;		/* in: a struct cosy_stat, 8-aligned */
	__u32 buf_off;		/* in: the data buffer */
	__u32 buf_len;		/* in */
	__s32 out_fd;		/* in: the archive (granted) */
	__u32 finish;		/* in: end the archive after these files (two zero blocks) */
	__u32 done;		/* out: files archived; with an error, the failing one's index */
	__u32 fail_op;		/* out */
	__u32 torn;		/* out: with an error, writing that file had begun */
	__u32 __pad;
	__u64 written;		/* out: bytes of whole files written (and the end blocks); a
				 * failed file's part lies beyond: cut the archive back */
};
#endif

#endif
