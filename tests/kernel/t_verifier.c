// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The verifier rejection suite.  Every program of every object in
 * $COSY_BPF_DIR/hostile declares what loading it must do, with the tags of
 * include/cosy/hostile.h (BTF decl tags on its FUNC); this runner reads the
 * tags back and loads each program alone.  No list of cases: a program
 * added with tags runs, a program without tags fails ("untagged").
 *
 *	__failure	the load fails (verifier or libbpf) and its log
 *			holds every __msg (at least one), in order;
 *			__msg_any(a, b): either wording (two kernels)
 *	__success	the load succeeds (its log holds every __msg, if any);
 *			with __retval, one run on a fresh segment returns it
 *	__success_since(V), __failure_since(V, msg)
 *			on kernels >= V the load succeeds (no __msg, no
 *			run), or fails with msg: a rule a newer kernel relaxed
 *			or made static (the case's comment says which)
 *	__retval_since(V, v)
 *			on kernels >= V the run returns v instead: a program
 *			an older verifier let run other than written
 *
 * usage: t_verifier [-v] [--log] [GLOB]
 *				cases named OBJECT/PROGRAM matching GLOB; -v: say
 *				why each failure case failed, --log: print what
 *				libbpf and the verifier said
 *        t_verifier --list	one line per program for scripts:
 *				OBJECT_PATH NPROGS PROGRAM success|failure|untagged
 *
 * Output is TAP-like (ok N name / not ok N name: why), exit 0 (all pass),
 * 1 (a case failed) or 77 (no module, or no case).
 */
#include <dirent.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "testlib.h"
#include "libcosy_internal.h"	/* BTF readers and segments, as libcosy loads */

#define TV_MAX_MSGS	8
#define TV_MAX_PROGS	64
#define TV_TAG		"cosy_"

enum tv_outcome {
	TV_UNTAGGED,
	TV_SUCCESS,
	TV_FAILURE,
};

static const char *const tv_outcome_str[] = { "untagged", "success", "failure" };

/* What one program declares about itself. */
struct tv_expect {
	enum tv_outcome outcome;
	const char *msgs[TV_MAX_MSGS];	/* point into the object's BTF */
	int nmsgs;
	bool has_retval;
	int retval;
	/* __success_since / __failure_since: the outcome from kernel since_ver. */
	enum tv_outcome since;
	int since_ver;
	const char *since_msg;
	/* __retval_since: the return value from kernel retval_ver on. */
	int retval_ver;
	int retval_since;
	char bad[160];			/* a tag that makes no sense, if any */
};

/* "MAJOR.MINOR" as MAJOR * 1000 + MINOR, or -1. */
static int tv_version(const char *s)
{
	int maj, min;

	if (sscanf(s, "%d.%d", &maj, &min) != 2 || maj < 0 || min < 0 || min >= 1000)
		return -1;
	return maj * 1000 + min;
}

/* The running kernel's version, as tv_version(). */
static int tv_kernel_version(void)
{
	static int v = -2;
	struct utsname u;

	if (v == -2)
		v = uname(&u) ? -1 : tv_version(u.release);
	return v;
}

/* --- libbpf's messages: everything it says during one load is kept ------ */

static char *tv_log;
static size_t tv_log_len, tv_log_cap;

static int tv_capture(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	va_list copy;
	size_t need;
	char *p;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n <= 0)
		return 0;
	need = tv_log_len + n + 1;
	if (need > tv_log_cap) {
		size_t cap = tv_log_cap ? tv_log_cap : 65536;

		while (cap < need)
			cap *= 2;
		p = realloc(tv_log, cap);
		if (!p)
			return 0;	/* keep what we have; a check then fails */
		tv_log = p;
		tv_log_cap = cap;
	}
	vsnprintf(tv_log + tv_log_len, n + 1, fmt, ap);
	tv_log_len += n;
	return 0;
}

static void tv_log_reset(void)
{
	tv_log_len = 0;
	if (tv_log)
		tv_log[0] = 0;
}

