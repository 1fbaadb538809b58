// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-load: load, verify, pin, inspect, run and unload compounds, and
 * generate an application's skeleton for one.
 *
 * Commands come from one table; the usage text below is the synopsis of
 * cosy-load(8), and a test keeps the two identical.  Output: text, or with
 * -j/-p exactly one JSON document on stdout ({"error": ...} on failure).
 * Exit status: 0 success, 1 failure, 2 usage error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include <cosy/cosy.h>
#include "args.h"
#include "gen.h"
#include "libcosy_internal.h"	/* cosy_btf_args_type(): one BTF walk */
#include "json.h"

#define EXIT_USAGE 2

static const char usage_text[] =
"Usage: cosy-load [OPTIONS] COMMAND\n"
"COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |\n"
"             run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |\n"
"             gen skeleton FILE [name NAME] | help }\n"
"VALUE   := { INTEGER | str:TEXT | file:PATH }\n"
"OPTIONS := { -j|--json | -p|--pretty | -d|--debug | -t|--time-ms MS |\n"
"             -c|--calls N | -b|--bytes N | -V|--version | -h|--help }\n";

static bool json_mode, pretty, debug;
static struct cosy_run_opts run_budget;
static struct jw jw;
static char last_warn[1024];

static void usage(FILE *f)
{
	fputs(usage_text, f);
}

/* Errors: "Error: ..." on stderr, or {"error": ...} as the one document. */
__attribute__((format(printf, 1, 2)))
static int error(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (json_mode) {
		jw_init(&jw, stdout, pretty);
		jw_obj_open(&jw);
		jw_kstr(&jw, "error", msg);
		jw_obj_close(&jw);
		jw_end(&jw);
	} else {
		fprintf(stderr, "Error: %s\n", msg);
	}
	return 1;
}

static int usage_error(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error("%s", msg);
	if (!json_mode)
		usage(stderr);
	return EXIT_USAGE;
}

/*
 * libcosy's messages: warnings are what the user needs (they say what to
 * do); keep the last one for the error line, show all with -d.
 */
static int print_cb(enum cosy_print_level level, const char *fmt, va_list ap)
{
	char buf[1024];
	size_t n;

	if (level == COSY_WARN) {
		vsnprintf(buf, sizeof(buf), fmt, ap);
		n = strlen(buf);
		while (n && buf[n - 1] == '\n')
			buf[--n] = 0;
		snprintf(last_warn, sizeof(last_warn), "%s", strncmp(buf, "cosy: ", 6) ? buf : buf + 6);
		if (debug)
			fprintf(stderr, "%s\n", buf);
		return 0;
	}
	if (debug)
		return vfprintf(stderr, fmt, ap);
	return 0;
}

static int lib_error(const char *what, int err)
{
	if (last_warn[0])
		return error("%s", last_warn);
	return error("%s: %s", what, strerror(err));
}

static const char *pin_root(void)
{
	const char *r = getenv("COSY_PIN_ROOT");

	return r && *r ? r : COSY_PIN_ROOT;
}

static struct cosy_open_opts open_opts(void)
{
	COSY_OPTS(cosy_open_opts, o, .pin_root = pin_root());
	return o;
}

/* --- BTF of a loaded entry ---------------------------------------------- */

static struct btf *prog_btf(int prog_fd, struct bpf_prog_info *info)
{
	__u32 len = sizeof(*info);
	struct btf *btf;

	memset(info, 0, sizeof(*info));
	if (bpf_obj_get_info_by_fd(prog_fd, info, &len) || !info->btf_id)
		return NULL;
	btf = btf__load_from_kernel_by_id(info->btf_id);
	return libbpf_get_error(btf) ? NULL : btf;
}

/* Member idx's size and signedness; 0 if not a plain, byte-aligned integer. */
static size_t member_int(const struct btf *btf, const struct btf_type *st, int idx,
			 bool *is_signed)
{
	const struct btf_member *m = &btf_members(st)[idx];
	__s32 id = btf__resolve_type(btf, m->type);
	const struct btf_type *t = id < 0 ? NULL : btf__type_by_id(btf, id);

	*is_signed = false;
	if (!t || btf_member_bitfield_size(st, idx) || btf_member_bit_offset(st, idx) % 8)
		return 0;
	if (btf_is_int(t)) {
		*is_signed = btf_int_encoding(t) & BTF_INT_SIGNED;
		return t->size;
	}
	if (btf_is_enum(t))
		return t->size;
	return 0;
}

