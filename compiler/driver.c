// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-cc: a cc that lowers COSY_START(name) ... COSY_END() regions into
 * compounds.  For each C source: parse with libclang; for each region,
 * check and lower it to NAME.bpf.c, compile that with clang -target bpf;
 * write the source again with each region replaced by the code that runs
 * the compound (or the original block); hand that to the host cc with the
 * caller's options.  Linking adds libcosy and cosy-cc's runtime.
 *
 * Paths (option > environment > default):
 *   --cosy-include DIR   COSY_CC_INCLUDE      DIR/cosy/cosy.h
 *   --cosy-runtime DIR   COSY_CC_RUNTIME      DIR/cosy_region.h, cosy_region.bpf.h
 *   --cosy-lib DIR       COSY_CC_LIBDIR       DIR/libcosy.a, DIR/libcosy-region.a
 *   --bpf-clang PATH     COSY_CC_CLANG        clang
 *   --cc PATH            COSY_CC_HOSTCC       cc
 * Defaults come from the build tree when cosy-cc runs from it, else from
 * the install prefix it was built for.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cosycc.h"

#ifndef COSY_CC_VERSION
#define COSY_CC_VERSION "0.1"
#endif
#ifndef COSY_CC_PREFIX
#define COSY_CC_PREFIX "/usr/local"
#endif

struct opts {
	bool verbose;
	const char *emit_dir;
	const char *include_dir, *runtime_dir, *lib_dir;
	const char *bpf_clang, *host_cc;
	bool tree;		/* the defaults are the build tree's */
	/* from the cc command line */
	bool link;		/* not -c, -S, -E, -fsyntax-only, -M/-MM */
	bool preprocess_only;
	struct argv pp;		/* preprocessor options, for libclang */
	struct argv cc;		/* everything for the host cc, inputs marked */
	unsigned *inputs;	/* indices in cc of .c inputs */
	unsigned ninputs;
	char *tmpdir;
	struct argv stems;	/* NAME of each NAME.bpf.c written so far */
};

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v && *v ? v : fallback;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static void usage(FILE *f)
{
	fputs("usage: cosy-cc [cosy-cc options] [cc options] FILE...\n"
	      "Compile C like cc; each COSY_START(name) ... COSY_END() region becomes a\n"
	      "compound that runs in the kernel in one crossing (original code as fallback).\n"
	      "cosy-cc options:\n"
	      "  --emit-bpf DIR       keep the generated NAME.bpf.c, NAME.bpf.o, FILE.host.c in DIR\n"
	      "  -v                   show every step and command\n"
	      "  --cosy-include DIR   where cosy/cosy.h is        (COSY_CC_INCLUDE)\n"
	      "  --cosy-runtime DIR   where cosy_region.h is      (COSY_CC_RUNTIME)\n"
	      "  --cosy-lib DIR       where libcosy.a is          (COSY_CC_LIBDIR)\n"
	      "  --bpf-clang PATH     clang for the BPF target    (COSY_CC_CLANG)\n"
	      "  --cc PATH            the host compiler           (COSY_CC_HOSTCC)\n"
	      "  --help, --version\n"
	      "Everything else goes to the host compiler.  See cosy-cc(1).\n", f);
}

/* --- where things are ------------------------------------------------------------ */

static void default_paths(struct opts *o)
{
#ifdef COSY_CC_TREE
	char exe[PATH_MAX], build[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		exe[n] = 0;
		/* running from the build tree: its headers, objects and libraries */
		if (realpath(COSY_CC_TREE_BUILD, build) &&
		    !strncmp(exe, build, strlen(build)) && exe[strlen(build)] == '/')
			o->tree = true;
	}
	if (o->tree) {
		o->include_dir = COSY_CC_TREE "/include";
		o->runtime_dir = COSY_CC_TREE "/compiler/runtime";
		o->lib_dir = COSY_CC_TREE_BUILD "/lib";
		return;
	}
#endif
	o->include_dir = COSY_CC_PREFIX "/include";
	o->runtime_dir = COSY_CC_PREFIX "/include/cosy";
	o->lib_dir = COSY_CC_PREFIX "/lib";
}

