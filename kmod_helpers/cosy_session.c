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
#include <linux/delay.h>
#include <linux/hashtable.h>
#include <linux/module.h>
#include <linux/wait.h>

#include "cosy_internal.h"
#include "cosy_compat.h"

int cosy_fd_add(struct cosy_session *s, int fd, struct file *file,
		enum cosy_fd_kind kind)
{
	if (s->nfds >= ARRAY_SIZE(s->fds))
		return -EMFILE;
	s->fds[s->nfds++] = (struct cosy_fdent){ .fd = fd, .kind = kind, .file = file };
	s->nowned += kind != COSY_FD_GRANTED;
	if (kind == COSY_FD_PRIVATE)
		s->priv_slots |= BIT_ULL(fd - COSY_PRIV_FD_BASE);
	return 0;
}

/*
 * Drop the session's references and its table entry; an fd itself stays.
 * A handle's number is free again.
 */
void cosy_fd_forget(struct cosy_session *s, struct cosy_fdent *e)
{
	s->nowned -= e->kind != COSY_FD_GRANTED;
	if (e->kind == COSY_FD_PRIVATE)
		s->priv_slots &= ~BIT_ULL(e->fd - COSY_PRIV_FD_BASE);
	if (e->nbfile)
		fput(e->nbfile);
	fput(e->file);
	*e = s->fds[--s->nfds];
}

/*
 * close(2) of a file the session opened, before cosy_fd_forget(): the fd
 * table's reference goes (a handle holds one of its own in its place),
 * with ->flush() and its error.  A public fd only if the number is still
 * ours: another thread may have closed it and reused the number.
 */
int cosy_fd_close(struct cosy_fdent *e)
{
	if (e->kind == COSY_FD_PRIVATE)
		return filp_close(e->file, current->files);
	return cosy_close_fd_if(e->fd, e->file);
}

/* --- runs: one BPF_PROG_RUN of one task ---------------------------------- */

static DEFINE_HASHTABLE(cosy_runs, 7);
static DEFINE_SPINLOCK(cosy_runs_lock);
static atomic_t cosy_nruns = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(cosy_runs_wq);

static void cosy_run_put(struct cosy_run *r)
{
	if (refcount_dec_and_test(&r->ref)) {
		if (r->dseg)
			cosy_dseg_put(r->dseg);
		kfree(r);
	}
}

/*
 * The task is returning to user space (or exiting): its BPF_PROG_RUN is
 * over, and so is the run.  A run's sessions are all ended by then: the
 * verifier makes every path of the program release what it acquired.
 */
static void cosy_run_done(struct callback_head *cb)
{
	struct cosy_run *r = container_of(cb, struct cosy_run, twork);

	spin_lock(&cosy_runs_lock);
	hash_del(&r->node);
	spin_unlock(&cosy_runs_lock);
	WARN_ON_ONCE(refcount_read(&r->ref) != 1);
	cosy_run_put(r);
	if (atomic_dec_and_test(&cosy_nruns))
		wake_up(&cosy_runs_wq);
	/*
	 * The module reference this run took: rmmod cannot begin while it is
	 * held, so only the return after module_put() can race an unload, as
	 * for any module_put() at a function's end.
	 */
	module_put(THIS_MODULE);
}

/*
 * Module exit.  Every queued cosy_run_done() holds a module reference, so
 * none is left by now; the wait only documents (and enforces) that.
 */
void cosy_runs_drain(void)
{
	wait_event(cosy_runs_wq, !atomic_read(&cosy_nruns));
}

static struct cosy_run *cosy_run_find(void)
{
	struct cosy_run *r;

	hash_for_each_possible(cosy_runs, r, node, (unsigned long)current)
		if (r->task == current)
			return r;
	return NULL;
}

/*
 * A new run of the current task, holding `refs` references (the pending
 * task_work's is one of them), or NULL with *err set.
 */