/*
 * kfuncs the compound calls.  The loaded program's BTF no longer carries
 * its extern declarations, so read its instructions: a kfunc call's imm is
 * the callee's address relative to __bpf_call_base (visible to root), which
 * /proc/kallsyms names.
 */
struct ksym {
	unsigned long long addr;
	char name[128];
};

static int load_kallsyms(struct ksym **out, unsigned long long *call_base)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	struct ksym *v = NULL;
	int n = 0, cap = 0;
	char line[512];

	*call_base = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long a;
		char type, name[128], mod[64] = "";

		if (sscanf(line, "%llx %c %127s %63s", &a, &type, name, mod) < 3)
			continue;
		if (!strcmp(name, "__bpf_call_base"))
			*call_base = a;
		if (strcmp(mod, "[cosy]") || (type != 't' && type != 'T'))
			continue;
		if (n == cap) {
			struct ksym *nv = realloc(v, (cap = cap ? cap * 2 : 64) * sizeof(*v));

			if (!nv)
				break;
			v = nv;
		}
		v[n].addr = a;
		snprintf(v[n].name, sizeof(v[n].name), "%s", name);
		n++;
	}
	fclose(f);
	*out = v;
	return n;
}

static int list_kfuncs(int prog_fd, const struct bpf_prog_info *info0, char names[][64], int max)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info), i, ninsn = info0->xlated_prog_len / sizeof(struct bpf_insn);
	unsigned long long base;
	struct bpf_insn *insns;
	struct ksym *ks = NULL;
	int nks, n = 0, j, k;

	insns = calloc(ninsn ? ninsn : 1, sizeof(*insns));
	if (!insns)
		return 0;
	info.xlated_prog_len = ninsn * sizeof(*insns);
	info.xlated_prog_insns = (unsigned long)insns;
	if (bpf_obj_get_info_by_fd(prog_fd, &info, &len))
		goto out;
	nks = load_kallsyms(&ks, &base);
	for (i = 0; i < ninsn && base; i++) {
		if (insns[i].code != (BPF_JMP | BPF_CALL) || insns[i].src_reg != BPF_PSEUDO_KFUNC_CALL)
			continue;
		for (j = 0; j < nks; j++) {
			if (ks[j].addr != base + (long long)insns[i].imm)
				continue;
			for (k = 0; k < n && strcmp(names[k], ks[j].name); k++)
				;
			if (k == n && n < max)
				snprintf(names[n++], 64, "%s", ks[j].name);
		}
	}
out:
	free(ks);
	free(insns);
	return n;
}

/* --- commands ------------------------------------------------------------ */

static int describe(struct cosy_compound *c, const char *name, bool full);

static int cmd_load(int argc, char **argv)
{
	struct cosy_open_opts o = open_opts();
	struct cosy_compound *c;
	char name[128];
	int err;

	if (argc != 1 && !(argc == 3 && !strcmp(argv[1], "name")))
		return usage_error("load: expected FILE [name NAME]");
	if (argc == 3)
		snprintf(name, sizeof(name), "%s", argv[2]);
	else
		cosy_base_name(name, sizeof(name), argv[0]);
	c = cosy_compound__open_file(argv[0], &o);
	if (!c)
		return lib_error(argv[0], errno);
	err = cosy_compound__pin(c, name, &o);
	if (err) {
		cosy_compound__close(c);
		return lib_error(name, -err);
	}
	err = describe(c, name, false);
	cosy_compound__close(c);
	return err;
}

