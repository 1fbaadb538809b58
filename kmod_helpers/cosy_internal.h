/* SPDX-License-Identifier: GPL-2.0 */
#ifndef COSY_INTERNAL_H
#define COSY_INTERNAL_H

#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/signal.h>
#include <linux/task_work.h>
#include <linux/types.h>
#include <cosy/guard.h>
#include <cosy/kfuncs.h>

struct super_block;
struct path;
struct bpf_map;
struct task_struct;
struct vm_area_struct;

enum cosy_fd_kind {
	COSY_FD_OWNED = 1,	/* opened by the session: closed at end */
	COSY_FD_GRANTED,	/* lent by the caller for this run */
	COSY_FD_PRIVATE,	/* opened by the session, in no fd table: a handle */
};

struct cosy_fdent {
	int fd;
	enum cosy_fd_kind kind;
	struct file *file;	/* our own reference */
	bool cloexec;		/* COSY_FD_PRIVATE: O_CLOEXEC, for cosy_keep() */
	bool opened;		/* by this session: not the caller's, even handed over */
	/*
	 * Pipes and FIFOs honour only O_NONBLOCK in f_flags, which the
	 * caller's other threads share: I/O goes through a private
	 * non-blocking open of the same pipe, made on first use.
	 */
	struct file *nbfile;
};

/*
 * One BPF_PROG_RUN of one task, however many sessions it begins: the
 * budgets, their counters and the stop state live here, out of reach of
 * the compound (its ctx is writable), and die when the task returns to
 * user space (a task_work queued at the run's first begin).
 */
struct cosy_run {
	struct callback_head twork;
	struct hlist_node node;
	struct task_struct *task;
	refcount_t ref;		/* the pending task_work + each open session */
	struct cosy_budget budget;
	u64 start_j_ns;		/* jiffies at the first begin, in ns */
	u64 calls;
	u64 moved;		/* bytes read + written */
	u64 checks;		/* cosy_check() calls */
	int stop_err;
	u32 stop_reason;
	bool budget_set;	/* fixed at the first begin */
	/*
	 * The run did what cannot be undone outside its sessions: wrote,
	 * removed or truncated, created or truncated in an open, moved or
	 * closed a caller's fd.  Until then a caller may drop the run's work
	 * and do it another way (COSY_O_REFUSE_WAIT).
	 */
	bool effects;
	/* A run through /dev/cosy (cosy_dev.c): its segment and approval caps. */
	struct cosy_dseg *dseg;
	struct cosy_budget dev_caps;
};

/*
 * A segment the module allocated for a /dev/cosy attachment: vmalloc_user()
 * memory the caller maps through the device.  Held by the attachment and by
 * every session that uses it.
 */
struct cosy_dseg {
	refcount_t ref;
	void *mem;
	u64 size;		/* what runs may use */
	u64 alloc;		/* page-rounded: what mmap may map */
	struct user_struct *user;	/* charged for it (RLIMIT_MEMLOCK), or NULL */
};

/* One session's view of its segment, fds and counters, inside a run. */
struct cosy_session {
	struct cosy_ctx *ctx;	/* the run's ctx: outlives the session */
	struct cosy_run *run;
	struct bpf_map *seg;	/* held, and kept from freezing, for the session */
	struct cosy_dseg *dseg;	/* or the /dev/cosy segment, held */
	char *data;
	u64 data_size;
	unsigned long seg_ustart;	/* the caller's mapping of it found last (cosy_io.c) */
	u64 start_ns;		/* local_clock() at begin, for wall_ns */
	bool time_kfuncs;
	bool may_yield;		/* COSY_CTX_F_YIELD */
	struct cosy_stats st;
	int stop_err;
	u32 stop_reason;
	int fail_err;
	u32 fail_op;
	int last_err;		/* the last guarded call's -errno or 0: cosy_errno() */
	u32 nfds;
	u32 nowned;		/* entries of kind COSY_FD_OWNED or _PRIVATE */
	u64 priv_slots;		/* handles in use: COSY_PRIV_FD_BASE + bit */
	struct cosy_fdent fds[COSY_MAX_FDS + COSY_MAX_GRANT];
};

/* Module-wide caps on what a caller may ask for (module parameters). */
extern struct cosy_budget cosy_caps;
extern bool cosy_fast_lookup;
extern unsigned int cosy_yield_us;

