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
#include "capture.h"
#include "gen.h"
#include "libcosy_internal.h"	/* cosy_btf_args_type(): one BTF walk */
#include "../../compiler/runtime/cosy_region.h"	/* its entry names */
#include "json.h"

#define EXIT_USAGE 2

static const char usage_text[] =
"Usage: cosy-load [OPTIONS] COMMAND\n"
"COMMAND := { load FILE [name NAME] | verify FILE | list | show NAME |\n"
"             run NAME [ENTRY] [FIELD=VALUE]... | unload NAME |\n"
"             approve FILE [name NAME] [group GROUP] [user USER]... | revoke NAME |\n"
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
static void list_approvals(void);

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

		if (!strncmp(names[i]->d_name, "cc-", 3) && strstr(names[i]->d_name, "-refused-")) {
			/* cosy-cc's runtime: the verifier refused cc-..., under module ID */
			if (json_mode) {
				jw_obj_open(&jw);
				jw_kstr(&jw, "name", names[i]->d_name);
				jw_kbool(&jw, "refused", true);
				jw_obj_close(&jw);
			} else {
				printf("%s: the verifier refused it (cosy-cc's memo; unload it to "
				       "verify again)\n", names[i]->d_name);
			}
		} else if (names[i]->d_name[0] != '.') {
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
	list_approvals();
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

static bool has_entry(const struct cosy_compound *c, const char *entry)
{
	int i;

	for (i = 0; i < cosy_compound__entry_count(c); i++)
		if (!strcmp(cosy_compound__entry_name(c, i), entry))
			return true;
	return false;
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
	if (!has_entry(c, entry)) {
		ret = error("%s: no entry point '%s'", argv[0], entry);
		goto out;
	}
	/* through /dev/cosy, the BTF the administrator approved it with */
	btf = c->dev ? cosy_dev_btf(c) : prog_btf(cosy_compound__prog_fd(c, entry), &info);
	st = btf ? cosy_btf_args_type(btf, entry) : NULL;
	args_sz = cosy_compound__args_size(c, entry);
	if (c->dev && !btf) {
		ret = error("%s: cannot read the approval's BTF through %s: %s", argv[0],
			    COSY_DEV_PATH, errno == ENODATA ? "it was approved without it" :
			    strerror(errno));
		goto out;
	}
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
		jw_kstr(&jw, "via", cosy_compound__via(c));
		jw_key(&jw, "args");
		jw_obj_open(&jw);
	} else {
		printf("%s %s: retval %d%s%s\n", argv[0], entry, ro.retval,
		       ro.retval < 0 ? " " : "", ro.retval < 0 ? strerror(-ro.retval) : "");
		if (c->dev)	/* not what root sees by default: say so */
			printf("  via %s (approved for this user)\n", COSY_DEV_PATH);
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

/* --- approvals: /dev/cosy ------------------------------------------------- */

/*
 * A user or group by name or number, from /etc/passwd or /etc/group (the
 * binary is static: no NSS).  0 or -ENOENT.
 */
static int lookup_id(const char *db, const char *name, __u32 *id)
{
	char line[1024], *end;
	unsigned long v;
	size_t n = strlen(name);
	FILE *f;

	errno = 0;
	v = strtoul(name, &end, 10);
	if (*name && !*end && !errno && v < UINT32_MAX) {
		*id = v;
		return 0;
	}
	f = fopen(db, "re");
	if (!f)
		return -ENOENT;
	while (fgets(line, sizeof(line), f)) {
		char *p;

		/* name:password:ID:... */
		if (strncmp(line, name, n) || line[n] != ':')
			continue;
		p = strchr(line + n + 1, ':');
		if (!p)
			continue;
		v = strtoul(p + 1, &end, 10);
		if (end != p + 1 && *end == ':') {
			*id = v;
			fclose(f);
			return 0;
		}
	}
	fclose(f);
	return -ENOENT;
}

static const char *dev_error(int err)
{
	switch (-err) {
	case ENOENT:
		return "/dev/cosy does not exist: is the cosy module loaded (modprobe cosy)?";
	case EACCES:
		return "/dev/cosy: permission denied (the administrator sets its mode and group)";
	default:
		return NULL;
	}
}

static void describe_approval(const struct cosy_dev_info *in)
{
	__u32 i;

	if (json_mode) {
		jw_obj_open(&jw);
		jw_kstr(&jw, "name", in->name);
		jw_kbool(&jw, "approved", true);
		jw_kuint(&jw, "seg_bytes", in->seg_size);
		jw_key(&jw, "entries");
		jw_arr_open(&jw);
		for (i = 0; i < in->nprogs; i++) {
			jw_obj_open(&jw);
			jw_kstr(&jw, "entry", in->entries[i]);
			jw_kuint(&jw, "prog_id", in->prog_ids[i]);
			jw_kuint(&jw, "args_bytes", in->args_size[i]);
			jw_obj_close(&jw);
		}
		jw_arr_close(&jw);
		if (in->gid != COSY_DEV_NO_GID)
			jw_kuint(&jw, "gid", in->gid);
		jw_key(&jw, "uids");
		jw_arr_open(&jw);
		for (i = 0; i < in->nuids; i++)
			jw_uint(&jw, in->uids[i]);
		jw_arr_close(&jw);
		jw_kuint(&jw, "cap_time_ns", in->caps.time_ns);
		jw_kuint(&jw, "cap_calls", in->caps.calls);
		jw_kuint(&jw, "cap_bytes", in->caps.bytes);
		jw_kuint(&jw, "runs", in->runs);
		jw_kuint(&jw, "attached", in->attached);
		jw_kbool(&jw, "may_run", in->may_run);
		jw_obj_close(&jw);
		return;
	}
	printf("%s: approved for", in->name);
	if (in->gid != COSY_DEV_NO_GID)
		printf(" group %u", in->gid);
	for (i = 0; i < in->nuids; i++)
		printf(" user %u", in->uids[i]);
	printf(", %u entr%s, segment %llu bytes, runs %llu, attached %u\n", in->nprogs,
	       in->nprogs == 1 ? "y" : "ies", (unsigned long long)in->seg_size,
	       (unsigned long long)in->runs, in->attached);
	for (i = 0; i < in->nprogs; i++)
		printf("  entry %s: prog id %u, args %u bytes\n", in->entries[i], in->prog_ids[i],
		       in->args_size[i]);
	if (in->caps.time_ns || in->caps.calls || in->caps.bytes)
		printf("  caps: time %llu ms  calls %llu  bytes %llu (0: the module's)\n",
		       (unsigned long long)in->caps.time_ns / 1000000,
		       (unsigned long long)in->caps.calls, (unsigned long long)in->caps.bytes);
}

/* The approvals, after the pins: quietly none if /dev/cosy is not there or not ours. */
static void list_approvals(void)
{
	struct cosy_dev_info info;
	int dev = cosy_dev_open(O_RDONLY);
	__u32 i;

	if (dev < 0)
		return;
	for (i = 0; !cosy_dev_info(dev, i, NULL, &info); i++)
		describe_approval(&info);
	close(dev);
}

/*
 * The entries of `c` as libbpf loaded them (capture.c), for the module to
 * load again, and the fd_array their kfunc calls index (insn off): libbpf
 * has closed its module BTF fds by now, and every index names cosy's (the
 * module refuses a program with a kfunc call anywhere else).  NULL or a
 * message.
 */
static const char *approve_progs(struct cosy_compound *c, struct cosy_dev_prog *progs,
				 int *fd_array, __u32 *fd_array_cnt, int btf_fd)
{
	int i, n = cosy_compound__entry_count(c);
	__u32 k;

	*fd_array_cnt = 0;
	for (i = 0; i < n; i++) {
		const char *e = cosy_compound__entry_name(c, i);
		const struct captured_load *l = captured(e);
		int k;

		for (k = 0; k < i; k++)
			if (!strncmp(e, cosy_compound__entry_name(c, k), BPF_OBJ_NAME_LEN - 1))
				return "two entries share their first 15 characters (the kernel's "
				       "program name)";
		if (!l || !l->ok || strlen(e) >= COSY_DEV_NAME_MAX)
			return "an entry's load was not recorded";
		snprintf(progs[i].entry, sizeof(progs[i].entry), "%s", e);
		progs[i].insns = (__u64)(unsigned long)l->insns;
		progs[i].insn_cnt = l->insn_cnt;
		progs[i].args_size = cosy_compound__args_size(c, e);
		progs[i].prog_btf_fd = l->prog_btf_fd;
		progs[i].func_info = (__u64)(unsigned long)l->func_info;
		progs[i].func_info_cnt = l->func_info_cnt;
		progs[i].func_info_rec_size = l->func_info_rec_size;
		progs[i].line_info = (__u64)(unsigned long)l->line_info;
		progs[i].line_info_cnt = l->line_info_cnt;
		progs[i].line_info_rec_size = l->line_info_rec_size;
		if (l->fd_array_cnt > CAPTURE_MAX)
			return "too many module BTFs";
		if (l->fd_array_cnt > *fd_array_cnt)
			*fd_array_cnt = l->fd_array_cnt;
	}
	for (k = 0; k < *fd_array_cnt; k++)
		fd_array[k] = btf_fd;
	return NULL;
}

/*
 * A region object of cosy-cc's (cosy-cc --emit-bpf: one entry, rgn__REGION)
 * is attached to by the name cosy-cc derived from the object's bytes,
 * "cc-REGION-SIZE-FNV1A64" (compiler/driver.c): the name to approve it
 * under.  0, or -errno.
 */
static int cc_region_name(const char *path, const char *region, char *name, size_t size)
{
	unsigned long long h = 0xcbf29ce484222325ull;
	size_t len, i;
	char *buf;
	int n;

	buf = cosy_read_file(path, &len);
	if (!buf)
		return -errno;
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)buf[i];
		h *= 0x100000001b3ull;
	}
	free(buf);
	n = snprintf(name, size, "cc-%s-%zx-%016llx", region, len, h);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/*
 * The entry cosy-cc made of a region for /dev/cosy (rgnu__REGION, not
 * loaded by default: see compiler/bpf.c, emit_twice()), if `path` has one.
 */
static bool cc_unpriv_entry(const char *path, char *entry, size_t size)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *p;
	bool found = false;

	if (libbpf_get_error(obj))
		return false;
	bpf_object__for_each_program(p, obj)
		if (!strncmp(bpf_program__name(p), COSY_RGN_UNPRIV_PREFIX,
			     strlen(COSY_RGN_UNPRIV_PREFIX)) &&
		    strlen(bpf_program__name(p)) < size) {
			strcpy(entry, bpf_program__name(p));
			found = true;
		}
	bpf_object__close(obj);
	return found;
}