static int cmd_verify(int argc, char **argv)
{
	static char log[1 << 20];
	struct cosy_open_opts o = open_opts();
	struct cosy_compound *c;
	struct cosy_diag loc;
	size_t elf_size = 0;
	void *elf;

	if (argc != 1)
		return usage_error("verify: expected FILE");
	o.log_buf = log;
	o.log_size = sizeof(log);
	c = cosy_compound__open_file(argv[0], &o);
	if (c) {
		if (json_mode) {
			jw_init(&jw, stdout, pretty);
			jw_obj_open(&jw);
			jw_kstr(&jw, "file", argv[0]);
			jw_kbool(&jw, "verified", true);
			jw_kint(&jw, "entries", cosy_compound__entry_count(c));
			jw_obj_close(&jw);
			jw_end(&jw);
		} else {
			printf("%s: verified, %d entr%s\n", argv[0], cosy_compound__entry_count(c),
			       cosy_compound__entry_count(c) == 1 ? "y" : "ies");
		}
		cosy_compound__close(c);
		return 0;
	}
	elf = cosy_read_file(argv[0], &elf_size);
	if (cosy_diagnose(log, elf, elf_size, &loc)) {
		free(elf);
		return lib_error(argv[0], errno);
	}
	free(elf);
	if (json_mode) {
		jw_init(&jw, stdout, pretty);
		jw_obj_open(&jw);
		jw_kstr(&jw, "error", loc.reason);
		if (loc.hint[0])
			jw_kstr(&jw, "hint", loc.hint);
		jw_kstr(&jw, "file", argv[0]);
		jw_kbool(&jw, "verified", false);
		jw_kstr(&jw, "entry", loc.prog);
		if (loc.line) {
			jw_kstr(&jw, "source_file", loc.file);
			jw_kuint(&jw, "source_line", loc.line);
			jw_kuint(&jw, "source_col", loc.col);
		}
		jw_kstr(&jw, "source_text", loc.text);
		if (loc.insn >= 0)
			jw_kint(&jw, "insn", loc.insn);
		jw_obj_close(&jw);
		jw_end(&jw);
		return 1;
	}
	/*
	 * As a compiler reports: the mistake at its line, the line, then the
	 * verifier's own words as a note (what a search engine knows).
	 */
	if (loc.line)
		fprintf(stderr, "%s:%u:%u: error: %s\n    %s\n%s:%u:%u: note: the verifier "
			"rejects entry '%s': %s\n", loc.file, loc.line, loc.col,
			loc.hint[0] ? loc.hint : loc.reason, loc.text, loc.file, loc.line,
			loc.col, loc.prog, loc.reason);
	else
		fprintf(stderr, "%s: error: %s\n%s%s%s%s: note: the verifier rejects entry "
			"'%s': %s\n", argv[0], loc.hint[0] ? loc.hint : loc.reason,
			loc.text[0] ? "    " : "", loc.text, loc.text[0] ? "\n" : "", argv[0],
			loc.prog, loc.reason);
	return 1;
}

static int cmd_unload(int argc, char **argv)
{
	struct cosy_open_opts o = open_opts();
	int err;

	if (argc != 1)
		return usage_error("unload: expected NAME");
	err = cosy_unpin(argv[0], &o);
	if (err)
		return lib_error(argv[0], -err);
	if (json_mode) {
		jw_init(&jw, stdout, pretty);
		jw_obj_open(&jw);
		jw_kstr(&jw, "unloaded", argv[0]);
		jw_obj_close(&jw);
		jw_end(&jw);
	}
	return 0;
}

static void print_totals_json(const struct cosy_totals *t)
{
	jw_key(&jw, "totals");
	jw_obj_open(&jw);
	jw_kuint(&jw, "runs", t->runs);
	jw_kuint(&jw, "calls", t->calls);
	jw_kuint(&jw, "bytes_read", t->bytes_read);
	jw_kuint(&jw, "bytes_written", t->bytes_written);
	jw_kuint(&jw, "kfunc_ns", t->kfunc_ns);
	jw_kuint(&jw, "wall_ns", t->wall_ns);
	jw_kuint(&jw, "fds_reaped", t->fds_reaped);
	jw_kuint(&jw, "stops", t->stops);
	jw_kuint(&jw, "failures", t->failures);
	jw_obj_close(&jw);
}

/*
 * One compound's description: entries with their program ids (what
 * bpftool shows), args and segment sizes; with `full`, kfuncs, kernel run
 * statistics and the guard's totals.  In JSON mode, one object (the caller
 * opens the document when listing several).
 */
