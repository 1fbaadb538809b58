/* SPDX-License-Identifier: GPL-2.0 */
#ifndef COSY_INTERNAL_H
#define COSY_INTERNAL_H

#include <linux/types.h>
#include <cosy/guard.h>
#include <cosy/kfuncs.h>

struct file;
struct bpf_map;

enum cosy_fd_kind {
	COSY_FD_OWNED = 1,	/* opened by the session: closed at end */
	COSY_FD_GRANTED,	/* lent by the caller for this run */
};

struct cosy_fdent {
	int fd;
	enum cosy_fd_kind kind;
	struct file *file;	/* our own reference */
};

/* One compound run's view of its segment, fds, budgets and counters. */
struct cosy_session {
	struct cosy_ctx *ctx;	/* the run's ctx: outlives the session */
	struct bpf_map *seg;	/* held for the session */
	char *data;
	u64 data_size;
	struct cosy_budget budget;
	u64 start_ns;		/* local_clock() at begin, for wall_ns */
	u64 start_j_ns;		/* jiffies at begin, in ns, for the time budget */
	bool time_kfuncs;
	struct cosy_stats st;
	int stop_err;
	u32 stop_reason;
	int fail_err;
	u32 fail_op;
	u32 nfds;
	u32 nowned;		/* entries of kind COSY_FD_OWNED */
	struct cosy_fdent fds[COSY_MAX_FDS + COSY_MAX_GRANT];
};

/* Module-wide caps on what a caller may ask for (module parameters). */
extern struct cosy_budget cosy_caps;

int cosy_guard_enter(struct cosy_session *s, u64 len, u64 *t0);
long cosy_guard_exit(struct cosy_session *s, enum cosy_op op, u64 t0, long ret);
struct cosy_fdent *cosy_fd_find(struct cosy_session *s, int fd);
int cosy_fd_add(struct cosy_session *s, int fd, struct file *file,
		enum cosy_fd_kind kind);
void cosy_fd_forget(struct cosy_session *s, struct cosy_fdent *e);
bool cosy_fd_still_ours(const struct cosy_fdent *e);
struct file *cosy_fd_file(struct cosy_session *s, int fd);
char *cosy_path_get(struct cosy_session *s, u32 off);
int cosy_dirfd(struct cosy_session *s, int dirfd, const char *path, struct file **dir);

#endif