static const char *tv_log_text(void)
{
	return tv_log ? tv_log : "";
}

/* --- tags ---------------------------------------------------------------- */

static void tv_tag(struct tv_expect *e, const char *tag)
{
	enum tv_outcome o = TV_UNTAGGED;
	char *end;
	long v;

	if (!strcmp(tag, "success"))
		o = TV_SUCCESS;
	else if (!strcmp(tag, "failure"))
		o = TV_FAILURE;
	if (o != TV_UNTAGGED) {
		if (e->outcome != TV_UNTAGGED && e->outcome != o)
			snprintf(e->bad, sizeof(e->bad), "both __success and __failure");
		e->outcome = o;
	} else if (!strncmp(tag, "msg=", 4)) {
		if (e->nmsgs == TV_MAX_MSGS || !tag[4])
			snprintf(e->bad, sizeof(e->bad), "too many or empty __msg");
		else
			e->msgs[e->nmsgs++] = tag + 4;
	} else if (!strncmp(tag, "success_since=", 14) || !strncmp(tag, "failure_since=", 14)) {
		const char *msg = strchr(tag + 14, ':');

		e->since = tag[0] == 's' ? TV_SUCCESS : TV_FAILURE;
		e->since_ver = tv_version(tag + 14);
		e->since_msg = msg ? msg + 1 : NULL;
		if (e->since_ver < 0 || (e->since == TV_FAILURE && (!msg || !msg[1])))
			snprintf(e->bad, sizeof(e->bad), "bad tag '%s%s'", TV_TAG, tag);
	} else if (!strncmp(tag, "retval_since=", 13)) {
		const char *val = strchr(tag + 13, ':');

		e->retval_ver = tv_version(tag + 13);
		errno = 0;
		v = val ? strtol(val + 1, &end, 0) : 0;
		if (e->retval_ver < 0 || !val || errno || end == val + 1 || *end ||
		    v < INT_MIN || v > INT_MAX)
			snprintf(e->bad, sizeof(e->bad), "bad tag '%s%s'", TV_TAG, tag);
		e->retval_since = v;
	} else if (!strncmp(tag, "retval=", 7)) {
		errno = 0;
		v = strtol(tag + 7, &end, 0);
		if (errno || end == tag + 7 || *end || v < INT_MIN || v > INT_MAX)
			snprintf(e->bad, sizeof(e->bad), "__retval(%s) is not an int", tag + 7);
		e->has_retval = true;
		e->retval = v;
	} else {
		snprintf(e->bad, sizeof(e->bad), "unknown tag '%s%s'", TV_TAG, tag);
	}
}

/* The cosy_ decl tags on FUNC `prog` (not on its parameters). */
static void tv_read_tags(const struct btf *btf, const char *prog, struct tv_expect *e)
{
	const struct btf_type *t;
	const char *name;
	__u32 i, n;
	int id;

	memset(e, 0, sizeof(*e));
	id = btf ? btf__find_by_name_kind(btf, prog, BTF_KIND_FUNC) : -ENOENT;
	if (id < 0) {
		snprintf(e->bad, sizeof(e->bad), "no BTF FUNC (built without -g?)");
		return;
	}
	n = btf__type_cnt(btf);
	for (i = 1; i < n; i++) {
		t = btf__type_by_id(btf, i);
		if (!btf_is_decl_tag(t) || t->type != (__u32)id || btf_decl_tag(t)->component_idx != -1)
			continue;
		name = btf__name_by_offset(btf, t->name_off);
		if (name && !strncmp(name, TV_TAG, strlen(TV_TAG)))
			tv_tag(e, name + strlen(TV_TAG));
	}
	if (!e->bad[0] && e->retval_ver && (!e->has_retval || e->retval == e->retval_since))
		snprintf(e->bad, sizeof(e->bad), "__retval_since without a different __retval");
	if (!e->bad[0] && e->retval_ver && tv_kernel_version() >= e->retval_ver)
		e->retval = e->retval_since;
	if (!e->bad[0] && e->since && e->since == e->outcome)
		snprintf(e->bad, sizeof(e->bad), "a _since tag that changes nothing");
	if (!e->bad[0] && e->since && tv_kernel_version() >= e->since_ver) {
		e->outcome = e->since;
		e->nmsgs = 0;
		e->has_retval = false;
		if (e->since == TV_FAILURE)
			e->msgs[e->nmsgs++] = e->since_msg;
	}
	if (e->bad[0] || e->outcome != TV_FAILURE)
		return;
	if (e->has_retval)
		snprintf(e->bad, sizeof(e->bad), "__retval on a __failure case");
	else if (!e->nmsgs)	/* else a failure for any reason would pass */
		snprintf(e->bad, sizeof(e->bad), "a __failure case needs a __msg");
}

