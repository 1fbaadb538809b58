/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * cosy-bench's types, shared by its driver (cosy-bench.c) and its io_uring
 * baselines (bench_uring.c): a workload, a method, one run's result.
 */
#ifndef COSY_BENCH_H
#define COSY_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct result {
	uint64_t value;		/* what every method must agree on */
	uint64_t syscalls;	/* crossings made; UINT64_MAX = not counted */
	uint64_t kcalls;	/* kfunc calls inside the crossing (cosy); UINT64_MAX = not counted */
	uint64_t punts;		/* requests io_uring handed to io-wq; UINT64_MAX = not counted */
	bool timed;		/* the method timed itself: ms, not the clock around it */
	double ms;
};

struct wl;
typedef int (*method_fn)(struct wl *w, struct result *r);

struct method {
	const char *name;
	method_fn fn;
	const char *note;
};

struct cosy_compound;

struct wl {
	const char *name;
	char *argv[4];
	int nargs;		/* in argv */
	unsigned long chunk, n;
	struct cosy_compound *c;
	const struct method *methods;
	int nmethods;
	char **paths;		/* cat-many: the input files */
};

/* burst's empty file, opened by setup() */
extern int burst_fd;

/* Both open the pair cp copies (argv[0] -> argv[1]) and close it: 0 or -errno. */
int open_pair(struct wl *w, int *in, int *out, struct result *r);
int close_pair(int in, int out, struct result *r);

/* ---- bench_uring.c --------------------------------------------------------- */

#define BENCH_URING_QD_MAX 256

/*
 * How the io_uring baselines run.  basic: what a first io_uring port of
 * the loop looks like (plain fds and buffers, waves of qd requests).
 * tuned: what liburing's authors would write (registered files or direct
 * descriptors, registered buffers, SINGLE_ISSUER|DEFER_TASKRUN, a rolling
 * window or pipelined waves, io-wq workers bounded by the CPUs).
 */
struct bench_uring_cfg {
	bool tuned;
	unsigned qd;		/* requests (cp: read->write pairs) in flight, 1..BENCH_URING_QD_MAX */
};

extern struct bench_uring_cfg bench_uring;

/* "basic:QD" or "tuned:QD": 0, or -EINVAL. */
int bench_uring_parse(const char *s, struct bench_uring_cfg *cfg);
void bench_uring_str(const struct bench_uring_cfg *cfg, char *buf, size_t len);

/*
 * io-wq punts made by this thread, from the io_uring_queue_async_work
 * tracepoint: bench_punts_start() before a run, bench_punts_stop() after
 * it gives the count, or UINT64_MAX where the tracepoint cannot be read
 * (no tracefs, no perf events).
 */
void bench_punts_start(void);
uint64_t bench_punts_stop(void);

int cp_uring(struct wl *w, struct result *r);
int cat_uring(struct wl *w, struct result *r);
int ls_uring(struct wl *w, struct result *r);
int burst_uring(struct wl *w, struct result *r);

#endif /* COSY_BENCH_H */
