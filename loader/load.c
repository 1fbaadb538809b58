// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Getting a compound: from an object file or memory (load + verify), or
 * from a pin an administrator made; pinning and unpinning; segments.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "libcosy_internal.h"

/* --- libbpf's messages while loading: kept to explain failures --------- */

static __thread char *cosy_capture;
static __thread size_t cosy_capture_len, cosy_capture_cap;

static int cosy_libbpf_print(enum libbpf_print_level level, const char *fmt,
			     va_list args)
{
	va_list copy;
	int n;

	if (cosy_capture) {
		va_copy(copy, args);
		n = vsnprintf(NULL, 0, fmt, copy);
		va_end(copy);
		/*
		 * libbpf prints the verifier's whole log as one message, which
		 * can be megabytes (8193 jumps of a too complex loop): keep its
		 * first line ("prog 'NAME': -- BEGIN PROG LOAD LOG --") and its
		 * end, where the verifier says why.
		 */
		if (n > 0 && (size_t)n + 1 > cosy_capture_cap / 2) {
			char *all = malloc((size_t)n + 1);

			if (all) {
				size_t keep = cosy_capture_cap / 2, head;

				va_copy(copy, args);
				vsnprintf(all, (size_t)n + 1, fmt, copy);
				va_end(copy);
				head = strcspn(all, "\n") + 1;
				if (head > keep / 4)
					head = 0;
				memcpy(cosy_capture, all, head);
				memcpy(cosy_capture + head, "...\n", 4);
				keep -= head + 5;
				memcpy(cosy_capture + head + 4, all + n - keep, keep);
				cosy_capture_len = head + 4 + keep;
				cosy_capture[cosy_capture_len] = 0;
				free(all);
			}
			n = 0;
		}
		/*
		 * Keep the end: the verifier says why at the end of its log.
		 * Drop the oldest half when full.
		 */
		if (n > 0 && cosy_capture_len + n + 1 > cosy_capture_cap) {
			size_t keep = cosy_capture_cap / 2;

			if (cosy_capture_len > keep) {
				memmove(cosy_capture, cosy_capture + cosy_capture_len - keep, keep);
				cosy_capture_len = keep;
			}
		}
		if (n > 0 && cosy_capture_len + n + 1 <= cosy_capture_cap) {
			va_copy(copy, args);
			vsnprintf(cosy_capture + cosy_capture_len,
				  cosy_capture_cap - cosy_capture_len, fmt, copy);
			va_end(copy);
			cosy_capture_len += n;
		}
	}
	cosy_vpr(COSY_DEBUG, fmt, args);
	return 0;
}

struct cosy_capture_state {
	libbpf_print_fn_t old;
	char buf[65536];
};

static void cosy_capture_begin(struct cosy_capture_state *st)
{
	st->buf[0] = 0;
	cosy_capture = st->buf;
	cosy_capture_len = 0;
	cosy_capture_cap = sizeof(st->buf);
	st->old = libbpf_set_print(cosy_libbpf_print);
}

static void cosy_capture_end(struct cosy_capture_state *st, const struct cosy_open_opts *opts)
{
	char *buf = COSY_OPTS_GET(opts, log_buf, NULL);
	size_t size = COSY_OPTS_GET(opts, log_size, 0);

	libbpf_set_print(st->old);
	cosy_capture = NULL;
	if (!buf || !size)
		return;
	/* A short buffer gets the end of the log: the verifier's reason. */
	if (cosy_capture_len + 1 > size && size > 5)
		snprintf(buf, size, "...\n%s", st->buf + cosy_capture_len - (size - 5));
	else
		snprintf(buf, size, "%s", st->buf);
}

/* The line of `log` holding `needle`, without the "libbpf: " prefix. */
static const char *cosy_log_line(const char *log, const char *needle, char *out, size_t size)
{
	const char *p = strstr(log, needle), *b, *e;

	if (!p)
		return NULL;
	for (b = p; b > log && b[-1] != '\n'; b--)
		;
	e = strchr(p, '\n');
	if (!e)
		e = p + strlen(p);
	if (!strncmp(b, "libbpf: ", 8))
		b += 8;
	snprintf(out, size, "%.*s", (int)(e - b), b);
	return out;
}