/* --- one case ------------------------------------------------------------ */

static bool verbose, show_log;

/* The verifier's reason, else libbpf's last warning, for messages. */
static void tv_why(char *out, size_t size)
{
	const char *log = tv_log_text(), *p, *b;

	if (cosy_verifier_reason(log, out, size))
		return;
	p = strstr(log, "libbpf: ");
	b = NULL;
	while (p) {
		b = p;
		p = strstr(p + 1, "libbpf: ");
	}
	if (!b)
		b = log;
	snprintf(out, size, "%.*s", (int)strcspn(b, "\n"), b);
}

/*
 * The first place at or after `from` where `msg` occurs, and its length
 * there.  `msg` may list wordings "a||b" (__msg_any): the earliest wins.
 */
static const char *tv_find_msg(const char *from, const char *msg, size_t *len)
{
	const char *best = NULL, *alt = msg, *sep, *hit;
	char one[512];
	size_t n;

	for (;;) {
		sep = strstr(alt, "||");
		n = sep ? (size_t)(sep - alt) : strlen(alt);
		snprintf(one, sizeof(one), "%.*s", (int)n, alt);
		hit = n ? strstr(from, one) : NULL;
		if (hit && (!best || hit < best)) {
			best = hit;
			*len = strlen(one);
		}
		if (!sep)
			return best;
		alt = sep + 2;
	}
}

/* Every __msg, in order, in what the load said. */
static int tv_check_msgs(const struct tv_expect *e, char *why, size_t size)
{
	const char *from = tv_log_text(), *hit;
	size_t len = 0;
	int i;

	for (i = 0; i < e->nmsgs; i++) {
		hit = tv_find_msg(from, e->msgs[i], &len);
		if (!hit) {
			char said[256];

			tv_why(said, sizeof(said));
			printf("#   the log says: %s\n", said);
			snprintf(why, size, "__msg(\"%s\") not in the log%s", e->msgs[i],
				 i ? " after the previous __msg" : "");
			return 1;
		}
		from = hit + len;
	}
	return 0;
}

/* One run of a loaded program, on a fresh segment; 0 or 1 with `why`. */
static int tv_run(struct bpf_object *obj, struct bpf_program *prog, long seg_size,
		  const struct tv_expect *e, char *why, size_t size)
{
	const char *name = bpf_program__name(prog);
	long args_size = cosy_btf_args_size(bpf_object__btf(obj), name);
	struct cosy_segment *seg = NULL;
	struct cosy_ctx *c;
	void *args = NULL;
	int err, ret = 1;

	if (args_size < 0) {
		snprintf(why, size, "__retval needs an args struct that starts with struct cosy_ctx");
		return 1;
	}
	if (seg_size <= 0) {
		snprintf(why, size, "__retval needs COSY_COMPOUND(size) in the object");
		return 1;
	}
	seg = cosy_segment_create(seg_size);
	args = calloc(1, args_size);
	if (!seg || !args) {
		snprintf(why, size, "no segment of %ld bytes: %s", seg_size, strerror(errno));
		goto out;
	}
	c = args;
	c->magic = COSY_CTX_MAGIC;
	c->abi_version = COSY_ABI_VERSION;
	c->seg_fd = seg->fd;
	{
		LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = args, .ctx_size_in = args_size);

		err = bpf_prog_test_run_opts(bpf_program__fd(prog), &t);
		if (err) {
			snprintf(why, size, "BPF_PROG_RUN: %s", strerror(errno));
			goto out;
		}
		if ((int)t.retval != e->retval) {
			snprintf(why, size, "returned %d, expected __retval(%d)",
				 (int)t.retval, e->retval);
			goto out;
		}
	}
	ret = 0;