/*
 * clang's built-in headers (stddef.h, stdarg.h ...) for libclang: the
 * resource directory of the libclang that is loaded, found from where it
 * is and its version, so no version is written into cosy-cc.
 */
/* DIR/clang/VERSION, if it has clang's stddef.h; any version if VERSION is NULL */
static char *resource_in(const char *dir, const char *version)
{
	char *base = xasprintf("%s/clang", dir), *res = NULL, *probe;
	struct dirent *e;
	DIR *d;

	if (version) {
		res = xasprintf("%s/%s", base, version);
		probe = xasprintf("%s/include/stddef.h", res);
		if (!exists(probe)) {
			free(res);
			res = NULL;
		}
		free(probe);
	} else if ((d = opendir(base))) {
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			probe = xasprintf("%s/%s/include/stddef.h", base, e->d_name);
			if (exists(probe)) {
				free(res);
				res = xasprintf("%s/%s", base, e->d_name);
			}
			free(probe);
		}
		closedir(d);
	}
	free(base);
	return res;
}

/*
 * clang's built-in headers (stddef.h, stdarg.h ...) for libclang: the
 * resource directory of the libclang that is loaded, found from where it
 * is and its version (clang_getClangVersion()), so that no version is
 * written into cosy-cc.  Debian keeps it under /usr/lib/llvm-MAJOR/lib
 * while the library itself may load from /usr/lib/<triplet>.
 */
static char *resource_dir(void)
{
	const char *env = getenv("COSY_CC_RESOURCE_DIR");
	char version[32] = "", major[16] = "", lib[PATH_MAX], real[PATH_MAX];
	const char *dirs[4];
	unsigned ndirs = 0;
	char *res = NULL, *debian = NULL;
	Dl_info info;
	CXString v;

	if (env && *env)
		return xstrdup(env);
	v = clang_getClangVersion();
	{
		const char *p = strstr(clang_getCString(v), "version ");
		size_t i = 0;

		for (p = p ? p + 8 : ""; i + 1 < sizeof(version) &&
		     (p[i] == '.' || (p[i] >= '0' && p[i] <= '9')); i++)
			version[i] = p[i];
		version[i] = 0;
		snprintf(major, sizeof(major), "%.*s", (int)strcspn(version, "."), version);
	}
	clang_disposeString(v);
	if (dladdr((void *)clang_getClangVersion, &info) && info.dli_fname) {
		snprintf(lib, sizeof(lib), "%s", info.dli_fname);
		dirs[ndirs++] = dirname(lib);
		if (realpath(info.dli_fname, real))
			dirs[ndirs++] = dirname(real);
		debian = xasprintf("%s/llvm-%s/lib", dirs[0], major);
		dirs[ndirs++] = debian;
	}
#ifdef COSY_CC_LLVM_LIBDIR
	dirs[ndirs++] = COSY_CC_LLVM_LIBDIR;
#endif
	for (unsigned i = 0; i < ndirs && !res; i++)
		res = resource_in(dirs[i], version);
	for (unsigned i = 0; i < ndirs && !res; i++)
		res = resource_in(dirs[i], NULL);
	free(debian);
	return res;
}

/* --- the command line ------------------------------------------------------------ */

/* cc options whose value is the next argument */
static bool takes_value(const char *a)
{
	static const char *const with_value[] = {
		"-o", "-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote",
		"-idirafter", "-iprefix", "-iwithprefix", "-x", "-MF", "-MT", "-MQ", "-L", "-l",
		"-Xlinker", "-Xassembler", "-Xpreprocessor", "-T", "-u", "-z", "-aux-info",
		"--param", "-isysroot", "--sysroot", NULL,
	};

	for (unsigned i = 0; with_value[i]; i++)
		if (!strcmp(a, with_value[i]))
			return true;
	return false;
}