void *cosy_read_file(const char *path, size_t *size)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = NULL, *nb;
	FILE *f = fopen(path, "rb");
	int err;

	if (!f)
		return NULL;
	for (;;) {
		size_t n;

		nb = realloc(buf, cap);
		if (!nb) {
			err = ENOMEM;
			goto fail;
		}
		buf = nb;
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (len < cap)
			break;
		cap *= 2;
	}
	if (ferror(f)) {
		err = EIO;
		goto fail;
	}
	fclose(f);
	*size = len;
	return buf;
fail:
	free(buf);
	fclose(f);
	errno = err;
	return NULL;
}

/* Where a compound's ELF image is, to map a failure back to its source. */
struct cosy_elf_src {
	const char *path;	/* a file, read only when a load fails ... */
	const void *buf;	/* ... or the image in memory */
	size_t size;
};

static const void *cosy_elf_image(const struct cosy_elf_src *src, void **owned, size_t *size)
{
	*owned = NULL;
	if (src->buf) {
		*size = src->size;
		return src->buf;
	}
	if (src->path)
		*owned = cosy_read_file(src->path, size);
	return *owned;
}

/* "file:line:col: " when the diagnosis found the source, else "". */
static const char *cosy_diag_where(const struct cosy_diag *d, char *buf, size_t size)
{
	if (d->line)
		snprintf(buf, size, "%s:%u:%u: ", d->file, d->line, d->col);
	else
		buf[0] = '\0';
	return buf;
}

/* A kfunc libbpf found in no BTF: which one, called where, and whose. */
static void cosy_explain_missing_kfunc(const char *what, const char *line,
				       const void *elf, size_t elf_size)
{
	const char *q = strstr(line, "(func ksym) '"), *e;
	char name[128] = "?", where[600];
	struct cosy_diag d;

	if (q && (e = strchr(q + 13, '\'')))
		snprintf(name, sizeof(name), "%.*s", (int)(e - q - 13), q + 13);
	if (cosy_diagnose_call(name, elf, elf_size, &d))
		d.line = 0;
	cosy_diag_where(&d, where, sizeof(where));
	if (strncmp(name, "cosy_", 5))
		cosy_pr(COSY_WARN, "cosy: %s: %sthis kernel does not have kfunc %s (the compound "
			"needs a newer kernel, or one built with it)\n", what, where, name);
	else if (access("/sys/kernel/btf/cosy", F_OK))
		cosy_pr(COSY_WARN, "cosy: %s: the cosy module is not loaded (or has no BTF): "
			"run 'modprobe cosy' (or 'insmod cosy.ko') first\n", what);
	else
		cosy_pr(COSY_WARN, "cosy: %s: %sthe loaded cosy module does not have kfunc %s: "
			"module and compound come from different cosy versions; rebuild the "
			"compound or load the matching module\n", what, where, name);
}

/* Say what to do about the load failures users actually meet. */
static void cosy_explain_load_error(const char *what, int err, const char *log,
				    const struct cosy_elf_src *src)
{
	char line[512], where[600];
	struct cosy_diag *d = NULL;
	const void *elf = NULL;
	void *owned = NULL;
	size_t elf_size = 0;

	if (strstr(log, "not found in kernel or module BTFs") ||
	    strstr(log, "-- BEGIN PROG LOAD LOG --"))
		elf = cosy_elf_image(src, &owned, &elf_size);
	if (cosy_log_line(log, "not found in kernel or module BTFs", line, sizeof(line))) {
		cosy_explain_missing_kfunc(what, line, elf, elf_size);
	} else if (cosy_log_line(log, "incompatible with kernel", line, sizeof(line))) {
		cosy_pr(COSY_WARN, "cosy: %s: built against a different cosy kfunc ABI than the "
			"loaded module (%s): rebuild it with this cosy's headers\n", what, line);
	} else if (cosy_log_line(log, "failed to resolve CO-RE relocation", line, sizeof(line)) ||
		   cosy_log_line(log, "relocation decision failed", line, sizeof(line))) {
		cosy_pr(COSY_WARN, "cosy: %s: built for another kernel (%s): rebuild it against "
			"this kernel's vmlinux.h\n", what, line);
	} else if ((d = malloc(sizeof(*d))) && !cosy_diagnose(log, elf, elf_size, d)) {
		/*
		 * Before the EACCES case: the verifier itself answers EACCES.
		 * The mistake in cosy's terms where it is a known one, and the
		 * verifier's own words always.
		 */
		cosy_diag_where(d, where, sizeof(where));
		if (d->hint[0])
			cosy_pr(COSY_WARN, "cosy: %s: %s%s\n    the verifier rejected it: %s "
				"(entry '%s')\n", what, where, d->hint, d->reason, d->prog);
		else
			cosy_pr(COSY_WARN, "cosy: %s: %sthe verifier rejected it: %s (entry '%s'; "
				"cosy-load verify shows the path)\n", what, where, d->reason,
				d->prog);
	} else if (err == -EPERM || err == -EACCES) {
		cosy_pr(COSY_WARN, "cosy: %s: not allowed to load a compound: that needs CAP_BPF, "
			"and on 6.1 CAP_SYS_ADMIN too (libbpf looks up the module's kfuncs by "
			"BTF id); run as root, or have an administrator load and pin it "
			"(cosy-load load)\n", what);
	} else {
		cosy_pr(COSY_WARN, "cosy: %s: cannot load: %s\n", what, strerror(-err));
	}
	free(d);
	free(owned);
}

