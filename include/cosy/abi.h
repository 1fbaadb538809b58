/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * cosy ABI: the structures that cross between the application (libcosy), a
 * compound (BPF) and the module (kfuncs).  Fixed-width types only, no
 * pointers, and fields are only ever added at the end.
 *
 * Every compound's args struct (its BPF ctx) starts with struct cosy_ctx:
 * the caller puts the run's segment, budgets and granted fds there, the
 * module writes the guard's report there when the session ends, and
 * BPF_PROG_RUN copies it back to the caller.
 *
 * A segment is a one-entry, mmappable BPF array map whose value is the data
 * the application and the compound share (zero copy).  The caller names it
 * by fd in cosy_ctx.seg_fd, so each process or thread can bring its own.
 * Every (offset, length) a compound hands to a kfunc is relative to it and
 * checked by the guard.
 */
#ifndef COSY_ABI_H
#define COSY_ABI_H

/* __u32 and friends: from vmlinux.h, the kernel, a header that defines
 * COSY_HAVE_KERNEL_TYPES (cosy-cc's compounds), or linux/types.h */
#if !defined(__VMLINUX_H__) && !defined(__KERNEL__) && !defined(COSY_HAVE_KERNEL_TYPES)
#include <linux/types.h>
#endif

/*
 * COSY_SLOT_OFF(slot) on an args field: the field holds the segment offset
 * of the named slot (COSY_SLOT() in cosy.bpf.h), and a skeleton's run
 * functions set it (cosy-load gen skeleton).  A BTF decl tag, so only the
 * compound's own (BPF) build of a shared header records it.
 */
#if defined(__bpf__) && defined(__has_attribute)
#if __has_attribute(btf_decl_tag)
#define COSY_SLOT_OFF(slot) __attribute__((btf_decl_tag("cosy_slot_off=" #slot)))
#endif
#endif
#ifndef COSY_SLOT_OFF
#define COSY_SLOT_OFF(slot)
#endif

#define COSY_CTX_MAGIC		0x59534f43u	/* "COSY" little endian */
/*
 * A session begins only when the ctx names this version (-EPROTO
 * otherwise), so a compound never runs against a module that would read
 * its flags otherwise: 4 added COSY_O_REFUSE_WAIT, which an older module
 * refuses as an unknown open flag; 5 answers such an open -ETOOMANYREFS
 * (not -EMFILE) when the session's fd table is full.
 */
#define COSY_ABI_VERSION	5u
#define COSY_SEG_MAX		(4u << 20)	/* an array value's ceiling (KMALLOC_MAX_SIZE) */
#define COSY_MAX_GRANT		8u	/* fds a caller may grant one run */
#define COSY_MAX_FDS		64u	/* fds a session may hold open at once */
#define COSY_PATH_MAX		4096u	/* PATH_MAX, including the NUL */
/* bpf_loop()'s ceiling (BPF_MAX_LOOPS); 6.1 rejects big bounded loops. */
#define COSY_MAX_LOOPS		(1u << 23)

/* Budget defaults, used when the caller leaves a budget at 0. */
#define COSY_DEFAULT_TIME_NS	(10ull * 1000 * 1000 * 1000)
#define COSY_DEFAULT_CALLS	(1ull << 20)
#define COSY_DEFAULT_BYTES	(4ull << 30)

/* Operations, as recorded in cosy_ctx.fail_op. */
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
	COSY_OP_DATA,
	COSY_OP_OPENAT,
	COSY_OP_FSTAT,
	COSY_OP_FSTATAT,
	COSY_OP_GETDENTS,
	COSY_OP_COPY,
	COSY_OP_GREP,
	COSY_OP_MEMCPY,
	COSY_OP_MEMCHR,
	COSY_OP_MEMMEM,
	COSY_OP_UNLINK,
	COSY_OP_FSYNC,
	COSY_OP_FTRUNCATE,
	COSY_OP_MEMSET,
	COSY_OP_MEMCCPY,
	COSY_OP__MAX,
};