/*
 * The guard's path every kfunc call takes is inline here, the rest
 * out of line in cosy_session.c: under QEMU TCG a call between functions
 * (and its return thunk) costs about as much as the checks themselves, and
 * burst's zero-byte read made a dozen of them.
 */
int cosy_stop(struct cosy_session *s, enum cosy_stop why);
long cosy_guard_failed(struct cosy_session *s, enum cosy_op op, long ret);
void cosy_effect(struct cosy_session *s, int fd);
int cosy_would_wait(struct cosy_session *s);
int cosy_table_full(struct cosy_session *s);
int cosy_guard_wait(struct cosy_session *s);
int cosy_guard_tick(struct cosy_session *s);
int cosy_pos_lock_wait(struct cosy_session *s, struct file *f, int subclass);
int cosy_pos_lock2(struct cosy_session *s, struct file *a, struct file *b, int lk[2]);
void cosy_pos_unlock2(struct file *a, struct file *b, const int lk[2]);
int cosy_write_wait(struct cosy_session *s, struct file *f);

/* The time budget's clock (see cosy_guard_enter()): jiffies in ns. */
static inline u64 cosy_now_j_ns(void)
{
#if !(NSEC_PER_SEC % HZ)
	return get_jiffies_64() * (NSEC_PER_SEC / HZ);	/* jiffies64_to_nsecs() */
#else
	return jiffies64_to_nsecs(get_jiffies_64());
#endif
}

/*
 * Entry of every guarded kfunc: fail fast once the run is stopped,
 * otherwise charge one call that may move `len` bytes against the run's
 * budgets.
 *
 * Context first: kfuncs act on `current` (its fd table, its credentials),
 * so they must run in the task that began the run, in task context.  A
 * bpf_timer callback of a sleepable program runs in softirq on whatever
 * task was interrupted; 6.1 checks only that the program is sleepable.
 *
 * Every call may reschedule: BPF_PROG_RUN never does, and a compound that
 * loops on cheap kfuncs would otherwise hold the CPU past the soft-lockup
 * limit well within its time budget.  cond_resched() itself is called when
 * need_resched() says it would reschedule, and every 64th call regardless,
 * for what else it does on some kernels (reporting a quiescent state where
 * RCU is not preemptible); under TCG the call cost more than the test.
 *
 * The time budget runs on jiffies (a load, 1/HZ resolution): a precise
 * clock read per call cost as much as the call itself under QEMU TCG, where
 * even local_clock() is an emulated TSC read.  Time inside kfuncs is only
 * measured when the caller asks (COSY_CTX_F_TIME_KFUNCS); a run never
 * migrates (BPF_PROG_RUN holds migrate_disable()), so local_clock() is
 * consistent for it.
 */
static __always_inline int cosy_guard_enter(struct cosy_session *s, u64 len, u64 *t0)
{
	struct cosy_run *r = s->run;
	enum cosy_stop why;

	if (unlikely(r->task != current || !in_task()))
		return cosy_stop(s, COSY_STOP_CONTEXT);
	if (unlikely(r->stop_err))
		return cosy_stop(s, r->stop_reason);
	if (unlikely(need_resched()) || !(r->calls % 64))
		cond_resched();
	why = cosy_budget_check(&r->budget, r->start_j_ns, cosy_now_j_ns(), r->calls, r->moved,
				len, fatal_signal_pending(current));
	if (unlikely(why != COSY_STOP_NONE))
		return cosy_stop(s, why);
	r->calls++;
	s->st.calls++;
	if (unlikely(s->time_kfuncs))
		*t0 = local_clock();
	return 0;
}

/* Exit of every guarded kfunc, with its result: a failure is recorded. */
static __always_inline long cosy_guard_exit(struct cosy_session *s, enum cosy_op op, u64 t0,
					    long ret)
{
	if (unlikely(t0))
		s->st.kfunc_ns += local_clock() - t0;
	if (unlikely(ret < 0))
		ret = cosy_guard_failed(s, op, ret);
	s->last_err = ret < 0 ? ret : 0;
	return ret;
}

/* Account bytes a kfunc moved, to the session (report) and the run (budget). */
static inline void cosy_moved(struct cosy_session *s, u64 rd, u64 wr)
{
	s->st.bytes_read += rd;
	s->st.bytes_written += wr;
	s->run->moved += rd + wr;
}