/* --- segments ---------------------------------------------------------- */

struct cosy_segment *cosy_segment_create(size_t size)
{
	union bpf_attr attr;
	struct cosy_segment *seg;
	long page = sysconf(_SC_PAGESIZE);
	int err;

	if (size == 0 || size > COSY_SEG_MAX) {
		cosy_pr(COSY_WARN, "cosy: a segment of %zu bytes: the kernel allows 1..%u\n",
			size, COSY_SEG_MAX);
		return cosy_err_ptr(-E2BIG);
	}
	seg = calloc(1, sizeof(*seg));
	if (!seg)
		return cosy_err_ptr(-ENOMEM);
	seg->size = size;
	seg->dev_fd = -1;
	seg->map_len = (size + page - 1) & ~(size_t)(page - 1);
	/*
	 * bpf(2) itself, not bpf_map_create(): that one probes whether the
	 * kernel takes map names by loading two programs, in every process,
	 * which is most of what attaching to a pinned compound costs.  Every
	 * kernel cosy supports takes them.
	 */
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = sizeof(__u32);
	attr.value_size = size;
	attr.max_entries = 1;
	attr.map_flags = BPF_F_MMAPABLE;
	memcpy(attr.map_name, "cosy_seg", sizeof("cosy_seg"));
	seg->fd = syscall(__NR_bpf, BPF_MAP_CREATE, &attr, sizeof(attr));
	if (seg->fd >= 0 && seg->fd < 3) {
		/* never hand out stdin/out/err (libbpf's rule too) */
		int fd = fcntl(seg->fd, F_DUPFD_CLOEXEC, 3);

		close(seg->fd);
		seg->fd = fd;
	}
	if (seg->fd < 0) {
		err = -errno;
		cosy_pr(COSY_WARN, "cosy: cannot create a %zu-byte segment: %s%s\n", size,
			strerror(-err), err == -EPERM ? " (needs CAP_BPF)" : "");
		free(seg);
		return cosy_err_ptr(err);
	}
	seg->id = cosy_obj_id(seg->fd, false);
	seg->mem = mmap(NULL, seg->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, seg->fd, 0);
	if (seg->mem == MAP_FAILED) {
		err = -errno;
		cosy_pr(COSY_WARN, "cosy: cannot map a %zu-byte segment: %s\n", size, strerror(-err));
		close(seg->fd);
		free(seg);
		return cosy_err_ptr(err);
	}
	return seg;
}

/* --- compounds from objects --------------------------------------------- */

static int cosy_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cosy_entry *)a)->name, ((const struct cosy_entry *)b)->name);
}

/* Entries in name order, whatever order the object or bpffs gave. */
static void cosy_entries_sort(struct cosy_compound *c)
{
	qsort(c->entries, c->nentries, sizeof(c->entries[0]), cosy_entry_cmp);
}

/*
 * "dir/cp.bpf.o" -> "cp" (else the name without its last extension): the
 * default entry here, the default pin name in cosy-load.
 */
void cosy_base_name(char *out, size_t size, const char *path)
{
	const char *b = strrchr(path, '/'), *dot;

	b = b ? b + 1 : path;
	dot = strstr(b, ".bpf.o");
	if (!dot)
		dot = strrchr(b, '.');
	snprintf(out, size, "%.*s", dot && dot > b ? (int)(dot - b) : (int)strlen(b), b);
}

