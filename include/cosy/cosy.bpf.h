/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The BPF-side runtime for compounds.  Include after vmlinux.h:
 *
 *	#include "vmlinux.h"
 *	#include <cosy/cosy.bpf.h>
 *
 *	struct my_args { struct cosy_ctx cosy; __u32 path_off; ... };
 *	COSY_COMPOUND(64 * 1024);		// the segment it needs
 *
 *	SEC("syscall") int my_compound(struct my_args *a)
 *	{
 *		struct cosy_session *s = cosy_begin(a);
 *		if (!s)
 *			return cosy_begin_error(a);
 *		...
 *		cosy_end(s, a);
 *		return 0;
 *	}
 */
#ifndef COSY_BPF_H
#define COSY_BPF_H

#include <bpf/bpf_helpers.h>
#include "abi.h"
#include "kfuncs.h"

/*
 * Per-compound declarations: the segment size a run needs (the loader
 * reads it from .rodata), the totals map (bpftool map dump shows it) and
 * cosy_account(), which adds one session's report to the totals.
 */
#define COSY_COMPOUND(seg_size)							\
	const volatile __u32 cosy_segment_size = (seg_size);			\
	struct {								\
		__uint(type, BPF_MAP_TYPE_ARRAY);				\
		__uint(max_entries, 1);						\
		__type(key, __u32);						\
		__type(value, struct cosy_totals);				\
	} cosy_stats SEC(".maps");						\
										\
	static __always_inline __attribute__((unused)) void				\
	cosy_account(const struct cosy_ctx *c)					\
	{									\
		struct cosy_totals *t;						\
		__u32 zero = 0;							\
										\
		t = bpf_map_lookup_elem(&cosy_stats, &zero);			\
		if (!t)								\
			return;							\
		__sync_fetch_and_add(&t->runs, 1);				\
		__sync_fetch_and_add(&t->calls, c->stats.calls);		\
		__sync_fetch_and_add(&t->bytes_read, c->stats.bytes_read);	\
		__sync_fetch_and_add(&t->bytes_written, c->stats.bytes_written); \
		__sync_fetch_and_add(&t->kfunc_ns, c->stats.kfunc_ns);		\
		__sync_fetch_and_add(&t->wall_ns, c->stats.wall_ns);		\
		__sync_fetch_and_add(&t->fds_reaped, c->stats.fds_reaped);	\
		if (c->stop_reason)						\
			__sync_fetch_and_add(&t->stops, 1);			\
		if (c->fail_err)						\
			__sync_fetch_and_add(&t->failures, 1);			\
	}

/*
 * Named segment slots, for the application's skeleton (cosy-load gen
 * skeleton, see cosy-load(8)): COSY_SLOT(src, COSY_PATH_MAX) declares that
 * the application puts up to COSY_PATH_MAX bytes, called `src`, somewhere
 * in the segment.  The generator lays the slots out in declaration order,
 * each on an 8-byte boundary, or a page (4096) if it is a page or larger,
 * and fails if they do not fit in COSY_COMPOUND()'s size.  The compound
 * still learns where a slot lies from its args: mark the field with
 * COSY_SLOT_OFF(src) (see abi.h) and the skeleton's run functions fill it.
 * One u32 in .rodata per slot (the size), visible to bpftool map dump.
 */
#define COSY_SLOT(name, size) const volatile __u32 cosy_slot__##name = (size)

/* Begin a session on the run described by args->cosy; NULL on failure. */
#define cosy_begin(args) cosy_session_begin(&(args)->cosy, sizeof((args)->cosy))

/* Why cosy_begin() failed, as -errno. */
#define cosy_begin_error(args) ((args)->cosy.begin_err ? (args)->cosy.begin_err : -EINVAL)

/* End the session and add its report to the compound's totals. */
#define cosy_end(s, args)							\
	do {									\
		cosy_session_end(s);						\
		cosy_account(&(args)->cosy);					\
	} while (0)

/*
 * Trace lines for `bpftool prog tracelog`, compiled in only with
 * -DCOSY_TRACE (the build makes NAME_trace.bpf.o that way).
 */
#ifdef COSY_TRACE
#define cosy_trace(fmt, ...) bpf_printk("cosy: " fmt, ##__VA_ARGS__)
#else
#define cosy_trace(fmt, ...) do { } while (0)
#endif

/* segment[off, off + size): size a constant; NULL outside the segment. */
#define cosy_seg(s, off, size) ((char *)cosy_data(s, off, size))

/*
 * vmlinux.h carries types, not macros: the uapi values compounds need
 * (x86-64 / asm-generic numbering, as the kernel's own uapi headers).
 */
#ifndef O_RDONLY
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK	00004000
#endif
#ifndef SEEK_SET
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#endif
/*
 * The errnos kfuncs return (cosy-kfuncs(7), ERRORS), each on its own so
 * that a header defining some of them first (vmlinux.h defines none) does
 * not clash.  Values as asm-generic/errno-base.h and errno.h, which x86-64
 * uses; a host test compiles these against the C library's.
 */