static inline struct cosy_fdent *cosy_fd_find(struct cosy_session *s, int fd)
{
	u32 i;

	for (i = 0; i < s->nfds; i++)
		if (s->fds[i].fd == fd)
			return &s->fds[i];
	return NULL;
}

/*
 * What fdget_pos() does for read(2), lseek(2) and getdents64(2): hold the
 * file's position lock, so that ->iterate_shared() and f_pos updates never
 * run concurrently on one struct file.  A lock another thread holds is
 * waited for by cosy_pos_lock_wait(), within the budget.  `subclass` is
 * lockdep's: 1 for the second of two position locks, which
 * cosy_pos_lock2() takes in address order.  Returns 1 (locked), 0 (no
 * position lock needed), or -errno.
 *
 * Needed, as fdget_pos() decides in 6.12 and later, for a directory
 * always (pidfd_getfd() can reach any file), and for any other file that
 * someone else can reach.  Every file a session
 * holds has two references of ours: the session's, and the fd table's (a
 * handle keeps it in the table's stead).  With no more than those and an
 * fd table no other task shares (no thread, no io-wq worker), no other
 * task, fd or io_uring holds the file and none can take it during the
 * call but by pidfd_getfd(), which races read(2)'s own test the same way.
 * Under TCG the lock and unlock were a fifth of a zero-byte read.
 */
static inline bool cosy_pos_reachable(struct file *f)
{
	struct files_struct *files = current->files;

	return f->f_op->iterate_shared || file_count(f) > 2 || !files ||
	       atomic_read(&files->count) != 1;
}

static inline int cosy_pos_lock_nested(struct cosy_session *s, struct file *f, int subclass)
{
	if (!(f->f_mode & FMODE_ATOMIC_POS) || !cosy_pos_reachable(f))
		return 0;
	if (likely(mutex_trylock(&f->f_pos_lock)))
		return 1;
	return cosy_pos_lock_wait(s, f, subclass);
}

static inline int cosy_pos_lock(struct cosy_session *s, struct file *f)
{
	return cosy_pos_lock_nested(s, f, 0);
}

static inline void cosy_pos_unlock(struct file *f, int locked)
{
	if (locked > 0)
		mutex_unlock(&f->f_pos_lock);
}

/*
 * file_start_write(), bounded: a frozen filesystem makes the kfunc wait
 * as write(2) would, but only within the run's time budget.  Pair with
 * file_end_write().
 */
static inline int cosy_write_start(struct cosy_session *s, struct file *f)
{
	if (likely(file_start_write_trylock(f)))
		return 0;
	return cosy_write_wait(s, f);
}

int cosy_fd_add(struct cosy_session *s, int fd, struct file *file,
		enum cosy_fd_kind kind);
void cosy_fd_forget(struct cosy_session *s, struct cosy_fdent *e);
int cosy_fd_close(struct cosy_fdent *e);

static inline bool cosy_fd_owned(const struct cosy_fdent *e)
{
	return e->kind != COSY_FD_GRANTED;
}
struct file *cosy_fd_file(struct cosy_session *s, int fd);
struct file *cosy_fd_open_file(struct cosy_session *s, int fd);
/* A path copied out of the segment: on the stack when short (cosy_path_get()). */
#define COSY_PATH_STACK	128
struct cosy_path {
	char *name;
	char small[COSY_PATH_STACK];
};
int cosy_path_get(struct cosy_session *s, u32 off, struct cosy_path *p);
void cosy_path_put(struct cosy_path *p);
int cosy_dirfd(struct cosy_session *s, int dirfd, const char **path, struct path *start);
int cosy_at_lookup(const struct path *start, const char *path, unsigned int flags,
		   struct path *out);
bool cosy_at_escapes(const struct path *start, const char *path, int flags);
int cosy_at_escape(struct cosy_session *s);
int cosy_wait_unfrozen(struct cosy_session *s, struct super_block *sb);
int cosy_lookup_parent(const struct path *dir, const char *path, struct path *pp,
		       const char **last, size_t *len, bool *slashes);
void cosy_runs_drain(void);
int cosy_run_start_dev(struct cosy_dseg *d, const struct cosy_budget *caps);
void cosy_dseg_put(struct cosy_dseg *d);
bool cosy_dev_vma(const struct vm_area_struct *vma, const struct cosy_dseg *d);
int cosy_dev_init(void);
void cosy_dev_exit(void);

#endif
