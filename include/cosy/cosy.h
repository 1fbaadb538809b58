/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * libcosy: open, map and run cosy compounds from an application.
 *
 * Conventions (libbpf's): opaque handles; optional parameters in a trailing
 * opts struct whose first field is its size (declare it with COSY_OPTS());
 * int returns are 0 or -errno and also set errno; pointer returns are NULL
 * with errno set; every free/close function accepts NULL; the library never
 * prints or exits: messages go to the callback set with cosy_set_print().
 *
 * Threads and processes: a segment is private to whoever created it.  Each
 * handle has a default segment; runs that may overlap in time (threads
 * sharing a handle) must each use their own (cosy_segment__new() and
 * cosy_run_opts.segment).  Separate handles, and so separate processes,
 * never share a segment.
 */
#ifndef COSY_COSY_H
#define COSY_COSY_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <linux/types.h>

#include "abi.h"

#ifdef __cplusplus
extern "C" {
#endif

#define COSY_API __attribute__((visibility("default")))

/* Where compounds are pinned: COSY_PIN_ROOT/NAME/{ENTRY...,cosy_stats}. */
#define COSY_PIN_ROOT "/sys/fs/bpf/cosy"

/*
 * Regions for cosy-cc(1): the block between COSY_START(name) and COSY_END()
 * is lowered into a compound named `name` (an identifier).  The markers open
 * two nested blocks, the outer one declaring an unused variable that carries
 * the annotation libclang reports; without cosy-cc (or with gcc, which
 * ignores `annotate` with a warning) the block just runs.
 */
#ifdef __clang__
#define COSY_START(name) { __attribute__((annotate("cosy:region:" #name), unused)) \
	const char cosy_region_##name = 0; {
#else
#define COSY_START(name) { __attribute__((unused)) const char cosy_region_##name = 0; {
#endif
#define COSY_END() } }

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

/*
 * Set the message callback (NULL: silence); returns the previous one.  The
 * default prints warnings to stderr.  libbpf's messages (the verifier's log
 * among them) arrive here too, at COSY_DEBUG, while libcosy loads.
 */
COSY_API cosy_print_fn_t cosy_set_print(cosy_print_fn_t fn);

struct cosy_compound;
struct cosy_segment;

struct cosy_open_opts {
	size_t sz;
	const char *pin_root;	/* default COSY_PIN_ROOT */
	const char *name;	/* object name for messages (open_mem) */
	char *log_buf;		/* out: libbpf's and the verifier's log of the load */
	size_t log_size;
	/*
	 * open_pinned: what the caller knows from the compound's own build,
	 * as cosy-cc's runtime does, so that attaching costs fewer calls.
	 * entry: attach to this entry only (no walk of the pin directory);
	 * args_size: its args struct's size (not read from the loaded BTF);
	 * seg_size: the compound's COSY_COMPOUND() size (not read from the
	 * pinned totals).  0 or NULL: found out.  A segment too small for the
	 * compound only makes its cosy_data() calls fail.
	 * open_file/open_mem: entry loads that program alone, even one marked
	 * SEC("?syscall").
	 */
	const char *entry;
	size_t args_size;
	size_t seg_size;
};
#define cosy_open_opts__last_field seg_size

/*
 * Open a compound object (NAME.bpf.o), verify and load it into the kernel
 * and create its default segment.  Needs cosy.ko loaded and CAP_BPF
 * (on 6.1 CAP_SYS_ADMIN too: libbpf walks module BTF ids).
 */
COSY_API struct cosy_compound *
cosy_compound__open_file(const char *path, const struct cosy_open_opts *opts);

/* The same from an object embedded in the application (e.g. with ld -b binary). */
COSY_API struct cosy_compound *
cosy_compound__open_mem(const void *obj, size_t size, const struct cosy_open_opts *opts);

/*
 * Attach to a compound an administrator loaded and pinned as `name`
 * (cosy-load load FILE name NAME): no verification, no module needed
 * beyond what is loaded.  opts' entry, args_size and seg_size make it
 * cheaper (a short program pays it in every process).
 */
COSY_API struct cosy_compound *
cosy_compound__open_pinned(const char *name, const struct cosy_open_opts *opts);

/* Pin a loaded compound as COSY_PIN_ROOT/name; -EEXIST if taken. */
COSY_API int cosy_compound__pin(struct cosy_compound *c, const char *name,
				const struct cosy_open_opts *opts);

/* Remove the pin `name`; the compound unloads when its last user closes. */
COSY_API int cosy_unpin(const char *name, const struct cosy_open_opts *opts);

/* Close: unmap, unload (unless pinned). NULL is fine. */
COSY_API void cosy_compound__close(struct cosy_compound *c);

/*
 * 1 if an fd c opened no longer names what it did (the process closed it,
 * closefrom(3) for one, and the number may now be another file's), 0 if
 * they all do, -EINVAL for NULL.  A few system calls: for after a failed
 * run, not before each.  Through /dev/cosy, whether the fd is still a
 * /dev/cosy open (not which one).
 */
COSY_API int cosy_compound__stale(const struct cosy_compound *c);

/*
 * Free a stale compound without closing numbers that may be others' now:
 * its fds that still name its objects are closed, the others left; one
 * loaded from an object file (its fds libbpf's) is left as it is, memory
 * and all.  Unmaps the segment.  NULL is fine.
 */
COSY_API void cosy_compound__abandon(struct cosy_compound *c);

/* The default segment's memory, mapped into the application (zero copy). */
COSY_API void *cosy_compound__data(const struct cosy_compound *c, size_t *size);

/* Segment size a run of this compound needs (its COSY_COMPOUND()). */
COSY_API size_t cosy_compound__seg_size(const struct cosy_compound *c);

/* Entry points: count, name of the i-th, args size, BPF program fd. */
COSY_API int cosy_compound__entry_count(const struct cosy_compound *c);
COSY_API const char *cosy_compound__entry_name(const struct cosy_compound *c, int i);
COSY_API size_t cosy_compound__args_size(const struct cosy_compound *c, const char *entry);
COSY_API int cosy_compound__prog_fd(const struct cosy_compound *c, const char *entry);
/*
 * How the compound runs: "bpf(2)", or "/dev/cosy" for a process without
 * CAP_BPF (open_pinned() attached to the compound an administrator approved
 * under that name; see cosy-load(8), approve).  COSY_VIA=dev picks the
 * device for a process that could use bpf(2).
 */
COSY_API const char *cosy_compound__via(const struct cosy_compound *c);

/*
 * The BTF object id of the loaded cosy module: a new one at every load,
 * so it tells a load from the next (e.g. to forget what the verifier said
 * of a compound under an older module).  -ENOENT if the module is not
 * loaded; a BTF id is read with CAP_SYS_ADMIN only (else -EPERM).
 */
COSY_API int cosy_module_id(void);

/* Totals over all runs of the compound, from its cosy_stats map. */
COSY_API int cosy_compound__totals(const struct cosy_compound *c, struct cosy_totals *t);

/* A new private segment for runs of `c` (one per concurrent thread). */
COSY_API struct cosy_segment *cosy_segment__new(const struct cosy_compound *c);
COSY_API void *cosy_segment__data(const struct cosy_segment *seg, size_t *size);
COSY_API void cosy_segment__free(struct cosy_segment *seg);

struct cosy_run_opts {
	size_t sz;
	/* in: budgets for this run; 0 = the module's default */
	__u64 budget_time_ns;
	__u64 budget_calls;
	__u64 budget_bytes;
	/* in: fds of the caller the compound may use in this run */
	const int *grant_fds;
	size_t ngrant;
	/* in: the segment for this run; NULL = the handle's default */
	struct cosy_segment *segment;
	/* in: measure time inside kfuncs (stats.kfunc_ns); costs 2 clock reads a call */
	bool time_kfuncs;
	/* out (also in the args' struct cosy_ctx, but retval and duration_ns) */
	int retval;			/* the compound's return value */
	__u32 sessions;			/* sessions the run began */
	struct cosy_stats stats;	/* the guard's counters */
	int stop_err;			/* budget / signal stop: -errno ... */
	enum cosy_stop stop_reason;	/* ... and why */
	int fail_err;			/* first failing kfunc: -errno ... */
	enum cosy_op fail_op;		/* ... and which */
	int begin_err;			/* why a session could not begin */
	__u64 duration_ns;		/* the run as the kernel timed it (6.1: always 0) */
	/* in: bit i: grant_fds[i] is the session's, as if it had opened it */
	__u32 grant_own;
	/* in: cosy_check() may answer 1, "yield": the caller runs the compound again */
	bool may_yield;
};
#define cosy_run_opts__last_field may_yield

/*
 * Run entry point `entry` (NULL: the first) once.  `args` (args_sz bytes,
 * exactly the entry's args struct) starts with struct cosy_ctx, which
 * libcosy fills in; the kernel copies args back, so outputs the compound
 * writes there are visible afterwards.  Returns 0 when the compound ran
 * (its return value is opts->retval), -errno when it could not run.
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
