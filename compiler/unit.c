// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * One source file through libclang: parse it, print its errors, find the
 * regions.  A region is the block COSY_START(name) ... COSY_END() opens
 * (include/cosy/cosy.h): an outer compound statement whose first statement
 * declares a variable annotated "cosy:region:NAME", whose second and last
 * statement is the region's body.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cosycc.h"

#define REGION_ANNOTATION "cosy:region:"

struct loc unit_loc(struct unit *u, CXSourceLocation l)
{
	struct loc loc = { .file = u->path };
	CXFile f;

	clang_getExpansionLocation(l, &f, &loc.line, &loc.col, &loc.off);
	return loc;
}

struct loc cursor_loc(struct unit *u, CXCursor c)
{
	return unit_loc(u, clang_getCursorLocation(c));
}

const char *unit_line(struct unit *u, unsigned line, size_t *len)
{
	const char *p = u->text, *e;

	while (--line && p)
		p = (p = strchr(p, '\n')) ? p + 1 : NULL;
	if (!p) {
		*len = 0;
		return "";
	}
	e = strchr(p, '\n');
	*len = e ? (size_t)(e - p) : strlen(p);
	return p;
}

static void diag_v(struct unit *u, struct loc loc, const char *kind, const char *fmt,
		   va_list ap)
{
	const char *line;
	size_t len;

	fprintf(stderr, "%s:%u:%u: %s: ", loc.file ? loc.file : u->path, loc.line, loc.col, kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	line = unit_line(u, loc.line, &len);
	if (len) {
		fprintf(stderr, "%.*s\n", (int)len, line);
		/* the caret under the column; tabs kept so it lines up */
		for (unsigned i = 0; i + 1 < loc.col && i < len; i++)
			fputc(line[i] == '\t' ? '\t' : ' ', stderr);
		fputs("^\n", stderr);
	}
}

/*
 * A helper inlined at two calls is lowered twice, and what it cannot do
 * is refused at each: the same error at the same place is printed once
 * (and counted each time).
 */
void diag_error(struct unit *u, struct loc loc, const char *fmt, ...)
{
	unsigned long long h = 0xcbf29ce484222325ull;
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	u->errors++;
	h = fnv1a(h, &loc.line, sizeof(loc.line));
	h = fnv1a(h, &loc.col, sizeof(loc.col));
	if (loc.file)
		h = fnv1a(h, loc.file, strlen(loc.file));
	h = fnv1a(h, text, strlen(text));
	for (unsigned i = 0; i < u->nseen; i++)
		if (u->seen[i] == h)
			return;
	u->seen = xrealloc(u->seen, sizeof(*u->seen) * (u->nseen + 1));
	u->seen[u->nseen++] = h;
	u->shown++;
	va_start(ap, fmt);
	diag_v(u, loc, "error", fmt, ap);
	va_end(ap);
}

void diag_note(struct unit *u, struct loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_v(u, loc, "note", fmt, ap);
	va_end(ap);
}

/* --- parsing ---------------------------------------------------------------- */

static enum CXChildVisitResult collect_macros(CXCursor c, CXCursor parent, CXClientData data)
{
	struct unit *u = data;
	CXSourceRange r;
	CXFile f;
	unsigned s, e;

	if (clang_getCursorKind(c) != CXCursor_MacroExpansion)
		return CXChildVisit_Continue;
	r = clang_getCursorExtent(c);
	clang_getExpansionLocation(clang_getRangeStart(r), &f, NULL, NULL, &s);
	if (!f || !clang_File_isEqual(f, u->file))
		return CXChildVisit_Continue;
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e);
	if ((u->nmacros & (u->nmacros - 1)) == 0)
		u->macros = xrealloc(u->macros, sizeof(*u->macros) * (u->nmacros ? u->nmacros * 2 : 1));
	u->macros[u->nmacros++] = (struct range){ s, e };
	return CXChildVisit_Continue;
}

bool unit_in_macro(struct unit *u, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	unsigned s, e;

	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &s);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e);
	for (unsigned i = 0; i < u->nmacros; i++)
		if (u->macros[i].start <= s && e <= u->macros[i].end)
			return true;
	return false;
}