out:
	free(args);
	cosy_segment__free(seg);
	return ret;
}

/* Load program `name` of `path` alone and hold it to its tags. */
static int tv_case(const char *path, const char *name, const struct tv_expect *e,
		   char *why, size_t size)
{
	struct bpf_program *p, *prog = NULL;
	struct bpf_object *obj;
	struct bpf_map *rodata;
	const void *ro;
	size_t ro_size;
	long seg = -ENOENT;
	int err, ret = 1;

	if (e->bad[0]) {
		snprintf(why, size, "%s", e->bad);
		return 1;
	}
	if (e->outcome == TV_UNTAGGED) {
		snprintf(why, size, "untagged: say __success or __failure (include/cosy/hostile.h)");
		return 1;
	}
	tv_log_reset();
	obj = bpf_object__open_file(path, NULL);
	if (libbpf_get_error(obj)) {
		snprintf(why, size, "cannot open: %s", strerror(-libbpf_get_error(obj)));
		return 1;
	}
	bpf_object__for_each_program(p, obj) {
		bool me = !strcmp(bpf_program__name(p), name);

		bpf_program__set_autoload(p, me);
		if (me)
			prog = p;
	}
	if (!prog) {
		snprintf(why, size, "program vanished");
		goto out;
	}
	/* A log on every load: __msg may test a success, and a failure is then
	 * verified once, not again by libbpf's retry for the log. */
	bpf_program__set_log_level(prog, 1);
	/* The segment size a run needs, as libcosy reads it (before the load). */
	rodata = bpf_object__find_map_by_name(obj, ".rodata");
	ro = rodata ? bpf_map__initial_value(rodata, &ro_size) : NULL;
	if (ro)
		seg = cosy_btf_rodata_u32(bpf_object__btf(obj), ro, ro_size, "cosy_segment_size");
	err = bpf_object__load(obj);
	if (show_log)
		printf("%s", tv_log_text());
	if (e->outcome == TV_FAILURE) {
		if (!err) {
			snprintf(why, size, "loaded, but it is a __failure case");
			goto out;
		}
		if (tv_check_msgs(e, why, size))
			goto out;
		if (verbose) {
			char said[256];

			tv_why(said, sizeof(said));
			printf("#   refused: %s\n", said);
		}
		ret = 0;
		goto out;
	}
	if (err) {
		char said[256];

		tv_why(said, sizeof(said));
		snprintf(why, size, "refused, but it is a __success case: %s", said);
		goto out;
	}
	if (tv_check_msgs(e, why, size))
		goto out;
	ret = e->has_retval ? tv_run(obj, prog, seg, e, why, size) : 0;
out:
	bpf_object__close(obj);
	return ret;
}

/* --- objects ------------------------------------------------------------- */

struct tv_object {
	char path[PATH_MAX + NAME_MAX + 2];
	char stem[NAME_MAX + 1];	/* "session" for session.bpf.o */
	int nprogs;
	const char *progs[TV_MAX_PROGS];
	struct tv_expect expect[TV_MAX_PROGS];
	struct bpf_object *obj;		/* open (not loaded): owns the tag strings */
};