static int cosy_entries_from_obj(struct cosy_compound *c)
{
	const struct btf *btf = bpf_object__btf(c->obj);
	struct bpf_program *p;

	bpf_object__for_each_program(p, c->obj) {
		struct cosy_entry *e = &c->entries[c->nentries];
		long sz;

		/* SEC("?syscall") programs are not loaded: not entries. */
		if (bpf_program__type(p) != BPF_PROG_TYPE_SYSCALL || !bpf_program__autoload(p))
			continue;
		if (c->nentries == c->max_entries)
			return -E2BIG;
		snprintf(e->name, sizeof(e->name), "%s", bpf_program__name(p));
		e->fd = bpf_program__fd(p);
		e->id = cosy_obj_id(e->fd, true);
		sz = btf ? cosy_btf_args_size(btf, e->name) : -ENOENT;
		if (sz < 0) {
			cosy_pr(COSY_WARN, "cosy: %s: entry '%s' must take a pointer to a struct "
				"whose first member is struct cosy_ctx\n", c->name, e->name);
			return -EINVAL;
		}
		e->args_size = sz;
		c->nentries++;
	}
	if (!c->nentries) {
		cosy_pr(COSY_WARN, "cosy: %s: no SEC(\"syscall\") entry point\n", c->name);
		return -ENOENT;
	}
	cosy_entries_sort(c);
	return 0;
}

/* Record the segment size in the totals map, where a pinned user finds it. */
static int cosy_write_seg_size(struct cosy_compound *c)
{
	struct cosy_totals t;
	__u32 zero = 0;

	if (bpf_map_lookup_elem(c->stats_fd, &zero, &t))
		return -errno;
	t.seg_size = c->seg_size;
	if (bpf_map_update_elem(c->stats_fd, &zero, &t, BPF_ANY))
		return -errno;
	return 0;
}

__u32 cosy_obj_id(int fd, bool prog)
{
	struct bpf_prog_info pi;
	struct bpf_map_info mi;
	__u32 len = prog ? sizeof(pi) : sizeof(mi);

	/*
	 * The kernel fills in what the fd is, whatever was asked for, and a
	 * map's id sits where a program's does: the type tells them apart
	 * (cosy's programs are BPF_PROG_TYPE_SYSCALL, its segments arrays).
	 */
	memset(&pi, 0, sizeof(pi));
	memset(&mi, 0, sizeof(mi));
	if (fd < 0 || bpf_obj_get_info_by_fd(fd, prog ? (void *)&pi : (void *)&mi, &len))
		return 0;
	if (prog)
		return pi.type == BPF_PROG_TYPE_SYSCALL ? pi.id : 0;
	return mi.type == BPF_MAP_TYPE_ARRAY ? mi.id : 0;
}

struct cosy_compound *cosy_compound_alloc(int max)
{
	struct cosy_compound *c;

	/* a short program attaches to one entry: keep that allocation small */
	c = calloc(1, sizeof(*c) + max * sizeof(c->entries[0]));
	if (!c)
		return NULL;
	c->max_entries = max;
	c->stats_fd = -1;
	return c;
}