/* Where glibc declares the functions a region can call; NULL: not one of them. */
static const char *header_of(const char *fn)
{
	static const struct {
		const char *header, *fns;
	} h[] = {
		{ "<fcntl.h>", " open openat creat " },
		{ "<unistd.h>", " read write close lseek pread pwrite unlink unlinkat fsync "
				"fdatasync ftruncate " },
		{ "<sys/stat.h>", " stat lstat fstat fstatat " },
		{ "<dirent.h>", " getdents64 " },
		{ "<string.h>", " memmem memchr memrchr memcmp memcpy memmove memset strlen "
				"strnlen strcmp strncmp strchr strrchr " },
		{ "<ctype.h>", " isalnum isalpha isblank iscntrl isdigit isgraph islower "
			       "isprint ispunct isspace isupper isxdigit isascii toascii "
			       "toupper tolower " },
	};
	char word[64];

	if (snprintf(word, sizeof(word), " %s ", fn) >= (int)sizeof(word))
		return NULL;
	for (unsigned i = 0; i < sizeof(h) / sizeof(h[0]); i++)
		if (strstr(h[i].fns, word))
			return h[i].header;
	return NULL;
}

/* Print libclang's errors as clang does; true if there were any. */
static bool print_errors(CXTranslationUnit tu)
{
	unsigned n = clang_getNumDiagnostics(tu), opts = clang_defaultDiagnosticDisplayOptions();
	bool bad = false, implicit = false;
	char fn[64] = "";

	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);

		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			CXString s = clang_formatDiagnostic(d, opts);
			CXString opt = clang_getDiagnosticOption(d, NULL);

			fprintf(stderr, "%s\n", clang_getCString(s));
			if (!strcmp(clang_getCString(opt), "-Wimplicit-function-declaration")) {
				/* "call to undeclared function 'NAME'; ..." */
				CXString sp = clang_getDiagnosticSpelling(d);
				const char *q = strchr(clang_getCString(sp), '\'');

				if (!implicit && q && strchr(q + 1, '\'') &&
				    (size_t)(strchr(q + 1, '\'') - q - 1) < sizeof(fn))
					snprintf(fn, sizeof(fn), "%.*s",
						 (int)(strchr(q + 1, '\'') - q - 1), q + 1);
				clang_disposeString(sp);
				implicit = true;
			}
			clang_disposeString(opt);
			clang_disposeString(s);
			bad = true;
		}
		clang_disposeDiagnostic(d);
	}
	/* gcc warns and goes on; clang 16 and later refuse */
	if (implicit && !strncmp(fn, "cosy_region_", 12)) {
		fprintf(stderr, "cosy-cc: note: %s() is cosy-cc's own, declared in "
			"<cosy_region.h>, which only cosy-cc provides: #include it under "
			"#ifdef __COSY_CC__, so that the plain build still compiles\n", fn);
	} else if (implicit && fn[0] && header_of(fn)) {
		bool gnu = !strcmp(fn, "getdents64") || !strcmp(fn, "memmem") ||
			   !strcmp(fn, "memrchr");

		fprintf(stderr, "cosy-cc: note: cc may only warn about an undeclared function; "
			"glibc declares %s() in %s%s: #include %s, with #define _GNU_SOURCE "
			"before the first #include%s\n", fn, header_of(fn),
			gnu ? ", and only under _GNU_SOURCE" : "", header_of(fn),
			gnu ? "" : " under a strict -std=c99/c11/c17, which hides the POSIX "
			"functions (fstatat, openat)");
	} else if (implicit)
		fprintf(stderr, "cosy-cc: note: cc may only warn about an undeclared function; "
			"glibc declares its GNU functions (memmem) only with _GNU_SOURCE, and "
			"a strict -std=c99/c11/c17 hides its POSIX ones too (fstatat, "
			"openat): #define _GNU_SOURCE before the first #include\n");
	return bad;
}

struct unit *unit_parse(const char *path, struct argv *clang_args, bool verbose)
{
	struct unit *u = xcalloc(1, sizeof(*u));
	enum CXErrorCode err;

