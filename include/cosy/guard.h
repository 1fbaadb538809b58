/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The segmentation guard's pure decisions, shared by the module (which
 * enforces them) and the host unit tests (which pin them down).  No kernel
 * or libc state here: inputs in, a verdict out.
 *
 * Rules and their errnos:
 *   range    (off, len) outside the data area, or wrapping   -EFAULT
 *   path     no NUL before the end of the data area          -EFAULT
 *            no NUL within COSY_PATH_MAX bytes               -ENAMETOOLONG
 *   budget   see enum cosy_stop in abi.h
 */
#ifndef COSY_GUARD_H
#define COSY_GUARD_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/types.h>
#else
#include <errno.h>
#include <stdbool.h>
#include <linux/types.h>
#endif
#include "abi.h"

/*
 * Is [off, off + len) inside a data area of `size` bytes?  Written so that
 * no sum can wrap: off + len is never computed.
 */
static inline bool cosy_range_ok(__u64 size, __u64 off, __u64 len)
{
	return off <= size && len <= size - off;
}

/* Why a path with no NUL in its first min(avail, PATH_MAX) bytes fails. */
static inline long cosy_path_unterminated(__u64 avail)
{
	return avail < COSY_PATH_MAX ? -EFAULT : -ENAMETOOLONG;
}

/*
 * Length of the NUL-terminated path starting at `p`, of which `avail` bytes
 * are readable (the rest of the segment), or -errno.
 */
static inline long cosy_path_len(const char *p, __u64 avail)
{
	__u64 i, lim = avail < COSY_PATH_MAX ? avail : COSY_PATH_MAX;

	for (i = 0; i < lim; i++)
		if (!p[i])
			return i ? (long)i : -ENOENT;	/* "" is ENOENT, as open("") */
	return cosy_path_unterminated(avail);
}

/* Budgets as the module enforces them: 0 means the default, caps win. */
static inline __u64 cosy_budget_pick(__u64 asked, __u64 dflt, __u64 cap)
{
	__u64 v = asked ? asked : dflt;

	return cap && v > cap ? cap : v;
}

/*
 * May a session with these counters make one more call moving up to `len`
 * bytes at time `now_ns`?  Returns COSY_STOP_NONE or the reason to stop.
 * `calls` counts the calls made before this one.
 */
static inline enum cosy_stop cosy_budget_check(const struct cosy_budget *b,
					       __u64 start_ns, __u64 now_ns,
					       __u64 calls, __u64 moved,
					       __u64 len, bool fatal_signal)
{
	if (fatal_signal)
		return COSY_STOP_SIGNAL;
	if (now_ns - start_ns > b->time_ns)
		return COSY_STOP_TIME;
	if (calls >= b->calls)
		return COSY_STOP_CALLS;
	if (moved > b->bytes || len > b->bytes - moved)
		return COSY_STOP_BYTES;
	return COSY_STOP_NONE;
}

static inline int cosy_stop_errno(enum cosy_stop why)
{
	switch (why) {
	case COSY_STOP_TIME:	return -ETIME;
	case COSY_STOP_CALLS:	return -EDQUOT;
	case COSY_STOP_BYTES:	return -EFBIG;
	case COSY_STOP_SIGNAL:	return -EINTR;
	case COSY_STOP_CONTEXT:	return -EPERM;
	case COSY_STOP_WAIT:	return -EAGAIN;
	default:		return 0;
	}
}

#endif /* COSY_GUARD_H */