/*
 * Why a session stopped early (cosy_ctx.stop_reason).  Once stopped,
 * every later kfunc call of the session fails at once with stop_err:
 *   TIME   -ETIME   the wall-time budget ran out
 *   CALLS  -EDQUOT  the kfunc-call budget ran out
 *   BYTES  -EFBIG   a call would move more bytes than the budget allows
 *   SIGNAL -EINTR   a fatal signal is pending for the caller
 *   CONTEXT -EPERM  a kfunc ran outside the task that began the run
 *                   (e.g. from a bpf_timer callback): never honoured
 *   WAIT   -EAGAIN  a file opened with COSY_O_REFUSE_WAIT would wait where
 *                   the syscalls do, and the run had already done what
 *                   cannot be undone (written, removed, moved the
 *                   caller's fd): its caller cannot do the work instead
 *
 * Budgets belong to the run (one BPF_PROG_RUN of one task), not to a
 * session: every session the run begins shares the counters and the
 * deadline fixed by its first begin, and a stopped run stays stopped.
 */
enum cosy_stop {
	COSY_STOP_NONE = 0,
	COSY_STOP_TIME,
	COSY_STOP_CALLS,
	COSY_STOP_BYTES,
	COSY_STOP_SIGNAL,
	COSY_STOP_CONTEXT,
	COSY_STOP_WAIT,
	COSY_STOP__MAX,
};

struct cosy_budget {
	__u64 time_ns;		/* wall time from the run's first session begin */
	__u64 calls;		/* kfunc calls */
	__u64 bytes;		/* bytes read + written */
};

struct cosy_stats {
	__u64 calls;		/* kfunc calls made (the crossings saved) */
	__u64 bytes_read;
	__u64 bytes_written;
	__u64 kfunc_ns;		/* time inside cosy kfuncs (COSY_CTX_F_TIME_KFUNCS) */
	__u64 wall_ns;		/* session begin to end */
	__u32 fds_opened;
	__u32 fds_reaped;	/* opened, not closed nor kept: closed by the guard */
};

/*
 * Measure the time spent inside kfuncs (stats.kfunc_ns): two clock reads
 * per call, which under QEMU TCG cost as much as the call; off by default.
 */
#define COSY_CTX_F_TIME_KFUNCS	(1u << 0)
/*
 * The caller can run the compound again from where it left off: once the
 * run has had its slice (the module's yield_us) or a signal is pending for
 * the caller, cosy_check() returns 1 instead of 0, and the compound may
 * end its session and return, to be run again.  Never on a run's first
 * cosy_check(), so every run makes progress.
 */
#define COSY_CTX_F_YIELD	(1u << 1)

struct cosy_ctx {
	__u32 magic;		/* in: COSY_CTX_MAGIC */
	__u32 abi_version;	/* in: COSY_ABI_VERSION */
	__s32 seg_fd;		/* in: the segment map */
	__u32 ngrant;		/* in */
	struct cosy_budget budget;		/* in */
	__s32 grant_fds[COSY_MAX_GRANT];	/* in */
	__u32 flags;		/* in: COSY_CTX_F_* */
	/*
	 * in: bit i set: grant_fds[i] is handed to the session as if it had
	 * opened it: it may close it, and closes it when it ends unless it
	 * keeps it (cosy_keep()).  An fd a compound opened and kept, given
	 * back to its next run.
	 */
	__u32 grant_own;
	/* out, written by the module when a session ends (or fails to begin) */
	__u32 sessions;		/* sessions begun in this run */
	__s32 begin_err;	/* why cosy_session_begin() returned NULL */
	struct cosy_stats stats;
	__s32 stop_err;		/* 0 or -errno of enum cosy_stop */
	__u32 stop_reason;	/* enum cosy_stop */
	__s32 fail_err;		/* first kfunc failure: -errno ... */
	__u32 fail_op;		/* ... and its enum cosy_op */
};