	u->path = path;
	u->text = read_file(path, &u->len);
	if (!u->text) {
		tool_error("%s: %s", path, strerror(errno));
		free(u);
		return NULL;
	}
	if (verbose) {
		fprintf(stderr, "cosy-cc: parse %s with libclang:", path);
		for (unsigned i = 0; i < clang_args->n; i++)
			fprintf(stderr, " %s", clang_args->v[i]);
		fputc('\n', stderr);
	}
	u->index = clang_createIndex(0, 0);
	err = clang_parseTranslationUnit2(u->index, path, (const char *const *)clang_args->v,
					  clang_args->n, NULL, 0,
					  CXTranslationUnit_DetailedPreprocessingRecord, &u->tu);
	if (err != CXError_Success) {
		tool_error("%s: libclang could not parse it (error %d)", path, err);
		unit_free(u);
		return NULL;
	}
	if (print_errors(u->tu)) {
		unit_free(u);
		return NULL;
	}
	u->file = clang_getFile(u->tu, path);
	clang_visitChildren(clang_getTranslationUnitCursor(u->tu), collect_macros, u);
	return u;
}

void unit_free(struct unit *u)
{
	if (!u)
		return;
	if (u->tu)
		clang_disposeTranslationUnit(u->tu);
	if (u->index)
		clang_disposeIndex(u->index);
	free(u->macros);
	free(u->text);
	free(u);
}

/* --- finding regions ---------------------------------------------------------- */

enum CXChildVisitResult push_kid(CXCursor c, CXCursor parent, CXClientData data)
{
	struct kids *k = data;

	if ((k->n & (k->n - 1)) == 0)
		k->v = xrealloc(k->v, sizeof(*k->v) * (k->n ? k->n * 2 : 1));
	k->v[k->n++] = c;
	return CXChildVisit_Continue;
}

struct kids children(CXCursor c)
{
	struct kids k = { 0 };

	clang_visitChildren(c, push_kid, &k);
	return k;
}

/* "NAME" if `var` carries annotate("cosy:region:NAME"), else NULL. */
static char *region_annotation(CXCursor var)
{
	struct kids k = children(var);
	char *name = NULL;

	for (unsigned i = 0; i < k.n && !name; i++) {
		CXString s;

		if (clang_getCursorKind(k.v[i]) != CXCursor_AnnotateAttr)
			continue;
		s = clang_getCursorSpelling(k.v[i]);
		if (!strncmp(clang_getCString(s), REGION_ANNOTATION, strlen(REGION_ANNOTATION)))
			name = xstrdup(clang_getCString(s) + strlen(REGION_ANNOTATION));
		clang_disposeString(s);
	}
	free(k.v);
	return name;
}

/* If compound statement `c` is a region's outer block: its name. */
static char *region_of_block(CXCursor c, struct kids *k)
{
	struct kids d;
	char *name = NULL;

	if (k->n < 1 || clang_getCursorKind(k->v[0]) != CXCursor_DeclStmt)
		return NULL;
	d = children(k->v[0]);
	if (d.n == 1 && clang_getCursorKind(d.v[0]) == CXCursor_VarDecl)
		name = region_annotation(d.v[0]);
	free(d.v);
	return name;
}

static size_t skip_space(const char *t, size_t i, size_t len)
{
	while (i < len && isspace((unsigned char)t[i]))
		i++;
	return i;
}

/* At `i`: MACRO ( [ident] ) -> the offset after the ')', or 0. */
static size_t match_marker(const char *t, size_t i, size_t len, const char *macro)
{
	size_t m = strlen(macro);

	if (i + m > len || strncmp(t + i, macro, m))
		return 0;
	i = skip_space(t, i + m, len);
	if (i >= len || t[i] != '(')
		return 0;
	i = skip_space(t, i + 1, len);
	while (i < len && (isalnum((unsigned char)t[i]) || t[i] == '_'))
		i++;
	i = skip_space(t, i, len);
	if (i >= len || t[i] != ')')
		return 0;
	return i + 1;
}

/* The line and column of byte offset `off`. */
static void line_of(struct unit *u, unsigned off, struct loc *loc)
{
	loc->line = 1;
	loc->col = 1;
	loc->off = off;
	for (unsigned i = 0; i < off && i < u->len; i++) {
		if (u->text[i] == '\n') {
			loc->line++;
			loc->col = 1;
		} else {
			loc->col++;
		}
	}
}

struct finder {
	struct unit *u;
	struct region *inside;	/* the region being walked, for nesting */
};

static void find_in(struct finder *f, CXCursor c);