static int cmd_approve(int argc, char **argv)
{
	static char log[16 << 20];
	static struct cosy_dev_prog progs[COSY_DEV_MAX_PROGS];
	char uentry[COSY_DEV_NAME_MAX];
	const char *region;
	bool slow_index;
	struct cosy_open_opts o = open_opts();
	struct cosy_approval a = { .gid = COSY_DEV_NO_GID };
	struct cosy_dev_info info;
	struct cosy_compound *c;
	char name[COSY_DEV_NAME_MAX];
	const char *why, *entry = NULL;
	bool named = false;
	int fd_array[CAPTURE_MAX];
	__u32 fd_array_cnt;
	int i, n, err, failed, dev, btf_fd;

	if (argc < 1 || argc % 2 != 1)
		return usage_error("approve: expected FILE [name NAME] [group GROUP] [user USER]...");
	cosy_base_name(name, sizeof(name), argv[0]);
	for (i = 1; i < argc; i += 2) {
		if (!strcmp(argv[i], "name")) {
			if (strlen(argv[i + 1]) >= sizeof(name))
				return usage_error("approve: name '%s' is longer than %u characters",
						   argv[i + 1], COSY_DEV_NAME_MAX - 1);
			snprintf(name, sizeof(name), "%s", argv[i + 1]);
			named = true;
		} else if (!strcmp(argv[i], "entry")) {
			/* one entry alone (tests: a SEC("?syscall") program) */
			entry = argv[i + 1];
		} else if (!strcmp(argv[i], "group")) {
			if (a.gid != COSY_DEV_NO_GID)
				return usage_error("approve: one group only");
			if (lookup_id("/etc/group", argv[i + 1], &a.gid))
				return usage_error("approve: no group '%s'", argv[i + 1]);
		} else if (!strcmp(argv[i], "user")) {
			if (a.nuids == COSY_DEV_MAX_UIDS)
				return usage_error("approve: at most %u users", COSY_DEV_MAX_UIDS);
			if (lookup_id("/etc/passwd", argv[i + 1], &a.uids[a.nuids++]))
				return usage_error("approve: no user '%s'", argv[i + 1]);
		} else {
			return usage_error("approve: unknown keyword '%s'", argv[i]);
		}
	}
	if (a.gid == COSY_DEV_NO_GID && !a.nuids)
		return usage_error("approve: say who may run it: group GROUP or user USER");
	a.name = name;
	a.caps.time_ns = run_budget.budget_time_ns;
	a.caps.calls = run_budget.budget_calls;
	a.caps.bytes = run_budget.budget_bytes;

	/* a cosy-cc region: its variant for unprivileged callers */
	if (!entry && cc_unpriv_entry(argv[0], uentry, sizeof(uentry)))
		entry = uentry;
	/* Loaded here first, as root: the module loads what libbpf made of it. */
	o.entry = entry;
	capture_loads = true;
	c = cosy_compound__open_file(argv[0], &o);
	capture_loads = false;
	if (!c)
		return lib_error(argv[0], errno);
	n = cosy_compound__entry_count(c);
	region = n == 1 ? cosy_compound__entry_name(c, 0) : "";
	if (!strncmp(region, COSY_RGN_UNPRIV_PREFIX, strlen(COSY_RGN_UNPRIV_PREFIX)))
		region += strlen(COSY_RGN_UNPRIV_PREFIX);
	else if (!strncmp(region, COSY_RGN_ENTRY_PREFIX, strlen(COSY_RGN_ENTRY_PREFIX)))
		region += strlen(COSY_RGN_ENTRY_PREFIX);
	else
		region = NULL;
	if (!named && region) {
		err = cc_region_name(argv[0], region, name, sizeof(name));
		if (err) {
			cosy_compound__close(c);
			return error("%s: a cosy-cc region whose name is too long to approve "
				     "(%u characters at most with its hash)", argv[0],
				     COSY_DEV_NAME_MAX - 1);
		}
	}
	if (n > (int)COSY_DEV_MAX_PROGS) {
		cosy_compound__close(c);
		return error("%s: %d entries; an approval holds %u at most", argv[0], n,
			     COSY_DEV_MAX_PROGS);
	}
	btf_fd = cosy_module_btf_fd();
	if (btf_fd < 0) {
		cosy_compound__close(c);
		return error("cannot find the cosy module's BTF: %s", strerror(-btf_fd));
	}
	/* a region whose /dev/cosy variant indexes memory through cosy_at() */
	slow_index = region && entry == uentry && bpf_object__btf(c->obj) &&
		     btf__find_by_name_kind(bpf_object__btf(c->obj), "cosy_at", BTF_KIND_FUNC) > 0;
	/* for cosy-load run by the callers, who may not fetch it by id */
	if (bpf_object__btf(c->obj)) {
		a.btf = btf__raw_data(bpf_object__btf(c->obj), &a.btf_size);
		if (a.btf_size > COSY_DEV_BTF_MAX) {
			a.btf = NULL;	/* approved all the same; run cannot name fields */
			a.btf_size = 0;
		}
	}
	why = approve_progs(c, progs, fd_array, &fd_array_cnt, btf_fd);
	/* the binary runs its region's entry by the name it knows */
	if (!why && region)
		snprintf(progs[0].entry, sizeof(progs[0].entry), COSY_RGN_ENTRY_PREFIX "%s", region);
	if (why) {
		close(btf_fd);
		cosy_compound__close(c);
		return error("%s: cannot approve: %s", argv[0], why);
	}
	err = cosy_dev_approve(&a, progs, n, fd_array, fd_array_cnt, cosy_compound__seg_size(c),
			       log, sizeof(log), &failed);
	close(btf_fd);
	if (err && failed >= 0) {
		struct cosy_diag loc = { .text = "" };
		bool reason_is_cosys = !strncmp(log, "cosy: ", 6);
		char reason[512] = "";

		if (debug)
			fprintf(stderr, "%s", log);
		/* the module's own refusal, or the verifier's */
		if (reason_is_cosys)
			snprintf(reason, sizeof(reason), "%.*s", (int)strcspn(log + 6, "\n"), log + 6);
		else if (!cosy_diag_parse_raw(log, &loc))
			snprintf(reason, sizeof(reason), "%s", loc.reason);
		error("%s: entry '%s' is refused for unprivileged callers: %s%s%s%s", argv[0],
		      cosy_compound__entry_name(c, failed), reason[0] ? reason : strerror(-err),
		      loc.text[0] && !reason_is_cosys ? "\n    at: " : "",
		      reason_is_cosys ? "" : loc.text,
		      strstr(reason, "pointer arithmetic with it prohibited for !root") ?
		      "\n    (it indexes memory with a variable, as buf[i] or p + n does: the "
		      "unprivileged verifier allows that in map values only, not in the "
		      "segment; fetch such an element with cosy_at(), as cosy-cc's regions "
		      "do, or the compound runs for callers with CAP_BPF only)" : "");
		cosy_compound__close(c);
		return 1;
	}
	cosy_compound__close(c);
	if (err == -EEXIST)
		return error("%s is approved already: cosy-load revoke %s first", name, name);
	if (err == -EPERM)
		return error("approving needs CAP_SYS_ADMIN");
	if (err)
		return error("%s", dev_error(err) ?: strerror(-err));
	dev = cosy_dev_open(O_RDONLY);
	err = dev < 0 ? dev : cosy_dev_info(dev, 0, name, &info);
	if (dev >= 0)
		close(dev);
	if (err)
		return error("%s: approved, but cannot read it back: %s", name, strerror(-err));
	if (json_mode)
		jw_init(&jw, stdout, pretty);
	describe_approval(&info);
	if (json_mode)
		jw_end(&jw);
	if (slow_index)
		fprintf(stderr, "Note: region %s indexes memory with a variable: for callers without "
			"CAP_BPF each such element is a kfunc call (cosy_at()), so a per-byte loop "
			"runs slower than in user space (README, \"Ordinary users\")\n", region);
	return 0;
}

static int cmd_revoke(int argc, char **argv)
{
	int err;

	if (argc != 1)
		return usage_error("revoke: expected NAME");
	err = cosy_dev_revoke(argv[0]);
	if (err == -ENOENT && access(COSY_DEV_PATH, F_OK) == 0)
		return error("%s is not approved (cosy-load list shows what is)", argv[0]);
	if (err == -EPERM)
		return error("revoking needs CAP_SYS_ADMIN");
	if (err)
		return error("%s", dev_error(err) ?: strerror(-err));
	if (json_mode) {
		jw_init(&jw, stdout, pretty);
		jw_obj_open(&jw);
		jw_kstr(&jw, "revoked", argv[0]);
		jw_obj_close(&jw);
		jw_end(&jw);
	}
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
	{ "approve", cmd_approve },
	{ "revoke", cmd_revoke },
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
