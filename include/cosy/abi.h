/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * cosy ABI: the structures that cross between the application (libcosy), a
 * compound (BPF) and the module (kfuncs).  Fixed-width types only, no
 * pointers, and fields are only ever added at the end.
 *
 * A compound's shared segment is the value of its one-entry, mmappable array
 * map `cosy_seg`.  It starts with struct cosy_seg_hdr (COSY_SEG_HDR_SIZE
 * bytes); the rest is the data area.  Every (offset, length) a compound hands
 * to a kfunc is relative to the data area and checked by the guard.
 */
#ifndef COSY_ABI_H
#define COSY_ABI_H

#if !defined(__VMLINUX_H__) && !defined(__KERNEL__)
#include <linux/types.h>
#endif

#define COSY_SEG_MAGIC		0x59534f43u	/* "COSY" little endian */
#define COSY_ABI_VERSION	1u
#define COSY_SEG_HDR_SIZE	256u
#define COSY_MAX_GRANT		8u	/* fds a caller may grant one run */
#define COSY_MAX_FDS		64u	/* fds a session may hold open at once */
#define COSY_PATH_MAX		4096u	/* PATH_MAX, including the NUL */
/* bpf_loop()'s ceiling (BPF_MAX_LOOPS); 6.1 rejects big bounded loops. */
#define COSY_MAX_LOOPS		(1u << 23)

/* Budget defaults, used when the caller leaves a budget at 0. */
#define COSY_DEFAULT_TIME_NS	(10ull * 1000 * 1000 * 1000)
#define COSY_DEFAULT_CALLS	(1ull << 20)
#define COSY_DEFAULT_BYTES	(4ull << 30)

/* Operations, as recorded in cosy_seg_hdr.fail_op. */
enum cosy_op {
	COSY_OP_NONE = 0,
	COSY_OP_BEGIN,
	COSY_OP_OPEN,
	COSY_OP_CLOSE,
	COSY_OP_READ,
	COSY_OP_WRITE,
	COSY_OP_PREAD,
	COSY_OP_PWRITE,
	COSY_OP_LSEEK,
	COSY_OP_KEEP,
	COSY_OP_CHECK,
	COSY_OP__MAX,
};

/*
 * Why a session stopped early (cosy_seg_hdr.stop_reason).  Once stopped,
 * every later kfunc call of the session fails at once with stop_err:
 *   TIME   -ETIME   the wall-time budget ran out
 *   CALLS  -EDQUOT  the kfunc-call budget ran out
 *   BYTES  -EFBIG   a call would move more bytes than the budget allows
 *   SIGNAL -EINTR   a fatal signal is pending for the caller
 */
enum cosy_stop {
	COSY_STOP_NONE = 0,
	COSY_STOP_TIME,
	COSY_STOP_CALLS,
	COSY_STOP_BYTES,
	COSY_STOP_SIGNAL,
	COSY_STOP__MAX,
};

struct cosy_budget {
	__u64 time_ns;		/* wall time from session begin */
	__u64 calls;		/* kfunc calls */
	__u64 bytes;		/* bytes read + written */
};

struct cosy_stats {
	__u64 calls;		/* kfunc calls made (the crossings saved) */
	__u64 bytes_read;
	__u64 bytes_written;
	__u64 kfunc_ns;		/* time spent inside cosy kfuncs */
	__u64 wall_ns;		/* session begin to end */
	__u32 fds_opened;
	__u32 fds_reaped;	/* opened, not closed nor kept: closed by the guard */
};

struct cosy_seg_hdr {
	__u32 magic;		/* in: COSY_SEG_MAGIC */
	__u32 abi_version;	/* in: COSY_ABI_VERSION */
	/* in, written by the caller before a run */
	struct cosy_budget budget;
	__u32 ngrant;
	__s32 grant_fds[COSY_MAX_GRANT];
	/* out, written by the module when a session ends (or fails to begin) */
	__u32 sessions;		/* sessions begun since the caller reset it */
	struct cosy_stats stats;
	__s32 stop_err;		/* 0 or -errno of enum cosy_stop */
	__u32 stop_reason;	/* enum cosy_stop */
	__s32 fail_err;		/* first kfunc failure: -errno ... */
	__u32 fail_op;		/* ... and its enum cosy_op */
	__s32 begin_err;	/* why cosy_session_begin() returned NULL */
	__u32 __pad;
};

#ifdef __cplusplus
static_assert(sizeof(struct cosy_seg_hdr) <= COSY_SEG_HDR_SIZE, "cosy_seg_hdr too big");
#else
_Static_assert(sizeof(struct cosy_seg_hdr) <= COSY_SEG_HDR_SIZE, "cosy_seg_hdr too big");
#endif

#endif /* COSY_ABI_H */