static void describe_one(struct cosy_compound *c, const char *name, bool full)
{
	struct cosy_totals t = {};
	int i, n = cosy_compound__entry_count(c);

	cosy_compound__totals(c, &t);
	if (json_mode) {
		jw_obj_open(&jw);
		jw_kstr(&jw, "name", name);
		jw_kuint(&jw, "seg_bytes", cosy_compound__seg_size(c));
		jw_key(&jw, "entries");
		jw_arr_open(&jw);
	} else {
		printf("%s: %d entr%s, segment %zu bytes\n", name, n, n == 1 ? "y" : "ies",
		       cosy_compound__seg_size(c));
	}
	for (i = 0; i < n; i++) {
		const char *e = cosy_compound__entry_name(c, i);
		struct bpf_prog_info info;
		struct btf *btf = prog_btf(cosy_compound__prog_fd(c, e), &info);
		char kf[32][64];
		int j, nk = full ? list_kfuncs(cosy_compound__prog_fd(c, e), &info, kf, 32) : 0;

		if (json_mode) {
			jw_obj_open(&jw);
			jw_kstr(&jw, "entry", e);
			jw_kuint(&jw, "prog_id", info.id);
			jw_kuint(&jw, "args_bytes", cosy_compound__args_size(c, e));
			if (full) {
				jw_kuint(&jw, "bytes_xlated", info.xlated_prog_len);
				jw_kuint(&jw, "verified_insns", info.verified_insns);
				jw_kuint(&jw, "run_cnt", info.run_cnt);
				jw_kuint(&jw, "run_time_ns", info.run_time_ns);
				jw_key(&jw, "kfuncs");
				jw_arr_open(&jw);
				for (j = 0; j < nk; j++)
					jw_str(&jw, kf[j]);
				jw_arr_close(&jw);
			}
			jw_obj_close(&jw);
		} else {
			printf("  entry %s: prog id %u, args %zu bytes", e, info.id,
			       cosy_compound__args_size(c, e));
			if (full) {
				printf(", %u bytes xlated, %u insns verified\n", info.xlated_prog_len,
				       info.verified_insns);
				if (info.run_cnt || info.run_time_ns)
					printf("    run_cnt %llu  run_time_ns %llu\n",
					       (unsigned long long)info.run_cnt,
					       (unsigned long long)info.run_time_ns);
				else
					printf("    run_cnt/run_time_ns: enable with sysctl kernel.bpf_stats_enabled=1\n");
				printf("    kfuncs:");
				for (j = 0; j < nk; j++)
					printf(" %s", kf[j]);
				printf("\n");
			} else {
				printf("\n");
			}
		}
		btf__free(btf);
	}
	if (json_mode) {
		jw_arr_close(&jw);
		if (full)
			print_totals_json(&t);
		jw_obj_close(&jw);
	} else if (full) {
		printf("  guard totals: runs %llu  calls %llu  bytes_read %llu  bytes_written %llu\n"
		       "                kfunc_ns %llu  wall_ns %llu  fds_reaped %llu  stops %llu  failures %llu\n",
		       (unsigned long long)t.runs, (unsigned long long)t.calls,
		       (unsigned long long)t.bytes_read, (unsigned long long)t.bytes_written,
		       (unsigned long long)t.kfunc_ns, (unsigned long long)t.wall_ns,
		       (unsigned long long)t.fds_reaped, (unsigned long long)t.stops,
		       (unsigned long long)t.failures);
	}
}

static int describe(struct cosy_compound *c, const char *name, bool full)
{
	if (json_mode)
		jw_init(&jw, stdout, pretty);
	describe_one(c, name, full);
	if (json_mode)
		jw_end(&jw);
	return 0;
}

static int cmd_show(int argc, char **argv)
{
	struct cosy_open_opts o = open_opts();
	struct cosy_compound *c;

	if (argc != 1)
		return usage_error("show: expected NAME");
	c = cosy_compound__open_pinned(argv[0], &o);
	if (!c)
		return lib_error(argv[0], errno);
	describe(c, argv[0], true);
	cosy_compound__close(c);
	return 0;
}