static struct cosy_run *cosy_run_new(unsigned int refs, int *err)
{
	struct cosy_run *r;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r) {
		*err = -ENOMEM;
		return NULL;
	}
	if (!try_module_get(THIS_MODULE)) {
		kfree(r);
		*err = -ENODEV;
		return NULL;
	}
	r->task = current;
	refcount_set(&r->ref, refs);
	r->start_j_ns = cosy_now_j_ns();
	init_task_work(&r->twork, cosy_run_done);
	*err = task_work_add(current, &r->twork, TWA_RESUME);
	if (*err) {
		/* The task is exiting. */
		module_put(THIS_MODULE);
		kfree(r);
		return NULL;
	}
	atomic_inc(&cosy_nruns);
	spin_lock(&cosy_runs_lock);
	hash_add(cosy_runs, &r->node, (unsigned long)current);
	spin_unlock(&cosy_runs_lock);
	return r;
}

static u64 cosy_cap_min(u64 a, u64 b)
{
	return !a ? b : !b ? a : min(a, b);
}

/*
 * The budgets, fixed once, from the ctx of the run's first begin; a run
 * through /dev/cosy is also held to its approval's caps.  Only the task
 * itself begins its sessions, so the first begin is not raced.
 */
static void cosy_run_budget(struct cosy_run *r, const struct cosy_ctx *c)
{
	struct cosy_budget cap = {
		.time_ns = cosy_cap_min(cosy_caps.time_ns, r->dev_caps.time_ns),
		.calls = cosy_cap_min(cosy_caps.calls, r->dev_caps.calls),
		.bytes = cosy_cap_min(cosy_caps.bytes, r->dev_caps.bytes),
	};

	if (r->budget_set)
		return;
	r->budget.time_ns = cosy_budget_pick(READ_ONCE(c->budget.time_ns),
					     COSY_DEFAULT_TIME_NS, cap.time_ns);
	r->budget.calls = cosy_budget_pick(READ_ONCE(c->budget.calls),
					   COSY_DEFAULT_CALLS, cap.calls);
	r->budget.bytes = cosy_budget_pick(READ_ONCE(c->budget.bytes),
					   COSY_DEFAULT_BYTES, cap.bytes);
	r->start_j_ns = cosy_now_j_ns();
	r->budget_set = true;
}

/* The current task's run, begun now if this is its first session. */
static struct cosy_run *cosy_run_get(const struct cosy_ctx *c, int *err)
{
	struct cosy_run *r;

	/* Only this task adds or removes its own run: no race between the two. */
	spin_lock(&cosy_runs_lock);
	r = cosy_run_find();
	if (r)
		refcount_inc(&r->ref);
	spin_unlock(&cosy_runs_lock);
	if (!r)
		r = cosy_run_new(2, err);	/* the task_work's and the session's */
	if (r)
		cosy_run_budget(r, c);
	return r;
}

/*
 * /dev/cosy is about to run a compound in the current task: every session
 * the run begins uses segment `d` (a reference is taken) and the budgets
 * it asks for are capped by `caps` too.  The run ends, as any run, when
 * the task returns to user space.
 */
int cosy_run_start_dev(struct cosy_dseg *d, const struct cosy_budget *caps)
{
	struct cosy_run *r;
	int err;

	spin_lock(&cosy_runs_lock);
	r = cosy_run_find();
	spin_unlock(&cosy_runs_lock);
	/* The last run's task_work ran on the way out of the last syscall. */
	if (WARN_ON_ONCE(r))
		return -EBUSY;
	r = cosy_run_new(1, &err);
	if (!r)
		return err;
	refcount_inc(&d->ref);
	r->dseg = d;
	r->dev_caps = *caps;
	return 0;
}

/* --- the guard -------------------------------------------------------------- */

int cosy_stop(struct cosy_session *s, enum cosy_stop why)
{
	struct cosy_run *r = s->run;

	if (!r->stop_err) {
		r->stop_reason = why;
		r->stop_err = cosy_stop_errno(why);
	}
	s->stop_reason = r->stop_reason;
	s->stop_err = r->stop_err;
	return s->stop_err;
}

/*
 * Something outside the run changed for good (see cosy_run.effects); `fd`
 * is the fd the call used, or -1: a call on an fd this session opened
 * changes nothing the caller sees, one on the caller's fd does (its
 * offset, its data read from a pipe, its being open).
 */
void cosy_effect(struct cosy_session *s, int fd)
{
	struct cosy_fdent *e = fd < 0 ? NULL : cosy_fd_find(s, fd);

	if (!e || !e->opened)
		s->run->effects = true;
}

