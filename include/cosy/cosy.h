/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * libcosy: open, map and run cosy compounds from an application.
 *
 * Conventions (libbpf's): opaque handles; optional parameters in a trailing
 * opts struct whose first field is its size (declare it with COSY_OPTS());
 * int returns are 0 or -errno and also set errno; pointer returns are NULL
 * with errno set; the library never prints or exits: messages go to the
 * callback set with cosy_set_print().
 */
#ifndef COSY_COSY_H
#define COSY_COSY_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <linux/types.h>

#include "abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define COSY_API __attribute__((visibility("default")))

/* Declare and zero an opts struct with its size set, then the given fields. */
#define COSY_OPTS(TYPE, NAME, ...)						\
	struct TYPE NAME = ({							\
		memset(&NAME, 0, sizeof(struct TYPE));				\
		(struct TYPE){ .sz = sizeof(struct TYPE), __VA_ARGS__ };	\
	})

enum cosy_print_level {
	COSY_WARN,
	COSY_INFO,
	COSY_DEBUG,
};

typedef int (*cosy_print_fn_t)(enum cosy_print_level level, const char *fmt,
			       va_list args);

/* Set the message callback (NULL: silence); returns the previous one. */
COSY_API cosy_print_fn_t cosy_set_print(cosy_print_fn_t fn);

struct cosy_compound;

struct cosy_open_opts {
	size_t sz;
};
#define cosy_open_opts__last_field sz

/*
 * Open a compound object (NAME.bpf.o), verify and load it into the kernel
 * and map its shared segment.  Needs CAP_BPF and cosy.ko loaded.
 */
COSY_API struct cosy_compound *
cosy_compound__open_file(const char *path, const struct cosy_open_opts *opts);

/* Close it: unmap, unload. NULL is fine. */
COSY_API void cosy_compound__close(struct cosy_compound *c);

/*
 * The data area of the shared segment, mapped into the application: write
 * paths and inputs here, read results in place (zero copy).  Offsets given
 * to the compound are relative to this pointer.
 */
COSY_API void *cosy_compound__data(const struct cosy_compound *c, size_t *size);

struct cosy_run_opts {
	size_t sz;
	/* in: budgets for this run; 0 = the module's default */
	__u64 budget_time_ns;
	__u64 budget_calls;
	__u64 budget_bytes;
	/* in: fds of the caller the compound may use in this run */
	const int *grant_fds;
	size_t ngrant;
	/* out */
	int retval;			/* the compound's return value */
	__u32 sessions;			/* sessions the run began */
	struct cosy_stats stats;	/* the guard's counters */
	int stop_err;			/* budget / signal stop: -errno ... */
	enum cosy_stop stop_reason;	/* ... and why */
	int fail_err;			/* first failing kfunc: -errno ... */
	enum cosy_op fail_op;		/* ... and which */
	int begin_err;			/* why a session could not begin */
	__u64 duration_ns;		/* the run as the kernel timed it */
};
#define cosy_run_opts__last_field duration_ns

/*
 * Run entry point `entry` (NULL: the object's first) once, with `args`
 * (args_sz bytes) as its ctx; the kernel copies args back, so outputs the
 * compound writes there are visible afterwards.  Returns 0 when the compound
 * ran (its return value is opts->retval), -errno when it could not run.
 */
COSY_API int cosy_compound__run(struct cosy_compound *c, const char *entry,
				void *args, size_t args_sz,
				struct cosy_run_opts *opts);

/* Names for enum cosy_op / enum cosy_stop ("read", "time", ...). */
COSY_API const char *cosy_op_str(enum cosy_op op);
COSY_API const char *cosy_stop_str(enum cosy_stop why);

#ifdef __cplusplus
}
#endif

#endif /* COSY_COSY_H */