static void add_region(struct finder *f, CXCursor outer, struct kids *k, char *name)
{
	struct unit *u = f->u;
	struct region *r;
	CXSourceRange ext = clang_getCursorExtent(outer);
	CXFile file;
	unsigned end_at;

	r = xcalloc(1, sizeof(*r));
	r->name = name;
	r->loc = unit_loc(u, clang_getRangeStart(ext));
	clang_getExpansionLocation(clang_getRangeStart(ext), &file, NULL, NULL, NULL);
	if (!file || !clang_File_isEqual(file, u->file)) {
		/* at its place in that file (diag_error() shows this file's lines) */
		CXString fn = clang_getFileName(file);
		const char *where = file ? clang_getCString(fn) : NULL;

		fprintf(stderr, "%s:%u:%u: error: region '%s' is in an included file: cosy-cc "
			"lowers the regions of the source files it compiles (%s), not of "
			"those they include; move the function into a .c file\n",
			where ? where : "?", r->loc.line, r->loc.col, name, u->path);
		if (file)
			clang_disposeString(fn);
		u->errors++;
		free(r->name);
		free(r);
		return;
	}
	if (f->inside) {
		diag_error(u, r->loc, "nested region '%s' cannot run in a compound: it is inside "
			   "region '%s', and one compound cannot start another", name,
			   f->inside->name);
		diag_note(u, f->inside->loc, "region '%s' starts here", f->inside->name);
		free(r->name);
		free(r);
		return;
	}
	r->start_off = r->loc.off;
	end_at = unit_loc(u, clang_getRangeEnd(ext)).off;
	r->body_off = match_marker(u->text, r->start_off, u->len, "COSY_START");
	/*
	 * libclang puts the end of a block closed inside a macro expansion at
	 * the end of the invocation (after "COSY_END()"): find its start.
	 */
	r->end_off = match_marker(u->text, end_at, u->len, "COSY_END");
	if (!r->end_off) {
		size_t m = strlen("COSY_END");

		for (unsigned i = end_at; i-- > r->start_off;) {
			if (!strncmp(u->text + i, "COSY_END", m)) {
				if (match_marker(u->text, i, u->len, "COSY_END") == end_at) {
					r->end_off = end_at;
					end_at = i;
				}
				break;
			}
		}
	}
	r->end_loc = unit_loc(u, clang_getRangeStart(ext));
	line_of(u, end_at, &r->end_loc);
	if (!r->body_off || !r->end_off || k->n != 2 ||
	    clang_getCursorKind(k->v[1]) != CXCursor_CompoundStmt) {
		diag_error(u, r->loc, "region '%s' is malformed: write COSY_START(%s) ... "
			   "COSY_END() around a block, the markers spelled out in this file",
			   name, name);
		free(r->name);
		free(r);
		return;
	}
	r->body_end = end_at;
	r->body_cursor = k->v[1];
	{
		/* the marker variable's function is the region's */
		struct kids d = children(k->v[0]);

		r->func = d.n ? clang_getCursorSemanticParent(d.v[0]) : clang_getNullCursor();
		free(d.v);
	}
	for (unsigned i = 0; i < u->nregions; i++)
		if (!strcmp(u->regions[i]->name, name)) {
			diag_error(u, r->loc, "region name '%s' is used twice in this file", name);
			diag_note(u, u->regions[i]->loc, "first used here");
			break;
		}
	ptrvec_push((void ***)&u->regions, &u->nregions, r);
	/* look for regions nested in this one */
	f->inside = r;
	find_in(f, k->v[1]);
	f->inside = NULL;
}

static void find_in(struct finder *f, CXCursor c)
{
	struct kids k = children(c);
	char *name = NULL;

	if (clang_getCursorKind(c) == CXCursor_CompoundStmt)
		name = region_of_block(c, &k);
	if (name) {
		add_region(f, c, &k, name);
	} else {
		for (unsigned i = 0; i < k.n; i++) {
			CXSourceLocation l = clang_getCursorLocation(k.v[i]);

			/*
			 * Only this file's code can hold its regions; one in a
			 * header of the program's (a static inline function)
			 * is found to be refused (add_region()), not left to
			 * run as plain C unsaid.  The system's are not read.
			 */
			if (clang_getCursorKind(c) == CXCursor_TranslationUnit &&
			    clang_Location_isInSystemHeader(l))
				continue;
			find_in(f, k.v[i]);
		}
	}
	free(k.v);
}

int unit_find_regions(struct unit *u)
{
	struct finder f = { .u = u };
	int before = u->errors;

	find_in(&f, clang_getTranslationUnitCursor(u->tu));
	return u->errors > before ? -1 : 0;
}