#define COSY_AT_FDCWD		(-100)		/* AT_FDCWD */
/*
 * An open flag of cosy's own (no O_* flag uses this bit): the file never
 * enters the process's fd table.  cosy_open()/cosy_openat() return a
 * session handle instead, a number from COSY_PRIV_FD_BASE up, which every
 * kfunc taking an fd accepts and no other thread can see, close or reuse;
 * cosy_keep() installs the file in the table and returns its real fd.
 * The base is fs.nr_open's ceiling (INT_MAX rounded down to 64): no fd a
 * process can hold is that large, so a handle never shadows a granted fd.
 */
#define COSY_O_PRIVATE		0x40000000
/*
 * Another of cosy's open flags, for a caller that can do the work another
 * way (cosy-cc's regions fall back to the program's own code): a file
 * whose open or I/O the syscalls would wait on and the module does not --
 * a FIFO or socket, a character device the module cannot do without
 * waiting (a terminal; /dev/null, /dev/zero, /dev/urandom it can), a FIFO
 * without reader, a file under a lease -- is not opened: -EWOULDBLOCK, or,
 * once the run has done what cannot be undone, the stop COSY_STOP_WAIT.
 * Ignored with O_NONBLOCK, where not waiting is what was asked.  Also,
 * with or without O_NONBLOCK: when the session already holds
 * COSY_MAX_FDS fds (where open(2) would go on), -ETOOMANYREFS, or that
 * stop once the run has done what cannot be undone.
 */
#define COSY_O_REFUSE_WAIT	0x20000000
#define COSY_PRIV_FD_BASE	0x7fffffc0
#define COSY_AT_SYMLINK_NOFOLLOW 0x100		/* AT_SYMLINK_NOFOLLOW */
#define COSY_COPY_MAX		(8u << 20)	/* bytes one cosy_copy() moves at most */
#define COSY_GREP_PAT_MAX	4096u

/* What cosy_fstat()/cosy_fstatat() write into the segment (8-aligned). */
struct cosy_stat {
	__u64 dev;
	__u64 ino;
	__u32 mode;
	__u32 nlink;
	__u32 uid;
	__u32 gid;
	__u64 rdev;
	__u64 size;
	__u64 blocks;		/* 512-byte units */
	__u32 blksize;
	__u32 __pad;
	__s64 atime_ns;
	__s64 mtime_ns;
	__s64 ctime_ns;
};

/*
 * cosy_grep(): counts the lines of a buffer that contain a fixed string,
 * carrying the state of an unfinished last line to the next buffer.  The
 * caller re-reads the file from `consumed` (a line longer than the buffer
 * is scanned in overlapping pieces), and sets eof for the last buffer.
 */
struct cosy_grep_req {
	__u32 pat_off;		/* in: the pattern, in the segment */
	__u32 pat_len;		/* in: 0 matches every line; no newline in it */
	__u32 eof;		/* in: this buffer ends the input */
	__u32 line_matched;	/* in/out: the unfinished line already matched */
	__u64 matches;		/* in/out: lines that contain the pattern */
	__u64 consumed;		/* out: bytes of this buffer fully scanned */
};

/*
 * Totals over all runs of a compound, kept by the BPF runtime in its
 * `cosy_stats` map (bpftool map dump shows them).  seg_size is written by
 * the loader: the segment a run of this compound needs.
 */
struct cosy_totals {
	__u64 seg_size;
	__u64 runs;		/* sessions ended */
	__u64 calls;
	__u64 bytes_read;
	__u64 bytes_written;
	__u64 kfunc_ns;
	__u64 wall_ns;
	__u64 fds_reaped;
	__u64 stops;		/* sessions stopped by a budget or signal */
	__u64 failures;		/* sessions in which a kfunc failed */
};

#endif /* COSY_ABI_H */
