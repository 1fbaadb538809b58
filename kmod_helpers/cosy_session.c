// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions and the segmentation guard: the dynamic checks the verifier
 * cannot make.  A session is one compound run's view of its segment, the fds
 * it may use, its budgets and its counters.  The verifier proves (KF_ACQUIRE
 * / KF_RELEASE) that every path that begins a session ends it, so the end is
 * where fds the compound forgot are closed.
 */
#include <linux/bpf.h>
#include <linux/errno.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/sched/clock.h>
#include <linux/sched/signal.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/mm.h>

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
 * The time budget runs on jiffies (a load, 1/HZ resolution): a precise
 * clock read per call cost as much as the call itself under QEMU TCG, where
 * even local_clock() is an emulated TSC read.  Time inside kfuncs is only
 * measured when the caller asks (COSY_CTX_F_TIME_KFUNCS); a run never
 * migrates (BPF_PROG_RUN holds migrate_disable()), so local_clock() is
 * consistent for it.
 */
int cosy_guard_enter(struct cosy_session *s, u64 len, u64 *t0)
{
	enum cosy_stop why;

	if (s->stop_err)
		return s->stop_err;
	why = cosy_budget_check(&s->budget, s->start_j_ns, jiffies64_to_nsecs(get_jiffies_64()),
				s->st.calls, s->st.bytes_read + s->st.bytes_written, len,
				fatal_signal_pending(current));
	if (why != COSY_STOP_NONE)
		return cosy_stop(s, why);
	s->st.calls++;
	if (s->time_kfuncs)
		*t0 = local_clock();
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

/*
 * The segment: a one-entry mmappable array map of the caller's, by fd.  Its
 * value is vmalloc'ed and lives as long as the reference we take.
 */
static int cosy_segment_get(struct cosy_session *s, int fd)
{
	struct bpf_map *map = bpf_map_get(fd);
	u32 zero = 0;
	void *value;

	if (IS_ERR(map))
		return PTR_ERR(map);
	if (map->map_type != BPF_MAP_TYPE_ARRAY || !(map->map_flags & BPF_F_MMAPABLE) ||
	    map->max_entries != 1 || map->key_size != sizeof(u32)) {
		bpf_map_put(map);
		return -EINVAL;
	}
	value = map->ops->map_lookup_elem(map, &zero);
	if (!value) {
		bpf_map_put(map);
		return -EINVAL;
	}
	s->seg = map;
	s->data = value;
	s->data_size = map->value_size;
	return 0;
}

static void cosy_session_free(struct cosy_session *s)
{
	cosy_session_release_fds(s);
	if (s->seg)
		bpf_map_put(s->seg);
	kfree(s);
}

noinline struct cosy_session *cosy_session_begin(void *ctx, u32 ctx__sz)
{
	struct cosy_ctx *c = ctx;
	struct cosy_session *s;
	u32 i, ngrant;
	int err;

	/*
	 * The session writes its report to `ctx` when it ends, so the memory
	 * must outlive the call: the run's ctx or a map value does, a BPF
	 * stack slot (kernel stack) may not.
	 */
	if (!ctx || ctx__sz < sizeof(*c) || object_is_on_stack(ctx))
		return NULL;
	/*
	 * Nor a segment (vmalloc'ed): the session holds only the map its
	 * seg_fd names, so a ctx in another segment could be unmapped and
	 * freed under it.  The run's ctx is kmalloc'ed.
	 */
	if (is_vmalloc_addr(ctx))
		return NULL;
	c->sessions++;
	if (READ_ONCE(c->magic) != COSY_CTX_MAGIC ||
	    READ_ONCE(c->abi_version) != COSY_ABI_VERSION) {
		c->begin_err = -EPROTO;
		return NULL;
	}
	ngrant = READ_ONCE(c->ngrant);
	if (ngrant > COSY_MAX_GRANT) {
		c->begin_err = -E2BIG;
		return NULL;
	}
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s) {
		c->begin_err = -ENOMEM;
		return NULL;
	}
	s->ctx = c;
	err = cosy_segment_get(s, READ_ONCE(c->seg_fd));
	if (err)
		goto fail;
	/* One read of each input: the compound may rewrite its ctx meanwhile. */
	s->budget.time_ns = cosy_budget_pick(READ_ONCE(c->budget.time_ns),
					     COSY_DEFAULT_TIME_NS, cosy_caps.time_ns);
	s->budget.calls = cosy_budget_pick(READ_ONCE(c->budget.calls),
					   COSY_DEFAULT_CALLS, cosy_caps.calls);
	s->budget.bytes = cosy_budget_pick(READ_ONCE(c->budget.bytes),
					   COSY_DEFAULT_BYTES, cosy_caps.bytes);
	for (i = 0; i < ngrant; i++) {
		int fd = READ_ONCE(c->grant_fds[i]);
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
	s->time_kfuncs = READ_ONCE(c->flags) & COSY_CTX_F_TIME_KFUNCS;
	c->begin_err = 0;
	s->start_ns = local_clock();
	s->start_j_ns = jiffies64_to_nsecs(get_jiffies_64());
	return s;
fail:
	c->begin_err = err;
	cosy_session_free(s);
	return NULL;
}

noinline void cosy_session_end(struct cosy_session *s)
{
	struct cosy_ctx *c = s->ctx;

	s->st.wall_ns = local_clock() - s->start_ns;
	/* Close what the compound left open before reporting the count. */
	cosy_session_release_fds(s);
	/* A run may hold several sessions: add up, keep the first stop/failure. */
	c->stats.calls += s->st.calls;
	c->stats.bytes_read += s->st.bytes_read;
	c->stats.bytes_written += s->st.bytes_written;
	c->stats.kfunc_ns += s->st.kfunc_ns;
	c->stats.wall_ns += s->st.wall_ns;
	c->stats.fds_opened += s->st.fds_opened;
	c->stats.fds_reaped += s->st.fds_reaped;
	if (!c->stop_err) {
		c->stop_err = s->stop_err;
		c->stop_reason = s->stop_reason;
	}
	if (!c->fail_err) {
		c->fail_err = s->fail_err;
		c->fail_op = s->fail_op;
	}
	cosy_session_free(s);
}

noinline void *cosy_data(struct cosy_session *s, u32 off, const u32 rdwr_buf_size)
{
	u64 t0 = 0;
	int err = cosy_guard_enter(s, 0, &t0);

	if (!err && !cosy_range_ok(s->data_size, off, rdwr_buf_size))
		err = -EFAULT;
	cosy_guard_exit(s, COSY_OP_DATA, t0, err);
	return err ? NULL : s->data + off;
}

noinline int cosy_check(struct cosy_session *s)
{
	u64 t0 = 0;
	int err = cosy_guard_enter(s, 0, &t0);

	return cosy_guard_exit(s, COSY_OP_CHECK, t0, err);
}

__diag_pop();