/*
 * A file opened with COSY_O_REFUSE_WAIT would have to wait where the
 * syscalls do: -EWOULDBLOCK while the caller can still do the run's work
 * another way, else the run stops (COSY_STOP_WAIT, the same errno).
 */
int cosy_would_wait(struct cosy_session *s)
{
	return s->run->effects ? cosy_stop(s, COSY_STOP_WAIT) : -EWOULDBLOCK;
}

/*
 * An open with COSY_O_REFUSE_WAIT when the session holds COSY_MAX_FDS
 * fds: -ETOOMANYREFS (which open(2) never returns) while the caller can
 * still do the run's work another way, else the stop COSY_STOP_WAIT.
 */
int cosy_table_full(struct cosy_session *s)
{
	return s->run->effects ? cosy_stop(s, COSY_STOP_WAIT) : -ETOOMANYREFS;
}

/* The restart codes a blocked VFS call may return must not leak out. */
static long cosy_errno_user(long ret)
{
	switch (ret) {
	case -ERESTARTSYS:
	case -ERESTARTNOINTR:
	case -ERESTARTNOHAND:
	case -ERESTART_RESTARTBLOCK:
		return -EINTR;
	default:
		return ret;
	}
}

/* cosy_guard_exit() of a call that failed: the first failure is the session's. */
long cosy_guard_failed(struct cosy_session *s, enum cosy_op op, long ret)
{
	ret = cosy_errno_user(ret);
	if (!s->fail_err) {
		s->fail_err = ret;
		s->fail_op = op;
	}
	return ret;
}

/*
 * A kfunc found something held by another thread of the caller (a file
 * position lock, a frozen filesystem): sleep a little and say whether to
 * try again (0) or give up (the stop -errno).  Waiting is bounded by the
 * run's time budget and ended by a fatal signal, never open-ended: the
 * run holds rcu_read_lock_trace() all along.
 */
int cosy_guard_wait(struct cosy_session *s)
{
	struct cosy_run *r = s->run;

	if (fatal_signal_pending(current))
		return cosy_stop(s, COSY_STOP_SIGNAL);
	if (cosy_now_j_ns() - r->start_j_ns > r->budget.time_ns)
		return cosy_stop(s, COSY_STOP_TIME);
	usleep_range(50, 200);
	return 0;
}

/*
 * A kfunc doing long work on the segment alone (a memmem over megabytes
 * with a long pattern) calls this every so often: reschedule, and stop
 * on a fatal signal or a spent time budget, as a call boundary would.
 * 0, or the stop's -errno.
 */
int cosy_guard_tick(struct cosy_session *s)
{
	struct cosy_run *r = s->run;

	cond_resched();
	if (fatal_signal_pending(current))
		return cosy_stop(s, COSY_STOP_SIGNAL);
	if (cosy_now_j_ns() - r->start_j_ns > r->budget.time_ns)
		return cosy_stop(s, COSY_STOP_TIME);
	return 0;
}

/*
 * The deadline of a queued wait for a mutex.  A mutex has no timed lock, so
 * the wait is an interruptible one, and the alarm interrupts it as task work
 * does: TIF_NOTIFY_SIGNAL and a wake-up (set_notify_signal(), whose
 * wake_up_state() is not exported).  The flag is left set: the run stops at
 * once, and the way back to user space clears it (get_signal()) and runs
 * any task work that came meanwhile; no signal is delivered.
 */
struct cosy_alarm {
	struct hrtimer timer;
	struct task_struct *task;
};

static enum hrtimer_restart cosy_alarm_ring(struct hrtimer *t)
{
	struct cosy_alarm *a = container_of(t, struct cosy_alarm, timer);

	set_tsk_thread_flag(a->task, TIF_NOTIFY_SIGNAL);
	wake_up_process(a->task);
	return HRTIMER_NORESTART;
}

/*
 * Queue for `m` as mutex_lock() would, fairly (a waiter that keeps losing
 * the lock to new takers is handed it), until the run's time budget is
 * spent.  1 (locked), -EINTR (a signal is pending), or the stop's -errno.
 */
