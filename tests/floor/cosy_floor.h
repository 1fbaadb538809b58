/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The benchmarks' floor: cosy_floor.ko (test-only, never installed) runs a
 * workload as plain kernel C in the caller's task, one ioctl on
 * /dev/cosy-floor, with the VFS calls the compound's kfuncs make and
 * nothing else: no BPF, no guard, no session, no budget.  cosy-bench's
 * method `floor`; efficiency = floor time / cosy time.
 */
#ifndef COSY_FLOOR_H
#define COSY_FLOOR_H

#include <linux/ioctl.h>
#include <linux/types.h>

enum cosy_floor_op {
	COSY_FLOOR_BURST = 1,	/* n zero-byte reads of fd */
	COSY_FLOOR_CAT,		/* names: n inputs, then the output; chunk */
	COSY_FLOOR_CP,		/* names: source, destination; chunk */
	COSY_FLOOR_GREP,	/* names: file, pattern; chunk (pread) */
	COSY_FLOOR_LS,		/* names: directory; getdents + lstat per entry */
};

struct cosy_floor_req {
	__u32 op;		/* in: enum cosy_floor_op */
	__u32 chunk;		/* in: bytes per read (CAT, CP, GREP, LS) */
	__s32 fd;		/* in: BURST */
	__u32 __pad;
	__u64 n;		/* in: BURST reads, CAT inputs */
	__u64 names;		/* in: user pointer to NUL-terminated strings, back to back */
	__u64 names_len;	/* in: their total length, NULs included */
	__u64 result;		/* out: reads done, bytes copied, lines matched, entries */
	__u64 calls;		/* out: VFS calls made (a compound's kfunc calls) */
};

#define COSY_FLOOR_NAMES_MAX	(4u << 20)
#define COSY_FLOOR_CHUNK_MAX	(4u << 20)
#define COSY_FLOOR_GREP_PAT_MAX	4096u

#define COSY_FLOOR_RUN	_IOWR('f', 1, struct cosy_floor_req)

#endif
