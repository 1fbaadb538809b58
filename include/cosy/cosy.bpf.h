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
#define O_CLOEXEC	02000000
#endif
#ifndef SEEK_SET
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#endif
#ifndef EINVAL
#define EIO		5
#define EBADF		9
#define EFAULT		14
#define EINVAL		22
#define EFBIG		27
#endif

/*
 * One read/write step through the segment, the body of every copy loop:
 * read up to `chunk` bytes of ifd into segment[buf], write them to ofd.
 * Returns the bytes read (0 at EOF; fewer than chunk: the last step), or
 * -errno with *op set to the step that failed (a short write is -EIO: the
 * disk is full).  *copied grows by what was written.
 */
static __always_inline long cosy_rw_chunk(struct cosy_session *s, int ifd, int ofd,
					  __u32 buf, __u32 chunk, __s64 *copied, __u32 *op)
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