/* Preprocessor options libclang must see to parse as the host cc does. */
static bool for_libclang(const char *a)
{
	/* not -W (a -Werror would fail the parse on clang-only warnings), few -f */
	static const char *const prefixes[] = {
		"-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote", "-idirafter",
		"-iprefix", "-iwithprefix", "-std=", "-O", "-funsigned-char", "-fsigned-char",
		"-nostdinc", "-pthread", "-ansi", "-isysroot", "--sysroot", NULL,
	};

	for (unsigned i = 0; prefixes[i]; i++)
		if (!strncmp(a, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

static bool is_c_source(const char *a)
{
	size_t n = strlen(a);

	return n > 2 && !strcmp(a + n - 2, ".c");
}

/* Returns 0, or the exit status to leave with. */
static int parse_args(struct opts *o, int argc, char **argv)
{
	bool compile_only = false;

	o->link = true;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;

		if (!strcmp(a, "--help")) {
			usage(stdout);
			return -1;
		}
		if (!strcmp(a, "--version")) {
			printf("cosy-cc %s (libclang: ", COSY_CC_VERSION);
			{
				CXString v = clang_getClangVersion();

				printf("%s)\n", clang_getCString(v));
				clang_disposeString(v);
			}
			return -1;
		}
		if (!strcmp(a, "-v")) {
			o->verbose = true;
			continue;
		}
		if (!strcmp(a, "--emit-bpf"))
			dst = &o->emit_dir;
		else if (!strcmp(a, "--cosy-include"))
			dst = &o->include_dir;
		else if (!strcmp(a, "--cosy-runtime"))
			dst = &o->runtime_dir;
		else if (!strcmp(a, "--cosy-lib"))
			dst = &o->lib_dir;
		else if (!strcmp(a, "--bpf-clang"))
			dst = &o->bpf_clang;
		else if (!strcmp(a, "--cc"))
			dst = &o->host_cc;
		if (dst) {
			if (i + 1 >= argc) {
				tool_error("%s needs a value", a);
				return 2;
			}
			*dst = argv[++i];
			continue;
		}
		if (!strncmp(a, "--emit-bpf=", 11)) {
			o->emit_dir = a + 11;
			continue;
		}
		if (!strcmp(a, "-c") || !strcmp(a, "-S") || !strcmp(a, "-fsyntax-only"))
			compile_only = true;
		if (!strcmp(a, "-E") || !strcmp(a, "-M") || !strcmp(a, "-MM")) {
			compile_only = true;
			o->preprocess_only = true;
		}
		if (!strcmp(a, "-m32") || !strcmp(a, "-mx32")) {
			tool_error("%s: compounds are built for x86-64 (64-bit long), as the kernel", a);
			return 1;
		}
		av_push(&o->cc, a);
		if (for_libclang(a)) {
			av_push(&o->pp, a);
			if (takes_value(a) && i + 1 < argc)
				av_push(&o->pp, argv[i + 1]);
		}
		if (takes_value(a) && i + 1 < argc) {
			av_push(&o->cc, argv[++i]);
			continue;
		}
		if (a[0] != '-' && is_c_source(a)) {
			o->inputs = xrealloc(o->inputs, sizeof(*o->inputs) * (o->ninputs + 1));
			o->inputs[o->ninputs++] = o->cc.n - 1;
		}
	}
	if (compile_only)
		o->link = false;
	if (!o->cc.n) {
		usage(stderr);
		return 2;
	}
	return 0;
}

/* --- one source file ------------------------------------------------------------- */

static void verbose_region(struct unit *u, struct region *r)
{
	unsigned in = 0, out = 0, bufs = 0, strs = 0;

	for (unsigned i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (v->kind == VK_SCALAR && v->outside) {
			in += v->live_in;
			out += v->written;
		}
		bufs += v->kind == VK_BUF;
		strs += v->kind == VK_STR;
	}
	fprintf(stderr, "cosy-cc: region %s (%s:%u): %u live-in, %u live-out variables, "
		"%u buffers, %u strings, %u loops, %u fds granted, segment %u bytes\n",
		r->name, u->path, r->loc.line, in, out, bufs, strs, r->nloops,
		r->ngrants + r->ncgrants, r->seg_size);
}

/*
 * The name region r's compound is cached (pinned) under by the runtime:
 * the region, the object's size and its 64-bit FNV-1a hash.  Only root can
 * pin under the cosy bpffs root, so a pin of that name holds the compound
 * of that object, verified once; a changed program or another cosy-cc
 * gives another name.  Computed here, not at each process's start: hashing
 * tens of KiB costs a short program more than attaching does.
 */
static char *cache_name(const struct region *r, const char *obj)
{
	unsigned long long h;
	size_t len;
	char *buf = read_file(obj, &len);
	char *name;

	if (!buf) {
		tool_error("%s: %s", obj, strerror(errno));
		return NULL;
	}
	h = fnv1a(0xcbf29ce484222325ull, buf, len);
	name = xasprintf("cc-%.64s-%zx-%016llx", r->name, len, h);
	free(buf);
	return name;
}

static const char *out_dir(struct opts *o);

static int compile_bpf(struct opts *o, const char *src, const char *obj)
{
	struct argv a = { 0 };
	const char *extra = getenv("COSY_CC_BPF_CFLAGS");
	int rc;

	av_push(&a, o->bpf_clang);
	av_push(&a, "-g");
	av_push(&a, "-O2");
	av_push(&a, "-target");
	av_push(&a, "bpf");
	/*
	 * v2: jumps on < and <= exist, so `i < count` is `if ri < count`
	 * against an immediate; v1 spells it `count > ri` with the count in
	 * a register, which 6.1's verifier cannot decide from ri's range,
	 * and walks the dead side with a range that makes no sense.
	 */
	av_push(&a, "-mcpu=v2");
	av_push(&a, "-D__TARGET_ARCH_x86");
	/*
	 * The same program, the same object: the debug info names the
	 * generated source as ./NAME.bpf.c, not in this run's temporary
	 * directory, so that two builds share one pin (its name hashes the
	 * object) and a cached compound is not verified again.
	 */
	av_pushf(&a, "-ffile-prefix-map=%s=.", out_dir(o));
	av_push(&a, "-fdebug-compilation-dir=.");
	av_push(&a, "-Wall");
	/* -w: the program's own expressions, copied into the compound, warn no more */
	for (unsigned i = 0; i < o->cc.n; i++)
		if (!strcmp(o->cc.v[i], "-w"))
			av_push(&a, "-w");
	av_pushf(&a, "-I%s", o->include_dir);
	av_pushf(&a, "-I%s", o->runtime_dir);
	if (extra && *extra) {
		char *copy = xstrdup(extra), *save = NULL;

		for (char *t = strtok_r(copy, " \t", &save); t; t = strtok_r(NULL, " \t", &save))
			av_push(&a, t);
		free(copy);
	}
	av_push(&a, "-c");
	av_push(&a, src);
	av_push(&a, "-o");
	av_push(&a, obj);
	rc = run_cmd(&a, o->verbose);
	av_free(&a);
	return rc;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Where generated files go: --emit-bpf DIR, or the temporary directory. */
static const char *out_dir(struct opts *o)
{
	return o->emit_dir ? o->emit_dir : o->tmpdir;
}

/*
 * The stem of a region's generated files: its name, unless a region of an
 * earlier file of this command has it too (names are unique per file only;
 * it would overwrite that one's compound): NAME-2, NAME-3, ...
 */
static char *region_stem(struct opts *o, const char *name)
{
	for (unsigned n = 1;; n++) {
		char *stem = n == 1 ? xstrdup(name) : xasprintf("%s-%u", name, n);
		bool used = false;

		for (unsigned i = 0; i < o->stems.n && !used; i++)
			used = !strcmp(o->stems.v[i], stem);
		if (!used) {
			av_push(&o->stems, stem);
			return stem;
		}
		free(stem);
	}
}

/*
 * Lower one file's regions.  *out: the path to compile instead of it
 * (NULL: compile it as it is).  0, or an exit status.
 */
static int lower_file(struct opts *o, const char *path, char **out)
{
	struct argv args = { 0 };
	struct unit *u;
	char *res = resource_dir(), **objs = NULL, **cnames = NULL;
	int status = 0;

	*out = NULL;
	av_push(&args, "-xc");
	for (unsigned i = 0; i < o->pp.n; i++)
		av_push(&args, o->pp.v[i]);
	av_pushf(&args, "-I%s", o->include_dir);
	av_pushf(&args, "-I%s", o->runtime_dir);
	av_push(&args, "-D__COSY_CC__=1");
	/*
	 * glibc's <ctype.h> makes isspace(c) a subscript of *__ctype_b_loc()
	 * and toupper(c) a statement expression: seen as the calls they
	 * stand for, they lower to the program's own tables (ctype_call()).
	 * The program itself is compiled with the macros.
	 */
	av_push(&args, "-D__NO_CTYPE=1");
	if (res) {
		av_push(&args, "-resource-dir");
		av_push(&args, res);
	} else {
		tool_note("warning: clang's resource directory not found: set COSY_CC_RESOURCE_DIR");
	}
	free(res);
	u = unit_parse(path, &args, o->verbose);
	av_free(&args);
	if (!u)
		return 1;
	if (unit_find_regions(u) < 0) {
		status = 1;
		goto out;
	}
	if (o->verbose)
		fprintf(stderr, "cosy-cc: %s: %u region%s\n", path, u->nregions,
			u->nregions == 1 ? "" : "s");
	if (!u->nregions)
		goto out;
	for (unsigned i = 0; i < u->nregions; i++) {
		struct region *r = u->regions[i];

		if (ir_build(u, r) == 0)
			analyze_region(u, r);
	}
	if (u->errors) {
		status = 1;
		goto out;
	}
	objs = xcalloc(u->nregions, sizeof(*objs));
	cnames = xcalloc(u->nregions, sizeof(*cnames));
	for (unsigned i = 0; i < u->nregions; i++) {
		struct region *r = u->regions[i];
		struct sbuf src = { 0 };
		char *stem = region_stem(o, r->name);
		char *src_path = xasprintf("%s/%s.bpf.c", out_dir(o), stem);
		char abs[PATH_MAX];

		if (o->verbose)
			verbose_region(u, r);
		emit_bpf(u, r, &src);
		if (write_file(src_path, src.s, src.len)) {
			tool_error("%s: %s", src_path, strerror(errno));
			status = 1;
		}
		sb_free(&src);
		objs[i] = xasprintf("%s/%s.bpf.o", out_dir(o), stem);
		free(stem);
		if (!status && compile_bpf(o, src_path, objs[i]) != 0) {
			tool_error("%s: the generated compound for region '%s' (%s:%u) did not "
				   "compile; this is a cosy-cc bug: please report it with the "
				   "region", src_path, r->name, path, r->loc.line);
			status = 1;
		}
		if (!status && realpath(objs[i], abs)) {
			free(objs[i]);
			objs[i] = xstrdup(abs);
		}
		if (!status && !(cnames[i] = cache_name(r, objs[i])))
			status = 1;
		free(src_path);
		if (status)
			goto out;
	}
	{
		struct sbuf host = { 0 };
		static unsigned nth;
		char *dir = xasprintf("%s/host%u", o->tmpdir, nth++);

		emit_host(u, objs, cnames, &host);
		/* the same base name, so `cc -c` names the object as for the original */
		mkdir(dir, 0700);
		*out = xasprintf("%s/%s", dir, base_name(path));
		free(dir);
		if (write_file(*out, host.s, host.len)) {
			tool_error("%s: %s", *out, strerror(errno));
			status = 1;
		}
		if (o->emit_dir) {
			char *keep = xasprintf("%s/%.*s.host.c", o->emit_dir,
					       (int)(strlen(base_name(path)) - 2), base_name(path));

			write_file(keep, host.s, host.len);
			free(keep);
		}
		sb_free(&host);
	}
out:
	if (objs) {
		for (unsigned i = 0; i < u->nregions; i++) {
			free(objs[i]);
			free(cnames[i]);
		}
		free(objs);
		free(cnames);
	}
	unit_free(u);
	return status;
}

/* --- linking ----------------------------------------------------------------------- */

static void add_link_libs(struct opts *o, struct argv *cc)
{
	char *rt = xasprintf("%s/libcosy-region.a", o->lib_dir);
	char *lib = xasprintf("%s/libcosy.a", o->lib_dir);

	av_push(cc, rt);
	if (!o->tree) {
		/* installed: libcosy and its libbpf through pkg-config, when it knows them */
		FILE *p = popen("pkg-config --libs --static libcosy 2>/dev/null", "r");
		char line[1024];

		if (p && fgets(line, sizeof(line), p) && pclose(p) == 0) {
			char *save = NULL;

			p = NULL;
			for (char *t = strtok_r(line, " \t\n", &save); t; t = strtok_r(NULL, " \t\n", &save))
				av_push(cc, t);
			free(rt);
			free(lib);
			return;
		}
		if (p)
			pclose(p);
	}
	av_push(cc, lib);
	av_push(cc, "-Wl,--push-state,--as-needed");
	av_push(cc, "-lbpf");
	av_push(cc, "-lelf");
	av_push(cc, "-lz");
	av_push(cc, "-lzstd");
	av_push(cc, "-Wl,--pop-state");
	free(rt);
	free(lib);
}

/*
 * -MD/-MMD: the host compiler named the rewritten copy as the object's
 * prerequisite; name the original, which make can find again.
 */
static void fix_depfiles(struct opts *o, char **rewritten)
{
	const char *mf = NULL, *out = NULL;
	bool md = false;

	for (unsigned i = 0; i < o->cc.n; i++) {
		const char *a = o->cc.v[i];

		if (!strcmp(a, "-MD") || !strcmp(a, "-MMD"))
			md = true;
		else if (!strcmp(a, "-MF") && i + 1 < o->cc.n)
			mf = o->cc.v[i + 1];
		else if (!strcmp(a, "-o") && i + 1 < o->cc.n)
			out = o->cc.v[i + 1];
	}
	if (!md)
		return;
	for (unsigned j = 0; j < o->ninputs; j++) {
		const char *src = o->cc.v[o->inputs[j]];
		char *dep, *text, *dot;
		struct sbuf fixed = { 0 };
		size_t len, rl;

		if (!rewritten[j])
			continue;
		if (mf) {
			dep = xstrdup(mf);
		} else {
			/* gcc: the -o name (or the source's base name) with .d */
			dep = out && o->ninputs == 1 ? xstrdup(out) : xstrdup(base_name(src));
			dot = strrchr(dep, '.');
			if (dot && !strchr(dot, '/'))
				*dot = 0;
			text = xasprintf("%s.d", dep);
			free(dep);
			dep = text;
		}
		text = read_file(dep, &len);
		if (text) {
			rl = strlen(rewritten[j]);
			for (size_t k = 0; k < len; k++) {
				if (!strncmp(text + k, rewritten[j], rl)) {
					sb_puts(&fixed, src);
					k += rl - 1;
				} else {
					sb_putc(&fixed, text[k]);
				}
			}
			write_file(dep, fixed.s ? fixed.s : "", fixed.len);
			sb_free(&fixed);
			free(text);
		}
		free(dep);
	}
}

static int mkdir_p(const char *path)
{
	char *p = xstrdup(path);
	int rc = 0;

	for (char *s = p + 1; *s && !rc; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0755) && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (!rc && mkdir(p, 0755) && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

static void rm_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (d) {
		while ((e = readdir(d))) {
			char *p;

			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			p = xasprintf("%s/%s", path, e->d_name);
			rm_tree(p);
			free(p);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static char *tmpdir_to_remove;

/* Interrupted (or a closed pipe): leave no temporary directory behind. */
static void on_signal(int sig)
{
	if (tmpdir_to_remove && !getenv("COSY_CC_KEEP_TMP"))
		rm_tree(tmpdir_to_remove);
	signal(sig, SIG_DFL);
	raise(sig);
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct argv cc = { 0 };
	char **rewritten;
	int status;

	default_paths(&o);
	o.include_dir = env_or("COSY_CC_INCLUDE", o.include_dir);
	o.runtime_dir = env_or("COSY_CC_RUNTIME", o.runtime_dir);
	o.lib_dir = env_or("COSY_CC_LIBDIR", o.lib_dir);
	o.bpf_clang = env_or("COSY_CC_CLANG", "clang");
	o.host_cc = env_or("COSY_CC_HOSTCC", "cc");
	status = parse_args(&o, argc, argv);
	if (status)
		return status < 0 ? 0 : status;

	if (o.emit_dir && mkdir_p(o.emit_dir)) {
		tool_error("--emit-bpf %s: %s", o.emit_dir, strerror(errno));
		return 1;
	}
	{
		const char *t = env_or("TMPDIR", "/tmp");

		o.tmpdir = xasprintf("%s/cosy-cc.XXXXXX", t);
		if (!mkdtemp(o.tmpdir)) {
			tool_error("cannot make a temporary directory in %s: %s", t, strerror(errno));
			return 1;
		}
		tmpdir_to_remove = o.tmpdir;
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		signal(SIGHUP, on_signal);
		signal(SIGPIPE, on_signal);
	}

	rewritten = xcalloc(o.ninputs, sizeof(*rewritten));
	status = 0;
	if (!o.preprocess_only)
		for (unsigned i = 0; i < o.ninputs; i++) {
			int s = lower_file(&o, o.cc.v[o.inputs[i]], &rewritten[i]);

			if (s)
				status = s;
		}
	if (status)
		goto out;

	/* the host compile: the caller's options, the rewritten sources */
	av_push(&cc, o.host_cc);
	av_pushf(&cc, "-I%s", o.runtime_dir);
	av_pushf(&cc, "-I%s", o.include_dir);
	av_push(&cc, "-D__COSY_CC__=1");
	for (unsigned i = 0; i < o.cc.n; i++) {
		char *sub = NULL;

		for (unsigned j = 0; j < o.ninputs; j++)
			if (o.inputs[j] == i)
				sub = rewritten[j];
		if (sub) {
			/* "..." includes are found next to the original */
			char *dir = xstrdup(o.cc.v[i]);

			av_pushf(&cc, "-iquote%s", dirname(dir));
			free(dir);
			av_push(&cc, sub);
		} else {
			av_push(&cc, o.cc.v[i]);
		}
	}
	if (o.link)
		add_link_libs(&o, &cc);
	status = run_cmd(&cc, o.verbose);
	if (status == 0)
		fix_depfiles(&o, rewritten);
out:
	for (unsigned i = 0; i < o.ninputs; i++)
		free(rewritten[i]);
	free(rewritten);
	if (!getenv("COSY_CC_KEEP_TMP"))
		rm_tree(o.tmpdir);
	else
		tool_note("kept %s", o.tmpdir);
	av_free(&cc);
	av_free(&o.cc);
	av_free(&o.pp);
	av_free(&o.stems);
	free(o.inputs);
	free(o.tmpdir);
	return status;
}