static int cmd_list(int argc, char **argv)
{
	struct cosy_open_opts o = open_opts();
	struct dirent **names;
	int i, n, bad = 0;

	(void)argv;
	if (argc != 0)
		return usage_error("list: takes no arguments");
	n = scandir(pin_root(), &names, NULL, alphasort);
	if (n < 0 && errno != ENOENT)
		return error("cannot read %s: %s", pin_root(), strerror(errno));
	if (json_mode) {
		jw_init(&jw, stdout, pretty);
		jw_arr_open(&jw);
	}
	for (i = 0; i < n; i++) {
		struct cosy_compound *c;

		if (names[i]->d_name[0] != '.') {
			c = cosy_compound__open_pinned(names[i]->d_name, &o);
			if (c) {
				describe_one(c, names[i]->d_name, false);
				cosy_compound__close(c);
			} else {
				bad++;
			}
		}
		free(names[i]);
	}
	if (n > 0)
		free(names);
	if (json_mode) {
		jw_arr_close(&jw);
		jw_end(&jw);
	}
	if (bad && !json_mode)
		fprintf(stderr, "Warning: %d pinned entr%s could not be opened: %s\n", bad,
			bad == 1 ? "y" : "ies", last_warn);
	return 0;
}

/*
 * Values go at the top of the free part of the segment, downwards, each at
 * an 8-aligned offset (`top` starts 8-aligned): cosy-load(8) documents it.
 */
static long seg_place(char *seg, size_t *top, size_t floor, const void *p, size_t len)
{
	size_t need = (len + 7) & ~(size_t)7;

	if (need > *top - floor)
		return -ENOSPC;
	*top -= need;
	memcpy(seg + *top, p, len);
	return *top;
}

static long read_file_into(char *seg, size_t *top, size_t floor, const char *path)
{
	struct stat st;
	size_t need;
	long off;
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0 || fstat(fd, &st)) {
		if (fd >= 0)
			close(fd);
		return -errno;
	}
	/* The rounded size must fit, or top wraps below floor. */
	need = ((size_t)st.st_size + 7) & ~(size_t)7;
	if (need > *top - floor) {
		close(fd);
		return -ENOSPC;
	}
	*top -= need;
	off = *top;
	r = read(fd, seg + off, st.st_size);
	close(fd);
	return r == st.st_size ? off : -EIO;
}

