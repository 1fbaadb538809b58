/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef COSY_LIBCOSY_INTERNAL_H
#define COSY_LIBCOSY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <cosy/cosy.h>

struct bpf_object;
struct btf;

/*
 * Opts structs: a caller built against an older header passes a smaller sz;
 * a newer caller's extra fields must be zero (we would ignore them).
 */
static inline int cosy_opts_valid(const void *opts, size_t known)
{
	size_t i, sz;

	if (!opts)
		return 1;
	sz = *(const size_t *)opts;
	if (sz < sizeof(size_t))
		return 0;
	for (i = known; i < sz; i++)
		if (((const char *)opts)[i])
			return 0;
	return 1;
}

#define COSY_OPTS_KNOWN(type)							\
	(offsetof(struct type, type##__last_field) +				\
	 sizeof(((struct type *)0)->type##__last_field))
#define COSY_OPTS_VALID(opts, type)						\
	cosy_opts_valid(opts, COSY_OPTS_KNOWN(type))
#define COSY_OPTS_HAS(opts, field)						\
	((opts) && (opts)->sz >= offsetof(__typeof__(*(opts)), field) +	\
				 sizeof((opts)->field))
#define COSY_OPTS_GET(opts, field, fallback)					\
	(COSY_OPTS_HAS(opts, field) ? (opts)->field : (fallback))
#define COSY_OPTS_SET(opts, field, value)					\
	do {									\
		if (COSY_OPTS_HAS(opts, field))					\
			(opts)->field = (value);				\
	} while (0)

#define COSY_MAX_ENTRIES 32

struct cosy_entry {
	char name[256];
	int fd;
	size_t args_size;	/* from BTF; 0 if unknown; see cosy_entry_args_size() */
};

#define COSY_ARGS_SIZE_UNREAD ((size_t)-1)	/* a pinned entry's, until first use */

struct cosy_segment {
	int fd;			/* the segment map */
	void *mem;
	size_t size;		/* value size */
	size_t map_len;		/* mmapped length (page-rounded) */
};

struct cosy_compound {
	struct bpf_object *obj;	/* NULL when attached to a pin */
	char name[64];		/* for messages */
	char base[64];		/* "cp" for cp.bpf.o or the pin cp: the default entry */
	bool one_entry;		/* open_pinned() with opts->entry: the others not opened */
	int stats_fd;		/* -1: not opened (yet) */
	char *pin_dir;		/* attached to this pin: stats_fd opens on demand */
	size_t seg_size;
	struct cosy_segment *seg;	/* the default segment */
	int nentries, max_entries;
	struct cosy_entry entries[];	/* max_entries of them */
};

/* A compound with room for max entries, stats_fd -1; NULL if no memory. */
struct cosy_compound *cosy_compound_alloc(int max);

__attribute__((format(printf, 2, 3)))
void cosy_pr(enum cosy_print_level level, const char *fmt, ...);
void cosy_vpr(enum cosy_print_level level, const char *fmt, va_list ap);

int cosy_err(int err);
void *cosy_err_ptr(int err);

/* btf.c */
struct btf_type;
__s32 cosy_btf_args_id(const struct btf *btf, const char *entry);
const struct btf_type *cosy_btf_args_type(const struct btf *btf, const char *entry);
long cosy_btf_args_size(const struct btf *btf, const char *entry);
size_t cosy_entry_args_size(struct cosy_entry *e);
int cosy_stats_fd(struct cosy_compound *c);
long cosy_btf_rodata_u32(const struct btf *btf, const void *rodata, size_t size,
			 const char *var);

/* load.c */

struct cosy_segment *cosy_segment_create(size_t size);
void cosy_base_name(char *out, size_t size, const char *path);
const char *cosy_verifier_reason(const char *log, char *out, size_t size);

/*
 * A verifier rejection read back from libbpf's log (diag.c): the verifier's
 * reason, where (file:line:col through the object's line info) and, for
 * the common mistakes, what the author did, in cosy's terms.
 */
struct cosy_diag {
	char prog[128];		/* the rejected program */
	char reason[512];	/* the verifier's last word */
	char text[512];		/* source text of the line to show */
	char insn_text[256];	/* the failing instruction, as logged */
	long insn;		/* its index, or -1 */
	char file[512];		/* from line info ... */
	unsigned line, col;	/* ... 0 if not found */
	char hint[768];		/* the mistake in cosy's terms, or "" */
	const char *log, *log_end;	/* the verifier's lines, in the log given */
};

/* prog, reason, text, insn from a libbpf load log; 0 or -ENOENT. */
int cosy_diag_parse_log(const char *log, struct cosy_diag *d);
/* All of it, with the object's ELF image for file:line:col; 0 or -ENOENT. */
int cosy_diagnose(const char *log, const void *elf, size_t elf_size, struct cosy_diag *d);
/* Where the object first calls `name` (a missing kfunc); 0 or -ENOENT. */
int cosy_diagnose_call(const char *name, const void *elf, size_t elf_size,
		       struct cosy_diag *d);
/* The whole of a file, malloc()ed, or NULL with errno set. */
void *cosy_read_file(const char *path, size_t *size);

#endif