static int tv_object_open(struct tv_object *o, const char *dir, const char *file)
{
	struct bpf_program *p;
	long err;

	memset(o, 0, sizeof(*o));
	snprintf(o->path, sizeof(o->path), "%s/%s", dir, file);
	snprintf(o->stem, sizeof(o->stem), "%.*s", (int)(strlen(file) - strlen(".bpf.o")), file);
	o->obj = bpf_object__open_file(o->path, NULL);
	err = libbpf_get_error(o->obj);
	if (err) {
		o->obj = NULL;
		return err;
	}
	bpf_object__for_each_program(p, o->obj) {
		if (o->nprogs == TV_MAX_PROGS)
			return -E2BIG;
		o->progs[o->nprogs] = bpf_program__name(p);
		tv_read_tags(bpf_object__btf(o->obj), o->progs[o->nprogs], &o->expect[o->nprogs]);
		o->nprogs++;
	}
	return 0;
}

static int tv_is_object(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > strlen(".bpf.o") && !strcmp(d->d_name + n - strlen(".bpf.o"), ".bpf.o");
}

static double tv_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *bpf_dir = getenv("COSY_BPF_DIR"), *glob = NULL;
	struct dirent **files;
	struct tv_object *o;
	char dir[PATH_MAX], why[512], name[2 * NAME_MAX + 2];
	int nfiles, f, i, ran = 0, failed = 0;
	bool list = false;
	double t0 = tv_now();

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--list"))
			list = true;
		else if (!strcmp(argv[i], "-v"))
			verbose = true;
		else if (!strcmp(argv[i], "--log"))
			show_log = true;
		else if (!glob && argv[i][0] != '-')
			glob = argv[i];
		else {
			fprintf(stderr, "usage: %s [-v] [--log] [GLOB] | --list\n", argv[0]);
			return 2;
		}
	}
	snprintf(dir, sizeof(dir), "%s/hostile", bpf_dir ? bpf_dir : ".");
	if (!list && access("/sys/kernel/btf/cosy", F_OK)) {
		printf("# cosy module (with BTF) not loaded: skip\n");
		return 77;
	}
	nfiles = scandir(dir, &files, tv_is_object, alphasort);
	if (nfiles < 0) {
		printf("# %s: %s\n", dir, strerror(errno));
		return list ? 1 : 77;
	}
	o = malloc(sizeof(*o));
	if (!o)
		return 1;
	libbpf_set_print(tv_capture);
	for (f = 0; f < nfiles; f++) {
		int err = tv_object_open(o, dir, files[f]->d_name);

		if (list) {
			for (i = 0; i < o->nprogs; i++)
				printf("%s %d %s %s\n", o->path, o->nprogs, o->progs[i],
				       tv_outcome_str[o->expect[i].outcome]);
			goto next;
		}
		if (err || !o->nprogs) {
			if (glob && fnmatch(glob, o->stem, 0))
				goto next;
			printf("not ok %d %s: %s\n", ++ran, o->stem,
			       err ? "cannot open the object" : "no programs in the object");
			failed++;
			goto next;
		}
		for (i = 0; i < o->nprogs; i++) {
			int before, after, r;
			double t;

			snprintf(name, sizeof(name), "%s/%s", o->stem, o->progs[i]);
			if (glob && fnmatch(glob, name, 0))
				continue;
			before = tl_fd_count();
			t = tv_now();
			r = tv_case(o->path, o->progs[i], &o->expect[i], why, sizeof(why));
			after = tl_fd_count();
			if (!r && before != after) {
				snprintf(why, sizeof(why), "fd count %d before, %d after", before, after);
				r = 1;
			}
			if (verbose)
				printf("#   %s, %.0f ms\n", tv_outcome_str[o->expect[i].outcome],
				       (tv_now() - t) * 1e3);
			if (r)
				printf("not ok %d %s: %s\n", ++ran, name, why);
			else
				printf("ok %d %s\n", ++ran, name);
			failed += r;
		}
next:
		bpf_object__close(o->obj);
		free(files[f]);
	}
	free(files);
	free(o);
	if (list)
		return 0;
	printf("# %d cases, %d passed, %d failed, %.1f s\n", ran, ran - failed, failed,
	       tv_now() - t0);
	return failed ? 1 : ran ? 0 : 77;
}
