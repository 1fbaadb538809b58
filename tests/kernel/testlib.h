/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A small harness for guest tests (static binaries, busybox userland): each
 * test file defines cases with TL_CASE(); tl_main() runs them in order,
 * checks the process's fd count around each, prints TAP-like lines and exits
 * 0 (all pass), 1 (a failure) or 77 (skip).  Cases run in order; the first
 * argument, and the environment variable TL_ONLY, are globs that select
 * cases by name (vm.sh passes TL_ONLY on to the guest).
 */
#ifndef COSY_TESTLIB_H
#define COSY_TESTLIB_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cosy/cosy.h>

struct tl_case {
	const char *name;
	int (*fn)(void);
	bool fd_change_ok;	/* the case leaves fds open on purpose */
};

#define TL_MAX_CASES 64
extern struct tl_case tl_cases[TL_MAX_CASES];
extern int tl_ncases;

#define TL_CASE_FLAGS(name, fdok)						\
	static int tl_case_##name(void);					\
	__attribute__((constructor)) static void tl_reg_##name(void)		\
	{									\
		tl_cases[tl_ncases++] = (struct tl_case){ #name, tl_case_##name, fdok }; \
	}									\
	static int tl_case_##name(void)
#define TL_CASE(name) TL_CASE_FLAGS(name, false)

/* Fail the case (return 1) with a message naming the file and line. */
#define TL_CHECK(cond, fmt, ...)						\
	do {									\
		if (!(cond)) {							\
			printf("#   %s:%d: check failed: %s: " fmt "\n",	\
			       __FILE__, __LINE__, #cond, ##__VA_ARGS__);	\
			return 1;						\
		}								\
	} while (0)
/* Skip the case (what it needs is missing from this kernel), saying why. */
#define TL_SKIP(fmt, ...)							\
	do {									\
		printf("#   skip: " fmt "\n", ##__VA_ARGS__);			\
		return 77;							\
	} while (0)
/* Each side evaluated once: a side may be a command that does something. */
#define TL_EQ(a, b)								\
	do {									\
		long long tl_a_ = (long long)(a), tl_b_ = (long long)(b);	\
										\
		TL_CHECK(tl_a_ == tl_b_, "%s = %lld, expected %lld", #a, tl_a_, tl_b_); \
	} while (0)

/* Load $COSY_BPF_DIR/NAME.bpf.o once per process (NULL + message on error). */
struct cosy_compound *tl_compound(const char *name);
/* Open fds of this process. */
int tl_fd_count(void);
/*
 * Count this thread's calls of kernel function `func` (a kprobe perf
 * counter): tl_kprobe_start() returns the counter's fd, counting, or
 * -errno (no kprobe PMU, or no such function); tl_kprobe_count() reads
 * it, -1 on error; close() it when done.  Keep one counter for a whole
 * case: each one made and closed patches kernel text, and under TCG a
 * second vCPU can trip over the patch site (an int3 oops in __schedule).
 */
int tl_kprobe_start(const char *func);
long long tl_kprobe_count(int fd);
/* Write `size` pseudo-random bytes (seeded) to path; 0 or -errno. */
int tl_make_file(const char *path, size_t size, unsigned seed);
/* 0 if the two files have equal contents, else -1 (and says where). */
int tl_cmp_files(const char *a, const char *b);

/*
 * Run fn() in a forked child that dies by SIGALRM after timeout_s seconds:
 * a kfunc that waits forever shows as a failed case, not a stuck suite.
 * Returns fn()'s result, or 1 (and says so) if the child was killed.
 */
int tl_in_child(int (*fn)(void), unsigned timeout_s);

/*
 * Load program `prog` of $COSY_BPF_DIR/OBJECT.bpf.o alone (hostile objects
 * mark their programs SEC("?syscall")), once per process; its fd, or -errno
 * with a message.  *map_fd (if map_name) gets the fd of that map of it.
 */
int tl_prog_fd(const char *object, const char *prog, const char *map_name, int *map_fd);
/*
 * Does loading program `prog` of `object` fail with `msg` in the verifier's
 * log?  1 if so, 0 if it loads (and is unloaded again), -1 if it fails for
 * another reason (printed).  For rules a newer kernel checks at load.
 */
int tl_prog_refused_with(const char *object, const char *prog, const char *msg);

/*
 * Loop-mount a fresh copy of the guest's ext4 image (vm.sh builds it) on
 * `dir`, created if needed, relative to the cwd; 0 or -errno with a message.
 */
int tl_mount_ext4(const char *dir);

/*
 * Does the kernel log since the harness last cleared it (before this test
 * file) contain `what`?  For a case that must name its own kernel trouble.
 */
bool tl_kernel_log_has(const char *what);

/* Run a shell command (printed first); its exit status, 128 if it died. */
int tl_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int tl_main(int argc, char **argv);

#endif