static int cmd_run(int argc, char **argv)
{
	struct cosy_open_opts o = open_opts();
	struct cosy_run_opts ro = run_budget;
	const struct btf_type *st;
	struct bpf_prog_info info;
	struct cosy_compound *c;
	struct btf *btf = NULL;
	const char *entry = NULL;
	size_t args_sz, seg_size, top;
	char *args = NULL, *seg;
	int i, err, ret = 1, first = 1;

	if (argc < 1)
		return usage_error("run: expected NAME [ENTRY] [FIELD=VALUE]...");
	c = cosy_compound__open_pinned(argv[0], &o);
	if (!c)
		return lib_error(argv[0], errno);
	if (argc > 1 && !strchr(argv[1], '=')) {
		entry = argv[1];
		first = 2;
	}
	if (!entry)
		entry = cosy_compound__entry_name(c, 0);
	if (cosy_compound__prog_fd(c, entry) < 0) {
		ret = error("%s: no entry point '%s'", argv[0], entry);
		goto out;
	}
	btf = prog_btf(cosy_compound__prog_fd(c, entry), &info);
	st = btf ? cosy_btf_args_type(btf, entry) : NULL;
	args_sz = cosy_compound__args_size(c, entry);
	if (!st || !args_sz) {
		ret = error("%s: entry '%s' has no BTF for its args", argv[0], entry);
		goto out;
	}
	args = calloc(1, args_sz);
	seg = cosy_compound__data(c, &seg_size);
	top = seg_size & ~(size_t)7;	/* a compound's size need not be 8-aligned */
	if (!args) {
		ret = error("out of memory");
		goto out;
	}
	for (i = first; i < argc; i++) {
		const struct btf_member *m;
		const char *why;
		struct arg a;
		bool is_signed;
		size_t sz = 0;
		int64_t v;
		long off;
		int k;

		if (arg_parse(argv[i], &a, &why)) {
			ret = usage_error("run: '%s': %s", argv[i], why);
			goto out;
		}
		/* Member 0 is struct cosy_ctx: libcosy's, not the user's. */
		for (k = 1; k < btf_vlen(st); k++)
			if (!strcmp(btf__name_by_offset(btf, btf_members(st)[k].name_off), a.field))
				break;
		if (k >= btf_vlen(st)) {
			ret = usage_error("run: entry '%s' has no field '%s'", entry, a.field);
			goto out;
		}
		m = &btf_members(st)[k];
		sz = member_int(btf, st, k, &is_signed);
		if (!sz) {
			ret = usage_error("run: field '%s' is not an integer", a.field);
			goto out;
		}
		if (a.kind == ARG_INT) {
			v = a.value;
		} else {
			off = a.kind == ARG_STR ? seg_place(seg, &top, 0, a.text, strlen(a.text) + 1)
						: read_file_into(seg, &top, 0, a.text);
			if (off < 0) {
				ret = error("run: %s: %s", a.text, off == -ENOSPC ?
					    "does not fit in the segment" : strerror(-off));
				goto out;
			}
			v = off;
		}
		if (!arg_fits(v, sz, is_signed)) {
			ret = usage_error("run: %lld does not fit field '%s' (%zu bytes)",
					  (long long)v, a.field, sz);
			goto out;
		}
		memcpy(args + m->offset / 8, &v, sz);	/* little endian */
	}

	err = cosy_compound__run(c, entry, args, args_sz, &ro);
	if (err) {
		ret = lib_error(argv[0], -err);
		goto out;
	}
	if (json_mode) {
		jw_init(&jw, stdout, pretty);
		jw_obj_open(&jw);
		jw_kstr(&jw, "name", argv[0]);
		jw_kstr(&jw, "entry", entry);
		jw_kint(&jw, "retval", ro.retval);
		if (ro.retval < 0)
			jw_kstr(&jw, "error", strerror(-ro.retval));
		jw_key(&jw, "args");
		jw_obj_open(&jw);
	} else {
		printf("%s %s: retval %d%s%s\n", argv[0], entry, ro.retval,
		       ro.retval < 0 ? " " : "", ro.retval < 0 ? strerror(-ro.retval) : "");
	}
	for (i = 1; i < btf_vlen(st); i++) {
		const struct btf_member *m = &btf_members(st)[i];
		bool is_signed;
		size_t sz = member_int(btf, st, i, &is_signed);
		int64_t v = 0;
		const char *fname = btf__name_by_offset(btf, m->name_off);

		if (!sz)
			continue;
		memcpy(&v, args + m->offset / 8, sz);
		if (is_signed && sz < 8 && (v & ((int64_t)1 << (sz * 8 - 1))))
			v |= -((int64_t)1 << (sz * 8));	/* sign-extend */
		if (json_mode)
			jw_kint(&jw, fname, v);
		else
			printf("  %s = %lld\n", fname, (long long)v);
	}
	if (json_mode) {
		jw_obj_close(&jw);
		jw_key(&jw, "stats");
		jw_obj_open(&jw);
		jw_kuint(&jw, "calls", ro.stats.calls);
		jw_kuint(&jw, "bytes_read", ro.stats.bytes_read);
		jw_kuint(&jw, "bytes_written", ro.stats.bytes_written);
		jw_kuint(&jw, "kfunc_ns", ro.stats.kfunc_ns);
		jw_kuint(&jw, "wall_ns", ro.stats.wall_ns);
		jw_kuint(&jw, "fds_opened", ro.stats.fds_opened);
		jw_kuint(&jw, "fds_reaped", ro.stats.fds_reaped);
		jw_kstr(&jw, "stop_reason", cosy_stop_str(ro.stop_reason));
		jw_kstr(&jw, "fail_op", cosy_op_str(ro.fail_op));
		jw_kint(&jw, "fail_err", ro.fail_err);
		jw_obj_close(&jw);
		jw_kuint(&jw, "duration_ns", ro.duration_ns);
		jw_obj_close(&jw);
		jw_end(&jw);
	} else {
		printf("  guard: %llu calls, %llu bytes read, %llu written, %llu ns in kfuncs, "
		       "%u fds opened, %u reaped\n",
		       (unsigned long long)ro.stats.calls, (unsigned long long)ro.stats.bytes_read,
		       (unsigned long long)ro.stats.bytes_written,
		       (unsigned long long)ro.stats.kfunc_ns, ro.stats.fds_opened,
		       ro.stats.fds_reaped);
		if (ro.stop_reason)
			printf("  stopped: %s budget (%s)\n", cosy_stop_str(ro.stop_reason),
			       strerror(-ro.stop_err));
		if (ro.fail_err)
			printf("  first failure: %s: %s\n", cosy_op_str(ro.fail_op),
			       strerror(-ro.fail_err));
		if (ro.retval < 0)
			fprintf(stderr, "Error: %s %s returned %s\n", argv[0], entry,
				strerror(-ro.retval));
	}
	ret = ro.retval < 0 ? 1 : 0;
out:
	free(args);
	btf__free(btf);
	cosy_compound__close(c);
	return ret;
}