static int cosy_mutex_lock_budgeted(struct cosy_session *s, struct mutex *m, int subclass)
{
	struct cosy_run *r = s->run;
	struct cosy_alarm a = { .task = current };
	u64 spent = cosy_now_j_ns() - r->start_j_ns;
	bool rang;
	int err;

	if (spent >= r->budget.time_ns)
		return cosy_stop(s, COSY_STOP_TIME);
	cosy_hrtimer_setup_on_stack(&a.timer, cosy_alarm_ring, CLOCK_MONOTONIC,
				    HRTIMER_MODE_REL);
	hrtimer_start(&a.timer, ns_to_ktime(r->budget.time_ns - spent), HRTIMER_MODE_REL);
	err = mutex_lock_interruptible_nested(m, subclass);
	rang = !hrtimer_cancel(&a.timer);
	destroy_hrtimer_on_stack(&a.timer);
	if (rang) {
		if (!err)
			mutex_unlock(m);
		return cosy_stop(s, COSY_STOP_TIME);
	}
	return err ? err : 1;
}

/*
 * cosy_pos_lock_nested() found the position lock held (see there).  The
 * holder is another thread of the caller (or a process sharing the file),
 * usually in a loop of short syscalls that takes the lock again at once.
 * Watching for the release starves: a thread looping on getdents64 held a
 * run off the lock to its 10 s budget on a debug kernel.  So wait in the
 * mutex's queue, as read(2) does, but only until the budget is spent and
 * killably.  With a signal pending the program handles, a queued wait would
 * end at once; then the lock is watched for instead (trylock and short
 * sleeps), as before.  Returns 1 (locked) or -errno.
 */
int cosy_pos_lock_wait(struct cosy_session *s, struct file *f, int subclass)
{
	unsigned int polls = 0;
	int err;

	if (!signal_pending(current) && cosy_notify_signal_interrupts()) {
		err = cosy_mutex_lock_budgeted(s, &f->f_pos_lock, subclass);
		if (err != -EINTR)
			return err;
	}
	while (!mutex_trylock(&f->f_pos_lock)) {
		/* spin a little first: the gap between two syscalls is short */
		if (++polls % 4096) {
			cpu_relax();
			continue;
		}
		err = cosy_guard_wait(s);
		if (err)
			return err;
	}
	return 1;
}

/* Lock two files' positions in address order (they may be one file). */
int cosy_pos_lock2(struct cosy_session *s, struct file *a, struct file *b, int lk[2])
{
	if (a > b)
		swap(a, b);
	lk[0] = cosy_pos_lock_nested(s, a, 0);
	if (lk[0] < 0)
		return lk[0];
	lk[1] = a == b ? 0 : cosy_pos_lock_nested(s, b, SINGLE_DEPTH_NESTING);
	if (lk[1] < 0) {
		cosy_pos_unlock(a, lk[0]);
		return lk[1];
	}
	return 0;
}

void cosy_pos_unlock2(struct file *a, struct file *b, const int lk[2])
{
	if (a > b)
		swap(a, b);
	cosy_pos_unlock(b, lk[1]);
	cosy_pos_unlock(a, lk[0]);
}

/* cosy_write_start() found the filesystem frozen: wait within the budget. */
int cosy_write_wait(struct cosy_session *s, struct file *f)
{
	int err;

	while (!file_start_write_trylock(f)) {
		err = cosy_guard_wait(s);
		if (err)
			return err;
	}
	return 0;
}

static void cosy_session_release_fds(struct cosy_session *s)
{
	while (s->nfds) {
		struct cosy_fdent *e = &s->fds[s->nfds - 1];

		if (cosy_fd_owned(e) && !cosy_fd_close(e))
			s->st.fds_reaped++;
		cosy_fd_forget(s, e);
	}
}

__diag_push();
__diag_ignore_all("-Wmissing-prototypes", "kfuncs are global for BTF, called only from BPF");

/*
 * The segment: a one-entry mmappable array map of the caller's, by fd.  Its
 * value is vmalloc'ed and lives as long as the reference we take.
 *
 * Only a map the caller may write through that very fd, and one whose bytes
 * mean nothing to anyone else, may be written by kfuncs: bpf_map_get()
 * ignores the fd's mode, a BPF_F_RDONLY_PROG or frozen map's value is a
 * constant other programs' verifier relied on, and special fields (timer,
 * spin lock, kptr) are kernel objects.  So: read-write fd, map_flags exactly
 * BPF_F_MMAPABLE, no special field, not frozen -- and it cannot be frozen
 * while the session holds it (map_freeze() refuses a map with writers, as
 * for a writable mmap).
 */