static struct cosy_compound *cosy_compound_from_obj(struct bpf_object *obj, const char *name,
						    const struct cosy_open_opts *opts,
						    const struct cosy_elf_src *src)
{
	struct cosy_capture_state *cap = NULL;
	struct cosy_compound *c;
	struct bpf_map *stats, *rodata;
	const void *ro;
	size_t ro_size;
	long seg;
	int err;

	c = cosy_compound_alloc(COSY_MAX_ENTRIES);
	cap = malloc(sizeof(*cap));
	if (!c || !cap) {
		err = -ENOMEM;
		goto fail;
	}
	c->obj = obj;
	snprintf(c->name, sizeof(c->name), "%s", name);
	cosy_base_name(c->base, sizeof(c->base), name);

	stats = bpf_object__find_map_by_name(obj, "cosy_stats");
	rodata = bpf_object__find_map_by_name(obj, ".rodata");
	ro = rodata ? bpf_map__initial_value(rodata, &ro_size) : NULL;
	seg = ro && bpf_object__btf(obj) ?
	      cosy_btf_rodata_u32(bpf_object__btf(obj), ro, ro_size, "cosy_segment_size") : -ENOENT;
	if (!stats || seg < 0) {
		cosy_pr(COSY_WARN, "cosy: %s: not a compound: declare it with COSY_COMPOUND(size) "
			"from <cosy/cosy.bpf.h>\n", name);
		err = -EINVAL;
		goto fail;
	}
	c->seg_size = seg;
	if (COSY_OPTS_GET(opts, entry, NULL)) {
		struct bpf_program *p;
		bool found = false;

		bpf_object__for_each_program(p, obj) {
			bool it = !strcmp(bpf_program__name(p), opts->entry);

			bpf_program__set_autoload(p, it);
			found |= it;
		}
		if (!found) {
			cosy_pr(COSY_WARN, "cosy: %s: no entry '%s'\n", name, opts->entry);
			err = -ENOENT;
			goto fail;
		}
	}

	cosy_capture_begin(cap);
	err = bpf_object__load(obj);
	cosy_capture_end(cap, opts);
	if (err) {
		cosy_explain_load_error(name, err, cap->buf, src);
		goto fail;
	}
	c->stats_fd = bpf_map__fd(stats);
	err = cosy_entries_from_obj(c);
	if (!err)
		err = cosy_write_seg_size(c);
	if (err)
		goto fail;
	c->seg = cosy_segment_create(c->seg_size);
	if (!c->seg) {
		err = -errno;
		goto fail;
	}
	free(cap);
	return c;
fail:
	free(cap);
	if (c) {
		/* The caller closes obj, which owns the prog and map fds. */
		c->obj = NULL;
		c->nentries = 0;
		c->stats_fd = -1;
	}
	cosy_compound__close(c);
	return cosy_err_ptr(err);
}

/* libbpf's own error codes (> 4000) read as "Unknown error": name them. */
static void *cosy_open_error(const char *what, const char *kind, int err)
{
	char msg[128];

	libbpf_strerror(err, msg, sizeof(msg));
	cosy_pr(COSY_WARN, "cosy: %s: cannot open %s: %s\n", what, kind, msg);
	return cosy_err_ptr(err < -4000 ? -EINVAL : err);
}

struct cosy_compound *cosy_compound__open_file(const char *path,
					       const struct cosy_open_opts *opts)
{
	struct cosy_compound *c;
	struct bpf_object *obj;
	libbpf_print_fn_t old;
	int err;

	if (!path || !COSY_OPTS_VALID(opts, cosy_open_opts))
		return cosy_err_ptr(-EINVAL);
	old = libbpf_set_print(NULL);
	obj = bpf_object__open_file(path, NULL);
	libbpf_set_print(old);
	err = libbpf_get_error(obj);
	if (err)
		return cosy_open_error(path, "compound object", err);
	c = cosy_compound_from_obj(obj, path, opts, &(struct cosy_elf_src){ .path = path });
	if (!c) {
		err = -errno;
		bpf_object__close(obj);
		return cosy_err_ptr(err);
	}
	return c;
}

struct cosy_compound *cosy_compound__open_mem(const void *buf, size_t size,
					      const struct cosy_open_opts *opts)
{
	const char *name = COSY_OPTS_GET(opts, name, NULL);
	struct cosy_compound *c;
	struct bpf_object *obj;
	libbpf_print_fn_t old;
	int err;

	if (!buf || !size || !COSY_OPTS_VALID(opts, cosy_open_opts))
		return cosy_err_ptr(-EINVAL);
	LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = name);
	old = libbpf_set_print(NULL);
	obj = bpf_object__open_mem(buf, size, &oo);
	libbpf_set_print(old);
	err = libbpf_get_error(obj);
	if (err)
		return cosy_open_error(name ? name : "(memory)", "embedded compound", err);
	c = cosy_compound_from_obj(obj, name ? name : bpf_object__name(obj), opts,
				   &(struct cosy_elf_src){ .buf = buf, .size = size });
	if (!c) {
		err = -errno;
		bpf_object__close(obj);
		return cosy_err_ptr(err);
	}
	return c;
}

/* --- pins --------------------------------------------------------------- */