/* The guard's stops (enum cosy_stop): also plain failures, see cosy_stopped(). */
#ifndef ETIME
#define ETIME		62	/* COSY_STOP_TIME: the wall-time budget */
#endif
#ifndef EDQUOT
#define EDQUOT		122	/* COSY_STOP_CALLS: the kfunc-call budget; or a disk quota */
#endif
#ifndef EFBIG
#define EFBIG		27	/* COSY_STOP_BYTES: the bytes budget; or a file size limit */
#endif
#ifndef EINTR
#define EINTR		4	/* COSY_STOP_SIGNAL: a fatal signal; or an interrupted call */
#endif
#ifndef EPERM
#define EPERM		1	/* COSY_STOP_CONTEXT: not the run's task; or a refused begin */
#endif
/* The guard's rules and cosy_session_begin() (begin_err). */
#ifndef EFAULT
#define EFAULT		14	/* a range or a path outside the segment */
#endif
#ifndef ENAMETOOLONG
#define ENAMETOOLONG	36	/* no NUL within COSY_PATH_MAX */
#endif
#ifndef EBADF
#define EBADF		9	/* an fd neither opened by the session nor granted */
#endif
#ifndef EMFILE
#define EMFILE		24	/* COSY_MAX_FDS open in the session */
#endif
#ifndef ENOTDIR
#define ENOTDIR		20	/* a relative *at() path from a non-directory fd */
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP	95	/* O_DIRECT */
#endif
#ifndef EAGAIN
#define EAGAIN		11	/* the I/O would wait on a peer (EWOULDBLOCK) */
#endif
#ifndef EINVAL
#define EINVAL		22	/* bad flags, whence, position, segment map */
#endif
#ifndef EACCES
#define EACCES		13	/* a read-only segment fd; permission denied */
#endif
#ifndef E2BIG
#define E2BIG		7	/* more than COSY_MAX_GRANT granted fds; bpf_loop() count */
#endif
#ifndef EPROTO
#define EPROTO		71	/* cosy_ctx without the magic or this ABI version */
#endif
#ifndef ENOMEM
#define ENOMEM		12
#endif
#ifndef ENODEV
#define ENODEV		19	/* cosy.ko is going away */
#endif
#ifndef ESRCH
#define ESRCH		3	/* the task is exiting */
#endif
/* What the file system and the syscalls the kfuncs mirror return. */
#ifndef ENOENT
#define ENOENT		2
#endif
#ifndef EIO
#define EIO		5
#endif
#ifndef ENXIO
#define ENXIO		6	/* a FIFO opened for writing without a reader */
#endif
#ifndef EEXIST
#define EEXIST		17
#endif
#ifndef EXDEV
#define EXDEV		18
#endif
#ifndef EISDIR
#define EISDIR		21
#endif
#ifndef ENFILE
#define ENFILE		23
#endif
#ifndef ETXTBSY
#define ETXTBSY		26
#endif
#ifndef ENOSPC
#define ENOSPC		28
#endif
#ifndef ESPIPE
#define ESPIPE		29
#endif
#ifndef EROFS
#define EROFS		30
#endif
#ifndef EPIPE
#define EPIPE		32	/* a FIFO without a reader */
#endif
#ifndef ELOOP
#define ELOOP		40
#endif
#ifndef EOVERFLOW
#define EOVERFLOW	75
#endif
#ifndef ENOTSOCK
#define ENOTSOCK	88
#endif

/*
 * State a bpf_loop() callback keeps on its caller's stack, written so that
 * 6.1's verifier accepts it for unprivileged callers too (/dev/cosy
 * approvals): every field 8 bytes wide (it refuses a narrower store into a
 * slot holding a spilled register), and a failure recorded with
 * cosy_loop_set(), a volatile store clang cannot merge with another
 * field's store into one store through an address chosen by the path
 * ("pointer arithmetic with it prohibited for !root").
 */
#define cosy_loop_set(field, v)	(*(volatile __typeof__(field) *)&(field) = (v))

/*
 * One read/write step through the segment, the body of every copy loop:
 * read up to `chunk` bytes of ifd into segment[buf], write them to ofd.
 * Returns the bytes read (0 at EOF; fewer than chunk: the last step), or
 * -errno with *op set to the step that failed (a short write is -EIO: the
 * disk is full).  *copied grows by what was written.
 */
static __always_inline long cosy_rw_chunk(struct cosy_session *s, int ifd, int ofd,
					  __u32 buf, __u32 chunk, __s64 *copied, __u64 *op)
{
	long r, w;

	r = cosy_read(s, ifd, buf, chunk);
	if (r < 0) {
		*op = COSY_OP_READ;
		return r;
	}
	if (r > 0) {
		w = cosy_write(s, ofd, buf, r);
		if (w != r) {
			*op = COSY_OP_WRITE;
			return w < 0 ? w : -EIO;
		}
		*copied += w;
	}
	return r;
}

#endif /* COSY_BPF_H */
