// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions and the segmentation guard: the dynamic checks the verifier
 * cannot make.  A session is one compound run's view of its segment, the fds
 * it may use, its budgets and its counters.  The verifier proves (KF_ACQUIRE
 * / KF_RELEASE) that every path that begins a session ends it, so the end is
 * where fds the compound forgot are closed.
 */
#include <linux/errno.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/sched/clock.h>
#include <linux/sched/signal.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>

#include "cosy_internal.h"

struct cosy_fdent *cosy_fd_find(struct cosy_session *s, int fd)
{
	u32 i;

	for (i = 0; i < s->nfds; i++)
		if (s->fds[i].fd == fd)
			return &s->fds[i];
	return NULL;
}

int cosy_fd_add(struct cosy_session *s, int fd, struct file *file,
		enum cosy_fd_kind kind)
{
	if (s->nfds >= ARRAY_SIZE(s->fds))
		return -EMFILE;
	s->fds[s->nfds++] = (struct cosy_fdent){ .fd = fd, .kind = kind, .file = file };
	s->nowned += kind == COSY_FD_OWNED;
	return 0;
}

/* Drop the session's reference and its table entry; the fd itself stays. */
void cosy_fd_forget(struct cosy_session *s, struct cosy_fdent *e)
{
	s->nowned -= e->kind == COSY_FD_OWNED;
	fput(e->file);
	*e = s->fds[--s->nfds];
}

/*
 * Does the caller's fd table still map e->fd to the file the session opened?
 * Another thread of the caller may have closed it and reused the number; the
 * guard must then leave that fd alone.
 */
bool cosy_fd_still_ours(const struct cosy_fdent *e)
{
	struct file *cur = fget_raw(e->fd);
	bool same = cur == e->file;

	if (cur)
		fput(cur);
	return same;
}

static int cosy_stop(struct cosy_session *s, enum cosy_stop why)
{
	s->stop_reason = why;
	s->stop_err = cosy_stop_errno(why);
	return s->stop_err;
}

/*
 * Entry of every guarded kfunc: fail fast once stopped, otherwise charge one
 * call that may move `len` bytes against the budgets.
 *
 * Time is local_clock(): a run never migrates (BPF_PROG_RUN holds
 * migrate_disable()), so one CPU's clock is consistent for the session, and
 * it is a TSC read where ktime_get_ns() may read a slow clocksource (HPET
 * costs microseconds per read under QEMU TCG, more than the call itself).
 */
int cosy_guard_enter(struct cosy_session *s, u64 len, u64 *t0)
{
	enum cosy_stop why;

	if (s->stop_err)
		return s->stop_err;
	*t0 = local_clock();
	why = cosy_budget_check(&s->budget, s->start_ns, *t0, s->st.calls,
				s->st.bytes_read + s->st.bytes_written, len,
				fatal_signal_pending(current));
	if (why != COSY_STOP_NONE)
		return cosy_stop(s, why);
	s->st.calls++;
	return 0;
}

long cosy_guard_exit(struct cosy_session *s, enum cosy_op op, u64 t0, long ret)
{
	if (t0)
		s->st.kfunc_ns += local_clock() - t0;
	if (ret < 0 && !s->fail_err) {
		s->fail_err = ret;
		s->fail_op = op;
	}
	return ret;
}

/* Close the fds the compound opened and neither closed nor kept. */
static void cosy_session_release_fds(struct cosy_session *s)
{
	while (s->nfds) {
		struct cosy_fdent *e = &s->fds[s->nfds - 1];

		if (e->kind == COSY_FD_OWNED && cosy_fd_still_ours(e)) {
			close_fd(e->fd);
			s->st.fds_reaped++;
		}
		cosy_fd_forget(s, e);
	}
}

__diag_push();
__diag_ignore_all("-Wmissing-prototypes", "kfuncs are global for BTF, called only from BPF");

noinline struct cosy_session *cosy_session_begin(void *seg, u32 seg__sz)
{
	struct cosy_seg_hdr *hdr = seg;
	struct cosy_session *s;
	u32 i, ngrant;
	int err;

	/*
	 * The session keeps `seg` until it ends, so it must outlive the call:
	 * a map value or the ctx does, a BPF stack slot (kernel stack) may not.
	 */
	if (!seg || seg__sz < COSY_SEG_HDR_SIZE || object_is_on_stack(seg))
		return NULL;
	if (READ_ONCE(hdr->magic) != COSY_SEG_MAGIC ||
	    READ_ONCE(hdr->abi_version) != COSY_ABI_VERSION) {
		hdr->begin_err = -EPROTO;
		return NULL;
	}
	ngrant = READ_ONCE(hdr->ngrant);
	if (ngrant > COSY_MAX_GRANT) {
		hdr->begin_err = -E2BIG;
		return NULL;
	}
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s) {
		hdr->begin_err = -ENOMEM;
		return NULL;
	}
	s->hdr = hdr;
	s->data = (char *)seg + COSY_SEG_HDR_SIZE;
	s->data_size = seg__sz - COSY_SEG_HDR_SIZE;
	/* One read of each budget: user space may rewrite the header meanwhile. */
	s->budget.time_ns = cosy_budget_pick(READ_ONCE(hdr->budget.time_ns),
					     COSY_DEFAULT_TIME_NS, cosy_caps.time_ns);
	s->budget.calls = cosy_budget_pick(READ_ONCE(hdr->budget.calls),
					   COSY_DEFAULT_CALLS, cosy_caps.calls);
	s->budget.bytes = cosy_budget_pick(READ_ONCE(hdr->budget.bytes),
					   COSY_DEFAULT_BYTES, cosy_caps.bytes);
	for (i = 0; i < ngrant; i++) {
		int fd = READ_ONCE(hdr->grant_fds[i]);
		struct file *f = fget_raw(fd);

		if (!f) {
			err = -EBADF;
			goto fail;
		}
		err = cosy_fd_add(s, fd, f, COSY_FD_GRANTED);
		if (err) {
			fput(f);
			goto fail;
		}
	}
	hdr->begin_err = 0;
	hdr->sessions++;
	s->start_ns = local_clock();
	return s;
fail:
	hdr->begin_err = err;
	cosy_session_release_fds(s);
	kfree(s);
	return NULL;
}

noinline void cosy_session_end(struct cosy_session *s)
{
	struct cosy_seg_hdr *hdr = s->hdr;

	s->st.wall_ns = local_clock() - s->start_ns;
	/* Close what the compound left open before reporting the count. */
	cosy_session_release_fds(s);
	hdr->stats = s->st;
	hdr->stop_err = s->stop_err;
	hdr->stop_reason = s->stop_reason;
	hdr->fail_err = s->fail_err;
	hdr->fail_op = s->fail_op;
	kfree(s);
}

noinline int cosy_check(struct cosy_session *s)
{
	u64 t0 = 0;
	int err = cosy_guard_enter(s, 0, &t0);

	return cosy_guard_exit(s, COSY_OP_CHECK, t0, err);
}

__diag_pop();