static int cosy_pin_dir(char *buf, size_t size, const char *name,
			const struct cosy_open_opts *opts)
{
	const char *root = COSY_OPTS_GET(opts, pin_root, NULL);

	if (!name || !*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) {
		cosy_pr(COSY_WARN, "cosy: '%s' is not a valid compound name\n", name ? name : "");
		return -EINVAL;
	}
	if ((size_t)snprintf(buf, size, "%s/%s", root ? root : COSY_PIN_ROOT, name) >= size)
		return -ENAMETOOLONG;
	return 0;
}

int cosy_compound__pin(struct cosy_compound *c, const char *name,
		       const struct cosy_open_opts *opts)
{
	const char *root = COSY_OPTS_GET(opts, pin_root, NULL);
	char dir[PATH_MAX], path[PATH_MAX + 80];
	int i, err;

	if (!c || !COSY_OPTS_VALID(opts, cosy_open_opts))
		return cosy_err(-EINVAL);
	if (c->dev) {
		cosy_pr(COSY_WARN, "cosy: %s: attached through %s: only a compound loaded "
			"here can be pinned\n", c->name, COSY_DEV_PATH);
		return cosy_err(-EINVAL);
	}
	if (c->one_entry) {
		cosy_pr(COSY_WARN, "cosy: %s: attached to its entry '%s' only: open it whole "
			"to pin it again\n", c->name, c->entries[0].name);
		return cosy_err(-EINVAL);
	}
	err = cosy_pin_dir(dir, sizeof(dir), name, opts);
	if (err)
		return cosy_err(err);
	if (mkdir(root ? root : COSY_PIN_ROOT, 0755) && errno != EEXIST) {
		err = -errno;
		cosy_pr(COSY_WARN, "cosy: cannot create %s: %s (is bpffs mounted on /sys/fs/bpf?)\n",
			root ? root : COSY_PIN_ROOT, strerror(errno));
		return cosy_err(err);
	}
	if (mkdir(dir, 0755)) {
		err = -errno;
		if (err == -EEXIST)
			cosy_pr(COSY_WARN, "cosy: a compound is already pinned as '%s' "
				"(cosy-load unload %s first)\n", name, name);
		else
			cosy_pr(COSY_WARN, "cosy: cannot create %s: %s\n", dir, strerror(errno));
		return cosy_err(err);
	}
	for (i = 0; i < c->nentries; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, c->entries[i].name);
		if (bpf_obj_pin(c->entries[i].fd, path))
			goto fail;
	}
	snprintf(path, sizeof(path), "%s/cosy_stats", dir);
	if (bpf_obj_pin(c->stats_fd, path))
		goto fail;
	return 0;
fail:
	err = -errno;
	cosy_pr(COSY_WARN, "cosy: cannot pin %s: %s\n", path, strerror(errno));
	cosy_unpin(name, opts);
	return cosy_err(err);
}

int cosy_unpin(const char *name, const struct cosy_open_opts *opts)
{
	char dir[PATH_MAX], path[PATH_MAX + 300];
	struct dirent *e;
	DIR *d;
	int err;

	if (!COSY_OPTS_VALID(opts, cosy_open_opts))
		return cosy_err(-EINVAL);
	err = cosy_pin_dir(dir, sizeof(dir), name, opts);
	if (err)
		return cosy_err(err);
	d = opendir(dir);
	if (!d) {
		err = -errno;
		if (err == -ENOENT)
			cosy_pr(COSY_WARN, "cosy: no compound is pinned as '%s'\n", name);
		return cosy_err(err);
	}
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
	closedir(d);
	if (rmdir(dir)) {
		err = -errno;
		cosy_pr(COSY_WARN, "cosy: cannot remove %s: %s\n", dir, strerror(errno));
		return cosy_err(err);
	}
	return 0;
}

/*
 * The args size of a pinned entry, from its BTF as loaded, read on first
 * use: it costs five bpf(2) calls, and a process that attaches to a
 * compound runs it a few times.  0 if the BTF does not say.
 */