/*
 * gen skeleton FILE [name NAME]: the typed header an application builds
 * against (bpftool gen skeleton's convention: > NAME.skel.h).  On failure
 * stdout stays empty (gen_skeleton() writes only a finished header).
 */
static int cmd_gen(int argc, char **argv)
{
	char msg[1024];
	int err;

	if (argc < 1 || strcmp(argv[0], "skeleton"))
		return usage_error("gen: expected skeleton FILE [name NAME]");
	argc--;
	argv++;
	if (argc != 1 && !(argc == 3 && !strcmp(argv[1], "name")))
		return usage_error("gen skeleton: expected FILE [name NAME]");
	if (argc == 3 && !gen_is_ident(argv[2]))
		return usage_error("gen skeleton: name '%s' is not a C identifier", argv[2]);
	if (json_mode)
		return usage_error("gen skeleton writes C, not JSON: drop -j/-p");
	err = gen_skeleton(stdout, argv[0], argc == 3 ? argv[2] : NULL, msg, sizeof(msg));
	if (err)
		return error("%s", msg);
	if (fflush(stdout) || ferror(stdout))
		return error("cannot write the skeleton: %s", strerror(errno));
	return 0;
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return 0;
}

static const struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
} cmds[] = {
	{ "load", cmd_load },
	{ "verify", cmd_verify },
	{ "list", cmd_list },
	{ "show", cmd_show },
	{ "run", cmd_run },
	{ "unload", cmd_unload },
	{ "gen", cmd_gen },
	{ "help", cmd_help },
};

static int parse_u64(const char *s, __u64 *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || *end || !*s || *s == '-' ? -EINVAL : 0;
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "debug", no_argument, NULL, 'd' },
		{ "time-ms", required_argument, NULL, 't' },
		{ "calls", required_argument, NULL, 'c' },
		{ "bytes", required_argument, NULL, 'b' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	size_t i;
	__u64 v;
	int opt;

	run_budget.sz = sizeof(run_budget);
	/* "+": stop at the command, so "run NAME x=-1" is not an option. */
	while ((opt = getopt_long(argc, argv, "+jpdt:c:b:Vh", lopts, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json_mode = true;
			break;
		case 'p':
			json_mode = pretty = true;
			break;
		case 'd':
			debug = true;
			break;
		case 't':
			if (parse_u64(optarg, &v) || v > UINT64_MAX / 1000000)
				return usage_error("--time-ms '%s': expected milliseconds", optarg);
			run_budget.budget_time_ns = v * 1000000;
			break;
		case 'c':
			if (parse_u64(optarg, &v))
				return usage_error("--calls '%s': expected a count", optarg);
			run_budget.budget_calls = v;
			break;
		case 'b':
			if (parse_u64(optarg, &v))
				return usage_error("--bytes '%s': expected a count", optarg);
			run_budget.budget_bytes = v;
			break;
		case 'V':
			printf("cosy-load %s (cosy ABI %u)\n", COSY_VERSION, COSY_ABI_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	cosy_set_print(print_cb);
	if (optind >= argc)
		return usage_error("missing command");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[optind], cmds[i].name))
			return cmds[i].fn(argc - optind - 1, argv + optind + 1);
	return usage_error("unknown command '%s'", argv[optind]);
}