static int cosy_segment_get(struct cosy_session *s, int fd)
{
	struct bpf_map *map = bpf_map_get(fd);
	struct file *f;
	u32 zero = 0;
	void *value;
	int err;

	if (IS_ERR(map))
		return PTR_ERR(map);
	/* The file behind fd now; it must be the map's (fd may change meanwhile). */
	f = fget(fd);
	if (!f || f->private_data != map) {
		err = -EBADF;
		goto out;
	}
	err = -EACCES;
	if ((f->f_mode & (FMODE_CAN_READ | FMODE_CAN_WRITE)) != (FMODE_CAN_READ | FMODE_CAN_WRITE))
		goto out;
	err = -EINVAL;
	if (map->map_type != BPF_MAP_TYPE_ARRAY || map->map_flags != BPF_F_MMAPABLE ||
	    map->max_entries != 1 || map->key_size != sizeof(u32) ||
	    cosy_map_has_special_fields(map))
		goto out;
	mutex_lock(&map->freeze_mutex);
	if (READ_ONCE(map->frozen)) {
		mutex_unlock(&map->freeze_mutex);
		err = -EPERM;
		goto out;
	}
	atomic64_inc(&map->writecnt);
	mutex_unlock(&map->freeze_mutex);
	value = map->ops->map_lookup_elem(map, &zero);
	if (!value) {
		atomic64_dec(&map->writecnt);
		goto out;
	}
	fput(f);
	s->seg = map;
	s->data = value;
	s->data_size = map->value_size;
	return 0;
out:
	if (f)
		fput(f);
	bpf_map_put(map);
	return err;
}

static void cosy_segment_put(struct cosy_session *s)
{
	if (s->dseg)
		cosy_dseg_put(s->dseg);
	if (!s->seg)
		return;
	atomic64_dec(&s->seg->writecnt);
	bpf_map_put(s->seg);
}

static void cosy_session_free(struct cosy_session *s)
{
	cosy_session_release_fds(s);
	cosy_segment_put(s);
	if (s->run)
		cosy_run_put(s->run);
	kfree(s);
}

/*
 * A refused begin is reported twice, on purpose: begin_err is what the
 * last begin said (cosy_begin_error() returns it to the compound), and
 * fail_err/fail_op, the run's first failure, name it too unless a kfunc
 * failed before -- so the caller finds the first failure in one place,
 * whether it was a begin or a kfunc.
 */
static void cosy_begin_failed(struct cosy_ctx *c, int err)
{
	c->begin_err = err;
	if (!c->fail_err) {
		c->fail_err = err;
		c->fail_op = COSY_OP_BEGIN;
	}
}

/* Is this the context of a user task's own BPF_PROG_RUN? */
static bool cosy_task_context(void)
{
	return in_task() && !(current->flags & PF_KTHREAD);
}