size_t cosy_entry_args_size(struct cosy_entry *e)
{
	size_t sz = __atomic_load_n(&e->args_size, __ATOMIC_RELAXED);
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	struct btf *btf;
	long n;

	if (sz != COSY_ARGS_SIZE_UNREAD)
		return sz;
	sz = 0;
	if (!bpf_obj_get_info_by_fd(e->fd, &info, &len) && info.btf_id) {
		btf = btf__load_from_kernel_by_id(info.btf_id);
		if (!libbpf_get_error(btf)) {
			n = cosy_btf_args_size(btf, e->name);
			sz = n > 0 ? n : 0;
			btf__free(btf);
		}
	}
	/* racing threads read the same BTF and store the same size */
	__atomic_store_n(&e->args_size, sz, __ATOMIC_RELAXED);
	return sz;
}

/* The pinned object dir/leaf: an fd, or -errno said. */
static int cosy_pin_get(const char *dir, const char *leaf)
{
	char path[PATH_MAX + 300];
	struct stat st;
	int fd, err;

	snprintf(path, sizeof(path), "%s/%s", dir, leaf);
	fd = bpf_obj_get(path);
	if (fd >= 0)
		return fd;
	err = -errno;
	if (err == -ENOENT && stat(dir, &st))
		return err;	/* no such pin: the caller says so */
	cosy_pr(COSY_WARN, "cosy: cannot open %s: %s%s\n", path, strerror(-err),
		err == -EPERM || err == -EACCES ? " (needs CAP_BPF)" : "");
	return err == -ENOENT ? -EINVAL : err;
}

