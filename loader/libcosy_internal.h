/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef COSY_LIBCOSY_INTERNAL_H
#define COSY_LIBCOSY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <cosy/cosy.h>
#include <cosy/dev.h>

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
	int fd;			/* -1 on a /dev/cosy compound */
	__u32 id;		/* fd's program id when opened (cosy_compound__stale()) */
	__u32 dev_index;	/* its index in the approval (/dev/cosy) */
	size_t args_size;	/* from BTF; 0 if unknown; see cosy_entry_args_size() */
};

#define COSY_ARGS_SIZE_UNREAD ((size_t)-1)	/* a pinned entry's, until first use */

struct cosy_segment {
	int fd;			/* the segment map, or -1 ... */
	int dev_fd;		/* ... /dev/cosy attached to the compound (its segment) */
	__u32 id;		/* fd's map id when made (cosy_compound__stale()) */
	unsigned long long dev_ino;	/* dev_fd's inode when opened */
	char dev_name[COSY_DEV_NAME_MAX];	/* that compound */
	void *mem;
	size_t size;		/* value size */
	size_t map_len;		/* mmapped length (page-rounded) */
};

struct cosy_compound {
	struct bpf_object *obj;	/* NULL when attached to a pin */
	char name[64];		/* for messages */
	char base[64];		/* "cp" for cp.bpf.o or the pin cp: the default entry */
	bool one_entry;		/* open_pinned() with opts->entry: the others not opened */
	bool dev;		/* runs through /dev/cosy (no bpf(2) for this process) */
	int stats_fd;		/* -1: not opened (yet) */
	char *pin_dir;		/* attached to this pin: stats_fd opens on demand */
	size_t seg_size;
	struct cosy_segment *seg;	/* the default segment */
	int nentries, max_entries;
	struct cosy_entry entries[];	/* max_entries of them */
};

/* The id of the BPF program (or map) fd names now; 0 if it names none. */
__u32 cosy_obj_id(int fd, bool prog);

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

/* dev.c: /dev/cosy */

/* Who may run an approved compound, and the caps on what a run may ask. */
struct cosy_approval {
	const char *name;
	__u32 gid;		/* or COSY_DEV_NO_GID */
	__u32 nuids;
	__u32 uids[COSY_DEV_MAX_UIDS];
	struct cosy_budget caps;
	const void *btf;	/* the object's BTF, raw, handed to those who may run it */
	__u32 btf_size;
};

/* May this process use bpf(2) for compounds (CAP_BPF or CAP_SYS_ADMIN)? */
bool cosy_may_bpf(void);
/* open_pinned() for a process that may not: the approval of that name. */
struct cosy_compound *cosy_dev_open_compound(const char *name, const struct cosy_open_opts *opts);
/* A new attachment of dev-compound c, with its own segment; NULL + errno. */
struct cosy_segment *cosy_dev_segment(const struct cosy_compound *c);
/* The BTF the administrator approved dev-compound c with; NULL + errno. */
struct btf *cosy_dev_btf(const struct cosy_compound *c);
/* Run entry e of a /dev/cosy compound on segment seg; 0 or -errno. */
int cosy_dev_run(const struct cosy_compound *c, const struct cosy_entry *e,
		 const struct cosy_segment *seg, void *args, size_t args_sz, __u32 *retval);

/* The cosy module's BTF (which cosy's kfunc calls name): an fd, or -errno. */
int cosy_module_btf_fd(void);
/* open(2) of /dev/cosy ($COSY_DEV if set): an fd or -errno. */
int cosy_dev_open(int flags);
/*
 * Approve `n` entries (each as libbpf loaded it: cosy-load records the
 * loads) under the name and policy `a`: the module loads them again under
 * the unprivileged verifier.  0 or -errno; *failed is the refused entry's
 * index (-1 if none), and `log`, if given, the verifier's account of it.
 */
int cosy_dev_approve(const struct cosy_approval *a, struct cosy_dev_prog *progs, int n,
		     const int *fd_array, __u32 fd_array_cnt, __u64 seg_size,
		     char *log, size_t log_size, int *failed);
int cosy_dev_revoke(const char *name);
/* COSY_DEV_INFO by index (name NULL) or by name: 0 or -errno (-ENOENT: no more). */
int cosy_dev_info(int dev, __u32 index, const char *name, struct cosy_dev_info *info);

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
/* reason, text, insn from a verifier log alone (no prog); 0 or -ENOENT. */
int cosy_diag_parse_raw(const char *log, struct cosy_diag *d);
/* All of it, with the object's ELF image for file:line:col; 0 or -ENOENT. */
int cosy_diagnose(const char *log, const void *elf, size_t elf_size, struct cosy_diag *d);
/* Where the object first calls `name` (a missing kfunc); 0 or -ENOENT. */
int cosy_diagnose_call(const char *name, const void *elf, size_t elf_size,
		       struct cosy_diag *d);
/* The whole of a file, malloc()ed, or NULL with errno set. */
void *cosy_read_file(const char *path, size_t *size);

#endif