noinline struct cosy_session *cosy_session_begin(void *ctx, u32 ctx__sz)
{
	struct cosy_ctx *c = ctx;
	struct cosy_session *s;
	u32 i, ngrant, own;
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
	/* Not from a callback in softirq, nor a kernel thread: see cosy_guard_enter(). */
	if (!cosy_task_context()) {
		WRITE_ONCE(c->begin_err, -EPERM);
		return NULL;
	}
	c->sessions++;
	if (READ_ONCE(c->magic) != COSY_CTX_MAGIC ||
	    READ_ONCE(c->abi_version) != COSY_ABI_VERSION) {
		cosy_begin_failed(c, -EPROTO);
		return NULL;
	}
	ngrant = READ_ONCE(c->ngrant);
	if (ngrant > COSY_MAX_GRANT) {
		cosy_begin_failed(c, -E2BIG);
		return NULL;
	}
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s) {
		cosy_begin_failed(c, -ENOMEM);
		return NULL;
	}
	s->ctx = c;
	s->run = cosy_run_get(c, &err);
	if (!s->run)
		goto fail;
	/* A stopped run stays stopped, however many sessions it begins. */
	err = s->run->stop_err;
	if (err)
		goto fail;
	if (s->run->dseg) {
		/* A /dev/cosy run: the device's segment, whatever seg_fd says. */
		s->dseg = s->run->dseg;
		refcount_inc(&s->dseg->ref);
		s->data = s->dseg->mem;
		s->data_size = s->dseg->size;
	} else {
		err = cosy_segment_get(s, READ_ONCE(c->seg_fd));
		if (err)
			goto fail;
	}
	own = READ_ONCE(c->grant_own);
	for (i = 0; i < ngrant; i++) {
		int fd = READ_ONCE(c->grant_fds[i]);
		struct file *f;

		/* an fd handed over has one entry: a second would outlive its close */
		if (own && cosy_fd_find(s, fd)) {
			err = -EINVAL;
			goto fail;
		}
		f = fget_raw(fd);
		if (!f) {
			err = -EBADF;
			goto fail;
		}
		err = cosy_fd_add(s, fd, f, own & BIT(i) ? COSY_FD_OWNED : COSY_FD_GRANTED);
		if (err) {
			fput(f);
			goto fail;
		}
	}
	s->time_kfuncs = READ_ONCE(c->flags) & COSY_CTX_F_TIME_KFUNCS;
	s->may_yield = READ_ONCE(c->flags) & COSY_CTX_F_YIELD;
	c->begin_err = 0;
	s->start_ns = local_clock();
	return s;
fail:
	cosy_begin_failed(c, err);
	/* a begin that fails closes nothing, not even an fd handed over */
	while (s->nfds)
		cosy_fd_forget(s, &s->fds[s->nfds - 1]);
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

noinline struct cosy_bytes *cosy_data(struct cosy_session *s, u32 off, const u32 rdwr_buf_size)
{
	u64 t0 = 0;
	int err = cosy_guard_enter(s, 0, &t0);

	if (!err && !cosy_range_ok(s->data_size, off, rdwr_buf_size))
		err = -EFAULT;
	cosy_guard_exit(s, COSY_OP_DATA, t0, err);
	return err ? NULL : (struct cosy_bytes *)(s->data + off);
}

/*
 * cosy_data() without the guard: segment[off, off + rdwr_buf_size) or NULL,
 * for compounds that index the segment with a variable but may not do
 * pointer arithmetic on it (loaded for /dev/cosy: the unprivileged rules
 * allow a variable offset into map values only).  One element per call,
 * so neither charged nor timed: the compound's loops are checked by
 * cosy_check(), and the bounds here are the segment's.
 */
noinline struct cosy_bytes *cosy_at(struct cosy_session *s, u32 off, const u32 rdwr_buf_size)
{
	return cosy_range_ok(s->data_size, off, rdwr_buf_size) ?
	       (struct cosy_bytes *)(s->data + off) : NULL;
}

/*
 * 0, -errno of a stop, or 1: time to yield (COSY_CTX_F_YIELD).  Not on
 * the run's first check: a run that resumes goes at least that far.
 */
noinline int cosy_check(struct cosy_session *s)
{
	struct cosy_run *r = s->run;
	u64 t0 = 0;
	int err = cosy_guard_enter(s, 0, &t0);

	if (!err && s->may_yield && ++r->checks > 1 &&
	    (signal_pending(current) ||
	     cosy_now_j_ns() - r->start_j_ns >= (u64)READ_ONCE(cosy_yield_us) * NSEC_PER_USEC))
		err = 1;
	return cosy_guard_exit(s, COSY_OP_CHECK, t0, err);
}

/*
 * Two questions a compound asks after a failure, answered without a call
 * to the guard (not charged, not refused once the run is stopped):
 *
 * cosy_errno(): what did the session's last guarded call return, as
 * -errno (0 if it succeeded)?  cosy_data() has only NULL to say that its
 * slice lies outside the segment (-EFAULT) or that the run is stopped.
 *
 * cosy_stopped(): is the run stopped, and why (enum cosy_stop)?  A stop's
 * errno is not unique: -EDQUOT is also a full disk quota, -EFBIG a file
 * size limit, -EINTR and -EPERM other things.
 */
noinline int cosy_errno(struct cosy_session *s)
{
	return s->last_err;
}

noinline u32 cosy_stopped(struct cosy_session *s)
{
	return s->run->stop_reason;
}

__diag_pop();
