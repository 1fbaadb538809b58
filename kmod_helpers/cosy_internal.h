/* SPDX-License-Identifier: GPL-2.0 */
#ifndef COSY_INTERNAL_H
#define COSY_INTERNAL_H

#include <linux/refcount.h>
#include <linux/task_work.h>
#include <linux/types.h>
#include <cosy/guard.h>
#include <cosy/kfuncs.h>

struct file;
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

int cosy_guard_enter(struct cosy_session *s, u64 len, u64 *t0);
void cosy_effect(struct cosy_session *s, int fd);
int cosy_would_wait(struct cosy_session *s);
long cosy_guard_exit(struct cosy_session *s, enum cosy_op op, u64 t0, long ret);
int cosy_guard_wait(struct cosy_session *s);
int cosy_guard_tick(struct cosy_session *s);
void cosy_moved(struct cosy_session *s, u64 rd, u64 wr);
int cosy_pos_lock(struct cosy_session *s, struct file *f);
void cosy_pos_unlock(struct file *f, int locked);
int cosy_pos_lock2(struct cosy_session *s, struct file *a, struct file *b, int lk[2]);
void cosy_pos_unlock2(struct file *a, struct file *b, const int lk[2]);
int cosy_write_start(struct cosy_session *s, struct file *f);
struct cosy_fdent *cosy_fd_find(struct cosy_session *s, int fd);
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
int cosy_dirfd(struct cosy_session *s, int dirfd, const char *path, struct file **dir);
int cosy_wait_unfrozen(struct cosy_session *s, struct super_block *sb);
int cosy_lookup_parent(struct file *dir, const char *path, struct path *pp, const char **last,
		       size_t *len, bool *slashes);
void cosy_runs_drain(void);
int cosy_run_start_dev(struct cosy_dseg *d, const struct cosy_budget *caps);
void cosy_dseg_put(struct cosy_dseg *d);
bool cosy_dev_vma(const struct vm_area_struct *vma, const struct cosy_dseg *d);
int cosy_dev_init(void);
void cosy_dev_exit(void);

#endif