/* Its totals map, opened on first use when open_pinned() did not need it. */
int cosy_stats_fd(struct cosy_compound *c)
{
	int fd;

	if (c->stats_fd >= 0 || !c->pin_dir)
		return c->stats_fd;
	fd = cosy_pin_get(c->pin_dir, "cosy_stats");
	if (fd < 0)
		return fd;
	/* another thread may have opened it meanwhile: keep one */
	if (!__atomic_compare_exchange_n(&c->stats_fd, &(int){ -1 }, fd, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		close(fd);
	return c->stats_fd;
}

/* Every entry of the pin and its totals. */
static int cosy_pin_walk(struct cosy_compound *c, const char *dir)
{
	struct dirent *e;
	int err = 0, fd;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		fd = cosy_pin_get(dir, e->d_name);
		if (fd < 0) {
			err = fd;
			break;
		}
		if (!strcmp(e->d_name, "cosy_stats")) {
			c->stats_fd = fd;
			continue;
		}
		if (c->nentries == c->max_entries) {
			close(fd);
			err = -E2BIG;
			break;
		}
		snprintf(c->entries[c->nentries].name, sizeof(c->entries[0].name), "%s", e->d_name);
		c->entries[c->nentries].id = cosy_obj_id(fd, true);
		c->entries[c->nentries++].fd = fd;
	}
	closedir(d);
	return err;
}

struct cosy_compound *cosy_compound__open_pinned(const char *name,
						 const struct cosy_open_opts *opts)
{
	const char *entry = COSY_OPTS_GET(opts, entry, NULL);
	size_t args_size = COSY_OPTS_GET(opts, args_size, 0);
	struct cosy_compound *c = NULL;
	struct cosy_totals t;
	char dir[PATH_MAX];
	__u32 zero = 0;
	int err, fd;

	if (!COSY_OPTS_VALID(opts, cosy_open_opts) ||
	    (entry && (!*entry || strchr(entry, '/') || *entry == '.')))
		return cosy_err_ptr(-EINVAL);
	/* Without bpf(2): the compound an administrator approved by that name. */
	if (name && !cosy_may_bpf())
		return cosy_dev_open_compound(name, opts);
	err = cosy_pin_dir(dir, sizeof(dir), name, opts);
	if (err)
		return cosy_err_ptr(err);
	c = cosy_compound_alloc(entry ? 1 : COSY_MAX_ENTRIES);
	if (!c || !(c->pin_dir = strdup(dir))) {
		cosy_compound__close(c);
		return cosy_err_ptr(-ENOMEM);
	}
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->seg_size = COSY_OPTS_GET(opts, seg_size, 0);
	if (entry) {
		/* the caller knows its entry: one bpf(2) call, no walk */
		fd = cosy_pin_get(dir, entry);
		if (fd >= 0) {
			snprintf(c->entries[0].name, sizeof(c->entries[0].name), "%s", entry);
			c->entries[0].fd = fd;
			c->entries[0].id = cosy_obj_id(fd, true);
			c->nentries = 1;
			c->one_entry = true;
		}
		err = fd < 0 ? fd : 0;
	} else {
		err = cosy_pin_walk(c, dir);
	}
	if (err == -ENOENT)
		cosy_pr(COSY_WARN, "cosy: no compound is pinned as '%s' "
			"(an administrator loads it with: cosy-load load FILE name %s)\n",
			name, name);
	if (!err && !c->nentries) {
		cosy_pr(COSY_WARN, "cosy: %s does not hold a compound pinned by cosy\n", dir);
		err = -EINVAL;
	}
	if (err)
		goto fail;
	if (!c->seg_size) {
		if (cosy_stats_fd(c) < 0 || bpf_map_lookup_elem(c->stats_fd, &zero, &t) ||
		    !t.seg_size) {
			cosy_pr(COSY_WARN, "cosy: %s does not hold a compound pinned by cosy\n",
				dir);
			err = -EINVAL;
			goto fail;
		}
		c->seg_size = t.seg_size;
	}
	snprintf(c->base, sizeof(c->base), "%s", name);
	cosy_entries_sort(c);
	/* args sizes are read from the programs' BTF when first needed */
	for (int i = 0; i < c->nentries; i++)
		c->entries[i].args_size = args_size ? args_size : COSY_ARGS_SIZE_UNREAD;
	c->seg = cosy_segment_create(c->seg_size);
	if (!c->seg) {
		err = -errno;
		goto fail;
	}
	return c;
fail:
	cosy_compound__close(c);
	return cosy_err_ptr(err);
}

void cosy_compound__close(struct cosy_compound *c)
{
	int i;

	if (!c)
		return;
	cosy_segment__free(c->seg);
	if (c->obj) {
		bpf_object__close(c->obj);	/* owns the prog and map fds */
	} else if (!c->dev) {
		for (i = 0; i < c->nentries; i++)
			close(c->entries[i].fd);
		if (c->stats_fd >= 0)
			close(c->stats_fd);
	}
	free(c->pin_dir);
	free(c);
}

/* Whether fd still is the /dev/cosy open seg made (the same inode), as far as fstat tells. */
static bool cosy_dev_fd_same(const struct cosy_segment *seg)
{
	struct stat st;

	return !fstat(seg->dev_fd, &st) && S_ISCHR(st.st_mode) &&
	       (unsigned long long)st.st_ino == seg->dev_ino;
}

static bool cosy_segment_stale(const struct cosy_segment *seg)
{
	if (!seg)
		return false;
	if (seg->dev_fd >= 0)
		return !cosy_dev_fd_same(seg);
	return cosy_obj_id(seg->fd, false) != seg->id;
}

int cosy_compound__stale(const struct cosy_compound *c)
{
	int i;

	if (!c)
		return -EINVAL;
	if (cosy_segment_stale(c->seg))
		return 1;
	for (i = 0; i < c->nentries; i++)
		if (c->entries[i].fd >= 0 && cosy_obj_id(c->entries[i].fd, true) != c->entries[i].id)
			return 1;
	return 0;
}

void cosy_compound__abandon(struct cosy_compound *c)
{
	int i;

	if (!c)
		return;
	if (c->seg) {
		munmap(c->seg->mem, c->seg->map_len);
		/* a /dev/cosy fd is one of many alike: never sure it is still ours */
		if (c->seg->dev_fd < 0 && !cosy_segment_stale(c->seg))
			close(c->seg->fd);
		free(c->seg);
	}
	if (c->obj)
		return;		/* libbpf owns its fds and closes them all: leave it */
	for (i = 0; i < c->nentries; i++)
		if (c->entries[i].fd >= 0 && c->entries[i].id &&
		    cosy_obj_id(c->entries[i].fd, true) == c->entries[i].id)
			close(c->entries[i].fd);
	/* stats_fd, opened on demand, has no id to check: it stays */
	free(c->pin_dir);
	free(c);
}

struct cosy_segment *cosy_segment__new(const struct cosy_compound *c)
{
	if (!c)
		return cosy_err_ptr(-EINVAL);
	return c->dev ? cosy_dev_segment(c) : cosy_segment_create(c->seg_size);
}

void cosy_segment__free(struct cosy_segment *seg)
{
	if (!seg)
		return;
	munmap(seg->mem, seg->map_len);
	close(seg->dev_fd >= 0 ? seg->dev_fd : seg->fd);
	free(seg);
}
