// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A region's cursors -> IR.  This is where the restricted C is enforced:
 * every construct outside it is refused here with
 *	file:line:col: error: <construct> cannot run in a compound: <why>
 * and nothing is ever lowered approximately.
 *
 * Operators come from libclang (clang_getCursorBinaryOperatorKind, 17 and
 * later), so macros over variables (MIN(a, b), S_ISDIR(st.st_mode)) lower
 * like the code they expand to.  Built against an older libclang, which has
 * no such API, cosy-cc reads them from the tokens of the expression (the
 * first token after the left operand) and refuses an operator that comes
 * from a macro expansion.  Macros that fold to constants (O_RDONLY, BUFSIZ,
 * EINTR) are evaluated, and errno is recognised by its expansion.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "cosycc.h"
#include "runtime/cosy_region.h"

/* libclang names operators itself from CINDEX 0.64 (LLVM 17) */
#if CINDEX_VERSION_MAJOR > 0 || CINDEX_VERSION_MINOR >= 64
#define COSY_CC_OPCODES 1
#else
#define COSY_CC_OPCODES 0
#endif

#define INLINE_DEPTH	8	/* helpers calling helpers */
#define INLINE_BUDGET	800	/* IR nodes the inlined calls of one statement add up to */

struct irb {
	struct unit *u;
	struct region *r;
	unsigned loop_depth;
	unsigned switch_depth;
	/* what break leaves, innermost last: 'L' a loop, 'S' a switch */
	char brk[64];
	unsigned nbrk;
	CXCursor top;		/* the expression of the statement being built */
	/* scalars whose address the region takes (&c): they live in memory */
	CXCursor *addressed;
	unsigned naddressed;
	/* pointer variables from outside the region that it assigns */
	CXCursor *ptrvars;
	unsigned nptrvars;
	/* other variables the region assigns (=, op=, ++, --) */
	CXCursor *assigned;
	unsigned nassigned;
	/*
	 * The labels a goto may reach: at the region's top level, and in the
	 * blocks being lowered (each while it is), with the depth of loops
	 * each is in; goto L is C's own where it is in the same loop as L.
	 */
	CXCursor *labels;
	unsigned *label_depth;
	bool *label_live;
	unsigned nlabels;
	/* why host_str() could not take the last path: a variable of the region */
	char host_why[160];
	/* the helper functions being inlined, innermost last (inline_call()) */
	struct inl_frame {
		CXCursor fn;
		CXCursor *decls;	/* its parameters and locals ... */
		struct var **vars;	/* ... and the vars of this call */
		unsigned n;
		bool block;	/* inlined as statements (blk_inline()): */
		struct var *ret;	/* the value it returns (NULL: void) */
		struct var *done;	/* set by a return in a loop or a switch */
		unsigned brk_base;	/* b->nbrk at its body */
	} inl[INLINE_DEPTH];
	unsigned ninl;
	/* calls blk_inline() lowered before their statement: what each is worth */
	struct blk_call {
		CXCursor call;		/* or a test (test) blk_guard_once() evaluated */
		struct var *ret;	/* NULL: void */
		bool test;
	} *blk;
	unsigned nblk;
	unsigned inl_nodes;	/* IR nodes inlined calls added to the statement ... */
	CXCursor inl_top;	/* ... at b->top */
	/* the table of strings a string literal ptr_expr() meets goes into */
	struct var *lit_tab;
	/* else: a literal a pointer variable takes goes into the region's pool */
	bool lit_pool;
	/* the DIR * an opendir() being lowered is assigned to */
	struct var *dir_dest;
	/* where host tails were refused: each place said once (host_tail()) */
	unsigned tail_bad[16];
	unsigned ntail_bad;
};

struct var null_target = { .name = "NULL" };

static void brk_push(struct irb *b, char what)
{
	if (b->nbrk < sizeof(b->brk))
		b->brk[b->nbrk] = what;
	b->nbrk++;
}

static void brk_pop(struct irb *b)
{
	b->nbrk--;
}

/* Does a break here leave a switch (not a loop)? */
static bool brk_is_switch(const struct irb *b)
{
	return b->nbrk && b->nbrk <= sizeof(b->brk) && b->brk[b->nbrk - 1] == 'S';
}


/* The expression children (TypeRefs and attributes left out). */
static struct kids expr_children(CXCursor c)
{
	struct kids all = children(c), k = { 0 };

	for (unsigned i = 0; i < all.n; i++)
		if (clang_isExpression(clang_getCursorKind(all.v[i])))
			push_kid(all.v[i], c, &k);
	free(all.v);
	return k;
}

static char *spelling(CXCursor c);
static bool binop_token(struct irb *b, CXCursor c, CXCursor lhs, char *buf, size_t size);
static bool unop_token(struct irb *b, CXCursor c, char *buf, size_t size, bool *post);

/*
 * Is condition c's truth known when compiling (*t)?  What clang folds,
 * and __builtin_constant_p(x), which is 1 if clang folds x and else 0
 * (GCC's own answer may be either where it cannot tell: code that asks
 * must be right both ways), joined by &&, || and !.  glibc's
 * fread_unlocked() and fwrite_unlocked() macros choose by it between a
 * loop over a copy of the FILE * and the call.
 */
static bool cond_known(struct irb *b, CXCursor c, bool *t)
{
	CXEvalResult e = clang_Cursor_Evaluate(c);
	enum CXCursorKind k = clang_getCursorKind(c);
	struct kids kk;
	bool known = false, l, r;
	char tok[8];

	if (e) {
		known = clang_EvalResult_getKind(e) == CXEval_Int;
		if (known)
			*t = clang_EvalResult_getAsLongLong(e) != 0;
		clang_EvalResult_dispose(e);
		if (known)
			return true;
	}
	kk = expr_children(c);
	if (k == CXCursor_ParenExpr && kk.n == 1) {
		known = cond_known(b, kk.v[0], t);
	} else if (k == CXCursor_CallExpr && kk.n == 2) {
		char *name = spelling(c);

		if (!strcmp(name, "__builtin_constant_p")) {
			e = clang_Cursor_Evaluate(kk.v[1]);
			*t = e && clang_EvalResult_getKind(e) == CXEval_Int;
			if (e)
				clang_EvalResult_dispose(e);
			known = true;
		}
		free(name);
	} else if (k == CXCursor_UnaryOperator && kk.n == 1 &&
		   unop_token(b, c, tok, sizeof(tok), &l) && !strcmp(tok, "!")) {
		known = cond_known(b, kk.v[0], t);
		*t = known && !*t;
	} else if (k == CXCursor_BinaryOperator && kk.n == 2 &&
		   binop_token(b, c, kk.v[0], tok, sizeof(tok)) &&
		   (!strcmp(tok, "&&") || !strcmp(tok, "||"))) {
		bool lk = cond_known(b, kk.v[0], &l), rk = cond_known(b, kk.v[1], &r);
		bool stop = tok[0] == '|';	/* the value that decides: 1 for ||, 0 for && */

		if ((lk && l == stop) || (rk && r == stop)) {
			known = true;
			*t = stop;
		} else if (lk && rk) {
			known = true;
			*t = !stop;
		}
	}
	free(kk.v);
	return known;
}

struct pure_walk {
	struct irb *b;
	bool impure;
};

/* fn over c itself, then over what is under it if fn says CXChildVisit_Recurse */
static void visit_tree(CXCursor c, CXCursorVisitor fn, CXClientData data)
{
	if (fn(c, clang_getNullCursor(), data) == CXChildVisit_Recurse)
		clang_visitChildren(c, fn, data);
}

/* Does anything under c do something: a call, an assignment, ++ or --, a ({ }). */
static enum CXChildVisitResult pure_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct pure_walk *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	char tok[8];
	bool post;

	(void)parent;
	if (k == CXCursor_CallExpr) {
		char *name = spelling(c);
		bool bcp = !strcmp(name, "__builtin_constant_p");

		free(name);
		if (bcp)
			return CXChildVisit_Continue;	/* its argument is not evaluated */
		w->impure = true;
	} else if (k == CXCursor_CompoundAssignOperator || k == CXCursor_StmtExpr) {
		w->impure = true;
	} else if (k == CXCursor_BinaryOperator) {
		struct kids kk = expr_children(c);

		w->impure = kk.n != 2 || !binop_token(w->b, c, kk.v[0], tok, sizeof(tok)) ||
			    !strcmp(tok, "=");
		free(kk.v);
	} else if (k == CXCursor_UnaryOperator) {
		w->impure = !unop_token(w->b, c, tok, sizeof(tok), &post) ||
			    !strcmp(tok, "++") || !strcmp(tok, "--");
	}
	return w->impure ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/*
 * Which branch of ?: c is taken when that is known when compiling: 1 or
 * 0, else -1.  Only for a condition that does nothing but compute: its
 * value alone decides, and nothing in it may be left out (f() || 1 calls
 * f()).
 */
static int const_cond(struct irb *b, CXCursor c)
{
	struct kids k = expr_children(c);
	struct pure_walk w = { .b = b };
	bool t;
	int v = -1;

	if (k.n == 3) {
		visit_tree(k.v[0], pure_visit, &w);
		if (!w.impure && cond_known(b, k.v[0], &t))
			v = t;
	}
	free(k.v);
	return v;
}

static struct node *new_node(enum node_kind k, struct loc loc)
{
	struct node *n = xcalloc(1, sizeof(*n));

	n->k = k;
	n->loc = loc;
	return n;
}

static void add_kid(struct node *n, struct node *kid)
{
	ptrvec_push((void ***)&n->kids, &n->nkids, kid);
}

static char *spelling(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	char *r = xstrdup(clang_getCString(s));

	clang_disposeString(s);
	return r;
}

static char *kind_spelling(CXCursor c)
{
	CXString s = clang_getCursorKindSpelling(clang_getCursorKind(c));
	char *r = xstrdup(clang_getCString(s));

	clang_disposeString(s);
	return r;
}

#define refuse(b, c, ...) diag_error((b)->u, cursor_loc((b)->u, c), __VA_ARGS__)

/* --- types ------------------------------------------------------------------ */

static enum ctype ctype_of(CXType t)
{
	t = clang_getCanonicalType(t);
	switch (t.kind) {
	case CXType_Bool: return CT_BOOL;
	case CXType_Char_S:
	case CXType_SChar: return CT_SCHAR;
	case CXType_Char_U:
	case CXType_UChar: return CT_UCHAR;
	case CXType_Short: return CT_SHORT;
	case CXType_UShort: return CT_USHORT;
	case CXType_Int: return CT_INT;
	case CXType_UInt: return CT_UINT;
	case CXType_Long: return CT_LONG;
	case CXType_ULong: return CT_ULONG;
	case CXType_LongLong: return CT_LLONG;
	case CXType_ULongLong: return CT_ULLONG;
	case CXType_Enum:
		return ctype_of(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(t)));
	default: return CT_NONE;
	}
}

static bool is_char_kind(enum CXTypeKind k)
{
	return k == CXType_Char_S || k == CXType_Char_U || k == CXType_SChar || k == CXType_UChar;
}

/* What a type is, in words, for refusals. */
static const char *type_words(CXType t)
{
	t = clang_getCanonicalType(t);
	switch (t.kind) {
	case CXType_Float:
	case CXType_Double:
	case CXType_LongDouble:
	case CXType_Float128:
		return "floating point";
	case CXType_Record:
		return "structs and unions";
	case CXType_Pointer:
		return "pointers";
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
		return "arrays";
	case CXType_Int128:
	case CXType_UInt128:
		return "128-bit integers";
	default:
		return "values of this type";
	}
}

/* --- variables --------------------------------------------------------------- */

static struct var *find_var(struct region *r, CXCursor decl)
{
	/* a helper's own vars are each call's: inl_var() finds them */
	for (unsigned i = 0; i < r->nvars; i++)
		if (!r->vars[i]->lit && !r->vars[i]->is_ret && !r->vars[i]->hexpr &&
		    !r->vars[i]->inl && clang_equalCursors(r->vars[i]->decl, decl))
			return r->vars[i];
	return NULL;
}

static void set_field(struct region *r, struct var *v, const char *base)
{
	unsigned n = 1;
	char *f = xasprintf("%s", base);

	for (unsigned i = 0; i < r->nvars; i++) {
		if (r->vars[i]->field && !strcmp(r->vars[i]->field, f)) {
			free(f);
			f = xasprintf("%s_%u", base, ++n);
			i = (unsigned)-1;	/* start over */
		}
	}
	v->field = f;
}

static bool decl_is_global(CXCursor decl)
{
	enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
	CXCursor parent = clang_getCursorSemanticParent(decl);

	return sc == CX_SC_Static || sc == CX_SC_Extern ||
	       clang_getCursorKind(parent) == CXCursor_TranslationUnit;
}

static bool is_ptrvar(struct irb *b, CXCursor decl)
{
	for (unsigned i = 0; i < b->nptrvars; i++)
		if (clang_equalCursors(b->ptrvars[i], decl))
			return true;
	return false;
}

static bool is_addressed(struct irb *b, CXCursor decl)
{
	for (unsigned i = 0; i < b->naddressed; i++)
		if (clang_equalCursors(b->addressed[i], decl))
			return true;
	return false;
}

/* A parameter or local of a helper being inlined: this call's var. */
static struct var *inl_var(struct irb *b, CXCursor decl)
{
	for (unsigned i = b->ninl; i-- > 0;)
		for (unsigned j = b->inl[i].n; j-- > 0;)
			if (clang_equalCursors(b->inl[i].decls[j], decl))
				return b->inl[i].vars[j];
	return NULL;
}

/*
 * The frame of the helper inlined as statements that declares `decl` (a
 * parameter or local of it), or NULL.  Locals are the function's in
 * clang's semantic tree, whatever block declares them.
 */
static struct inl_frame *blk_frame(struct irb *b, CXCursor decl)
{
	CXCursor parent = clang_getCursorSemanticParent(decl);

	for (unsigned i = b->ninl; i-- > 0;)
		if (b->inl[i].block && clang_equalCursors(parent, b->inl[i].fn))
			return &b->inl[i];
	return NULL;
}

static bool in_region(struct irb *b, CXCursor decl);

/* --- <dirent.h>: a DIR's state ------------------------------------------------------ */

#define DIR_BUF		32768u	/* glibc's buffer for getdents64() */
#define DIR_SLACK	256u	/* after it: the last record's d_name[255] is in the variable */
#define DIR_MAX		8	/* DIR * variables in a region, each with its buffer */

/* Is t a pointer to `struct tag` (a typedef of one too)? */
static bool ptr_to_struct(CXType t, const char *tag)
{
	CXType ct = clang_getCanonicalType(t), pt;
	char *name;
	bool yes;

	if (ct.kind != CXType_Pointer)
		return false;
	pt = clang_getCanonicalType(clang_getPointeeType(ct));
	if (pt.kind != CXType_Record)
		return false;
	name = spelling(clang_getTypeDeclaration(pt));
	yes = !strcmp(name, tag);
	free(name);
	return yes;
}

/* Is t glibc's `DIR *` (a pointer to struct __dirstream)? */
static bool is_dir_type(CXType t)
{
	return ptr_to_struct(t, "__dirstream");
}

/* Is t glibc's `FILE *` (a pointer to struct _IO_FILE)? */
static bool is_file_type(CXType t)
{
	return ptr_to_struct(t, "_IO_FILE");
}

/*
 * Is the variable declared by `decl` a FILE * whose stream is the
 * region's (file_state()): one the region declares, or one from before it
 * that the region assigns?  Any other FILE * (a parameter, stdout) is the
 * program's, which only statements that leave the region may use.
 */
static bool region_file(struct irb *b, CXCursor decl)
{
	enum CXCursorKind k = clang_getCursorKind(decl);

	if ((k != CXCursor_VarDecl && k != CXCursor_ParmDecl) ||
	    clang_Location_isInSystemHeader(clang_getCursorLocation(decl)) ||
	    !is_file_type(clang_getCursorType(decl)))
		return false;
	/* a local of a helper the region calls (inlined): the region's own */
	if (k == CXCursor_VarDecl && !clang_Cursor_isNull(b->r->func) &&
	    !clang_equalCursors(clang_getCursorSemanticParent(decl), b->r->func) &&
	    clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_FunctionDecl)
		return true;
	return in_region(b, decl) || is_ptrvar(b, decl);
}

/* A struct dirent * variable (what readdir() returns). */
static bool dirent_ptr(CXCursor decl)
{
	return ptr_to_struct(clang_getCursorType(decl), "dirent");
}

/* Is `name` one of <dirent.h>'s functions a compound does not call? */
static bool dirent_fn(const char *name)
{
	static const char *const fns[] = {
		"fdopendir", "rewinddir", "telldir", "seekdir", "scandir", "scandirat",
		"readdir_r", "readdir64", "readdir64_r", "alphasort", "versionsort",
		"getdirentries",
	};

	for (unsigned i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
		if (!strcmp(name, fns[i]))
			return true;
	return false;
}

/* A variable of the compiler's own, `what` of `owner` (its field owner_what). */
static struct var *hidden_var(struct region *r, const char *owner, const char *field_owner,
			      const char *what, enum var_kind kind, enum ctype ct,
			      unsigned long size, struct loc loc)
{
	struct var *v = xcalloc(1, sizeof(*v));
	char *field = xasprintf("%s_%s", field_owner, what);

	v->name = xasprintf("%s's %s", owner, what);
	v->kind = kind;
	v->ct = ct;
	v->size = size;
	v->elsize = 1;
	v->loc = loc;
	set_field(r, v, field);
	free(field);
	ptrvec_push((void ***)&r->vars, &r->nvars, v);
	return v;
}

/* One of d's hidden variables, as the region's own. */
static struct var *dir_var(struct region *r, struct var *d, const char *what,
			   enum var_kind kind, enum ctype ct, unsigned long size)
{
	return hidden_var(r, d->name, d->field, what, kind, ct, size, d->loc);
}

/*
 * The state of DIR d's stream: its fd, the buffer getdents64() fills
 * (glibc's 32 KiB, and room after it so that every member of the last
 * record's struct dirent lies in the variable), the records' extent and
 * the next one's offset.  d points into the buffer.
 */
static void dir_state(struct region *r, struct var *d)
{
	struct dirst *s = d->dir;

	s->fd = dir_var(r, d, "fd", VK_SCALAR, CT_INT, 0);
	s->pos = dir_var(r, d, "pos", VK_SCALAR, CT_LONG, 0);
	s->len = dir_var(r, d, "len", VK_SCALAR, CT_LONG, 0);
	s->cur = dir_var(r, d, "cur", VK_SCALAR, CT_LONG, 0);
	s->err = dir_var(r, d, "errno", VK_SCALAR, CT_INT, 0);
	s->buf = dir_var(r, d, "buf", VK_BUF, CT_UCHAR, DIR_BUF + DIR_SLACK);
	s->buf->dirbuf = true;
	d->target = s->buf;
	if (!s->lent)
		return;
	/*
	 * A DIR * the program opened: the host empties glibc's buffer
	 * (seekdir() to telldir()), the compound reads the fd from the first
	 * record on, and afterwards the host seeks the stream to the last
	 * record the region took (or leaves it where it was).  d itself is
	 * NULL or the buffer's start.
	 */
	s->fd->outside = true;
	s->fd->hval = xasprintf("(%s ? dirfd(%s) : -1)", d->name, d->name);
	s->doff = dir_var(r, d, "doff", VK_SCALAR, CT_LLONG, 0);
	s->doff->outside = true;
	s->doff->hout = true;
	s->got = dir_var(r, d, "got", VK_SCALAR, CT_INT, 0);
	s->got->outside = true;
	s->got->hout = true;
	d->hval = xasprintf("(%s ? 0L : (long)COSY_RGN_NULL)", d->name);
}

#define IN_BUF	((unsigned)COSY_RGN_IN_BUF)	/* stdin's and a FILE's buffer */
#define FILE_MAX	8	/* FILE * variables in a region, each with its buffer */

/*
 * The state of FILE f, which the region opens with fopen() for reading:
 * the file's fd and a buffer read as stdin's is (struct instream).  f
 * points into the buffer, or is NULL when fopen() failed.
 */
static void file_state(struct region *r, struct var *f)
{
	struct instream *s = f->file;

	s->fd = dir_var(r, f, "fd", VK_SCALAR, CT_INT, 0);
	s->buf = dir_var(r, f, "buf", VK_BUF, CT_UCHAR, IN_BUF);
	s->pos = dir_var(r, f, "pos", VK_SCALAR, CT_LONG, 0);
	s->len = dir_var(r, f, "len", VK_SCALAR, CT_LONG, 0);
	s->eof = dir_var(r, f, "eof", VK_SCALAR, CT_INT, 0);
	s->err = dir_var(r, f, "err", VK_SCALAR, CT_INT, 0);
	s->fd->instream = s->pos->instream = s->len->instream = true;
	s->eof->instream = s->err->instream = true;
	f->target = s->buf;
}

/* FILE f's stream, which a read call uses: it needs the read state. */
static struct instream *file_read(struct var *f)
{
	f->file->read = true;
	return f->file;
}

/*
 * A FILE the region only writes has no use for the read state
 * file_state() made when the variable was first seen: no segment bytes
 * for its buffer, no slice pointer in every loop's frame.  f still
 * points into the buffer (an offset, 0), which is never read.
 */
static void file_unread(struct region *r)
{
	unsigned n = 0;

	for (unsigned i = 0; i < r->nvars; i++) {
		struct instream *s = r->vars[i]->file;

		if (s && s->dir == 'w' && !s->read)
			s->buf->unused = s->pos->unused = s->len->unused = s->eof->unused =
				s->err->unused = true;
	}
	for (unsigned i = 0; i < r->nvars; i++)
		if (!r->vars[i]->unused)
			r->vars[n++] = r->vars[i];
	r->nvars = n;
}

/*
 * A use of a variable whose declaration was refused, said there: counted
 * as an error, silently, so that its statement is not refused again.
 */
static void refused_decl(struct irb *b)
{
	b->u->errors++;
}

/*
 * v, a DIR * or FILE * (`type`) the region keeps a stream for, the
 * region already having n of them: made a pointer into its stream's
 * buffer, or false (refused: at most max a region, each with a buffer of
 * size bytes; or its declaration was refused, said there).
 */
static bool stream_var(struct irb *b, struct var *v, CXCursor decl, CXCursor use, bool local,
		       const char *type, unsigned n, unsigned max, unsigned size)
{
	if ((!local && in_region(b, decl)) || (n == max && !local)) {
		refused_decl(b);
		return false;
	}
	if (n == max) {
		refuse(b, use, "%s '%s' cannot run in a compound: a region can have at most %u "
		       "%s * variables (each inlined call's own counted), each with a buffer of "
		       "%u bytes in the segment", type, v->name, max, type, size);
		return false;
	}
	v->kind = VK_SCALAR;
	v->ct = CT_LONG;
	v->is_ptr = true;
	v->pscale = 1;
	return true;
}

/*
 * The var for a declaration (VarDecl or ParmDecl), created on first
 * sight: `use` is where it is used, for refusals.  NULL if refused.
 */
static struct var *var_for(struct irb *b, CXCursor decl, CXCursor use, bool local)
{
	struct region *r = b->r;
	struct inl_frame *f = blk_frame(b, decl);
	struct var *v = inl_var(b, decl);
	CXType t, ct;
	char *name;

	if (!v && !f)
		v = find_var(r, decl);
	if (v)
		return v;
	local = local || f;	/* a helper's parameter or local: this call's own */
	name = spelling(decl);
	t = clang_getCursorType(decl);
	ct = clang_getCanonicalType(t);
	if (clang_isVolatileQualifiedType(t)) {
		refuse(b, use, "volatile variable '%s' cannot run in a compound: its every access "
		       "must reach memory the kernel cannot see", name);
		free(name);
		return NULL;
	}
	v = xcalloc(1, sizeof(*v));
	v->name = name;
	v->decl = decl;
	v->loc = cursor_loc(b->u, decl);
	v->outside = !local;
	v->global = decl_is_global(decl);
	v->is_const = clang_isConstQualifiedType(t);
	if (ct.kind == CXType_ConstantArray || ct.kind == CXType_Record) {
		/* memory: an array (of integers, structs, arrays) or a struct */
		long long size = clang_Type_getSizeOf(ct);

		v->kind = VK_BUF;
		v->ct = CT_UCHAR;
		v->elsize = 1;
		if (ct.kind == CXType_ConstantArray) {
			CXType el = clang_getCanonicalType(clang_getArrayElementType(ct));

			if (ctype_of(el) != CT_NONE)
				v->ct = ctype_of(el);
			v->elsize = (unsigned long)clang_Type_getSizeOf(el);
			v->is_const = v->is_const || clang_isConstQualifiedType(el);
		} else {
			v->by_addr = true;
		}
		if (size <= 0 || size > 0x7fffffff) {
			refuse(b, use, "%s '%s' cannot run in a compound: its size is not known",
			       ct.kind == CXType_Record ? "struct" : "array", name);
			goto fail;
		}
		v->size = (unsigned long)size;
	} else if (ctype_of(t) != CT_NONE && is_addressed(b, decl)) {
		/* &c: a scalar in memory, one element */
		v->kind = VK_BUF;
		v->ct = ctype_of(t);
		v->size = v->elsize = ct_size(v->ct);
		v->by_addr = true;
		v->scalar_mem = true;
	} else if (ct.kind == CXType_VariableArray || ct.kind == CXType_DependentSizedArray) {
		refuse(b, use, "variable length array '%s' cannot run in a compound: the segment "
		       "layout is fixed when the compound is built", name);
		goto fail;
	} else if (ct.kind == CXType_IncompleteArray) {
		refuse(b, use, "array '%s' of unknown size cannot run in a compound: the compound "
		       "needs the buffer's size", name);
		goto fail;
	} else if (is_dir_type(t)) {
		/* DIR *: a pointer into its stream's buffer, with hidden state (dir_state()) */
		unsigned ndirs = 0;

		if (v->global) {
			refuse(b, use, "DIR '%s' cannot run in a compound: it is a global or "
			       "static variable, and a compound can only use a directory stream "
			       "it opens itself into a local DIR *", name);
			goto fail;
		}
		for (unsigned i = 0; i < r->nvars; i++)
			ndirs += r->vars[i]->dir != NULL;
		if (!stream_var(b, v, decl, use, local, "DIR", ndirs, DIR_MAX, DIR_BUF))
			goto fail;
		v->dir = xcalloc(1, sizeof(*v->dir));
		/* opened before the region and not assigned in it: lent (dir_state()) */
		v->dir->lent = !local && !is_ptrvar(b, decl);
	} else if (is_file_type(t)) {
		/* FILE *: a pointer into its stream's buffer, with hidden state (file_state()) */
		unsigned nfiles = 0;

		if (!local && !v->global && in_region(b, decl)) {
			refused_decl(b);
			goto fail;
		}
		if (v->global && clang_Location_isInSystemHeader(clang_getCursorLocation(decl))) {
			/* FILE *in = stdin: the stream is the program's, by any name */
			refuse(b, use, "%s cannot run in a compound here: a compound reads stdin "
			       "and writes stdout and stderr where a call names them (fgets(line, n, "
			       "stdin)), and a FILE * variable can only hold a FILE the region opens "
			       "with fopen(), so this one cannot be %s", name, name);
			goto fail;
		}
		if (v->global || (!local && !is_ptrvar(b, decl))) {
			refuse(b, use, "FILE '%s' cannot run in a compound: %s, and a FILE the "
			       "program opens keeps its buffer in user space; a compound can only "
			       "use a FILE it opens itself with fopen() into a local FILE * (or "
			       "stdin, stdout and stderr)", name, v->global ? "it is a global or static "
			       "variable" : "the program opened it before the region");
			goto fail;
		}
		for (unsigned i = 0; i < r->nvars; i++)
			nfiles += r->vars[i]->file != NULL;
		if (!stream_var(b, v, decl, use, local, "FILE", nfiles, FILE_MAX, IN_BUF))
			goto fail;
		v->file = xcalloc(1, sizeof(*v->file));
	} else if (ct.kind == CXType_Pointer && (local || is_ptrvar(b, decl))) {
		/* a pointer the region sets: a byte offset into one memory variable */
		CXType pt = clang_getCanonicalType(clang_getPointeeType(ct));
		long long ps = pt.kind == CXType_Void ? 1 : clang_Type_getSizeOf(pt);

		if (pt.kind == CXType_Pointer || pt.kind == CXType_FunctionProto ||
		    pt.kind == CXType_FunctionNoProto || ps <= 0) {
			refuse(b, use, "pointer '%s' cannot run in a compound: only pointers to "
			       "integers, structs and arrays (into the region's memory) can", name);
			goto fail;
		}
		v->kind = VK_SCALAR;
		v->ct = CT_LONG;
		v->is_ptr = true;
		v->pscale = (unsigned long)ps;
	} else if (ct.kind == CXType_Pointer &&
		   is_char_kind(clang_getCanonicalType(clang_getPointeeType(ct)).kind)) {
		v->kind = VK_STR;
		v->ct = CT_NONE;
	} else if (ctype_of(t) != CT_NONE) {
		v->kind = VK_SCALAR;
		v->ct = ctype_of(t);
	} else {
		refuse(b, use, "variable '%s' cannot run in a compound: %s cannot (only integer "
		       "scalars, char buffers and path strings)", name, type_words(t));
		goto fail;
	}
	if (f) {
		char *field = spelling(f->fn);

		f->decls = xrealloc(f->decls, (f->n + 1) * sizeof(*f->decls));
		f->vars = xrealloc(f->vars, (f->n + 1) * sizeof(*f->vars));
		f->decls[f->n] = decl;
		f->vars[f->n++] = v;
		v->inl = true;
		name = xasprintf("%s_%s", field, v->name);
		free(field);
		set_field(r, v, name);
		free(name);
	} else {
		set_field(r, v, name);
	}
	ptrvec_push((void ***)&r->vars, &r->nvars, v);
	if (v->dir)
		dir_state(r, v);
	if (v->file)
		file_state(r, v);
	return v;
fail:
	free(v->name);
	free(v);
	return NULL;
}

/*
 * The bytes of string literal `lit`, as libclang evaluates `use`, the
 * expression naming it (the pointer it decays to, not the array itself):
 * a copy, NUL-terminated, and *len its size with the NUL.  NULL if it is
 * not a plain "..." literal; *len 0 if it holds a NUL of its own.
 */
static char *literal_bytes(CXCursor use, CXCursor lit, size_t *len)
{
	CXEvalResult e = clang_Cursor_Evaluate(use);
	CXType t = clang_getCanonicalType(clang_getCursorType(lit));
	char *s = NULL;

	*len = 0;
	if (e && clang_EvalResult_getKind(e) == CXEval_StrLiteral &&
	    t.kind == CXType_ConstantArray && clang_getArrayElementType(t).kind == CXType_Char_S) {
		s = xasprintf("%s", clang_EvalResult_getAsStr(e));
		/* the array's size counts the NUL, and any embedded ones */
		if (strlen(s) + 1 == (size_t)clang_getArraySize(t))
			*len = strlen(s) + 1;
	}
	if (e)
		clang_EvalResult_dispose(e);
	return s;
}

/* A var of the region for literal bytes s[0..len) (the NUL counted), copied in. */
static struct var *lit_new(struct region *r, const char *s, size_t len, enum var_kind kind,
			   struct loc loc, const char *field)
{
	struct var *v = xcalloc(1, sizeof(*v));

	v->kind = kind;
	v->ct = CT_SCHAR;
	v->lit = xcalloc(1, len + 1);
	memcpy(v->lit, s, len);
	v->litlen = len;
	v->size = len;
	v->is_const = true;
	v->outside = true;
	v->read = true;
	v->loc = loc;
	set_field(r, v, field);
	ptrvec_push((void ***)&r->vars, &r->nvars, v);
	return v;
}

/* A string literal as a read-only buffer or path. */
static struct var *literal_var(struct irb *b, CXCursor use, CXCursor lit, enum var_kind kind)
{
	struct region *r = b->r;
	struct var *v;
	size_t len;
	char *s = literal_bytes(use, lit, &len);

	if (!s) {
		refuse(b, lit, "this string literal cannot run in a compound: only plain "
		       "\"...\" literals can");
		return NULL;
	}
	if (!len) {
		refuse(b, lit, "a string literal with an embedded NUL cannot run in a compound");
		free(s);
		return NULL;
	}
	for (unsigned i = 0; i < r->nvars; i++) {
		struct var *o = r->vars[i];

		if (o->lit && !o->lit_pool && o->kind == kind && o->litlen == len &&
		    !memcmp(o->lit, s, len)) {
			free(s);
			return o;
		}
	}
	v = lit_new(r, s, len, kind, cursor_loc(b->u, lit), kind == VK_STR ? "str" : "lit");
	free(s);
	return v;
}

/* --- constants ---------------------------------------------------------------- */

/*
 * Can `c` be folded without reading a variable?  Only then is
 * clang_Cursor_Evaluate asked (it would also fold reads of const
 * variables with initialisers, which is fine, but must never see side
 * effects).
 */
static bool const_tree(CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	struct kids kids;
	bool ok = true;

	switch (k) {
	case CXCursor_IntegerLiteral:
	case CXCursor_CharacterLiteral:
		return true;
	case CXCursor_UnaryExpr:	/* sizeof, _Alignof: unevaluated operands */
		return true;
	case CXCursor_DeclRefExpr: {
		CXCursor d = clang_getCursorReferenced(c);

		return clang_getCursorKind(d) == CXCursor_EnumConstantDecl;
	}
	case CXCursor_TypeRef:
	case CXCursor_MemberRef:	/* offsetof(struct s, member) */
		return true;
	case CXCursor_ParenExpr:
	case CXCursor_UnexposedExpr:
	case CXCursor_UnaryOperator:
	case CXCursor_BinaryOperator:
	case CXCursor_ConditionalOperator:
	case CXCursor_CStyleCastExpr:
		break;
	default:
		return false;
	}
	kids = children(c);
	for (unsigned i = 0; i < kids.n && ok; i++)
		ok = const_tree(kids.v[i]);
	free(kids.v);
	return ok;
}

static bool fold(CXCursor c, long long *val)
{
	CXEvalResult e;
	bool ok = false;

	if (ctype_of(clang_getCursorType(c)) == CT_NONE || !const_tree(c))
		return false;
	e = clang_Cursor_Evaluate(c);
	if (!e)
		return false;
	if (clang_EvalResult_getKind(e) == CXEval_Int) {
		if (clang_EvalResult_isUnsignedInt(e))
			*val = (long long)clang_EvalResult_getAsUnsigned(e);
		else
			*val = clang_EvalResult_getAsLongLong(e);
		ok = true;
	}
	clang_EvalResult_dispose(e);
	return ok;
}

/* The byte offset in the file where a cursor's extent ends. */
static unsigned end_off(CXCursor c)
{
	unsigned off;

	clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(c)), NULL, NULL,
				   NULL, &off);
	return off;
}

/* --- operators from tokens ------------------------------------------------------- */

struct toks {
	CXToken *t;
	unsigned n;
};

/*
 * The tokens of a cursor's extent in the file.  The extent of an expression
 * that starts or ends in a macro expansion (errno == EBADF) is in macro
 * locations, which clang_tokenize() does not take: use their expansions.
 */
static struct toks tokens_of(struct unit *u, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	struct toks t = { 0 };
	unsigned s, e;
	CXFile f;

	clang_getExpansionLocation(clang_getRangeStart(r), &f, NULL, NULL, &s);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e);
	if (!f)
		return t;
	r = clang_getRange(clang_getLocationForOffset(u->tu, f, s),
			   clang_getLocationForOffset(u->tu, f, e));
	clang_tokenize(u->tu, r, &t.t, &t.n);
	return t;
}

static void toks_free(struct unit *u, struct toks *t)
{
	if (t->t)
		clang_disposeTokens(u->tu, t->t, t->n);
}

static unsigned tok_off(struct unit *u, CXToken t)
{
	unsigned off;

	clang_getExpansionLocation(clang_getTokenLocation(u->tu, t), NULL, NULL, NULL, &off);
	return off;
}

#if !COSY_CC_OPCODES
static unsigned extent_end(CXCursor c)
{
	unsigned off;

	clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(c)), NULL, NULL,
				   NULL, &off);
	return off;
}
#endif

static const struct {
	const char *s;
	enum op op;
	bool assign;
} op_table[] = {
	{ "+", OP_ADD, 0 }, { "-", OP_SUB, 0 }, { "*", OP_MUL, 0 }, { "/", OP_DIV, 0 },
	{ "%", OP_MOD, 0 }, { "<<", OP_SHL, 0 }, { ">>", OP_SHR, 0 }, { "&", OP_AND, 0 },
	{ "|", OP_OR, 0 }, { "^", OP_XOR, 0 }, { "&&", OP_LAND, 0 }, { "||", OP_LOR, 0 },
	{ "==", OP_EQ, 0 }, { "!=", OP_NE, 0 }, { "<", OP_LT, 0 }, { ">", OP_GT, 0 },
	{ "<=", OP_LE, 0 }, { ">=", OP_GE, 0 }, { "=", OP_NONE, 1 }, { "+=", OP_ADD, 1 },
	{ "-=", OP_SUB, 1 }, { "*=", OP_MUL, 1 }, { "/=", OP_DIV, 1 }, { "%=", OP_MOD, 1 },
	{ "<<=", OP_SHL, 1 }, { ">>=", OP_SHR, 1 }, { "&=", OP_AND, 1 }, { "|=", OP_OR, 1 },
	{ "^=", OP_XOR, 1 },
};

#if COSY_CC_OPCODES
/*
 * The operator of binary expression `c`: its spelling into buf (","
 * included).  false if it is not one.
 */
static bool binop_token(struct irb *b, CXCursor c, CXCursor lhs, char *buf, size_t size)
{
	enum CXBinaryOperatorKind k = clang_getCursorBinaryOperatorKind(c);
	CXString s;

	(void)b;
	(void)lhs;
	if (k == CXBinaryOperator_Invalid)
		return false;
	s = clang_getBinaryOperatorKindSpelling(k);
	snprintf(buf, size, "%s", clang_getCString(s));
	clang_disposeString(s);
	return true;
}

/* A unary operator: its spelling, and whether it is postfix. */
static bool unop_token(struct irb *b, CXCursor c, char *buf, size_t size, bool *post)
{
	enum CXUnaryOperatorKind k = clang_getCursorUnaryOperatorKind(c);
	CXString s;

	(void)b;
	if (k == CXUnaryOperator_Invalid)
		return false;
	*post = k == CXUnaryOperator_PostInc || k == CXUnaryOperator_PostDec;
	s = clang_getUnaryOperatorKindSpelling(k);
	snprintf(buf, size, "%s", clang_getCString(s));
	clang_disposeString(s);
	return true;
}
#else
/*
 * The operator between `lhs` and the rest of binary expression `c`:
 * its spelling into buf ("," included).  false if it cannot be read.
 */
static bool binop_token(struct irb *b, CXCursor c, CXCursor lhs, char *buf, size_t size)
{
	struct toks t;
	unsigned end = extent_end(lhs);
	bool found = false;

	if (unit_in_macro(b->u, c))
		return false;
	t = tokens_of(b->u, c);
	for (unsigned i = 0; i < t.n; i++) {
		if (tok_off(b->u, t.t[i]) < end)
			continue;
		if (clang_getTokenKind(t.t[i]) == CXToken_Punctuation) {
			CXString s = clang_getTokenSpelling(b->u->tu, t.t[i]);

			snprintf(buf, size, "%s", clang_getCString(s));
			clang_disposeString(s);
			found = true;
		}
		break;
	}
	toks_free(b->u, &t);
	return found;
}

/* A unary operator: its spelling, and whether it is postfix. */
static bool unop_token(struct irb *b, CXCursor c, char *buf, size_t size, bool *post)
{
	struct toks t;
	bool found = false;

	if (unit_in_macro(b->u, c))
		return false;
	t = tokens_of(b->u, c);
	if (t.n) {
		CXToken first = t.t[0], last = t.t[t.n - 1];
		CXToken pick = clang_getTokenKind(first) == CXToken_Punctuation ? first : last;

		*post = clang_getTokenKind(first) != CXToken_Punctuation;
		if (clang_getTokenKind(pick) == CXToken_Punctuation) {
			CXString s = clang_getTokenSpelling(b->u->tu, pick);

			snprintf(buf, size, "%s", clang_getCString(s));
			clang_disposeString(s);
			found = true;
		}
	}
	toks_free(b->u, &t);
	return found;
}
#endif

/* --- expressions ---------------------------------------------------------------- */

static struct node *expr(struct irb *b, CXCursor c);

/* Look through implicit conversions and parentheses. */
static CXCursor strip(CXCursor c)
{
	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(c);
		struct kids kids;

		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr)
			return c;
		kids = expr_children(c);
		if (kids.n != 1) {
			free(kids.v);
			return c;
		}
		c = kids.v[0];
		free(kids.v);
	}
}

/* `*__errno_location()` (glibc) or `*___errno_location()` (musl): errno. */
static bool is_errno(CXCursor c)
{
	struct kids k;
	bool yes = false;

	c = strip(c);
	if (clang_getCursorKind(c) != CXCursor_UnaryOperator)
		return false;
	k = expr_children(c);
	if (k.n == 1 && clang_getCursorKind(strip(k.v[0])) == CXCursor_CallExpr) {
		char *name = spelling(strip(k.v[0]));

		yes = !strcmp(name, "__errno_location") || !strcmp(name, "___errno_location");
		free(name);
	}
	free(k.v);
	return yes;
}

static struct node *const_node(struct irb *b, CXCursor c, long long v)
{
	struct node *n = new_node(E_CONST, cursor_loc(b->u, c));

	n->ival = v;
	n->ct = ctype_of(clang_getCursorType(c));
	return n;
}

/* A path into a memory variable: see mem_path(). */
#define MAX_INDEXES 4
struct mpath {
	struct var *v;
	unsigned long off;
	struct node *idx[MAX_INDEXES];
	unsigned long scale[MAX_INDEXES], count[MAX_INDEXES];
	unsigned nidx;
	struct node *dyn;	/* through a pointer: its byte offset (checked at the end) */
	CXType type;		/* what the path names (canonical) */
};

static struct node *path_value(struct irb *b, CXCursor c, struct mpath *p);
static struct node *ptr_expr(struct irb *b, CXCursor c);
static struct node *call(struct irb *b, CXCursor c);
static struct node *stmt(struct irb *b, CXCursor c);
static bool for_semis(struct irb *b, CXCursor c, unsigned *s1, unsigned *s2);
static bool in_region(struct irb *b, CXCursor decl);
static char plain_assign(struct irb *b, CXCursor c);
static struct node *ptr_node(enum node_kind k, struct loc loc, struct var *target);
static struct node *void_stmt(struct irb *b, CXCursor c, bool *shaped);
static unsigned long pointee_size(CXCursor c);
static bool is_host_str(struct irb *b, CXCursor c, const struct var *v);
static struct node *str_offset(struct loc loc, struct var *v);
static struct node *dptr(struct loc loc, struct var *buf, struct node *x);

/*
 * Is d a pointer to an integer from before the region that the region
 * neither declares nor sets, nor a helper's: an out-parameter (int *err),
 * *p of which is deref_var()'s and p as a value out_param_ptr()'s?  A
 * char * from before the region is a string instead (str_offset()).
 */
static bool out_param_decl(struct irb *b, CXCursor d)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(d)), pt;

	if ((clang_getCursorKind(d) != CXCursor_VarDecl &&
	     clang_getCursorKind(d) != CXCursor_ParmDecl) || t.kind != CXType_Pointer ||
	    in_region(b, d) || is_ptrvar(b, d) || inl_var(b, d) || blk_frame(b, d))
		return false;
	pt = clang_getCanonicalType(clang_getPointeeType(t));
	return ctype_of(pt) != CT_NONE && !is_char_kind(pt.kind);
}

/* The variable made for out-parameter d: its *p (deref) or its p (else), or NULL. */
static struct var *out_param_var(struct region *r, CXCursor d, bool deref)
{
	for (unsigned i = 0; i < r->nvars; i++)
		if ((deref ? r->vars[i]->deref : r->vars[i]->is_null) &&
		    clang_equalCursors(r->vars[i]->deref_of, d))
			return r->vars[i];
	return NULL;
}

/*
 * p of an out-parameter (deref_var()) as a value: whether the program
 * passed NULL, for `if (err) *err = e;` and `err != NULL`.  A variable of
 * the region's the host sets to 0 or COSY_RGN_NULL, a pointer into
 * memory of its own (never followed: *p is deref_var()'s) that compares
 * with NULL only.  NULL if d is not such a pointer.
 */
static struct node *out_param_ptr(struct irb *b, CXCursor c, CXCursor d)
{
	struct var *v;
	struct node *n;
	char *name, *field;

	if (!out_param_decl(b, d))
		return NULL;
	v = out_param_var(b->r, d, false);
	if (!v) {
		name = spelling(d);
		field = xasprintf("null_%s", name);
		v = xcalloc(1, sizeof(*v));
		v->name = xasprintf("%s", name);
		v->hval = xasprintf("((%s) ? 0LL : COSY_RGN_NULL)", name);
		v->decl = clang_getNullCursor();
		v->deref_of = d;
		v->is_null = true;
		v->kind = VK_SCALAR;
		v->ct = CT_LONG;
		v->outside = true;
		v->is_const = true;
		v->loc = cursor_loc(b->u, c);
		/* what it points to: nothing the region has (the comparisons' target) */
		v->target = xcalloc(1, sizeof(*v->target));
		v->target->name = name;
		v->target->kind = VK_SCALAR;
		v->target->is_null = true;	/* bind() refuses it */
		set_field(b->r, v, field);
		free(field);
		ptrvec_push((void ***)&b->r->vars, &b->r->nvars, v);
	}
	n = ptr_node(E_VAR, cursor_loc(b->u, c), v->target);
	n->var = v;
	return n;
}

static struct node *var_ref(struct irb *b, CXCursor c)
{
	CXCursor d = clang_getCursorReferenced(c);
	enum CXCursorKind dk = clang_getCursorKind(d);
	struct node *n;
	struct var *v;
	char *name = spelling(c);

	if (dk == CXCursor_FunctionDecl) {
		refuse(b, c, "function pointer '%s' cannot run in a compound: only direct calls "
		       "of the supported system calls can", name);
		free(name);
		return NULL;
	}
	if (dk != CXCursor_VarDecl && dk != CXCursor_ParmDecl) {
		refuse(b, c, "'%s' cannot run in a compound: only integer variables, char "
		       "buffers and path strings can", name);
		free(name);
		return NULL;
	}
	v = inl_var(b, d);
	if (!v && (n = out_param_ptr(b, c, d))) {
		free(name);
		return n;
	}
	if (!v)
		v = var_for(b, d, c, false);
	if (!v) {
		free(name);
		return NULL;
	}
	if (v->kind == VK_BUF && v->scalar_mem) {
		struct mpath p = { .v = v, .type = clang_getCanonicalType(clang_getCursorType(d)) };

		free(name);
		return path_value(b, c, &p);
	}
	if (v->kind != VK_SCALAR) {
		refuse(b, c, "%s '%s' cannot run in a compound here: %s", v->kind == VK_BUF ?
		       "buffer" : "pointer", name, v->kind == VK_BUF ?
		       "an array or struct can be the data argument of read/write/pread/pwrite "
		       "(&s for a struct), a path, indexed (buf[i]) or a member (s.f)" :
		       "pointers other than buffers and strings cannot: a string pointer can only "
		       "be the path argument of open/openat/creat");
		free(name);
		return NULL;
	}
	free(name);
	n = new_node(E_VAR, cursor_loc(b->u, c));
	n->var = v;
	n->ct = v->ct;
	return n;
}

/*
 * An lvalue: a variable, a buffer element or errno; not a string
 * literal's byte (C forbids the write, which the plain build's read-only
 * data would not survive).
 */
static bool is_lvalue(struct node *n)
{
	return n && (n->k == E_VAR || (n->k == E_ELEM && !n->var->lit && !n->var->strtab) ||
		     n->k == E_ERRNO);
}

/* Why an E_ELEM is no lvalue, for the refusal: "" if it is not one of those. */
static const char *ro_elem(struct node *n)
{
	if (!n || n->k != E_ELEM)
		return "";
	if (n->var->lit)
		return ": it is a string literal's byte, which C forbids writing";
	if (n->var->strtab)
		return ": it is a byte of the program's string, which the compound holds a "
		       "copy of";
	return "";
}

/*
 * A path into a memory variable: buf, s.f, a[i].f[2], grid[i][j] -- the
 * variable, a constant byte offset, and up to 4 variable indexes, each
 * with its element size and the count it must stay below.
 */

/*
 * Does pointer expression c involve a pointer variable the region sets
 * (then it is followed into the segment), rather than being a path the
 * program computes (argv[1])?
 */
static bool ptr_based(struct irb *b, CXCursor c)
{
	CXCursor s = strip(c);
	struct kids k;
	bool yes = false;

	if (clang_getCursorKind(s) == CXCursor_DeclRefExpr) {
		CXCursor d = clang_getCursorReferenced(s);

		if (clang_getCanonicalType(clang_getCursorType(d)).kind != CXType_Pointer)
			return false;
		return is_ptrvar(b, d) || in_region(b, d);
	}
	k = expr_children(s);
	for (unsigned i = 0; i < k.n && !yes; i++)
		yes = ptr_based(b, k.v[i]);
	free(k.v);
	return yes;
}

/*
 * Does pointer expression `c` start from an array ((struct rec *)(buf +
 * off), s.names + k)?  Then ptr_expr() can say where it points.
 */
static bool array_based(CXCursor c)
{
	CXCursor s = strip(c);
	enum CXCursorKind k = clang_getCursorKind(s);
	struct kids kk;
	bool yes = false;

	if ((k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr) &&
	    clang_getCanonicalType(clang_getCursorType(s)).kind == CXType_ConstantArray)
		return true;
	if (k != CXCursor_CStyleCastExpr && k != CXCursor_BinaryOperator)
		return false;
	kk = expr_children(s);
	for (unsigned i = 0; i < kk.n && !yes; i++)
		yes = array_based(kk.v[i]);
	free(kk.v);
	return yes;
}

/*
 * Is c a string from before the region, a const char pointer the region
 * never sets (`path` in open(path)): copied into a slot of the segment,
 * where *path and path[i] read it.  Not a char *: a write through it
 * would change the copy, not the program's string.
 */
static bool str_based(struct irb *b, CXCursor c)
{
	CXCursor s = strip(c), d;
	CXType t;

	if (clang_getCursorKind(s) != CXCursor_DeclRefExpr)
		return false;
	d = clang_getCursorReferenced(s);
	t = clang_getCanonicalType(clang_getCursorType(d));
	return (clang_getCursorKind(d) == CXCursor_VarDecl ||
		clang_getCursorKind(d) == CXCursor_ParmDecl) && t.kind == CXType_Pointer &&
	       is_char_kind(clang_getCanonicalType(clang_getPointeeType(t)).kind) &&
	       clang_isConstQualifiedType(clang_getPointeeType(t)) &&
	       !is_ptrvar(b, d) && !in_region(b, d);
}

/* The base of *e, e[i] or e->f that through_ptr() can follow. */
static bool deref_based(struct irb *b, CXCursor c)
{
	return ptr_based(b, c) || array_based(c) || str_based(b, c);
}

static struct node *ulong_const(struct loc loc, unsigned long v);
static struct node *dcond(struct loc loc, struct node *c, struct node *x, struct node *y);
static struct node *dvar(struct loc loc, struct var *v);
static struct node *dcomma(struct loc loc, struct node *x, struct node *y);
static struct node *ulong_op(struct loc loc, enum op op, struct node *x, struct node *y);

/*
 * *p, p[i], p->f: a path into the variable p points to, the byte offset
 * p holds (+ i elements) as its dynamic term, checked when the access's
 * size is known (path_node).
 */
static int through_ptr(struct irb *b, CXCursor base, CXCursor idx, struct mpath *p)
{
	struct node *pn = ptr_expr(b, base), *in;
	CXType pt = clang_getCanonicalType(clang_getPointeeType(clang_getCanonicalType(
			clang_getCursorType(strip(base)))));
	long long ps = pt.kind == CXType_Void ? 1 : clang_Type_getSizeOf(pt);

	if (!pn)
		return -1;
	if (pn->ptr == &null_target) {
		refuse(b, base, "dereferencing a null pointer cannot run in a compound");
		return -1;
	}
	memset(p, 0, sizeof(*p));
	p->v = pn->ptr;
	p->dyn = pn;
	p->type = pt;
	if (!clang_Cursor_isNull(idx)) {
		in = expr(b, idx);
		if (!in)
			return -1;
		if (ps != 1)
			in = ulong_op(pn->loc, OP_MUL, in, ulong_const(pn->loc, (unsigned long)ps));
		p->dyn = ulong_op(pn->loc, OP_ADD, pn, in);
	}
	return 1;
}

/* 1: `c` is a path (filled in); 0: it is not one; -1: refused (reported). */
static int mem_path(struct irb *b, CXCursor c, struct mpath *p)
{
	CXCursor s = strip(c);
	enum CXCursorKind k = clang_getCursorKind(s);
	struct kids kk;
	int r = 0;

	if (k == CXCursor_DeclRefExpr) {
		CXCursor d = clang_getCursorReferenced(s);
		struct var *v;

		CXType t = clang_getCanonicalType(clang_getCursorType(d));

		if (clang_getCursorKind(d) != CXCursor_VarDecl &&
		    clang_getCursorKind(d) != CXCursor_ParmDecl)
			return 0;
		/* pointers and plain scalars are not memory (a pointer may be a path) */
		if (t.kind == CXType_Pointer ||
		    (ctype_of(t) != CT_NONE && !is_addressed(b, d)))
			return 0;
		v = var_for(b, d, s, false);
		if (!v)
			return -1;
		if (v->kind != VK_BUF)
			return 0;
		memset(p, 0, sizeof(*p));
		p->v = v;
		p->type = clang_getCanonicalType(clang_getCursorType(d));
		return 1;
	}
	if (k == CXCursor_StringLiteral) {
		/* "0123456789abcdef"[d]: the literal's bytes, copied in */
		struct var *v = literal_var(b, c, s, VK_BUF);

		if (!v)
			return -1;
		v->scanned = true;	/* read through the frame's pointer */
		memset(p, 0, sizeof(*p));
		p->v = v;
		p->type = clang_getCanonicalType(clang_getCursorType(s));
		return 1;
	}
	if (k == CXCursor_UnaryOperator) {
		char tok[8];
		bool post;

		/* *p: what a pointer the region set points to */
		if (!unop_token(b, s, tok, sizeof(tok), &post) || strcmp(tok, "*"))
			return 0;
		kk = expr_children(s);
		if (kk.n != 1 || !deref_based(b, kk.v[0]))
			goto out;
		r = through_ptr(b, kk.v[0], clang_getNullCursor(), p);
		goto out;
	}
	if (k != CXCursor_MemberRefExpr && k != CXCursor_ArraySubscriptExpr)
		return 0;
	kk = expr_children(s);
	if (k == CXCursor_MemberRefExpr) {
		CXCursor fld = clang_getCursorReferenced(s);
		long long bits;

		if (kk.n != 1)
			goto bad;
		if (clang_getCanonicalType(clang_getCursorType(kk.v[0])).kind == CXType_Pointer) {
			/* p->f: through a pointer the region set; else not a path */
			if (!deref_based(b, kk.v[0]))
				goto out;
			r = through_ptr(b, kk.v[0], clang_getNullCursor(), p);
		} else {
			r = mem_path(b, kk.v[0], p);
		}
		if (r <= 0)
			goto out;
		bits = clang_Cursor_getOffsetOfField(fld);
		if (clang_Cursor_isBitField(fld) || bits < 0 || bits % 8) {
			refuse(b, s, "bit-field '%s' cannot run in a compound: only whole-byte "
			       "members can", p->v->name);
			r = -1;
			goto out;
		}
		p->off += (unsigned long)bits / 8;
		p->type = clang_getCanonicalType(clang_getCursorType(s));
		goto out;
	}
	/* ArraySubscriptExpr: base[index] */
	{
		long long idx, count, elsize;
		CXType el;

		if (kk.n != 2)
			goto bad;
		if (clang_getCanonicalType(clang_getCursorType(strip(kk.v[0]))).kind ==
		    CXType_Pointer) {
			/* p[i]: through a pointer the region set */
			if (deref_based(b, kk.v[0]))
				r = through_ptr(b, kk.v[0], kk.v[1], p);
			goto out;
		}
		r = mem_path(b, kk.v[0], p);
		if (r <= 0)
			goto out;
		el = clang_getCanonicalType(clang_getArrayElementType(p->type));
		elsize = clang_Type_getSizeOf(el);
		if (p->type.kind == CXType_IncompleteArray && p->dyn && elsize > 0) {
			/*
			 * A flexible array member through a pointer (getdents64(2)'s
			 * struct linux_dirent64, char d_name[]): as long as the
			 * variable, and the whole offset checked against it
			 * (path_node()), as for any access through a pointer.
			 */
			count = (long long)(p->v->size / (unsigned long)elsize);
		} else if (p->type.kind == CXType_IncompleteArray) {
			refuse(b, s, "this subscript cannot run in a compound: the array has no "
			       "size (a flexible array member), and the compound checks every "
			       "index against one; give it a size (glibc's struct dirent64 from "
			       "<dirent.h> has char d_name[256])");
			r = -1;
			goto out;
		} else if (p->type.kind != CXType_ConstantArray) {
			refuse(b, s, "this subscript cannot run in a compound: only arrays can be "
			       "indexed, not pointers");
			r = -1;
			goto out;
		} else {
			count = clang_getArraySize(p->type);
		}
		if (fold(strip(kk.v[1]), &idx)) {
			if (idx < 0 || idx >= count) {
				refuse(b, kk.v[1], "index %lld of '%s' cannot run in a compound: it is "
				       "outside the array (%lld elements)", idx, p->v->name, count);
				r = -1;
				goto out;
			}
			p->off += (unsigned long)(idx * elsize);
		} else {
			if (p->nidx == MAX_INDEXES) {
				refuse(b, s, "more than %d variable indexes into '%s' cannot run in a "
				       "compound", MAX_INDEXES, p->v->name);
				r = -1;
				goto out;
			}
			p->idx[p->nidx] = expr(b, kk.v[1]);
			if (!p->idx[p->nidx]) {
				r = -1;
				goto out;
			}
			p->scale[p->nidx] = (unsigned long)elsize;
			p->count[p->nidx] = (unsigned long)count;
			p->nidx++;
		}
		p->type = el;
		goto out;
	}
bad:
	refuse(b, s, "this expression cannot run in a compound: cosy-cc cannot read it");
	r = -1;
out:
	free(kk.v);
	return r;
}

/* A path as an E_ELEM of type ct (CT_NONE: a struct or array, for E_COPY). */
static struct node *path_node(struct irb *b, CXCursor c, struct mpath *p, enum ctype ct)
{
	unsigned long sum = 0;
	struct node *n;

	if (p->dyn) {
		/*
		 * Through a pointer: the whole access must stay in the variable.
		 * Alone, the pointer's offset is checked against the room the
		 * access leaves; with indexes after it (d->d_name[k]), each index
		 * is checked against its array and the sum of all against the
		 * variable, so that a record near the buffer's end can be read
		 * as far as it goes: the pointer alone would need room for the
		 * largest index.
		 */
		long long room = (long long)p->v->size - clang_Type_getSizeOf(p->type) -
				 (long long)p->off;

		if (p->nidx && room >= 0)
			sum = (unsigned long)((long long)p->v->size - clang_Type_getSizeOf(p->type)) + 1;
		for (unsigned i = 0; i < p->nidx && !sum; i++)
			room -= (long long)((p->count[i] - 1) * p->scale[i]);
		if (room < 0) {
			refuse(b, c, "this access through a pointer cannot run in a compound: it "
			       "does not fit in '%s' wherever the pointer points", p->v->name);
			return NULL;
		}
		if (p->nidx == MAX_INDEXES) {
			refuse(b, c, "more than %d variable indexes into '%s' cannot run in a "
			       "compound", MAX_INDEXES, p->v->name);
			return NULL;
		}
		p->idx[p->nidx] = p->dyn;
		p->scale[p->nidx] = 1;
		p->count[p->nidx] = sum ? 0 : (unsigned long)room + 1;
		p->nidx++;
		p->dyn = NULL;
	}
	n = new_node(E_ELEM, cursor_loc(b->u, c));

	n->var = p->v;
	n->ct = ct;
	n->ival = (long long)p->off;
	n->sum = sum;
	if (p->nidx) {
		n->scale = xcalloc(p->nidx, sizeof(*n->scale));
		n->count = xcalloc(p->nidx, sizeof(*n->count));
	}
	for (unsigned i = 0; i < p->nidx; i++) {
		add_kid(n, p->idx[i]);
		n->scale[i] = p->scale[i];
		n->count[i] = p->count[i];
	}
	return n;
}

static struct node *path_value_any(struct irb *b, CXCursor c, struct mpath *p)
{
	return path_node(b, c, p, ctype_of(p->type));
}

/* The integer a path names, as an expression (an lvalue). */
static struct node *path_value(struct irb *b, CXCursor c, struct mpath *p)
{
	enum ctype ct = ctype_of(p->type);

	if (ct == CT_NONE) {
		refuse(b, c, "%s of '%s' as a value cannot run in a compound: only its integer "
		       "members and elements can be used as values; pass the whole of it to "
		       "read/write as &%s, or assign it whole as a statement",
		       type_words(p->type), p->v->name, p->v->name);
		return NULL;
	}
	return path_node(b, c, p, ct);
}

/*
 * *p, p a pointer to an integer from before the region that the region
 * neither declares nor sets (int *err, an out-parameter): the integer,
 * as a variable of the region's named "(*p)", which the host copies in
 * and back as it does the program's variables (and runs the region in
 * user space when it is the memory of another of them).  1 and *out, 0
 * if c is not that, -1 refused.
 */
static int deref_var(struct irb *b, CXCursor c, struct node **out)
{
	struct kids k = expr_children(c);
	CXCursor p, d;
	CXType pt;
	struct var *v = NULL;
	char tok[4], *name;
	bool post;
	int ret = 0;

	if (k.n != 1 || !unop_token(b, c, tok, sizeof(tok), &post) || strcmp(tok, "*"))
		goto out;
	p = strip(k.v[0]);
	d = clang_getCursorReferenced(p);
	if (clang_getCursorKind(p) != CXCursor_DeclRefExpr || !out_param_decl(b, d))
		goto out;
	pt = clang_getPointeeType(clang_getCanonicalType(clang_getCursorType(d)));
	name = spelling(d);
	if (clang_isVolatileQualifiedType(pt)) {
		refuse(b, c, "*%s cannot run in a compound: it is volatile, and its every access "
		       "must reach memory the kernel cannot see", name);
		free(name);
		ret = -1;
		goto out;
	}
	v = out_param_var(b->r, d, true);
	if (!v) {
		char *field = xasprintf("deref_%s", name);

		v = xcalloc(1, sizeof(*v));
		v->name = xasprintf("(*%s)", name);
		v->decl = clang_getNullCursor();
		v->deref_of = d;
		v->deref = true;
		v->kind = VK_SCALAR;
		v->ct = ctype_of(pt);
		v->outside = true;
		v->global = decl_is_global(d);
		v->is_const = clang_isConstQualifiedType(pt);
		v->loc = cursor_loc(b->u, c);
		set_field(b->r, v, field);
		free(field);
		ptrvec_push((void ***)&b->r->vars, &b->r->nvars, v);
	}
	free(name);
	*out = new_node(E_VAR, cursor_loc(b->u, c));
	(*out)->var = v;
	(*out)->ct = v->ct;
	ret = 1;
out:
	free(k.v);
	return ret;
}

/*
 * p[i] of a pointer the region cannot follow: named, with why, where it
 * is a parameter or a variable from before the region (sweep 22: a
 * helper's char *out, written in its region).
 */
static void subscript_refused(struct irb *b, CXCursor c)
{
	struct kids k = expr_children(c);
	CXCursor base = k.n >= 1 ? strip(k.v[0]) : clang_getNullCursor(), d;
	enum CXCursorKind dk;

	free(k.v);
	d = clang_getCursorReferenced(base);
	dk = clang_getCursorKind(d);
	if (clang_getCursorKind(base) == CXCursor_DeclRefExpr &&
	    (dk == CXCursor_ParmDecl || dk == CXCursor_VarDecl) && !in_region(b, d) &&
	    clang_getCanonicalType(clang_getCursorType(d)).kind == CXType_Pointer) {
		CXString name = clang_getCursorSpelling(d);

		refuse(b, c, "this subscript cannot run in a compound: %s '%s' points into "
		       "memory the program chose before the region, whose size cosy-cc cannot "
		       "know; index an array the region names (a local, static or global one, "
		       "copied where it must go after the region), or a pointer the region sets "
		       "into one", dk == CXCursor_ParmDecl ? "parameter" : "pointer",
		       clang_getCString(name));
		clang_disposeString(name);
		return;
	}
	refuse(b, c, "this subscript cannot run in a compound: only arrays, and pointers the "
	       "region sets into its memory, can be indexed");
}

static struct node *elem(struct irb *b, CXCursor c)
{
	struct mpath p;
	int r = mem_path(b, c, &p);
	struct node *n;

	if (r > 0)
		return path_value(b, c, &p);
	if (r == 0 && clang_getCursorKind(c) == CXCursor_UnaryOperator) {
		r = deref_var(b, c, &n);
		if (r)
			return r > 0 ? n : NULL;
	}
	if (r == 0) {
		struct kids k = expr_children(c);
		bool arrow = clang_getCursorKind(c) == CXCursor_MemberRefExpr && k.n == 1 &&
			     clang_getCanonicalType(clang_getCursorType(k.v[0])).kind ==
			     CXType_Pointer;

		free(k.v);
		if (arrow)
			refuse(b, c, "'->' cannot run in a compound: pointers other than buffers "
			       "and strings cannot; use the struct variable itself");
		else if (clang_getCursorKind(c) == CXCursor_ArraySubscriptExpr)
			subscript_refused(b, c);
		else if (clang_getCursorKind(c) == CXCursor_UnaryOperator)
			refuse(b, c, "dereferencing this pointer cannot run in a compound: cosy-cc "
			       "follows only pointers the region sets (declared or assigned in it) "
			       "into its own memory");
		else
			refuse(b, c, "this member access cannot run in a compound: only members "
			       "of struct variables can");
	}
	return NULL;
}

/* A value as a condition: a pointer is true when it is not NULL. */
static struct node *truth(struct node *n)
{
	struct node *t, *z;

	if (!n || !n->ptr)
		return n;
	t = new_node(E_BINARY, n->loc);
	z = new_node(E_CONST, n->loc);
	z->ct = CT_LONG;
	z->ival = COSY_RGN_NULL;
	t->op = OP_NE;
	t->ct = CT_INT;
	t->a = n;
	t->b = z;
	return t;
}

/*
 * An operand of !, && or ||: a string literal there is a pointer that is
 * never NULL, true (assert(n > 0 && "why"), assert(!"unreachable")).
 */
static struct node *logic_operand(struct irb *b, CXCursor c)
{
	struct node *n;

	if (clang_getCursorKind(strip(c)) != CXCursor_StringLiteral)
		return expr(b, c);
	n = new_node(E_CONST, cursor_loc(b->u, c));
	n->ct = CT_INT;
	n->ival = 1;
	return n;
}

static struct node *unary(struct irb *b, CXCursor c)
{
	struct kids k = expr_children(c);
	struct node *n = NULL;
	char tok[16];
	bool post = false;

	if (is_errno(c)) {
		n = new_node(E_ERRNO, cursor_loc(b->u, c));
		n->ct = CT_INT;
		goto out;
	}
	if (k.n != 1 || !unop_token(b, c, tok, sizeof(tok), &post)) {
		refuse(b, c, "this operator cannot run in a compound: it comes from a macro "
		       "expansion over variables, which cosy-cc cannot read; write it out");
		goto out;
	}
	if (!strcmp(tok, "__extension__")) {	/* GNU's: no warning for what follows */
		if (clang_equalCursors(c, b->top))
			b->top = strip(k.v[0]);	/* a statement still */
		n = expr(b, k.v[0]);
		goto out;
	}
	if (!strcmp(tok, "&")) {
		refuse(b, c, "taking an address cannot run in a compound: the compound's "
		       "variables live in the kernel, not at the program's addresses");
		goto out;
	}
	if (!strcmp(tok, "*")) {
		/* through a pointer the region set: a path into its variable */
		n = elem(b, c);
		goto out;
	}
	n = new_node(post ? E_POST : E_UNARY, cursor_loc(b->u, c));
	n->ct = ctype_of(clang_getCursorType(c));
	n->op = !strcmp(tok, "-") ? OP_NEG : !strcmp(tok, "+") ? OP_PLUS :
		!strcmp(tok, "!") ? OP_NOT : !strcmp(tok, "~") ? OP_BITNOT :
		!strcmp(tok, "++") ? OP_INC : !strcmp(tok, "--") ? OP_DEC : OP_NONE;
	if (n->op == OP_NONE || n->ct == CT_NONE) {
		refuse(b, c, "operator '%s' cannot run in a compound", tok);
		n = NULL;
		goto out;
	}
	n->a = n->op == OP_NOT ? logic_operand(b, k.v[0]) : expr(b, k.v[0]);
	if (!n->a) {
		n = NULL;
		goto out;
	}
	if (n->op == OP_NOT && n->a->ptr) {
		/* !p: p is NULL */
		n = truth(n->a);
		n->op = OP_EQ;
		goto out;
	}
	if ((n->op == OP_INC || n->op == OP_DEC) && !is_lvalue(n->a)) {
		refuse(b, c, "'%s' of this operand cannot run in a compound%s", tok,
		       ro_elem(n->a));
		n = NULL;
	}
out:
	free(k.v);
	return n;
}

static struct node *binary(struct irb *b, CXCursor c, bool compound)
{
	struct kids k = expr_children(c);
	struct node *n = NULL;
	char tok[8];
	unsigned i;

	if (k.n != 2 || !binop_token(b, c, k.v[0], tok, sizeof(tok))) {
		refuse(b, c, "this operator cannot run in a compound: it comes from a macro "
		       "expansion over variables, which cosy-cc cannot read; write it out");
		goto out;
	}
	if (!strcmp(tok, ",")) {
		n = new_node(E_COMMA, cursor_loc(b->u, c));
	} else {
		for (i = 0; i < sizeof(op_table) / sizeof(op_table[0]); i++)
			if (!strcmp(op_table[i].s, tok))
				break;
		if (i == sizeof(op_table) / sizeof(op_table[0]) || (compound && !op_table[i].assign)) {
			refuse(b, c, "operator '%s' cannot run in a compound", tok);
			goto out;
		}
		n = new_node(op_table[i].assign ? E_ASSIGN : E_BINARY, cursor_loc(b->u, c));
		n->op = op_table[i].op;
	}
	n->ct = ctype_of(clang_getCursorType(c));
	if (n->k == E_BINARY && (n->op == OP_LAND || n->op == OP_LOR)) {
		n->a = logic_operand(b, k.v[0]);
		n->b = logic_operand(b, k.v[1]);
	} else {
		n->a = expr(b, k.v[0]);
		/* end == argv[1] after strtol(argv[1], &end, 10): the string's slot */
		if (n->a && n->a->ptr && n->a->ptr->hexpr && is_host_str(b, k.v[1], n->a->ptr))
			n->b = dptr(n->a->loc, n->a->ptr, str_offset(n->a->loc, n->a->ptr));
		else
			n->b = expr(b, k.v[1]);
	}
	if (!n->a || !n->b) {
		n = NULL;
		goto out;
	}
	if (n->op == OP_LAND || n->op == OP_LOR) {
		n->a = truth(n->a);
		n->b = truth(n->b);
	} else if (n->a->ptr || n->b->ptr) {
		/* comparisons and differences of pointers: of their offsets */
		struct var *ta, *tb;

		/* argv[1] == end: as above, the string lowered without its table */
		if (n->b->ptr && n->b->ptr != n->a->ptr && n->b->ptr->hexpr &&
		    is_host_str(b, k.v[0], n->b->ptr))
			n->a = dptr(n->a->loc, n->b->ptr, str_offset(n->a->loc, n->b->ptr));
		ta = n->a->ptr;
		tb = n->b->ptr;
		if (!ta || !tb || (ta != tb && ta != &null_target && tb != &null_target)) {
			refuse(b, c, "comparing these pointers cannot run in a compound: they must "
			       "point into the same variable (or be NULL)");
			n = NULL;
			goto out;
		}
		if (n->k == E_BINARY && n->op == OP_SUB && pointee_size(k.v[0]) != 1) {
			/* p - q counts elements */
			struct node *d = new_node(E_BINARY, n->loc);

			d->op = OP_DIV;
			d->ct = n->ct;
			d->a = n;
			d->b = ulong_const(n->loc, pointee_size(k.v[0]));
			d->b->ct = CT_LONG;
			n = d;
			goto out;
		}
	}
	/* the operands were integers, the result is not (pointer arithmetic) */
	if (n->ct == CT_NONE) {
		refuse(b, c, "'%s' giving %s cannot run in a compound: only integer values can",
		       tok, type_words(clang_getCursorType(c)));
		n = NULL;
		goto out;
	}
	if (n->k == E_ASSIGN && !is_lvalue(n->a)) {
		refuse(b, c, "assignment to this operand cannot run in a compound%s",
		       ro_elem(n->a));
		n = NULL;
	}
	/* pointer arithmetic and comparisons are refused through the operands */
out:
	free(k.v);
	return n;
}

/* --- calls ------------------------------------------------------------------------ */

struct memarg {
	struct var *v;
	struct node *off;	/* NULL: the start */
};

static struct node *ulong_const(struct loc loc, unsigned long v)
{
	struct node *n = new_node(E_CONST, loc);

	n->ct = CT_ULONG;
	n->ival = (long long)v;
	return n;
}

static struct node *ulong_op(struct loc loc, enum op op, struct node *x, struct node *y)
{
	struct node *n = new_node(E_BINARY, loc), *cx = new_node(E_CAST, loc);

	cx->ct = CT_ULONG;
	cx->a = x;
	n->op = op;
	n->ct = CT_ULONG;
	n->a = cx;
	n->b = y;
	return n;
}

/*
 * The byte offset of a path (plus `extra` elements of what it names, for
 * buf + e), as an expression; NULL for 0.  Its indexes are not checked
 * against their counts here: the call checks the whole extent against the
 * variable's size.
 */
static struct node *path_offset(struct loc loc, struct mpath *p, struct node *extra,
				unsigned long extra_scale)
{
	struct node *o = p->off ? ulong_const(loc, p->off) : NULL;

	if (p->dyn)
		o = o ? ulong_op(loc, OP_ADD, o, p->dyn) : p->dyn;

	for (unsigned i = 0; i <= p->nidx; i++) {
		struct node *x = i < p->nidx ? p->idx[i] : extra;
		unsigned long sc = i < p->nidx ? p->scale[i] : extra_scale;

		if (!x)
			continue;
		if (sc != 1)
			x = ulong_op(loc, OP_MUL, x, ulong_const(loc, sc));
		o = o ? ulong_op(loc, OP_ADD, o, x) : x;
	}
	return o;
}

/* Is `decl` declared between the region's markers? */
static bool in_region(struct irb *b, CXCursor decl)
{
	struct loc at = cursor_loc(b->u, decl);

	/* a helper inlined as statements: its parameters and locals are the region's */
	return (at.file && at.off >= b->r->body_off && at.off < b->r->body_end) ||
	       blk_frame(b, decl);
}

static void hread_add(struct var *v, CXCursor d, unsigned long off, unsigned long size)
{
	v->hreads = xrealloc(v->hreads, sizeof(*v->hreads) * (v->nhreads + 1));
	v->hreads[v->nhreads++] = (struct hread){ .decl = d, .off = off, .size = size };
}

/*
 * `c` is v.m1.m2 (members, no `->`, no subscript) of a variable or
 * parameter: its declaration, and the bytes of it that c names.
 */
static bool member_bytes(CXCursor c, CXCursor *d, unsigned long *off, unsigned long *size)
{
	long long sz = clang_Type_getSizeOf(clang_getCursorType(c));
	unsigned long o = 0;

	if (sz <= 0)
		return false;
	for (;;) {
		enum CXCursorKind k;
		struct kids kids;
		CXCursor field;
		long long bits;

		c = strip(c);
		k = clang_getCursorKind(c);
		if (k == CXCursor_DeclRefExpr) {
			*d = clang_getCursorReferenced(c);
			k = clang_getCursorKind(*d);
			*off = o;
			*size = (unsigned long)sz;
			return k == CXCursor_VarDecl || k == CXCursor_ParmDecl;
		}
		if (k != CXCursor_MemberRefExpr)
			return false;
		field = clang_getCursorReferenced(c);
		bits = clang_Cursor_getOffsetOfField(field);
		kids = expr_children(c);
		/* a member of an anonymous struct: its offset is not from v */
		if (kids.n != 1 || bits < 0 || bits % 8 ||
		    clang_Cursor_isAnonymousRecordDecl(clang_getCursorSemanticParent(field)) ||
		    clang_getCanonicalType(clang_getCursorType(kids.v[0])).kind != CXType_Record) {
			free(kids.v);
			return false;	/* p->m, a bit-field */
		}
		o += (unsigned long)bits / 8;
		c = kids.v[0];
		free(kids.v);
	}
}

/*
 * Is `c` an expression the host can evaluate for a path before the run:
 * variables, subscripts, members, *, arithmetic, comparisons, ?: and
 * string literals (argc > 1 ? argv[1] : "."), no call and no side
 * effect?  Its variables are collected (they must be declared outside
 * the region).
 */
static bool pure_expr(struct irb *b, CXCursor c, struct var *v)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	struct kids kk;
	bool ok = true;

	switch (k) {
	case CXCursor_DeclRefExpr: {
		CXCursor d = clang_getCursorReferenced(c);

		if (clang_getCursorKind(d) == CXCursor_EnumConstantDecl)
			return true;
		if (clang_getCursorKind(d) != CXCursor_VarDecl &&
		    clang_getCursorKind(d) != CXCursor_ParmDecl)
			return false;
		if (in_region(b, d)) {
			/* declared in the region: the host has no value */
			char *name = spelling(d);

			snprintf(b->host_why, sizeof(b->host_why), "'%s' is the region's own "
				 "variable", name);
			free(name);
			return false;
		}
		hread_add(v, d, 0, 0);
		return true;
	}
	case CXCursor_MemberRefExpr: {
		/* f.name: only the member's bytes of f are read */
		CXCursor d;
		unsigned long off, size;

		if (member_bytes(c, &d, &off, &size) && !in_region(b, d)) {
			hread_add(v, d, off, size);
			return true;
		}
		break;
	}
	case CXCursor_IntegerLiteral:
	case CXCursor_CharacterLiteral:
	case CXCursor_StringLiteral:	/* argc > 1 ? argv[1] : "." */
	case CXCursor_ConditionalOperator:
	case CXCursor_ParenExpr:
	case CXCursor_UnexposedExpr:
	case CXCursor_ArraySubscriptExpr:
	case CXCursor_CStyleCastExpr:
		break;
	case CXCursor_UnaryOperator: {
		char tok[8];
		bool post;

		if (!unop_token(b, c, tok, sizeof(tok), &post) || (strcmp(tok, "*") &&
		    strcmp(tok, "-") && strcmp(tok, "+") && strcmp(tok, "!")))
			return false;
		break;
	}
	case CXCursor_BinaryOperator: {
		struct kids k2 = expr_children(c);
		char tok[8], word[12];

		/* arithmetic and comparisons: no assignment, no comma */
		ok = k2.n == 2 && binop_token(b, c, k2.v[0], tok, sizeof(tok));
		snprintf(word, sizeof(word), " %s ", ok ? tok : "=");
		ok = ok && strstr(" + - * / % < > <= >= == != && || ", word);
		free(k2.v);
		if (!ok)
			return false;
		break;
	}
	default:
		return false;
	}
	kk = expr_children(c);
	for (unsigned i = 0; i < kk.n && ok; i++)
		ok = pure_expr(b, kk.v[i], v);
	free(kk.v);
	return ok;
}

struct varies_walk {
	struct irb *b;
	bool yes;
};

static enum CXChildVisitResult varies_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct varies_walk *w = data;
	struct irb *b = w->b;
	CXCursor d;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
		return CXChildVisit_Recurse;
	d = clang_getCursorReferenced(c);
	if (clang_getCursorKind(d) != CXCursor_VarDecl && clang_getCursorKind(d) != CXCursor_ParmDecl)
		return CXChildVisit_Continue;
	w->yes = in_region(b, d) || is_addressed(b, d) || is_ptrvar(b, d);
	for (unsigned i = 0; i < b->nassigned && !w->yes; i++)
		w->yes = clang_equalCursors(b->assigned[i], d);
	return w->yes ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* Does expression `c` read a variable the region declares or may change? */
static bool varies(struct irb *b, CXCursor c)
{
	struct varies_walk w = { .b = b };

	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr)
		varies_visit(c, clang_getNullCursor(), &w);
	else
		clang_visitChildren(c, varies_visit, &w);
	return w.yes;
}

struct assign_walk {
	struct irb *b;
	CXCursor decl;
	bool yes;
};

static enum CXChildVisitResult assign_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct assign_walk *w = data;
	struct kids k;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_BinaryOperator || plain_assign(w->b, c) != '=')
		return CXChildVisit_Recurse;
	k = expr_children(c);
	w->yes = k.n == 2 && clang_getCursorKind(strip(k.v[0])) == CXCursor_DeclRefExpr &&
		 clang_equalCursors(clang_getCursorReferenced(strip(k.v[0])), w->decl);
	free(k.v);
	return w->yes ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/*
 * Is `decl` main()'s argv (or envp), never set to another array in main
 * (argv++, argv += optind stay in it)?  Then argv[argc] is NULL, as C
 * says: the host may read its strings up to that NULL.  Any other char **
 * may point to an array without one.
 */
static bool main_vector(struct irb *b, CXCursor decl)
{
	CXCursor fn = clang_getCursorSemanticParent(decl);
	struct assign_walk w = { .b = b, .decl = decl };
	CXString name;
	bool is_main;

	if (clang_getCursorKind(decl) != CXCursor_ParmDecl ||
	    clang_getCursorKind(fn) != CXCursor_FunctionDecl)
		return false;
	name = clang_getCursorSpelling(fn);
	is_main = !strcmp(clang_getCString(name), "main");
	clang_disposeString(name);
	if (!is_main || clang_Cursor_getNumArguments(fn) < 2 ||
	    !(clang_equalCursors(clang_Cursor_getArgument(fn, 1), decl) ||
	      (clang_Cursor_getNumArguments(fn) > 2 &&
	       clang_equalCursors(clang_Cursor_getArgument(fn, 2), decl))))
		return false;
	clang_visitChildren(fn, assign_visit, &w);
	return !w.yes;
}

/*
 * names[e], names an array of char * declared before the region (const
 * char *files[] = { "a", "b" }): a table the host fills, each string into
 * a slot of COSY_RGN_STRTAB_SLOT bytes, so that e may be the region's own
 * (its loop's counter).  main()'s argv[e] is one too when e changes in
 * the region (`for (i = 1; i < argc; i++)
 * open(argv[i], ...)`): the host copies its strings up to the NULL.
 * The var, or NULL if `s` is not such a subscript or the table has more
 * than STRTAB_MAX strings; *idx is e.  `any`: argv[e] whatever e is (an
 * argument of a helper inlined as statements, which needs memory).
 */
#define STRTAB_MAX	256u	/* names in a table: 64 KiB of slots */
#define TAB_LITS	8u	/* slots for literals after a table's */
static struct var *strtab_var(struct irb *b, CXCursor s, CXCursor *idx, bool any)
{
	struct region *r = b->r;
	struct kids kk = expr_children(s);
	CXCursor base, d;
	CXType t, el;
	struct var *v;
	long long n;
	bool vec;

	if (clang_getCursorKind(s) != CXCursor_ArraySubscriptExpr || kk.n != 2) {
		free(kk.v);
		return NULL;
	}
	base = strip(kk.v[0]);
	*idx = kk.v[1];
	free(kk.v);
	if (clang_getCursorKind(base) != CXCursor_DeclRefExpr)
		return NULL;
	d = clang_getCursorReferenced(base);
	t = clang_getCanonicalType(clang_getCursorType(d));
	vec = t.kind == CXType_Pointer;
	if (!(clang_getCursorKind(d) == CXCursor_VarDecl && t.kind == CXType_ConstantArray) &&
	    !(vec && (clang_getCursorKind(d) == CXCursor_VarDecl ||
		      clang_getCursorKind(d) == CXCursor_ParmDecl)))
		return NULL;
	el = clang_getCanonicalType(vec ? clang_getPointeeType(t) : clang_getArrayElementType(t));
	if (el.kind != CXType_Pointer ||
	    !is_char_kind(clang_getCanonicalType(clang_getPointeeType(el)).kind))
		return NULL;
	v = find_var(r, d);
	if (v)
		return v->strtab ? v : NULL;	/* the region's own array: not a table */
	/*
	 * A vector (char **argv) only where the host cannot compute the one
	 * string (host_str()): its index changes in the region.  The region
	 * must not move the vector itself (argv++).
	 */
	if (vec && (!main_vector(b, d) || is_ptrvar(b, d) || (!any && !varies(b, *idx))))
		return NULL;
	n = vec ? STRTAB_MAX : clang_getArraySize(t);
	if (n <= 0 || (unsigned long long)n > STRTAB_MAX)
		return NULL;
	v = xcalloc(1, sizeof(*v));
	v->name = spelling(d);
	v->decl = d;
	v->loc = cursor_loc(b->u, d);
	v->kind = VK_BUF;
	v->ct = CT_UCHAR;
	v->elsize = COSY_RGN_STRTAB_SLOT;
	v->tab_slots = (unsigned)n;
	v->size = (unsigned long)(n + TAB_LITS) * COSY_RGN_STRTAB_SLOT;
	v->strtab = true;
	v->strvec = vec;
	v->is_const = true;	/* the region reads the strings, never writes them */
	v->outside = true;
	v->global = decl_is_global(d);
	v->read = true;
	set_field(r, v, v->name);
	ptrvec_push((void ***)&r->vars, &r->nvars, v);
	return v;
}

/* A path the program computes (argv[1], names[i]): a string slot the host fills. */
static struct var *host_str(struct irb *b, CXCursor c)
{
	struct region *r = b->r;
	CXType t = clang_getCanonicalType(clang_getCursorType(c));
	unsigned start, end = end_off(c);
	struct var *v;
	char *text;

	clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(c)), NULL, NULL, NULL,
				   &start);

	if (t.kind != CXType_Pointer ||
	    !is_char_kind(clang_getCanonicalType(clang_getPointeeType(t)).kind) ||
	    unit_in_macro(b->u, c) || end <= start || end > b->u->len)
		return NULL;
	v = xcalloc(1, sizeof(*v));
	if (!pure_expr(b, c, v)) {
		free(v->hreads);
		free(v);
		return NULL;
	}
	text = xcalloc(1, end - start + 1);
	memcpy(text, b->u->text + start, end - start);
	for (unsigned i = 0; i < r->nvars; i++) {
		if (r->vars[i]->hexpr && !strcmp(r->vars[i]->hexpr, text)) {
			free(text);
			free(v->hreads);
			free(v);
			return r->vars[i];
		}
	}
	v->kind = VK_STR;
	v->hexpr = text;
	v->name = xstrdup(text);
	v->outside = true;
	v->read = true;
	v->decl = clang_getNullCursor();
	v->loc = cursor_loc(b->u, c);
	set_field(r, v, "path");
	ptrvec_push((void ***)&r->vars, &r->nvars, v);
	return v;
}

/* Is c the text of v, a string the host evaluates (host_str())? */
static bool is_host_str(struct irb *b, CXCursor c, const struct var *v)
{
	unsigned start, end = end_off(strip(c));

	clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(strip(c))), NULL,
				   NULL, NULL, &start);
	return !unit_in_macro(b->u, c) && end > start && end <= b->u->len &&
	       strlen(v->hexpr) == end - start && !memcmp(b->u->text + start, v->hexpr, end - start);
}

/*
 * A literal in a slot of table `tab` (strtab_var()), after the strings the
 * host fills, so that a pointer may point to either (i < argc ? argv[i] :
 * "-"): the node of its start, or NULL (not a plain literal, longer than
 * a slot, or the table's literal slots all taken).
 */
static struct node *tab_literal(struct irb *b, struct var *tab, CXCursor use, CXCursor lit)
{
	struct region *r = b->r;
	struct loc loc = cursor_loc(b->u, lit);
	struct var *v = NULL;
	struct node *n;
	size_t len;
	char *s = literal_bytes(use, lit, &len);

	if (!s || !len || len > COSY_RGN_STRTAB_SLOT) {
		free(s);
		return NULL;
	}
	for (unsigned i = 0; i < r->nvars && !v; i++)
		if (r->vars[i]->in_tab == tab && r->vars[i]->litlen == len &&
		    !memcmp(r->vars[i]->lit, s, len))
			v = r->vars[i];
	if (!v && tab->ntab_lits < TAB_LITS) {
		v = lit_new(r, s, len, VK_BUF, loc, "tablit");
		v->in_tab = tab;
		v->tab_slot = tab->ntab_lits++;
	}
	free(s);
	if (!v)
		return NULL;
	n = ptr_node(E_CAST, loc, tab);
	n->a = ulong_const(loc, (unsigned long)(tab->tab_slots + v->tab_slot) *
				COSY_RGN_STRTAB_SLOT);
	return n;
}

struct lit_tab_walk {
	struct irb *b;
	CXCursor decl;		/* the pointer's */
	bool anywhere;		/* a helper's: its whole body is the region's */
	struct var *tab;	/* found */
};

/*
 * A table's string (argv[i], names[i]) anywhere in expression `c` but in
 * a call's arguments: the value of opendir(argv[1]) or strchr(argv[i], c)
 * is no pointer into the table.
 */
static enum CXChildVisitResult tab_in_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct lit_tab_walk *w = data;
	CXCursor ix;

	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_CallExpr)
		return CXChildVisit_Continue;
	if (clang_getCursorKind(c) == CXCursor_ArraySubscriptExpr)
		w->tab = strtab_var(w->b, c, &ix, true);
	return w->tab ? CXChildVisit_Break : CXChildVisit_Recurse;
}

static struct var *tab_in(struct irb *b, CXCursor c)
{
	struct lit_tab_walk w = { .b = b };

	visit_tree(strip(c), tab_in_visit, &w);
	return w.tab;
}

/* The assignments of w->decl in the region: the first table one of them takes. */
static enum CXChildVisitResult lit_tab_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct lit_tab_walk *w = data;
	struct loc at = cursor_loc(w->b->u, c);
	enum CXCursorKind k = clang_getCursorKind(c);
	struct kids kk;

	(void)parent;
	if (!w->anywhere && (at.off < w->b->r->body_off || at.off >= w->b->r->body_end))
		return CXChildVisit_Recurse;
	if (k == CXCursor_VarDecl && clang_equalCursors(c, w->decl)) {
		kk = expr_children(c);
		if (kk.n)
			w->tab = tab_in(w->b, kk.v[kk.n - 1]);
		free(kk.v);
	} else if (k == CXCursor_BinaryOperator && plain_assign(w->b, c) == '=') {
		kk = expr_children(c);
		if (kk.n == 2 && clang_getCursorKind(strip(kk.v[0])) == CXCursor_DeclRefExpr &&
		    clang_equalCursors(clang_getCursorReferenced(strip(kk.v[0])), w->decl))
			w->tab = tab_in(w->b, kk.v[1]);
		free(kk.v);
	}
	return w->tab ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/*
 * The table pointer `v`'s literals go into: the one an assignment of v
 * in the region takes a string of (const char *path = "-"; ... path =
 * argv[i];), or NULL.
 */
static struct var *lit_table(struct irb *b, struct var *v)
{
	struct lit_tab_walk w = { .b = b, .decl = v->decl };
	CXCursor fn;

	if (v->lit_tab_known || clang_Cursor_isNull(v->decl))
		return v->lit_tab;
	v->lit_tab_known = true;
	w.anywhere = blk_frame(b, v->decl) != NULL;
	fn = w.anywhere ? clang_getCursorSemanticParent(v->decl) : b->r->body_cursor;
	clang_visitChildren(fn, lit_tab_visit, &w);
	v->lit_tab = w.tab;
	return w.tab;
}

/*
 * The region's literal pool: the string literals its pointer variables
 * take, one after another, each with its NUL, in one read-only variable
 * copied in, so that a pointer may point to any of them (type = "dir";
 * ... type = "file";) as an offset into one variable.  The node of the
 * literal's start there, or NULL (not a plain literal, or the pool full).
 */
#define LIT_POOL_MAX	4096u

static struct node *pool_literal(struct irb *b, CXCursor use, CXCursor lit)
{
	struct region *r = b->r;
	struct loc loc = cursor_loc(b->u, lit);
	struct var *pool = NULL;
	size_t len, at = 0;
	char *s = literal_bytes(use, lit, &len);
	struct node *n;

	if (!s || !len) {
		free(s);
		return NULL;
	}
	for (unsigned i = 0; i < r->nvars && !pool; i++)
		if (r->vars[i]->lit_pool)
			pool = r->vars[i];
	if (!pool) {
		pool = lit_new(r, s, len, VK_BUF, loc, "lits");
		pool->lit_pool = true;
		pool->scanned = true;	/* read through the frame's pointer */
	} else {
		/* the same string already there, as a whole one */
		for (at = 0; at + len <= pool->litlen; at++)
			if ((!at || !pool->lit[at - 1]) && !memcmp(pool->lit + at, s, len))
				break;
		if (at + len > pool->litlen) {
			at = pool->litlen;
			if (at + len > LIT_POOL_MAX) {
				free(s);
				return NULL;
			}
			pool->lit = xrealloc(pool->lit, at + len + 1);
			memcpy(pool->lit + at, s, len);
			pool->lit[at + len] = 0;
			pool->litlen = pool->size = at + len;
		}
	}
	free(s);
	n = ptr_node(E_CAST, loc, pool);
	n->a = ulong_const(loc, at);
	return n;
}

/* --- pointers: byte offsets into one variable ------------------------------------- */

/* 0, NULL, (void *)0: an integer constant 0, maybe converted or cast. */
static bool null_const(CXCursor c)
{
	CXEvalResult e;
	bool yes = false;

	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(c);
		struct kids kk;

		if (k != CXCursor_CStyleCastExpr && k != CXCursor_UnexposedExpr &&
		    k != CXCursor_ParenExpr)
			break;
		kk = expr_children(c);
		if (kk.n != 1) {
			free(kk.v);
			return false;
		}
		c = kk.v[0];
		free(kk.v);
	}
	if (!const_tree(c) || ctype_of(clang_getCursorType(c)) == CT_NONE)
		return false;
	e = clang_Cursor_Evaluate(c);
	if (e) {
		yes = clang_EvalResult_getKind(e) == CXEval_Int &&
		      clang_EvalResult_getAsLongLong(e) == 0;
		clang_EvalResult_dispose(e);
	}
	return yes;
}

/* The size of what a pointer (or decayed array) expression points to. */
static unsigned long pointee_size(CXCursor c)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(strip(c)));
	CXType pt = clang_getCanonicalType(t.kind == CXType_ConstantArray ?
					   clang_getArrayElementType(t) : clang_getPointeeType(t));
	long long n = pt.kind == CXType_Void ? 1 : clang_Type_getSizeOf(pt);

	return n > 0 ? (unsigned long)n : 1;
}

/* What a pointer points into, for a message: 'buf', or a string literal. */
static const char *target_name(const struct var *t, char buf[static 80])
{
	if (!t->name)
		return "a string literal";
	snprintf(buf, 80, "'%s'", t->name);
	return buf;
}

static unsigned use_outside(struct irb *b, CXCursor decl);

/* p's variable points into t (NULL points anywhere); one variable per pointer. */
static bool bind(struct irb *b, struct var *v, struct var *t, CXCursor at)
{
	char tb[80], tc[80];

	if (t == &null_target)
		v->null_seen = true;
	if (t->is_null) {
		refuse(b, at, "pointer '%s' cannot run in a compound: it would point where "
		       "out-parameter '%s' points, into the program's memory, which the compound "
		       "reaches only as *%s", v->name, t->name, t->name);
		return false;
	}
	if (t == &null_target || v->target == t)
		return true;
	if (!v->target && t->dirbuf && v->outside && !v->inl) {
		/* readdir()'s record is the compound's: the program's pointer would dangle */
		unsigned line = v->global ? 0 : use_outside(b, v->decl);
		char where[40];

		snprintf(where, sizeof(where), "line %u", line);
		if (line || v->global) {
			refuse(b, at, "pointer '%s' cannot run in a compound: it points into a "
			       "DIR's buffer, which is the compound's, and is used outside the "
			       "region too (%s); copy what the program needs (its d_name) into "
			       "an array", v->name, v->global ? "a global" : where);
			return false;
		}
	}
	if (!v->target) {
		v->target = t;
		return true;
	}
	refuse(b, at, "pointer '%s' cannot run in a compound: it points into %s here and "
	       "into %s before, and cosy-cc keeps a pointer as an offset into one variable",
	       v->name, target_name(t, tb), target_name(v->target, tc));
	return false;
}

static struct node *ptr_node(enum node_kind k, struct loc loc, struct var *target)
{
	struct node *n = new_node(k, loc);

	n->ct = CT_LONG;
	n->ptr = target;
	return n;
}

/*
 * The offset in its slot of a string from before the region: 0, or NULL
 * when the program passed NULL.  The runtime marks that in the slot's
 * last byte (a string's NUL is at or before it) and puts "(null)" in the
 * slot, as glibc's printf("%s") prints it; so `if (path)` and `path ?
 * ... :` see what the program passed, and open(path) of NULL fails with
 * EFAULT, as the kernel's.
 */
static struct node *str_offset(struct loc loc, struct var *v)
{
	struct node *mark = new_node(E_ELEM, loc);

	v->scanned = true;	/* read through the frame's pointer */
	if (!v->size)
		v->size = COSY_PATH_MAX;	/* its slot */
	mark->var = v;
	mark->ct = CT_UCHAR;
	mark->ival = COSY_PATH_MAX - 1;
	return dcond(loc, mark, ulong_const(loc, (unsigned long)COSY_RGN_NULL),
		     ulong_const(loc, 0));
}

/* A pointer variable of the region as an lvalue (p = ..., p++, p += k). */
static struct var *ptr_lvalue(struct irb *b, CXCursor c)
{
	CXCursor s = strip(c), d = clang_getCursorReferenced(s);
	struct var *v;

	if (clang_getCursorKind(s) != CXCursor_DeclRefExpr ||
	    (clang_getCursorKind(d) != CXCursor_VarDecl &&
	     clang_getCursorKind(d) != CXCursor_ParmDecl)) {
		refuse(b, c, "assigning this pointer cannot run in a compound: only pointer "
		       "variables can be assigned");
		return NULL;
	}
	v = var_for(b, d, s, false);
	if (v && !v->is_ptr) {
		refuse(b, c, "pointer '%s' cannot run in a compound here", v->name);
		return NULL;
	}
	return v;
}

/*
 * A pointer used where the region has not set it, or where its setting
 * was refused: then the first use points back there, and the others only
 * count as errors, as uses of a refused declaration do.
 */
static void ptr_unknown(struct irb *b, CXCursor s, struct var *v)
{
	if (v->bind_refused && v->bind_said) {
		refused_decl(b);
	} else if (v->bind_refused) {
		v->bind_said = true;
		refuse(b, s, "'%s' has no value the compound knows here: its assignment at line "
		       "%u cannot run in a compound (said above)", v->name, v->bind_refused);
	} else {
		refuse(b, s, "cosy-cc cannot tell where '%s' points here: assign it in the "
		       "region before this use", v->name);
	}
}

/*
 * p as the left operand of ++, --, +=, -= or =: its value node (where it
 * points must be known for all but =, which binds it).
 */
static struct node *ptr_operand(struct irb *b, CXCursor s, CXCursor lhs, struct loc loc,
				struct var **vp, bool binding)
{
	struct var *v = ptr_lvalue(b, lhs);
	struct node *x;

	if (!v)
		return NULL;
	if (!binding && !v->target) {
		ptr_unknown(b, s, v);
		return NULL;
	}
	x = ptr_node(E_VAR, loc, v->target);
	x->var = v;
	*vp = v;
	return x;
}

/* e * the pointee size, as a byte count */
static struct node *scaled(struct loc loc, struct node *e, unsigned long scale)
{
	struct node *n = new_node(E_CAST, loc);

	n->ct = CT_LONG;
	n->a = e;
	if (scale == 1)
		return n;
	return ulong_op(loc, OP_MUL, n, ulong_const(loc, scale));
}

/*
 * A pointer-typed expression: its value as a byte offset into the one
 * variable it points into (node->ptr), NULL as COSY_RGN_NULL.
 */
static struct node *ptr_expr(struct irb *b, CXCursor c)
{
	CXCursor s = strip(c);
	enum CXCursorKind k = clang_getCursorKind(s);
	struct loc loc = cursor_loc(b->u, s);
	struct kids kk = { 0 };
	struct node *n = NULL, *x, *y;
	char tok[8], tb[80], tc[80];
	struct mpath p;
	struct var *v;
	bool post, pool;
	int r;

	if (null_const(s)) {
		n = ptr_node(E_CONST, loc, &null_target);
		n->ival = COSY_RGN_NULL;
		return n;
	}
	switch (k) {
	case CXCursor_DeclRefExpr: {
		CXCursor d = clang_getCursorReferenced(s);

		if ((clang_getCursorKind(d) == CXCursor_VarDecl ||
		     clang_getCursorKind(d) == CXCursor_ParmDecl) &&
		    clang_getCanonicalType(clang_getCursorType(d)).kind == CXType_Pointer) {
			if (!inl_var(b, d) && (n = out_param_ptr(b, s, d)))
				return n;
			v = var_for(b, d, s, false);
			if (!v)
				return NULL;
			if (!v->is_ptr && v->kind == VK_STR &&
			    clang_isConstQualifiedType(clang_getPointeeType(
				    clang_getCanonicalType(clang_getCursorType(d))))) {
				/* a string from before the region, in its slot */
				n = ptr_node(E_CAST, loc, v);
				n->a = str_offset(loc, v);
				return n;
			}
			if (!v->is_ptr) {
				refuse(b, s, "pointer '%s' cannot be followed in a compound: it is "
				       "neither declared nor assigned in the region, so cosy-cc cannot "
				       "tell which memory it points into", v->name);
				return NULL;
			}
			if (!v->target && !v->null_seen) {
				ptr_unknown(b, s, v);
				return NULL;
			}
			/* only NULL so far: it compares with anything, derefs nothing */
			n = ptr_node(E_VAR, loc, v->target ? v->target : &null_target);
			n->var = v;
			return n;
		}
		/* an array decays to a pointer to its start */
	}
		/* fall through */
	case CXCursor_MemberRefExpr:
	case CXCursor_ArraySubscriptExpr: {
		CXCursor ix;

		/* argv[i], names[i]: a slot of the table the host fills */
		if (k == CXCursor_ArraySubscriptExpr && (v = strtab_var(b, s, &ix, true))) {
			x = expr(b, ix);
			if (!x)
				return NULL;
			n = ptr_node(E_CAST, loc, v);
			n->a = ulong_op(loc, OP_MUL, x, ulong_const(loc, COSY_RGN_STRTAB_SLOT));
			return n;
		}
	}
		r = mem_path(b, s, &p);
		if (r < 0)
			return NULL;
		if (r > 0 && p.type.kind == CXType_ConstantArray) {
			x = path_offset(loc, &p, NULL, 1);
			n = ptr_node(E_CAST, loc, p.v);
			n->a = x ? x : ulong_const(loc, 0);
			return n;
		}
		break;
	case CXCursor_UnaryOperator:
		if (!unop_token(b, s, tok, sizeof(tok), &post))
			break;
		kk = expr_children(s);
		if (kk.n != 1)
			break;
		if (!strcmp(tok, "&")) {
			r = mem_path(b, kk.v[0], &p);
			if (r < 0)
				goto out;
			if (r > 0) {
				x = path_offset(loc, &p, NULL, 1);
				n = ptr_node(E_CAST, loc, p.v);
				n->a = x ? x : ulong_const(loc, 0);
				goto out;
			}
			break;
		}
		if (!strcmp(tok, "++") || !strcmp(tok, "--")) {
			/* p++: p += size, the old value; ++p: the new one */
			x = ptr_operand(b, s, kk.v[0], loc, &v, false);
			if (!x)
				goto out;
			n = ptr_node(E_ASSIGN, loc, v->target);
			n->op = tok[0] == '+' ? OP_ADD : OP_SUB;
			n->a = x;
			n->b = ulong_const(loc, v->pscale);
			n->b->ct = CT_LONG;
			if (post) {
				y = ptr_node(E_BINARY, loc, v->target);
				y->op = tok[0] == '+' ? OP_SUB : OP_ADD;
				y->a = n;
				y->b = ulong_const(loc, v->pscale);
				y->b->ct = CT_LONG;
				n = y;
			}
			goto out;
		}
		break;
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator:
		kk = expr_children(s);
		if (kk.n != 2 || !binop_token(b, s, kk.v[0], tok, sizeof(tok)))
			break;
		if (!strcmp(tok, "=")) {
			struct var *lt = b->lit_tab;

			pool = b->lit_pool;
			x = ptr_operand(b, s, kk.v[0], loc, &v, true);
			b->lit_tab = x ? lit_table(b, v) : NULL;
			b->lit_pool = true;
			b->dir_dest = x && (v->dir || v->file) ? v : NULL;
			y = x ? ptr_expr(b, kk.v[1]) : NULL;
			b->dir_dest = NULL;
			b->lit_tab = lt;
			b->lit_pool = pool;
			if (!y && x && !v->bind_refused)
				v->bind_refused = loc.line;
			if (!y || !bind(b, v, y->ptr, s))
				goto out;
			x->ptr = v->target;
			n = ptr_node(E_ASSIGN, loc, v->target);
			n->op = OP_NONE;
			n->a = x;
			n->b = y;
			goto out;
		}
		if (!strcmp(tok, "+=") || !strcmp(tok, "-=")) {
			x = ptr_operand(b, s, kk.v[0], loc, &v, false);
			y = x ? expr(b, kk.v[1]) : NULL;
			if (!y)
				goto out;
			n = ptr_node(E_ASSIGN, loc, v->target);
			n->op = tok[0] == '+' ? OP_ADD : OP_SUB;
			n->a = x;
			n->b = scaled(loc, y, v->pscale);
			goto out;
		}
		if (!strcmp(tok, "+") || !strcmp(tok, "-")) {
			/* pointer + integer, integer + pointer, pointer - integer */
			enum CXTypeKind k0 = clang_getCanonicalType(clang_getCursorType(
						strip(kk.v[0]))).kind;
			int side = k0 == CXType_Pointer || k0 == CXType_ConstantArray ? 0 : 1;

			if (side == 1 && tok[0] == '-')
				break;
			x = ptr_expr(b, kk.v[side]);
			y = x ? expr(b, kk.v[!side]) : NULL;
			if (!x || !y)
				goto out;
			n = ptr_node(E_BINARY, loc, x->ptr);
			n->op = tok[0] == '+' ? OP_ADD : OP_SUB;
			n->a = x;
			n->b = scaled(loc, y, pointee_size(kk.v[side]));
			goto out;
		}
		if (!strcmp(tok, ",")) {
			x = expr(b, kk.v[0]);
			y = x ? ptr_expr(b, kk.v[1]) : NULL;
			if (!x || !y)
				goto out;
			n = ptr_node(E_COMMA, loc, y->ptr);
			n->a = x;
			n->b = y;
			goto out;
		}
		break;
	case CXCursor_CStyleCastExpr:
		/* (struct rec *)(buf + k): the same offset, another pointee */
		kk = expr_children(s);
		if (kk.n == 1 && clang_getCanonicalType(clang_getCursorType(strip(kk.v[0]))).kind !=
		    CXType_Pointer && clang_getCanonicalType(clang_getCursorType(strip(kk.v[0]))).kind !=
		    CXType_ConstantArray)
			break;
		if (kk.n == 1)
			n = ptr_expr(b, kk.v[0]);
		goto out;
	case CXCursor_CallExpr:
		/* memchr, memmem: a pointer into their haystack, or NULL; a helper's (blk_inline()) */
		n = call(b, s);
		if (n && !n->ptr) {
			refuse(b, s, "this call's pointer cannot be used in a compound");
			n = NULL;
		}
		goto out;
	case CXCursor_StringLiteral:
		/* in the table the pointer's other strings are in, or its own var */
		if (b->lit_tab && (n = tab_literal(b, b->lit_tab, c, s)))
			return n;
		if (b->lit_pool && (n = pool_literal(b, c, s)))
			return n;
		/* its bytes, copied in: C forbids writing them */
		v = literal_var(b, c, s, VK_BUF);
		if (!v)
			return NULL;
		v->scanned = true;	/* read through the frame's pointer */
		n = ptr_node(E_CAST, loc, v);
		n->a = ulong_const(loc, 0);
		return n;
	case CXCursor_ConditionalOperator:
		kk = expr_children(s);
		if (kk.n != 3)
			break;
		n = ptr_node(E_COND, loc, NULL);
		n->a = expr(b, kk.v[0]);
		/* c ? "yes" : "no": both in the pool */
		pool = b->lit_pool;
		b->lit_pool = true;
		n->b = ptr_expr(b, kk.v[1]);
		n->c = ptr_expr(b, kk.v[2]);
		b->lit_pool = pool;
		if (!n->a || !n->b || !n->c) {
			n = NULL;
			goto out;
		}
		n->a = truth(n->a);
		if (n->b->ptr != n->c->ptr && n->b->ptr != &null_target &&
		    n->c->ptr != &null_target) {
			refuse(b, s, "this conditional cannot run in a compound: its pointers point "
			       "into different variables (%s and %s), and cosy-cc keeps a "
			       "pointer as an offset into one variable", target_name(n->b->ptr, tb),
			       target_name(n->c->ptr, tc));
			n = NULL;
			goto out;
		}
		n->ptr = n->b->ptr != &null_target ? n->b->ptr : n->c->ptr;
		goto out;
	default:
		break;
	}
	free(kk.v);
	refuse(b, s, "this pointer cannot run in a compound: a pointer must point into an array "
	       "or struct the region uses (buf, &s, buf + k, p + k), or be NULL");
	return NULL;
out:
	free(kk.v);
	return n;
}

/*
 * The memory argument of a call: buf | buf + e | e + buf | &x | &buf[e] |
 * &s.f | "literal", for any array, struct or scalar in memory; the offset
 * is in bytes.  Memory the call only reads (`ro`: memcmp's, write's data)
 * may also be a string of the program's (argv[2], a const char * from
 * before the region), copied into a string slot as a path is: its bytes up
 * to the NUL, zeros after it.
 */
static bool mem_arg_x(struct irb *b, CXCursor c, enum var_kind lit_kind, struct memarg *m,
		      const char *what, bool ro)
{
	CXCursor s = strip(c);
	enum CXCursorKind k = clang_getCursorKind(s);
	struct loc loc = cursor_loc(b->u, s);
	struct mpath p;
	int r;

	m->off = NULL;
	m->v = NULL;
	if (k == CXCursor_StringLiteral) {
		m->v = literal_var(b, c, s, lit_kind);
		return m->v != NULL;
	}
	/* through a pointer the region set: its variable, at its offset */
	if (clang_getCanonicalType(clang_getCursorType(s)).kind == CXType_Pointer &&
	    ptr_based(b, s)) {
		struct node *pn = ptr_expr(b, s);

		if (!pn)
			return false;
		if (pn->ptr == &null_target) {
			refuse(b, c, "a NULL %s cannot run in a compound", what);
			return false;
		}
		m->v = pn->ptr;
		m->off = pn;
		return true;
	}
	/*
	 * names[e] of a table of strings from before the region: e may be
	 * the region's own (a larger table: the host computes the one string,
	 * below, if e is not)
	 */
	if (lit_kind == VK_STR || ro) {
		CXCursor ix;
		struct var *tv = strtab_var(b, s, &ix, false);

		if (tv) {
			struct node *e = expr(b, ix);

			if (!e)
				return false;
			m->v = tv;
			m->off = ulong_op(loc, OP_MUL, e, ulong_const(loc, COSY_RGN_STRTAB_SLOT));
			return true;
		}
	}
	/* an array (decayed to its start) */
	r = mem_path(b, s, &p);
	if (r < 0)
		return false;
	if (r > 0 && (p.type.kind == CXType_ConstantArray ||
		      (p.type.kind == CXType_IncompleteArray && p.dyn))) {
		m->v = p.v;
		m->off = path_offset(loc, &p, NULL, 1);
		return true;
	}
	if (r == 0 && k == CXCursor_DeclRefExpr) {
		CXCursor d = clang_getCursorReferenced(s);

		if (clang_getCursorKind(d) == CXCursor_VarDecl ||
		    clang_getCursorKind(d) == CXCursor_ParmDecl) {
			m->v = var_for(b, d, s, false);
			if (!m->v)
				return false;
			if (m->v->kind == VK_STR && (lit_kind == VK_STR || ro)) {
				/* a path: NULL is EFAULT (printf's %s prints "(null)") */
				if (!ro && !m->v->lit)
					m->off = str_offset(loc, m->v);
				return true;
			}
			if (m->v->kind == VK_STR) {
				refuse(b, s, "pointer '%s' as %s cannot run in a compound: the "
				       "compound needs the extent of the memory; use a char array",
				       m->v->name, what);
				return false;
			}
			m->v = NULL;
		}
	}
	if (k == CXCursor_BinaryOperator) {
		struct kids kk = expr_children(s);
		char tok[8];

		if (kk.n == 2 && binop_token(b, s, kk.v[0], tok, sizeof(tok)) && !strcmp(tok, "+")) {
			for (int side = 0; side < 2; side++) {
				r = mem_path(b, kk.v[side], &p);
				if (r > 0 && p.type.kind == CXType_ConstantArray) {
					struct node *e = expr(b, kk.v[!side]);
					CXType el = clang_getArrayElementType(p.type);

					free(kk.v);
					if (!e)
						return false;
					m->v = p.v;
					m->off = path_offset(loc, &p, e,
							     (unsigned long)clang_Type_getSizeOf(el));
					return true;
				}
				if (r < 0) {
					free(kk.v);
					return false;
				}
			}
		}
		free(kk.v);
	}
	if (k == CXCursor_UnaryOperator) {
		struct kids kk = expr_children(s);
		char tok[8];
		bool post;

		if (kk.n == 1 && unop_token(b, s, tok, sizeof(tok), &post) && !strcmp(tok, "&")) {
			r = mem_path(b, kk.v[0], &p);
			free(kk.v);
			if (r < 0)
				return false;
			if (r > 0) {
				m->v = p.v;
				m->off = path_offset(loc, &p, NULL, 1);
				return true;
			}
		} else {
			free(kk.v);
		}
	}
	/* any other pointer arithmetic over an array: line + k + 1, (char *)s.b + 2 */
	if (clang_getCanonicalType(clang_getCursorType(s)).kind == CXType_Pointer &&
	    array_based(s)) {
		struct node *pn = ptr_expr(b, s);

		if (!pn)
			return false;
		m->v = pn->ptr;
		m->off = pn;
		return true;
	}
	/*
	 * Not the region's memory (&name[0], names + k, which the region may
	 * write, and k too): a char * path the program computes (argv[1]),
	 * which the host evaluates before the region.
	 */
	b->host_why[0] = 0;
	if ((lit_kind == VK_STR || ro) && k != CXCursor_DeclRefExpr &&
	    clang_getCanonicalType(clang_getCursorType(s)).kind == CXType_Pointer) {
		m->v = host_str(b, s);
		if (m->v)
			return true;
	}
	if (b->host_why[0]) {
		/* paths[i], i a loop counter: the usual case, and a clear way out */
		refuse(b, c, "this %s cannot run in a compound: the compound cannot follow the "
		       "program's pointers, so the string a char * names (argv[1]) is copied in "
		       "before the region runs, and %s; keep the strings in a char array the "
		       "region indexes (char names[N][LEN]) or an array of at most %u char * "
		       "(const char *names[N]), or run one region per string", what,
		       b->host_why, STRTAB_MAX);
		return false;
	}
	refuse(b, c, "this %s cannot run in a compound: it must be an array, array + offset, "
	       "&variable, &array[index] or &struct.member%s", what,
	       lit_kind == VK_STR || ro ? ", a string literal, a const char * variable or an "
	       "expression without calls or side effects over variables from outside the "
	       "region (argv[1])" : "");
	return false;
}

static bool mem_arg(struct irb *b, CXCursor c, enum var_kind lit_kind, struct memarg *m,
		    const char *what)
{
	return mem_arg_x(b, c, lit_kind, m, what, false);
}

/* Memory the call only reads: a string of the program's will do too. */
static bool mem_src(struct irb *b, CXCursor c, enum var_kind lit_kind, struct memarg *m,
		    const char *what)
{
	return mem_arg_x(b, c, lit_kind, m, what, true);
}

/*
 * The destination of memcpy, memset, strcpy ...: writable memory of the
 * region's, and the call a statement of its own (they return a pointer).
 */
static bool dest_arg(struct irb *b, CXCursor call, CXCursor dst, const char *name,
		     struct memarg *m)
{
	if (!clang_equalCursors(call, b->top)) {
		refuse(b, call, "the value of %s() cannot be used in a compound: it is a "
		       "pointer; call it as a statement", name);
		return false;
	}
	if (!mem_arg(b, dst, VK_BUF, m, "destination"))
		return false;
	if (m->v->lit || m->v->is_const) {
		refuse(b, dst, "%s() into %s cannot run in a compound", name,
		       m->v->lit ? "a string literal" : "a const buffer");
		return false;
	}
	return true;
}

/*
 * An fd argument: a variable, a constant or an integer in memory (fds[i],
 * r->fd), what analyze.c can follow to tell the guard which of the
 * program's fds the compound may use.
 */
static struct node *fd_arg(struct irb *b, CXCursor c, const char *call)
{
	struct node *n = expr(b, c);

	if (n && n->k != E_VAR && n->k != E_CONST && (n->k != E_ELEM || n->ct == CT_NONE)) {
		diag_error(b->u, n->loc, "this fd argument of %s() cannot run in a compound: it "
			   "must be a variable, a constant, an array element or a struct "
			   "member, so that cosy-cc knows which of the program's fds the "
			   "compound may use", call);
		return NULL;
	}
	return n;
}

static const struct {
	const char *name;
	enum sysc sc;
	unsigned min, max;	/* arguments */
} sysc_table[] = {
	{ "open", SC_OPEN, 2, 3 },	{ "open64", SC_OPEN, 2, 3 },
	{ "openat", SC_OPENAT, 3, 4 },	{ "openat64", SC_OPENAT, 3, 4 },
	{ "creat", SC_CREAT, 2, 2 },	{ "creat64", SC_CREAT, 2, 2 },
	{ "read", SC_READ, 3, 3 },	{ "write", SC_WRITE, 3, 3 },
	{ "pread", SC_PREAD, 4, 4 },	{ "pread64", SC_PREAD, 4, 4 },
	{ "pwrite", SC_PWRITE, 4, 4 },	{ "pwrite64", SC_PWRITE, 4, 4 },
	{ "lseek", SC_LSEEK, 3, 3 },	{ "lseek64", SC_LSEEK, 3, 3 },
	{ "close", SC_CLOSE, 1, 1 },
	{ "stat", SC_STAT, 2, 2 },	{ "stat64", SC_STAT, 2, 2 },
	{ "lstat", SC_LSTAT, 2, 2 },	{ "lstat64", SC_LSTAT, 2, 2 },
	{ "fstat", SC_FSTAT, 2, 2 },	{ "fstat64", SC_FSTAT, 2, 2 },
	{ "fstatat", SC_FSTATAT, 4, 4 },	{ "fstatat64", SC_FSTATAT, 4, 4 },
	{ "getdents64", SC_GETDENTS, 3, 3 },
	{ "memcpy", SC_MEMCPY, 3, 3 },	{ "memmove", SC_MEMCPY, 3, 3 },
	{ "memset", SC_MEMSET, 3, 3 },	{ "strlen", SC_STRLEN, 1, 1 },
	{ "memcmp", SC_MEMCMP, 3, 3 },	{ "memchr", SC_MEMCHR, 3, 3 },
	{ "memmem", SC_MEMMEM, 4, 4 },	{ "strstr", SC_MEMMEM, 2, 2 },
	{ "unlink", SC_UNLINK, 1, 1 },	{ "unlinkat", SC_UNLINK, 3, 3 },
	{ "fsync", SC_FSYNC, 1, 1 },	{ "fdatasync", SC_FSYNC, 1, 1 },
	{ "ftruncate", SC_FTRUNCATE, 2, 2 },	{ "ftruncate64", SC_FTRUNCATE, 2, 2 },
	{ "strcmp", SC_STRCMP, 2, 2 },	{ "strncmp", SC_STRNCMP, 3, 3 },
	{ "strchr", SC_STRCHR, 2, 2 },	{ "strrchr", SC_STRCHR, 2, 2 },
	{ "memrchr", SC_STRCHR, 3, 3 },
	{ "strcpy", SC_STRCPY, 2, 2 },	{ "strncpy", SC_STRCPY, 3, 3 },
	{ "strcat", SC_STRCPY, 2, 2 },
	{ "strtol", SC_STRTOL, 3, 3 },	{ "strtoll", SC_STRTOL, 3, 3 },
	{ "strtoul", SC_STRTOL, 3, 3 },	{ "strtoull", SC_STRTOL, 3, 3 },
	{ "strtoimax", SC_STRTOL, 3, 3 },	{ "strtoumax", SC_STRTOL, 3, 3 },
	{ "atoi", SC_STRTOL, 1, 1 },	{ "atol", SC_STRTOL, 1, 1 },
	{ "atoll", SC_STRTOL, 1, 1 },
	{ "strspn", SC_STRSPN, 2, 2 },	{ "strcspn", SC_STRSPN, 2, 2 },
	{ "strpbrk", SC_STRSPN, 2, 2 },
};

/*
 * syscall(SYS_getdents64, fd, buf, n), as getdents(2)'s example calls it,
 * and the like: the call of the table's the number names (a constant of
 * <sys/syscall.h>, for the architecture cosy-cc runs on), else NULL.  The
 * raw call returns as the wrapper does (-1 and errno).
 */
static const char *syscall_alias(CXCursor nr)
{
	static const struct {
		long nr;
		const char *name;
	} map[] = {
		{ SYS_read, "read" },		{ SYS_write, "write" },
		{ SYS_pread64, "pread" },	{ SYS_pwrite64, "pwrite" },
		{ SYS_lseek, "lseek" },		{ SYS_close, "close" },
		{ SYS_openat, "openat" },	{ SYS_getdents64, "getdents64" },
		{ SYS_fsync, "fsync" },		{ SYS_fdatasync, "fdatasync" },
		{ SYS_ftruncate, "ftruncate" },	{ SYS_unlinkat, "unlinkat" },
#ifdef SYS_open
		{ SYS_open, "open" },		{ SYS_unlink, "unlink" },
#endif
	};
	long long v;

	if (!fold(nr, &v))
		return NULL;
	for (unsigned i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].nr == v)
			return map[i].name;
	return NULL;
}

/*
 * The struct stat argument of a stat call: a struct variable (member,
 * element) laid out as x86-64's struct stat -- the kernel's uapi layout,
 * which glibc and musl share; cosy_region.bpf.h fills it.
 */
static bool stat_arg(struct irb *b, CXCursor c, struct node *n)
{
	struct memarg m;
	CXType t = clang_getCanonicalType(clang_getPointeeType(clang_getCursorType(c)));
	static const struct {
		const char *f;
		long long off;
	} layout[] = {
		{ "st_dev", 0 }, { "st_ino", 8 }, { "st_nlink", 16 }, { "st_mode", 24 },
		{ "st_uid", 28 }, { "st_gid", 32 }, { "st_rdev", 40 }, { "st_size", 48 },
		{ "st_blksize", 56 }, { "st_blocks", 64 }, { "st_atim", 72 }, { "st_mtim", 88 },
		{ "st_ctim", 104 },
	};

	if (t.kind != CXType_Record || clang_Type_getSizeOf(t) != 144) {
		refuse(b, c, "this stat buffer cannot run in a compound: it must be the address of "
		       "a struct stat");
		return false;
	}
	for (unsigned i = 0; i < sizeof(layout) / sizeof(layout[0]); i++)
		if (clang_Type_getOffsetOf(t, layout[i].f) != layout[i].off * 8) {
			refuse(b, c, "this struct stat cannot run in a compound: its %s is not where "
			       "x86-64's is", layout[i].f);
			return false;
		}
	if (!mem_arg(b, c, VK_BUF, &m, "stat buffer"))
		return false;
	if (m.v->is_const || m.v->lit) {
		refuse(b, c, "a stat into a const struct cannot run in a compound");
		return false;
	}
	/*
	 * Two runs of the region see different times (the compound's read
	 * set the atime, its write the mtime): check compares the rest.
	 */
	if (!clang_Cursor_isNull(m.v->decl)) {
		CXType vt = clang_getCanonicalType(clang_getCursorType(m.v->decl));

		while (vt.kind == CXType_ConstantArray)
			vt = clang_getCanonicalType(clang_getArrayElementType(vt));
		if (clang_equalTypes(vt, t))
			m.v->stat_times = true;
	}
	n->buf2 = m.v;
	n->b = m.off;
	b->r->stats = true;
	return true;
}

/*
 * <ctype.h>: isspace(c) and the others read glibc's table of class bits
 * for the program's locale, (*__ctype_b_loc())[c], c from -128 (signed
 * char) through 255 and EOF, and return the class's bit (x86-64's
 * _ISbit() values: not always 1, as in C); toupper() and tolower() read
 * theirs.  A region copies the tables it uses into its segment at each
 * run, so it sees the locale the program set; a c outside the table is
 * undefined in C and traps.  glibc only.
 */
static const struct {
	const char *name;
	int mask;	/* the class bit; 0: toupper/tolower, -1: isascii, -2: toascii */
	int table;	/* 0: classes, 1: toupper, 2: tolower */
} ctype_table[] = {
	{ "isupper", 1 << 8, 0 },	{ "islower", 1 << 9, 0 },	{ "isalpha", 1 << 10, 0 },
	{ "isdigit", 1 << 11, 0 },	{ "isxdigit", 1 << 12, 0 },	{ "isspace", 1 << 13, 0 },
	{ "isprint", 1 << 14, 0 },	{ "isgraph", 1 << 15, 0 },	{ "isblank", 1 << 0, 0 },
	{ "iscntrl", 1 << 1, 0 },	{ "ispunct", 1 << 2, 0 },	{ "isalnum", 1 << 3, 0 },
	{ "toupper", 0, 1 },		{ "tolower", 0, 2 },
	{ "isascii", -1, 0 },		{ "toascii", -2, 0 },
};

static struct var *ctype_var(struct irb *b, CXCursor use, int table)
{
	static const char *const src[] = {
		"(const void *)(*__ctype_b_loc() - 128)",
		"(const void *)(*__ctype_toupper_loc() - 128)",
		"(const void *)(*__ctype_tolower_loc() - 128)",
	};
	static const char *const names[] = { "ctype_b", "ctype_toupper", "ctype_tolower" };
	struct region *r = b->r;
	struct var *v;

	for (unsigned i = 0; i < r->nvars; i++)
		if (r->vars[i]->hexpr && !strcmp(r->vars[i]->hexpr, src[table]))
			return r->vars[i];
	v = xcalloc(1, sizeof(*v));
	v->name = xasprintf("%s", names[table]);
	v->hexpr = xasprintf("%s", src[table]);
	v->decl = clang_getNullCursor();
	v->kind = VK_BUF;
	v->ct = table ? CT_INT : CT_USHORT;
	v->elsize = table ? 4 : 2;
	v->size = 384 * v->elsize;
	v->is_const = true;
	v->outside = true;
	v->read = true;
	v->loc = cursor_loc(b->u, use);
	set_field(r, v, names[table]);
	ptrvec_push((void ***)&r->vars, &r->nvars, v);
	return v;
}

static struct node *int_node(struct loc loc, enum ctype ct, long long v)
{
	struct node *n = new_node(E_CONST, loc);

	n->ct = ct;
	n->ival = v;
	return n;
}

static struct node *op_node(struct loc loc, enum op op, enum ctype ct, struct node *x,
			    struct node *y)
{
	struct node *n = new_node(E_BINARY, loc);

	n->op = op;
	n->ct = ct;
	n->a = x;
	n->b = y;
	return n;
}

/*
 * n copies of a call's argument converted to ct, for a call the region
 * computes as an expression that reads it n times: false, refused, if it
 * does more than read (assigns, ++, calls).
 */
static bool arg_copies(struct irb *b, CXCursor arg, struct loc loc, enum ctype ct, int n,
		       struct node **x, const char *fn)
{
	for (int k = 0; k < n; k++) {
		struct node *e = expr(b, arg);

		if (!e)
			return false;
		x[k] = new_node(E_CAST, loc);
		x[k]->ct = ct;
		x[k]->a = e;
	}
	if (!writes_nothing(x[0])) {
		refuse(b, arg, "%s()'s argument cannot run in a compound: a region reads it "
		       "more than once, so it may not assign, ++ or call", fn);
		return false;
	}
	return true;
}

/*
 * <sys/sysmacros.h>: major() and minor() are glibc's gnu_dev_major() and
 * gnu_dev_minor(), inline functions of a dev_t's bits (12 + 20 of the
 * major, 8 + 12 + 12 of the minor): a region computes them as they do,
 * on (unsigned long) x, the result cut to unsigned int.  x is read twice,
 * so it must change nothing.  NULL, *known false: not one of them.
 */
static struct node *dev_call(struct irb *b, CXCursor c, const char *name, CXCursor arg,
			     bool *known)
{
	struct loc loc = cursor_loc(b->u, c);
	bool major = !strcmp(name, "gnu_dev_major");
	struct node *x[2], *lo, *hi, *n;

	*known = major || !strcmp(name, "gnu_dev_minor");
	if (!*known)
		return NULL;
	if (!arg_copies(b, arg, loc, CT_ULONG, 2, x, major ? "major" : "minor"))
		return NULL;
	if (major) {	/* ((x >> 8) & 0xfff) | ((unsigned)(x >> 32) & ~0xfff) */
		lo = op_node(loc, OP_AND, CT_ULONG,
			     op_node(loc, OP_SHR, CT_ULONG, x[0], int_node(loc, CT_INT, 8)),
			     int_node(loc, CT_ULONG, 0xfff));
		hi = op_node(loc, OP_SHL, CT_ULONG,
			     op_node(loc, OP_SHR, CT_ULONG, x[1], int_node(loc, CT_INT, 44)),
			     int_node(loc, CT_INT, 12));
	} else {	/* (x & 0xff) | ((unsigned)(x >> 12) & ~0xff) */
		lo = op_node(loc, OP_AND, CT_ULONG, x[0], int_node(loc, CT_ULONG, 0xff));
		hi = op_node(loc, OP_SHL, CT_ULONG,
			     op_node(loc, OP_SHR, CT_ULONG, x[1], int_node(loc, CT_INT, 20)),
			     int_node(loc, CT_INT, 8));
	}
	n = new_node(E_CAST, loc);
	n->ct = CT_UINT;
	n->a = op_node(loc, OP_OR, CT_ULONG, lo, hi);
	return n;
}

/*
 * <stdlib.h>: abs(), labs() and llabs(), as x < 0 ? -x : x of the
 * argument converted to the parameter's type (the most negative value,
 * whose absolute value C leaves undefined, comes back as itself, as from
 * glibc's).  x is read more than once, so it must change nothing.  NULL,
 * *known false: not one of them.
 */
static struct node *abs_call(struct irb *b, CXCursor c, const char *name, CXCursor arg,
			     bool *known)
{
	struct loc loc = cursor_loc(b->u, c);
	enum ctype ct = !strcmp(name, "abs") ? CT_INT : !strcmp(name, "labs") ? CT_LONG :
			!strcmp(name, "llabs") ? CT_LLONG : CT_NONE;
	struct node *x[3], *neg;

	*known = ct != CT_NONE;
	if (!*known)
		return NULL;
	if (!arg_copies(b, arg, loc, ct, 3, x, name))
		return NULL;
	neg = new_node(E_UNARY, loc);
	neg->op = OP_NEG;
	neg->ct = ct;
	neg->a = x[1];
	return dcond(loc, op_node(loc, OP_LT, CT_INT, x[0], int_node(loc, ct, 0)), neg, x[2]);
}

/* A <ctype.h> call, or NULL (*known false: not one of them). */
static struct node *ctype_call(struct irb *b, CXCursor c, const char *name, CXCursor arg,
			       bool *known)
{
	struct loc loc = cursor_loc(b->u, c);
	struct node *x, *e, *idx;
	unsigned i;

	for (i = 0; i < sizeof(ctype_table) / sizeof(ctype_table[0]); i++)
		if (!strcmp(ctype_table[i].name, name))
			break;
	*known = i < sizeof(ctype_table) / sizeof(ctype_table[0]);
	if (!*known)
		return NULL;
	x = expr(b, arg);
	if (!x)
		return NULL;
	if (ctype_table[i].mask == -1)	/* glibc's __isascii(c): ((c) & ~0x7f) == 0 */
		return op_node(loc, OP_EQ, CT_INT, op_node(loc, OP_AND, CT_INT, x,
							   int_node(loc, CT_INT, ~0x7f)),
			       int_node(loc, CT_INT, 0));
	if (ctype_table[i].mask == -2)	/* __toascii(c): (c) & 0x7f */
		return op_node(loc, OP_AND, CT_INT, x, int_node(loc, CT_INT, 0x7f));
	idx = new_node(E_CAST, loc);
	idx->ct = CT_LONG;
	idx->a = x;
	e = new_node(E_ELEM, loc);
	e->var = ctype_var(b, c, ctype_table[i].table);
	e->ct = e->var->ct;
	e->scale = xcalloc(1, sizeof(*e->scale));
	e->count = xcalloc(1, sizeof(*e->count));
	add_kid(e, op_node(loc, OP_ADD, CT_LONG, idx, int_node(loc, CT_LONG, 128)));
	e->scale[0] = e->var->elsize;
	e->count[0] = 384;
	if (!ctype_table[i].mask)
		return e;
	return op_node(loc, OP_AND, CT_INT, e, int_node(loc, CT_INT, ctype_table[i].mask));
}

/* A string literal argument's bytes (libclang evaluates the use, not the literal). */
static char *literal_str(CXCursor use)
{
	CXEvalResult e = clang_Cursor_Evaluate(use);
	char *r = NULL;

	if (e && clang_EvalResult_getKind(e) == CXEval_StrLiteral)
		r = xstrdup(clang_EvalResult_getAsStr(e));
	if (e)
		clang_EvalResult_dispose(e);
	return r;
}

/*
 * __assert_fail(expr, file, line, func), what assert() calls when its
 * condition is false: the region stops there (a trap), and the runtime
 * calls __assert_fail() with the same arguments, which prints what it
 * prints and aborts as it does.  The arguments are kept for the host.
 */
static struct node *assert_trap(struct irb *b, CXCursor c, const CXCursor *args)
{
	char *text = literal_str(args[0]), *file = literal_str(args[1]);
	struct rgn_assert *a;
	struct node *n;
	long long line;

	if (!text || !file || !fold(args[2], &line) || line <= 0 || line > INT_MAX) {
		refuse(b, c, "this __assert_fail() cannot run in a compound: only the one "
		       "assert() calls, with literal arguments");
		free(text);
		free(file);
		return NULL;
	}
	b->r->asserts = xrealloc(b->r->asserts, (b->r->nasserts + 1) * sizeof(*b->r->asserts));
	a = &b->r->asserts[b->r->nasserts++];
	a->line = (unsigned)line;
	a->expr = text;
	a->file = file;
	/* the function assert() is in, as __func__ names it: maybe a helper inlined */
	a->func = spelling(b->ninl ? b->inl[b->ninl - 1].fn : b->r->func);
	n = new_node(E_TRAP, cursor_loc(b->u, c));
	n->ival = COSY_RGN_TRAP_ASSERT;
	n->loc.line = (unsigned)line;
	return n;
}

/* --- the program's own helper functions, inlined -------------------------------- */

/*
 * A call of a function the program defines becomes its body, lowered at
 * the call into one expression, with vars of its own for the parameters
 * and locals (so f(a) + f(b) share nothing):
 *
 *   (p1 = a1, p2 = a2, BODY)
 *
 * BODY: a declaration with an initialiser is an assignment, an expression
 * statement itself, `if (c) S1 else S2; REST` is c ? (S1; REST) : (S2;
 * REST) where a branch may return (REST is lowered once when neither
 * branch holds a return), `return e` is e in the function's type.
 * Loops, switch and goto are refused, and so is any effect outside the
 * call's own variables (a global written, a system call): calls are
 * ordered in C, two of these expressions in one full expression are not.
 */
struct inl_cont {
	const CXCursor *st;	/* statements to lower after the current list */
	unsigned n;
	const struct inl_cont *next;
};

struct inl_ctx {
	CXCursor fn;
	char *name;
	enum ctype rt;		/* CT_NONE: void */
};

static struct node *inl_seq(struct irb *b, struct inl_ctx *x, const CXCursor *st, unsigned n,
			    const struct inl_cont *k);

static struct node *inl_pair(struct loc loc, struct node *first, struct node *then)
{
	struct node *n = new_node(E_COMMA, loc);

	n->a = first;
	n->b = then;
	n->ct = then->ct;
	return n;
}

static struct node *inl_cast(struct node *n, enum ctype ct)
{
	struct node *c;

	if (n->ct == ct)
		return n;
	c = new_node(E_CAST, n->loc);
	c->ct = ct;
	c->a = n;
	return c;
}

static struct node *inl_zero(struct loc loc, enum ctype ct)
{
	struct node *z = new_node(E_CONST, loc);

	z->ct = ct;
	return z;
}

static enum CXChildVisitResult has_return(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_ReturnStmt) {
		*(bool *)data = true;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

static bool holds_return(CXCursor c)
{
	bool yes = clang_getCursorKind(c) == CXCursor_ReturnStmt;

	if (!yes)
		clang_visitChildren(c, has_return, &yes);
	return yes;
}

/* A var for a parameter or local of the helper, this call's own. */
static struct var *inl_new_var(struct irb *b, struct inl_ctx *x, CXCursor decl, CXCursor use)
{
	struct inl_frame *f = &b->inl[b->ninl - 1];
	CXType t = clang_getCursorType(decl);
	char *name = spelling(decl), *field;
	struct var *v;

	if (ctype_of(t) == CT_NONE || clang_isVolatileQualifiedType(t) ||
	    decl_is_global(decl)) {
		refuse(b, use, "'%s' in '%s' cannot run in a compound: cosy-cc inlines helpers "
		       "whose parameters and locals are integer scalars (not static)", name,
		       x->name);
		free(name);
		return NULL;
	}
	v = xcalloc(1, sizeof(*v));
	v->name = name;
	v->decl = decl;
	v->loc = cursor_loc(b->u, decl);
	v->kind = VK_SCALAR;
	v->ct = ctype_of(t);
	v->inl = true;
	field = xasprintf("%s_%s", x->name, name);
	set_field(b->r, v, field);
	free(field);
	ptrvec_push((void ***)&b->r->vars, &b->r->nvars, v);
	f->decls = xrealloc(f->decls, (f->n + 1) * sizeof(*f->decls));
	f->vars = xrealloc(f->vars, (f->n + 1) * sizeof(*f->vars));
	f->decls[f->n] = decl;
	f->vars[f->n++] = v;
	return v;
}

static struct node *inl_assign(struct loc loc, struct var *v, struct node *val)
{
	struct node *n = new_node(E_ASSIGN, loc), *lhs = new_node(E_VAR, loc);

	lhs->var = v;
	lhs->ct = v->ct;
	n->a = lhs;
	n->b = val;
	n->ct = v->ct;
	return n;
}

/* The first effect of `n` outside the vars of inlined calls, or NULL. */
static const struct node *inl_effect(const struct node *n)
{
	const struct node *e = NULL;

	if (!n)
		return NULL;
	if (n->k == E_CALL || n->k == E_COPY)
		return n;
	if ((n->k == E_ASSIGN || n->k == E_POST ||
	     (n->k == E_UNARY && (n->op == OP_INC || n->op == OP_DEC))) &&
	    !(n->a->k == E_VAR && n->a->var->inl))
		return n;
	for (unsigned i = 0; i < n->nkids && !e; i++)
		e = inl_effect(n->kids[i]);
	if (!e)
		e = inl_effect(n->a);
	if (!e)
		e = inl_effect(n->b);
	if (!e)
		e = inl_effect(n->c);
	if (!e)
		e = inl_effect(n->d);
	return e;
}

/*
 * A void expression statement the region's statements lowered (assert()'s
 * if or ?:) as an expression of type int, 0; NULL (refused) for any other.
 */
static struct node *inl_stmt_expr(struct irb *b, struct node *n)
{
	struct node *y, *z, *c;

	switch (n->k) {
	case S_NULL:
		return inl_zero(n->loc, CT_INT);
	case S_EXPR:
		return n->a->ct == CT_INT ? n->a : inl_pair(n->loc, n->a, inl_zero(n->loc, CT_INT));
	case S_BLOCK:
		y = inl_zero(n->loc, CT_INT);
		for (unsigned i = n->nkids; y && i-- > 0;) {
			z = inl_stmt_expr(b, n->kids[i]);
			y = z ? inl_pair(n->loc, z, y) : NULL;
		}
		return y;
	case S_IF:
		y = inl_stmt_expr(b, n->b);
		z = n->c ? inl_stmt_expr(b, n->c) : inl_zero(n->loc, CT_INT);
		if (!y || !z)
			return NULL;
		c = new_node(E_COND, n->loc);
		c->a = n->a;
		c->b = y;
		c->c = z;
		c->ct = CT_INT;
		return c;
	default:
		diag_error(b->u, n->loc, "this statement cannot run in a compound in a helper "
			   "cosy-cc inlines");
		return NULL;
	}
}

/* The end of a branch lowered for its effects alone (no return in it). */
static const struct inl_cont inl_branch_end;

/* The IR nodes of a tree. */
static unsigned inl_size(const struct node *n)
{
	unsigned k = 0;

	if (!n)
		return 0;
	for (unsigned i = 0; i < n->nkids; i++)
		k += inl_size(n->kids[i]);
	return 1 + k + inl_size(n->a) + inl_size(n->b) + inl_size(n->c) + inl_size(n->d);
}

/* Lower the statements left: `k`'s list, or the end of the function. */
static struct node *inl_rest(struct irb *b, struct inl_ctx *x, const struct inl_cont *k,
			     CXCursor at)
{
	if (k == &inl_branch_end)
		return inl_zero(cursor_loc(b->u, at), CT_INT);
	if (k)
		return inl_seq(b, x, k->st, k->n, k->next);
	if (x->rt != CT_NONE) {
		refuse(b, at, "'%s' cannot run in a compound: it can reach its end without "
		       "returning a value", x->name);
		return NULL;
	}
	return inl_zero(cursor_loc(b->u, at), CT_INT);
}

static struct node *inl_seq(struct irb *b, struct inl_ctx *x, const CXCursor *st, unsigned n,
			    const struct inl_cont *k)
{
	struct inl_cont more = { .st = st + 1, .n = n ? n - 1 : 0, .next = k };
	struct node *res = NULL, *first = NULL;
	enum CXCursorKind kind;
	struct kids kk;
	struct loc loc;
	CXCursor s;

	if (!n)
		return inl_rest(b, x, k, x->fn);
	s = st[0];
	kind = clang_getCursorKind(s);
	loc = cursor_loc(b->u, s);
	switch (kind) {
	case CXCursor_ReturnStmt:
		kk = expr_children(s);
		if (!kk.n) {
			res = inl_zero(loc, CT_INT);
		} else {
			struct node *e = truth(expr(b, kk.v[0]));

			res = !e ? NULL : x->rt == CT_NONE ? inl_pair(loc, e, inl_zero(loc, CT_INT)) :
			      inl_cast(e, x->rt);
		}
		free(kk.v);
		return res;
	case CXCursor_NullStmt:
		return inl_seq(b, x, st + 1, n - 1, k);
	case CXCursor_CompoundStmt: {
		struct inl_cont after = { .st = st + 1, .n = n - 1, .next = k };

		kk = children(s);
		res = inl_seq(b, x, kk.v, kk.n, n > 1 ? &after : k);
		free(kk.v);
		return res;
	}
	case CXCursor_DeclStmt:
		kk = children(s);
		for (unsigned i = 0; i < kk.n; i++) {
			struct kids init;
			struct var *v;

			if (clang_getCursorKind(kk.v[i]) != CXCursor_VarDecl) {
				refuse(b, kk.v[i], "this declaration in '%s' cannot run in a "
				       "compound", x->name);
				free(kk.v);
				return NULL;
			}
			init = expr_children(kk.v[i]);
			v = inl_new_var(b, x, kk.v[i], kk.v[i]);
			if (v && init.n) {
				struct node *e = expr(b, init.v[init.n - 1]);

				if (!e)
					v = NULL;
				else
					e = inl_assign(loc, v, truth(e));
				first = !e ? NULL : first ? inl_pair(loc, first, e) : e;
			}
			free(init.v);
			if (!v) {
				free(kk.v);
				return NULL;
			}
		}
		free(kk.v);
		res = inl_seq(b, x, st + 1, n - 1, k);
		return !res ? NULL : first ? inl_pair(loc, first, res) : res;
	case CXCursor_IfStmt: {
		struct node *c, *t, *e;
		bool rets;

		kk = children(s);
		if (kk.n < 2 || kk.n > 3) {
			free(kk.v);
			refuse(b, s, "this if statement in '%s' cannot run in a compound", x->name);
			return NULL;
		}
		c = truth(expr(b, kk.v[0]));
		rets = holds_return(kk.v[1]) || (kk.n == 3 && holds_return(kk.v[2]));
		if (!c) {
			free(kk.v);
			return NULL;
		}
		if (!rets) {
			/* effects only: the rest once, after */
			t = inl_seq(b, x, &kk.v[1], 1, &inl_branch_end);
			e = kk.n == 3 ? inl_seq(b, x, &kk.v[2], 1, &inl_branch_end) :
			    inl_zero(loc, CT_INT);
			res = inl_seq(b, x, st + 1, n - 1, k);
			if (t && e && res) {
				struct node *cond = new_node(E_COND, loc);

				cond->a = c;
				cond->b = inl_cast(t, CT_INT);
				cond->c = inl_cast(e, CT_INT);
				cond->ct = CT_INT;
				res = inl_pair(loc, cond, res);
			} else {
				res = NULL;
			}
		} else {
			/* each branch goes on with the rest */
			t = inl_seq(b, x, &kk.v[1], 1, &more);
			e = kk.n == 3 ? inl_seq(b, x, &kk.v[2], 1, &more) :
			    inl_seq(b, x, st + 1, n - 1, k);
			res = NULL;
			if (t && e) {
				res = new_node(E_COND, loc);
				res->a = c;
				res->ct = x->rt == CT_NONE ? CT_INT : x->rt;
				res->b = inl_cast(t, res->ct);
				res->c = inl_cast(e, res->ct);
			}
		}
		free(kk.v);
		return res;
	}
	default:
		break;
	}
	if (clang_isExpression(kind)) {
		CXCursor top = b->top;
		bool shaped = false;
		struct node *e;

		b->top = s;
		/* assert(): a statement (an if, a ?: of void) made an expression */
		e = void_stmt(b, s, &shaped);
		if (shaped)
			e = e ? inl_stmt_expr(b, e) : NULL;
		else
			e = expr(b, s);
		b->top = top;
		res = e ? inl_seq(b, x, st + 1, n - 1, k) : NULL;
		return res ? inl_pair(loc, e, res) : NULL;
	}
	refuse(b, s, "this statement in '%s' cannot run in a compound: cosy-cc inlines a "
	       "helper made of declarations, expressions, if/else and return (no loop, "
	       "switch or goto)", x->name);
	return NULL;
}

/* The frames of helpers inlined as expressions (inline_call()). */
static unsigned inl_exprs(const struct irb *b)
{
	unsigned k = 0;

	for (unsigned i = 0; i < b->ninl; i++)
		k += !b->inl[i].block;
	return k;
}

/* No frame of `fn` already, and room for one more: else refused. */
static bool inl_recursion(struct irb *b, CXCursor c, CXCursor fn, const char *name)
{
	unsigned i;

	for (i = 0; i < b->ninl; i++)
		if (clang_equalCursors(b->inl[i].fn, fn))
			break;
	if (i < b->ninl || b->ninl == INLINE_DEPTH) {
		refuse(b, c, "call to '%s' cannot run in a compound: cosy-cc inlines the "
		       "program's functions, %s", name, i < b->ninl ? "and this one calls "
		       "itself" : "at most 8 calls deep");
		return false;
	}
	return true;
}

struct blk_scan {
	char why;
	unsigned depth;		/* helpers calling helpers: blk_needed_at() */
};

static char blk_needed_at(CXCursor fn, unsigned depth);

static enum CXChildVisitResult blk_scan(CXCursor c, CXCursor parent, CXClientData data)
{
	struct blk_scan *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	struct kids kk;
	CXCursor d;
	CXType t;

	(void)parent;
	switch (k) {
	case CXCursor_ForStmt:
	case CXCursor_WhileStmt:
	case CXCursor_DoStmt:
	case CXCursor_SwitchStmt:
		w->why = 'L';
		return CXChildVisit_Break;
	case CXCursor_ParmDecl:
	case CXCursor_VarDecl:
		t = clang_getCanonicalType(clang_getCursorType(c));
		if (t.kind == CXType_Pointer || t.kind == CXType_ConstantArray ||
		    t.kind == CXType_Record)
			w->why = 'P';
		return CXChildVisit_Continue;
	case CXCursor_CallExpr:
		/* a call of a helper that needs statements needs them here too */
		kk = expr_children(c);
		d = kk.n && clang_getCursorKind(strip(kk.v[0])) == CXCursor_DeclRefExpr ?
		    clang_getCursorReferenced(strip(kk.v[0])) : clang_getNullCursor();
		free(kk.v);
		if (clang_getCursorKind(d) == CXCursor_FunctionDecl &&
		    !clang_Location_isInSystemHeader(clang_getCursorLocation(d)) &&
		    w->depth < INLINE_DEPTH) {
			d = clang_getCursorDefinition(d);
			if (!clang_Cursor_isNull(d) && blk_needed_at(d, w->depth + 1))
				w->why = 'C';
		}
		return w->why ? CXChildVisit_Break : CXChildVisit_Recurse;
	default:
		return CXChildVisit_Recurse;
	}
}

static char blk_needed_at(CXCursor fn, unsigned depth)
{
	struct blk_scan w = { .depth = depth };

	clang_visitChildren(fn, blk_scan, &w);
	if (!w.why && clang_getCanonicalType(clang_getCursorResultType(fn)).kind == CXType_Pointer)
		w.why = 'P';
	return w.why;
}

/*
 * Whether helper `fn` (its definition) must be inlined as statements
 * (blk_inline()): 'L' it has a loop or a switch, 'P' a parameter or local
 * that is a pointer, an array or a struct, or it returns a pointer, 'C' it
 * calls a helper that must; 0 an expression will do.  A helper that calls
 * itself is refused at its call (inl_recursion()); here the walk stops
 * INLINE_DEPTH calls deep.
 */
static char blk_needed(CXCursor fn)
{
	return blk_needed_at(fn, 0);
}

/*
 * f(args), f defined by the program (`fn` its definition): its body,
 * lowered at this call.
 */
static struct node *inline_call(struct irb *b, CXCursor c, CXCursor fn, const CXCursor *args,
				unsigned nargs)
{
	struct inl_ctx x = { .fn = fn, .name = spelling(fn) };
	CXType rt = clang_getCursorResultType(fn);
	struct node **vals = NULL, *n = NULL, *pre = NULL;
	const struct node *eff;
	struct loc loc = cursor_loc(b->u, c);
	bool whole = clang_equalCursors(c, b->top);
	int errors = b->u->errors, shown = b->u->shown;
	unsigned i;
	struct inl_frame *f;
	struct kids body;
	CXCursor stmt;

	/* lowered before its statement (blk_inline()): its value */
	for (i = 0; i < b->nblk; i++)
		if (clang_equalCursors(b->blk[i].call, c)) {
			struct var *v = b->blk[i].ret;

			if (!v) {
				n = inl_zero(loc, CT_INT);
			} else {
				n = new_node(E_VAR, loc);
				n->var = v;
				n->ct = v->ct;
				if (v->is_ptr)	/* if (lookup(w)): compared with NULL */
					n->ptr = v->target ? v->target : &null_target;
			}
			goto out;
		}
	if (!inl_recursion(b, c, fn, x.name))
		goto out;
	if (blk_needed(fn)) {
		refuse(b, c, "call to '%s' cannot run in a compound here: it %s, and cosy-cc "
		       "inlines such a helper only where its call runs before its statement "
		       "(in an expression statement, an initialiser, the condition of an if, a "
		       "switch, a while or a for, not in a do's; on the right of &&, || or "
		       "?:, but not of two, one inside the other: a && (b || f())): call it "
		       "in a statement of its own (x = %s(...);)", x.name,
		       blk_needed(fn) == 'L' ? "has a loop or a switch" :
		       blk_needed(fn) == 'C' ? "calls a helper with a loop, a switch or a pointer" :
		       "takes, declares or returns a pointer, array or struct", x.name);
		goto out;
	}
	x.rt = ctype_of(rt);
	if ((x.rt == CT_NONE && clang_getCanonicalType(rt).kind != CXType_Void) ||
	    clang_Cursor_isVariadic(fn) || clang_Cursor_getNumArguments(fn) != (int)nargs) {
		refuse(b, c, "call to '%s' cannot run in a compound: cosy-cc inlines the "
		       "program's functions of integer parameters returning an integer or "
		       "void", x.name);
		goto out;
	}
	/* the arguments, in the caller's scope, without effects of their own */
	vals = xcalloc(nargs + 1, sizeof(*vals));
	for (i = 0; i < nargs; i++) {
		vals[i] = truth(expr(b, args[i]));
		if (!vals[i])
			goto out;
		eff = inl_effect(vals[i]);
		if (eff) {
			refuse(b, args[i], "this argument of '%s' cannot run in a compound: it "
			       "changes a variable or makes a call, which cosy-cc cannot order "
			       "against the inlined call; compute it before the call", x.name);
			goto out;
		}
	}
	body = children(fn);
	stmt = body.n ? body.v[body.n - 1] : clang_getNullCursor();
	f = &b->inl[b->ninl++];
	*f = (struct inl_frame){ .fn = fn };
	for (i = 0; i < nargs; i++) {
		struct var *v = inl_new_var(b, &x, clang_Cursor_getArgument(fn, i), args[i]);

		if (!v)
			break;
		pre = pre ? inl_pair(loc, pre, inl_assign(loc, v, vals[i])) :
		      inl_assign(loc, v, vals[i]);
	}
	if (i == nargs && clang_getCursorKind(stmt) == CXCursor_CompoundStmt) {
		n = inl_seq(b, &x, &stmt, 1, NULL);
		if (n && pre)
			n = inl_pair(loc, pre, n);
	}
	free(body.v);
	/* a call that is a whole statement orders its effects: the commas */
	eff = n && !whole ? inl_effect(n) : NULL;
	if (eff) {
		diag_error(b->u, eff->loc, "this %s in '%s' cannot run in a compound: a "
			   "helper called inside an expression may change only its own "
			   "parameters and locals (call it as a statement of its own)",
			   eff->k == E_CALL || eff->k == E_COPY ? "call" : "assignment", x.name);
		n = NULL;
	}
	free(f->decls);
	free(f->vars);
	b->ninl--;
	/* a budget: inlined into inlined calls, copies multiply */
	/*
	 * One statement's copies add up: past about a thousand nodes in one
	 * expression, clang's BPF backend spilled beyond the 512-byte stack.
	 */
	if (n && !inl_exprs(b)) {
		if (!clang_equalCursors(b->top, b->inl_top)) {
			b->inl_top = b->top;
			b->inl_nodes = 0;
		}
		b->inl_nodes += inl_size(n);
		if (b->inl_nodes > INLINE_BUDGET) {
			refuse(b, c, "call to '%s' cannot run in a compound: inlined, this "
			       "statement's calls of the program's functions would add more than "
			       "%u operations (calls in calls are copied at each), more than a "
			       "BPF stack holds; split the statement", x.name, INLINE_BUDGET);
			n = NULL;
		}
	}
	if (b->u->shown != shown)	/* not for errors printed at an earlier call */
		diag_note(b->u, loc, "in the call of '%s' here, which cosy-cc inlines", x.name);
	if (n && x.rt != CT_NONE)
		n = inl_cast(n, x.rt);
out:
	if (!n && b->u->errors == errors)
		refuse(b, c, "call to '%s' cannot run in a compound", x.name);
	free(vals);
	free(x.name);
	return n;
}

/* --- helpers with loops or pointers, inlined as statements -------------------- */

/*
 * A helper with a loop or a switch, or one that takes, declares or returns
 * a pointer, an array or a struct, is no expression: where its call runs
 * before its statement (blk_find(), stmt()), its body is lowered as
 * statements before that statement, with vars of this call for its
 * parameters and locals (var_for() asks blk_frame()), and the statement
 * then reads the value it returned from a var of its own:
 *
 *   x += f(buf, n);   =>   { f_p = buf; f_n = n; BODY; f_ret = e; }  x += f_ret;
 *
 * C sequences a call indeterminately with the other evaluations of its
 * full expression, so running it first is one of the orders C allows.  A
 * pointer parameter or value is a pointer the region sets (bound to its
 * argument's memory, or to what every return points into).  A `return`
 * at the body's top level or in its ifs goes on with the rest of the body
 * in the other branch, as inl_seq() does; one in a loop or a switch sets
 * f_done and breaks out (blk_return()), and the rest runs if it is not
 * set.
 */
static struct node *blk_seq(struct irb *b, struct inl_ctx *x, struct var *ret,
			    const CXCursor *st, unsigned n, const struct inl_cont *k);

/* Calls blk_inline() lowers before a statement, each run if its guard says. */
struct blk_found {
	struct blk_at {
		CXCursor call;
		CXCursor guard;	/* null: always; else run when it is true ... */
		bool neg;	/* ... or false (the right of ||, ?:'s third) ... */
		bool once;	/* ... evaluated once, before the call, into a var the
				 * statement reads (a test a call could change) */
	} *v;
	unsigned n;
};

static void blk_find(struct irb *b, CXCursor c, struct blk_found *out, CXCursor guard, bool neg);
static bool blk_calls(struct irb *b, const struct blk_found *calls, struct node *blk);
static struct node *for_stmt(struct irb *b, CXCursor c, const struct blk_found *calls);

static struct node *blk_set(struct loc loc, struct var *v, struct node *val)
{
	struct node *n = new_node(S_EXPR, loc);

	n->a = inl_assign(loc, v, val);
	return n;
}

/*
 * ret = the value of `e` (a return's), as a statement: a pointer helper's
 * ret is a pointer the region sets, bound to where every return points.
 */
static struct node *blk_ret_set(struct irb *b, struct var *ret, CXCursor e)
{
	struct loc loc = cursor_loc(b->u, e);
	struct node *n, *x, *y;

	if (!ret->is_ptr) {
		y = truth(expr(b, e));
		return y ? blk_set(loc, ret, inl_cast(y, ret->ct)) : NULL;
	}
	y = ptr_expr(b, e);
	if (!y || !bind(b, ret, y->ptr, e))
		return NULL;
	x = ptr_node(E_VAR, loc, ret->target);
	x->var = ret;
	n = ptr_node(E_ASSIGN, loc, ret->target);
	n->op = OP_NONE;
	n->a = x;
	n->b = y;
	x = new_node(S_EXPR, loc);
	x->a = n;
	return x;
}

static struct node *blk_break(const struct irb *b, struct loc loc)
{
	struct node *n = new_node(S_BREAK, loc);

	n->ival = brk_is_switch(b);
	return n;
}

/*
 * `return e` in a loop or a switch of a helper inlined as statements:
 * { ret = e; done = 1; break; }, and each loop or switch of the helper
 * around it breaks in turn when done (blk_after()); blk_seq() skips the
 * rest of the body.
 */
static struct node *blk_return(struct irb *b, CXCursor c)
{
	struct inl_frame *f = &b->inl[b->ninl - 1];
	struct loc loc = cursor_loc(b->u, c);
	struct kids kk = expr_children(c);
	struct node *blk = new_node(S_BLOCK, loc), *e;

	if (!f->done || b->nbrk <= f->brk_base) {
		free(kk.v);
		refuse(b, c, "this return cannot run in a compound: cosy-cc could not place it "
		       "in the helper it inlines");
		return NULL;
	}
	if (kk.n) {
		if (f->ret) {
			e = blk_ret_set(b, f->ret, kk.v[0]);
		} else {
			struct node *v = truth(expr(b, kk.v[0]));	/* return g(); in a void f */

			e = v ? new_node(S_EXPR, loc) : NULL;
			if (e)
				e->a = v;
		}
		if (!e) {
			free(kk.v);
			return NULL;
		}
		add_kid(blk, e);
	}
	free(kk.v);
	add_kid(blk, blk_set(loc, f->done, ulong_const(loc, 1)));
	add_kid(blk, blk_break(b, loc));
	return blk;
}

static struct node *e_not(struct loc loc, struct node *a)
{
	struct node *n = new_node(E_UNARY, loc);

	n->op = OP_NOT;
	n->a = a;
	n->ct = CT_INT;
	return n;
}

static struct node *s_if(struct loc loc, struct node *cond, struct node *then)
{
	struct node *n = new_node(S_IF, loc);

	n->a = cond;
	n->b = then;
	return n;
}

/* if (done) what: what when a return in `s` has run, in a helper's frame */
static struct node *blk_if_done(const struct inl_frame *f, struct loc loc, struct node *what,
				bool done)
{
	struct node *v = new_node(E_VAR, loc);

	v->var = f->done;
	v->ct = f->done->ct;
	return s_if(loc, done ? v : e_not(loc, v), what);
}

/* Does `c` hold a return inside a loop or a switch (`in`: c is in one)? */
static bool ret_in_loop(CXCursor c, bool in)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	struct kids kk;
	bool yes = false;

	if (k == CXCursor_ReturnStmt)
		return in;
	if (clang_isExpression(k))
		return false;
	in = in || k == CXCursor_ForStmt || k == CXCursor_WhileStmt || k == CXCursor_DoStmt ||
	     k == CXCursor_SwitchStmt;
	kk = children(c);
	for (unsigned i = 0; i < kk.n && !yes; i++)
		yes = ret_in_loop(kk.v[i], in);
	free(kk.v);
	return yes;
}

static struct node *blk_pair(struct loc loc, struct node *first, struct node *then)
{
	struct node *n = new_node(S_BLOCK, loc);

	add_kid(n, first);
	add_kid(n, then);
	return n;
}

static struct node *blk_rest(struct irb *b, struct inl_ctx *x, struct var *ret,
			     const struct inl_cont *k, CXCursor at)
{
	if (k == &inl_branch_end)
		return new_node(S_NULL, cursor_loc(b->u, at));
	if (k)
		return blk_seq(b, x, ret, k->st, k->n, k->next);
	/* after a loop or switch that returns (cls()'s switch, each case a return) */
	if (ret && !b->inl[b->ninl - 1].done) {
		refuse(b, at, "'%s' cannot run in a compound: it can reach its end without "
		       "returning a value", x->name);
		return NULL;
	}
	return new_node(S_NULL, cursor_loc(b->u, at));
}

static struct node *blk_seq(struct irb *b, struct inl_ctx *x, struct var *ret,
			    const CXCursor *st, unsigned n, const struct inl_cont *k)
{
	struct inl_cont more = { .st = st + 1, .n = n ? n - 1 : 0, .next = k };
	struct node *res = NULL, *e, *t;
	enum CXCursorKind kind;
	struct kids kk;
	struct loc loc;
	CXCursor s;

	if (!n)
		return blk_rest(b, x, ret, k, x->fn);
	s = st[0];
	kind = clang_getCursorKind(s);
	loc = cursor_loc(b->u, s);
	switch (kind) {
	case CXCursor_ReturnStmt: {
		/* return count(p, n) * 2;: count's body first, as stmt() does */
		struct blk_found calls = { 0 };
		struct node *pre = new_node(S_BLOCK, loc);
		unsigned nblk = b->nblk;

		kk = expr_children(s);
		if (kk.n)
			blk_find(b, kk.v[0], &calls, clang_getNullCursor(), false);
		res = blk_calls(b, &calls, pre) ? new_node(S_NULL, loc) : NULL;
		if (res && kk.n && ret) {
			res = blk_ret_set(b, ret, kk.v[0]);
		} else if (res && kk.n) {
			e = truth(expr(b, kk.v[0]));
			res = !e ? NULL : new_node(S_EXPR, loc);
			if (res)
				res->a = e;
		}
		b->nblk = nblk;
		free(calls.v);
		free(kk.v);
		return res ? blk_pair(loc, pre, res) : NULL;	/* what follows never runs */
	}
	case CXCursor_CompoundStmt: {
		struct inl_cont after = { .st = st + 1, .n = n - 1, .next = k };

		kk = children(s);
		res = blk_seq(b, x, ret, kk.v, kk.n, n > 1 ? &after : k);
		free(kk.v);
		return res;
	}
	case CXCursor_IfStmt:
		kk = children(s);
		if (kk.n < 2 || kk.n > 3 || !(holds_return(kk.v[1]) ||
					       (kk.n == 3 && holds_return(kk.v[2])))) {
			free(kk.v);
			break;		/* a statement like any other */
		}
		/* each branch goes on with the rest */
		res = new_node(S_IF, loc);
		res->a = truth(expr(b, kk.v[0]));
		t = blk_seq(b, x, ret, &kk.v[1], 1, &more);
		e = kk.n == 3 ? blk_seq(b, x, ret, &kk.v[2], 1, &more) :
		    blk_seq(b, x, ret, st + 1, n - 1, k);
		res->b = t;
		res->c = e;
		free(kk.v);
		return res->a && t && e ? res : NULL;
	default:
		break;
	}
	res = stmt(b, s);
	t = res ? blk_seq(b, x, ret, st + 1, n - 1, k) : NULL;
	/* a return in its loops or switches skips the rest */
	if (t && holds_return(s))
		t = blk_if_done(&b->inl[b->ninl - 1], loc, t, false);
	return t ? blk_pair(loc, res, t) : NULL;
}

static enum CXChildVisitResult find_addressed(CXCursor c, CXCursor parent, CXClientData data);

/* A scalar of this call of helper x->fn, named by `what` (a format of its name). */
static struct var *blk_own_var(struct irb *b, struct inl_ctx *x, struct loc loc,
			       const char *suffix, const char *what, enum ctype ct)
{
	struct var *v = xcalloc(1, sizeof(*v));
	char *field = xasprintf("%s_%s", x->name, suffix);

	v->name = xasprintf(what, x->name);
	v->decl = x->fn;
	v->loc = loc;
	v->kind = VK_SCALAR;
	v->ct = ct;
	v->inl = true;
	set_field(b->r, v, field);
	free(field);
	ptrvec_push((void ***)&b->r->vars, &b->r->nvars, v);
	return v;
}

/* Does expression `c` name an array (not a string literal) anywhere in it? */
static bool names_array(CXCursor c)
{
	CXCursor s = strip(c);
	enum CXCursorKind k = clang_getCursorKind(s);
	struct kids kk;
	bool yes;

	if (k == CXCursor_StringLiteral)
		return false;
	yes = (k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr) &&
	      clang_getCanonicalType(clang_getCursorType(s)).kind == CXType_ConstantArray;
	kk = expr_children(s);
	for (unsigned i = 0; i < kk.n && !yes; i++)
		yes = names_array(kk.v[i]);
	free(kk.v);
	return yes;
}

/*
 * A string of the program's for a `const char *` parameter, which the
 * segment holds (a pointer there can only point into the segment):
 * - argv[i] or names[i] (a table of strings from before the region): a
 *   pointer into the table's slots, which the host fills;
 * - an expression the host evaluates before the run (argc > 1 ? argv[1] :
 *   "-"), into a string slot of its own.
 * Not for a `char *`: a write through it would change the copy, not the
 * program's string.  NULL (nothing said) for any other argument: a
 * pointer into the region's memory, a string literal (ptr_expr()).
 */
static struct node *blk_str_arg(struct irb *b, CXCursor parm, CXCursor arg, const char *fn)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(parm));
	CXType pt = clang_getPointeeType(t);
	struct loc loc = cursor_loc(b->u, arg);
	CXCursor s = strip(arg), ix;
	struct node *n, *e;
	struct var *tv;
	bool host;

	if (!is_char_kind(clang_getCanonicalType(pt).kind) ||
	    clang_getCursorKind(s) == CXCursor_StringLiteral || null_const(s) || ptr_based(b, s))
		return NULL;
	tv = strtab_var(b, s, &ix, true);
	/* not memory the region may write before the call: no array in it */
	host = !tv && clang_getCursorKind(s) != CXCursor_DeclRefExpr && !names_array(s);
	if ((tv || host) && !clang_isConstQualifiedType(pt)) {
		refuse(b, arg, "this argument of '%s' cannot run in a compound: a string of the "
		       "program's (argv[i], a ?: of strings) is given to a compound as a copy, "
		       "so only to a const char * parameter, where no write can go to the copy "
		       "instead of the string; declare the parameter const", fn);
		return NULL;
	}
	if (tv) {
		if (!(e = expr(b, ix)))
			return NULL;
		n = ptr_node(E_CAST, loc, tv);
		n->a = ulong_op(loc, OP_MUL, e, ulong_const(loc, COSY_RGN_STRTAB_SLOT));
		return n;
	}
	if (!host || !(tv = host_str(b, s)))
		return NULL;
	tv->scanned = true;
	if (!tv->size)
		tv->size = COSY_PATH_MAX;	/* its slot */
	n = ptr_node(E_CAST, loc, tv);
	n->a = ulong_const(loc, 0);
	return n;
}

/*
 * The statements of call `c` of helper `fn` (its definition): its
 * arguments into its parameters, then its body.  The call's value is
 * left in b->blk for the statement's own lowering (inline_call()).
 */
static struct node *blk_inline(struct irb *b, CXCursor c, CXCursor fn)
{
	struct inl_ctx x = { .fn = fn, .name = spelling(fn) };
	CXType rt = clang_getCursorResultType(fn);
	struct loc loc = cursor_loc(b->u, c);
	struct kids args = expr_children(c), body = children(fn);
	struct node *blk = new_node(S_BLOCK, loc), **vals = NULL, *n = NULL;
	unsigned i, nargs = args.n ? args.n - 1 : 0;
	int errors = b->u->errors, shown = b->u->shown;
	struct var *ret = NULL;
	struct inl_frame *f;
	CXCursor top = b->top;
	long long pscale = 1;
	CXType pt = { 0 };

	if (!inl_recursion(b, c, fn, x.name))
		goto out;
	x.rt = ctype_of(rt);
	rt = clang_getCanonicalType(rt);
	pt = clang_getCanonicalType(clang_getPointeeType(rt));
	if (rt.kind == CXType_Pointer) {
		/* a pointer into the region's memory, as a pointer the region sets */
		x.rt = CT_LONG;
		pscale = pt.kind == CXType_Void ? 1 : clang_Type_getSizeOf(pt);
	}
	if ((x.rt == CT_NONE && rt.kind != CXType_Void) || pscale <= 0 ||
	    pt.kind == CXType_Pointer || clang_Cursor_isVariadic(fn) ||
	    clang_Cursor_getNumArguments(fn) != (int)nargs ||
	    !body.n || clang_getCursorKind(body.v[body.n - 1]) != CXCursor_CompoundStmt) {
		refuse(b, c, "call to '%s' cannot run in a compound: cosy-cc inlines the "
		       "program's functions of integer, pointer and array parameters returning "
		       "an integer, a pointer to an integer, struct or array, or void", x.name);
		goto out;
	}
	/* the arguments, in the caller's scope: a pointer's is where it points */
	vals = xcalloc(nargs + 1, sizeof(*vals));
	for (i = 0; i < nargs; i++) {
		CXCursor p = clang_Cursor_getArgument(fn, i);
		CXType t = clang_getCanonicalType(clang_getCursorType(p));

		if (t.kind == CXType_Record) {
			refuse(b, args.v[i + 1], "this argument of '%s' cannot run in a compound: "
			       "cosy-cc inlines helpers that take a struct by pointer, not by "
			       "value", x.name);
			goto out;
		}
		b->top = args.v[i + 1];
		vals[i] = t.kind != CXType_Pointer ? truth(expr(b, args.v[i + 1])) :
			  blk_str_arg(b, p, args.v[i + 1], x.name);
		if (!vals[i] && t.kind == CXType_Pointer && b->u->errors == errors) {
			struct var *lt = b->lit_tab;

			/* count(i < argc ? argv[i] : "-"): the literal into argv's table */
			b->lit_tab = tab_in(b, args.v[i + 1]);
			vals[i] = ptr_expr(b, args.v[i + 1]);
			b->lit_tab = lt;
		}
		b->top = top;
		if (!vals[i])
			goto out;
	}
	/* its & and pointer assignments, as the region's own (find_addressed()) */
	clang_visitChildren(fn, find_addressed, b);
	f = &b->inl[b->ninl++];
	*f = (struct inl_frame){ .fn = fn, .block = true, .brk_base = b->nbrk };
	for (i = 0; i < nargs; i++) {
		CXCursor p = clang_Cursor_getArgument(fn, i);
		struct var *v = var_for(b, p, args.v[i + 1], true);

		if (!v)
			break;
		n = new_node(S_DECL, loc);
		n->var = v;
		n->a = vals[i];
		if (v->is_ptr && !bind(b, v, vals[i]->ptr, args.v[i + 1]))
			break;
		add_kid(blk, n);
	}
	n = NULL;
	if (i == nargs && x.rt != CT_NONE) {
		ret = blk_own_var(b, &x, loc, "ret", "the value %s() returns", x.rt);
		ret->is_ptr = rt.kind == CXType_Pointer;
		ret->pscale = (unsigned long)pscale;
	}
	f->ret = ret;
	if (i == nargs && ret_in_loop(body.v[body.n - 1], false)) {
		f->done = blk_own_var(b, &x, loc, "done", "whether %s() has returned", CT_INT);
		add_kid(blk, blk_set(loc, f->done, inl_zero(loc, CT_INT)));
	}
	if (i == nargs)
		n = blk_seq(b, &x, ret, &body.v[body.n - 1], 1, NULL);
	free(f->decls);
	free(f->vars);
	b->ninl--;
	if (n) {
		add_kid(blk, n);
		b->blk = xrealloc(b->blk, (b->nblk + 1) * sizeof(*b->blk));
		b->blk[b->nblk++] = (struct blk_call){ .call = c, .ret = ret };
	}
out:
	if (b->u->shown != shown)	/* not for errors printed at an earlier call */
		diag_note(b->u, loc, "in the call of '%s' here, which cosy-cc inlines", x.name);
	else if (!n && b->u->errors == errors)
		refuse(b, c, "call to '%s' cannot run in a compound", x.name);
	free(vals);
	free(args.v);
	free(body.v);
	free(x.name);
	return n ? blk : NULL;
}

/* A call of the program's own function that needs blk_inline(), or a null cursor. */
static CXCursor blk_callee(CXCursor c)
{
	struct kids k = expr_children(c);
	CXCursor callee = k.n ? strip(k.v[0]) : clang_getNullCursor();
	CXCursor d = clang_getCursorReferenced(callee), fn = clang_getNullCursor();

	free(k.v);
	if (clang_getCursorKind(callee) == CXCursor_DeclRefExpr &&
	    clang_getCursorKind(d) == CXCursor_FunctionDecl &&
	    !clang_Location_isInSystemHeader(clang_getCursorLocation(d)))
		fn = clang_getCursorDefinition(d);
	return !clang_Cursor_isNull(fn) && blk_needed(fn) ? fn : clang_getNullCursor();
}

/*
 * Is `c` a guard the call's statement may evaluate again after the call:
 * no effect, no memory, and only scalars of the region or of a helper
 * being inlined that no call can change (not global, address never
 * taken)?  rc == 0, !err, n > 0 && k < max.
 */
static bool blk_stable(struct irb *b, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	struct kids kk;
	bool ok = true;
	char op[4];
	bool post;

	switch (k) {
	case CXCursor_IntegerLiteral:
	case CXCursor_CharacterLiteral:
		return true;
	case CXCursor_DeclRefExpr: {
		CXCursor d = clang_getCursorReferenced(c);
		enum CXCursorKind dk = clang_getCursorKind(d);

		return dk == CXCursor_EnumConstantDecl ||
		       ((dk == CXCursor_VarDecl || dk == CXCursor_ParmDecl) && !decl_is_global(d) &&
			!is_addressed(b, d) && ctype_of(clang_getCursorType(d)) != CT_NONE);
	}
	case CXCursor_UnexposedExpr:
	case CXCursor_ParenExpr:
	case CXCursor_CStyleCastExpr:
		break;
	case CXCursor_BinaryOperator:
		kk = expr_children(c);
		ok = kk.n == 2 && binop_token(b, c, kk.v[0], op, sizeof(op)) &&
		     (op[strlen(op) - 1] != '=' || !strcmp(op, "==") || !strcmp(op, "!=") ||
		      !strcmp(op, "<=") || !strcmp(op, ">="));
		free(kk.v);
		if (!ok)
			return false;
		break;
	case CXCursor_UnaryOperator:
		if (!unop_token(b, c, op, sizeof(op), &post) || !strchr("-+!~", op[0]) || op[1])
			return false;
		break;
	default:
		return false;
	}
	kk = expr_children(c);
	for (unsigned i = 0; i < kk.n && ok; i++)
		ok = blk_stable(b, kk.v[i]);
	free(kk.v);
	return ok;
}

/*
 * The calls of expression `c` that blk_inline() lowers before their
 * statement, each after those in its arguments (f(g(x)): g, then f):
 * those that run whenever `c` does, and those on the right of && or ||
 * or in a branch of ?: whose condition blk_stable() allows, guarded by
 * it (rc == 0 && put_all(...) < 0: if (rc == 0) put_all's body).  Not
 * in sizeof, nor under two conditions.
 */
static void blk_find(struct irb *b, CXCursor c, struct blk_found *out, CXCursor guard, bool neg)
{
	enum CXCursorKind kind = clang_getCursorKind(c);
	bool cond = kind == CXCursor_ConditionalOperator, conj = false;
	struct kids k;
	char op[4];

	if (kind == CXCursor_UnaryExpr || kind == CXCursor_StmtExpr)
		return;		/* sizeof, alignof; a statement expression */
	k = expr_children(c);
	if (kind == CXCursor_BinaryOperator && k.n == 2 &&
	    binop_token(b, c, k.v[0], op, sizeof(op)) && (!strcmp(op, "&&") || !strcmp(op, "||")))
		conj = true;
	if ((cond && k.n == 3) || (conj && k.n == 2)) {
		blk_find(b, k.v[0], out, guard, neg);
		if (clang_Cursor_isNull(guard)) {
			unsigned first = out->n;
			bool once = !blk_stable(b, k.v[0]);

			blk_find(b, k.v[1], out, k.v[0], conj && op[0] == '|');
			if (cond)
				blk_find(b, k.v[2], out, k.v[0], true);
			for (unsigned i = first; i < out->n; i++)
				out->v[i].once = once;
		}
	} else if (!cond && !conj) {
		for (unsigned i = 0; i < k.n; i++)
			blk_find(b, k.v[i], out, guard, neg);
	}
	free(k.v);
	if (kind == CXCursor_CallExpr && !clang_Cursor_isNull(blk_callee(c))) {
		out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
		out->v[out->n++] = (struct blk_at){ .call = c, .guard = guard, .neg = neg };
	}
}

/*
 * The guard of a call under &&, || or ?: that a call could change
 * (lseek(fd, 0, SEEK_SET) < 0 || copy(fd) < 0): evaluated once, into a var
 * of its own, before the call that it guards; the statement reads that
 * var where the guard stands (expr(), through b->blk), so the test runs
 * once, first, as C runs it.  The var's read, or NULL (refused).
 */
static struct node *blk_guard_once(struct irb *b, CXCursor guard, struct node *blk)
{
	struct loc loc = cursor_loc(b->u, guard);
	struct node *g, *n;
	struct var *v = NULL;

	for (unsigned i = 0; i < b->nblk && !v; i++)
		if (clang_equalCursors(b->blk[i].call, guard))
			v = b->blk[i].ret;
	if (!v) {
		g = truth(expr(b, guard));
		if (!g)
			return NULL;
		v = xcalloc(1, sizeof(*v));
		v->name = xasprintf("the test at line %u", loc.line);
		v->decl = clang_getNullCursor();
		v->loc = loc;
		v->kind = VK_SCALAR;
		v->ct = CT_LONG;	/* any integer's truth: no bit lost */
		v->inl = true;
		set_field(b->r, v, "test");
		ptrvec_push((void ***)&b->r->vars, &b->r->nvars, v);
		add_kid(blk, blk_set(loc, v, g));
		b->blk = xrealloc(b->blk, (b->nblk + 1) * sizeof(*b->blk));
		b->blk[b->nblk++] = (struct blk_call){ .call = guard, .ret = v, .test = true };
	}
	n = new_node(E_VAR, loc);
	n->var = v;
	n->ct = v->ct;
	return n;
}

/* The found calls' statements into blk, each under its guard; false if one is refused. */
static bool blk_calls(struct irb *b, const struct blk_found *calls, struct node *blk)
{
	for (unsigned i = 0; i < calls->n; i++) {
		const struct blk_at *a = &calls->v[i];
		struct node *s = blk_inline(b, a->call, blk_callee(a->call)), *g;

		if (!s)
			return false;
		if (!clang_Cursor_isNull(a->guard) && a->once) {
			g = blk_guard_once(b, a->guard, blk);
			if (!g)
				return false;
			s = s_if(s->loc, a->neg ? e_not(s->loc, g) : g, s);
		} else if (!clang_Cursor_isNull(a->guard)) {
			g = truth(expr(b, a->guard));
			if (!g)
				return false;
			s = s_if(s->loc, a->neg ? e_not(s->loc, g) : g, s);
		}
		add_kid(blk, s);
	}
	return true;
}

static struct node *stmt_one(struct irb *b, CXCursor c);

/*
 * Statement `c`, lowered as `s`, in a loop or a switch of a helper inlined
 * as statements: if a return in it ran, leave the loop or switch around
 * it too (blk_return()).
 */
static struct node *blk_after(struct irb *b, CXCursor c, struct node *s)
{
	struct inl_frame *f = b->ninl ? &b->inl[b->ninl - 1] : NULL;
	struct node *blk;

	enum CXCursorKind k = clang_getCursorKind(c);

	if (!s || !f || !f->block || !f->done || b->nbrk <= f->brk_base || !holds_return(c) ||
	    (k != CXCursor_ForStmt && k != CXCursor_WhileStmt && k != CXCursor_DoStmt &&
	     k != CXCursor_SwitchStmt))
		return s;
	blk = new_node(S_BLOCK, s->loc);
	add_kid(blk, s);
	add_kid(blk, blk_if_done(f, s->loc, blk_break(b, s->loc), true));
	return blk;
}

/*
 * while (C) B, where C calls helpers blk_inline() lowers: they run at the
 * top of each iteration, as C does,
 *
 *   while (1) { CALLS; if (!C) break; B }
 *
 * and a continue in B comes back to them.
 */
static struct node *blk_while(struct irb *b, CXCursor c, const struct blk_found *calls)
{
	struct kids kk = children(c);
	struct loc loc = cursor_loc(b->u, c);
	struct node *n = new_node(S_WHILE, loc), *body = new_node(S_BLOCK, loc), *s, *cond;
	unsigned nblk = b->nblk;

	n->loop_id = ++b->r->nloops;	/* before its inner loops, as stmt_one()'s */
	if (kk.n != 2) {
		n = NULL;
		goto out;
	}
	b->loop_depth++;
	brk_push(b, 'L');
	cond = blk_calls(b, calls, body) ? truth(expr(b, kk.v[0])) : NULL;
	b->nblk = nblk;
	s = cond ? stmt(b, kk.v[1]) : NULL;
	if (s) {
		add_kid(body, s_if(loc, e_not(loc, cond), blk_break(b, loc)));
		add_kid(body, s);
	}
	brk_pop(b);
	b->loop_depth--;
	if (!s) {
		n = NULL;
		goto out;
	}
	n->a = inl_zero(loc, CT_INT);
	n->a->ival = 1;
	n->b = body;
out:
	free(kk.v);
	return n;
}

/*
 * A statement, after the helper calls blk_inline() lowers: those of an
 * expression statement, of a declaration's initialisers, of the
 * condition of an if, a switch, a while (blk_while()) or a for
 * (for_stmt()) and of a return's value (a do's condition runs after its
 * body, where a continue would skip calls put at the body's end).
 */
static struct node *stmt(struct irb *b, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	struct blk_found calls = { 0 };
	CXCursor none = clang_getNullCursor();
	struct kids kk = { 0 };
	struct node *blk, *s;
	unsigned nblk = b->nblk, s1, s2;

	if (clang_isExpression(k)) {
		blk_find(b, c, &calls, none, false);
	} else if (k == CXCursor_DeclStmt) {
		kk = children(c);
		for (unsigned i = 0; i < kk.n; i++) {
			struct kids init = clang_getCursorKind(kk.v[i]) == CXCursor_VarDecl ?
					   expr_children(kk.v[i]) : (struct kids){ 0 };

			for (unsigned j = 0; j < init.n; j++)
				blk_find(b, init.v[j], &calls, none, false);
			free(init.v);
		}
	} else if (k == CXCursor_IfStmt || k == CXCursor_SwitchStmt ||
		   k == CXCursor_ReturnStmt || k == CXCursor_WhileStmt) {
		kk = children(c);
		if (kk.n && clang_isExpression(clang_getCursorKind(kk.v[0])))
			blk_find(b, kk.v[0], &calls, none, false);
	} else if (k == CXCursor_ForStmt && !unit_in_macro(b->u, c) &&
		   for_semis(b, c, &s1, &s2)) {
		kk = children(c);
		for (unsigned i = 0; i + 1 < kk.n; i++) {
			unsigned off = cursor_loc(b->u, kk.v[i]).off;

			if (off >= s1 && off < s2)
				blk_find(b, kk.v[i], &calls, none, false);
		}
	}
	free(kk.v);
	if (!calls.n)
		return blk_after(b, c, stmt_one(b, c));
	if (k == CXCursor_WhileStmt || k == CXCursor_ForStmt) {
		s = k == CXCursor_WhileStmt ? blk_while(b, c, &calls) : for_stmt(b, c, &calls);
		free(calls.v);
		return blk_after(b, c, s);
	}
	blk = new_node(S_BLOCK, cursor_loc(b->u, c));
	s = blk_calls(b, &calls, blk) ? stmt_one(b, c) : NULL;
	if (s)
		add_kid(blk, s);
	b->nblk = nblk;		/* those calls are done with */
	free(calls.v);
	return s ? blk_after(b, c, blk) : NULL;
}

/* --- <stdio.h>'s output to stdout --------------------------------------- */

/*
 * printf(), fprintf(stdout, ...), puts(), fputs(s, stdout), putchar(),
 * putc(c, stdout) and fputc(c, stdout), as statements.  The compound
 * formats into a buffer of the region's (OUT_SIZE bytes, glibc's for a
 * file on most file systems, a pipe or /dev/null), which the runtime
 * hands what stdout's held when the region began, and writes it to fd 1
 * as glibc writes its full buffer; what is left at the end goes into
 * stdout's own buffer (the runtime), so that the output mixes with the
 * program's other output, a write(1, ...) too, as a plain build's does.  Numbers and
 * text go through bpf_snprintf() in pieces of at most OUT_PIECE bytes,
 * a %s string with one kfunc copy from its variable, its NUL found there.
 */
struct outb {
	struct irb *b;
	struct loc loc;
	struct sbuf f;		/* the piece being built: its format ... */
	unsigned max;		/* ... what it may print ... */
	struct node *args[12];	/* ... its arguments (bpf_snprintf() takes 12) */
	unsigned nargs;
	struct node *seq;	/* the calls so far: a comma expression */
	int fd;			/* 1: stdout, 2: stderr, OUT_FILE: os */
	struct instream *os;	/* a FILE the region writes */
};

static struct var *out_var(struct irb *b, const char *base, unsigned long size, struct loc loc)
{
	struct var *v = xcalloc(1, sizeof(*v));

	v->name = xasprintf("%s", base);
	v->decl = clang_getNullCursor();
	v->kind = VK_BUF;
	v->ct = CT_UCHAR;
	v->elsize = 1;
	v->size = size;
	v->loc = loc;
	set_field(b->r, v, base);
	ptrvec_push((void ***)&b->r->vars, &b->r->nvars, v);
	return v;
}

static void out_add(struct outb *o, struct node *n)
{
	struct node *c;

	if (!o->seq) {
		o->seq = n;
		return;
	}
	c = new_node(E_COMMA, o->loc);
	c->ct = CT_INT;
	c->a = o->seq;
	c->b = n;
	o->seq = c;
}

/* A format of the region's own, once each: its index. */
static long long own_fmt(struct region *r, const char *fmt)
{
	for (unsigned i = 0; i < r->nfmts; i++)
		if (!strcmp(r->fmts[i], fmt))
			return i;
	r->fmts = xrealloc(r->fmts, sizeof(*r->fmts) * (r->nfmts + 1));
	r->fmts[r->nfmts++] = xasprintf("%s", fmt);
	return r->nfmts - 1;
}

/*
 * The piece built so far as an SC_OUTFMT call (NULL: nothing to print),
 * and a new piece begun; with a width `w`, what the piece prints is padded
 * at run time to the width w gives (%*d, %-*s of a literal, a %#x), the
 * width its last kid.
 */
static struct node *piece_node(struct outb *o, struct node *w, bool left)
{
	struct region *r = o->b->r;
	struct node *n;

	if (!o->f.len && !w)
		return NULL;
	n = new_node(E_CALL, o->loc);
	n->sc = SC_OUTFMT;
	n->ct = CT_INT;
	n->out_fd = o->fd;
	n->in = o->os;
	n->ival = own_fmt(r, o->f.s ? o->f.s : "");	/* "": a %*s of "" */
	for (unsigned i = 0; i < o->nargs; i++)
		add_kid(n, o->args[i]);
	if (w) {
		add_kid(n, w);
		n->ival |= OUTFMT_WIDTH | (left ? OUTFMT_LEFT : 0);
	}
	sb_free(&o->f);
	o->f = (struct sbuf){ 0 };
	o->max = 0;
	o->nargs = 0;
	return n;
}

static void out_piece_end_w(struct outb *o, struct node *w, bool left)
{
	struct node *n = piece_node(o, w, left);

	if (n)
		out_add(o, n);
}

static void out_piece_end(struct outb *o)
{
	out_piece_end_w(o, NULL, false);
}

/* Room in the piece for `max` more bytes and `nargs` more arguments. */
static void out_room(struct outb *o, unsigned max, unsigned nargs)
{
	if (o->max + max + 1 > OUT_PIECE || o->nargs + nargs > 12)
		out_piece_end(o);
}

/* Literal bytes: bpf_snprintf() takes only printable ASCII and spaces in its format. */
static void out_text(struct outb *o, const char *t, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c == '%') {
			out_room(o, 1, 0);
			sb_puts(&o->f, "%%");
		} else if ((c >= 0x20 && c < 0x7f) || (c >= '\t' && c <= '\r')) {
			out_room(o, 1, 0);
			sb_putc(&o->f, (char)c);
		} else {
			out_room(o, 1, 1);
			sb_puts(&o->f, "%c");
			o->args[o->nargs++] = int_node(o->loc, CT_INT, c);
		}
		o->max++;
	}
}

/* The bytes of a string literal argument, or NULL (refused). */
static char *out_literal(struct irb *b, CXCursor arg, const char *name)
{
	CXCursor s = strip(arg);
	size_t len;
	char *r;

	if (clang_getCursorKind(s) != CXCursor_StringLiteral) {
		refuse(b, arg, "%s()'s format cannot run in a compound unless it is a string "
		       "literal", name);
		return NULL;
	}
	r = literal_bytes(arg, s, &len);
	if (!len) {
		free(r);
		refuse(b, arg, "%s()'s format cannot run in a compound: only a plain \"...\" "
		       "literal without an embedded NUL can", name);
		return NULL;
	}
	return r;
}

static bool out_strerror(struct outb *o, CXCursor call, CXCursor errnum);
static char *called_name(CXCursor c, CXCursor *decl);

/* Is c a call of <string.h>'s strerror()?  Its argument in *arg. */
static bool is_strerror(CXCursor c, CXCursor *arg)
{
	struct kids k;
	CXCursor d;
	char *name = called_name(c, &d);
	bool yes = name && !strcmp(name, "strerror") &&
		   clang_Location_isInSystemHeader(clang_getCursorLocation(d));

	free(name);
	if (!yes)
		return false;
	k = expr_children(strip(c));
	yes = k.n == 2;
	if (yes)
		*arg = k.v[1];
	free(k.v);
	return yes;
}

/* Bytes from memory m (SC_OUTSTR, `ival` says how many) after the piece so far. */
static struct node *out_str_node(struct outb *o, const struct memarg *m, long long ival)
{
	struct node *n;

	out_piece_end(o);
	n = new_node(E_CALL, o->loc);
	n->sc = SC_OUTSTR;
	n->ct = CT_INT;
	n->out_fd = o->fd;
	n->in = o->os;
	n->buf = m->v;
	n->a = m->off;
	n->ival = ival;
	out_add(o, n);
	return n;
}

/* A %s: its string, from the variable mem_src() finds (a literal is text). */
static bool out_string(struct outb *o, CXCursor arg, unsigned width, bool left,
		       struct node *prec)
{
	struct irb *b = o->b;
	struct memarg m;
	CXCursor errnum;
	struct node *n;

	if (is_strerror(arg, &errnum)) {
		if (width || prec) {
			refuse(b, arg, "a %s for strerror()'s message cannot run in a compound",
			       width ? "width" : "precision");
			return false;
		}
		return out_strerror(o, arg, errnum);
	}

	/* a literal is text of the format's (not a variable in the segment) */
	if (clang_getCursorKind(strip(arg)) == CXCursor_StringLiteral) {
		char *lit = out_literal(b, arg, "%s of printf");
		size_t len;

		if (!lit)
			return false;
		if (prec && prec->k != E_CONST) {
			free(lit);
			refuse(b, arg, "a precision from an argument ('.*') for a string literal "
			       "cannot run in a compound: give it in digits");
			return false;
		}
		len = strlen(lit);
		if (prec && (unsigned long long)prec->ival < len)
			len = (size_t)prec->ival;
		if (!left)
			for (size_t i = len; i < width; i++)
				out_text(o, " ", 1);
		out_text(o, lit, len);
		if (left)
			for (size_t i = len; i < width; i++)
				out_text(o, " ", 1);
		free(lit);
		return true;
	}
	if (!mem_src(b, arg, VK_STR, &m, "string"))
		return false;
	n = out_str_node(o, &m, width | (left ? OUTSTR_LEFT : 0) | (prec ? OUTSTR_PREC : 0));
	if (prec)
		add_kid(n, inl_cast(prec, CT_INT));
	return true;
}

/*
 * A %*s: a string literal (printf("%*s", indent, "")), its text a piece
 * of its own padded to the width; or a string in memory (printf("%-*s",
 * w, name)), padded with spaces to the width the region computes.
 */
static bool out_string_w(struct outb *o, CXCursor arg, struct node *w, bool left)
{
	unsigned odd = 0;	/* bytes the piece prints with %c */
	struct memarg m;
	struct node *n;
	char *lit;

	if (clang_getCursorKind(strip(arg)) != CXCursor_StringLiteral) {
		CXCursor errnum;

		if (is_strerror(arg, &errnum)) {
			refuse(o->b, arg, "a width for strerror()'s message cannot run in a "
			       "compound");
			return false;
		}
		if (!mem_src(o->b, arg, VK_STR, &m, "string"))
			return false;
		n = out_str_node(o, &m, OUTSTR_WDYN | (left ? OUTSTR_LEFT : 0));
		add_kid(n, inl_cast(w, CT_INT));
		return true;
	}
	lit = out_literal(o->b, arg, "%s of printf");
	if (!lit)
		return false;
	for (const char *c = lit; *c; c++)
		odd += !(((unsigned char)*c >= 0x20 && (unsigned char)*c < 0x7f) ||
			 (*c >= '\t' && *c <= '\r'));
	if (strlen(lit) >= OUT_PIECE || odd > 12) {
		free(lit);
		refuse(o->b, arg, "a string literal of more than %u bytes with a width from an "
		       "argument ('*') cannot run in a compound", OUT_PIECE - 1);
		return false;
	}
	out_piece_end(o);
	out_text(o, lit, strlen(lit));
	free(lit);
	out_piece_end_w(o, inl_cast(w, CT_INT), left);
	return true;
}

/*
 * strerror(errnum) as a %s: the message from the table the runtime
 * writes into the segment with the program's own strerror() (the words
 * of its libc and locale), or, past the table, glibc's "Unknown error N".
 */
static bool out_strerror_node(struct outb *o, struct node *x, struct loc loc)
{
	struct region *r = o->b->r;
	struct node *cast, *n;

	if (!r->errmsg)
		r->errmsg = out_var(o->b, "errmsg", COSY_RGN_ERRMSG_N * COSY_RGN_ERRMSG_SLOT, loc);
	out_piece_end(o);
	cast = new_node(E_CAST, x->loc);
	cast->ct = CT_INT;
	cast->a = x;
	n = new_node(E_CALL, o->loc);
	n->sc = SC_OUTERR;
	n->ct = CT_INT;
	n->out_fd = o->fd;
	n->in = o->os;
	n->buf = r->errmsg;
	n->ival = own_fmt(r, "Unknown error %d");
	add_kid(n, cast);
	out_add(o, n);
	return true;
}

static bool out_strerror(struct outb *o, CXCursor call, CXCursor errnum)
{
	struct node *x = expr(o->b, errnum);

	return x && out_strerror_node(o, x, cursor_loc(o->b->u, call));
}

/* Value x, cast to ct, for conversion spec of at most max bytes. */
static void out_value(struct outb *o, struct node *x, const char *spec, enum ctype ct,
		      unsigned max)
{
	struct node *cast = new_node(E_CAST, x->loc);

	cast->ct = ct;
	cast->a = x;
	out_room(o, max, 1);
	sb_puts(&o->f, spec);
	o->args[o->nargs++] = cast;
	o->max += max;
}

/* A number (or %c) argument, converted as the conversion says. */
static bool out_number(struct outb *o, CXCursor arg, const char *spec, enum ctype ct,
		       unsigned max)
{
	struct node *x = expr(o->b, arg);

	if (x)
		out_value(o, x, spec, ct, max);
	return x != NULL;
}

/*
 * A number conversion whose argument the region reads more than once
 * (%o's digits, the tests of nc_out()): its value as the conversion
 * takes it (converted to the length's type), a new node each time.  It
 * must change nothing: no assignment, ++ or call.
 */
struct numconv {
	struct outb *o;
	CXCursor arg;
	enum ctype ct;		/* the length's type */
	char c;			/* d i u o x X */
	int lng;		/* as out_format()'s */
	bool left, zero, plus, space, alt;
	unsigned width;
	long long prec;		/* -1: none */
	const char *name, *conv;
	int len;		/* of conv */
};

static struct node *nc_val(const struct numconv *nc, enum ctype as)
{
	struct loc loc = cursor_loc(nc->o->b->u, nc->arg);
	struct node *x = expr(nc->o->b, nc->arg), *u, *d;

	if (!x)
		return NULL;
	u = new_node(E_CAST, loc);
	u->ct = nc->ct;
	u->a = x;
	if (as == nc->ct)
		return u;
	d = new_node(E_CAST, loc);
	d->ct = as;
	d->a = u;
	return d;
}

static bool nc_pure(const struct numconv *nc)
{
	struct node *x = expr(nc->o->b, nc->arg);

	if (x && !writes_nothing(x)) {
		refuse(nc->o->b, nc->arg, "this argument of %s()'s conversion '%.*s' cannot run in "
		       "a compound: the region reads it more than once, so it may not assign, ++ "
		       "or call", nc->name, nc->len, nc->conv);
		return false;
	}
	return x != NULL;
}

/*
 * bpf_snprintf() has no %o: the region prints, as a %llu, the number
 * whose decimal digits are the argument's octal ones from bit `from`:
 * the sum of ((x >> (from + 3k)) & 7) * 10^k over 11 octal digits (33
 * bits), at most 77777777777.  All of an int or shorter from bit 0; a
 * long's top 31 bits from bit 33.
 */
static struct node *nc_octal(const struct numconv *nc, int from)
{
	struct loc loc = cursor_loc(nc->o->b->u, nc->arg);
	struct node *sum = NULL;
	unsigned long long pow = 1;

	for (int k = 0; k < 11 && from + 3 * k < 64; k++, pow *= 10) {
		struct node *d = nc_val(nc, CT_ULLONG);

		if (!d)
			return NULL;
		d = op_node(loc, OP_AND, CT_ULLONG,
			    op_node(loc, OP_SHR, CT_ULLONG, d, int_node(loc, CT_INT, from + 3 * k)),
			    int_node(loc, CT_ULLONG, 7));
		if (k)
			d = op_node(loc, OP_MUL, CT_ULLONG, d, int_node(loc, CT_ULLONG, (long long)pow));
		sum = sum ? op_node(loc, OP_ADD, CT_ULLONG, sum, d) : d;
	}
	return sum;
}

/* %o of an int or shorter: as %llu with the same flags and width, of nc_octal(). */
static bool out_octal(struct numconv *nc, const char *spec, unsigned max)
{
	struct node *sum;

	if (!nc_pure(nc))
		return false;
	sum = nc_octal(nc, 0);
	if (sum)
		out_value(nc->o, sum, spec, CT_ULLONG, max);
	return sum != NULL;
}

/*
 * One way a composed conversion (nc_out()) prints, with what the tests
 * before it found: neg (the value is negative), nz (it is not 0), hi (a
 * long's %o has digits above its low 33 bits), big (a %#.Po has at least
 * P digits).  A piece of its own, padded at run time to the width unless
 * bpf_snprintf()'s zeros fill it; NULL when it prints nothing.
 */
static struct node *nc_leaf(const struct numconv *nc, bool neg, bool nz, bool hi, bool big)
{
	struct outb *o = nc->o;
	struct loc loc = cursor_loc(o->b->u, nc->arg);
	bool is_signed = nc->c == 'd' || nc->c == 'i';
	bool fill = nc->zero && !nc->left && nc->prec < 0 && nc->width;
	const char *prefix = "", *sign = is_signed && nc->plus ? "+" : is_signed && nc->space ? " " : "";
	const char *len_s = nc->lng > 0 ? (nc->lng == 2 ? "ll" : "l") : "";
	unsigned signlen = is_signed && (neg || *sign), zd = 0;
	char spec[48];
	struct node *x;

	if (nc->alt && nz)
		prefix = nc->c == 'x' ? "0x" : nc->c == 'X' ? "0X" :
			 nc->prec < 1 || big ? "0" : "";
	/* the fewest digits: the precision's, or what fills the width */
	if (nc->prec >= 0)
		zd = (unsigned)nc->prec;
	else if (fill && nc->width > strlen(prefix) + signlen)
		zd = nc->width - (unsigned)strlen(prefix) - signlen;
	out_text(o, prefix, strlen(prefix));
	if (!nz && nc->prec == 0) {
		/* no digits, but %#.0o's 0 and a sign flag's character */
		out_text(o, nc->c == 'o' && nc->alt ? "0" : sign, strlen(nc->c == 'o' && nc->alt ?
									"0" : sign));
	} else if (nc->c != 'o') {
		/* bpf_snprintf()'s zeros come after the sign it prints: one more */
		zd += zd ? signlen : 0;
		if (zd > 1)
			snprintf(spec, sizeof(spec), "%%%s0%u%s%c", sign, zd, len_s, nc->c);
		else
			snprintf(spec, sizeof(spec), "%%%s%s%c", sign, len_s, nc->c);
		x = nc_val(nc, nc->ct);
		if (!x)
			return NULL;
		out_value(o, x, spec, nc->ct, zd > 20 ? zd : 20);
	} else if (!hi) {
		if (zd > 1)
			snprintf(spec, sizeof(spec), "%%0%ullu", zd);
		else
			snprintf(spec, sizeof(spec), "%%llu");
		x = nc_octal(nc, 0);
		if (!x)
			return NULL;
		out_value(o, x, spec, CT_ULLONG, zd > 11 ? zd : 11);
	} else {
		/* the top digits, then the low 33 bits' 11 with their zeros */
		if (zd > 12)
			snprintf(spec, sizeof(spec), "%%0%ullu", zd - 11);
		else
			snprintf(spec, sizeof(spec), "%%llu");
		x = nc_octal(nc, 33);
		if (!x)
			return NULL;
		out_value(o, x, spec, CT_ULLONG, zd > 22 ? zd - 11 : 11);
		x = nc_octal(nc, 0);
		if (!x)
			return NULL;
		out_value(o, x, "%011llu", CT_ULLONG, 11);
	}
	return piece_node(o, nc->width && !fill ? int_node(loc, CT_INT, nc->width) : NULL,
			  nc->left);
}

/* c ? a : b, where a or b may print nothing (NULL) */
static struct node *nc_cond(struct loc loc, struct node *c, struct node *a, struct node *b)
{
	struct node *n = new_node(E_COND, loc);

	n->ct = CT_INT;
	n->a = c;
	n->b = a ? a : int_node(loc, CT_INT, 0);
	n->c = b ? b : int_node(loc, CT_INT, 0);
	return n;
}

/* A test of the value: x op 0, or (x >> sh) != 0 (sh > 0) */
static struct node *nc_test(const struct numconv *nc, enum op op, int sh)
{
	struct loc loc = cursor_loc(nc->o->b->u, nc->arg);
	struct node *x = nc_val(nc, sh ? CT_ULLONG : nc->ct);

	if (!x)
		return NULL;
	if (sh)
		x = op_node(loc, OP_SHR, CT_ULLONG, x, int_node(loc, CT_INT, sh));
	return op_node(loc, op, CT_INT, x, int_node(loc, sh ? CT_ULLONG : nc->ct, 0));
}

/*
 * What bpf_snprintf() cannot print: the # flag (%#x, %#o), a precision
 * (%.3d, %08.5lx) and a long's %o (%lo, %07llo).  The region picks, by
 * tests of the value, one of a few pieces that it can print (C's rules:
 * a precision is the fewest digits, and ignores the 0 flag; %#o begins
 * with a 0 digit, %#x with 0x unless the value is 0), each a piece of
 * its own, padded at run time to the width.
 */
static bool nc_out(struct numconv *nc)
{
	struct outb *o = nc->o;
	struct loc loc = cursor_loc(o->b->u, nc->arg);
	bool is_signed = nc->c == 'd' || nc->c == 'i';
	bool wide = nc->c == 'o' && nc->lng > 0;
	struct node *t, *a, *b, *z;
	int sh;

	if (!nc_pure(nc))
		return false;
	out_piece_end(o);
	/* the value 0 (maybe printed otherwise) */
	z = nc_leaf(nc, false, false, false, false);
	t = nc_test(nc, OP_NE, 0);
	if (!t)
		return false;
	if (is_signed) {
		/* negative, positive, 0 */
		struct node *n = nc_test(nc, OP_LT, 0);

		a = nc_leaf(nc, true, true, false, false);
		b = nc_leaf(nc, false, true, false, false);
		if (!n)
			return false;
		out_add(o, nc_cond(loc, n, a, nc_cond(loc, t, b, z)));
		return true;
	}
	if (wide) {
		/* digits above the low 33 bits, or not (then %#.Po's test is below) */
		struct node *h = nc_test(nc, OP_NE, 33);

		if (!h)
			return false;
		if (nc->alt && nc->prec > 12 && nc->prec <= 22) {
			/* at least P digits, with the top ones: the prefix's test there */
			struct node *g = nc_test(nc, OP_NE, 3 * (int)(nc->prec - 1));

			if (!g)
				return false;
			a = nc_cond(loc, g, nc_leaf(nc, false, true, true, true),
				    nc_leaf(nc, false, true, true, false));
		} else {
			/* 12 digits or more: P of them unless P > 22 */
			a = nc_leaf(nc, false, true, true, !nc->alt || nc->prec <= 22);
		}
		sh = nc->alt && nc->prec > 1 && nc->prec <= 11 ? 3 * (int)(nc->prec - 1) : 0;
		b = sh ? nc_cond(loc, nc_test(nc, OP_NE, sh), nc_leaf(nc, false, true, false, true),
				 nc_leaf(nc, false, true, false, false)) :
			 nc_leaf(nc, false, true, false, nc->prec <= 1);
		out_add(o, nc_cond(loc, t, nc_cond(loc, h, a, b), z));
		return true;
	}
	sh = nc->c == 'o' && nc->alt && nc->prec > 1 ? 3 * (int)(nc->prec - 1) : 0;
	if (sh && sh < 32)
		a = nc_cond(loc, nc_test(nc, OP_NE, sh), nc_leaf(nc, false, true, false, true),
			    nc_leaf(nc, false, true, false, false));
	else
		a = nc_leaf(nc, false, true, false, nc->prec <= 1);
	out_add(o, nc_cond(loc, t, a, z));
	return true;
}

/* The length of the conversion at conv ("%-10.3ld"), for messages. */
static int conv_len(const char *conv)
{
	const char *q = conv + 1;

	q += strspn(q, "-0+ #'");
	q += strspn(q, "0123456789*");
	if (*q == '.')
		q += 1 + strspn(q + 1, "0123456789*");
	q += strspn(q, "hljztLq");
	return (int)(q - conv) + (*q ? 1 : 0);
}

/* The argument a '*' of a format takes (a width or a precision), or NULL. */
static struct node *star_arg(struct irb *b, CXCursor fmt_arg, const CXCursor *args,
			     unsigned nargs, unsigned *used, const char *name)
{
	if (*used == nargs) {
		refuse(b, fmt_arg, "%s()'s format has more conversions than arguments", name);
		return NULL;
	}
	return expr(b, args[(*used)++]);
}

/*
 * The format of a printf(): conversions d i u o x X c s %, flags - 0 +
 * # and space, a width, a precision (in digits for a number), and the
 * length modifiers hh h l ll j z t.  `args` are what follows it.
 */
static bool out_format(struct outb *o, CXCursor fmt_arg, const char *fmt, const CXCursor *args,
		       unsigned nargs, const char *name)
{
	struct irb *b = o->b;
	unsigned used = 0;
	const char *p = fmt;

	while (*p) {
		const char *q = strchr(p, '%'), *conv, *len_s;
		char flags[8] = "", spec[32];
		unsigned width = 0, nf = 0;
		struct node *dyn = NULL;	/* a width from an argument (%*d) */
		struct node *prec = NULL;	/* a precision (%.3s, %.*s) */
		int lng = 0;	/* -2 hh, -1 h, 0, 1 l, 2 ll */
		bool left = false, alt = false, is_unsigned;
		enum ctype ct;

		if (!q) {
			out_text(o, p, strlen(p));
			break;
		}
		out_text(o, p, (size_t)(q - p));
		conv = q++;
		while (*q && strchr("-0+ #'", *q)) {
			if (*q == '\'') {
				refuse(b, fmt_arg, "the ' flag of %s()'s conversion '%.*s' cannot run "
				       "in a compound: the flags it can are - 0 + # and space", name,
				       conv_len(conv), conv);
				return false;
			}
			left |= *q == '-';
			alt |= *q == '#';
			if (!strchr(flags, *q) && nf < sizeof(flags) - 1)
				flags[nf++] = *q;
			q++;
		}
		if (*q == '*') {
			/* a width from an argument: the conversion a piece of its own */
			if (strchr(flags, '0')) {
				refuse(b, fmt_arg, "the 0 flag with '*' in %s()'s conversion '%.*s' "
				       "cannot run in a compound: the padding from an argument's "
				       "width is spaces", name, conv_len(conv), conv);
				return false;
			}
			dyn = star_arg(b, fmt_arg, args, nargs, &used, name);
			if (!dyn)
				return false;
			q++;
		}
		if (dyn && *q >= '0' && *q <= '9') {
			refuse(b, fmt_arg, "a width in %s()'s conversion '%.*s' cannot run in a "
			       "compound: a width is digits or '*'", name, conv_len(conv), conv);
			return false;
		}
		while (*q >= '0' && *q <= '9') {
			width = width * 10 + (unsigned)(*q++ - '0');
			if (width > 200) {
				refuse(b, fmt_arg, "a width over 200 in %s()'s format cannot run in a "
				       "compound", name);
				return false;
			}
		}
		if (*q == '.') {
			/* a precision: digits (none is 0), or '*' from an argument */
			unsigned long long pv = 0;

			if (*++q == '*') {
				prec = star_arg(b, fmt_arg, args, nargs, &used, name);
				if (!prec)
					return false;
				q++;
			} else {
				while (*q >= '0' && *q <= '9' && pv <= INT_MAX)
					pv = pv * 10 + (unsigned)(*q++ - '0');
				if (pv > INT_MAX) {
					refuse(b, fmt_arg, "a precision over INT_MAX in %s()'s format",
					       name);
					return false;
				}
				prec = int_node(o->loc, CT_INT, (long long)pv);
			}
		}
		if (*q == 'h')
			lng = *++q == 'h' ? (q++, -2) : -1;
		else if (*q == 'l')
			lng = *++q == 'l' ? (q++, 2) : 1;
		else if (*q == 'j' || *q == 'z' || *q == 't')
			lng = 1, q++;
		if (*q == '%' && q == conv + 1) {
			out_text(o, "%", 1);
			p = q + 1;
			continue;
		}
		if (!*q || !strchr("diuoxXcs", *q) || (lng && (*q == 'c' || *q == 's'))) {
			refuse(b, fmt_arg, "%s()'s conversion '%.*s' cannot run in a compound: it "
			       "can print %%d %%i %%u %%o %%x %%X (with hh h l ll j z t), %%c, %%s "
			       "and %%%%", name, conv_len(conv), conv);
			return false;
		}
		if (alt && !strchr("oxX", *q)) {
			refuse(b, fmt_arg, "the # flag in %s()'s conversion '%.*s' cannot run in a "
			       "compound: C gives it a meaning for %%o %%x %%X only", name,
			       conv_len(conv), conv);
			return false;
		}
		if (prec && *q == 'c') {
			refuse(b, fmt_arg, "a precision in %s()'s conversion '%.*s' cannot run in a "
			       "compound: C gives it no meaning for %%c", name, conv_len(conv), conv);
			return false;
		}
		if (prec && *q != 's' && (prec->k != E_CONST || dyn)) {
			refuse(b, fmt_arg, "a precision %s in %s()'s conversion '%.*s' cannot run "
			       "in a compound: a number's precision is digits, and its width too",
			       prec->k != E_CONST ? "from an argument ('.*')" : "with a width from "
			       "an argument ('*')", name, conv_len(conv), conv);
			return false;
		}
		if (prec && *q != 's' && prec->ival > 200) {
			refuse(b, fmt_arg, "a precision over 200 in %s()'s format cannot run in a "
			       "compound", name);
			return false;
		}
		if (alt && dyn) {
			refuse(b, fmt_arg, "the # flag with a width from an argument ('*') in %s()'s "
			       "conversion '%.*s' cannot run in a compound: give the width in "
			       "digits", name, conv_len(conv), conv);
			return false;
		}
		if (dyn && *q == 'o' && lng > 0) {
			refuse(b, fmt_arg, "a width from an argument ('*') for %s()'s conversion "
			       "'%.*s' cannot run in a compound: give it in digits", name,
			       conv_len(conv), conv);
			return false;
		}
		if (used == nargs) {
			refuse(b, fmt_arg, "%s()'s format has more conversions than arguments", name);
			return false;
		}
		if (*q == 's' && dyn && prec) {
			refuse(b, fmt_arg, "a width from an argument ('*') with a precision in "
			       "%s()'s conversion '%.*s' cannot run in a compound", name,
			       conv_len(conv), conv);
			return false;
		}
		if (*q == 's' && dyn) {
			if (!out_string_w(o, args[used++], dyn, left))
				return false;
			p = q + 1;
			continue;
		}
		if (*q == 's') {
			if (!out_string(o, args[used++], width, left, prec))
				return false;
			p = q + 1;
			continue;
		}
		is_unsigned = *q == 'u' || *q == 'o' || *q == 'x' || *q == 'X';
		switch (lng) {
		case -2: ct = is_unsigned ? CT_UCHAR : CT_SCHAR; break;
		case -1: ct = is_unsigned ? CT_USHORT : CT_SHORT; break;
		case 1: ct = is_unsigned ? CT_ULONG : CT_LONG; break;
		case 2: ct = is_unsigned ? CT_ULLONG : CT_LLONG; break;
		default: ct = is_unsigned ? CT_UINT : CT_INT; break;
		}
		if (*q == 'c')
			ct = CT_INT;
		if (alt || (prec && *q != 's') || (*q == 'o' && lng > 0)) {
			struct numconv nc = {
				.o = o, .arg = args[used++], .ct = ct, .c = *q, .lng = lng,
				.left = left, .zero = strchr(flags, '0'), .plus = strchr(flags, '+'),
				.space = strchr(flags, ' '), .alt = alt, .width = width,
				.prec = prec ? prec->ival : -1, .name = name, .conv = conv,
				.len = conv_len(conv),
			};

			if (!nc_out(&nc))
				return false;
			p = q + 1;
			continue;
		}
		/* hh and h: the argument cast to its type, then printed as an int */
		len_s = lng > 0 ? (lng == 2 ? "ll" : "l") : "";
		if (dyn && strchr(flags, '-'))	/* the padding is the region's own */
			memmove(strchr(flags, '-'), strchr(flags, '-') + 1, strlen(strchr(flags, '-')));
		if (width)
			snprintf(spec, sizeof(spec), "%%%s%u%s%c", flags, width, len_s, *q);
		else
			snprintf(spec, sizeof(spec), "%%%s%s%c", flags, len_s, *q);
		if (dyn)
			out_piece_end(o);
		if (*q == 'o') {
			/* its octal digits as the decimal ones of a %llu */
			if (width)
				snprintf(spec, sizeof(spec), "%%%s%ullu", flags, width);
			else
				snprintf(spec, sizeof(spec), "%%%sllu", flags);
			struct numconv nc = {
				.o = o, .arg = args[used++], .ct = ct, .c = 'o', .name = name,
				.conv = conv, .len = conv_len(conv),
			};

			if (!out_octal(&nc, spec, width > 20u ? width : 20u))
				return false;
		} else if (!out_number(o, args[used++], spec, ct,
				       width > (*q == 'c' ? 1u : 20u) ? width :
				       (*q == 'c' ? 1u : 20u))) {
			return false;
		}
		if (dyn)
			out_piece_end_w(o, inl_cast(dyn, CT_INT), left);
		p = q + 1;
	}
	if (used < nargs) {
		refuse(b, args[used], "%s() has more arguments than its format converts", name);
		return false;
	}
	return true;
}

/* A byte scan's call n (sysc_scan()): the id of its bpf_loop() callback. */
static void scan_id(struct region *r, struct node *n)
{
	n->loop_id = ++r->nloops;
	r->nscans++;
}

/* --- <stdio.h>: getchar() and getc(stdin) ----------------------------------------- */


static struct var *in_var(struct irb *b, const char *what, enum var_kind kind, enum ctype ct,
			  unsigned long size, struct loc loc)
{
	struct var *v = hidden_var(b->r, "stdin", "stdin", what, kind, ct, size, loc);

	v->decl = clang_getNullCursor();
	/* the runtime and the host read the scalars after the run (in_keep(), host.c) */
	v->outside = v->hout = kind == VK_SCALAR;
	v->instream = true;
	return v;
}

/* stdin's buffer and its state, made at the region's first read of stdin */
static struct instream *in_state(struct irb *b, struct loc loc)
{
	struct region *r = b->r;

	if (r->in.buf)
		return &r->in;
	r->in.buf = in_var(b, "buf", VK_BUF, CT_UCHAR, IN_BUF, loc);
	r->in.pos = in_var(b, "pos", VK_SCALAR, CT_LONG, 0, loc);
	r->in.len = in_var(b, "len", VK_SCALAR, CT_LONG, 0, loc);
	r->in.eof = in_var(b, "eof", VK_SCALAR, CT_INT, 0, loc);
	r->in.err = in_var(b, "err", VK_SCALAR, CT_INT, 0, loc);
	/*
	 * stdio's flags as the region begins: EOF stays, as in glibc; the
	 * count, of what stdio held, the runtime sets (cosy_rgn_run())
	 */
	r->in.pos->hval = xstrdup("0L");
	r->in.len->hval = xstrdup("0L");
	r->in.eof->hval = xstrdup("(feof(stdin) != 0)");
	r->in.err->hval = xstrdup("(ferror(stdin) != 0)");
	return &r->in;
}

/* *(ct *)(v + off + i) of a byte buffer, i checked below count */
static struct node *byte_elem(struct loc loc, struct var *v, enum ctype ct, long long off,
			      unsigned long count, struct node *i)
{
	struct node *z = new_node(E_ELEM, loc);

	z->var = v;
	z->ct = ct;
	z->ival = off;
	z->scale = xcalloc(1, sizeof(*z->scale));
	z->count = xcalloc(1, sizeof(*z->count));
	z->scale[0] = 1;
	z->count[0] = count;
	add_kid(z, i);
	return z;
}

/* buf[i] of a stream's buffer, as an int (0..255, as getchar() returns a byte) */
static struct node *in_byte(struct instream *s, struct loc loc, struct node *i)
{
	return inl_cast(byte_elem(loc, s->buf, CT_UCHAR, 0, IN_BUF, i), CT_INT);
}

/* The stream's fd: fd 0 for stdin. */
static struct node *in_fd(struct instream *s, struct loc loc)
{
	return s->fd ? dvar(loc, s->fd) : int_node(loc, CT_INT, 0);
}

/*
 * getchar(), getc(stdin), fgetc(stdin) and their _unlocked twins: a byte
 * of stdin (or of a FILE the region opened: s) through a buffer of the
 * region's own, as stdio reads it:
 *
 *   eof ? EOF : pos < len ? (pos += 1, buf[pos - 1]) :
 *   (len = read(0, buf, 4096), pos = 0,
 *    len > 0 ? (pos = 1, buf[0]) : ((len < 0 ? (err = 1) : (eof = 1)), len = 0, EOF))
 *
 * EOF is sticky, as in glibc.  The buffer begins with what stdio's held
 * (the runtime puts it there, and its count in len); after the run the
 * runtime gives stdio back the bytes read ahead and not taken, fd 0 where
 * the region's reads left it, as glibc's leave it, and the host sets
 * stdin's EOF and error flags as the region found them.  A pipe or a
 * terminal on fd 0 runs the region in user space (the runtime): check
 * mode could not go back over what the compound read.
 */
static struct node *in_getchar(struct irb *b, CXCursor c, struct instream *s)
{
	struct loc loc = cursor_loc(b->u, c);
	struct node *n, *x, *y, *z;

	if (!s)
		s = in_state(b, loc);
	n = new_node(E_CALL, loc);
	n->sc = SC_READ;
	n->ct = CT_LONG;
	n->buf = s->buf;
	add_kid(n, in_fd(s, loc));
	add_kid(n, int_node(loc, CT_ULONG, IN_BUF));
	/* nothing read: the end (sticky) or an error */
	x = dcond(loc, op_node(loc, OP_LT, CT_INT, dvar(loc, s->len), int_node(loc, CT_LONG, 0)),
		  inl_assign(loc, s->err, int_node(loc, CT_INT, 1)),
		  inl_assign(loc, s->eof, int_node(loc, CT_INT, 1)));
	x = dcomma(loc, x, dcomma(loc, inl_assign(loc, s->len, int_node(loc, CT_LONG, 0)),
				  int_node(loc, CT_INT, EOF)));
	y = dcomma(loc, inl_assign(loc, s->pos, int_node(loc, CT_LONG, 1)),
		   in_byte(s, loc, int_node(loc, CT_LONG, 0)));
	x = dcond(loc, op_node(loc, OP_GT, CT_INT, dvar(loc, s->len), int_node(loc, CT_LONG, 0)),
		  y, x);
	x = dcomma(loc, inl_assign(loc, s->len, n),
		   dcomma(loc, inl_assign(loc, s->pos, int_node(loc, CT_LONG, 0)), x));
	/* a byte of the buffer */
	z = new_node(E_ASSIGN, loc);
	z->op = OP_ADD;
	z->a = dvar(loc, s->pos);
	z->b = int_node(loc, CT_LONG, 1);
	z->ct = CT_LONG;
	y = dcomma(loc, z, in_byte(s, loc, op_node(loc, OP_SUB, CT_LONG, dvar(loc, s->pos),
						   int_node(loc, CT_LONG, 1))));
	x = dcond(loc, op_node(loc, OP_LT, CT_INT, dvar(loc, s->pos), dvar(loc, s->len)),
		  y, x);
	return dcond(loc, dvar(loc, s->eof), int_node(loc, CT_INT, EOF), x);
}

/*
 * fgets(s, n, stdin) and fgets_unlocked() (or of a FILE the region opened:
 * s): a line of the stream through the buffer getc() reads (in_getchar()),
 * as glibc's fgets() takes it: at most n - 1 bytes, up to and with the
 * newline, then a NUL; NULL when the end comes first (s untouched) or a
 * read fails, s otherwise.  A loop of its own (bpf_loop(), bpf.c's
 * fgets_call()): a refill of the buffer when it is empty, and a memccpy()
 * of the bytes up to and with the newline a pass, so a line in the buffer
 * costs one kfunc.  With items, fread(s, size, nmemb, stdin): size *
 * nmemb bytes or what is left, no newline looked for, the whole items
 * taken as its value.
 */
static struct node *in_fgets(struct irb *b, CXCursor c, const char *name, const CXCursor *args,
			     bool items, struct instream *s)
{
	struct loc loc = cursor_loc(b->u, c);
	struct node *n, *k, *m2 = NULL;
	struct memarg m;

	if (!mem_arg(b, args[0], VK_BUF, &m, "destination"))
		return NULL;
	if (m.v->lit || m.v->is_const) {
		refuse(b, args[0], "%s() into %s cannot run in a compound", name,
		       m.v->lit ? "a string literal" : "a const buffer");
		return NULL;
	}
	k = expr(b, args[1]);
	if (items)
		m2 = expr(b, args[2]);
	if (!k || (items && !m2))
		return NULL;
	if (!s)
		s = in_state(b, loc);
	n = new_node(E_CALL, loc);
	n->sc = SC_FGETS;
	n->in = s;
	n->buf = m.v;
	n->a = m.off;
	add_kid(n, in_fd(s, loc));
	add_kid(n, k);
	if (items) {
		/* fread(): how many whole items it took, a size_t */
		n->ival = 1;
		n->ct = CT_ULONG;
		add_kid(n, m2);
	} else {
		n->ct = CT_LONG;
		n->ptr = m.v;
		m.v->scanned = true;	/* its NUL stored through the frame's pointer */
	}
	scan_id(b->r, n);
	return n;
}

/*
 * feof(stdin), ferror(stdin): the region's flags, which begin as stdio's
 * (in_state()) and are stdio's again after the run; clearerr(stdin)
 * clears both.
 */
static struct node *in_flag(struct irb *b, CXCursor c, const char *name, struct instream *s)
{
	struct loc loc = cursor_loc(b->u, c);

	if (!s)
		s = in_state(b, loc);
	if (name[0] == 'c')
		return dcomma(loc, inl_assign(loc, s->eof, int_node(loc, CT_INT, 0)),
			      inl_assign(loc, s->err, int_node(loc, CT_INT, 0)));
	return dvar(loc, !strncmp(name, "feof", 4) ? s->eof : s->err);
}

/* Which of <stdio.h>'s stdin (0), stdout (1) and stderr (2) the expression c is, or -1. */
static int std_stream(CXCursor c)
{
	CXCursor s = strip(c), d = clang_getCursorReferenced(s);
	int fd = -1;
	char *n;

	if (clang_getCursorKind(s) != CXCursor_DeclRefExpr ||
	    clang_getCursorKind(d) != CXCursor_VarDecl ||
	    !clang_Location_isInSystemHeader(clang_getCursorLocation(d)))
		return -1;
	n = spelling(d);
	if (!strcmp(n, "stdin"))
		fd = 0;
	else if (!strcmp(n, "stdout"))
		fd = 1;
	else if (!strcmp(n, "stderr"))
		fd = 2;
	free(n);
	return fd;
}

static bool is_stdin(CXCursor c)
{
	return std_stream(c) == 0;
}

/* Which of stdout (1) and stderr (2) the expression c is, or 0. */
static int out_file(CXCursor c)
{
	int fd = std_stream(c);

	return fd > 0 ? fd : 0;
}

static const char *const out_fns[] = {
	"printf", "fprintf", "puts", "fputs", "putchar", "putc", "fputc", "putchar_unlocked",
	"putc_unlocked", "fputc_unlocked", "fputs_unlocked", "perror", "fwrite", "fwrite_unlocked",
	"snprintf", "sprintf", "fflush",
};

static bool is_out_fn(const char *name)
{
	for (unsigned i = 0; i < sizeof(out_fns) / sizeof(out_fns[0]); i++)
		if (!strcmp(out_fns[i], name))
			return true;
	return false;
}

/*
 * fwrite(p, size, nmemb, f): size * nmemb bytes of the memory p points
 * into, checked to lie in it (the region traps if not, as C would read
 * past it); its count is not known in the compound, so as a statement.
 */
static bool out_bytes(struct outb *o, CXCursor ptr, CXCursor size, CXCursor nmemb)
{
	struct node *sz = expr(o->b, size), *nm = expr(o->b, nmemb);
	struct memarg m;

	if (!sz || !nm || !mem_src(o->b, ptr, VK_BUF, &m, "memory"))
		return false;
	add_kid(out_str_node(o, &m, OUTSTR_LEN), ulong_op(o->loc, OP_MUL, sz, nm));
	return true;
}

/*
 * snprintf(dst, size, fmt, ...): the format's pieces go into the region's
 * sink (every byte counted, as many kept as the largest destination of the
 * region's can hold, at least SNP_SIZE and at most SNP_MAX), then what
 * fits of them into dst with its NUL, as snprintf() stores them; its
 * value is the whole length.  Its own outb (fd -1).  sprintf(dst, fmt,
 * ...) stores all of them, and traps where C would write past dst's array
 * (or past the sink: a destination over SNP_MAX).
 */
static struct node *snprintf_call(struct irb *b, CXCursor c, struct outb *o, const char *name,
				  const CXCursor *args, unsigned nargs)
{
	struct region *r = b->r;
	struct node *start, *end, *size = NULL;
	bool spr = !strcmp(name, "sprintf");
	unsigned fa = spr ? 1 : 2;	/* the format's argument */
	struct memarg m;
	char *fmt;
	bool ok;

	if (nargs < fa + 1) {
		refuse(b, c, "%s() without a format cannot run in a compound", name);
		return NULL;
	}
	if (!mem_arg(b, args[0], VK_BUF, &m, "destination"))
		return NULL;
	if (m.v->lit || m.v->is_const) {
		refuse(b, args[0], "%s() into %s cannot run in a compound", name,
		       m.v->lit ? "a string literal" : "a const buffer");
		return NULL;
	}
	if (!spr)
		size = expr(b, args[1]);
	fmt = out_literal(b, args[fa], name);
	if ((!spr && !size) || !fmt) {
		free(fmt);
		return NULL;
	}
	if (!r->snp)
		r->snp = out_var(b, "snprintf_sink", COSY_RGN_OUT_HEAD + SNP_SIZE, o->loc);
	if (m.v->size > r->snp->size - COSY_RGN_OUT_HEAD)
		r->snp->size = COSY_RGN_OUT_HEAD + (m.v->size < SNP_MAX ? align8(m.v->size) : SNP_MAX);
	if (!r->outfmt)
		r->outfmt = out_var(b, "stdout_piece", OUT_PIECE, o->loc);
	/* the sink emptied: its count and its total */
	start = new_node(E_CALL, o->loc);
	start->sc = SC_OUTFLUSH;
	start->ct = CT_INT;
	start->out_fd = -1;
	out_add(o, start);
	ok = out_format(o, args[fa], fmt, args + fa + 1, nargs - fa - 1, name);
	free(fmt);
	if (!ok)
		return NULL;
	out_piece_end(o);
	end = new_node(E_CALL, o->loc);
	end->sc = SC_SNPRINTF;
	end->ct = CT_INT;
	end->out_fd = -1;
	end->buf = m.v;
	end->a = m.off;
	end->ival = (clang_equalCursors(c, b->top) ? SNP_STMT : 0) | (spr ? SNP_SPRINTF : 0);
	if (size)
		add_kid(end, size);
	out_add(o, end);
	return o->seq;
}

#define OUT_NO_FILE	(-2)	/* out_stream_arg(): printf(), puts(), putchar(), perror() */

/*
 * Which argument of a call of out_fns[] `name` is its FILE: its index,
 * OUT_NO_FILE for a call that takes none, or -1 for a wrong count.
 */
static int out_stream_arg(const char *name, unsigned nargs)
{
	if (!strcmp(name, "fflush"))
		return nargs == 1 ? 0 : -1;
	if (!strncmp(name, "fwrite", 6))
		return nargs == 4 ? 3 : -1;
	if (!strcmp(name, "fprintf"))
		return nargs >= 2 ? 0 : -1;
	if ((!strncmp(name, "fput", 4) || !strncmp(name, "putc_", 5) || !strcmp(name, "putc")))
		return nargs == 2 ? 1 : -1;
	return OUT_NO_FILE;
}

/*
 * Which stream a call of out_fns[] `name` writes: 1 stdout, 2 stderr, 0
 * another FILE (or a wrong count), -1 snprintf()'s string.
 */
static int out_stream(const char *name, const CXCursor *args, unsigned nargs)
{
	int i;

	if (!strcmp(name, "perror"))
		return 2;
	if (!strcmp(name, "snprintf") || !strcmp(name, "sprintf"))
		return -1;
	i = out_stream_arg(name, nargs);
	if (i == OUT_NO_FILE)
		return 1;
	return i >= 0 ? out_file(args[i]) : 0;
}

static struct var *file_arg(struct irb *b, CXCursor a, const char *name, char want);
static bool file_var_ref(CXCursor a);
static struct node *out_flush_node(struct loc loc, struct instream *s);

/* Does a call of out_fns[] `name` write stdout (not another FILE)? */
static bool out_to_stdout(const char *name, const CXCursor *args, unsigned nargs)
{
	return out_stream(name, args, nargs) == 1;
}

/*
 * perror(s): "s: message\n", or the message alone for NULL or "", as one
 * write (glibc's perror() is one fprintf() to stderr).
 */
static bool out_perror(struct outb *o, CXCursor arg)
{
	CXCursor s = strip(arg);
	struct node *e;
	struct memarg m;

	if (clang_getCursorKind(s) == CXCursor_StringLiteral) {
		char *lit = out_literal(o->b, arg, "perror");

		if (!lit)
			return false;
		if (*lit) {	/* perror(""): the message alone, as for NULL */
			out_text(o, lit, strlen(lit));
			out_text(o, ": ", 2);
		}
		free(lit);
	} else if (!null_const(arg)) {
		/* a string variable: its bytes, and ": " only if it has any */
		if (!mem_src(o->b, arg, VK_STR, &m, "string"))
			return false;
		out_str_node(o, &m, OUTSTR_COLON);
	}
	e = new_node(E_ERRNO, o->loc);
	e->ct = CT_INT;
	if (!out_strerror_node(o, e, o->loc))
		return false;
	out_text(o, "\n", 1);
	return true;
}

/*
 * fflush(stdout): the region's stdout buffer written out now, as stdio
 * writes its own (the runtime flushed stdout before the run, so the
 * buffer holds all there is).  fflush(stderr) has nothing to write: each
 * call to stderr writes its buffer out as it ends.  fflush(NULL) would
 * flush the program's other FILEs too, which a compound cannot.
 */
static struct node *out_fflush(struct irb *b, CXCursor c, struct outb *o)
{
	struct node *n;

	if (o->fd == OUT_FILE)
		return out_flush_node(o->loc, o->os);
	if (!o->fd) {
		refuse(b, c, "fflush() cannot run in a compound but of stdout or stderr: "
		       "fflush(NULL) and another FILE's are the program's stdio buffers");
		return NULL;
	}
	if (o->fd == 2)
		return int_node(o->loc, CT_INT, 0);
	if (!b->r->out)
		b->r->out = out_var(b, "stdout_buf", COSY_RGN_OUT_HEAD + OUT_SIZE, o->loc);
	n = new_node(E_CALL, o->loc);
	n->sc = SC_OUTFLUSH;
	n->ct = CT_INT;
	n->out_fd = 1;
	out_add(o, n);
	return o->seq;
}

/* One of out_fns[]: its calls, or NULL (refused). */
static struct node *out_call(struct irb *b, CXCursor c, const char *name, const CXCursor *args,
			     unsigned nargs)
{
	struct region *r = b->r;
	struct outb o = { .b = b, .loc = cursor_loc(b->u, c) };
	bool ok;
	char *fmt;
	int i;

	bool value = !clang_equalCursors(c, b->top);

	o.fd = out_stream(name, args, nargs);
	if (o.fd < 0)
		return snprintf_call(b, c, &o, name, args, nargs);
	if (!o.fd && (i = out_stream_arg(name, nargs)) >= 0 && file_var_ref(args[i]) &&
	    region_file(b, clang_getCursorReferenced(strip(args[i])))) {
		/* a FILE of the region's, opened for writing */
		struct var *f = file_arg(b, args[i], name, 'w');

		if (!f)
			return NULL;
		o.fd = OUT_FILE;
		o.os = f->file;
	}
	/* fflush(f) of a FILE: 0, or EOF if its buffer could not be written */
	if (value && strcmp(name, "fflush")) {
		refuse(b, c, "the value of %s() cannot be used in a compound: call it as a "
		       "statement", name);
		return NULL;
	}
	if (value && o.fd != OUT_FILE) {
		refuse(b, c, "the value of fflush() cannot be used in a compound but of a FILE "
		       "the region opened for writing: call it as a statement");
		return NULL;
	}
	if (!strcmp(name, "fflush"))
		return out_fflush(b, c, &o);
	if (!o.fd) {
		refuse(b, c, "%s() cannot run in a compound but to stdout, stderr or a FILE * "
		       "variable the region opens with fopen(PATH, \"w\") or \"a\": a compound "
		       "writes their buffers, and no other FILE's", name);
		return NULL;
	}
	if (o.fd == 1 && !r->out)
		r->out = out_var(b, "stdout_buf", COSY_RGN_OUT_HEAD + OUT_SIZE, o.loc);
	if (o.fd == 2 && !r->err)
		r->err = out_var(b, "stderr_buf", COSY_RGN_OUT_HEAD + ERR_SIZE, o.loc);
	if (!r->outfmt)
		r->outfmt = out_var(b, "stdout_piece", OUT_PIECE, o.loc);
	if (!strcmp(name, "perror")) {
		if (nargs != 1) {
			refuse(b, c, "perror() takes one string");
			return NULL;
		}
		ok = out_perror(&o, args[0]);
	} else if (!strncmp(name, "fwrite", 6)) {
		ok = out_bytes(&o, args[0], args[1], args[2]);
	} else if (!strcmp(name, "printf") || !strcmp(name, "fprintf")) {
		unsigned skip = name[0] == 'f';

		if (nargs < skip + 1) {
			refuse(b, c, "%s() without a format cannot run in a compound", name);
			return NULL;
		}
		fmt = out_literal(b, args[skip], name);
		if (!fmt)
			return NULL;
		ok = out_format(&o, args[skip], fmt, args + skip + 1, nargs - skip - 1, name);
		free(fmt);
	} else if (strstr(name, "puts")) {
		if (nargs < 1) {
			refuse(b, c, "%s() without a string cannot run in a compound", name);
			return NULL;
		}
		ok = out_string(&o, args[0], 0, false, NULL);
		if (ok && name[0] == 'p')	/* puts(): and a newline */
			out_text(&o, "\n", 1);
	} else {
		if (nargs < 1) {
			refuse(b, c, "%s() without a character cannot run in a compound", name);
			return NULL;
		}
		/* putchar(c): (unsigned char)c, as %c prints it */
		ok = out_number(&o, args[0], "%c", CT_INT, 1);
	}
	if (!ok)
		return NULL;
	out_piece_end(&o);
	if (o.fd == 2) {
		/* stderr is unbuffered: what the call printed goes out now */
		struct node *n = new_node(E_CALL, o.loc);

		n->sc = SC_OUTFLUSH;
		n->ct = CT_INT;
		n->out_fd = 2;
		out_add(&o, n);
	}
	return o.seq ? o.seq : int_node(o.loc, CT_INT, 0);
}

/*
 * An output call with a string chosen by ?: (perror(i == argc ? "stdin" :
 * argv[i]), printf("%s", n++ ? "\n" : "")): cond ? CALL(a) : CALL(b),
 * each branch lowered with its own string (a path the host computes, a
 * table's slot, a literal), the condition once.  Each argument still
 * runs once, in the branch taken, after the condition: an order C allows.
 */
static struct node *out_call_cond(struct irb *b, CXCursor c, const char *name,
				  const CXCursor *args, unsigned nargs)
{
	for (unsigned j = 0; j < nargs; j++) {
		CXCursor s = strip(args[j]), *alt;
		CXType t = clang_getCanonicalType(clang_getCursorType(s));
		struct kids k;
		struct node *n;

		if (clang_getCursorKind(s) != CXCursor_ConditionalOperator ||
		    t.kind != CXType_Pointer ||
		    !is_char_kind(clang_getCanonicalType(clang_getPointeeType(t)).kind))
			continue;
		k = expr_children(s);
		if (k.n != 3) {
			free(k.v);
			continue;
		}
		alt = xcalloc(nargs, sizeof(*alt));
		memcpy(alt, args, nargs * sizeof(*alt));
		n = new_node(E_COND, cursor_loc(b->u, s));
		n->a = truth(expr(b, k.v[0]));
		alt[j] = k.v[1];
		n->b = n->a ? out_call_cond(b, c, name, alt, nargs) : NULL;
		alt[j] = k.v[2];
		n->c = n->b ? out_call_cond(b, c, name, alt, nargs) : NULL;
		n->ct = n->b ? n->b->ct : CT_INT;
		free(alt);
		free(k.v);
		return n->c ? n : NULL;
	}
	return out_call(b, c, name, args, nargs);
}

/* --- <dirent.h>: opendir(), readdir(), closedir(), dirfd() -------------------------- */

static struct node *dvar(struct loc loc, struct var *v)
{
	struct node *n = new_node(E_VAR, loc);

	n->var = v;
	n->ct = v->ct;
	return n;
}

/* x, y: inl_pair()'s comma, with y's pointer (a readdir() value is one) */
static struct node *dcomma(struct loc loc, struct node *x, struct node *y)
{
	struct node *n = inl_pair(loc, x, y);

	n->ptr = y->ptr;
	return n;
}

static struct node *dcond(struct loc loc, struct node *c, struct node *x, struct node *y)
{
	struct node *n = new_node(E_COND, loc);

	n->a = c;
	n->b = x;
	n->c = y;
	n->ct = x->ct;
	n->ptr = x->ptr && x->ptr != &null_target ? x->ptr : y->ptr;
	return n;
}

static struct node *dnull(struct loc loc)
{
	struct node *n = ptr_node(E_CONST, loc, &null_target);

	n->ival = COSY_RGN_NULL;
	return n;
}

/* A pointer into d's buffer at the offset x holds. */
static struct node *dptr(struct loc loc, struct var *buf, struct node *x)
{
	struct node *n = ptr_node(E_CAST, loc, buf);

	n->a = x;
	return n;
}

/* The DIR variable a readdir(), closedir() or dirfd() argument names. */
static struct var *dir_arg(struct irb *b, CXCursor a, const char *name)
{
	CXCursor s = strip(a), d = clang_getCursorReferenced(s);
	struct var *v = NULL;

	if (clang_getCursorKind(s) == CXCursor_DeclRefExpr &&
	    (clang_getCursorKind(d) == CXCursor_VarDecl ||
	     clang_getCursorKind(d) == CXCursor_ParmDecl))
		v = var_for(b, d, s, false);
	if (v && v->dir)
		return v;
	if (!v && clang_getCursorKind(s) == CXCursor_DeclRefExpr)
		return NULL;	/* var_for() said why */
	refuse(b, a, "this argument of %s() cannot run in a compound: it must be a DIR * "
	       "variable the region opened with opendir()", name);
	return NULL;
}

/*
 * A call of <dirent.h>'s, or NULL (*known false: not one of them).  Each
 * is the C glibc runs, over the DIR's variables (dir_state()):
 *
 *   opendir(p):   (fd = open(p, O_RDONLY|O_NONBLOCK|O_DIRECTORY|O_CLOEXEC)) < 0 ?
 *                 NULL : (pos = len = 0, buf)
 *   readdir(d):   (pos >= len ? (err = errno, pos = 0, len = getdents64(fd, buf, 32768),
 *                               len < 0 && errno == ENOENT ? (errno = err, len = 0) : 0)
 *                             : 0),
 *                 pos < len ? (cur = pos, pos += ((struct dirent *)(buf + cur))->d_reclen,
 *                              buf + cur) : NULL
 *   closedir(d):  close(fd)
 *   dirfd(d):     fd
 *
 * so that the records are read through pointers into buf as any other
 * buffer's, bounds checks and all.  glibc treats ENOENT from a directory
 * removed while open as its end, errno unchanged, as done here.
 */
static struct node *dir_call(struct irb *b, CXCursor c, const char *name, const CXCursor *args,
			     unsigned nargs, bool *known)
{
	struct loc loc = cursor_loc(b->u, c);
	struct node *n, *x, *y, *z;
	struct dirst *s;
	struct memarg m;
	struct var *d;

	*known = true;
	if (!strcmp(name, "opendir") && nargs == 1) {
		d = b->dir_dest;
		b->dir_dest = NULL;
		if (!d) {
			refuse(b, c, "opendir() cannot run in a compound here: its value must be "
			       "assigned to a DIR * variable (DIR *d = opendir(path), or d = "
			       "opendir(path))");
			return NULL;
		}
		if (!mem_arg(b, args[0], VK_STR, &m, "path"))
			return NULL;
		s = d->dir;
		n = new_node(E_CALL, loc);
		n->sc = SC_OPEN;
		n->ct = CT_INT;
		n->buf = m.v;
		n->a = m.off;
		add_kid(n, int_node(loc, CT_INT, O_RDONLY | O_NONBLOCK | O_DIRECTORY | O_CLOEXEC));
		b->r->opens = true;
		x = op_node(loc, OP_LT, CT_INT, inl_assign(loc, s->fd, n), int_node(loc, CT_INT, 0));
		y = dcomma(loc, inl_assign(loc, s->pos, int_node(loc, CT_LONG, 0)),
			   dcomma(loc, inl_assign(loc, s->len, int_node(loc, CT_LONG, 0)),
				  dptr(loc, s->buf, int_node(loc, CT_LONG, 0))));
		return dcond(loc, x, dnull(loc), y);
	}
	if ((!strcmp(name, "readdir") || !strcmp(name, "closedir") || !strcmp(name, "dirfd")) &&
	    nargs == 1) {
		d = dir_arg(b, args[0], name);
		if (!d)
			return NULL;
		s = d->dir;
		if (name[0] == 'c' && s->lent) {
			refuse(b, c, "closedir() of '%s' cannot run in a compound: the program "
			       "opened it before the region, and its DIR is the program's; close "
			       "it after the region", d->name);
			return NULL;
		}
		if (name[0] == 'c') {
			n = new_node(E_CALL, loc);
			n->sc = SC_CLOSE;
			n->ct = CT_INT;
			add_kid(n, dvar(loc, s->fd));
			return n;
		}
		if (name[0] == 'd')
			return dvar(loc, s->fd);
		/* refill when the records are used up */
		n = new_node(E_CALL, loc);
		n->sc = SC_GETDENTS;
		n->ct = CT_LONG;
		n->buf = s->buf;
		add_kid(n, dvar(loc, s->fd));
		add_kid(n, int_node(loc, CT_ULONG, DIR_BUF));
		z = new_node(E_ERRNO, loc);
		z->ct = CT_INT;
		x = op_node(loc, OP_LAND, CT_INT,
			    op_node(loc, OP_LT, CT_INT, dvar(loc, s->len), int_node(loc, CT_LONG, 0)),
			    op_node(loc, OP_EQ, CT_INT, z, int_node(loc, CT_INT, ENOENT)));
		z = new_node(E_ERRNO, loc);
		z->ct = CT_INT;
		y = new_node(E_ASSIGN, loc);
		y->a = z;
		y->b = dvar(loc, s->err);
		y->ct = CT_INT;
		x = dcond(loc, x, dcomma(loc, y, inl_assign(loc, s->len, int_node(loc, CT_LONG, 0))),
			  int_node(loc, CT_LONG, 0));
		z = new_node(E_ERRNO, loc);
		z->ct = CT_INT;
		x = dcomma(loc, inl_assign(loc, s->err, z),
			   dcomma(loc, inl_assign(loc, s->pos, int_node(loc, CT_LONG, 0)),
				  dcomma(loc, inl_assign(loc, s->len, n), x)));
		x = dcond(loc, op_node(loc, OP_GE, CT_INT, dvar(loc, s->pos), dvar(loc, s->len)),
			  x, int_node(loc, CT_LONG, 0));
		/* the next record: its d_reclen, at 16, checked in the buffer */
		z = byte_elem(loc, s->buf, CT_USHORT, 16, DIR_BUF, dvar(loc, s->cur));
		y = new_node(E_ASSIGN, loc);
		y->op = OP_ADD;
		y->a = dvar(loc, s->pos);
		y->b = z;
		y->ct = CT_LONG;
		z = dptr(loc, s->buf, dvar(loc, s->cur));
		if (s->lent) {
			/* where the stream is after this record: its d_off, at 8 */
			struct node *o = byte_elem(loc, s->buf, CT_LLONG, 8, DIR_BUF,
						   dvar(loc, s->cur));

			z = dcomma(loc, inl_assign(loc, s->doff, o),
				   dcomma(loc, inl_assign(loc, s->got, int_node(loc, CT_INT, 1)), z));
		}
		y = dcomma(loc, inl_assign(loc, s->cur, dvar(loc, s->pos)), dcomma(loc, y, z));
		y = dcond(loc, op_node(loc, OP_LT, CT_INT, dvar(loc, s->pos), dvar(loc, s->len)),
			  y, dnull(loc));
		return dcomma(loc, x, y);
	}
	if (dirent_fn(name)) {
		refuse(b, c, "%s() cannot run in a compound: of <dirent.h>, a compound can only "
		       "call opendir(), readdir(), closedir() and dirfd()", name);
		return NULL;
	}
	*known = false;
	return NULL;
}

/*
 * The FILE variable a call's stream argument names, or NULL (refused):
 * one the region reads (want 'r'), writes ('w'), or either (0).  A FILE
 * not yet opened where the call is lowered is taken to be read.
 */
static struct var *file_arg(struct irb *b, CXCursor a, const char *name, char want)
{
	CXCursor s = strip(a), d = clang_getCursorReferenced(s);
	struct var *v = var_for(b, d, s, false);

	if (!v)
		return NULL;	/* var_for() said why */
	if (!v->file) {
		refuse(b, a, "this argument of %s() cannot run in a compound: it must be %s or "
		       "a FILE * variable the region opened with fopen()", name,
		       want == 'w' ? "stdout, stderr" : "stdin");
		return NULL;
	}
	if (want == 'r' && !v->file->dir)
		v->file->dir = 'r';
	if (want && v->file->dir != want) {
		if (!v->file->dir)
			refuse(b, a, "%s() cannot run in a compound here: the region does not "
			       "open FILE '%s' with fopen() before this call", name, v->name);
		else
			refuse(b, a, "%s() cannot run in a compound here: the region opens FILE "
			       "'%s' for %s, and this call %s", name, v->name,
			       v->file->dir == 'r' ? "reading" : "writing",
			       want == 'w' ? "writes" : "reads");
		return NULL;
	}
	return v;
}

/* Does the call's argument a name a FILE * variable of the program's (not stdin)? */
static bool file_var_ref(CXCursor a)
{
	CXCursor s = strip(a), d = clang_getCursorReferenced(s);

	return clang_getCursorKind(s) == CXCursor_DeclRefExpr &&
	       (clang_getCursorKind(d) == CXCursor_VarDecl ||
		clang_getCursorKind(d) == CXCursor_ParmDecl) &&
	       !clang_Location_isInSystemHeader(clang_getCursorLocation(d)) &&
	       is_file_type(clang_getCursorType(d));
}

/*
 * A FILE the region opens for writing: its output buffer, as stdout's,
 * and fclose()'s record of its last flush.  Made at its first fopen(),
 * once.  The buffers of all such FILEs are one block in the segment
 * (r->fobufs), so that they take one slice pointer in the frame, which
 * each loop's pass copies, where a pointer each made seven FILEs need
 * more than 6.1's 512 bytes of stack.
 */
static void file_out_state(struct irb *b, struct var *f, struct loc loc)
{
	struct instream *s = f->file;
	struct region *r = b->r;
	struct var *v;

	if (s->obuf)
		return;
	if (!r->fobufs) {
		r->fobufs = hidden_var(r, "FILE", "files", "obufs", VK_BUF, CT_UCHAR, 0, loc);
		free(r->fobufs->name);
		r->fobufs->name = xstrdup("the FILEs' output buffers");
	}
	v = xcalloc(1, sizeof(*v));
	v->name = xasprintf("%s's obuf", f->name);
	v->field = xasprintf("%s_obuf", f->field);
	v->kind = VK_BUF;
	v->ct = CT_UCHAR;
	v->elsize = 1;
	v->size = OUT_FILE_SKIP + COSY_RGN_OUT_HEAD + OUT_SIZE;
	v->loc = loc;
	v->blk = r->fobufs;
	v->blk_off = r->fobufs->size;
	r->fobufs->size += align8(v->size);
	s->obuf = v;
	s->fflushed = dir_var(b->r, f, "fflushed", VK_SCALAR, CT_INT, 0);
	s->fflushed->instream = true;
	if (!b->r->outfmt)
		b->r->outfmt = out_var(b, "stdout_piece", OUT_PIECE, loc);
}

/*
 * An SC_OUTFLUSH of FILE s's buffer (what: 0 or OUTFLUSH_*): written out
 * (fflush() and fclose(): -1 if that failed, else 0), or with fopen()'s
 * fd kept and emptied, or its error flag read or cleared.
 */
static struct node *out_flush_of(struct loc loc, struct instream *s, int what)
{
	struct node *n = new_node(E_CALL, loc);

	n->sc = SC_OUTFLUSH;
	n->ct = CT_INT;
	n->out_fd = OUT_FILE;
	n->in = s;
	n->ival = what;
	return n;
}

static struct node *out_reset(struct loc loc, struct instream *s)
{
	return out_flush_of(loc, s, OUTFLUSH_RESET);
}

static struct node *out_flush_node(struct loc loc, struct instream *s)
{
	return out_flush_of(loc, s, 0);
}

/*
 * fopen()'s mode: its open flags, and what it opens for in *dir ('r' or
 * 'w'); -1 for a mode a compound cannot keep ("r+", "w+", "a+": reading
 * and writing one stream, which stdio orders with seeks), or no mode.
 */
static int file_mode(const char *mode, char *dir)
{
	int flags;

	switch (mode[0]) {
	case 'r':
		flags = O_RDONLY;
		break;
	case 'w':
		flags = O_WRONLY | O_CREAT | O_TRUNC;
		break;
	case 'a':
		flags = O_WRONLY | O_CREAT | O_APPEND;
		break;
	default:
		return -1;
	}
	*dir = mode[0] == 'r' ? 'r' : 'w';
	for (const char *p = mode + 1; *p; p++) {
		if (*p == '+')
			return -1;
		if (*p == 'e')
			flags |= O_CLOEXEC;
		if (*p == 'x' && *dir == 'w')
			flags |= O_EXCL;
		/* b, m, c and ccs=: nothing the bytes or the file see */
		if (*p == ',')
			break;
	}
	return flags;
}

/*
 * fopen(path, append ? "a" : "w"): a mode chosen by ?: between two
 * literals that open for the same thing.  The condition (truth), with
 * each literal's flags and what they open for; NULL if the mode is not
 * that (refused by the caller), said here when the two differ.
 */
static struct node *mode_pick(struct irb *b, CXCursor arg, int *f1, int *f2, char *dir)
{
	CXCursor s = strip(arg);
	struct kids k;
	struct node *cond = NULL;
	char *m1, *m2, d1 = 0, d2 = 0;

	if (clang_getCursorKind(s) != CXCursor_ConditionalOperator)
		return NULL;
	k = expr_children(s);
	m1 = k.n == 3 ? literal_str(k.v[1]) : NULL;
	m2 = k.n == 3 ? literal_str(k.v[2]) : NULL;
	*f1 = m1 ? file_mode(m1, &d1) : -1;
	*f2 = m2 ? file_mode(m2, &d2) : -1;
	if (*f1 >= 0 && *f2 >= 0 && d1 == d2) {
		cond = truth(expr(b, k.v[0]));
		*dir = d1;
	} else if (*f1 >= 0 && *f2 >= 0) {
		refuse(b, arg, "fopen() cannot run in a compound here: its mode, \"%s\" or "
		       "\"%s\", opens the FILE for reading or for writing, and a compound "
		       "must know which", m1, m2);
		cond = NULL;
	}
	free(m1);
	free(m2);
	free(k.v);
	return cond;
}

/*
 * A call of <stdio.h>'s on a FILE the region opens, or NULL (*known
 * false: not one of them).  The FILE's variables (file_state()) are a
 * stream as stdin's are, read by the same code, or written as stdout is:
 *
 *   fopen(p, "r"):  (fd = open(p, O_RDONLY)) < 0 ? NULL :
 *                   (pos = len = eof = err = 0, buf)
 *   fopen(p, "w"):  (fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0666)) < 0 ?
 *                   NULL : (obuf: the fd, emptied, no error; buf); "a": O_APPEND
 *   fgets(), fread(), getc(), fgetc(), feof(), ferror(), clearerr():
 *                   as of stdin (in_fgets(), in_getchar(), in_flag()); of
 *                   a FILE written, obuf's error flag, feof() 0
 *   fprintf(), fputs(), fputc(), putc(), fwrite(), fflush():
 *                   as to stdout, into obuf (out_call())
 *   fileno(f):      fd
 *   fclose(f):      close(fd), 0 or EOF (-1) with errno; written, obuf
 *                   flushed first: (fflushed = its flush, close(fd) | fflushed)
 */
static struct node *file_call(struct irb *b, CXCursor c, const char *name, const CXCursor *args,
			      unsigned nargs, bool *known)
{
	struct loc loc = cursor_loc(b->u, c);
	bool items = false;
	struct instream *s;
	struct node *n, *x, *y;
	struct memarg m;
	struct var *f;
	char *mode, dir = 0;
	int flags, flags2 = -1;
	struct node *pick = NULL;

	*known = true;
	if ((!strcmp(name, "fopen") || !strcmp(name, "fopen64")) && nargs == 2) {
		f = b->dir_dest;
		b->dir_dest = NULL;
		mode = literal_str(args[1]);
		flags = mode ? file_mode(mode, &dir) : -1;
		if (!mode && (pick = mode_pick(b, args[1], &flags, &flags2, &dir)))
			mode = xstrdup("?:");
		if (!mode) {
			refuse(b, args[1], "fopen() cannot run in a compound here: its mode must be "
			       "a string literal (\"r\", \"w\", \"a\")");
		} else if (flags < 0) {
			refuse(b, args[1], "fopen() with mode \"%s\" cannot run in a compound: a "
			       "compound reads (\"r\") or writes (\"w\", \"a\") a FILE it opens, "
			       "not both; use open(), read(), write() and lseek()", mode);
		} else if (!f || !f->file) {
			refuse(b, c, "fopen() cannot run in a compound here: its value must be "
			       "assigned to a FILE * variable (FILE *f = fopen(path, \"r\"), or "
			       "f = fopen(path, \"w\"))");
		} else if (f->file->dir && f->file->dir != dir) {
			refuse(b, c, "fopen() cannot run in a compound here: FILE '%s' is opened "
			       "for %s elsewhere in the region; a FILE * variable the region opens "
			       "is read or written, not both (use two variables)", f->name,
			       f->file->dir == 'r' ? "reading" : "writing");
		} else if (mem_arg(b, args[0], VK_STR, &m, "path")) {
			s = f->file;
			s->dir = dir;
			n = new_node(E_CALL, loc);
			n->sc = SC_OPEN;
			n->ct = CT_INT;
			n->buf = m.v;
			n->a = m.off;
			add_kid(n, pick ? dcond(loc, pick, int_node(loc, CT_INT, flags),
						int_node(loc, CT_INT, flags2)) :
				    int_node(loc, CT_INT, flags));
			if (dir == 'w')
				add_kid(n, int_node(loc, CT_INT, 0666));	/* fopen(3)'s */
			b->r->opens = true;
			if ((flags | (pick ? flags2 : 0)) & O_APPEND)
				b->r->appends = true;	/* check mode says so */
			if ((flags | (pick ? flags2 : 0)) & O_EXCL)
				b->r->excl = true;	/* and of this */
			x = op_node(loc, OP_LT, CT_INT, inl_assign(loc, s->fd, n),
				    int_node(loc, CT_INT, 0));
			y = dptr(loc, s->buf, int_node(loc, CT_LONG, 0));
			if (dir == 'w') {
				file_out_state(b, f, loc);
				y = dcomma(loc, out_reset(loc, s), y);
			} else {
				s->read = true;
				y = dcomma(loc, inl_assign(loc, s->err, int_node(loc, CT_INT, 0)), y);
				y = dcomma(loc, inl_assign(loc, s->eof, int_node(loc, CT_INT, 0)), y);
				y = dcomma(loc, inl_assign(loc, s->len, int_node(loc, CT_LONG, 0)), y);
				y = dcomma(loc, inl_assign(loc, s->pos, int_node(loc, CT_LONG, 0)), y);
			}
			free(mode);
			return dcond(loc, x, dnull(loc), y);
		}
		free(mode);
		return NULL;
	}
	if (nargs == 0 || !file_var_ref(args[nargs - 1])) {
		*known = false;
		return NULL;
	}
	if (((!strcmp(name, "fgets") || !strcmp(name, "fgets_unlocked")) && nargs == 3) ||
	    (items = (!strcmp(name, "fread") || !strcmp(name, "fread_unlocked")) && nargs == 4)) {
		f = file_arg(b, args[nargs - 1], name, 'r');
		return f ? in_fgets(b, c, name, args, items, file_read(f)) : NULL;
	}
	if ((!strcmp(name, "getc") || !strcmp(name, "fgetc") || !strcmp(name, "getc_unlocked") ||
	     !strcmp(name, "fgetc_unlocked")) && nargs == 1) {
		f = file_arg(b, args[0], name, 'r');
		return f ? in_getchar(b, c, file_read(f)) : NULL;
	}
	if ((!strcmp(name, "feof") || !strcmp(name, "feof_unlocked") ||
	     !strcmp(name, "ferror") || !strcmp(name, "ferror_unlocked") ||
	     !strcmp(name, "clearerr") || !strcmp(name, "clearerr_unlocked")) && nargs == 1) {
		f = file_arg(b, args[0], name, 0);
		if (!f || f->file->dir != 'w')
			return f ? in_flag(b, c, name, file_read(f)) : NULL;
		/* written: never at an end; a failed write set the error flag */
		if (!strncmp(name, "feof", 4))
			return int_node(loc, CT_INT, 0);
		return out_flush_of(loc, f->file, name[0] == 'c' ? OUTFLUSH_CLEARERR :
				    OUTFLUSH_FERROR);
	}
	if ((!strcmp(name, "fileno") || !strcmp(name, "fileno_unlocked")) && nargs == 1) {
		f = file_arg(b, args[0], name, 0);
		return f ? dvar(loc, f->file->fd) : NULL;
	}
	if (!strcmp(name, "fclose") && nargs == 1) {
		f = file_arg(b, args[0], name, 0);
		if (!f)
			return NULL;
		s = f->file;
		n = new_node(E_CALL, loc);
		n->sc = SC_CLOSE;
		n->ct = CT_INT;
		add_kid(n, dvar(loc, s->fd));
		if (s->dir != 'w')
			return n;
		/* glibc's: EOF if the last flush or close() failed, close()'s errno last */
		x = inl_assign(loc, s->fflushed, out_flush_node(loc, s));
		y = new_node(E_CAST, loc);	/* (int)(...): a statement's value is left unused */
		y->ct = CT_INT;
		y->a = inl_pair(loc, x, op_node(loc, OP_OR, CT_INT, n, dvar(loc, s->fflushed)));
		return y;
	}
	*known = false;
	return NULL;
}

/* c stripped, and of the C-style casts around it ((char **)&end) */
static CXCursor strip_casts(CXCursor c)
{
	CXCursor e = strip(c);

	while (clang_getCursorKind(e) == CXCursor_CStyleCastExpr) {
		struct kids kk = expr_children(e);
		bool one = kk.n == 1;

		if (one)
			e = strip(kk.v[0]);
		free(kk.v);
		if (!one)
			break;
	}
	return e;
}

/*
 * &p, p a char * variable, maybe cast ((char **)&end of a const char
 * *end), as strtol()'s end and strtok_r()'s save: true when c has that
 * shape, *v then p's variable (NULL: refused, said there).
 */
static bool char_ptr_addr(struct irb *b, CXCursor c, struct var **v)
{
	CXCursor e = strip_casts(c);
	struct kids kk;
	char tok[4];
	bool post, shaped;

	*v = NULL;
	if (clang_getCursorKind(e) != CXCursor_UnaryOperator)
		return false;
	kk = expr_children(e);
	shaped = kk.n == 1 && unop_token(b, e, tok, sizeof(tok), &post) && !strcmp(tok, "&") &&
		 clang_getCursorKind(strip(kk.v[0])) == CXCursor_DeclRefExpr &&
		 clang_getCanonicalType(clang_getCursorType(strip(kk.v[0]))).kind ==
			 CXType_Pointer && pointee_size(kk.v[0]) == 1;
	if (shaped)
		*v = ptr_lvalue(b, kk.v[0]);
	free(kk.v);
	return shaped;
}

/*
 * strtol(s, &end, base) and its kin, and atoi(s) (strtol(s, NULL, 10), as
 * glibc's): a scan of the string (cosy_region_scan.h), its value the
 * call's.  end, a char * variable, then points into the string's variable
 * (n->c stores it); NULL takes no end.  A base that is not 0 or 2 to 36
 * leaves end as it was (EINVAL): a constant one is refused here.
 */
static bool strto_call(struct irb *b, CXCursor c, const char *name, const CXCursor *args,
		       unsigned nargs, struct node *n)
{
	struct loc loc = cursor_loc(b->u, c);
	struct node *base, *to, *from;
	struct memarg m;
	struct var *v = NULL;

	n->ival = !strcmp(name, "strtoul") || !strcmp(name, "strtoull") ||
		  !strcmp(name, "strtoumax");
	if (!mem_src(b, args[0], VK_STR, &m, "string"))
		return false;
	n->buf = m.v;
	n->a = m.off;
	m.v->scanned = true;
	if (m.v->kind == VK_STR && !m.v->lit && !m.v->size)
		m.v->size = COSY_PATH_MAX;	/* a string from outside: its slot, end to end */
	base = nargs == 1 ? ulong_const(loc, 10) : expr(b, args[2]);
	if (!base)
		return false;
	if (base->k == E_CONST && (base->ival < 0 || base->ival == 1 || base->ival > 36)) {
		refuse(b, args[2], "%s() with base %lld cannot run in a compound: the base is 0 "
		       "or 2 to 36 (glibc fails any other with EINVAL)", name, base->ival);
		return false;
	}
	add_kid(n, base);
	if (nargs == 3 && !null_const(args[1])) {
		if (!char_ptr_addr(b, args[1], &v))
			refuse(b, args[1], "%s()'s end pointer cannot run in a compound here: pass "
			       "NULL or &p, p a char * variable", name);
		if (!v || !bind(b, v, m.v, args[1]))
			return false;
		to = ptr_node(E_VAR, loc, m.v);
		to->var = v;
		from = ptr_node(E_SCRATCH, loc, m.v);
		from->ival = 1;
		if (base->k != E_CONST) {
			/* a bad base leaves it: scratch word 0 says whether it was */
			struct node *ok = new_node(E_SCRATCH, loc), *was = ptr_node(E_VAR, loc, m.v);

			ok->ct = CT_LONG;
			was->var = v;
			from = dcond(loc, ok, from, was);
		}
		n->c = ptr_node(E_ASSIGN, loc, m.v);
		n->c->op = OP_NONE;
		n->c->a = to;
		n->c->b = from;
	}
	scan_id(b->r, n);
	return true;
}

/*
 * strspn(s, set), strcspn(s, set), strpbrk(s, set): a scan of s that
 * tests each byte against the set, a string literal, kept as 256 bits
 * (the NUL is never in it: the scan ends there).  strpbrk's result points
 * into s's variable, as strchr's.
 */
/* The set of strspn() and co., a string literal: its bytes as 256 bits, or false. */
static bool span_set(struct irb *b, const char *name, CXCursor arg, unsigned long long bits[4])
{
	CXCursor lit = strip(arg);
	size_t len;
	char *set;

	set = clang_getCursorKind(lit) == CXCursor_StringLiteral ?
	      literal_bytes(arg, lit, &len) : NULL;
	if (!set) {
		refuse(b, arg, "%s()'s set cannot run in a compound unless it is a string "
		       "literal (\" \\t\\n\")", name);
		return false;
	}
	memset(bits, 0, 4 * sizeof(*bits));
	for (const unsigned char *p = (const unsigned char *)set; *p; p++)
		bits[*p / 64] |= 1ULL << (*p % 64);
	free(set);
	return true;
}

/* The scan n of span_call() over buf from offset `at`, testing bytes against bits. */
static void span_scan(struct irb *b, struct node *n, struct var *buf, struct node *at,
		      const unsigned long long bits[4])
{
	n->buf = buf;
	n->a = at;
	buf->scanned = true;
	for (unsigned i = 0; i < 4; i++) {
		struct node *k = ulong_const(n->loc, 0);

		k->ival = (long long)bits[i];
		add_kid(n, k);
	}
	scan_id(b->r, n);
}

static bool span_call(struct irb *b, const char *name, const CXCursor *args, struct node *n)
{
	unsigned long long bits[4];
	struct memarg m;

	n->ival = !strcmp(name, "strcspn") ? 1 : !strcmp(name, "strpbrk") ? 2 : 0;
	if (!span_set(b, name, args[1], bits))
		return false;
	if (n->ival == 2 ? !mem_arg(b, args[0], VK_BUF, &m, "string") :
			   !mem_src(b, args[0], VK_STR, &m, "string"))
		return false;
	if (n->ival == 2) {
		n->ptr = m.v;
		n->ct = CT_LONG;
	}
	span_scan(b, n, m.v, m.off, bits);
	return true;
}

/* p = x, p a pointer variable into buf */
static struct node *ptr_set(struct loc loc, struct var *p, struct var *buf, struct node *x)
{
	struct node *n = ptr_node(E_ASSIGN, loc, buf), *to = ptr_node(E_VAR, loc, buf);

	to->var = p;
	n->op = OP_NONE;
	n->a = to;
	n->b = x;
	return n;
}

/*
 * strtok(s, delim) and strtok_r(s, delim, &save), delim a string literal,
 * as glibc's __strtok_r() goes, with strspn's and strcspn's scans:
 *
 *   t = s ? s : save;  t += strspn(t, delim);
 *   !*t ? (save = t, NULL) :
 *   (e = t + strcspn(t, delim), *e ? (*e = 0, save = e + 1) : (save = e), t)
 *
 * t and e are offsets into s's array, variables of the compiler's own;
 * the token points into the array.  strtok's save is one too: its
 * strtok(NULL, ...) goes on in the array of the region's strtok(s, ...)
 * before it in the source (one array a region); strtok_r's is the
 * program's char * variable.  A strtok(NULL, ...) with nothing begun in
 * the region would go on with the program's state from before it, which
 * the compound has not: refused.
 */
static struct node *strtok_call(struct irb *b, CXCursor c, const char *name,
				const CXCursor *args, unsigned nargs)
{
	struct loc loc = cursor_loc(b->u, c);
	struct region *r = b->r;
	unsigned long long bits[4];
	struct var *buf, *save;
	struct node *t, *x, *y, *z, *spn, *cspn;
	struct memarg m;

	if (!span_set(b, name, args[1], bits))
		return NULL;
	if (nargs == 3) {
		if (!char_ptr_addr(b, args[2], &save))
			refuse(b, args[2], "strtok_r()'s third argument cannot run in a compound "
			       "here: pass &p, p a char * variable");
		if (!save)
			return NULL;
	} else {
		if (!r->tok_save) {
			r->tok_save = hidden_var(r, "strtok()", "strtok", "save", VK_SCALAR,
						 CT_LONG, 0, loc);
			r->tok_save->is_ptr = true;
			r->tok_save->pscale = 1;
		}
		save = r->tok_save;
	}
	if (null_const(args[0])) {
		buf = nargs == 3 ? save->target : r->tok_buf;
		if (!buf) {
			refuse(b, args[0], "%s(NULL, ...) cannot run in a compound here: it goes on "
			       "with a string the region has not begun with %s(s, ...) before it, "
			       "and the program's own state is not the compound's", name, name);
			return NULL;
		}
		x = ptr_node(E_VAR, loc, buf);
		x->var = save;
	} else {
		if (!mem_arg(b, args[0], VK_BUF, &m, "string"))
			return NULL;
		if (m.v->kind != VK_BUF || m.v->lit || m.v->is_const) {
			refuse(b, args[0], "%s() of %s cannot run in a compound: it writes NULs into "
			       "the string, which must be an array of the region's or the "
			       "program's", name, m.v->lit ? "a string literal" :
			       m.v->is_const ? "a const array" : "a string from outside");
			return NULL;
		}
		buf = m.v;
		if (nargs == 2 && r->tok_buf && r->tok_buf != buf) {
			char tb[80], tc[80];

			refuse(b, args[0], "strtok() of %s cannot run in a compound here: the "
			       "region's strtok() goes through %s already, and cosy-cc keeps its "
			       "pointer into one array (strtok_r() keeps one a variable)",
			       target_name(buf, tb), target_name(r->tok_buf, tc));
			return NULL;
		}
		if (nargs == 2)
			r->tok_buf = buf;
		else if (!bind(b, save, buf, args[2]))
			return NULL;
		x = m.off ? m.off : int_node(loc, CT_LONG, 0);
	}
	if (!r->tok_t) {
		r->tok_t = hidden_var(r, "strtok()", "strtok", "t", VK_SCALAR, CT_LONG, 0, loc);
		r->tok_e = hidden_var(r, "strtok()", "strtok", "e", VK_SCALAR, CT_LONG, 0, loc);
	}
	/* t = s or save, then past the delimiters */
	spn = new_node(E_CALL, loc);
	spn->sc = SC_STRSPN;
	spn->ct = CT_ULONG;
	span_scan(b, spn, buf, dvar(loc, r->tok_t), bits);
	t = dcomma(loc, inl_assign(loc, r->tok_t, inl_cast(x, CT_LONG)),
		   inl_assign(loc, r->tok_t, op_node(loc, OP_ADD, CT_LONG, dvar(loc, r->tok_t),
						     inl_cast(spn, CT_LONG))));
	/* the end of the token: a delimiter made a NUL, or the string's NUL */
	cspn = new_node(E_CALL, loc);
	cspn->sc = SC_STRSPN;
	cspn->ct = CT_ULONG;
	cspn->ival = 1;
	span_scan(b, cspn, buf, dvar(loc, r->tok_t), bits);
	z = new_node(E_ASSIGN, loc);
	z->op = OP_NONE;
	z->a = byte_elem(loc, buf, CT_UCHAR, 0, buf->size, dvar(loc, r->tok_e));
	z->b = int_node(loc, CT_UCHAR, 0);
	z->ct = CT_UCHAR;
	y = dcond(loc, byte_elem(loc, buf, CT_UCHAR, 0, buf->size, dvar(loc, r->tok_e)),
		  dcomma(loc, z, ptr_set(loc, save, buf,
					 op_node(loc, OP_ADD, CT_LONG, dvar(loc, r->tok_e),
						 int_node(loc, CT_LONG, 1)))),
		  ptr_set(loc, save, buf, dvar(loc, r->tok_e)));
	y = dcomma(loc, inl_assign(loc, r->tok_e, op_node(loc, OP_ADD, CT_LONG,
							  dvar(loc, r->tok_t),
							  inl_cast(cspn, CT_LONG))),
		   dcomma(loc, y, dptr(loc, buf, dvar(loc, r->tok_t))));
	/* nothing but delimiters left: NULL, and save at the NUL */
	x = dcomma(loc, ptr_set(loc, save, buf, dvar(loc, r->tok_t)), dnull(loc));
	x = dcond(loc, byte_elem(loc, buf, CT_UCHAR, 0, buf->size, dvar(loc, r->tok_t)), y, x);
	return dcomma(loc, t, x);
}

static struct node *call(struct irb *b, CXCursor c)
{
	struct kids k = expr_children(c);	/* callee, then the arguments */
	CXCursor callee = k.n ? strip(k.v[0]) : clang_getNullCursor();
	CXCursor d = clang_getCursorReferenced(callee);
	struct node *n = NULL;
	struct memarg m;
	char *name = spelling(c);
	unsigned i, nargs = k.n ? k.n - 1 : 0;
	const CXCursor *args = k.v + 1;

	if (clang_getCursorKind(callee) != CXCursor_DeclRefExpr ||
	    clang_getCursorKind(d) != CXCursor_FunctionDecl) {
		refuse(b, c, "calling through a pointer cannot run in a compound: only direct "
		       "calls of the supported system calls can");
		goto out;
	}
	if (!strcmp(name, "syscall") && nargs >= 1 &&
	    clang_Location_isInSystemHeader(clang_getCursorLocation(d))) {
		const char *alias = syscall_alias(args[0]);

		if (alias) {
			free(name);
			name = xstrdup(alias);
			args++;
			nargs--;
		}
	}
	for (i = 0; i < sizeof(sysc_table) / sizeof(sysc_table[0]); i++)
		if (!strcmp(sysc_table[i].name, name))
			break;
	if (!strcmp(name, "setjmp") || !strcmp(name, "_setjmp") || !strcmp(name, "sigsetjmp") ||
	    !strcmp(name, "__sigsetjmp") || !strcmp(name, "longjmp") ||
	    !strcmp(name, "siglongjmp")) {
		refuse(b, c, "%s() cannot run in a compound: a compound cannot save or restore "
		       "the program's stack and registers", name);
		goto out;
	}
	if (!strcmp(name, "__assert_fail") && nargs == 4 &&
	    clang_Location_isInSystemHeader(clang_getCursorLocation(d))) {
		n = assert_trap(b, c, args);
		goto out;
	}
	if (((!strcmp(name, "strtok") && nargs == 2) || (!strcmp(name, "strtok_r") && nargs == 3)) &&
	    clang_Location_isInSystemHeader(clang_getCursorLocation(d))) {
		n = strtok_call(b, c, name, args, nargs);
		goto out;
	}
	/* likely(x), unlikely(x): the value of x (the hint is for a CPU's branches) */
	if ((!strcmp(name, "__builtin_expect") && nargs == 2) ||
	    (!strcmp(name, "__builtin_expect_with_probability") && nargs == 3)) {
		n = expr(b, args[0]);
		goto out;
	}
	if (i == sizeof(sysc_table) / sizeof(sysc_table[0]) &&
	    clang_Location_isInSystemHeader(clang_getCursorLocation(d))) {
		bool known;

		n = dir_call(b, c, name, args, nargs, &known);
		if (known)
			goto out;
		n = file_call(b, c, name, args, nargs, &known);
		if (known)
			goto out;
		if (((!strcmp(name, "getchar") || !strcmp(name, "getchar_unlocked")) && !nargs) ||
		    ((!strcmp(name, "getc") || !strcmp(name, "fgetc") ||
		      !strcmp(name, "getc_unlocked") || !strcmp(name, "fgetc_unlocked")) &&
		     nargs == 1 && is_stdin(args[0]))) {
			n = in_getchar(b, c, NULL);
			goto out;
		}
		if ((!strcmp(name, "fgets") || !strcmp(name, "fgets_unlocked")) && nargs == 3 &&
		    is_stdin(args[2])) {
			n = in_fgets(b, c, name, args, false, NULL);
			goto out;
		}
		if ((!strcmp(name, "fread") || !strcmp(name, "fread_unlocked")) && nargs == 4 &&
		    is_stdin(args[3])) {
			n = in_fgets(b, c, name, args, true, NULL);
			goto out;
		}
		if ((!strcmp(name, "feof") || !strcmp(name, "feof_unlocked") ||
		     !strcmp(name, "ferror") || !strcmp(name, "ferror_unlocked") ||
		     !strcmp(name, "clearerr") || !strcmp(name, "clearerr_unlocked")) &&
		    nargs == 1 && is_stdin(args[0])) {
			n = in_flag(b, c, name, NULL);
			goto out;
		}
		if (((!strcmp(name, "fgets") || !strcmp(name, "fgets_unlocked")) && nargs == 3) ||
		    ((!strcmp(name, "fread") || !strcmp(name, "fread_unlocked")) && nargs == 4) ||
		    ((!strcmp(name, "getc") || !strcmp(name, "fgetc") ||
		      !strcmp(name, "getc_unlocked") || !strcmp(name, "fgetc_unlocked")) &&
		     nargs == 1)) {
			refuse(b, args[nargs - 1], "%s() of a stream other than stdin cannot run in "
			       "a compound unless the stream is a FILE * variable the region opens "
			       "with fopen(PATH, \"r\"): a FILE opened elsewhere keeps its buffer "
			       "in user space", name);
			goto out;
		}
	}
	if (i == sizeof(sysc_table) / sizeof(sysc_table[0]) && nargs == 1 &&
	    clang_Location_isInSystemHeader(clang_getCursorLocation(d))) {
		bool known;

		n = ctype_call(b, c, name, args[0], &known);
		if (known)
			goto out;
		n = dev_call(b, c, name, args[0], &known);
		if (known)
			goto out;
		n = abs_call(b, c, name, args[0], &known);
		if (known)
			goto out;
	}
	if (!clang_Location_isInSystemHeader(clang_getCursorLocation(d)) &&
	    !clang_Cursor_isNull(clang_getCursorDefinition(d))) {
		n = inline_call(b, c, clang_getCursorDefinition(d), args, nargs);
		goto out;
	}
	if (is_out_fn(name) && clang_Location_isInSystemHeader(clang_getCursorLocation(d))) {
		n = out_call_cond(b, c, name, args, nargs);
		goto out;
	}
	if (!strcmp(name, "strerror") && clang_Location_isInSystemHeader(clang_getCursorLocation(d))) {
		refuse(b, c, "strerror() can run in a compound only as what a %%s of printf() or "
		       "fprintf() prints: its message is not memory the region has");
		goto out;
	}
	if (i == sizeof(sysc_table) / sizeof(sysc_table[0]) ||
	    !clang_Location_isInSystemHeader(clang_getCursorLocation(d))) {
		refuse(b, c, "call to '%s' cannot run in a compound: a compound can only call "
		       "open, openat, creat, read, write, pread, pwrite, lseek, close, stat, "
		       "lstat, fstat, fstatat, getdents64, unlink, unlinkat, fsync, fdatasync, "
		       "ftruncate, opendir, readdir, closedir, dirfd, memcpy, memmove, memset, "
		       "memcmp, memchr, memmem, strstr, strlen, strcmp, strncmp, strchr, strrchr, "
		       "memrchr, strcpy, strncpy, strcat, strspn, strcspn, strpbrk, strtok, strtok_r, strtol, "
		       "strtoul, strtoll, strtoull, strtoimax, strtoumax, atoi, atol, atoll, "
		       "abs, labs, llabs, "
		       "<ctype.h>'s is*() and to*(), major(), minor(), getchar(), fopen(PATH, \"r\" or \"w\" or \"a\") into a FILE * "
		       "variable, getc(), fgetc(), fgets(), fread(), feof(), ferror() and "
		       "clearerr() of stdin or of such a FILE (and its fileno() and fclose()), "
		       "printf(), puts() "
		       "and putchar() (and fprintf(), fputs(), "
		       "fputc(), putc(), fwrite() and fflush() to stdout, stderr or such a "
		       "FILE), snprintf(), sprintf(), strerror() as a %%s, perror(), "
		       "assert(), syscall(SYS_...) of those it can call, and functions defined "
		       "in this file (inlined); "
		       "statements that end their block by leaving the region (return, "
		       "exit()), or by going on to the rest of the region with no loop left to "
		       "run (an if's branch that ends, break, goto to a label at its top level), "
		       "may call anything: they run in user space", name);
		goto out;
	}
	if (nargs < sysc_table[i].min || nargs > sysc_table[i].max) {
		refuse(b, c, "%s() with %u arguments cannot run in a compound", name, nargs);
		goto out;
	}
	n = new_node(E_CALL, cursor_loc(b->u, c));
	n->sc = sysc_table[i].sc;
	n->ct = ctype_of(clang_getCursorType(c));
	switch (n->sc) {
	case SC_MEMCPY:
	case SC_MEMSET:
		if (!dest_arg(b, c, args[0], name, &m)) {
			n = NULL;
			goto out;
		}
		n->buf = m.v;
		n->a = m.off;
		if (n->sc == SC_MEMCPY) {
			if (!mem_src(b, args[1], VK_BUF, &m, "source")) {
				n = NULL;
				goto out;
			}
			n->buf2 = m.v;
			n->b = m.off;
		} else {
			add_kid(n, expr(b, args[1]));
		}
		add_kid(n, expr(b, args[2]));
		for (i = 0; i < n->nkids; i++)
			if (!n->kids[i]) {
				n = NULL;
				goto out;
			}
		break;
	case SC_STRLEN:
	case SC_MEMCMP:
	case SC_STRCMP:
	case SC_STRNCMP:
	case SC_STRCHR: {
		/*
		 * Byte scans: a bpf_loop() callback each, reading through the
		 * frame; strlen() is a memchr() of the NUL (a kfunc).  strchr's
		 * and strrchr's result points into the string's array, as
		 * memchr's into its haystack, or is NULL.
		 */
		enum var_kind kind = n->sc == SC_MEMCMP || n->sc == SC_STRCHR ? VK_BUF : VK_STR;

		if (n->sc == SC_STRCHR ? !mem_arg(b, args[0], kind, &m, "string") :
					 !mem_src(b, args[0], kind, &m, "string")) {
			n = NULL;
			goto out;
		}
		n->buf = m.v;
		n->a = m.off;
		m.v->scanned = true;
		if (n->sc == SC_STRCHR) {
			/* strrchr: the last c; memrchr: the last c of n bytes */
			n->ival = name[0] == 'm' ? 2 : name[3] == 'r';
			n->ptr = m.v;
			n->ct = CT_LONG;
		} else if (n->sc != SC_STRLEN) {
			if (!mem_src(b, args[1], kind, &m, kind == VK_BUF ? "memory" : "string")) {
				n = NULL;
				goto out;
			}
			n->buf2 = m.v;
			n->b = m.off;
			m.v->scanned = true;
		}
		/* memcmp's and strncmp's n, strchr's c, and memrchr's n after it */
		if (n->sc == SC_MEMCMP || n->sc == SC_STRNCMP || n->sc == SC_STRCHR) {
			add_kid(n, expr(b, args[n->sc == SC_STRCHR ? 1 : 2]));
			if (n->sc == SC_STRCHR && n->ival == 2)
				add_kid(n, expr(b, args[2]));
			for (i = 0; i < n->nkids; i++)
				if (!n->kids[i]) {
					n = NULL;
					goto out;
				}
		}
		if (sysc_scan(n->sc))
			scan_id(b->r, n);
		break;
	}
	case SC_STRCPY: {
		/*
		 * A scan that copies (strcat's first finds the destination's
		 * NUL); the destination is returned, a pointer: only as a
		 * statement.
		 */
		n->ival = !strcmp(name, "strncpy") ? 1 : !strcmp(name, "strcat") ? 2 : 0;
		if (!dest_arg(b, c, args[0], name, &m)) {
			n = NULL;
			goto out;
		}
		n->buf = m.v;
		n->a = m.off;
		m.v->scanned = true;
		if (!mem_src(b, args[1], VK_STR, &m, "string")) {
			n = NULL;
			goto out;
		}
		n->buf2 = m.v;
		n->b = m.off;
		m.v->scanned = true;
		if (n->ival == 1) {
			add_kid(n, expr(b, args[2]));
			if (!n->kids[0]) {
				n = NULL;
				goto out;
			}
		}
		scan_id(b->r, n);
		break;
	}
	case SC_MEMCHR:
	case SC_MEMMEM:
		/*
		 * A kfunc each; the result points into the haystack's variable
		 * (an offset in it, as every pointer of a region) or is NULL.
		 */
		if (!mem_arg(b, args[0], strcmp(name, "strstr") ? VK_BUF : VK_STR, &m,
			     strcmp(name, "strstr") ? "memory" : "string")) {
			n = NULL;
			goto out;
		}
		n->buf = m.v;
		n->a = m.off;
		n->ptr = m.v;
		n->ct = CT_LONG;
		if (!strcmp(name, "strstr")) {
			/* its lengths found by the strings' NULs (ival 1) */
			n->ival = 1;
			if (!mem_arg(b, args[1], VK_STR, &m, "needle")) {
				n = NULL;
				goto out;
			}
			n->buf2 = m.v;
			n->b = m.off;
		} else if (n->sc == SC_MEMCHR) {
			add_kid(n, expr(b, args[1]));
			add_kid(n, expr(b, args[2]));
		} else {
			add_kid(n, expr(b, args[1]));
			/* the needle is only read: a string the program passes will do */
			if (!mem_arg(b, args[2], VK_STR, &m, "needle")) {
				n = NULL;
				goto out;
			}
			n->buf2 = m.v;
			n->b = m.off;
			add_kid(n, expr(b, args[3]));
		}
		for (i = 0; i < n->nkids; i++)
			if (!n->kids[i]) {
				n = NULL;
				goto out;
			}
		break;
	case SC_STRTOL:
		if (!strto_call(b, c, name, args, nargs, n))
			n = NULL;
		break;
	case SC_STRSPN:
		if (!span_call(b, name, args, n))
			n = NULL;
		break;
	case SC_STAT:
	case SC_LSTAT:
		if (!mem_arg(b, args[0], VK_STR, &m, "path") || !stat_arg(b, args[1], n)) {
			n = NULL;
			goto out;
		}
		n->buf = m.v;
		n->a = m.off;
		break;
	case SC_FSTAT:
		add_kid(n, fd_arg(b, args[0], name));
		if (!n->kids[0] || !stat_arg(b, args[1], n))
			n = NULL;
		break;
	case SC_FSTATAT: {
		long long fl;

		/* the kfunc takes AT_SYMLINK_NOFOLLOW only; others would be EINVAL */
		if (!fold(strip(args[3]), &fl) || (fl & ~(long long)COSY_AT_SYMLINK_NOFOLLOW)) {
			refuse(b, args[3], "these fstatat() flags cannot run in a compound: only 0 "
			       "and AT_SYMLINK_NOFOLLOW, as constants");
			n = NULL;
			goto out;
		}
	}
		add_kid(n, fd_arg(b, args[0], name));
		add_kid(n, expr(b, args[3]));
		if (!n->kids[0] || !n->kids[1] || !mem_arg(b, args[1], VK_STR, &m, "path") ||
		    !stat_arg(b, args[2], n)) {
			n = NULL;
			goto out;
		}
		n->buf = m.v;
		n->a = m.off;
		break;
	case SC_OPENAT:
		/* the directory: AT_FDCWD, or an fd (the program's, granted, or the region's) */
		n->c = fd_arg(b, args[0], name);
		if (!n->c) {
			n = NULL;
			goto out;
		}
		args++;
		nargs--;
		/* fall through */
	case SC_OPEN:
	case SC_CREAT:
		if (!mem_arg(b, args[0], VK_STR, &m, "path")) {
			n = NULL;
			goto out;
		}
		n->buf = m.v;
		n->a = m.off;
		for (i = 1; i < nargs; i++) {
			struct node *a = expr(b, args[i]);

			if (!a) {
				n = NULL;
				goto out;
			}
			add_kid(n, a);
		}
		b->r->opens = true;
		/* O_APPEND (02000 on Linux), or flags cosy-cc cannot see: check mode says so */
		if (n->sc != SC_CREAT && (n->kids[0]->k != E_CONST || (n->kids[0]->ival & 02000)))
			b->r->appends = true;
		if (n->sc != SC_CREAT && n->kids[0]->k == E_CONST && (n->kids[0]->ival & O_EXCL))
			b->r->excl = true;
		if (n->sc != SC_CREAT && (n->kids[0]->k != E_CONST ||
					  (n->kids[0]->ival & O_ACCMODE) == O_RDWR))
			b->r->rdwr = true;
		break;
	case SC_READ:
	case SC_WRITE:
	case SC_PREAD:
	case SC_PWRITE:
	case SC_GETDENTS:
		if (n->sc == SC_WRITE || n->sc == SC_PWRITE ?
		    !mem_src(b, args[1], VK_BUF, &m, "data argument") :
		    !mem_arg(b, args[1], VK_BUF, &m, "data argument")) {
			n = NULL;
			goto out;
		}
		if ((n->sc == SC_READ || n->sc == SC_PREAD || n->sc == SC_GETDENTS) &&
		    (m.v->lit || m.v->is_const)) {
			refuse(b, args[1], "%s() into %s cannot run in a compound", name,
			       m.v->lit ? "a string literal" : "a const buffer");
			n = NULL;
			goto out;
		}
		n->buf = m.v;
		n->a = m.off;
		add_kid(n, fd_arg(b, args[0], name));
		add_kid(n, expr(b, args[2]));
		if (nargs == 4)
			add_kid(n, expr(b, args[3]));
		for (i = 0; i < n->nkids; i++)
			if (!n->kids[i]) {
				n = NULL;
				goto out;
			}
		break;
	case SC_LSEEK:
		add_kid(n, fd_arg(b, args[0], name));
		add_kid(n, expr(b, args[1]));
		add_kid(n, expr(b, args[2]));
		for (i = 0; i < n->nkids; i++)
			if (!n->kids[i]) {
				n = NULL;
				goto out;
			}
		break;
	case SC_CLOSE:
		add_kid(n, fd_arg(b, args[0], name));
		if (!n->kids[0])
			n = NULL;
		break;
	case SC_FSYNC:
		add_kid(n, fd_arg(b, args[0], name));
		if (!n->kids[0])
			n = NULL;
		else
			n->ival = !strcmp(name, "fdatasync");
		break;
	case SC_FTRUNCATE:
		add_kid(n, fd_arg(b, args[0], name));
		add_kid(n, expr(b, args[1]));
		if (!n->kids[0] || !n->kids[1])
			n = NULL;
		b->r->truncates = true;
		break;
	case SC_UNLINK:
		if (nargs == 3) {
			long long fl;

			/* the kfunc removes names, not directories: AT_REMOVEDIR would be rmdir */
			if (!fold(strip(args[2]), &fl) || fl) {
				refuse(b, args[2], "unlinkat() flags cannot run in a compound: only 0, "
				       "as a constant (AT_REMOVEDIR, rmdir, is not supported)");
				n = NULL;
				goto out;
			}
			n->c = fd_arg(b, args[0], name);
			if (!n->c) {
				n = NULL;
				goto out;
			}
			args++;
		}
		if (!mem_arg(b, args[0], VK_STR, &m, "path")) {
			n = NULL;
			goto out;
		}
		n->buf = m.v;
		n->a = m.off;
		b->r->unlinks = true;
		break;
	case SC_OUTFMT:
	case SC_OUTSTR:
	case SC_OUTERR:
	case SC_OUTFLUSH:
	case SC_SNPRINTF:
		break;	/* out_call() makes these */
	case SC_FGETS:
		break;	/* in_fgets() */
	}
out:
	free(name);
	free(k.v);
	return n;
}

static struct node *expr(struct irb *b, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	struct kids kids;
	struct node *n = NULL;
	long long v;
	char *what;

	if (fold(c, &v))
		return const_node(b, c, v);
	/* a test blk_guard_once() evaluated before the statement: its var */
	for (unsigned i = 0; i < b->nblk; i++)
		if (b->blk[i].test && clang_equalCursors(b->blk[i].call, c)) {
			n = new_node(E_VAR, cursor_loc(b->u, c));
			n->var = b->blk[i].ret;
			n->ct = n->var->ct;
			return n;
		}
	if (clang_getCanonicalType(clang_getCursorType(c)).kind == CXType_Pointer &&
	    clang_getCursorKind(strip(c)) != CXCursor_CallExpr && !is_errno(c))
		return ptr_expr(b, c);
	switch (k) {
	case CXCursor_UnexposedExpr:
	case CXCursor_ParenExpr:
		kids = expr_children(c);
		if (kids.n == 1) {
			n = expr(b, kids.v[0]);
			free(kids.v);
			if (n && n->ptr && ctype_of(clang_getCursorType(c)) != CT_NONE) {
				/* a pointer converted implicitly: to _Bool, or refused */
				if (ctype_of(clang_getCursorType(c)) == CT_BOOL)
					return truth(n);
				refuse(b, c, "converting a pointer to an integer cannot run in a "
				       "compound: a compound's pointers are offsets into its memory, "
				       "not the program's addresses");
				return NULL;
			}
			/* an implicit conversion: keep the type it converts to */
			if (n && k == CXCursor_UnexposedExpr &&
			    ctype_of(clang_getCursorType(c)) != CT_NONE &&
			    ctype_of(clang_getCursorType(c)) != n->ct) {
				struct node *cast = new_node(E_CAST, n->loc);

				cast->ct = ctype_of(clang_getCursorType(c));
				cast->a = n;
				n = cast;
			}
			return n;
		}
		free(kids.v);
		break;
	case CXCursor_DeclRefExpr:
		return var_ref(b, c);
	case CXCursor_UnaryOperator:
		return unary(b, c);
	case CXCursor_BinaryOperator:
		return binary(b, c, false);
	case CXCursor_CompoundAssignOperator:
		return binary(b, c, true);
	case CXCursor_ArraySubscriptExpr:
		return elem(b, c);
	case CXCursor_CallExpr:
		return call(b, c);
	case CXCursor_ConditionalOperator: {
		int taken;

		kids = expr_children(c);
		taken = kids.n == 3 && ctype_of(clang_getCursorType(c)) != CT_NONE ?
			const_cond(b, c) : -1;
		if (taken >= 0) {
			/* only the branch taken: the other may be what cannot run */
			CXCursor t = kids.v[taken ? 1 : 2];
			bool top = clang_equalCursors(c, b->top);
			struct node *x;

			if (top)
				b->top = strip(t);	/* a statement still: its value unused */
			x = expr(b, t);
			free(kids.v);
			return x && !top ? inl_cast(x, ctype_of(clang_getCursorType(c))) : x;
		}
		if (kids.n == 3 && ctype_of(clang_getCursorType(c)) != CT_NONE) {
			n = new_node(E_COND, cursor_loc(b->u, c));
			n->ct = ctype_of(clang_getCursorType(c));
			n->a = truth(expr(b, kids.v[0]));
			n->b = expr(b, kids.v[1]);
			n->c = expr(b, kids.v[2]);
			free(kids.v);
			return n->a && n->b && n->c ? n : NULL;
		}
		free(kids.v);
		refuse(b, c, "this conditional expression cannot run in a compound: only "
		       "integer values can");
		return NULL;
	}
	case CXCursor_CStyleCastExpr:
		kids = expr_children(c);
		if (kids.n == 1 && clang_getCanonicalType(clang_getCursorType(c)).kind == CXType_Void) {
			/*
			 * (void)write(...), (void)p: the operand for its effects
			 * alone; a variable has none, and need not be known here.
			 */
			CXCursor x = strip(kids.v[0]);

			free(kids.v);
			if (clang_equalCursors(c, b->top))
				b->top = x;	/* (void)memcpy(...) is still a statement */
			/* a variable, or sizeof (never evaluated: assert()'s type check) */
			if (clang_getCursorKind(x) == CXCursor_DeclRefExpr ||
			    clang_getCursorKind(x) == CXCursor_UnaryExpr)
				return ulong_const(cursor_loc(b->u, c), 0);
			n = clang_getCanonicalType(clang_getCursorType(x)).kind == CXType_Pointer &&
			    clang_getCursorKind(x) != CXCursor_CallExpr ? ptr_expr(b, x) : expr(b, x);
			return n;
		}
		if (kids.n == 1 && clang_getCanonicalType(clang_getCursorType(strip(kids.v[0]))).kind ==
		    CXType_Pointer) {
			free(kids.v);
			refuse(b, c, "converting a pointer to an integer cannot run in a compound: "
			       "a compound's pointers are offsets into its memory, not the "
			       "program's addresses");
			return NULL;
		}
		if (kids.n == 1 && ctype_of(clang_getCursorType(c)) != CT_NONE) {
			n = new_node(E_CAST, cursor_loc(b->u, c));
			n->ct = ctype_of(clang_getCursorType(c));
			n->a = expr(b, kids.v[0]);
			free(kids.v);
			return n->a ? n : NULL;
		}
		free(kids.v);
		refuse(b, c, "a cast to %s cannot run in a compound: only integer types can",
		       type_words(clang_getCursorType(c)));
		return NULL;
	case CXCursor_StringLiteral:
		refuse(b, c, "a string literal cannot run in a compound here: only as the path of "
		       "open/openat/creat or the data of write/pwrite");
		return NULL;
	case CXCursor_UnaryExpr:
		refuse(b, c, "this sizeof/alignof cannot run in a compound: its value is not a "
		       "constant");
		return NULL;
	case CXCursor_FloatingLiteral:
		refuse(b, c, "floating point cannot run in a compound: BPF has no floating "
		       "point");
		return NULL;
	case CXCursor_MemberRefExpr:
		return elem(b, c);
	case CXCursor_StmtExpr:
		refuse(b, c, "a statement expression cannot run in a compound");
		return NULL;
	default:
		break;
	}
	what = kind_spelling(c);
	refuse(b, c, "this expression (%s) cannot run in a compound: it is outside the C "
	       "subset cosy-cc lowers (see cosy-cc(1))", what);
	free(what);
	return NULL;
}

/* --- statements ------------------------------------------------------------------ */

static struct node *host_tail(struct irb *b, const CXCursor *v, unsigned from, unsigned n,
			      bool *refused);

/* --- initialisers of arrays and structs --------------------------------------------- */

#define MAX_INIT_BYTES	65536u	/* zeroed by a bounded loop the verifier walks */
#define MAX_INIT_STORES	1024u

struct fields {
	CXCursor *v;
	unsigned n;
};

static enum CXVisitorResult push_field(CXCursor c, CXClientData data)
{
	struct fields *f = data;

	f->v = xrealloc(f->v, sizeof(CXCursor) * (f->n + 1));
	f->v[f->n++] = c;
	return CXVisit_Continue;
}

/* Does this element of a brace list start with a designator (.f = or [k] =)? */
static bool designated(struct irb *b, CXCursor c)
{
	struct toks t;
	bool yes = true;

	if (unit_in_macro(b->u, c))
		return true;	/* cannot tell: treat it as one */
	t = tokens_of(b->u, c);
	if (t.n) {
		CXString sp = clang_getTokenSpelling(b->u->tu, t.t[0]);

		yes = !strcmp(clang_getCString(sp), ".") || !strcmp(clang_getCString(sp), "[");
		clang_disposeString(sp);
	}
	toks_free(b->u, &t);
	return yes;
}

static void init_store(struct irb *b, struct node *decl, struct var *v, unsigned long off,
		       enum ctype ct, struct node *val)
{
	struct node *lv, *as;

	if (val->k == E_CONST && val->ival == 0)
		return;		/* the zeroing stored it */
	lv = new_node(E_ELEM, val->loc);
	as = new_node(E_ASSIGN, val->loc);
	lv->var = v;
	lv->ct = ct;
	lv->ival = (long long)off;
	as->op = OP_NONE;
	as->ct = ct;
	as->a = lv;
	as->b = val;
	if (val->ct != ct) {
		struct node *cast = new_node(E_CAST, val->loc);

		cast->ct = ct;
		cast->a = val;
		as->b = cast;
	}
	(void)b;
	add_kid(decl, as);
}

/*
 * The stores that initialise object `t` at `off` of v from `init`: a brace
 * list in declaration order (nested for nested aggregates), a string
 * literal for a char array, or an integer expression.  What the list does
 * not name is zero: the declaration zeroes the whole object first.
 */
static bool init_mem(struct irb *b, struct node *decl, struct var *v, CXType t,
		     unsigned long off, CXCursor init)
{
	CXCursor s;
	struct kids k;
	bool ok = true;

	t = clang_getCanonicalType(t);
	/* look through implicit conversions, not through the list itself */
	s = clang_getCursorKind(init) == CXCursor_InitListExpr ? init : strip(init);
	if (t.kind != CXType_ConstantArray && t.kind != CXType_Record) {
		struct node *val;

		if (ctype_of(t) == CT_NONE) {
			refuse(b, init, "initialising %s cannot run in a compound: only integer "
			       "members and elements can be", type_words(t));
			return false;
		}
		val = expr(b, init);
		if (!val)
			return false;
		init_store(b, decl, v, off, ctype_of(t), val);
		return true;
	}
	if (clang_getCursorKind(s) == CXCursor_StringLiteral && t.kind == CXType_ConstantArray &&
	    ct_size(ctype_of(clang_getArrayElementType(t))) == 1) {
		CXEvalResult e = clang_Cursor_Evaluate(s);
		const char *str = e && clang_EvalResult_getKind(e) == CXEval_StrLiteral ?
				  clang_EvalResult_getAsStr(e) : NULL;
		long long n = str ? (long long)strlen(str) : 0, cap = clang_getArraySize(t);
		enum ctype ct = ctype_of(clang_getArrayElementType(t));
		struct toks tk = tokens_of(b->u, s);

		/*
		 * libclang gives the bytes up to the first NUL, and the literal
		 * the array's type: refuse what could hide a NUL (\0, \x..) or
		 * is not a plain literal (L"", u8"", several pieces).
		 */
		if (!str || unit_in_macro(b->u, s) || tk.n != 1) {
			ok = false;
		} else {
			CXString sp = clang_getTokenSpelling(b->u->tu, tk.t[0]);
			const char *q = clang_getCString(sp);

			ok = q[0] == '"' && !strstr(q, "\\0") && !strstr(q, "\\x");
			clang_disposeString(sp);
		}
		toks_free(b->u, &tk);
		if (!ok)
			refuse(b, s, "this string initialiser cannot run in a compound: only one "
			       "plain \"...\" literal without \\0 or \\x escapes can");
		/* the rest, the NUL included, is the zeroing's */
		for (long long i = 0; ok && i < n && i < cap; i++) {
			struct node *ch = const_node(b, s, ct_signed(ct) ? (signed char)str[i] :
							       (unsigned char)str[i]);

			ch->ct = ct;
			init_store(b, decl, v, off + (unsigned long)i, ct, ch);
		}
		if (e)
			clang_EvalResult_dispose(e);
		return ok;
	}
	if (clang_getCursorKind(s) != CXCursor_InitListExpr) {
		/* struct user tmp = users[i]: a copy, as `tmp = users[i];` (struct_copy()) */
		struct mpath pa = { .v = v, .off = off, .type = t }, pb;
		int rb = t.kind == CXType_Record ? mem_path(b, s, &pb) : 0;
		struct node *n;

		if (rb < 0)
			return false;	/* reported */
		if (rb > 0 && clang_Type_getSizeOf(pb.type) == clang_Type_getSizeOf(t)) {
			n = new_node(E_COPY, cursor_loc(b->u, s));
			n->a = path_value_any(b, s, &pa);
			n->b = path_value_any(b, s, &pb);
			n->ival = clang_Type_getSizeOf(t);
			if (!n->a || !n->b)
				return false;
			add_kid(decl, n);
			return true;
		}
		refuse(b, init, "this initialiser cannot run in a compound: an array or struct "
		       "declared in a region can be initialised with a brace list, a struct "
		       "from a struct variable, member or element, and a char array from a "
		       "string literal; copy the %s member by member",
		       t.kind == CXType_Record ? "struct" : "array");
		return false;
	}
	k = expr_children(s);
	if (t.kind == CXType_ConstantArray) {
		CXType el = clang_getArrayElementType(t);
		unsigned long elsize = (unsigned long)clang_Type_getSizeOf(el);

		if ((long long)k.n > clang_getArraySize(t))
			ok = false;
		for (unsigned i = 0; ok && i < k.n; i++) {
			if (designated(b, k.v[i])) {
				refuse(b, k.v[i], "a designated initialiser cannot run in a compound: "
				       "list the elements in order");
				ok = false;
				break;
			}
			ok = init_mem(b, decl, v, el, off + i * elsize, k.v[i]);
		}
	} else {
		struct fields f = { 0 };

		clang_Type_visitFields(t, push_field, &f);
		for (unsigned i = 0; ok && i < k.n; i++) {
			long long bits;

			if (i >= f.n || designated(b, k.v[i])) {
				refuse(b, k.v[i], "%s cannot run in a compound: list the members in "
				       "order, one value each", i >= f.n ? "this initialiser" :
				       "a designated initialiser");
				ok = false;
				break;
			}
			bits = clang_Cursor_getOffsetOfField(f.v[i]);
			if (clang_Cursor_isBitField(f.v[i]) || bits < 0 || bits % 8) {
				refuse(b, k.v[i], "initialising a bit-field cannot run in a compound");
				ok = false;
				break;
			}
			ok = init_mem(b, decl, v, clang_getCursorType(f.v[i]),
				      off + (unsigned long)bits / 8, k.v[i]);
		}
		free(f.v);
	}
	free(k.v);
	return ok;
}

static struct node *decl_stmt(struct irb *b, CXCursor c)
{
	struct kids k = children(c);
	struct node *blk = new_node(S_BLOCK, cursor_loc(b->u, c));

	for (unsigned i = 0; i < k.n; i++) {
		CXCursor d = k.v[i];
		struct kids dk;
		struct node *n;
		struct var *v;
		CXCursor init = clang_getNullCursor();
		bool has_init = false;

		if (clang_getCursorKind(d) != CXCursor_VarDecl) {
			refuse(b, d, "this declaration cannot run in a compound: only variables "
			       "can be declared in a region");
			continue;
		}
		if (clang_Cursor_getStorageClass(d) == CX_SC_Static ||
		    clang_Cursor_getStorageClass(d) == CX_SC_Extern) {
			refuse(b, d, "a static or extern declaration cannot run in a compound: "
			       "declare it before the region");
			continue;
		}
		v = var_for(b, d, d, true);
		if (!v)
			continue;
		dk = expr_children(d);
		for (unsigned j = 0; j < dk.n; j++) {
			enum CXCursorKind ik = clang_getCursorKind(dk.v[j]);

			/* an array's size expression is a child too: the initialiser is last */
			if (v->kind != VK_BUF || v->scalar_mem || v->by_addr ||
			    ik == CXCursor_InitListExpr || ik == CXCursor_StringLiteral) {
				init = dk.v[j];
				has_init = true;
			}
		}
		free(dk.v);
		if (v->is_ptr && has_init) {
			/* char *p = buf; binds p to buf */
			struct var *lt = b->lit_tab;
			bool pool = b->lit_pool;

			n = new_node(S_DECL, cursor_loc(b->u, d));
			n->var = v;
			b->lit_tab = lit_table(b, v);
			b->lit_pool = true;
			b->dir_dest = v->dir || v->file ? v : NULL;
			n->a = ptr_expr(b, init);
			b->dir_dest = NULL;
			b->lit_tab = lt;
			b->lit_pool = pool;
			if (!n->a && !v->bind_refused)
				v->bind_refused = cursor_loc(b->u, d).line;
			if (!n->a || !bind(b, v, n->a->ptr, init))
				continue;
			add_kid(blk, n);
			continue;
		}
		n = new_node(S_DECL, cursor_loc(b->u, d));
		n->var = v;
		if (v->kind == VK_BUF && !v->scalar_mem && has_init) {
			/* zero it all, then store what the list names (kids) */
			if (v->size > MAX_INIT_BYTES) {
				refuse(b, d, "initialising '%s' (%lu bytes) cannot run in a compound: "
				       "at most %u bytes; declare it before the region", v->name,
				       v->size, MAX_INIT_BYTES);
				continue;
			}
			n->ival = 1;
			if (!init_mem(b, n, v, clang_getCursorType(d), 0, init))
				continue;
			if (n->nkids > MAX_INIT_STORES) {
				refuse(b, d, "initialising '%s' with %u values cannot run in a "
				       "compound: at most %u", v->name, n->nkids, MAX_INIT_STORES);
				continue;
			}
		} else if (has_init) {
			n->a = expr(b, init);
			if (!n->a)
				continue;
		}
		add_kid(blk, n);
	}
	free(k.v);
	return blk;
}

/* The offsets of the two ';' of a for statement's header, or false. */
static bool for_semis(struct irb *b, CXCursor c, unsigned *s1, unsigned *s2)
{
	struct toks t = tokens_of(b->u, c);
	int depth = 0, found = 0;

	for (unsigned i = 0; i < t.n && found < 2; i++) {
		CXString s;
		const char *sp;

		if (clang_getTokenKind(t.t[i]) != CXToken_Punctuation)
			continue;
		s = clang_getTokenSpelling(b->u->tu, t.t[i]);
		sp = clang_getCString(s);
		if (!strcmp(sp, "("))
			depth++;
		else if (!strcmp(sp, ")"))
			depth--;
		else if (!strcmp(sp, ";") && depth == 1)
			*(found++ ? s2 : s1) = tok_off(b->u, t.t[i]);
		clang_disposeString(s);
		if (depth == 0 && i > 1)
			break;
	}
	toks_free(b->u, &t);
	return found == 2;
}

static struct node *loop_body(struct irb *b, CXCursor c)
{
	struct node *n;

	b->loop_depth++;
	brk_push(b, 'L');
	n = stmt(b, c);
	brk_pop(b);
	b->loop_depth--;
	return n;
}

/*
 * for (d; a; c) b.  With helper calls in a (`calls`, blk_inline()): for
 * (d; ; c) { CALLS; if (!a) break; b }, so that a continue goes through
 * the step to the calls, as C runs them.
 */
static struct node *for_stmt(struct irb *b, CXCursor c, const struct blk_found *calls)
{
	struct kids k = children(c);
	struct loc loc = cursor_loc(b->u, c);
	struct node *n = new_node(S_FOR, loc), *blk, *cond, *s;
	CXCursor cc = clang_getNullCursor();
	unsigned s1, s2, nblk = b->nblk;
	bool ok = true;

	if (unit_in_macro(b->u, c) || !for_semis(b, c, &s1, &s2)) {
		refuse(b, c, "this for statement cannot run in a compound: cosy-cc cannot read "
		       "its header (is it from a macro?)");
		free(k.v);
		return NULL;
	}
	n->loop_id = ++b->r->nloops;
	for (unsigned i = 0; i < k.n; i++) {
		unsigned off = cursor_loc(b->u, k.v[i]).off;

		if (i == k.n - 1 && calls && ok && !clang_Cursor_isNull(cc)) {
			b->loop_depth++;
			brk_push(b, 'L');
			blk = new_node(S_BLOCK, loc);
			cond = blk_calls(b, calls, blk) ? truth(expr(b, cc)) : NULL;
			b->nblk = nblk;
			s = cond ? stmt(b, k.v[i]) : NULL;
			if (s) {
				add_kid(blk, s_if(loc, e_not(loc, cond), blk_break(b, loc)));
				add_kid(blk, s);
			}
			brk_pop(b);
			b->loop_depth--;
			n->b = s ? blk : NULL;
			ok = ok && n->b;
		} else if (i == k.n - 1) {
			n->b = loop_body(b, k.v[i]);
			ok = ok && n->b;
		} else if (off < s1) {
			n->d = clang_getCursorKind(k.v[i]) == CXCursor_DeclStmt ?
			       decl_stmt(b, k.v[i]) : expr(b, k.v[i]);
			ok = ok && n->d;
		} else if (off < s2 && calls) {
			cc = k.v[i];	/* with the body */
		} else if (off < s2) {
			n->a = truth(expr(b, k.v[i]));
			ok = ok && n->a;
		}
	}
	/*
	 * The step after the body, as it runs: a pointer the body sets is
	 * known to the step (`pos += d->d_reclen` with d set in the body).
	 */
	for (unsigned i = 0; i + 1 < k.n; i++)
		if (cursor_loc(b->u, k.v[i]).off >= s2) {
			n->c = expr(b, k.v[i]);
			ok = ok && n->c;
		}
	free(k.v);
	return ok ? n : NULL;
}

/*
 * return [e];  The compound stores e (converted to the function's return
 * type) and stops with COSY_RGN_RETURN; the host code returns it.  The
 * fallback's copy of the region returns through the same exit (host.c),
 * so its text is edited: remember where the statement and e are.
 */
static struct node *ret_stmt(struct irb *b, CXCursor c)
{
	struct region *r = b->r;
	struct kids k = expr_children(c);
	CXType rt = clang_getCanonicalType(clang_getCursorResultType(r->func));
	struct node *n = NULL;
	struct ret_edit ed;

	if (unit_in_macro(b->u, c)) {
		refuse(b, c, "a return written by a macro cannot run in a compound: cosy-cc "
		       "edits the fallback's copy of it; write the return out");
		goto out;
	}
	if (rt.kind != CXType_Void && ctype_of(rt) == CT_NONE) {
		refuse(b, c, "return cannot run in a compound here: the function returns %s, and "
		       "a region can return only integer values (or nothing)", type_words(rt));
		goto out;
	}
	if (k.n > 1 || (k.n == 1) != (rt.kind != CXType_Void)) {
		refuse(b, c, "this return cannot run in a compound: it does not match the "
		       "function's return type");
		goto out;
	}
	n = new_node(S_RETURN, cursor_loc(b->u, c));
	ed.start = n->loc.off;
	ed.end = end_off(c);
	ed.estart = ed.eend = 0;
	if (k.n == 1) {
		n->a = expr(b, k.v[0]);
		if (!n->a) {
			n = NULL;
			goto out;
		}
		if (n->a->ct != ctype_of(rt)) {
			struct node *cast = new_node(E_CAST, n->a->loc);

			cast->ct = ctype_of(rt);
			cast->a = n->a;
			n->a = cast;
		}
		ed.estart = cursor_loc(b->u, k.v[0]).off;
		ed.eend = end_off(k.v[0]);
		if (!r->ret) {
			struct var *v = xcalloc(1, sizeof(*v));

			v->name = xstrdup("the returned value");
			v->is_ret = true;
			v->kind = VK_SCALAR;
			v->ct = ctype_of(rt);
			v->outside = true;
			v->written = true;
			v->loc = n->loc;
			v->decl = clang_getNullCursor();
			set_field(r, v, "ret");
			ptrvec_push((void ***)&r->vars, &r->nvars, v);
			r->ret = v;
		}
	}
	if (ed.start < r->body_off || ed.end > r->body_end || ed.start >= ed.end ||
	    (ed.estart != ed.eend && (ed.estart < ed.start || ed.eend > ed.end))) {
		refuse(b, c, "this return cannot run in a compound: cosy-cc cannot find its text");
		n = NULL;
		goto out;
	}
	r->rets = xrealloc(r->rets, sizeof(*r->rets) * (r->nrets + 1));
	r->rets[r->nrets++] = ed;
out:
	free(k.v);
	return n;
}

/*
 * `a = b;` of structs (or of struct members that are arrays): a copy
 * inside the segment, as a statement.  NULL when c is not one (nothing
 * reported) or it is refused (reported).
 */
static struct node *struct_copy(struct irb *b, CXCursor c)
{
	CXCursor s = strip(c);
	CXType t = clang_getCanonicalType(clang_getCursorType(s));
	struct kids k;
	struct mpath pa, pb;
	struct node *n = NULL;
	char tok[8];

	if (clang_getCursorKind(s) != CXCursor_BinaryOperator ||
	    (t.kind != CXType_Record && t.kind != CXType_ConstantArray))
		return NULL;
	k = expr_children(s);
	if (k.n != 2 || !binop_token(b, s, k.v[0], tok, sizeof(tok)) || strcmp(tok, "=")) {
		free(k.v);
		return NULL;
	}
	{
		int ra = mem_path(b, k.v[0], &pa), rb = ra > 0 ? mem_path(b, k.v[1], &pb) : 0;

		if (ra < 0 || rb < 0)
			goto out;	/* reported */
		if (!ra || !rb || clang_Type_getSizeOf(pa.type) != clang_Type_getSizeOf(pb.type)) {
			refuse(b, s, "this assignment cannot run in a compound: a struct can be "
			       "assigned from a struct variable, member or element");
			goto out;
		}
	}
	n = new_node(E_COPY, cursor_loc(b->u, s));
	n->a = path_value_any(b, s, &pa);
	n->b = path_value_any(b, s, &pb);
	n->ival = clang_Type_getSizeOf(pa.type);
out:
	free(k.v);
	return n;
}

/*
 * goto L: forward, to a label at the region's top level (the cleanup
 * idiom).  In the body it is C's goto; out of a loop's callback it ends
 * the loops with COSY_RGN_JUMP and the body dispatches (bpf.c).
 */
static struct node *goto_stmt(struct irb *b, CXCursor c)
{
	struct kids k = children(c);
	CXCursor lab = k.n == 1 ? clang_getCursorReferenced(k.v[0]) : clang_getNullCursor();
	struct node *n;
	unsigned i;

	free(k.v);
	/* the same label statement: where it is (cursors from two walks differ) */
	for (i = b->nlabels; i-- > 0 && !clang_Cursor_isNull(lab);)
		if (b->label_live[i] &&
		    cursor_loc(b->u, b->labels[i]).off == cursor_loc(b->u, lab).off)
			break;
	if (clang_Cursor_isNull(lab) || i == (unsigned)-1) {
		refuse(b, c, "this goto cannot run in a compound: a goto may reach labels at "
		       "the region's top level, or in a block around it in the same loop body "
		       "(goto next; ... next: close(fd); })");
		return NULL;
	}
	if (cursor_loc(b->u, lab).off < cursor_loc(b->u, c).off) {
		refuse(b, c, "a backward goto cannot run in a compound: it is a loop; write it "
		       "as one");
		return NULL;
	}
	if (b->label_depth[i] && b->label_depth[i] != b->loop_depth) {
		refuse(b, c, "this goto cannot run in a compound: it leaves an inner loop for a "
		       "label of the loop around it; a goto out of loops may reach labels of the "
		       "region's top level only");
		return NULL;
	}
	n = new_node(S_GOTO, cursor_loc(b->u, c));
	n->ival = i + 1;
	/* op 1: to a label in the same loop body, C's goto in its function */
	n->op = b->loop_depth && b->label_depth[i] == b->loop_depth;
	if (b->loop_depth && !n->op)
		b->r->loop_gotos = true;
	return n;
}

/* The labels of block kids k[0..n) become ones a goto may reach; their first id. */
static unsigned labels_enter(struct irb *b, const CXCursor *k, unsigned n)
{
	unsigned first = b->nlabels;

	for (unsigned i = 0; i < n; i++) {
		if (clang_getCursorKind(k[i]) != CXCursor_LabelStmt)
			continue;
		b->labels = xrealloc(b->labels, sizeof(CXCursor) * (b->nlabels + 1));
		b->label_depth = xrealloc(b->label_depth, sizeof(unsigned) * (b->nlabels + 1));
		b->label_live = xrealloc(b->label_live, sizeof(bool) * (b->nlabels + 1));
		b->labels[b->nlabels] = k[i];
		b->label_depth[b->nlabels] = b->loop_depth;
		b->label_live[b->nlabels++] = true;
	}
	b->r->nlabels = b->nlabels;
	return first;
}

/* A block's label statement c, its labels from `first` on: S_LABEL, its statement lowered. */
static struct node *label_stmt(struct irb *b, CXCursor c, unsigned first, bool *refused)
{
	struct kids lk = children(c);
	struct node *s;
	unsigned id;

	for (id = first; id < b->nlabels; id++)
		if (clang_equalCursors(b->labels[id], c))
			break;
	s = new_node(S_LABEL, cursor_loc(b->u, c));
	s->ival = id + 1;
	s->b = lk.n ? stmt(b, lk.v[lk.n - 1]) : NULL;
	*refused = lk.n && !s->b;
	free(lk.v);
	return s;
}

/* The region's top-level block: its labels are the ones a goto may reach. */
static struct node *top_block(struct irb *b, CXCursor c)
{
	struct kids k = children(c);
	struct node *n = new_node(S_BLOCK, cursor_loc(b->u, c));
	unsigned first = labels_enter(b, k.v, k.n);

	for (unsigned i = 0; i < k.n; i++) {
		struct node *s;
		bool refused;

		if (clang_getCursorKind(k.v[i]) == CXCursor_LabelStmt) {
			s = label_stmt(b, k.v[i], first, &refused);
			if (refused)
				continue;
		} else {
			s = host_tail(b, k.v, i, k.n, &refused);
			if (s || refused) {
				if (s)
					add_kid(n, s);
				break;
			}
			s = stmt(b, k.v[i]);
		}
		if (s)
			add_kid(n, s);
	}
	free(k.v);
	return n;
}

/*
 * An expression statement of type void that holds a GNU statement
 * expression, as <assert.h>'s assert() expands to:
 *   ((void) sizeof ((cond) ? 1 : 0), __extension__ ({ if (cond) ; else
 *   __assert_fail (...); }))
 * lowered as the statements inside (a sizeof is never evaluated); or a
 * conditional of type void, as assert() expands to under a strict
 * -std=c99/c11 (__STRICT_ANSI__) or for a compiler glibc does not take
 * for GNU C:
 *   ((cond) ? (void) (0) : __assert_fail (...))
 * lowered as if (cond) ...; else ...;.
 * *shaped says whether c had that shape; if not, NULL and nothing said.
 */
static struct node *void_stmt(struct irb *b, CXCursor c, bool *shaped)
{
	struct kids k;
	struct node *n = NULL;

	c = strip(c);
	if (clang_getCanonicalType(clang_getCursorType(c)).kind != CXType_Void)
		return NULL;
	k = expr_children(c);
	switch (clang_getCursorKind(c)) {
	case CXCursor_StmtExpr:
		/* its child is a compound statement, which expr_children() skips */
		free(k.v);
		k = children(c);
		if (k.n == 1 && clang_getCursorKind(k.v[0]) == CXCursor_CompoundStmt) {
			*shaped = true;
			n = stmt(b, k.v[0]);
		}
		break;
	case CXCursor_ConditionalOperator:
		if (k.n == 3) {
			struct node *t = truth(expr(b, k.v[0]));
			struct node *y = t ? stmt(b, k.v[1]) : NULL;
			struct node *z = y ? stmt(b, k.v[2]) : NULL;

			*shaped = true;
			if (z) {
				n = new_node(S_IF, cursor_loc(b->u, c));
				n->a = t;
				n->b = y;
				n->c = z;
			}
		}
		break;
	case CXCursor_UnaryOperator:	/* __extension__, the only one a void takes */
		if (k.n == 1)
			n = void_stmt(b, k.v[0], shaped);
		break;
	case CXCursor_BinaryOperator:	/* a comma, the only one of type void */
		if (k.n == 2 && clang_getCursorKind(strip(k.v[0])) == CXCursor_CStyleCastExpr) {
			struct kids l = expr_children(strip(k.v[0]));

			if (l.n == 1 && clang_getCursorKind(strip(l.v[0])) == CXCursor_UnaryExpr)
				n = void_stmt(b, k.v[1], shaped);
			free(l.v);
		}
		break;
	default:
		break;
	}
	free(k.v);
	return n;
}

/* --- statements left to user space: "host tails" ---------------------------------- */

/*
 * A block's last statements that leave the region for good (the last is a
 * return, or a call of exit(), abort(), err() ...) may call what a
 * compound cannot (perror(), fprintf() ...): error reporting, mostly.  The
 * compound stops where they begin, with COSY_RGN_HOST and their number in
 * rgn_line; the host code copies the variables back and runs those
 * statements, as written, in user space (host.c).  They may read only
 * what exists outside the region, jump nowhere but out, and loop not at
 * all.
 */
static const char *const noreturn_fns[] = {
	"exit", "_exit", "_Exit", "quick_exit", "abort", "err", "errx", "verr", "verrx",
};

/* The name of the function expression c calls directly, or NULL. */
static char *called_name(CXCursor c, CXCursor *decl)
{
	struct kids k;
	CXCursor callee, d;

	c = strip(c);
	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return NULL;
	k = expr_children(c);
	callee = k.n ? strip(k.v[0]) : clang_getNullCursor();
	free(k.v);
	d = clang_getCursorReferenced(callee);
	if (clang_getCursorKind(callee) != CXCursor_DeclRefExpr ||
	    clang_getCursorKind(d) != CXCursor_FunctionDecl)
		return NULL;
	if (decl)
		*decl = d;
	return spelling(c);
}

static bool leaves_for_good(CXCursor s);

/*
 * Is d a function of the program's that never returns, as a die() or
 * usage() helper ends in exit()?  Its last statement says so (a body
 * that may fall off its end, or returns, does not count).
 */
static bool never_returns(CXCursor d)
{
	static unsigned depth;	/* f() ends in g(), g() in f(): neither is known to end */
	CXCursor def = clang_getCursorDefinition(d);
	struct kids k;
	bool yes = false;

	if (clang_Cursor_isNull(def) || clang_Location_isInSystemHeader(clang_getCursorLocation(def)) ||
	    depth == INLINE_DEPTH)
		return false;
	depth++;
	k = children(def);
	if (k.n && clang_getCursorKind(k.v[k.n - 1]) == CXCursor_CompoundStmt) {
		struct kids body = children(k.v[k.n - 1]);

		yes = body.n && clang_getCursorKind(body.v[body.n - 1]) != CXCursor_ReturnStmt &&
		      leaves_for_good(body.v[body.n - 1]);
		free(body.v);
	}
	free(k.v);
	depth--;
	return yes;
}

/* Would call() lower this call (whether or not it then refuses an argument)? */
static bool region_stream_call(struct irb *b, CXCursor c, const char *name);

static bool lowerable_call(struct irb *b, CXCursor c)
{
	CXCursor d;
	char *name = called_name(c, &d);
	bool sys, ok = false;

	if (!name)
		return false;	/* through a pointer */
	sys = clang_Location_isInSystemHeader(clang_getCursorLocation(d));
	/* fclose(f), fputs(s, f) of a FILE the region keeps: the compound's */
	ok = sys && region_stream_call(b, c, name);
	if (!sys)	/* inlined, unless it ends the program (run in user space) */
		ok = !clang_Cursor_isNull(clang_getCursorDefinition(d)) && !never_returns(d);
	for (unsigned i = 0; sys && !ok && i < sizeof(sysc_table) / sizeof(sysc_table[0]); i++)
		ok = !strcmp(sysc_table[i].name, name);
	if (sys && !ok && !strcmp(name, "syscall") && clang_Cursor_getNumArguments(c) >= 1)
		ok = syscall_alias(clang_Cursor_getArgument(c, 0)) != NULL;
	for (unsigned i = 0; sys && !ok && i < sizeof(ctype_table) / sizeof(ctype_table[0]); i++)
		ok = !strcmp(ctype_table[i].name, name);
	ok = ok || !strcmp(name, "__assert_fail") || !strncmp(name, "__builtin_expect", 16);
	ok = ok || (sys && (!strcmp(name, "strtok") || !strcmp(name, "strtok_r")));
	ok = ok || (sys && (!strcmp(name, "gnu_dev_major") || !strcmp(name, "gnu_dev_minor")));
	ok = ok || (sys && (!strcmp(name, "abs") || !strcmp(name, "labs") ||
			    !strcmp(name, "llabs")));
	if (sys && !ok && is_out_fn(name)) {
		int nargs = clang_Cursor_getNumArguments(c);
		CXCursor args[4];

		for (int i = 0; i < nargs && i < 4; i++)
			args[i] = clang_Cursor_getArgument(c, (unsigned)i);
		ok = nargs >= 0 && out_to_stdout(name, args, (unsigned)(nargs < 4 ? nargs : 4));
		/* snprintf(buf, ...), sprintf(buf, ...): into memory, as the region does */
		ok = ok || ((!strcmp(name, "snprintf") || !strcmp(name, "sprintf")) && nargs >= 2 &&
			    !null_const(args[0]));
		/* fflush(stderr) writes nothing */
		ok = ok || (!strcmp(name, "fflush") && nargs == 1 &&
			    out_stream(name, args, 1) == 2);
	}
	/* errno (is_errno()): `if (errno == EINTR) continue;` stays in the region */
	ok = ok || (sys && (!strcmp(name, "__errno_location") || !strcmp(name, "___errno_location")));
	free(name);
	return ok;
}

struct host_call_find {
	struct irb *b;
	CXCursor found;
};

static enum CXChildVisitResult find_host_call(CXCursor c, CXCursor parent, CXClientData data)
{
	struct host_call_find *h = data;

	/*
	 * A block or an if's branch that leaves the region is a tail of its
	 * own: what it calls does not make the statement around it one
	 * (`while (...) { if (w != n) { perror(p); return 1; } }` stays in
	 * the kernel, its inner block goes to user space).
	 */
	if ((clang_getCursorKind(parent) == CXCursor_IfStmt ||
	     clang_getCursorKind(c) == CXCursor_CompoundStmt) && leaves_for_good(c))
		return CXChildVisit_Continue;
	if (clang_getCursorKind(c) == CXCursor_CallExpr && !lowerable_call(h->b, c)) {
		h->found = c;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

/* Is call c a report to stderr (perror, fprintf(stderr, ...), fputs(s, stderr) ...)? */
static bool stderr_report(CXCursor c)
{
	CXCursor d, args[4];
	char *name = called_name(c, &d);
	int nargs = clang_Cursor_getNumArguments(c);
	bool yes;

	if (!name)
		return false;
	for (int i = 0; i < nargs && i < 4; i++)
		args[i] = clang_Cursor_getArgument(c, (unsigned)i);
	yes = clang_Location_isInSystemHeader(clang_getCursorLocation(d)) && is_out_fn(name) &&
	      nargs >= 0 && out_stream(name, args, (unsigned)(nargs < 4 ? nargs : 4)) == 2;
	free(name);
	return yes;
}

/* The first call in statement s that only user space can make, or a null cursor. */
static CXCursor host_call(struct irb *b, CXCursor s)
{
	struct host_call_find h = { b, clang_getNullCursor() };

	if (clang_getCursorKind(s) == CXCursor_CallExpr && !lowerable_call(b, s))
		return s;
	clang_visitChildren(s, find_host_call, &h);
	return h.found;
}

/*
 * The index among the region's top-level statements of the label a
 * forward `goto` statement s reaches (goto out; ... out: close(fd);), or
 * -1: the cleanup a host tail may end by jumping to.
 */
static int goto_out(struct irb *b, CXCursor s)
{
	struct kids k;
	CXCursor lab;
	int at = -1;

	if (clang_getCursorKind(s) != CXCursor_GotoStmt)	/* host_tail() checked ninl */
		return -1;
	k = children(s);
	lab = k.n == 1 ? clang_getCursorReferenced(k.v[0]) : clang_getNullCursor();
	free(k.v);
	if (clang_Cursor_isNull(lab) || cursor_loc(b->u, lab).off < cursor_loc(b->u, s).off)
		return -1;
	k = children(b->r->body_cursor);
	for (unsigned i = 0; i < k.n && at < 0; i++)
		if (clang_getCursorKind(k.v[i]) == CXCursor_LabelStmt &&
		    cursor_loc(b->u, k.v[i]).off == cursor_loc(b->u, lab).off)
			at = (int)i;
	free(k.v);
	return at;
}

/*
 * Does statement s leave the region for good: return, exit() and the
 * like, or a function of the program's that ends in one of those?
 */
static bool leaves_for_good(CXCursor s)
{
	CXCursor d;
	char *name;
	bool yes = false;

	if (clang_getCursorKind(s) == CXCursor_ReturnStmt)
		return true;
	if (clang_getCursorKind(s) == CXCursor_CompoundStmt) {
		struct kids k = children(s);

		yes = k.n && leaves_for_good(k.v[k.n - 1]);
		free(k.v);
		return yes;
	}
	name = called_name(s, &d);
	if (!name)
		return false;
	if (clang_Location_isInSystemHeader(clang_getCursorLocation(d))) {
		for (unsigned i = 0; i < sizeof(noreturn_fns) / sizeof(noreturn_fns[0]); i++)
			yes = yes || !strcmp(name, noreturn_fns[i]);
	} else {
		yes = never_returns(d);
	}
	free(name);
	return yes;
}

struct tail_check {
	struct irb *b;
	CXCursor bad;		/* what keeps the statements from user space */
	const char *why;
	char whybuf[160];
	bool loops;		/* they hold a loop: the region's work, not a report */
};

static enum CXChildVisitResult check_tail(CXCursor c, CXCursor parent, CXClientData data)
{
	struct tail_check *t = data;
	CXCursor d;

	(void)parent;
	switch (clang_getCursorKind(c)) {
	case CXCursor_BreakStmt:
	case CXCursor_ContinueStmt:
	case CXCursor_GotoStmt:
	case CXCursor_IndirectGotoStmt:
	case CXCursor_LabelStmt:
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt:
		t->why = "jumps (goto, break, continue, a label or a case)";
		break;
	case CXCursor_WhileStmt:
	case CXCursor_DoStmt:
	case CXCursor_ForStmt:
		t->loops = true;
		return CXChildVisit_Recurse;
	case CXCursor_DeclRefExpr:
		d = clang_getCursorReferenced(c);
		if ((clang_getCursorKind(d) == CXCursor_VarDecl ||
		     clang_getCursorKind(d) == CXCursor_ParmDecl) &&
		    clang_Location_isFromMainFile(clang_getCursorLocation(d)) &&
		    (is_dir_type(clang_getCursorType(d)) || region_file(t->b, d) ||
		     dirent_ptr(d))) {
			char *name = spelling(d);

			snprintf(t->whybuf, sizeof(t->whybuf), "'%s', %s, whose stream is the "
				 "compound's", name, is_dir_type(clang_getCursorType(d)) ?
				 "a DIR *" : is_file_type(clang_getCursorType(d)) ? "a FILE *" :
				 "a pointer to a struct dirent");
			free(name);
			t->why = t->whybuf;
		} else if ((clang_getCursorKind(d) == CXCursor_VarDecl ||
			    clang_getCursorKind(d) == CXCursor_ParmDecl) &&
			   clang_Location_isFromMainFile(clang_getCursorLocation(d)) &&
			   in_region(t->b, d)) {
			char *name = spelling(d);

			snprintf(t->whybuf, sizeof(t->whybuf), "'%s', a variable declared in "
				 "the region, which is gone by then; declare it before the region",
				 name);
			free(name);
			t->why = t->whybuf;
		}
		break;
	default:
		return CXChildVisit_Recurse;
	}
	if (!t->why)
		return CXChildVisit_Recurse;
	t->bad = c;
	return CXChildVisit_Break;
}

static void tail_stmt_check(CXCursor c, struct tail_check *t)
{
	if (check_tail(c, clang_getNullCursor(), t) == CXChildVisit_Recurse)
		clang_visitChildren(c, check_tail, t);
}

/* The offset just past statement c, its ';' included; 0 if not found. */
static unsigned stmt_end(struct irb *b, CXCursor c)
{
	const char *t = b->u->text;
	unsigned e = end_off(c);

	if (e && t[e - 1] == '}')
		return e;
	while (t[e] == ' ' || t[e] == '\t' || t[e] == '\n')
		e++;
	return t[e] == ';' ? e + 1 : 0;
}

/* A statement a break leaves. */
static bool is_breakable(CXCursor c)
{
	switch (clang_getCursorKind(c)) {
	case CXCursor_WhileStmt:
	case CXCursor_DoStmt:
	case CXCursor_ForStmt:
	case CXCursor_SwitchStmt:
		return true;
	default:
		return false;
	}
}

/*
 * Statement c of what runs after a host tail; a label is only where it is.
 * True if it leaves the region for good: nothing after it runs.
 */
static bool rest_stmt_check(CXCursor c, struct tail_check *t)
{
	while (clang_getCursorKind(c) == CXCursor_LabelStmt) {
		struct kids k = children(c);

		c = k.n ? k.v[k.n - 1] : clang_getNullCursor();
		free(k.v);
	}
	if (clang_Cursor_isNull(c))
		return false;
	tail_stmt_check(c, t);
	return leaves_for_good(c);
}

#define TAIL_DEPTH	64

/*
 * Is the innermost statement of path[0..np) an if, or a block that is an
 * if's branch: do a tail's statements end a branch?
 */
static bool if_branch(const CXCursor *path, unsigned np)
{
	enum CXCursorKind k = clang_getCursorKind(path[np - 1]);

	return k == CXCursor_IfStmt ||
	       (k == CXCursor_CompoundStmt && np >= 2 &&
		clang_getCursorKind(path[np - 2]) == CXCursor_IfStmt);
}

/*
 * The statements from the region's body down to the innermost one that
 * holds offset `at` and does not begin there (the block, or the if, whose
 * statements from `at` on are a tail): path[0] is the body.  Their number,
 * or 0 if deeper than TAIL_DEPTH.
 */
static unsigned tail_path(struct irb *b, unsigned at, CXCursor *path)
{
	CXCursor c = b->r->body_cursor;
	unsigned n = 0;

	path[n++] = c;
	for (;;) {
		struct kids k = children(c);
		CXCursor next = clang_getNullCursor();

		for (unsigned i = 0; i < k.n && clang_Cursor_isNull(next); i++)
			if (cursor_loc(b->u, k.v[i]).off <= at && at < end_off(k.v[i]))
				next = k.v[i];
		free(k.v);
		if (clang_Cursor_isNull(next) || cursor_loc(b->u, next).off == at)
			return n;
		if (n == TAIL_DEPTH)
			return 0;
		path[n++] = c = next;
	}
}

/*
 * What the original runs after path[j + 1] ends, up to the region's end:
 * the statements after it in each block around it.  A loop or a switch
 * around it would take the original back into the region's work (t->loops).
 */
static void rest_check(struct irb *b, const CXCursor *path, int j, struct tail_check *t)
{
	bool left = false;

	for (; j >= 0 && !t->why && !t->loops && !left; j--) {
		enum CXCursorKind k = clang_getCursorKind(path[j]);

		if (k == CXCursor_CompoundStmt) {
			struct kids kids = children(path[j]);
			unsigned past = cursor_loc(b->u, path[j + 1]).off;

			for (unsigned i = 0; i < kids.n && !t->why && !left; i++)
				if (cursor_loc(b->u, kids.v[i]).off > past)
					left = rest_stmt_check(kids.v[i], t);
			free(kids.v);
		} else if (k != CXCursor_IfStmt && k != CXCursor_LabelStmt) {
			t->loops = true;
		}
	}
}

/*
 * Statements v[from..n) as a host tail, if statement `from` calls what
 * only user space can and the last leaves the region for good, or the
 * original goes on after them with no loop left to run (they end an if's
 * branch, or end in a break or a forward goto to a label at the region's
 * top level): an S_HOST node, or NULL (*refused: they could not be one,
 * and why was said).
 */
static struct node *host_tail(struct irb *b, const CXCursor *v, unsigned from, unsigned n,
			      bool *refused)
{
	struct region *r = b->r;
	struct tail_check t = { .b = b };
	enum CXCursorKind last;
	CXCursor call, path[TAIL_DEPTH];
	bool goes_on, after = false;
	struct host_tail *h;
	unsigned end, np;
	struct node *x;
	int out = -1;

	*refused = false;
	if (b->ninl || from >= n || clang_Cursor_isNull(call = host_call(b, v[from])))
		return NULL;
	last = clang_getCursorKind(v[n - 1]);
	goes_on = !leaves_for_good(v[n - 1]);
	if (goes_on)
		out = goto_out(b, v[n - 1]);
	/* a break or goto out that ends them is theirs; what it reaches, checked below */
	for (unsigned i = from; i < n && !t.why; i++)
		if (i < n - 1 || !(out >= 0 || last == CXCursor_BreakStmt))
			tail_stmt_check(v[i], &t);
	/*
	 * A loop is the work a region is for, not a report on the way out:
	 * `if (verbose) fprintf(...)` before a copy loop must not send the
	 * copy to user space.  Lowered as usual, the call is refused.
	 */
	if (t.loops)
		return NULL;
	if (goes_on && !t.why) {
		/*
		 * They do not leave the region: the original goes on after
		 * them, in user space, with what the compound assigned, to the
		 * region's end (after a break, the loop's end; after goto out,
		 * the label).  The same limits hold there, and it may not go
		 * back into a loop; else, lowered as usual, the call is refused.
		 */
		np = tail_path(b, cursor_loc(b->u, v[from]).off, path);
		if (!np) {
			t.loops = true;
		} else if (out >= 0) {
			struct kids k = children(r->body_cursor);

			for (unsigned i = out; i < k.n && !t.why; i++)
				if (rest_stmt_check(k.v[i], &t))
					break;
			free(k.v);
		} else if (last == CXCursor_BreakStmt) {
			int l = (int)np - 1;

			while (l >= 0 && !is_breakable(path[l]))
				l--;
			if (l < 0)
				t.loops = true;
			else
				rest_check(b, path, l - 1, &t);
		} else if (if_branch(path, np)) {
			rest_check(b, path, (int)np - 2, &t);
		} else {
			t.loops = true;	/* not a way out: `sleep(1);` alone stays refused */
		}
		if (t.loops)
			return NULL;
		after = t.why != NULL;
	}
	/* Only a break or goto out says these are a way out: else, lowered as usual. */
	if (goes_on && t.why && out < 0 && last != CXCursor_BreakStmt)
		return NULL;
	end = stmt_end(b, v[n - 1]);
	if (!t.why && (unit_in_macro(b->u, v[from]) || unit_in_macro(b->u, v[n - 1]) || !end)) {
		t.why = "a macro that begins or ends them; write them out";
		t.bad = v[from];
	}
	/*
	 * A report to stderr, which the compound can make too (its stderr
	 * buffer), ending in a goto out, a break or a return: lowered as
	 * usual, in the kernel, where it can see the region's variables.
	 */
	if (t.why && (goes_on || last == CXCursor_ReturnStmt) && stderr_report(call))
		return NULL;
	if (t.why) {
		char *name = called_name(call, NULL);
		unsigned at = cursor_loc(b->u, t.bad).off, i;

		/* once for what they all reach (every report before a goto out) */
		for (i = 0; i < b->ntail_bad && b->tail_bad[i] != at; i++)
			;
		if (i == b->ntail_bad)
			refuse(b, t.bad, "the statements from the call to '%s' (line %u) to the "
			       "end of their block leave the region, and would run in user space "
			       "after it, but %s hold %s", name ? name : "a function",
			       cursor_loc(b->u, call).line, after ? "the statements after them "
			       "to the region's end, which would run there too," : "they", t.why);
		if (i == b->ntail_bad && i < sizeof(b->tail_bad) / sizeof(b->tail_bad[0]))
			b->tail_bad[b->ntail_bad++] = at;
		free(name);
		*refused = true;
		return NULL;
	}
	r->tails = xrealloc(r->tails, sizeof(*r->tails) * (r->ntails + 1));
	h = &r->tails[r->ntails++];
	h->start = cursor_loc(b->u, v[from]).off;
	h->end = end;
	h->line = cursor_loc(b->u, v[from]).line;
	h->goes_on = goes_on;
	x = new_node(S_HOST, cursor_loc(b->u, v[from]));
	x->ival = r->ntails;
	return x;
}

/* One statement of a block, or a branch: a host tail by itself, or lowered. */
static struct node *stmt_or_tail(struct irb *b, CXCursor c)
{
	bool refused;
	struct node *n;

	if (clang_getCursorKind(c) == CXCursor_CompoundStmt)
		return stmt(b, c);	/* its statements before the tail run in the kernel */
	n = host_tail(b, &c, 0, 1, &refused);
	return n || refused ? n : stmt(b, c);
}

static struct node *stmt_one(struct irb *b, CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	struct kids kids = { 0 };
	struct node *n = NULL;
	int before = b->u->errors;
	char *what;

	switch (k) {
	case CXCursor_CompoundStmt: {
		unsigned first;

		n = new_node(S_BLOCK, cursor_loc(b->u, c));
		kids = children(c);
		first = labels_enter(b, kids.v, kids.n);
		for (unsigned i = 0; i < kids.n; i++) {
			bool refused;
			struct node *s = host_tail(b, kids.v, i, kids.n, &refused);

			if (s || refused) {
				if (s)
					add_kid(n, s);
				break;	/* the rest of the block is the tail */
			}
			if (clang_getCursorKind(kids.v[i]) == CXCursor_LabelStmt)
				s = label_stmt(b, kids.v[i], first, &refused);
			else
				s = stmt(b, kids.v[i]);
			if (s)
				add_kid(n, s);
		}
		/* out of the block, its labels are out of reach */
		for (unsigned i = first; i < b->nlabels; i++)
			b->label_live[i] = false;
		break;
	}
	case CXCursor_DeclStmt:
		n = decl_stmt(b, c);
		break;
	case CXCursor_NullStmt:
		n = new_node(S_NULL, cursor_loc(b->u, c));
		break;
	case CXCursor_IfStmt:
		kids = children(c);
		if (kids.n < 2 || kids.n > 3)
			break;
		n = new_node(S_IF, cursor_loc(b->u, c));
		n->a = truth(expr(b, kids.v[0]));
		n->b = stmt_or_tail(b, kids.v[1]);
		if (kids.n == 3)
			n->c = stmt_or_tail(b, kids.v[2]);
		if (!n->a || !n->b || (kids.n == 3 && !n->c))
			n = NULL;
		break;
	case CXCursor_WhileStmt:
		kids = children(c);
		if (kids.n != 2)
			break;
		n = new_node(S_WHILE, cursor_loc(b->u, c));
		n->loop_id = ++b->r->nloops;
		n->a = truth(expr(b, kids.v[0]));
		n->b = loop_body(b, kids.v[1]);
		if (!n->a || !n->b)
			n = NULL;
		break;
	case CXCursor_DoStmt:
		kids = children(c);
		if (kids.n != 2)
			break;
		n = new_node(S_DO, cursor_loc(b->u, c));
		n->loop_id = ++b->r->nloops;
		n->b = loop_body(b, kids.v[0]);
		n->a = truth(expr(b, kids.v[1]));
		if (!n->a || !n->b)
			n = NULL;
		break;
	case CXCursor_ForStmt:
		n = for_stmt(b, c, NULL);
		break;
	case CXCursor_BreakStmt:
	case CXCursor_ContinueStmt:
		if (k == CXCursor_BreakStmt ? !b->nbrk : !b->loop_depth) {
			refuse(b, c, "'%s' out of the region cannot run in a compound: the %s it "
			       "leaves is outside the region", k == CXCursor_BreakStmt ? "break" :
			       "continue", k == CXCursor_BreakStmt ? "loop or switch" : "loop");
			return NULL;
		}
		n = new_node(k == CXCursor_BreakStmt ? S_BREAK : S_CONTINUE, cursor_loc(b->u, c));
		n->ival = k == CXCursor_BreakStmt && brk_is_switch(b);
		break;
	case CXCursor_SwitchStmt:
		kids = children(c);
		if (kids.n != 2)
			break;
		n = new_node(S_SWITCH, cursor_loc(b->u, c));
		n->a = expr(b, kids.v[0]);
		b->switch_depth++;
		brk_push(b, 'S');
		n->b = stmt(b, kids.v[1]);
		brk_pop(b);
		b->switch_depth--;
		if (!n->a || !n->b)
			n = NULL;
		break;
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt:
		if (!b->switch_depth) {
			refuse(b, c, "a %s label of a switch outside the region cannot run in a "
			       "compound", k == CXCursor_CaseStmt ? "case" : "default");
			return NULL;
		}
		if (!brk_is_switch(b)) {
			/* Duff's device: the label would jump into the loop's callback */
			refuse(b, c, "a %s label inside a loop of its switch cannot run in a "
			       "compound: the loop becomes a function of its own, which a switch "
			       "outside it cannot jump into; put the loop inside the case",
			       k == CXCursor_CaseStmt ? "case" : "default");
			return NULL;
		}
		kids = children(c);
		if (k == CXCursor_DefaultStmt) {
			if (kids.n != 1)
				break;
			n = new_node(S_DEFAULT, cursor_loc(b->u, c));
		} else {
			CXEvalResult ev;

			if (kids.n == 3) {
				refuse(b, c, "a case range (case A ... B) cannot run in a compound: "
				       "cosy-cc lowers single values");
				free(kids.v);
				return NULL;
			}
			if (kids.n != 2)
				break;
			ev = clang_Cursor_Evaluate(kids.v[0]);
			if (!ev || clang_EvalResult_getKind(ev) != CXEval_Int) {
				if (ev)
					clang_EvalResult_dispose(ev);
				refuse(b, c, "this case value cannot run in a compound: cosy-cc "
				       "could not evaluate it to an integer");
				free(kids.v);
				return NULL;
			}
			n = new_node(S_CASE, cursor_loc(b->u, c));
			n->ival = clang_EvalResult_isUnsignedInt(ev) ?
				  (long long)clang_EvalResult_getAsUnsigned(ev) :
				  clang_EvalResult_getAsLongLong(ev);
			n->ct = clang_EvalResult_isUnsignedInt(ev) ? CT_ULLONG : CT_LLONG;
			clang_EvalResult_dispose(ev);
		}
		n->b = stmt(b, kids.v[kids.n - 1]);
		if (!n->b)
			n = NULL;
		break;
	case CXCursor_ReturnStmt:
		if (b->ninl && b->inl[b->ninl - 1].block)
			return blk_return(b, c);
		return ret_stmt(b, c);
	case CXCursor_GotoStmt:
		return goto_stmt(b, c);
	case CXCursor_IndirectGotoStmt:
		refuse(b, c, "a computed goto cannot run in a compound");
		return NULL;
	case CXCursor_LabelStmt:
		refuse(b, c, "this label cannot run in a compound: a goto may reach labels of "
		       "a block's statements (goto out; ... out: close(fd);), not of an if's or a "
		       "loop's statement without braces");
		return NULL;
	case CXCursor_AsmStmt:
	case CXCursor_MSAsmStmt:
		refuse(b, c, "inline assembly cannot run in a compound: the compound is BPF");
		return NULL;
	default:
		if (clang_isExpression(k)) {
			struct node *e;
			bool shaped = false;

			n = void_stmt(b, c, &shaped);
			if (shaped)
				return n;
			b->top = strip(c);
			e = struct_copy(b, c);

			if (!e && b->u->errors == before)
				e = expr(b, c);

			if (!e)
				return NULL;
			n = new_node(S_EXPR, e->loc);
			n->a = e;
			return n;
		}
		what = kind_spelling(c);
		refuse(b, c, "this statement (%s) cannot run in a compound: it is outside the C "
		       "subset cosy-cc lowers", what);
		free(what);
		return NULL;
	}
	free(kids.v);
	if (!n && b->u->errors == before) {
		what = kind_spelling(c);
		refuse(b, c, "this statement (%s) cannot run in a compound", what);
		free(what);
	}
	return n;
}

/* '=' for a plain assignment, 0 otherwise. */
static char plain_assign(struct irb *b, CXCursor c)
{
	struct kids k = expr_children(c);
	char tok[8];
	bool yes = k.n == 2 && binop_token(b, c, k.v[0], tok, sizeof(tok)) && !strcmp(tok, "=");

	free(k.v);
	return yes ? '=' : 0;
}

/*
 * Collect the scalars whose address the region takes (read(fd, &c, 1)),
 * and the pointers from outside it that it assigns (strtol(s, &end, 10)
 * assigns end).
 */
/*
 * d, if a pointer variable not marked yet, marked as one the region sets
 * (b->ptrvars): true if it was marked now.
 */
static bool mark_ptrvar(struct irb *b, CXCursor d)
{
	if ((clang_getCursorKind(d) != CXCursor_VarDecl &&
	     clang_getCursorKind(d) != CXCursor_ParmDecl) ||
	    clang_getCanonicalType(clang_getCursorType(d)).kind != CXType_Pointer || is_ptrvar(b, d))
		return false;
	b->ptrvars = xrealloc(b->ptrvars, sizeof(CXCursor) * (b->nptrvars + 1));
	b->ptrvars[b->nptrvars++] = d;
	return true;
}

static enum CXChildVisitResult find_addressed(CXCursor c, CXCursor parent, CXClientData data)
{
	struct irb *b = data;
	char tok[8];
	bool post;

	/* p = ..., p += ..., p++: a pointer the region moves */
	if (clang_getCursorKind(c) == CXCursor_CompoundAssignOperator ||
	    (clang_getCursorKind(c) == CXCursor_BinaryOperator &&
	     plain_assign(b, c) == '=') ||
	    (clang_getCursorKind(c) == CXCursor_UnaryOperator &&
	     unop_token(b, c, tok, sizeof(tok), &post) && (!strcmp(tok, "++") ||
							  !strcmp(tok, "--")))) {
		struct kids k = expr_children(c);
		CXCursor s = k.n >= 1 ? strip(k.v[0]) : clang_getNullCursor();

		free(k.v);
		if (clang_getCursorKind(s) == CXCursor_DeclRefExpr) {
			CXCursor d = clang_getCursorReferenced(s);

			if (!mark_ptrvar(b, d) && (clang_getCursorKind(d) == CXCursor_VarDecl ||
						   clang_getCursorKind(d) == CXCursor_ParmDecl)) {
				b->assigned = xrealloc(b->assigned,
						       sizeof(CXCursor) * (b->nassigned + 1));
				b->assigned[b->nassigned++] = d;
			}
		}
	}
	if (clang_getCursorKind(c) == CXCursor_UnaryOperator &&
	    unop_token(b, c, tok, sizeof(tok), &post) && !strcmp(tok, "&")) {
		struct kids k = expr_children(c);
		CXCursor s = k.n == 1 ? strip(k.v[0]) : clang_getNullCursor();

		free(k.v);
		if (clang_getCursorKind(s) == CXCursor_DeclRefExpr) {
			CXCursor d = clang_getCursorReferenced(s);

			if ((clang_getCursorKind(d) == CXCursor_VarDecl ||
			     clang_getCursorKind(d) == CXCursor_ParmDecl) &&
			    ctype_of(clang_getCursorType(d)) != CT_NONE && !is_addressed(b, d)) {
				b->addressed = xrealloc(b->addressed,
							sizeof(CXCursor) * (b->naddressed + 1));
				b->addressed[b->naddressed++] = d;
			}
		}
	}
	/* strtol(s, &end, b), strtok_r(s, d, &save): end and save are set, maybe through a cast */
	if (clang_getCursorKind(c) == CXCursor_CallExpr) {
		char *fn = spelling(c);
		int nargs = clang_Cursor_getNumArguments(c);

		for (int i = 1; !strncmp(fn, "strto", 5) && i < nargs; i++) {
			CXCursor a = strip_casts(clang_Cursor_getArgument(c, (unsigned)i)), s;
			struct kids kk;

			if (clang_getCursorKind(a) != CXCursor_UnaryOperator ||
			    !unop_token(b, a, tok, sizeof(tok), &post) || strcmp(tok, "&"))
				continue;
			kk = expr_children(a);
			s = kk.n == 1 ? strip(kk.v[0]) : clang_getNullCursor();
			free(kk.v);
			if (clang_getCursorKind(s) == CXCursor_DeclRefExpr)
				mark_ptrvar(b, clang_getCursorReferenced(s));
		}
		free(fn);
	}
	return CXChildVisit_Recurse;
}

/* --- <dirent.h>: where a DIR * may go (before the IR) ---------------------------------- */

/* Of `decl`'s uses in `fn`, the first outside [start, end) (the region): its line, or 0. */
struct use_walk {
	struct unit *u;
	CXCursor decl;
	unsigned start, end, line;
};

static enum CXChildVisitResult use_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	struct use_walk *w = data;
	struct loc at;

	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr ||
	    !clang_equalCursors(clang_getCursorReferenced(c), w->decl))
		return CXChildVisit_Recurse;
	at = cursor_loc(w->u, c);
	if (at.off >= w->start && at.off < w->end)
		return CXChildVisit_Continue;
	w->line = at.line;
	return CXChildVisit_Break;
}

static unsigned use_outside(struct irb *b, CXCursor decl)
{
	struct use_walk w = { b->u, decl, b->r->start_off, b->r->end_off, 0 };

	clang_visitChildren(b->r->func, use_visit, &w);
	return w.line;
}

static bool is_dir_call(CXCursor c, const char *name)
{
	CXCursor d;
	char *n;
	bool yes;

	c = strip(c);
	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return false;
	d = clang_getCursorReferenced(c);
	if (clang_getCursorKind(d) != CXCursor_FunctionDecl ||
	    !clang_Location_isInSystemHeader(clang_getCursorLocation(d)))
		return false;
	n = spelling(c);
	yes = !strcmp(n, name);
	free(n);
	return yes;
}

/*
 * The streams a region keeps in variables of its own (a DIR *, a FILE *
 * it opens), and what may be done with one.
 */
struct skind {
	const char *type;		/* "DIR *" */
	const char *open;		/* the call that opens one */
	const char *uses;		/* what may be done with one, said */
	const char *const *calls;	/* the calls that take one */
};

static const char *const dir_calls[] = { "readdir", "closedir", "dirfd", NULL };
static const char *const file_calls[] = {
	"fgets", "fgets_unlocked", "fread", "fread_unlocked", "getc", "getc_unlocked",
	"fgetc", "fgetc_unlocked", "feof", "feof_unlocked", "ferror", "ferror_unlocked",
	"clearerr", "clearerr_unlocked", "fileno", "fileno_unlocked", "fclose", "fprintf",
	"fputs", "fputs_unlocked", "fputc", "fputc_unlocked", "putc", "putc_unlocked", "fwrite",
	"fwrite_unlocked", "fflush", NULL,
};

static const struct skind dir_kind = {
	"DIR *", "opendir",
	"a DIR * can only be assigned opendir()'s value or NULL, compared with NULL "
	"(d == NULL, !d, if (d)) and given to readdir(), closedir() and dirfd(): cosy-cc "
	"keeps its stream in variables of the region's own", dir_calls,
};

static const struct skind file_kind = {
	"FILE *", "fopen",
	"a FILE * can only be assigned fopen()'s value or NULL, compared with NULL "
	"(f == NULL, !f, if (f)) and given, as the stream, to fgets(), fread(), getc(), "
	"fgetc() (read), fprintf(), fputs(), fputc(), putc(), fwrite(), fflush() (written), "
	"feof(), ferror(), clearerr(), fileno() and fclose(): cosy-cc keeps its stream in "
	"variables of the region's own", file_calls,
};

static bool is_dir_call(CXCursor c, const char *name);

/* Is `name` one of the calls that take a stream of the kind? */
static bool kind_call(const struct skind *sk, const char *name)
{
	for (const char *const *p = sk->calls; *p; p++)
		if (!strcmp(*p, name))
			return true;
	return false;
}

/*
 * The kind of stream the declaration or expression c is, or NULL: a
 * DIR *, or one of the region's FILE *s (region_file()) or an fopen()
 * that must be assigned to one.  Other FILE *s (stdin, stdout, a
 * parameter) are the program's, which the calls that take them judge.
 */
static const struct skind *stream_of(struct irb *b, CXCursor c)
{
	CXCursor e = strip(c), d;
	struct kids k;
	bool yes;

	if (is_dir_type(clang_getCursorType(c)))
		return &dir_kind;
	if (!is_file_type(clang_getCursorType(c)))
		return NULL;
	switch (clang_getCursorKind(e)) {
	case CXCursor_VarDecl:
		return region_file(b, e) ? &file_kind : NULL;
	case CXCursor_DeclRefExpr:
		d = clang_getCursorReferenced(e);
		return region_file(b, d) ? &file_kind : NULL;
	case CXCursor_CallExpr:
		return is_dir_call(e, "fopen") || is_dir_call(e, "fopen64") ? &file_kind : NULL;
	case CXCursor_BinaryOperator:
		/* f = ...: the variable's kind */
		k = expr_children(e);
		yes = k.n == 2 && stream_of(b, k.v[0]);
		free(k.v);
		return yes ? &file_kind : NULL;
	case CXCursor_ConditionalOperator:
		/* one chosen by ?: (refused) if either can be the region's */
		k = expr_children(e);
		yes = k.n == 3 && (stream_of(b, k.v[1]) || stream_of(b, k.v[2]));
		free(k.v);
		return yes ? &file_kind : NULL;
	default:
		return NULL;
	}
}

/* A DIR * or FILE * variable, named by itself (d, (d)). */
static bool dir_ref(CXCursor c)
{
	CXCursor d;

	c = strip(c);
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
		return false;
	d = clang_getCursorReferenced(c);
	return (clang_getCursorKind(d) == CXCursor_VarDecl ||
		clang_getCursorKind(d) == CXCursor_ParmDecl) &&
	       (is_dir_type(clang_getCursorType(d)) || is_file_type(clang_getCursorType(d)));
}

/*
 * Is c, a call of `name`, one of file_calls[] given a FILE * the region
 * keeps, or one of dir_calls[] given a DIR * (all are the region's)?
 */
static bool region_stream_call(struct irb *b, CXCursor c, const char *name)
{
	bool file = kind_call(&file_kind, name), dir = kind_call(&dir_kind, name);
	int nargs = clang_Cursor_getNumArguments(c);

	for (int i = 0; (file || dir) && i < nargs; i++) {
		CXCursor a = strip(clang_Cursor_getArgument(c, (unsigned)i));

		if (file && file_var_ref(a) && region_file(b, clang_getCursorReferenced(a)))
			return true;
		if (dir && dir_ref(a) && is_dir_type(clang_getCursorType(a)))
			return true;
	}
	return false;
}

/* Is c a call of the kind's open (opendir(), fopen())? */
static bool open_call(CXCursor c, const struct skind *sk)
{
	return is_dir_call(c, sk->open) || (sk == &file_kind && is_dir_call(c, "fopen64"));
}

/* Is c a call that takes a stream of the kind? */
static bool stream_call(CXCursor c, const struct skind *sk)
{
	char *n = spelling(strip(c));
	bool yes = kind_call(sk, n) && is_dir_call(c, n);

	free(n);
	return yes;
}

struct dir_walk {
	struct irb *b;
	CXCursor *fns;		/* helpers walked (each once) */
	unsigned nfns;
	CXCursor *decls;	/* DIR variables from before the region, checked */
	unsigned ndecls;
};

/* The binary operator's token, or "" */
static const char *dir_binop(struct irb *b, CXCursor p, char tok[static 8])
{
	struct kids k = expr_children(p);

	tok[0] = 0;
	if (k.n != 2 || !binop_token(b, p, k.v[0], tok, 8))
		tok[0] = 0;
	free(k.v);
	return tok;
}

/* DIR-typed expression e (its wrappers stripped) under `up`: refused unless allowed. */
static void dir_place(struct dir_walk *w, CXCursor up, CXCursor e, const struct skind *K)
{
	const char *dir_uses = K->uses, *T = K->type;
	struct irb *b = w->b;
	CXCursor s = strip(e);
	enum CXCursorKind uk = clang_getCursorKind(up), sk = clang_getCursorKind(s);
	struct kids k;
	char tok[8], *name;
	bool first;

	if (null_const(e))
		return;
	if (open_call(s, K)) {
		if (uk == CXCursor_VarDecl && stream_of(b, up) == K)
			return;
		/* d = opendir(p); into anything else, the assignment is refused */
		if (uk == CXCursor_BinaryOperator && !strcmp(dir_binop(b, up, tok), "=") &&
		    stream_of(b, up) == K)
			return;
		refuse(b, s, "%s() cannot run in a compound here: its value must be assigned "
		       "to a %s variable; %s", K->open, T, dir_uses);
		return;
	}
	if (sk == CXCursor_BinaryOperator && !strcmp(dir_binop(b, s, tok), "=")) {
		k = expr_children(s);
		if (!dir_ref(k.v[0]))
			refuse(b, s, "storing a %s there cannot run in a compound: only in a "
			       "%s variable; %s", T, T, dir_uses);
		else if (!null_const(k.v[1]) && !open_call(k.v[1], K))
			refuse(b, s, "copying a %s cannot run in a compound: %s", T, dir_uses);
		free(k.v);
		if (uk == CXCursor_CompoundStmt)
			return;
	} else if (sk == CXCursor_CallExpr) {
		name = spelling(s);
		if (K == &dir_kind && dirent_fn(name))
			refuse(b, s, "%s() cannot run in a compound: of <dirent.h>, a compound "
			       "can only call opendir(), readdir(), closedir() and dirfd()", name);
		else
			refuse(b, s, "a %s that '%s' returns cannot run in a compound: %s", T, name,
			       dir_uses);
		free(name);
		return;
	} else if (!dir_ref(s)) {
		/* w.dirs[0] = opendir(p): said once, at the assignment */
		if (uk == CXCursor_BinaryOperator && stream_of(b, up) == K &&
		    !strcmp(dir_binop(b, up, tok), "="))
			return;
		if (sk == CXCursor_ConditionalOperator) {
			refuse(b, s, "choosing a %s with ?: cannot run in a compound: %s", T,
			       dir_uses);
			return;
		}
		refuse(b, s, "a %s kept in %s cannot run in a compound: only in a %s "
		       "variable; %s", T, sk == CXCursor_MemberRefExpr ? "a struct member" :
		       sk == CXCursor_ArraySubscriptExpr ? "an array" : "memory", T, dir_uses);
		return;
	}
	/* d, or d = opendir(p), as a value: where may it go? */
	switch (uk) {
	case CXCursor_IfStmt:
	case CXCursor_WhileStmt:
	case CXCursor_DoStmt:
	case CXCursor_ForStmt:
	case CXCursor_CompoundStmt:
		return;
	case CXCursor_UnaryOperator:
		k = expr_children(up);
		if (k.n == 1 && unop_token(b, up, tok, sizeof(tok), &first) && !strcmp(tok, "!")) {
			free(k.v);
			return;
		}
		free(k.v);
		break;
	case CXCursor_BinaryOperator:
		dir_binop(b, up, tok);
		k = expr_children(up);
		first = clang_equalCursors(k.v[0], e);
		if (!strcmp(tok, "&&") || !strcmp(tok, "||") ||
		    (!strcmp(tok, ",") && first) || (!strcmp(tok, "=") && first) ||
		    ((!strcmp(tok, "==") || !strcmp(tok, "!=")) && null_const(k.v[first]))) {
			free(k.v);
			return;
		}
		free(k.v);
		if (!strcmp(tok, "=")) {
			/* into a DIR * the assignment itself was refused */
			if (stream_of(b, up) != K)
				refuse(b, e, "copying a %s cannot run in a compound: %s", T,
				       dir_uses);
			return;
		}
		break;
	case CXCursor_ConditionalOperator:
		k = expr_children(up);
		first = clang_equalCursors(k.v[0], e);
		free(k.v);
		if (first)
			return;
		break;
	case CXCursor_VarDecl:
		refuse(b, e, "copying a %s cannot run in a compound: %s", T, dir_uses);
		return;
	case CXCursor_CallExpr:
		if (stream_call(up, K))
			return;
		name = spelling(up);
		if (K == &dir_kind && dirent_fn(name))
			refuse(b, up, "%s() cannot run in a compound: of <dirent.h>, a compound "
			       "can only call opendir(), readdir(), closedir() and dirfd()", name);
		else
			refuse(b, e, "passing a %s to '%s' cannot run in a compound: %s (and "
			       "by helpers that open their own)", T, name, dir_uses);
		free(name);
		return;
	default:
		break;
	}
	refuse(b, e, "this use of a %s cannot run in a compound: %s", T, dir_uses);
}

static void dir_walk(struct dir_walk *w, CXCursor c, CXCursor up, CXCursor outer);

/*
 * A DIR variable from before the region: if the region opens it, only the
 * region may use it.
 */
static void dir_decl(struct dir_walk *w, CXCursor ref)
{
	struct irb *b = w->b;
	CXCursor d = clang_getCursorReferenced(ref);
	struct loc at = cursor_loc(b->u, d);
	unsigned line;
	char *name;

	if (!clang_equalCursors(clang_getCursorSemanticParent(d), b->r->func) ||
	    (at.off >= b->r->start_off && at.off < b->r->end_off))
		return;
	for (unsigned i = 0; i < w->ndecls; i++)
		if (clang_equalCursors(w->decls[i], d))
			return;
	w->decls = xrealloc(w->decls, sizeof(CXCursor) * (w->ndecls + 1));
	w->decls[w->ndecls++] = d;
	/* not assigned in the region: lent to it (dir_state()), the program's still */
	if (!is_ptrvar(b, d))
		return;
	line = use_outside(b, d);
	if (!line)
		return;
	name = spelling(d);
	refuse(b, ref, "%s '%s' cannot run in a compound: it is used outside the region "
	       "too (line %u), and its stream is the compound's; declare it in the region, "
	       "and open, read and close it there", is_dir_type(clang_getCursorType(d)) ?
	       "DIR" : "FILE", name, line);
	free(name);
}

static bool is_wrapper(CXCursor c)
{
	return clang_getCursorKind(c) == CXCursor_ParenExpr ||
	       clang_getCursorKind(c) == CXCursor_UnexposedExpr;
}

/*
 * Every DIR-typed expression under c: `up` is its parent past parentheses
 * and implicit conversions, `outer` the outermost of those wrappers.
 */
static void dir_walk(struct dir_walk *w, CXCursor c, CXCursor up, CXCursor outer)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	struct kids kk = children(c);
	bool wrap = is_wrapper(c) && kk.n == 1;
	int taken = k == CXCursor_ConditionalOperator && kk.n == 3 ? const_cond(w->b, c) : -1;

	if (taken >= 0) {
		/* a ?: of a constant: only its branch taken is lowered (expr()) */
		dir_walk(w, kk.v[taken ? 1 : 2], c, kk.v[taken ? 1 : 2]);
		free(kk.v);
		return;
	}
	if (k == CXCursor_DeclRefExpr && dir_ref(c))
		dir_decl(w, c);
	if (k == CXCursor_CallExpr) {
		/* a helper of the program's: its body is the region's too */
		CXCursor d = clang_getCursorReferenced(c), def = clang_getCursorDefinition(d);
		bool seen = false;

		if (clang_getCursorKind(d) == CXCursor_FunctionDecl && !clang_Cursor_isNull(def) &&
		    !clang_Location_isInSystemHeader(clang_getCursorLocation(d))) {
			for (unsigned i = 0; i < w->nfns; i++)
				seen = seen || clang_equalCursors(w->fns[i], def);
			if (!seen) {
				w->fns = xrealloc(w->fns, sizeof(CXCursor) * (w->nfns + 1));
				w->fns[w->nfns++] = def;
				dir_walk(w, def, def, def);
			}
		}
	}
	if (clang_isExpression(k) && stream_of(w->b, c) &&
	    !(wrap && clang_isExpression(clang_getCursorKind(kk.v[0])) &&
	      stream_of(w->b, kk.v[0]) == stream_of(w->b, c)))
		dir_place(w, up, outer, stream_of(w->b, c));
	for (unsigned i = 0; i < kk.n; i++)
		if (wrap)
			dir_walk(w, kk.v[i], up, outer);
		else
			dir_walk(w, kk.v[i], c, kk.v[i]);
	free(kk.v);
}

/* Refuse every DIR * the IR could not keep in the region's own variables. */
static void dir_check(struct irb *b, CXCursor body)
{
	struct dir_walk w = { .b = b };

	dir_walk(&w, body, body, body);
	free(w.fns);
	free(w.decls);
}

int ir_build(struct unit *u, struct region *r)
{
	struct irb b = { .u = u, .r = r };
	int before = u->errors;

	clang_visitChildren(r->body_cursor, find_addressed, &b);
	/* a DIR * where the IR would not know its stream: said once, clearly */
	dir_check(&b, r->body_cursor);
	if (u->errors == before)
		r->body = top_block(&b, r->body_cursor);
	if (u->errors == before)
		file_unread(r);
	free(b.addressed);
	free(b.ptrvars);
	free(b.assigned);
	free(b.labels);
	free(b.blk);
	r->errors += u->errors - before;
	return r->errors ? -1 : 0;
}
