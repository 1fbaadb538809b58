// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * IR -> NAME.bpf.c.  The shape is bpf/cp.bpf.c's: an entry point that
 * begins a session, the work, the end of the session, with every loop a
 * bpf_loop() callback.  Here the work is a subprogram (NAME_body) so that a
 * trap anywhere can `return 1` without skipping cosy_end(), and every
 * variable lives in one frame struct (NAME_frame) the subprogram and the
 * callbacks reach through its address.  Each statement is preceded by the
 * source line it comes from.
 */
#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cosycc.h"
#include "runtime/cosy_region.h"

#define EM_MAX_CSE 8

struct em {
	struct unit *u;
	struct region *r;
	struct sbuf protos;	/* callbacks' prototypes */
	struct sbuf fns;	/* callbacks, in the order they are finished */
	/* set while a for loop's step is emitted: its init marked this one */
	const struct var *marked;
	/* set while an innermost loop's iteration is emitted: the variables
	 * it keeps in registers (R->v_NAME), see in_registers() */
	const struct var **promo;
	unsigned npromo;
	unsigned promo_loop;	/* the loop whose struct ..._regs R is */
	/*
	 * Per loop id: the loop its bpf_loop() call sits in (0: the body),
	 * and whether it has one (a loop that is not unrolled): where a
	 * yielded run goes back to (resume_dispatch()).
	 */
	unsigned *lparent;
	bool *lsite;
	/* per loop id: its callback is written (cb_call()) */
	bool *cb_done;
	/*
	 * While a condition is emitted (cond_text()): the elements it reads
	 * more than once, each read once into __eID before it.
	 */
	struct node *cse[EM_MAX_CSE];
	unsigned cse_id[EM_MAX_CSE];
	unsigned ncse;		/* how many of cse[] are in scope */
	unsigned cse_next;	/* the next __e number in the region */
};

static void indent(struct sbuf *o, int depth)
{
	for (int i = 0; i < depth; i++)
		sb_putc(o, '\t');
}

/* A source line as a comment (trimmed, no comment terminators). */
static void src_comment(struct em *e, struct sbuf *o, int depth, unsigned line)
{
	size_t len;
	const char *s = unit_line(e->u, line, &len);

	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	indent(o, depth);
	sb_printf(o, "/* %s:%u: ", e->u->path, line);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '*' && i + 1 < len && s[i + 1] == '/') {
			sb_puts(o, "* /");
			i++;
		} else if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
			sb_puts(o, "/ *");
			i++;
		} else {
			sb_putc(o, s[i]);
		}
	}
	sb_puts(o, " */\n");
}

/* Does the frame hold a pointer to v's slice (memory, or what a scan reads)? */
static bool has_ptr(const struct var *v)
{
	return (v->kind == VK_BUF && !v->lit) || v->scanned;
}

/* The bytes of v's slice in the segment. */
static unsigned long slice_size(const struct var *v)
{
	if (v->kind == VK_STR)
		return v->lit ? v->litlen : 4096;
	return v->size;
}

/* --- expressions ------------------------------------------------------------ */

static void ex(struct em *e, struct node *n, struct sbuf *o);
static bool same_node(const struct node *a, const struct node *b);

static void const_text(struct sbuf *o, enum ctype ct, long long v)
{
	static const char *const suffix[] = {
		[CT_INT] = "", [CT_UINT] = "U", [CT_LONG] = "L", [CT_ULONG] = "UL",
		[CT_LLONG] = "LL", [CT_ULLONG] = "ULL",
	};

	if (ct < CT_INT) {
		/* char, short, _Bool constants: the value, converted */
		sb_printf(o, "((%s)%lld)", ct_name(ct), v);
	} else if (!ct_signed(ct)) {
		sb_printf(o, "%llu%s", (unsigned long long)v, suffix[ct]);
	} else if (v < 0) {
		/* -2147483648 would be a unary minus on an unsigned constant */
		if (ct == CT_INT && v == -0x7fffffffLL - 1)
			sb_puts(o, "(-2147483647 - 1)");
		else if (ct != CT_INT && v == (long long)(-0x7fffffffffffffffLL - 1))
			sb_printf(o, "(-9223372036854775807%s - 1)", suffix[ct]);
		else
			sb_printf(o, "(%lld%s)", v, suffix[ct]);
	} else {
		sb_printf(o, "%lld%s", v, suffix[ct]);
	}
}

/* The smallest value of a signed type, as C text. */
static const char *type_min(enum ctype ct)
{
	switch (ct) {
	case CT_SCHAR: return "(-127 - 1)";
	case CT_SHORT: return "(-32767 - 1)";
	case CT_INT: return "(-2147483647 - 1)";
	default: return "(-9223372036854775807LL - 1)";
	}
}

/* The usual arithmetic conversions over the types regions have. */
static enum ctype promote(enum ctype t)
{
	return ct_size(t) < 4 ? CT_INT : t;
}

static enum ctype common_type(enum ctype a, enum ctype b)
{
	a = promote(a);
	b = promote(b);
	if (a == b)
		return a;
	if (ct_signed(a) == ct_signed(b))
		return ct_size(a) >= ct_size(b) ? (a > b ? a : b) : b;
	{
		enum ctype s = ct_signed(a) ? a : b, u = ct_signed(a) ? b : a;

		if (ct_size(u) >= ct_size(s))
			return u;
		return s;	/* a wider signed type holds every value */
	}
}

static void divide(struct em *e, struct node *at, enum op op, enum ctype t, struct node *x,
		   const char *xtext, struct node *y, struct sbuf *o)
{
	if (ct_signed(t))
		sb_printf(o, "COSY_RGN_S%s(&V->st, %s, %s, ", op == OP_DIV ? "DIV" : "MOD",
			  ct_name(t), type_min(t));
	else
		sb_printf(o, "COSY_RGN_U%s(&V->st, %s, ", op == OP_DIV ? "DIV" : "MOD", ct_name(t));
	if (x)
		ex(e, x, o);
	else
		sb_puts(o, xtext);
	sb_puts(o, ", ");
	ex(e, y, o);
	sb_printf(o, ", %u)", at->loc.line);
}

/*
 * A path's byte offset in its variable: constant + each checked index
 * times its size; with n->sum, that sum checked too, and a pointer's
 * offset (count 0) only in it.
 */
static void offset_text(struct em *e, struct node *n, struct sbuf *o)
{
	if (n->sum)
		sb_puts(o, "COSY_RGN_IDX(&V->st, ");
	if (n->ival || !n->nkids)
		sb_printf(o, "%lluUL", (unsigned long long)n->ival);
	for (unsigned i = 0; i < n->nkids; i++) {
		if (i || n->ival)
			sb_puts(o, " + ");
		if (!n->count[i]) {
			sb_puts(o, "(__u64)(");
			ex(e, n->kids[i], o);
			sb_puts(o, ")");
			continue;
		}
		sb_puts(o, "COSY_RGN_IDX(&V->st, ");
		ex(e, n->kids[i], o);
		sb_printf(o, ", %luUL, %u)", n->count[i], n->loc.line);
		if (n->scale[i] != 1)
			sb_printf(o, " * %luUL", n->scale[i]);
	}
	if (n->sum)
		sb_printf(o, ", %luUL, %u)", n->sum, n->loc.line);
}

/* Memory: the T at its path's offset. */
static void elem(struct em *e, struct node *n, struct sbuf *o)
{
	/* at a variable offset: COSY_RGN_ATV, which a /dev/cosy compound makes a kfunc call */
	if (n->nkids)
		sb_printf(o, "COSY_RGN_ATV(%s, F->b_%s, %u, ", ct_name(n->ct), n->var->field,
			  n->var->seg_off);
	else
		sb_printf(o, "COSY_RGN_AT(%s, F->b_%s, ", ct_name(n->ct), n->var->field);
	offset_text(e, n, o);
	sb_puts(o, ")");
}

/* A struct assignment: memmove() inside the segment (one charged call). */
static void copy(struct em *e, struct node *n, struct sbuf *o)
{
	sb_puts(o, "({ __u64 __d = ");
	offset_text(e, n->a, o);
	sb_puts(o, ", __s = ");
	offset_text(e, n->b, o);
	sb_printf(o, "; COSY_RGN_KCALL(&F->st, &V->st, cosy_memcpy(F->st.s, %u + (__u32)__d, "
		  "%u + (__u32)__s, %lld), %u); })", n->a->var->seg_off, n->b->var->seg_off,
		  n->ival, n->loc.line);
}

/* "__u64 __o = OFFSET; " when the call names an offset into its buffer. */
static void mem_off(struct em *e, struct node *call, struct sbuf *o)
{
	if (!call->a)
		return;
	sb_puts(o, "__u64 __o = (__u64)(");
	ex(e, call->a, o);
	sb_puts(o, "); ");
}

static void fd_text(struct em *e, struct node *fd, struct sbuf *o)
{
	sb_puts(o, "(int)");
	ex(e, fd, o);
}

/*
 * stat, lstat, fstat, fstatat: the kfunc fills the region's struct
 * cosy_stat slot, and on success the program's struct stat is written
 * from it (cosy_rgn_stat_out).  A struct stat that does not fit where the
 * program put it is EFAULT, as in user space.
 */
static bool small_const(const struct node *n, long long *v);

static void stat_call(struct em *e, struct node *n, unsigned path_size, struct sbuf *o)
{
	struct var *st = n->buf2;
	long long k = 0;

	/*
	 * At a constant offset (the struct itself) whether it fits is known
	 * here, and the slice's pointer is never compared: 6.1's verifier
	 * refuses to compare a valid pointer with NULL under the unprivileged
	 * rules (/dev/cosy approvals).
	 */
	if (!n->b || small_const(n->b, &k)) {
		bool fits = st->size >= COSY_RGN_STAT_SIZE &&
			    (unsigned long long)k <= st->size - COSY_RGN_STAT_SIZE;

		sb_printf(o, "__u8 *__sp = F->b_%s + %lld; const int __spok = %d; ", st->field,
			  fits ? k : 0, fits);
	} else {
		sb_printf(o, "__u8 *__sp = COSY_RGN_SLICEV(F->b_%s, %u, ", st->field, st->seg_off);
		ex(e, n->b, o);
		sb_printf(o, ", COSY_RGN_STAT_SIZE, %luUL); int __spok = __sp != 0; ", st->size);
	}
	if (n->sc != SC_FSTAT)
		mem_off(e, n, o);
	sb_puts(o, "long __r = -EFAULT; if (__spok");
	if (n->sc != SC_FSTAT && n->a)
		sb_printf(o, " && __o < %u", path_size);
	sb_puts(o, ") __r = ");
	if (n->sc == SC_FSTAT) {
		sb_puts(o, "cosy_fstat(F->st.s, ");
		fd_text(e, n->kids[0], o);
		sb_printf(o, ", %u", e->r->stat_off);
	} else {
		sb_puts(o, "cosy_fstatat(F->st.s, ");
		if (n->sc == SC_FSTATAT)
			fd_text(e, n->kids[0], o);
		else
			sb_puts(o, "COSY_AT_FDCWD");
		sb_printf(o, ", %u%s, %u, ", n->buf->seg_off, n->a ? " + (__u32)__o" : "",
			  e->r->stat_off);
		if (n->sc == SC_FSTATAT) {
			sb_puts(o, "(int)");
			ex(e, n->kids[1], o);
		} else {
			sb_puts(o, n->sc == SC_LSTAT ? "COSY_AT_SYMLINK_NOFOLLOW" : "0");
		}
	}
	sb_puts(o, "); ");
	/* a walk above the dirfd the module does not make: the program's code does (WAIT) */
	if (n->sc == SC_FSTATAT)
		sb_printf(o, "if (__r == -EXDEV) COSY_RGN_TRAP_WAIT(&V->st, __r, %u); ",
			  n->loc.line);
	sb_puts(o, "if (__r == 0 && __spok) cosy_rgn_stat_out(__sp, F->st.cst); "
		"cosy_rgn_ret(&V->st, __r); }))");
}

static void off_or_0(struct em *e, struct node *off, struct sbuf *o)
{
	if (off)
		ex(e, off, o);
	else
		sb_puts(o, "0");
}

/* "__u64 __o = OFFSET, __n = LENGTH": the extent a string.h call names */
static void extent(struct em *e, struct node *off, struct node *len, struct sbuf *o)
{
	sb_puts(o, "__u64 __o = (__u64)(");
	off_or_0(e, off, o);
	sb_puts(o, "), __n = (__u64)(");
	ex(e, len, o);
	sb_puts(o, ")");
}

/*
 * memcpy/memmove: cosy_memcpy() (a memmove inside the segment), memset:
 * cosy_memset(); one charged call each.  Both extents are checked first;
 * outside its variable the region traps, as the C is undefined.
 */
static void mem_call(struct em *e, struct node *n, struct sbuf *o)
{
	struct var *d = n->buf;
	unsigned ln = n->loc.line;

	extent(e, n->a, n->kids[n->nkids - 1], o);
	if (n->sc == SC_MEMCPY) {
		sb_puts(o, ", __s = (__u64)(");
		off_or_0(e, n->b, o);
		sb_puts(o, ")");
	}
	sb_printf(o, "; if (!COSY_RGN_FITS(__o, __n, %luUL)", slice_size(d));
	if (n->sc == SC_MEMCPY)
		sb_printf(o, " || !COSY_RGN_FITS(__s, __n, %luUL)", slice_size(n->buf2));
	sb_printf(o, ") COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u); ", ln);
	if (n->sc == SC_MEMCPY) {
		sb_printf(o, "if (__n) COSY_RGN_KCALL(&F->st, &V->st, cosy_memcpy(F->st.s, %u + "
			  "(__u32)__o, %u + (__u32)__s, (__u32)__n), %u); ", d->seg_off,
			  n->buf2->seg_off, ln);
	} else {
		sb_printf(o, "if (__n) COSY_RGN_KCALL(&F->st, &V->st, cosy_memset(F->st.s, %u + "
			  "(__u32)__o, (int)(", d->seg_off);
		ex(e, n->kids[0], o);
		sb_printf(o, "), (__u32)__n), %u); ", ln);
	}
	sb_puts(o, "}))");
}

/*
 * __k = the length of the string at `off` (an offset variable's name) in
 * v, by its NUL, which must be in v: C would read past it, the region
 * traps; then `dst` = __k, if given.
 */
static void nul_len(struct sbuf *o, const struct var *v, const char *off, const char *dst,
		    unsigned ln)
{
	sb_printf(o, "__k = cosy_memchr(F->st.s, %u + (__u32)%s, (__u32)(%luUL - %s), 0); "
		  "COSY_RGN_KCALL(&F->st, &V->st, __k < 0, %u); if ((__u64)__k >= %luUL - %s) "
		  "COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u); ", v->seg_off, off,
		  slice_size(v), off, ln, slice_size(v), off, ln);
	if (dst)
		sb_printf(o, "%s = (__u64)__k; ", dst);
}

/*
 * memchr, memmem: one kfunc each over the checked extent; the pointer
 * they return is the found index plus the haystack's offset, or NULL
 * (COSY_RGN_NULL) when the kfunc answers len.  An empty needle is found
 * at the start, as memmem(3) finds it, without a call.  strstr is memmem
 * over the two strings' lengths (nul_len()).
 */
static void find_call(struct em *e, struct node *n, struct sbuf *o)
{
	struct var *h = n->buf;
	unsigned ln = n->loc.line;

	if (n->sc == SC_MEMMEM && n->ival) {
		/* strstr(): memmem() over the strings' lengths */
		sb_puts(o, "__u64 __o = (__u64)(");
		off_or_0(e, n->a, o);
		sb_puts(o, "), __q = (__u64)(");
		off_or_0(e, n->b, o);
		sb_printf(o, "), __n, __m; __s64 __p = COSY_RGN_NULL, __k; if (__o >= %luUL || "
			  "__q >= %luUL) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u); ",
			  slice_size(h), slice_size(n->buf2), ln);
		nul_len(o, h, "__o", "__n", ln);
		nul_len(o, n->buf2, "__q", "__m", ln);
	} else {
		extent(e, n->a, n->kids[n->sc == SC_MEMCHR ? 1 : 0], o);
		if (n->sc == SC_MEMMEM) {
			sb_puts(o, ", __q = (__u64)(");
			off_or_0(e, n->b, o);
			sb_puts(o, "), __m = (__u64)(");
			ex(e, n->kids[1], o);
			sb_puts(o, ")");
		}
		sb_printf(o, "; __s64 __p = COSY_RGN_NULL, __k; if (!COSY_RGN_FITS(__o, __n, "
			  "%luUL)", slice_size(h));
		if (n->sc == SC_MEMMEM)
			sb_printf(o, " || !COSY_RGN_FITS(__q, __m, %luUL)", slice_size(n->buf2));
		sb_printf(o, ") COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u); ", ln);
	}
	if (n->sc == SC_MEMCHR) {
		sb_printf(o, "if (__n) { __k = cosy_memchr(F->st.s, %u + (__u32)__o, (__u32)__n, "
			  "(int)(", h->seg_off);
		ex(e, n->kids[0], o);
		sb_puts(o, "));");
	} else {
		sb_printf(o, "if (!__m) __p = (__s64)__o; else if (__m <= __n) { __k = "
			  "cosy_memmem(F->st.s, %u + (__u32)__o, (__u32)__n, %u + (__u32)__q, "
			  "(__u32)__m);", h->seg_off, n->buf2->seg_off);
	}
	sb_printf(o, " COSY_RGN_KCALL(&F->st, &V->st, __k < 0, %u); if ((__u64)__k < __n) "
		  "__p = (__s64)(__o + __k); } __p; }))", ln);
}

/*
 * Call n, whose emitter `fn` writes a callback of its own (a byte scan,
 * fgets()'s loop) beside the call's text.  The text may be written twice
 * (a for loop's step is also where a yielded run resumes into it: see
 * resume_dispatch()); the callback is written the first time only.
 */
static void cb_call(struct em *e, struct node *n, struct sbuf *o,
		    void (*fn)(struct em *, struct node *, struct sbuf *))
{
	struct sbuf protos = e->protos, fns = e->fns;

	if (!e->cb_done[n->loop_id]) {
		e->cb_done[n->loop_id] = true;
		fn(e, n, o);
		return;
	}
	memset(&e->protos, 0, sizeof(e->protos));
	memset(&e->fns, 0, sizeof(e->fns));
	fn(e, n, o);
	sb_free(&e->protos);
	sb_free(&e->fns);
	e->protos = protos;
	e->fns = fns;
}

static void scan_fn_name(struct em *e, struct sbuf *o, unsigned id)
{
	sb_printf(o, "%s_scan%u", e->r->name, id);
}

/*
 * The callback of scan n over x (its prototype, and its body up to c, the
 * byte at o = a0 + i): the guard asked every 256 bytes, and a stop at x's
 * end, where the caller traps (the string has no end in its array).
 * `locals`: more __u64s beside o.
 */
static void scan_cb_open(struct em *e, const struct node *n, const char *what, const char *locals)
{
	const struct var *x = n->buf;
	unsigned ln = n->loc.line;

	sb_puts(&e->protos, "static long ");
	scan_fn_name(e, &e->protos, n->loop_id);
	sb_puts(&e->protos, "(__u32 i, void *ctx);\n");
	sb_printf(&e->fns, "/* %s:%u: %s, one byte per bpf_loop() iteration */\nstatic long ",
		  e->u->path, ln, what);
	scan_fn_name(e, &e->fns, n->loop_id);
	sb_printf(&e->fns, "(__u32 i, void *ctx)\n{\n\tstruct %s_frame *F = ctx;\n"
		  "\tstruct %s_vars *V = F->V;\n\t__u64 o = V->sc.a0 + i%s;\n\t__u8 c;\n\n"
		  "\tif (i && cosy_rgn_guard(&F->st, &V->st, i, ~0U, %u, 0, 0))\n\t\treturn 1;\n"
		  "\tif (o >= %luUL)\n\t\treturn 1;\t/* no end in it: the caller traps */\n"
		  "\tc = COSY_RGN_ATV(__u8, F->b_%s, %u, COSY_RGN_IDX(&V->st, o, %luUL, %u));\n",
		  e->r->name, e->r->name, locals, ln, slice_size(x), x->field, x->seg_off,
		  slice_size(x), ln);
}

/*
 * strtol() and its kin: the scan of cosy_region_scan.h over the string,
 * from a0 (its offset); a1 is then where it ended, as an offset, for the
 * store of the end pointer (n->c), and a0 whether the base was good (a
 * bad one fails with EINVAL and stores nothing).  A string whose array
 * ends in the number's bytes traps, as C reads past it.
 */
static void strto_scan(struct em *e, struct node *n, struct sbuf *o)
{
	struct var *x = n->buf;
	unsigned ln = n->loc.line;

	sb_puts(o, "__u64 __s0 = (__u64)(");
	off_or_0(e, n->a, o);
	sb_puts(o, "), __b = (__u64)(__s64)(");
	ex(e, n->kids[0], o);
	sb_puts(o, "); __s64 __v = 0; V->sc.a0 = 0; if (__b == 1 || __b > 36) { V->st.err = "
		"EINVAL; } else { V->sc.a0 = __s0; V->sc.a1 = 0; V->sc.a2 = __b; V->sc.a3 = 0; "
		"bpf_loop(");
	sb_printf(o, "%luU, ", slice_size(x));
	scan_fn_name(e, o, n->loop_id);
	sb_printf(o, ", F, 0); if (V->st.status) return 1; if (!(V->sc.a2 & COSY_RGN_STRTO_END)) "
		  "COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u); __v = cosy_rgn_strto_value("
		  "&V->sc, %d, &V->st.err); V->sc.a1 += __s0; V->sc.a0 = 1; } ", ln, (int)n->ival);
	if (n->c) {
		ex(e, n->c, o);
		sb_puts(o, "; ");
	}
	sb_puts(o, "__v; }))");

	scan_cb_open(e, n, "strtol", "");
	sb_puts(&e->fns, "\treturn cosy_rgn_strto_step(&V->sc, i, c);\n}\n\n");
}

/*
 * strspn, strcspn, strpbrk: a scan from a0 to the first byte in the set
 * (out of it, for strspn) or the NUL; a1 is its index, a3 whether it was
 * in the set.  The set's bits are constants of the callback.
 */
static void span_scan(struct em *e, struct node *n, struct sbuf *o)
{
	static const char *const names[] = { "strspn", "strcspn", "strpbrk" };
	struct var *x = n->buf;
	unsigned ln = n->loc.line;

	sb_puts(o, "__u64 __s0 = (__u64)(");
	off_or_0(e, n->a, o);
	sb_printf(o, "); V->sc.a0 = __s0; V->sc.a1 = ~0ULL; V->sc.a3 = 0; bpf_loop(%luU, ",
		  slice_size(x));
	scan_fn_name(e, o, n->loop_id);
	sb_printf(o, ", F, 0); if (V->st.status) return 1; if (V->sc.a1 == ~0ULL) "
		  "COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u); ", ln);
	if (n->ival == 2)
		sb_puts(o, "V->sc.a3 ? (__s64)(V->sc.a0 + V->sc.a1) : COSY_RGN_NULL; }))");
	else
		sb_puts(o, "(__s64)V->sc.a1; }))");

	scan_cb_open(e, n, names[n->ival], ", m");
	sb_printf(&e->fns, "\tm = c < 64 ? %#llxULL : c < 128 ? %#llxULL : c < 192 ? %#llxULL : "
		  "%#llxULL;\n\tV->sc.a3 = (m >> (c & 63)) & 1;\n"
		  "\tif (c == 0 || V->sc.a3 == %d) {\n\t\tV->sc.a1 = i;\n\t\treturn 1;\n\t}\n"
		  "\treturn 0;\n}\n\n", (unsigned long long)n->kids[0]->ival,
		  (unsigned long long)n->kids[1]->ival, (unsigned long long)n->kids[2]->ival,
		  (unsigned long long)n->kids[3]->ival, n->ival ? 1 : 0);
}

/*
 * strlen, memcmp: a bpf_loop() over the bytes, in a callback of their
 * own; the operands and the result go through the segment's scratch
 * words (V->sc.a0..a3), the guard is asked every 256 bytes.  A string
 * without a NUL in its array traps (C would read past it).  Operands are
 * computed into locals before any scratch word is set: an operand may
 * hold a scan of its own (strcat's strlen(), memcmp(a + strlen(b), ...)),
 * which uses the same words.
 */
static void scan_call(struct em *e, struct node *n, struct sbuf *o)
{
	struct var *x = n->buf, *y = n->buf2;
	unsigned ln = n->loc.line;
	struct sbuf f = { 0 };

	if (n->sc == SC_STRCHR && n->ival == 2) {
		/*
		 * memrchr: n bytes, checked to lie in the variable, from the end
		 * back (a1: the last index); a3: where the c is
		 */
		sb_puts(o, "__u64 __s0 = (__u64)(");
		off_or_0(e, n->a, o);
		sb_puts(o, "), __s2 = (__u8)(");
		ex(e, n->kids[0], o);
		sb_puts(o, "), __n = (__u64)(");
		ex(e, n->kids[1], o);
		sb_printf(o, "); if (!COSY_RGN_FITS(__s0, __n, %luUL)) COSY_RGN_TRAP(&V->st, "
			  "COSY_RGN_TRAP_BOUNDS, %u); V->sc.a0 = __s0; V->sc.a1 = __n - 1; V->sc.a2 = "
			  "__s2; V->sc.a3 = ~0ULL; if (__n) bpf_loop((__u32)__n, ", slice_size(x), ln);
		scan_fn_name(e, o, n->loop_id);
		sb_puts(o, ", F, 0); if (V->st.status) return 1; V->sc.a3 == ~0ULL ? COSY_RGN_NULL : "
			"(__s64)(V->sc.a0 + V->sc.a3); }))");
	} else if (n->sc == SC_STRCHR) {
		/*
		 * a1: where the scan stopped (c for strchr, or the NUL), a3:
		 * the c found (the last one for strrchr); no NUL and no c
		 * before the array's end traps, as for strlen.
		 */
		sb_puts(o, "__u64 __s0 = (__u64)(");
		off_or_0(e, n->a, o);
		sb_puts(o, "), __s2 = (__u8)(");
		ex(e, n->kids[0], o);
		sb_printf(o, "); V->sc.a0 = __s0; V->sc.a2 = __s2; V->sc.a1 = ~0ULL; V->sc.a3 = ~0ULL; "
			  "bpf_loop(%luU, ", slice_size(x));
		scan_fn_name(e, o, n->loop_id);
		sb_printf(o, ", F, 0); if (V->st.status) return 1; if (V->sc.a1 == ~0ULL) "
			  "COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u); V->sc.a3 == ~0ULL ? "
			  "COSY_RGN_NULL : (__s64)(V->sc.a0 + V->sc.a3); }))", ln);
	} else if (n->sc == SC_STRCPY) {
		/*
		 * a0: the source, a2: the destination, a1: where the source's
		 * NUL was.  strcpy and strcat copy up to the NUL and trap when
		 * the source has none in its array; strncpy copies n bytes, NULs
		 * after the source's, and traps if n overflows the destination
		 * (the callback's index checks trap the others).  strcat's first
		 * iterations find the destination's NUL (a3: how many they
		 * were), so one loop of both sizes covers the scan and the copy.
		 */
		sb_puts(o, "__u64 __s2 = (__u64)(");
		off_or_0(e, n->a, o);
		sb_puts(o, "), __s0 = (__u64)(");
		off_or_0(e, n->b, o);
		sb_puts(o, "), __n = (__u64)(");
		if (n->ival == 1)
			ex(e, n->kids[0], o);
		else
			sb_printf(o, "%luUL", slice_size(y) + (n->ival == 2 ? slice_size(x) : 0));
		sb_puts(o, "); V->sc.a0 = __s0; V->sc.a2 = __s2; V->sc.a1 = ~0ULL; V->sc.a3 = ~0ULL; ");
		if (n->ival == 1)
			sb_printf(o, "if (!COSY_RGN_FITS(V->sc.a2, __n, %luUL)) COSY_RGN_TRAP(&V->st, "
				  "COSY_RGN_TRAP_BOUNDS, %u); ", slice_size(x), ln);
		sb_puts(o, "if (__n) bpf_loop((__u32)__n, ");
		scan_fn_name(e, o, n->loop_id);
		sb_puts(o, ", F, 0); if (V->st.status) return 1; ");
		if (n->ival != 1)
			sb_printf(o, "if (V->sc.a1 == ~0ULL) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, "
				  "%u); ", ln);
		sb_puts(o, "0; }))");
	} else if (n->sc == SC_STRCMP || n->sc == SC_STRNCMP) {
		/*
		 * Up to the first difference or NUL; a string with no NUL in its
		 * variable traps at the variable's end (C would read past it),
		 * so the loop need not run further than that.
		 */
		sb_printf(o, "__u64 __n = %luUL; ", slice_size(x) + 1);
		if (n->sc == SC_STRNCMP) {
			sb_puts(o, "__u64 __m = (__u64)(");
			ex(e, n->kids[0], o);
			sb_puts(o, "); if (__m < __n) __n = __m; ");
		}
		sb_puts(o, "__u64 __s0 = (__u64)(");
		off_or_0(e, n->a, o);
		sb_puts(o, "), __s2 = (__u64)(");
		off_or_0(e, n->b, o);
		sb_puts(o, "); V->sc.a0 = __s0; V->sc.a2 = __s2; V->sc.a3 = 0; "
			"if (__n) bpf_loop((__u32)__n, ");
		scan_fn_name(e, o, n->loop_id);
		sb_puts(o, ", F, 0); if (V->st.status) return 1; (int)(__s64)V->sc.a3; }))");
	} else {
		sb_puts(o, "__u64 __n = (__u64)(");
		ex(e, n->kids[0], o);
		sb_puts(o, "), __s0 = (__u64)(");
		off_or_0(e, n->a, o);
		sb_puts(o, "), __s2 = (__u64)(");
		off_or_0(e, n->b, o);
		sb_printf(o, "); V->sc.a0 = __s0; V->sc.a2 = __s2; if (!COSY_RGN_FITS(V->sc.a0, __n, %luUL) || "
			  "!COSY_RGN_FITS(V->sc.a2, __n, %luUL)) COSY_RGN_TRAP(&V->st, "
			  "COSY_RGN_TRAP_BOUNDS, %u); V->sc.a3 = 0; if (__n) bpf_loop((__u32)__n, ",
			  slice_size(x), slice_size(y), ln);
		scan_fn_name(e, o, n->loop_id);
		sb_puts(o, ", F, 0); if (V->st.status) return 1; (int)(__s64)V->sc.a3; }))");
	}

	/* the callback */
	sb_puts(&e->protos, "static long ");
	scan_fn_name(e, &e->protos, n->loop_id);
	sb_puts(&e->protos, "(__u32 i, void *ctx);\n");
	sb_printf(&f, "/* %s:%u: %s, one byte per bpf_loop() iteration */\nstatic long ",
		  e->u->path, ln, n->sc == SC_STRCHR && n->ival ? (n->ival == 2 ? "memrchr" : "strrchr") :
		  n->sc == SC_STRCPY && n->ival ? (n->ival == 1 ? "strncpy" : "strcat") :
		  sysc_name(n->sc));
	scan_fn_name(e, &f, n->loop_id);
	sb_printf(&f, "(__u32 i, void *ctx)\n{\n\tstruct %s_frame *F = ctx;\n"
		  "\tstruct %s_vars *V = F->V;\n", e->r->name, e->r->name);
	/* memrchr: from the end back, to the first c (a1: the last index) */
	sb_printf(&f, "\t__u64 o = V->sc.a0 + %s;\n\t__u8 c;\n\n"
		  "\tif (i && cosy_rgn_guard(&F->st, &V->st, i, ~0U, %u, 0, 0))\n\t\treturn 1;\n",
		  n->sc == SC_STRCHR && n->ival == 2 ? "(V->sc.a1 - i)" : "i", ln);
	if (n->sc == SC_STRCPY) {
		if (n->ival == 2) {
			/* strcat: the destination's NUL first; the copy starts on it */
			sb_printf(&f, "\tif (V->sc.a3 == ~0ULL) {\n\t\tif (COSY_RGN_ATV(__u8, F->b_%s, "
				  "%u, COSY_RGN_IDX(&V->st, V->sc.a2 + i, %luUL, %u)) == 0) {\n"
				  "\t\t\tV->sc.a2 += i;\n\t\t\tV->sc.a3 = i + 1;\n\t\t}\n"
				  "\t\treturn 0;\n\t}\n\ti -= V->sc.a3;\n\to = V->sc.a0 + i;\n",
				  x->field, x->seg_off, slice_size(x), ln);
		}
		if (n->ival == 1)	/* past the source's NUL: NULs */
			sb_puts(&f, "\tc = 0;\n\tif (V->sc.a1 == ~0ULL) {\n\t");
		else
			sb_printf(&f, "\tif (o >= %luUL)\n\t\treturn 1;\t/* no NUL in it: the "
				  "caller traps */\n", slice_size(y));
		sb_printf(&f, "\tc = COSY_RGN_ATV(__u8, F->b_%s, %u, COSY_RGN_IDX(&V->st, o, %luUL, "
			  "%u));\n", y->field, y->seg_off, slice_size(y), ln);
		if (n->ival == 1)
			sb_puts(&f, "\t\tif (c == 0)\n\t\t\tV->sc.a1 = i;\n\t}\n");
		sb_printf(&f, "\tCOSY_RGN_ATV(__u8, F->b_%s, %u, COSY_RGN_IDX(&V->st, V->sc.a2 + i, "
			  "%luUL, %u)) = c;\n", x->field, x->seg_off, slice_size(x), ln);
		if (n->ival != 1)
			sb_puts(&f, "\tif (c == 0) {\n\t\tV->sc.a1 = i;\n\t\treturn 1;\n\t}\n");
		sb_puts(&f, "\treturn 0;\n}\n\n");
		sb_putn(&e->fns, f.s, f.len);
		sb_free(&f);
		return;
	}
	/* a string scan stops at the array's end, where the caller traps */
	if (n->sc == SC_STRCHR && n->ival != 2)
		sb_printf(&f, "\tif (o >= %luUL)\n\t\treturn 1;\t/* no NUL in it: the caller traps */\n",
			  slice_size(x));
	sb_printf(&f, "\tc = COSY_RGN_ATV(__u8, F->b_%s, %u, COSY_RGN_IDX(&V->st, o, %luUL, "
		  "%u));\n", x->field, x->seg_off, slice_size(x), ln);
	if (n->sc == SC_STRCHR && n->ival == 2) {
		sb_puts(&f, "\tif (c == V->sc.a2) {\n\t\tV->sc.a3 = V->sc.a1 - i;\n\t\treturn 1;\n\t}\n");
	} else if (n->sc == SC_STRCHR) {
		sb_printf(&f, "\tif (c == V->sc.a2)\n\t\tV->sc.a3 = i;\n"
			  "\tif (c == 0%s) {\n\t\tV->sc.a1 = i;\n\t\treturn 1;\n\t}\n",
			  n->ival ? "" : " || c == V->sc.a2");
	} else {
		sb_printf(&f, "\t{\n\t\t__u8 d = COSY_RGN_ATV(__u8, F->b_%s, %u, "
			  "COSY_RGN_IDX(&V->st, V->sc.a2 + i, %luUL, %u));\n\n", y->field, y->seg_off,
			  slice_size(y), ln);
		sb_puts(&f, "\t\tif (c != d) {\n\t\t\tV->sc.a3 = (__u64)(__s64)((int)c - (int)d);\n"
			"\t\t\treturn 1;\n\t\t}\n\t}\n");
		if (n->sc == SC_STRCMP || n->sc == SC_STRNCMP)
			sb_puts(&f, "\tif (c == 0)\n\t\treturn 1;\t/* both strings end here */\n");
	}
	sb_puts(&f, "\treturn 0;\n}\n\n");
	sb_putn(&e->fns, f.s, f.len);
	sb_free(&f);
}

/*
 * strlen(): a cosy_memchr() of the NUL from the string's offset to its
 * array's end, one kfunc where a byte scan took a bpf_loop() iteration a
 * byte.  A string with no NUL in its array traps (C would read past it),
 * as one that starts past the array's end.
 */
static void strlen_call(struct em *e, struct node *n, struct sbuf *o)
{
	unsigned long size = slice_size(n->buf);
	unsigned ln = n->loc.line;

	sb_puts(o, "__u64 __o = (__u64)(");
	off_or_0(e, n->a, o);
	sb_printf(o, "); __s64 __k; if (__o >= %luUL) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, "
		  "%u); __k = cosy_memchr(F->st.s, %u + (__u32)__o, (__u32)(%luUL - __o), 0); "
		  "COSY_RGN_KCALL(&F->st, &V->st, __k < 0, %u); if ((__u64)__k >= %luUL - __o) "
		  "COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u); (__u64)__k; }))", size, ln,
		  n->buf->seg_off, size, ln, size, ln);
}

/*
 * fgets(s, n, f) and fread(s, size, nmemb, f), f stdin or a FILE the
 * region opened: a bpf_loop() whose pass takes what the stream's buffer
 * holds (fgets: up to and with the newline, in one cosy_memccpy(); fread:
 * a cosy_memcpy()), after refilling the buffer with a read of the
 * stream's fd when it is empty; the buffer's state is the stream's
 * variables (struct instream), as getc() leaves it.  fread() reads what is
 * left of a request of a buffer or more straight into s, as glibc does.
 * Scratch words: a0 the destination's offset, a1 the most bytes it takes
 * (n - 1, or size * nmemb), a2 how many it took, a3 1 when a read failed.
 * A pass takes at least a byte or ends the loop, so a1 + 2 passes are
 * enough; a destination too small for what comes traps as the store
 * would have overflowed it.
 */
static void fgets_call(struct em *e, struct node *n, struct sbuf *o)
{
	struct region *r = e->r;
	struct instream *s = n->in;
	struct var *x = n->buf, *in = s->buf;
	struct var *st[] = { s->pos, s->len, s->eof, s->err };
	unsigned long size = slice_size(x);
	unsigned ln = n->loc.line;
	unsigned long long set = 0;
	bool items = n->ival == 1;
	struct sbuf f = { 0 }, fd = { 0 };

	for (unsigned k = 0; k < sizeof(st) / sizeof(st[0]); k++)
		if (st[k]->maybe)
			set |= 1ULL << st[k]->setbit;
	sb_puts(o, "__u64 __o = (__u64)(");
	off_or_0(e, n->a, o);
	if (items) {
		/* fread(): size * nmemb bytes, which must fit where they go */
		sb_puts(o, "), __s = (__u64)(");
		ex(e, n->kids[1], o);
		sb_puts(o, "), __m = (__u64)(");
		ex(e, n->kids[2], o);
		sb_printf(o, "), __l = 0, __p = 0; if (__s && __m) { if (__m > %luUL / __s || "
			  "!COSY_RGN_FITS(__o, __s * __m, %luUL)) COSY_RGN_TRAP(&V->st, "
			  "COSY_RGN_TRAP_BOUNDS, %u); __l = __s * __m; ", size, size, ln);
	} else {
		sb_puts(o, "); __s64 __n = (__s64)(int)(");
		ex(e, n->kids[1], o);
		/* n == 1: only the NUL, nothing read (glibc) */
		sb_printf(o, "), __p = COSY_RGN_NULL; __u64 __l; if (__n == 1) { COSY_RGN_ATV(__u8, "
			  "F->b_%s, %u, COSY_RGN_IDX(&V->st, __o, %luUL, %u)) = 0; __p = (__s64)__o; "
			  "} else if (__n > 1) { __l = (__u64)__n - 1; ", x->field, x->seg_off, size, ln);
	}
	if (set)
		sb_printf(o, "V->st.set |= %lluULL; ", set);
	sb_printf(o, "V->sc.a0 = __o; V->sc.a1 = __l; V->sc.a2 = 0; V->sc.a3 = 0; "
		  "bpf_loop((__u32)(__l < %luUL ? __l : %luUL) + 2, ", size, size);
	scan_fn_name(e, o, n->loop_id);
	sb_puts(o, ", F, 0); if (V->st.status) return 1; ");
	if (items)
		sb_puts(o, "__p = V->sc.a2 / __s; } __p; }))");
	else
		sb_printf(o, "if (V->sc.a2 && !V->sc.a3) { COSY_RGN_ATV(__u8, F->b_%s, %u, "
			  "COSY_RGN_IDX(&V->st, __o + V->sc.a2, %luUL, %u)) = 0; __p = (__s64)__o; "
			  "} } __p; }))", x->field, x->seg_off, size, ln);

	/* the callback: the stream's variables are in memory (not promoted) */
	if (s->fd)
		sb_printf(&fd, "(int)V->v_%s", s->fd->field);
	else
		sb_puts(&fd, "0");
	sb_puts(&e->protos, "static long ");
	scan_fn_name(e, &e->protos, n->loop_id);
	sb_puts(&e->protos, "(__u32 i, void *ctx);\n");
	sb_printf(&f, "/* %s:%u: %s, a refill, the bytes %s a pass */\nstatic long ", e->u->path,
		  ln, items ? "fread()" : "fgets()", items ? "buffered" : "up to a newline");
	scan_fn_name(e, &f, n->loop_id);
	sb_printf(&f, "(__u32 i, void *ctx)\n{\n\tstruct %s_frame *F = ctx;\n"
		  "\tstruct %s_vars *V = F->V;\n", r->name, r->name);
	sb_printf(&f, "\t__u64 got = V->sc.a2, pos, len, want, at;\n\t__s64 k;\n\n"
		  "\tif (i && cosy_rgn_guard(&F->st, &V->st, i, ~0U, %u, 0, 0))\n\t\treturn 1;\n"
		  "\tif (got >= V->sc.a1)\n\t\treturn 1;\n\tat = V->sc.a0 + got;\n", ln);
	/* the state is in the segment: another thread may have changed it */
	sb_printf(&f, "\tpos = (__u64)V->v_%s;\n\tlen = (__u64)V->v_%s;\n"
		  "\tif (pos >= len) {\n\t\tif (V->v_%s)\n\t\t\treturn 1;\t/* EOF stays */\n",
		  s->pos->field, s->len->field, s->eof->field);
	if (items)	/* a buffer's worth or more: read into the destination */
		sb_printf(&f, "\t\twant = V->sc.a1 - got;\n\t\tif (want >= %luUL) {\n"
			  "\t\t\tif (!COSY_RGN_FITS(at, want, %luUL))\n"
			  "\t\t\t\tCOSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u);\n"
			  "\t\t\tk = cosy_read(F->st.s, %s, %u + (__u32)at, (__u32)want);\n"
			  "\t\t\tif (k > 0) {\n\t\t\t\tV->sc.a2 = got + (__u64)k;\n"
			  "\t\t\t\treturn 0;\n\t\t\t}\n\t\t} else {\n\t\t\tk = cosy_read("
			  "F->st.s, %s, %u, %lu);\n\t\t}\n", slice_size(in), size, ln, fd.s,
			  x->seg_off, fd.s, in->seg_off, slice_size(in));
	else
		sb_printf(&f, "\t\tk = cosy_read(F->st.s, %s, %u, %lu);\n", fd.s, in->seg_off,
			  slice_size(in));
	sb_printf(&f, "\t\tV->v_%s = 0;\n"
		  "\t\tif (k <= 0) {\n\t\t\tif (k < 0) {\n\t\t\t\tV->v_%s = 1;\n"
		  "\t\t\t\tV->st.err = (int)-k;\n\t\t\t\tV->sc.a3 = 1;\n\t\t\t} else {\n"
		  "\t\t\t\tV->v_%s = 1;\n\t\t\t}\n\t\t\tV->v_%s = 0;\n\t\t\treturn 1;\n"
		  "\t\t}\n\t\tV->v_%s = k;\n\t\tpos = 0;\n\t\tlen = (__u64)k;\n\t}\n",
		  s->pos->field, s->err->field, s->eof->field, s->len->field, s->len->field);
	sb_printf(&f, "\twant = len - pos;\n\tif (want > V->sc.a1 - got)\n\t\twant = V->sc.a1 - got;\n"
		  "\tif (!COSY_RGN_FITS(pos, want, %luUL) || !COSY_RGN_FITS(at, want, %luUL))\n"
		  "\t\tCOSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u);\n", slice_size(in), size, ln);
	if (items)
		sb_printf(&f, "\tCOSY_RGN_KCALL(&F->st, &V->st, cosy_memcpy(F->st.s, %u + (__u32)at, "
			  "%u + (__u32)pos, (__u32)want), %u);\n", x->seg_off, in->seg_off, ln);
	else	/* up to the newline, one kfunc: how many bytes with it, or 0 */
		sb_printf(&f, "\tk = cosy_memccpy(F->st.s, %u + (__u32)at, %u + (__u32)pos, '\\n', "
			  "(__u32)want);\n\tCOSY_RGN_KCALL(&F->st, &V->st, k < 0, %u);\n"
			  "\tif (k > 0)\n\t\twant = (__u64)k;\n", x->seg_off, in->seg_off, ln);
	sb_printf(&f, "\tV->v_%s = (long)(pos + want);\n\tV->sc.a2 = got + want;\n",
		  s->pos->field);
	sb_puts(&f, items ? "\treturn 0;\n}\n\n" :
		"\treturn k > 0;\t/* the newline: the line is whole */\n}\n\n");
	sb_putn(&e->fns, f.s, f.len);
	sb_free(&f);
	sb_free(&fd);
}

static bool small_const(const struct node *n, long long *v);

/*
 * The program's own open flags, as open(2) takes them: the bits it does
 * not know dropped (cosy_open() refuses them, as openat2(2) does), bit 30,
 * cosy's COSY_O_PRIVATE, among them: the region would otherwise hold a
 * session handle where the program expects an fd.  A constant with known
 * bits only goes as it is; any other value through cosy_rgn_oflags().
 */
static void open_flags(struct em *e, struct node *k, struct sbuf *o)
{
	long long v;

	if (small_const(k, &v) && !(v & ~(long long)COSY_RGN_OPEN_FLAGS)) {
		sb_puts(o, "(int)");
		ex(e, k, o);
		return;
	}
	sb_puts(o, "cosy_rgn_oflags((int)");
	ex(e, k, o);
	sb_puts(o, ")");
}

/* The bytes snprintf()'s sink holds (as large as the largest destination). */
static unsigned snp_cap(const struct em *e)
{
	return (unsigned)e->r->snp->size - COSY_RGN_OUT_HEAD;
}

/* The bytes the buffer of an output call holds. */
static unsigned out_cap(const struct em *e, const struct node *n)
{
	return n->out_fd == 2 ? ERR_SIZE : n->out_fd < 0 ? snp_cap(e) : OUT_SIZE;
}

/*
 * printf() and co. (out_call() in ir.c): a piece formatted by
 * bpf_snprintf() into the region's piece scratch, then copied into its
 * stdout buffer; a %s copied from its variable up to its NUL, which must
 * be there, as C's %s reads up to it (the region traps if it is not).
 */
/* The buffer an output call writes: stderr's, snprintf()'s sink, a FILE's or stdout's. */
static const struct var *out_var(const struct em *e, const struct node *n)
{
	if (n->out_fd == OUT_FILE)
		return n->in->obuf;
	return n->out_fd == 2 ? e->r->err : n->out_fd < 0 ? e->r->snp : e->r->out;
}

/*
 * The frame's pointer to output buffer v, through frame `f` ("F->" or
 * "f."): its slice, or for a FILE's its place in the block of them.
 */
static const char *out_ptr(const struct var *v, const char *f, char buf[static 128])
{
	int n;

	/* the fields are cosy-cc's own: stdout_buf, stderr_buf, files_obufs ... */
	if (v->blk)
		n = snprintf(buf, 128, "(%sb_%s + %lu)", f, v->blk->field, v->blk_off);
	else
		n = snprintf(buf, 128, "%sb_%s", f, v->field);
	assert(n > 0 && n < 128);
	return buf;
}

static void var_ref(struct em *e, const struct var *v, struct sbuf *o);

/* The runtime's arguments for the buffer: its count, offset, size and fd. */
static void out_args(struct em *e, const struct node *n, struct sbuf *o)
{
	const struct var *out = out_var(e, n);
	char p[128];

	if (n->out_fd == OUT_FILE)
		sb_printf(o, "(__u32 *)%s + %u, %u, %u, COSY_RGN_OUT_FILE, ", out_ptr(out, "F->", p),
			  OUT_FILE_WORDS, out->seg_off + OUT_FILE_SKIP, out_cap(e, n));
	else
		sb_printf(o, "(__u32 *)F->b_%s, %u, %u, %d, ", out->field, out->seg_off,
			  out_cap(e, n), n->out_fd);
}

/* n bytes c (n: C text) to the buffer, as a statement that may return 1. */
static void out_fill(struct em *e, const struct node *n, struct sbuf *o, const char *cond,
		     int c, const char *len, unsigned ln)
{
	sb_printf(o, "if (%s && cosy_rgn_out_fill(&F->st, &V->st, ", cond);
	out_args(e, n, o);
	sb_printf(o, "%d, %s, %u)) return 1; ", c, len, ln);
}

/* A piece bpf_snprintf() formatted into the scratch (__r: its length + 1) to the buffer. */
static void out_piece(struct em *e, const struct node *n, struct sbuf *o, unsigned ln)
{
	const struct var *pc = e->r->outfmt;

	sb_puts(o, "if (__r > 1 && cosy_rgn_out(&F->st, &V->st, ");
	out_args(e, n, o);
	sb_printf(o, "%u, (__u32)__r - 1, %u, 1)) return 1; ", pc->seg_off, ln);
}

static void out_call(struct em *e, struct node *n, struct sbuf *o)
{
	const struct var *pc = e->r->outfmt;
	unsigned ln = n->loc.line, w = (unsigned)(n->ival & 0xffff);
	bool left = n->ival & OUTSTR_LEFT;
	char pad[64], padlen[64];

	if (n->sc == SC_OUTFMT && !(n->ival & OUTFMT_WIDTH) && n->nkids == 1 &&
	    !strcmp(e->r->fmts[n->ival], "%c")) {
		/*
		 * putchar(c), or a %c alone: the byte itself into the buffer,
		 * without a bpf_snprintf() and a copy for one byte.  A byte
		 * loop that prints each one (cat -v, rot13, K&R's copy loops)
		 * made those two calls per byte.
		 */
		const struct var *out = out_var(e, n);
		unsigned cap = out_cap(e, n);
		bool skip = n->out_fd == OUT_FILE;	/* OUT_FILE_SKIP: the fd first */
		char p[128];

		sb_puts(o, "__u8 __c = (__u8)(");
		ex(e, n->kids[0], o);
		if (n->out_fd < 0) {
			sb_printf(o, "); __u32 __o, __k = cosy_rgn_sink((__u32 *)F->b_%s, %u, 1, "
				  "&__o); ", out->field, cap);
		} else {
			sb_puts(o, "); __u32 __o, __k = 1; if (cosy_rgn_out_room(&F->st, &V->st, ");
			out_args(e, n, o);
			sb_printf(o, "1, %u, &__o)) return 1; ", ln);
		}
		/*
		 * __o is below cap; COSY_RGN_IDX() shows the verifier so in a
		 * register of its own (6.1 lost the bound of __o, which lives
		 * on the stack: its address is taken)
		 */
		out_ptr(out, "F->", p);
		sb_printf(o, "if (__k) { __u64 __i = COSY_RGN_IDX(&V->st, __o, %u, %u); "
			  "COSY_RGN_ATV(__u8, %s, %u, %s%sCOSY_RGN_OUT_HEAD + __i) = __c; "
			  "*((__u32 *)%s%s%s) = (__u32)__i + 1; } }))",
			  cap, ln, p, out->seg_off, skip ? STR(OUT_FILE_SKIP) : "",
			  skip ? " + " : "", p, skip ? " + " : "",
			  skip ? STR(OUT_FILE_WORDS) : "");
		return;
	}
	if (n->sc == SC_OUTFMT) {
		bool wd = n->ival & OUTFMT_WIDTH;
		unsigned nd = n->nkids - wd;

		if (nd) {
			sb_printf(o, "__u64 __d[%u] = { ", nd);
			for (unsigned i = 0; i < nd; i++) {
				sb_puts(o, i ? ", (__u64)(" : "(__u64)(");
				ex(e, n->kids[i], o);
				sb_puts(o, ")");
			}
			sb_puts(o, " }; ");
		}
		sb_printf(o, "long __r = bpf_snprintf((char *)F->b_%s, %u, cosy_fmt%lld, %s, %u); ",
			  pc->field, OUT_PIECE, n->ival & ~(OUTFMT_WIDTH | OUTFMT_LEFT),
			  nd ? "__d" : "(void *)0", nd * 8);
		if (!wd) {
			out_piece(e, n, o, ln);
			sb_puts(o, "}))");
			return;
		}
		/*
		 * padded to the width (a negative one left-justifies) with
		 * spaces, in one fill of at most the buffer; __q the spaces,
		 * negative when they go after the piece (printed first, __r
		 * then 1: not again).  Few values live across the calls: 6.1
		 * sums every frame's stack, and a loop here spilled three.
		 */
		sb_puts(o, "__s64 __q = (int)(");
		ex(e, n->kids[nd], o);
		sb_printf(o, "); { __s64 __l = __r > 1 ? __r - 1 : 0; if (%d && __q > 0) __q = -__q; "
			  "if (__q < 0) __q = -__q > __l ? __q + __l : 0; else __q = __q > __l ? "
			  "__q - __l : 0; } if (__q > %u || __q < -%u) COSY_RGN_TRAP(&V->st, "
			  "COSY_RGN_TRAP_BOUNDS, %u); if (__q < 0) { ", !!(n->ival & OUTFMT_LEFT),
			  out_cap(e, n), out_cap(e, n), ln);
		out_piece(e, n, o, ln);
		sb_puts(o, "__r = 1; __q = -__q; } ");
		out_fill(e, n, o, "__q", ' ', "(__u32)__q", ln);
		out_piece(e, n, o, ln);
		sb_puts(o, "}))");
		return;
	}
	if (n->sc == SC_OUTFLUSH && n->out_fd < 0) {
		/* a snprintf() begins: its sink empty */
		sb_printf(o, "((__u32 *)F->b_%s)[0] = 0; ((__u32 *)F->b_%s)[1] = 0; }))",
			  e->r->snp->field, e->r->snp->field);
		return;
	}
	if (n->sc == SC_OUTFLUSH && n->out_fd == OUT_FILE) {
		/* [0] the fd, [2] the count, [3] the error flag (cosy_rgn_out_write()) */
		char b[128];

		out_ptr(n->in->obuf, "F->", b);
		switch (n->ival) {
		case OUTFLUSH_RESET:
			/* fopen() for writing: the fd, nothing buffered, no error */
			sb_printf(o, "__u32 *__h = (__u32 *)%s; __h[0] = (__u32)", b);
			var_ref(e, n->in->fd, o);
			sb_puts(o, "; __h[2] = 0; __h[3] = 0; }))");
			return;
		case OUTFLUSH_FERROR:
			sb_printf(o, "((__u32 *)%s)[3] != 0; }))", b);
			return;
		case OUTFLUSH_CLEARERR:
			sb_printf(o, "((__u32 *)%s)[3] = 0; 0; }))", b);
			return;
		}
		/*
		 * fflush(f) or fclose()'s: -1 if this flush failed, as
		 * glibc's (an error flag set before and nothing to write
		 * now: 0); the flag stays set either way
		 */
		sb_printf(o, "__u32 *__h = (__u32 *)%s, __b = __h[3]; __h[3] = 0; "
			  "if (cosy_rgn_out_flush(&F->st, &V->st, ", b);
		out_args(e, n, o);
		sb_printf(o, "%u)) return 1; __u32 __f = __h[3]; __h[3] |= __b; __f ? -1 : 0; }))",
			  ln);
		return;
	}
	if (n->sc == SC_SNPRINTF) {
		/*
		 * ... and ends: min(kept, size - 1) bytes and a NUL into the
		 * destination, which must hold them; the value is the total
		 */
		const struct var *snp = e->r->snp;
		bool stmt = n->ival & SNP_STMT;

		if (n->ival & SNP_SPRINTF) {
			/* sprintf(): all of it and the NUL, from the offset on */
			sb_printf(o, "__u32 *__h = (__u32 *)F->b_%s; __u64 __t = __h[1], __o = "
				  "(__u64)(", snp->field);
			off_or_0(e, n->a, o);
			sb_printf(o, "); if (__o >= %luUL || __t >= %luUL - __o || __t > %u) "
				  "COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u); if (__t) "
				  "COSY_RGN_KCALL(&F->st, &V->st, cosy_memcpy(F->st.s, %u + (__u32)__o, "
				  "%u, (__u32)__t), %u); COSY_RGN_KCALL(&F->st, &V->st, cosy_memset("
				  "F->st.s, %u + (__u32)__o + (__u32)__t, 0, 1), %u); %s }))",
				  slice_size(n->buf), slice_size(n->buf), snp_cap(e), ln,
				  n->buf->seg_off, snp->seg_off + COSY_RGN_OUT_HEAD, ln,
				  n->buf->seg_off, ln, stmt ? "" : "(int)__t;");
			return;
		}
		sb_printf(o, "__u32 *__h = (__u32 *)F->b_%s; __u64 __c = __h[0], %s__o = (__u64)(",
			  snp->field, stmt ? "" : "__t = __h[1], ");
		off_or_0(e, n->a, o);
		sb_puts(o, "), __z = (__u64)(");
		ex(e, n->kids[0], o);
		/* more than the sink kept would be stored (a destination over SNP_MAX): a trap */
		sb_printf(o, "); if (__c > %u) __c = %u; if (__z) { if (__h[1] > __c && __z - 1 > __c) "
			  "COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u); if (__c > __z - 1) __c = __z - 1; "
			  "if (!COSY_RGN_FITS(__o, __c + 1, %luUL)) COSY_RGN_TRAP(&V->st, "
			  "COSY_RGN_TRAP_BOUNDS, %u); if (__c) COSY_RGN_KCALL(&F->st, &V->st, "
			  "cosy_memcpy(F->st.s, %u + (__u32)__o, %u, (__u32)__c), %u); "
			  "COSY_RGN_KCALL(&F->st, &V->st, cosy_memset(F->st.s, %u + (__u32)__o + "
			  "(__u32)__c, 0, 1), %u); } %s }))", snp_cap(e), snp_cap(e), ln,
			  slice_size(n->buf), ln, n->buf->seg_off, snp->seg_off + COSY_RGN_OUT_HEAD,
			  ln, n->buf->seg_off, ln, stmt ? "" : "(int)__t;");
		return;
	}
	if (n->sc == SC_OUTFLUSH) {
		sb_puts(o, "if (cosy_rgn_out_flush(&F->st, &V->st, ");
		out_args(e, n, o);
		sb_printf(o, "%u)) return 1; }))", ln);
		return;
	}
	if (n->sc == SC_OUTERR) {
		/* the message's slot in the table, up to its NUL; past it, "Unknown error N" */
		sb_puts(o, "int __e = (int)(");
		ex(e, n->kids[0], o);
		sb_printf(o, "); if ((__u32)__e < %u) { __s64 __k = cosy_memchr(F->st.s, %u + "
			  "(__u32)__e * %u, %u, 0); COSY_RGN_KCALL(&F->st, &V->st, __k < 0, %u); "
			  "if (cosy_rgn_out(&F->st, &V->st, ", COSY_RGN_ERRMSG_N, n->buf->seg_off,
			  COSY_RGN_ERRMSG_SLOT, COSY_RGN_ERRMSG_SLOT, ln);
		out_args(e, n, o);
		sb_printf(o, "%u + (__u32)__e * %u, (__u32)__k, %u, 1)) return 1; } else { "
			  "__u64 __d[1] = { (__u64)(long)__e }; long __r = bpf_snprintf((char *)F->b_%s, "
			  "%u, cosy_fmt%lld, __d, 8); ", n->buf->seg_off, COSY_RGN_ERRMSG_SLOT, ln,
			  pc->field, OUT_PIECE, n->ival);
		out_piece(e, n, o, ln);
		sb_puts(o, "} }))");
		return;
	}
	if (n->ival & OUTSTR_LEN) {
		/* fwrite(): the bytes the count says, within the variable */
		sb_puts(o, "__u64 __o = (__u64)(");
		off_or_0(e, n->a, o);
		sb_puts(o, "), __n = (__u64)(");
		ex(e, n->kids[0], o);
		sb_printf(o, "); if (!COSY_RGN_FITS(__o, __n, %luUL)) COSY_RGN_TRAP(&V->st, "
			  "COSY_RGN_TRAP_BOUNDS, %u); if (cosy_rgn_out(&F->st, &V->st, ",
			  slice_size(n->buf), ln);
		out_args(e, n, o);
		sb_printf(o, "%u + (__u32)__o, (__u32)__n, %u, 0)) return 1; }))", n->buf->seg_off,
			  ln);
		return;
	}
	/*
	 * %.*s may be given the end of its variable, one past its last
	 * byte, with a precision of 0 (C reads nothing there)
	 */
	sb_puts(o, "__u64 __o = (__u64)(");
	off_or_0(e, n->a, o);
	sb_printf(o, "); __s64 __k; if (__o %s %luUL) COSY_RGN_TRAP(&V->st, "
		  "COSY_RGN_TRAP_BOUNDS, %u); ", n->ival & OUTSTR_PREC ? ">" : ">=",
		  slice_size(n->buf), ln);
	if (n->ival & OUTSTR_PREC) {
		/*
		 * %.*s: up to the NUL among at most the precision's bytes (a
		 * negative one is none); without a NUL there, the precision's
		 * bytes, which must lie in the variable
		 */
		sb_puts(o, "__s64 __pr = (int)(");
		ex(e, n->kids[0], o);
		sb_printf(o, "); __u64 __lim = %luUL - __o; if (__pr >= 0 && (__u64)__pr < __lim) "
			  "__lim = (__u64)__pr; __k = __lim ? cosy_memchr(F->st.s, %u + (__u32)__o, "
			  "(__u32)__lim, 0) : 0; COSY_RGN_KCALL(&F->st, &V->st, __k < 0, %u); if "
			  "((__u64)__k >= __lim) { if (__pr < 0 || (__u64)__pr > __lim) "
			  "COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u); __k = (__s64)__lim; } ",
			  slice_size(n->buf), n->buf->seg_off, ln, ln);
	} else {
		nul_len(o, n->buf, "__o", NULL, ln);
	}
	snprintf(pad, sizeof(pad), "(__u64)__k < %u", w);
	snprintf(padlen, sizeof(padlen), "%u - (__u32)__k", w);
	if (n->ival & OUTSTR_WDYN) {
		/*
		 * %*s: the width from its argument, a negative one
		 * left-justifying; past what the buffer holds, a trap
		 */
		sb_puts(o, "__s64 __w = (int)(");
		ex(e, n->kids[0], o);
		sb_printf(o, "); int __lj = %d || __w < 0; if (__w < 0) __w = -__w; if (__w > %u) "
			  "COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, %u); ", left, out_cap(e, n), ln);
		snprintf(pad, sizeof(pad), "!__lj && (__u64)__k < (__u64)__w");
		snprintf(padlen, sizeof(padlen), "(__u32)__w - (__u32)__k");
		w = 1;
		left = false;
	}
	if (w && !left)
		out_fill(e, n, o, pad, ' ', padlen, ln);
	sb_puts(o, "if (cosy_rgn_out(&F->st, &V->st, ");
	out_args(e, n, o);
	sb_printf(o, "%u + (__u32)__o, (__u32)__k, %u, 0)) return 1; ", n->buf->seg_off, ln);
	if (n->ival & OUTSTR_WDYN)
		out_fill(e, n, o, "__lj && (__u64)__k < (__u64)__w", ' ', padlen, ln);
	else if (w && left)
		out_fill(e, n, o, pad, ' ', padlen, ln);
	if (n->ival & OUTSTR_COLON) {
		/* perror(s): ": " after s, unless s is "" */
		out_fill(e, n, o, "__k", ':', "1", ln);
		out_fill(e, n, o, "__k", ' ', "1", ln);
	}
	sb_puts(o, "}))");
}

static void call(struct em *e, struct node *n, struct sbuf *o)
{
	struct var *b = n->buf;
	unsigned size = b ? (b->kind == VK_STR ? (b->lit ? b->litlen : 4096) : b->size) : 0;
	const char *kf = NULL;
	bool at;

	if (sysc_out(n->sc)) {
		/*
		 * void: one printf() is a comma expression of them; snprintf()'s
		 * last is its value, unless it is a statement, and a FILE's
		 * flush has one (fclose())
		 */
		bool val = (n->sc == SC_SNPRINTF && !(n->ival & SNP_STMT)) ||
			   (n->sc == SC_OUTFLUSH && n->out_fd == OUT_FILE &&
			    n->ival != OUTFLUSH_RESET);	/* fflush(), ferror(), clearerr() */

		sb_puts(o, val ? "((int)({ " : "((void)({ ");
		out_call(e, n, o);
		return;
	}
	sb_printf(o, "((%s)({ ", ct_name(n->ct));
	switch (n->sc) {
	case SC_OPEN:
	case SC_OPENAT:
	case SC_CREAT:
		/* path: a string slot (the host wrote it) or a buffer (+ offset) */
		mem_off(e, n, o);
		/*
		 * A file the syscall would wait on and the module would not
		 * (a FIFO, a terminal...) is not opened: the region stops
		 * with COSY_RGN_WAIT, and the program's code does the work.
		 */
		sb_puts(o, "int __fl = ");
		if (n->sc == SC_CREAT)
			sb_puts(o, "O_CREAT | O_WRONLY | O_TRUNC");
		else
			open_flags(e, n->kids[0], o);
		/* what the kernel reads starts in the variable (it ends at the NUL) */
		if (n->a)
			sb_printf(o, "; long __r = -EFAULT; if (__o < %u) __r = ", size);
		else
			sb_puts(o, "; long __r = -EFAULT; __r = ");
		at = n->sc == SC_OPENAT && !(n->c->k == E_CONST && n->c->ival == COSY_AT_FDCWD);
		if (at) {
			sb_puts(o, "cosy_openat(F->st.s, ");
			fd_text(e, n->c, o);
			sb_puts(o, ", ");
		} else {
			sb_puts(o, "cosy_open(F->st.s, ");
		}
		sb_printf(o, "%u%s, __fl | COSY_O_REFUSE_WAIT, ", b->seg_off,
			  n->a ? " + (__u32)__o" : "");
		if (n->sc == SC_CREAT) {
			sb_puts(o, "(int)");
			ex(e, n->kids[0], o);
		} else if (n->nkids > 1) {
			sb_puts(o, "(int)");
			ex(e, n->kids[1], o);
		} else {
			sb_puts(o, "0");
		}
		/*
		 * ... a walk above the dirfd the module does not make (-EXDEV),
		 * and a 65th fd, which a compound may not hold (-ETOOMANYREFS)
		 */
		sb_printf(o, "); if (%s__r == -ETOOMANYREFS || (__r == -EAGAIN && "
			  "!(__fl & O_NONBLOCK))) COSY_RGN_TRAP_WAIT(&V->st, __r, %u); "
			  "cosy_rgn_ret(&V->st, cosy_rgn_opened(&F->st, &V->st, __r)); }))",
			  at ? "__r == -EXDEV || " : "", n->loc.line);
		return;
	case SC_READ:
	case SC_WRITE:
	case SC_PREAD:
	case SC_PWRITE:
	case SC_GETDENTS:
		kf = n->sc == SC_READ ? "cosy_read" : n->sc == SC_WRITE ? "cosy_write" :
		     n->sc == SC_PREAD ? "cosy_pread" : n->sc == SC_PWRITE ? "cosy_pwrite" :
		     "cosy_getdents";
		mem_off(e, n, o);
		sb_puts(o, "__u64 __n = (__u64)(");
		ex(e, n->kids[1], o);
		if (n->a)
			sb_printf(o, "); long __r = -EFAULT; if (COSY_RGN_FITS(__o, __n, %uU)) __r = %s(F->st.s, ",
				  size, kf);
		else
			sb_printf(o, "); long __r = -EFAULT; if (__n <= %uU) __r = %s(F->st.s, ", size, kf);
		fd_text(e, n->kids[0], o);
		if (n->a)
			sb_printf(o, ", %u + (__u32)__o, (__u32)__n", b->seg_off);
		else
			sb_printf(o, ", %u, (__u32)__n", b->seg_off);
		if (n->nkids > 2) {
			sb_puts(o, ", (__s64)(");
			ex(e, n->kids[2], o);
			sb_puts(o, ")");
		}
		sb_puts(o, "); cosy_rgn_ret(&V->st, __r); }))");
		return;
	case SC_LSEEK:
		sb_puts(o, "cosy_rgn_ret(&V->st, cosy_lseek(F->st.s, ");
		fd_text(e, n->kids[0], o);
		sb_puts(o, ", (__s64)(");
		ex(e, n->kids[1], o);
		sb_puts(o, "), (int)(");
		ex(e, n->kids[2], o);
		sb_puts(o, "))); }))");
		return;
	case SC_STAT:
	case SC_LSTAT:
	case SC_FSTAT:
	case SC_FSTATAT:
		stat_call(e, n, size, o);
		return;
	case SC_MEMCPY:
	case SC_MEMSET:
		mem_call(e, n, o);
		return;
	case SC_STRLEN:
		strlen_call(e, n, o);
		return;
	case SC_MEMCMP:
	case SC_STRCMP:
	case SC_STRNCMP:
	case SC_STRCHR:
	case SC_STRCPY:
		cb_call(e, n, o, scan_call);
		return;
	case SC_STRTOL:
		cb_call(e, n, o, strto_scan);
		return;
	case SC_STRSPN:
		cb_call(e, n, o, span_scan);
		return;
	case SC_MEMCHR:
	case SC_MEMMEM:
		find_call(e, n, o);
		return;
	case SC_FGETS:
		cb_call(e, n, o, fgets_call);
		return;
	case SC_FSYNC:
		sb_puts(o, "cosy_rgn_ret(&V->st, cosy_fsync(F->st.s, ");
		fd_text(e, n->kids[0], o);
		sb_printf(o, ", %d)); }))", n->ival ? 1 : 0);
		return;
	case SC_FTRUNCATE:
		sb_puts(o, "cosy_rgn_ret(&V->st, cosy_ftruncate(F->st.s, ");
		fd_text(e, n->kids[0], o);
		sb_puts(o, ", (__s64)(");
		ex(e, n->kids[1], o);
		sb_puts(o, "))); }))");
		return;
	case SC_UNLINK:
		/* the path: as open's */
		mem_off(e, n, o);
		sb_printf(o, "long __r = -EFAULT; if (%s", n->a ? "__o < " : "1");
		if (n->a)
			sb_printf(o, "%u", size);
		sb_puts(o, ") __r = cosy_unlinkat(F->st.s, ");
		if (n->c)
			fd_text(e, n->c, o);
		else
			sb_puts(o, "COSY_AT_FDCWD");
		sb_printf(o, ", %u%s); ", b->seg_off, n->a ? " + (__u32)__o" : "");
		if (n->c)	/* a walk above the dirfd: as fstatat's */
			sb_printf(o, "if (__r == -EXDEV) COSY_RGN_TRAP_WAIT(&V->st, __r, %u); ",
				  n->loc.line);
		sb_puts(o, "cosy_rgn_ret(&V->st, __r); }))");
		return;
	case SC_OUTFMT:
	case SC_OUTSTR:
	case SC_OUTERR:
	case SC_OUTFLUSH:
	case SC_SNPRINTF:
		return;	/* above */
	case SC_CLOSE:
		sb_puts(o, "int __fd = ");
		fd_text(e, n->kids[0], o);
		/* the fd table exists in a region that opens: it has nothing else to forget */
		sb_printf(o, "; long __r = cosy_close(F->st.s, __fd); %scosy_rgn_ret(&V->st, __r); }))",
			  e->r->opens ? "cosy_rgn_closed(&F->st, &V->st, __fd); " : "");
		return;
	}
}

/* A scalar variable: in the segment, or in a register of the loop's iteration */
static void var_ref(struct em *e, const struct var *v, struct sbuf *o)
{
	for (unsigned i = 0; i < e->npromo; i++)
		if (e->promo[i] == v) {
			sb_printf(o, "R->v_%s", v->field);
			return;
		}
	sb_printf(o, "V->v_%s", v->field);
}

static void lvalue(struct em *e, struct node *n, struct sbuf *o)
{
	if (n->k == E_VAR)
		var_ref(e, n->var, o);
	else if (n->k == E_ERRNO)
		sb_puts(o, "V->st.err");
	else
		elem(e, n, o);
}

/* Does this write set a bit of rgn_set (a variable assigned on some paths)? */
static bool marks(struct em *e, struct node *n)
{
	if (n->a && n->a->k == E_VAR && n->a->var == e->marked)
		return false;
	if (n->k == E_ASSIGN || ((n->k == E_UNARY || n->k == E_POST) &&
				 (n->op == OP_INC || n->op == OP_DEC)))
		return n->a->k == E_VAR && n->a->var->maybe;
	return false;
}

static void assign(struct em *e, struct node *n, struct sbuf *o);
static void ex2(struct em *e, struct node *n, struct sbuf *o);

static void ex(struct em *e, struct node *n, struct sbuf *o)
{
	switch (n->k) {
	case E_CONST:
		const_text(o, n->ct, n->ival);
		break;
	case E_ELEM:
		for (unsigned k = 0; k < e->ncse; k++) {
			if (same_node(e->cse[k], n)) {
				sb_printf(o, "__e%u", e->cse_id[k]);
				return;
			}
		}
		lvalue(e, n, o);
		break;
	case E_VAR:
	case E_ERRNO:
		lvalue(e, n, o);
		break;
	case E_UNARY:
		if (marks(e, n))
			sb_printf(o, "(V->st.set |= %lluULL, ", 1ULL << n->a->var->setbit);
		sb_printf(o, "(%s", op_str(n->op));
		ex(e, n->a, o);
		sb_puts(o, marks(e, n) ? "))" : ")");
		break;
	case E_POST:
		if (marks(e, n))
			sb_printf(o, "(V->st.set |= %lluULL, ", 1ULL << n->a->var->setbit);
		sb_puts(o, "(");
		ex(e, n->a, o);
		sb_printf(o, "%s)%s", op_str(n->op), marks(e, n) ? ")" : "");
		break;
	case E_BINARY:
		if (n->op == OP_DIV || n->op == OP_MOD) {
			divide(e, n, n->op, n->ct, n->a, NULL, n->b, o);
			break;
		}
		sb_puts(o, "(");
		ex(e, n->a, o);
		sb_printf(o, " %s ", op_str(n->op));
		ex(e, n->b, o);
		sb_puts(o, ")");
		break;
	case E_ASSIGN:
		if (marks(e, n))
			sb_printf(o, "(V->st.set |= %lluULL, ", 1ULL << n->a->var->setbit);
		assign(e, n, o);
		if (marks(e, n))
			sb_puts(o, ")");
		break;
	default:
		ex2(e, n, o);
		break;
	}
}

static void assign(struct em *e, struct node *n, struct sbuf *o)
{
	switch (n->k) {
	case E_ASSIGN:
		if (n->op == OP_DIV || n->op == OP_MOD) {
			/* one evaluation of the left operand, as in C */
			sb_printf(o, "({ %s *__p = &", ct_name(n->a->ct));
			lvalue(e, n->a, o);
			sb_puts(o, "; *__p = ");
			divide(e, n, n->op, common_type(n->a->ct, n->b->ct), NULL, "*__p", n->b, o);
			sb_puts(o, "; })");
			break;
		}
		sb_puts(o, "(");
		lvalue(e, n->a, o);
		sb_printf(o, " %s= ", op_str(n->op));
		ex(e, n->b, o);
		sb_puts(o, ")");
		break;
	default:
		break;
	}
}

static void ex2(struct em *e, struct node *n, struct sbuf *o)
{
	switch (n->k) {
	case E_COND:
		sb_puts(o, "(");
		ex(e, n->a, o);
		sb_puts(o, " ? ");
		ex(e, n->b, o);
		sb_puts(o, " : ");
		ex(e, n->c, o);
		sb_puts(o, ")");
		break;
	case E_CAST:
		sb_printf(o, "((%s)", ct_name(n->ct));
		ex(e, n->a, o);
		sb_puts(o, ")");
		break;
	case E_COMMA:
		/* (void): clang warns of a call or cast whose value is left unused */
		sb_puts(o, n->a->k == E_CAST || n->a->k == E_CALL ? "((void)" : "(");
		ex(e, n->a, o);
		sb_puts(o, ", ");
		ex(e, n->b, o);
		sb_puts(o, ")");
		break;
	case E_CALL:
		call(e, n, o);
		break;
	case E_COPY:
		copy(e, n, o);
		break;
	case E_SCRATCH:
		sb_printf(o, "((__s64)V->sc.a%lld)", n->ival);
		break;
	case E_TRAP:
		/* only assert() makes one */
		sb_printf(o, "({ COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_ASSERT, %u); })", n->loc.line);
		break;
	default:
		sb_puts(o, "/* ? */0");
		break;
	}
}

/* A condition: a comparison without the parentheses clang would warn about. */
static void cond_bare(struct em *e, struct node *n, struct sbuf *o)
{
	if (n->k == E_BINARY && n->op != OP_DIV && n->op != OP_MOD) {
		ex(e, n->a, o);
		sb_printf(o, " %s ", op_str(n->op));
		ex(e, n->b, o);
	} else {
		ex(e, n, o);
	}
}

/*
 * One read of an element a condition (or the value an assignment
 * statement stores) names more than once.  A test such
 * as `buf[i] >= 'a' && buf[i] <= 'z'` reads buf[i] twice, and clang does
 * not merge the two: the BPF back end keeps every use of a checked index
 * apart (its speculation barriers), so each read is its own bounds check,
 * address and load, per byte of a loop.  When nothing in the condition
 * writes (no assignment, ++, --, or call), an element read at least once
 * whatever the branches do (not only on the right of && or ||, nor in an
 * arm of ?:) has one value throughout: it is read once, before the
 * condition, and the condition uses that value.  A read that traps traps
 * either way; only which of two undefined behaviours is reported first
 * can change.
 */

/* Do a and b name the same value (the same expression tree)? */
static bool same_node(const struct node *a, const struct node *b)
{
	if (a == b)
		return true;
	if (!a || !b || a->k != b->k || a->op != b->op || a->ct != b->ct ||
	    a->ival != b->ival || a->var != b->var || a->nkids != b->nkids ||
	    a->sum != b->sum || a->ptr != b->ptr || a->sc != b->sc)
		return false;
	if (!same_node(a->a, b->a) || !same_node(a->b, b->b) || !same_node(a->c, b->c) ||
	    !same_node(a->d, b->d))
		return false;
	for (unsigned k = 0; k < a->nkids; k++) {
		if (!same_node(a->kids[k], b->kids[k]))
			return false;
		if (a->k == E_ELEM && (a->count[k] != b->count[k] || a->scale[k] != b->scale[k]))
			return false;
	}
	return true;
}

struct reads {
	struct node *n[4 * EM_MAX_CSE];
	bool always[4 * EM_MAX_CSE];	/* read whatever the branches do */
	unsigned times[4 * EM_MAX_CSE];
	unsigned nn;
};

/* The element reads in n, inner ones first; always: n itself is evaluated. */
static void find_reads(struct node *n, bool always, struct reads *rd)
{
	unsigned k;

	if (!n)
		return;
	switch (n->k) {
	case E_ELEM:
		for (k = 0; k < n->nkids; k++)
			find_reads(n->kids[k], always, rd);
		if (n->ptr || ct_size(n->ct) == 0)
			return;
		for (k = 0; k < rd->nn; k++) {
			if (same_node(rd->n[k], n)) {
				rd->times[k]++;
				rd->always[k] |= always;
				return;
			}
		}
		if (rd->nn < sizeof(rd->n) / sizeof(rd->n[0])) {
			rd->n[rd->nn] = n;
			rd->always[rd->nn] = always;
			rd->times[rd->nn++] = 1;
		}
		return;
	case E_BINARY:
		find_reads(n->a, always, rd);
		find_reads(n->b, always && n->op != OP_LAND && n->op != OP_LOR, rd);
		return;
	case E_COND:
		find_reads(n->a, always, rd);
		find_reads(n->b, false, rd);
		find_reads(n->c, false, rd);
		return;
	default:
		find_reads(n->a, always, rd);
		find_reads(n->b, always, rd);
		return;
	}
}

/* Would cond_text() read an element of n once for two reads? */
static bool reads_twice(struct node *n)
{
	struct reads rd = { .nn = 0 };

	find_reads(n, true, &rd);
	for (unsigned k = 0; k < rd.nn; k++)
		if (rd.times[k] >= 2 && rd.always[k])
			return true;
	return false;
}

/* The operands of a chain of op (&& or ||), in order, into v (NULL: count them). */
static unsigned chain(struct node *n, enum op op, struct node **v)
{
	unsigned k;

	if (n->k != E_BINARY || n->op != op) {
		if (v)
			v[0] = n;
		return 1;
	}
	k = chain(n->a, op, v);
	return k + chain(n->b, op, v ? v + k : NULL);
}

static void cond_text(struct em *e, struct node *n, bool bare, struct sbuf *o);

/*
 * `i < n && buf[i] != ' ' && buf[i] != '\t'`: buf[i] is read only when
 * i < n, but then by both tests.  In a chain of && (or of ||) operands
 * A1 .. Ak, an element read by Aj whatever Aj decides, and again later,
 * is read once where Aj begins: A1 && .. && ({ T __eN = ..; Aj && .. && Ak; }).
 * 0 when no operand after the first has such a read.
 */
static int cond_chain(struct em *e, struct node *n, struct sbuf *o)
{
	enum op op = n->op;
	unsigned k = chain(n, op, NULL), j;
	struct node **v = xcalloc(k, sizeof(*v)), *rest;

	chain(n, op, v);
	rest = xcalloc(k, sizeof(*rest));
	for (j = 1; j < k; j++) {
		/* rest[j] .. rest[k - 2]: Aj .. Ak as a left-leaning chain */
		struct node *t = v[j];

		for (unsigned m = j + 1; m < k; m++) {
			rest[m - 1] = (struct node){ .k = E_BINARY, .op = op, .ct = CT_INT,
						     .loc = n->loc, .a = t, .b = v[m] };
			t = &rest[m - 1];
		}
		if (!reads_twice(t))
			continue;
		sb_puts(o, "(");
		for (unsigned m = 0; m < j; m++) {
			ex(e, v[m], o);
			sb_printf(o, " %s ", op_str(op));
		}
		cond_text(e, t, false, o);
		sb_puts(o, ")");
		break;
	}
	free(rest);
	free(v);
	return j < k;
}

/*
 * Condition n, its repeated reads made once: "({ T __e0 = ...; COND; })";
 * when there are none, n as ex() writes it, or with bare as cond_bare().
 */
static void cond_text(struct em *e, struct node *n, bool bare, struct sbuf *o)
{
	struct reads rd = { .nn = 0 };
	unsigned outer = e->ncse;

	if (!writes_nothing(n)) {
		if (bare)
			cond_bare(e, n, o);
		else
			ex(e, n, o);
		return;
	}
	find_reads(n, true, &rd);
	for (unsigned k = 0; k < rd.nn; k++) {
		if (rd.times[k] < 2 || !rd.always[k] || e->ncse == EM_MAX_CSE)
			continue;
		if (e->ncse == outer)
			sb_puts(o, "({ ");
		sb_printf(o, "%s __e%u = ", ct_name(rd.n[k]->ct), e->cse_next);
		/* what it reads may be an element read before it: __eN */
		lvalue(e, rd.n[k], o);
		sb_puts(o, "; ");
		e->cse[e->ncse] = rd.n[k];
		e->cse_id[e->ncse++] = e->cse_next++;
	}
	if (e->ncse == outer) {
		if (n->k == E_BINARY && (n->op == OP_LAND || n->op == OP_LOR) &&
		    cond_chain(e, n, o))
			return;
		if (bare)
			cond_bare(e, n, o);
		else
			ex(e, n, o);
		return;
	}
	ex(e, n, o);
	sb_puts(o, "; })");
	e->ncse = outer;
}

/* --- statements ------------------------------------------------------------- */

static void st(struct em *e, struct node *n, struct sbuf *o, int depth, bool in_loop);

/* An expression as a statement: `x = ...;` without parentheses. */
static void expr_stmt(struct em *e, struct node *x, struct sbuf *o, int depth)
{
	indent(o, depth);
	if (marks(e, x)) {
		sb_printf(o, "V->st.set |= %lluULL;\n", 1ULL << x->a->var->setbit);
		indent(o, depth);
		if (x->k != E_ASSIGN) {
			ex(e, x, o);	/* ++/-- */
			sb_puts(o, ";\n");
			return;
		}
		if (x->op == OP_DIV || x->op == OP_MOD) {
			assign(e, x, o);
			sb_puts(o, ";\n");
			return;
		}
	}
	if (x->k == E_ASSIGN && x->op != OP_DIV && x->op != OP_MOD) {
		lvalue(e, x->a, o);
		sb_printf(o, " %s= ", op_str(x->op));
		/* buf[i] = buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 32 : buf[i]; */
		cond_text(e, x->b, false, o);
		sb_puts(o, ";\n");
		return;
	}
	/* a value nobody reads (close(fd);) */
	if (x->k == E_CALL || x->k == E_COND || x->k == E_BINARY || x->k == E_CONST ||
	    x->k == E_VAR || x->k == E_CAST)
		sb_puts(o, "(void)");
	ex(e, x, o);
	sb_puts(o, ";\n");
}

/* Iterations of an innermost loop per bpf_loop() pass: cosy_region.bpf.h's */
#define COSY_RGN_CHUNK 32

static void loop_fn_name(struct em *e, struct sbuf *o, unsigned id)
{
	sb_printf(o, "%s_loop%u", e->r->name, id);
}


static bool is_loop(const struct node *n, const void *unused)
{
	(void)unused;
	return n->k == S_WHILE || n->k == S_DO || n->k == S_FOR ||
	       (n->k == E_CALL && sysc_scan(n->sc));
}

/* Does n leave the loop it is in early (break, return, goto)? */
static bool leaves(const struct node *n, const void *unused)
{
	(void)unused;
	return (n->k == S_BREAK && !n->ival) || n->k == S_RETURN || n->k == S_HOST ||
	       (n->k == S_GOTO && !n->op);
}

/* Is n a goto out of its loop to the label *(long long *)lab? */
static bool goes_to(const struct node *n, const void *lab)
{
	return n->k == S_GOTO && !n->op && n->ival == *(const long long *)lab;
}

/* Does the statement end by leaving the loop? */
static bool ends_leaving(const struct node *n)
{
	while (n && n->k == S_BLOCK && n->nkids)
		n = n->kids[n->nkids - 1];
	return n && leaves(n, NULL);
}

/*
 * Does n walk the fd table (cosy_rgn_opened(), cosy_rgn_closed(): 64
 * slots unrolled, a branch each) on a path that goes on to the next
 * iteration?  A close() before a break or return runs once.
 */
static bool walks_fds(const struct node *n)
{
	if (!n)
		return false;
	if (n->k == E_CALL && (n->sc <= SC_CREAT || n->sc == SC_CLOSE))
		return true;
	if (n->k == S_IF)
		return walks_fds(n->a) || (!ends_leaving(n->b) && walks_fds(n->b)) ||
		       (!ends_leaving(n->c) && walks_fds(n->c));
	if (walks_fds(n->a) || walks_fds(n->b) || walks_fds(n->c) || walks_fds(n->d))
		return true;
	for (unsigned i = 0; i < n->nkids; i++)
		if (walks_fds(n->kids[i]))
			return true;
	return false;
}

/*
 * Does this loop body run more loops: its own callbacks, byte scans, or
 * the fd table's walks each iteration?  Those stay one bpf_loop() pass per
 * iteration: a chunk of them would make the verifier walk each once per
 * iteration of the chunk (a loop that opened and closed a file a turn went
 * past 6.12's 8192 pending branches).
 */
static bool runs_loops(const struct node *n)
{
	return any_node(n, is_loop, NULL) || walks_fds(n);
}

/* Is v assigned in n (=, op=, ++, --)? */
static bool writes_var(const struct node *n, const void *v)
{
	return (n->k == E_ASSIGN || ((n->k == E_UNARY || n->k == E_POST) &&
				     (n->op == OP_INC || n->op == OP_DEC))) &&
	       n->a->k == E_VAR && n->a->var == v;
}

static bool writes(const struct node *n, const struct var *v)
{
	return any_node(n, writes_var, v);
}

/* A small integer constant (casts of one included). */
static bool small_const(const struct node *n, long long *v)
{
	while (n && n->k == E_CAST)
		n = n->a;
	if (!n || n->k != E_CONST || n->ival < 0 || n->ival > 0x7fffffff)
		return false;
	*v = n->ival;
	return true;
}

static const struct var *plain_var(const struct node *n)
{
	while (n && n->k == E_CAST)
		n = n->a;
	return n && n->k == E_VAR ? n->var : NULL;
}

#define COUNTED_MAX 16

/*
 * How many times an innermost `for (k = A; k OP B; k++ | k-- | k += C |
 * k -= C)` runs, when that is a constant of at most COUNTED_MAX and the
 * body leaves k alone; -1 otherwise.  Such a loop is unrolled, with no
 * bpf_loop() and no guard: the formatting loops between two system calls
 * are that short.
 */
static int trip_count(const struct node *l)
{
	const struct node *init = l->d, *c = l->a, *st = l->c;
	const struct var *k = NULL;
	long long v = 0, b, step = 0;
	int t;

	if (l->k != S_FOR || !init || !c || !st)
		return -1;
	if (init->k == S_BLOCK && init->nkids == 1)
		init = init->kids[0];
	if (init->k == S_DECL && init->a && !init->var->scalar_mem) {
		k = init->var;
		if (!small_const(init->a, &v))
			return -1;
	} else if (init->k == E_ASSIGN && init->op == OP_NONE && init->a->k == E_VAR) {
		k = init->a->var;
		if (!small_const(init->b, &v))
			return -1;
	} else {
		return -1;
	}
	if (c->k != E_BINARY || plain_var(c->a) != k || !small_const(c->b, &b) ||
	    (c->op != OP_LT && c->op != OP_LE && c->op != OP_GT && c->op != OP_GE &&
	     c->op != OP_NE))
		return -1;
	if ((st->k == E_POST || st->k == E_UNARY) && st->a->k == E_VAR && st->a->var == k &&
	    (st->op == OP_INC || st->op == OP_DEC))
		step = st->op == OP_INC ? 1 : -1;
	else if (st->k == E_ASSIGN && st->a->k == E_VAR && st->a->var == k &&
		 (st->op == OP_ADD || st->op == OP_SUB) && small_const(st->b, &step))
		step = st->op == OP_ADD ? step : -step;
	if (!step || writes(l->b, k))
		return -1;
	for (t = 0; t <= COUNTED_MAX; t++) {
		bool go = c->op == OP_LT ? v < b : c->op == OP_LE ? v <= b : c->op == OP_GT ?
			  v > b : c->op == OP_GE ? v >= b : v != b;

		if (!go)
			return t;
		v += step;
		if (v < 0 && !ct_signed(k->ct))
			return -1;	/* an unsigned k would wrap, not end */
	}
	return -1;
}

/*
 * Register promotion of an innermost loop's scalars.  The variables live
 * in the segment so that the verifier never knows their values; a per-byte
 * loop then loads and stores them at every use, and clang must reload them
 * after every store to a buffer (the segment aliases itself).  Within one
 * bpf_loop() pass a variable may instead be loaded into a register (a
 * member of the iteration's `R`, on the stack, which clang keeps in
 * registers) and stored back when the pass ends, provided the verifier
 * cannot tell the pass's paths apart by it: then every branch's two sides
 * still meet in one state, and a pass of COSY_RGN_CHUNK iterations is
 * walked once, not once per path.  That holds when
 *   - every write to it runs on every path of an iteration that goes on
 *     (a statement at the top of the body, no `continue` before it, the
 *     step, the condition) and stores a branch-free value, and
 *   - nothing branches on it where both sides go on: it may be compared
 *     only in the loop condition's && chain (the false side leaves), used
 *     as an index (out of bounds traps) and carried by arithmetic into
 *     assignments; not compared in the body, not a divisor, and not an
 *     argument of a call (the calls' range checks have two sides) unless
 *     the loop only reads it: a variable nobody writes is split by such a
 *     check once a pass at most.
 * A loop index tested in its body (`if (i % 2)`) stays in the segment.
 */
#define PROMO_MAX 8

/* + - * << >> & | ^, and = itself: no branch, no check that traps */
static bool arith_op(enum op op)
{
	switch (op) {
	case OP_NONE: case OP_ADD: case OP_SUB: case OP_MUL: case OP_SHL: case OP_SHR:
	case OP_AND: case OP_OR: case OP_XOR:
		return true;
	default:
		return false;
	}
}

/*
 * x / c or x % c with a constant c > 0: its checks fold away, and
 * cosy_rgn_sdiv() divides a signed x without a branch.
 */
static bool const_div(enum op op, const struct node *c)
{
	long long v;

	return (op == OP_DIV || op == OP_MOD) && small_const(c, &v) && v > 0;
}

/* The value of n is arithmetic on variables, constants and loads: no branch */
static bool branch_free(const struct node *n)
{
	if (!n)
		return true;
	switch (n->k) {
	case E_CONST:
	case E_VAR:
		return true;
	case E_ELEM:
		for (unsigned k = 0; k < n->nkids; k++)
			if (!branch_free(n->kids[k]))
				return false;
		return true;
	case E_CAST:
		return branch_free(n->a);
	case E_UNARY:
		return (n->op == OP_NEG || n->op == OP_BITNOT || n->op == OP_PLUS) &&
		       branch_free(n->a);
	case E_BINARY:
		return (arith_op(n->op) || const_div(n->op, n->b)) && branch_free(n->a) &&
		       branch_free(n->b);
	default:
		return false;
	}
}

static bool is_continue(const struct node *n, const void *unused)
{
	(void)unused;
	return n->k == S_CONTINUE;
}

/* A loop trip_count() unrolls, which nothing ends before its count */
static bool unrolled_whole(const struct node *n)
{
	return n->k == S_FOR && !runs_loops(n->b) && trip_count(n) >= 0 &&
	       !any_node(n->b, leaves, NULL);
}

/*
 * How many times a loop runs when it is unrolled (an innermost counted
 * loop), else -1: it runs as bpf_loop() callbacks, its call the place a
 * yielded run comes back to.  loop() and find_sites() must agree.
 */
static int loop_trips(const struct node *n)
{
	return runs_loops(n->b) ? -1 : trip_count(n);
}

#define BRANCHES_MAX	64

/* Count the two-way branches of a body (any_node() visits every node). */
static bool count_branch(const struct node *n, const void *count)
{
	if (n->k == E_COND || n->k == S_IF || n->k == S_CASE || n->k == S_DEFAULT ||
	    (n->k == E_BINARY && (n->op == OP_LAND || n->op == OP_LOR)))
		++*(unsigned *)count;
	/*
	 * A piece of printf() and co. is a few inlined helpers of a few
	 * branches each (room, write, copy): unrolled, a loop that prints
	 * much ran past the 32767 instructions a jump can cross.  A count
	 * here stands for some 15 instructions (BRANCHES_MAX of them, 32
	 * times, stay below that), from clang 14's sizes: a piece that
	 * bpf_snprintf() formats ~110, a %s ~100 and 45 more for a precision,
	 * 75 more for a width, the end of a stderr call ~40.  Those are the
	 * pieces alone: with what goes around them a print costs half as
	 * much again (sweep 21's loop of two perror()s and a printf() counted
	 * 58 without that and was 35 578 instructions, past the jump's reach).
	 */
	if (n->k == E_CALL && sysc_out(n->sc)) {
		unsigned w = n->sc == SC_OUTFLUSH ? 3 : n->sc == SC_SNPRINTF ? 4 : 7;

		if (n->sc == SC_OUTSTR && (n->ival & OUTSTR_PREC))
			w += 3;
		if (n->sc == SC_OUTSTR && ((n->ival & 0xffff) || (n->ival & OUTSTR_COLON)))
			w += 5;
		*(unsigned *)count += (w * 3 + 1) / 2;
	}
	/*
	 * A stat call's copy into the program's struct stat (cosy_rgn_stat_out:
	 * three times split, two device numbers encoded) is some 700
	 * instructions: a readdir() loop that printed and fstatat()ed each
	 * name made 32 copies jump past 32767 instructions ("jump out of
	 * range").  Half the limit: such a body and a few prints take one
	 * iteration a pass.
	 */
	if (n->k == E_CALL && (n->sc == SC_STAT || n->sc == SC_LSTAT || n->sc == SC_FSTAT ||
			       n->sc == SC_FSTATAT))
		*(unsigned *)count += BRANCHES_MAX / 2;
	return false;
}

static unsigned branches(const struct node *n)
{
	unsigned count = 0;

	any_node(n, count_branch, &count);
	return count;
}

/* A loop, or a scan, other than an unrolled_whole() one */
static bool is_other_loop(const struct node *n, const void *unused)
{
	(void)unused;
	return is_loop(n, NULL) && !unrolled_whole(n);
}

/* The variable asked about, and whether the loop only reads it */
struct promo_q {
	const struct var *v;
	bool ro;
};

/*
 * May q->v stay in a register through n?  `val`: a direct use of v here only
 * carries its value (into an assignment, an index, arithmetic of those);
 * `top`: n runs on every path of the iteration that goes on.
 */
static bool promotable(const struct node *n, const struct promo_q *q, bool val, bool top)
{
	bool ok = true, arith;

	if (!n)
		return true;
	switch (n->k) {
	case E_CONST:
	case E_ERRNO:
	case E_TRAP:	/* the region ends: no value is written back */
	case S_NULL:
	case S_BREAK:
	case S_CONTINUE:
	case S_GOTO:
		return true;
	case E_VAR:
		return n->var != q->v || val;
	case E_ELEM:
		for (unsigned k = 0; k < n->nkids; k++)
			if (!promotable(n->kids[k], q, true, top))
				return false;
		return true;
	case E_CAST:
		return promotable(n->a, q, val, top);
	case E_UNARY:
	case E_POST:
		if (n->op == OP_INC || n->op == OP_DEC) {
			if (n->a->k == E_VAR && n->a->var == q->v)
				return top;
			return promotable(n->a, q, true, top);
		}
		return promotable(n->a, q, val && n->op != OP_NOT, top);
	case E_BINARY:
		if (n->op == OP_LAND || n->op == OP_LOR)
			return promotable(n->a, q, false, top) && promotable(n->b, q, false, false);
		if (arith_op(n->op) || const_div(n->op, n->b))
			return promotable(n->a, q, val, top) && promotable(n->b, q, val, top);
		/* a comparison, a division by a variable (its checks have two sides) */
		return promotable(n->a, q, false, top) && promotable(n->b, q, false, top);
	case E_ASSIGN:
		arith = arith_op(n->op) || const_div(n->op, n->b);
		if (n->a->k == E_VAR && n->a->var == q->v && (!top || !arith || !branch_free(n->b)))
			return false;
		if (!arith)
			return promotable(n->a, q, false, top) && promotable(n->b, q, false, top);
		return promotable(n->a, q, true, top) && promotable(n->b, q, true, top);
	case E_COND:
		return promotable(n->a, q, false, top) && promotable(n->b, q, val, false) &&
		       promotable(n->c, q, val, false);
	case E_COMMA:
		return promotable(n->a, q, true, top) && promotable(n->b, q, val, top);
	case E_COPY:
		return promotable(n->a, q, true, top) && promotable(n->b, q, true, top);
	case S_EXPR:
		return promotable(n->a, q, true, top);
	case S_DECL:
		if (n->var == q->v && (!top || n->ival || !branch_free(n->a)))
			return false;
		for (unsigned i = 0; ok && i < n->nkids; i++)
			ok = promotable(n->kids[i], q, true, top);
		return ok && promotable(n->a, q, true, top);
	case S_BLOCK:
		for (unsigned i = 0; ok && i < n->nkids; i++) {
			ok = promotable(n->kids[i], q, true, top);
			/* a continue skips what follows on one of its paths */
			if (any_node(n->kids[i], is_continue, NULL))
				top = false;
		}
		return ok;
	case S_IF:
		return promotable(n->a, q, false, top) && promotable(n->b, q, true, false) &&
		       promotable(n->c, q, true, false);
	case S_LABEL:
	case S_CASE:
	case S_DEFAULT:
		return promotable(n->b, q, true, false);
	case S_RETURN:
		return promotable(n->a, q, true, false);
	case S_HOST:
		return true;
	case S_FOR:
		/*
		 * A counted loop that always runs to its end is unrolled: its
		 * init, step and body run on every path its statement does,
		 * and the compares of its counter fold, the counter's values
		 * being constants.
		 */
		if (unrolled_whole(n))
			return promotable(n->d, q, true, top) && promotable(n->c, q, true, top) &&
			       promotable(n->b, q, true, top);
		break;
	default:
		/*
		 * Calls, switch: no use of a variable the loop writes (a
		 * call's range check of an argument has two sides that go
		 * on).  One the loop only reads may be an argument: such a
		 * check splits its range once a pass, not once an iteration.
		 */
		break;
	}
	ok = promotable(n->a, q, q->ro, false) && promotable(n->b, q, q->ro, false) &&
	     promotable(n->c, q, q->ro, false) && promotable(n->d, q, q->ro, false);
	for (unsigned i = 0; ok && i < n->nkids; i++)
		ok = promotable(n->kids[i], q, q->ro, false);
	return ok;
}

/* The loop's condition: false leaves, so each && of it may compare v */
static bool cond_promotable(const struct node *c, const struct promo_q *q)
{
	if (!c)
		return true;
	if (c->k == E_BINARY && c->op == OP_LAND)
		return cond_promotable(c->a, q) && cond_promotable(c->b, q);
	if (c->k == E_BINARY && (c->op == OP_EQ || c->op == OP_NE || c->op == OP_LT ||
				 c->op == OP_GT || c->op == OP_LE || c->op == OP_GE))
		return promotable(c->a, q, true, true) && promotable(c->b, q, true, true);
	return promotable(c, q, false, true);
}

/* The scalars n uses, in order of first use (at most PROMO_MAX) */
static void loop_scalars(const struct node *n, const struct var **vs, unsigned *nv)
{
	const struct var *v = NULL;

	if (!n)
		return;
	if (n->k == E_VAR || n->k == S_DECL)
		v = n->var;
	if (v && v->kind == VK_SCALAR && !v->scalar_mem && !v->by_addr && !v->instream &&
	    *nv < PROMO_MAX) {
		unsigned i;

		for (i = 0; i < *nv && vs[i] != v; i++)
			;
		if (i == *nv)
			vs[(*nv)++] = v;
	}
	loop_scalars(n->d, vs, nv);
	loop_scalars(n->a, vs, nv);
	loop_scalars(n->c, vs, nv);
	loop_scalars(n->b, vs, nv);
	for (unsigned i = 0; i < n->nkids; i++)
		loop_scalars(n->kids[i], vs, nv);
}

/* Is v assigned or declared in n? */
static bool sets_var(const struct node *n, const void *v)
{
	return writes_var(n, v) || (n->k == S_DECL && n->var == v);
}

static bool assigns(const struct node *n, const struct var *v)
{
	return any_node(n, sets_var, v);
}

/* The scalars the innermost loop n may keep in registers for a pass */
static unsigned in_registers(const struct node *n, const struct var **promo)
{
	const struct var *vs[PROMO_MAX];
	unsigned nv = 0, np = 0;

	loop_scalars(n->a, vs, &nv);
	loop_scalars(n->c, vs, &nv);
	loop_scalars(n->b, vs, &nv);
	for (unsigned i = 0; i < nv; i++) {
		struct promo_q q = { .v = vs[i], .ro = !assigns(n, vs[i]) };

		if (cond_promotable(n->a, &q) && promotable(n->c, &q, true, true) &&
		    promotable(n->b, &q, true, true))
			promo[np++] = vs[i];
	}
	return np;
}

/*
 * Does an iteration of a chunked loop narrow a register's range on some of
 * its paths only?  Its index checked inside a branch (line[k] printed when
 * k is selected), or its value copied into a variable that is then
 * compared or indexed (clang folds `c = k + 1; if (c <= 64)` into a compare
 * of k itself, and 6.12 links the two): the verifier then ends the
 * iteration with a range per path, the next iteration shifts each of them,
 * and no state prunes another.  A pass of 32 iterations of cut's
 * `if (selected(k + 1)) putchar(line[k])` walked 680 000 insns on 6.12
 * (twice that went past the million).  Such a loop has the verifier forget
 * its registers' ranges at the top of each iteration (COSY_RGN_FORGET()),
 * which costs two ALU insns a register; the others keep their ranges.
 */
struct div_q {
	const struct var *v;
	const struct node *top[8];	/* indexes of v checked on every path so far */
	unsigned long topc[8];
	unsigned ntop;
	bool diverges;
};

/* Does n's value depend on v's (not through an index: buf[v] does not)? */
static bool carries(const struct node *n, const struct var *v)
{
	if (!n || n->k == E_ELEM)
		return false;
	if (n->k == E_VAR)
		return n->var == v;
	if (carries(n->a, v) || carries(n->b, v) || carries(n->c, v) || carries(n->d, v))
		return true;
	for (unsigned i = 0; i < n->nkids; i++)
		if (carries(n->kids[i], v))
			return true;
	return false;
}

/* Is w's value tested, compared or checked (an index, a divisor, a call's argument) by n itself? */
static bool checks_var(const struct node *n, const void *w)
{
	bool checks = false;

	switch (n->k) {
	case E_ELEM:
		for (unsigned k = 0; k < n->nkids; k++)
			checks |= carries(n->kids[k], w);
		break;
	case E_BINARY:
	case E_ASSIGN:
		if ((n->op >= OP_LAND && n->op <= OP_GE) || (n->op >= OP_DIV && n->op <= OP_SHR))
			checks = carries(n->a, w) || carries(n->b, w);
		break;
	case E_UNARY:
		checks = n->op == OP_NOT && carries(n->a, w);
		break;
	case E_COND:
	case S_IF:
	case S_WHILE:
	case S_DO:
	case S_FOR:
	case S_SWITCH:
		checks = carries(n->a, w);
		break;
	case E_CALL:
		checks = carries(n->a, w) || carries(n->b, w);
		for (unsigned k = 0; k < n->nkids; k++)
			checks |= carries(n->kids[k], w);
		break;
	default:
		break;
	}
	return checks;
}

static bool is_var_node(const struct node *n, const void *v)
{
	return n->k == E_VAR && n->var == v;
}

static bool top_has(const struct div_q *q, const struct node *ix, unsigned long count)
{
	for (unsigned t = 0; t < q->ntop; t++)
		if (q->topc[t] <= count && same_node(q->top[t], ix))
			return true;
	return false;
}

/* ix is checked against count on every path from here on */
static void top_add(struct div_q *q, const struct node *ix, unsigned long count)
{
	if (q->ntop < sizeof(q->top) / sizeof(q->top[0])) {
		q->top[q->ntop] = ix;
		q->topc[q->ntop++] = count;
	}
}

static void div_walk(const struct node *n, struct div_q *q, const struct node *body, bool top);

/*
 * An if or ?: on every path: an index both arms check goes on as checked
 * on every path; one only an arm checks splits the range.
 */
static void div_arms(const struct node *n, struct div_q *q, const struct node *body)
{
	struct div_q qb, qc;

	div_walk(n->a, q, body, true);
	qb = *q;
	qc = *q;
	div_walk(n->b, &qb, body, true);
	div_walk(n->c, &qc, body, true);
	if (qb.diverges || qc.diverges) {
		q->diverges = true;
		return;
	}
	for (unsigned t = q->ntop; t < qc.ntop; t++)
		if (!top_has(&qb, qc.top[t], qc.topc[t]))
			q->diverges = true;
	for (unsigned t = q->ntop; t < qb.ntop && !q->diverges; t++) {
		if (!top_has(&qc, qb.top[t], qb.topc[t]))
			q->diverges = true;
		else
			top_add(q, qb.top[t], qb.topc[t]);
	}
}

static void div_walk(const struct node *n, struct div_q *q, const struct node *body, bool top)
{
	const struct var *w = NULL;

	if (!n || q->diverges)
		return;
	switch (n->k) {
	case E_ELEM:
		for (unsigned k = 0; k < n->nkids; k++) {
			if (!carries(n->kids[k], q->v) || top_has(q, n->kids[k], n->count[k]))
				continue;
			if (!top)
				q->diverges = true;
			else
				top_add(q, n->kids[k], n->count[k]);
		}
		break;
	case E_ASSIGN:
		if (n->a->k == E_VAR && n->a->var != q->v && carries(n->b, q->v))
			w = n->a->var;
		break;
	case S_DECL:
		if (n->var != q->v && carries(n->a, q->v))
			w = n->var;
		break;
	case E_BINARY:
		if (n->op == OP_LAND || n->op == OP_LOR) {
			div_walk(n->a, q, body, top);
			div_walk(n->b, q, body, false);
			return;
		}
		break;
	case E_COND:
	case S_IF:
		if (top) {
			div_arms(n, q, body);
		} else {
			div_walk(n->a, q, body, false);
			div_walk(n->b, q, body, false);
			div_walk(n->c, q, body, false);
		}
		return;
	case S_BLOCK:
		for (unsigned i = 0; i < n->nkids; i++) {
			div_walk(n->kids[i], q, body, top);
			if (any_node(n->kids[i], is_continue, NULL))
				top = false;
		}
		return;
	case S_SWITCH:
		/* its expression runs on every path, its cases do not */
		div_walk(n->a, q, body, top);
		div_walk(n->b, q, body, false);
		return;
	case S_FOR:
		if (unrolled_whole(n))
			break;
		/* fall through */
	case S_WHILE:
	case S_DO:
	case S_LABEL:
	case S_CASE:
	case S_DEFAULT:
	case S_RETURN:
		top = false;
		break;
	default:
		break;
	}
	/* a copy that goes on to be compared or checked: clang compares v */
	if (w && any_node(body, checks_var, w)) {
		q->diverges = true;
		return;
	}
	div_walk(n->d, q, body, top);
	div_walk(n->a, q, body, top);
	div_walk(n->b, q, body, top);
	div_walk(n->c, q, body, top);
	for (unsigned i = 0; i < n->nkids; i++)
		div_walk(n->kids[i], q, body, top);
}

/* The loop's condition: an iteration that goes on ran each && of it */
static void div_cond(const struct node *c, struct div_q *q, const struct node *body)
{
	if (c && c->k == E_BINARY && c->op == OP_LAND) {
		div_cond(c->a, q, body);
		div_cond(c->b, q, body);
	} else {
		div_walk(c, q, body, true);
	}
}

/*
 * Is v's first use in n (in the order it runs) a plain assignment, which
 * the verifier's liveness then ignores what v was before?  1: v is read
 * first, 2: assigned first, 0: neither.
 */
static int first_use(const struct node *n, const struct var *v)
{
	int r;

	if (!n)
		return 0;
	switch (n->k) {
	case E_VAR:
		return n->var == v;
	case E_ASSIGN:
		if (n->a->k == E_VAR && n->a->var == v)
			return n->op != OP_NONE || any_node(n->b, is_var_node, v) ? 1 : 2;
		return (r = first_use(n->b, v)) ? r : first_use(n->a, v);
	case S_DECL:
		if (n->var == v)
			return n->a ? ((r = first_use(n->a, v)) ? r : 2) : 0;
		break;
	case S_BLOCK:
	case E_COMMA:
	case E_BINARY:
	case E_ELEM:
	case S_EXPR:
	case E_CAST:
	case E_UNARY:
	case E_POST:
		if (n->k == E_BINARY && (n->op == OP_LAND || n->op == OP_LOR))
			break;
		if ((r = first_use(n->a, v)) || (r = first_use(n->b, v)))
			return r;
		for (unsigned i = 0; i < n->nkids; i++)
			if ((r = first_use(n->kids[i], v)))
				return r;
		return 0;
	default:
		break;
	}
	return any_node(n, is_var_node, v) || any_node(n, sets_var, v);
}

static bool regs_diverge(const struct node *n, const struct var **promo, unsigned np)
{
	for (unsigned i = 0; i < np; i++) {
		struct div_q q = { .v = promo[i] };

		/* its range does not move from one iteration to the next */
		if (!assigns(n, promo[i]))
			continue;
		/* nor does it go from one iteration to the next */
		if (!any_node(n->a, is_var_node, promo[i]) && !any_node(n->c, is_var_node, promo[i]) &&
		    first_use(n->b, promo[i]) == 2)
			continue;
		div_cond(n->a, &q, n->b);
		div_walk(n->b, &q, n->b, true);
		div_walk(n->c, &q, n->b, true);
		if (q.diverges)
			return true;
	}
	return false;
}

/*
 * Yield and resume (cosy_region.bpf.h's cosy_rgn_guard()).  A run that
 * yielded left the id of a loop in V->st.resume, at the start of an
 * iteration, before its step.  The next run goes back there: the body
 * and every callback that holds a loop's bpf_loop() call first jump to
 * the call on the way (resume_dispatch()); at the loop's own call the
 * step runs (a do/while tests its condition), and its bpf_loop() starts
 * again, with the variables as they were left in the segment.
 */
static void find_sites(struct em *e, const struct node *n, unsigned parent)
{
	if (!n)
		return;
	if (n->k == S_WHILE || n->k == S_DO || n->k == S_FOR) {
		e->lparent[n->loop_id] = parent;
		e->lsite[n->loop_id] = loop_trips(n) < 0;
		parent = n->loop_id;
	}
	find_sites(e, n->a, parent);
	find_sites(e, n->b, parent);
	find_sites(e, n->c, parent);
	find_sites(e, n->d, parent);
	for (unsigned i = 0; i < n->nkids; i++)
		find_sites(e, n->kids[i], parent);
}

/* At the top of the body (in = 0) or of loop `in`'s callback. */
static void resume_dispatch(struct em *e, struct sbuf *o, unsigned in)
{
	bool any = false;

	for (unsigned d = 1; d <= e->r->nloops; d++) {
		unsigned c = d;

		if (!e->lsite[d])
			continue;
		while (c && e->lparent[c] != in)
			c = e->lparent[c];
		if (!c)
			continue;
		if (!any)
			sb_puts(o, "\t/* a yielded run goes back to its loop */\n"
				   "\tswitch (V->st.resume) {\n");
		any = true;
		sb_printf(o, "\tcase %u: goto cosy_r%u;\n", d, c);
	}
	if (any)
		sb_puts(o, "\tdefault: break;\n\t}\n");
}

/* Before loop n's bpf_loop(): where a yielded run comes back in. */
static void resume_site(struct em *e, struct node *n, struct sbuf *o, int depth)
{
	indent(o, depth ? depth - 1 : 0);
	sb_printf(o, "cosy_r%u: __attribute__((unused));\n", n->loop_id);
	indent(o, depth);
	sb_printf(o, "if (V->st.resume == %u) {\n", n->loop_id);
	indent(o, depth + 1);
	sb_puts(o, "V->st.resume = 0;\n");
	if (n->k == S_FOR && n->c) {
		if (n->d && n->d->k == E_ASSIGN && n->d->a->k == E_VAR)
			e->marked = n->d->a->var;
		indent(o, depth + 1);
		sb_puts(o, "(void)");
		ex(e, n->c, o);
		sb_puts(o, ";\n");
		e->marked = NULL;
	} else if (n->k == S_DO && n->a) {
		indent(o, depth + 1);
		sb_puts(o, "if (!");
		ex(e, n->a, o);
		sb_printf(o, ")\n");
		indent(o, depth + 2);
		sb_printf(o, "goto cosy_d%u;\n", n->loop_id);
	}
	indent(o, depth);
	sb_puts(o, "}\n");
}

/* The callback of loop n; statements after it in `o` run the loop. */
static void loop(struct em *e, struct node *n, struct sbuf *o, int depth, bool in_loop)
{
	struct sbuf f = { 0 };
	const char *what = n->k == S_WHILE ? "while" : n->k == S_DO ? "do/while" : "for";
	const struct var *promo[PROMO_MAX], **outer = e->promo;
	unsigned npromo = 0, nouter = e->npromo, outer_loop = e->promo_loop;
	bool chunked, single = false, forget = false;
	int trips;

	if (n->k == S_FOR && n->d) {
		if (node_is_expr(n->d)) {
			expr_stmt(e, n->d, o, depth);
		} else {
			st(e, n->d, o, depth, false);
		}
	}
	/*
	 * Unrolled COSY_RGN_CHUNK times, a body of many branches (helpers'
	 * if/else and ?: chains, inlined) multiplies the verifier's paths
	 * past its 1M insns: such a loop takes one iteration a pass.
	 */
	chunked = !runs_loops(n->b) && branches(n->b) <= BRANCHES_MAX;
	trips = loop_trips(n);
	if (chunked && trips < 0) {
		npromo = in_registers(n, promo);
		forget = npromo && regs_diverge(n, promo, npromo);
	} else if (!chunked && !any_node(n->b, is_other_loop, NULL)) {
		/*
		 * Its inner loops are all unrolled (or it walks the fd table):
		 * one iteration a pass, but its variables in registers through
		 * it (a record's digits formatted by a counted loop, then
		 * written).
		 */
		npromo = in_registers(n, promo);
		single = npromo > 0;
	}
	if (trips >= 0) {
		/*
		 * Unrolled, one inlined iteration after the other: a C loop
		 * here may be laid out with a fall-through back-edge, which
		 * 6.1's verifier refuses.  The last finds the condition false.
		 */
		indent(o, depth);
		sb_puts(o, "do {\n");
		for (int t = 0; t <= trips; t++) {
			indent(o, depth + 1);
			sb_puts(o, "if (");
			loop_fn_name(e, o, n->loop_id);
			sb_printf(o, "_it(F, V, %s%d))\n", nouter ? "R, " : "", t);
			indent(o, depth + 2);
			sb_puts(o, "break;\n");
		}
		indent(o, depth);
		sb_puts(o, "} while (0);\n");
	} else {
		resume_site(e, n, o, depth);
		indent(o, depth);
		sb_printf(o, "bpf_loop(COSY_MAX_LOOPS, ");
		loop_fn_name(e, o, n->loop_id);
		sb_puts(o, ", F, 0);\n");
	}
	indent(o, depth);
	sb_printf(o, "if (cosy_rgn_looped(&V->st, %u)) {\n", n->loc.line);
	if (!in_loop && e->r->loop_gotos) {
		/* in the body: a goto out of the loop arrives here, and goes on */
		indent(o, depth + 1);
		sb_puts(o, "if (V->st.status == COSY_RGN_JUMP) {\n");
		indent(o, depth + 2);
		sb_puts(o, "V->st.status = 0;\n");
		/*
		 * Only to the labels a goto in this loop names: those are
		 * after it (a backward goto is refused); another label may be
		 * before it, and a jump there would be a loop to the verifier.
		 */
		for (unsigned l = 1; l <= e->r->nlabels; l++) {
			long long lab = l;

			if (!any_node(n->b, goes_to, &lab) && !any_node(n->a, goes_to, &lab) &&
			    !any_node(n->c, goes_to, &lab))
				continue;
			indent(o, depth + 2);
			sb_printf(o, "if (V->st.jump == %u)\n", l);
			indent(o, depth + 3);
			sb_printf(o, "goto cosy_l%u;\n", l);
		}
		indent(o, depth + 1);
		sb_puts(o, "}\n");
	}
	indent(o, depth + 1);
	sb_puts(o, "return 1;\n");
	indent(o, depth);
	sb_puts(o, "}\n");
	if (trips < 0 && n->k == S_DO) {
		indent(o, depth ? depth - 1 : 0);
		sb_printf(o, "cosy_d%u: __attribute__((unused));\n", n->loop_id);
	}

	/* the callback */
	if (trips >= 0) {
		sb_puts(&e->protos, "static __always_inline long ");
		loop_fn_name(e, &e->protos, n->loop_id);
		sb_printf(&e->protos, "_it(struct %s_frame *F, struct %s_vars *V, ",
			  e->r->name, e->r->name);
		if (nouter) {
			sb_puts(&e->protos, "struct ");
			loop_fn_name(e, &e->protos, outer_loop);
			sb_puts(&e->protos, "_regs *R, ");
		}
		sb_puts(&e->protos, "__u32 i);\n");
	} else {
		sb_puts(&e->protos, "static long ");
		loop_fn_name(e, &e->protos, n->loop_id);
		sb_puts(&e->protos, "(__u32 i, void *ctx);\n");
	}

	if (npromo) {
		/* before any prototype that names it; once, though the compound is
		 * emitted once per caller kind */
		sb_puts(&e->protos, "/* what a pass of the loop keeps in registers (see cosy-cc's "
			"in_registers()) */\n#ifndef COSY_RGN_REGS_");
		loop_fn_name(e, &e->protos, n->loop_id);
		sb_puts(&e->protos, "\n#define COSY_RGN_REGS_");
		loop_fn_name(e, &e->protos, n->loop_id);
		sb_puts(&e->protos, "\nstruct ");
		loop_fn_name(e, &e->protos, n->loop_id);
		sb_puts(&e->protos, "_regs {\n");
		for (unsigned k = 0; k < npromo; k++)
			sb_printf(&e->protos, "\t%s v_%s;\n", ct_name(promo[k]->ct), promo[k]->field);
		if (forget)
			sb_puts(&e->protos, "\t__u64 opaque;\t/* see COSY_RGN_FORGET() */\n");
		sb_puts(&e->protos, "};\n#endif\n");
	}
	if (chunked || single) {
		/*
		 * An innermost loop: COSY_RGN_CHUNK iterations a pass, each the
		 * inlined iteration, so that a per-byte loop does not pay a
		 * callback (an indirect call and the frame's loads) per byte.
		 * Its variables stay in the segment, loaded at each use, unless
		 * in_registers() finds that the verifier cannot tell a pass's
		 * paths apart by them (6.12 gave up at 1M insns on an i % 2
		 * branch over a register).  A `single` loop (its inner loops
		 * unrolled, or its fd table walked each turn) runs one inlined
		 * iteration a pass, with its variables in registers.
		 */
		if (trips >= 0)
			sb_printf(&f, "/* %s:%u: the %s loop, %d iterations, unrolled */\n",
				  e->u->path, n->loc.line, what, trips);
		else if (single)
			sb_printf(&f, "/* %s:%u: the %s loop, one bpf_loop() iteration per pass, "
				  "its scalars in registers */\n", e->u->path, n->loc.line, what);
		else
			sb_printf(&f, "/* %s:%u: the %s loop, COSY_RGN_CHUNK iterations per "
				  "bpf_loop() pass */\n", e->u->path, n->loc.line, what);
		sb_puts(&f, "static __always_inline long ");
		loop_fn_name(e, &f, n->loop_id);
		sb_printf(&f, "_it(struct %s_frame *F, struct %s_vars *V, ", e->r->name, e->r->name);
		if (npromo || nouter) {
			/* its own registers, or those of the loop it is unrolled in */
			sb_puts(&f, "struct ");
			loop_fn_name(e, &f, npromo ? n->loop_id : outer_loop);
			sb_puts(&f, "_regs *R, ");
		}
		sb_puts(&f, "__u32 i)\n{\n");
		/* regs_diverge(): each iteration starts from what the verifier knows of the pass */
		for (unsigned k = 0; forget && k < npromo; k++)
			sb_printf(&f, "\tCOSY_RGN_FORGET(R->v_%s, R->opaque);\n", promo[k]->field);
		if (npromo) {
			e->promo = promo;
			e->npromo = npromo;
			e->promo_loop = n->loop_id;
		}
	} else {
		sb_printf(&f, "/* %s:%u: the %s loop, one bpf_loop() iteration per pass */\n",
			  e->u->path, n->loc.line, what);
		sb_puts(&f, "static long ");
		loop_fn_name(e, &f, n->loop_id);
		sb_printf(&f, "(__u32 i, void *ctx)\n{\n\tstruct %s_frame *F = ctx;\n"
			  "\tstruct %s_vars *V = F->V;\n\n", e->r->name, e->r->name);
		resume_dispatch(e, &f, n->loop_id);
		sb_printf(&f, "\tif (cosy_rgn_guard(&F->st, &V->st, i, COSY_RGN_LAST, %u, %u, %d))\n"
			  "\t\treturn 1;\n", n->loc.line, n->loop_id, e->r->opens ? 1 : 0);
	}
	if (n->k == S_FOR && n->c) {
		/*
		 * The step runs after the init: what the init assigned has its
		 * rgn_set bit already, and a per-byte loop saves a store.
		 */
		if (n->d && n->d->k == E_ASSIGN && n->d->a->k == E_VAR)
			e->marked = n->d->a->var;
		sb_puts(&f, "\tif (i > 0)\n\t\t(void)");
		ex(e, n->c, &f);
		sb_puts(&f, ";\n");
		e->marked = NULL;
	}
	if (n->a) {
		sb_puts(&f, n->k == S_DO ? "\tif (i > 0 && !" : "\tif (!");
		cond_text(e, n->a, false, &f);
		sb_puts(&f, ")\n\t\treturn COSY_RGN_EXIT(&V->st);\n");
	}
	st(e, n->b, &f, 1, true);
	/* an unrolled loop's statements used the registers of the loop it is in */
	e->promo = outer;
	e->npromo = nouter;
	e->promo_loop = outer_loop;
	sb_puts(&f, "\treturn 0;\n}\n\n");
	if ((chunked && trips < 0) || single) {
		sb_puts(&f, "static long ");
		loop_fn_name(e, &f, n->loop_id);
		if (single)
			sb_printf(&f, "(__u32 j, void *ctx)\n{\n\tstruct %s_frame *F = ctx;\n"
				  "\tstruct %s_vars *V = F->V;\n", e->r->name, e->r->name);
		else	/* the frame copied: its pointers stay in registers */
			sb_printf(&f, "(__u32 j, void *ctx)\n{\n\tstruct %s_frame Fc = "
				  "*(struct %s_frame *)ctx, *F = &Fc;\n\tstruct %s_vars *V = F->V;\n",
				  e->r->name, e->r->name, e->r->name);
		if (npromo) {
			sb_puts(&f, "\tstruct ");
			loop_fn_name(e, &f, n->loop_id);
			sb_puts(&f, "_regs Rc, *R = &Rc;\n\tlong ret = 1;\n");
		}
		if (single) {
			sb_printf(&f, "\n\tif (cosy_rgn_guard(&F->st, &V->st, j, COSY_RGN_LAST, %u, %u, "
				  "%d))\n\t\treturn 1;\n", n->loc.line, n->loop_id, e->r->opens ? 1 : 0);
		} else {
			/*
			 * The guard once a pass, and j bounded: the verifier then
			 * knows i > 0 after the pass's first iteration, and walks
			 * one path per iteration where a test of i would make two.
			 */
			sb_printf(&f, "\n\tif (j >= COSY_MAX_LOOPS || cosy_rgn_guard(&F->st, &V->st, "
				  "j * COSY_RGN_CHUNK, COSY_RGN_LAST_CHUNK, %u, %u, %d))\n\t\treturn 1;\n",
				  n->loc.line, n->loop_id, e->r->opens ? 1 : 0);
			/* unrolled, as counted loops are: no back-edge for 6.1 to refuse */
			sb_printf(&f, "\t_Static_assert(COSY_RGN_CHUNK == %d, \"cosy-cc and "
				  "cosy_region.bpf.h disagree\");\n", COSY_RGN_CHUNK);
		}
		for (unsigned k = 0; k < npromo; k++)
			sb_printf(&f, "\tRc.v_%s = V->v_%s;\n", promo[k]->field, promo[k]->field);
		if (forget)
			sb_puts(&f, "\tRc.opaque = COSY_RGN_OPAQUE(V);\n");
		for (int k = 0; k < (single ? 1 : COSY_RGN_CHUNK); k++) {
			sb_puts(&f, "\tif (");
			loop_fn_name(e, &f, n->loop_id);
			if (single)
				sb_printf(&f, "_it(F, V, R, j))\n\t\tgoto out;\n");
			else
				sb_printf(&f, "_it(F, V, %sj * COSY_RGN_CHUNK + %d))\n\t\t%s;\n",
					  npromo ? "R, " : "", k, npromo ? "goto out" : "return 1");
		}
		if (npromo) {
			/* every way out of the pass stores back what the pass wrote */
			sb_puts(&f, "\tret = 0;\nout:\n");
			for (unsigned k = 0; k < npromo; k++)
				if (assigns(n, promo[k]))
					sb_printf(&f, "\tV->v_%s = R->v_%s;\n", promo[k]->field,
						  promo[k]->field);
			sb_puts(&f, "\treturn ret;\n}\n\n");
		} else {
			sb_puts(&f, "\treturn 0;\n}\n\n");
		}
	}
	sb_putn(&e->fns, f.s, f.len);
	sb_free(&f);
}

static void st(struct em *e, struct node *n, struct sbuf *o, int depth, bool in_loop)
{
	if (!n)
		return;
	switch (n->k) {
	case S_BLOCK:
		for (unsigned i = 0; i < n->nkids; i++)
			st(e, n->kids[i], o, depth, in_loop);
		break;
	case S_NULL:
		break;
	case S_EXPR:
		src_comment(e, o, depth, n->loc.line);
		expr_stmt(e, n->a, o, depth);
		break;
	case S_DECL:
		if (n->ival) {
			/* an initialised array or struct: zeroed, then the values */
			src_comment(e, o, depth, n->loc.line);
			indent(o, depth);
			sb_printf(o, "COSY_RGN_ZEROV(F->b_%s, %u, %lu);\n", n->var->field,
				  n->var->seg_off, n->var->size);
			for (unsigned i = 0; i < n->nkids; i++)
				expr_stmt(e, n->kids[i], o, depth);
			break;
		}
		if (!n->a)
			break;
		src_comment(e, o, depth, n->loc.line);
		indent(o, depth);
		if (n->var->scalar_mem)
			sb_printf(o, "COSY_RGN_AT(%s, F->b_%s, 0) = ", ct_name(n->var->ct),
				  n->var->field);
		else
			var_ref(e, n->var, o);
		if (!n->var->scalar_mem)
			sb_puts(o, " = ");
		ex(e, n->a, o);
		sb_puts(o, ";\n");
		break;
	case S_IF:
		src_comment(e, o, depth, n->loc.line);
		indent(o, depth);
		sb_puts(o, "if (");
		cond_text(e, n->a, true, o);
		sb_puts(o, ") {\n");
		st(e, n->b, o, depth + 1, in_loop);
		indent(o, depth);
		sb_puts(o, "}");
		if (n->c) {
			sb_puts(o, " else {\n");
			st(e, n->c, o, depth + 1, in_loop);
			indent(o, depth);
			sb_puts(o, "}");
		}
		sb_puts(o, "\n");
		break;
	case S_WHILE:
	case S_DO:
	case S_FOR:
		src_comment(e, o, depth, n->loc.line);
		loop(e, n, o, depth, in_loop);
		break;
	case S_BREAK:
		src_comment(e, o, depth, n->loc.line);
		indent(o, depth);
		/* a switch's break stays C; a loop's leaves its callback */
		sb_puts(o, n->ival ? "break;\n" : "return COSY_RGN_EXIT(&V->st);\n");
		break;
	case S_SWITCH:
		src_comment(e, o, depth, n->loc.line);
		indent(o, depth);
		sb_puts(o, "switch (");
		ex(e, n->a, o);
		sb_puts(o, ") {\n");
		st(e, n->b, o, depth + 1, in_loop);
		indent(o, depth);
		sb_puts(o, "}\n");
		break;
	case S_CASE:
	case S_DEFAULT:
		indent(o, depth ? depth - 1 : 0);
		if (n->k == S_DEFAULT)
			sb_puts(o, "default:\n");
		else if (n->ct == CT_ULLONG)
			sb_printf(o, "case %lluULL:\n", (unsigned long long)n->ival);
		else if (n->ival == LLONG_MIN)	/* no literal spells it */
			sb_puts(o, "case -9223372036854775807LL - 1:\n");
		else
			sb_printf(o, "case %lldLL:\n", n->ival);
		st(e, n->b, o, depth, in_loop);
		break;
	case S_CONTINUE:
		src_comment(e, o, depth, n->loc.line);
		indent(o, depth);
		sb_puts(o, "return 0;\n");
		break;
	case S_GOTO:
		src_comment(e, o, depth, n->loc.line);
		indent(o, depth);
		if (in_loop && !n->op)	/* out of the callbacks; the body dispatches (loop()) */
			sb_printf(o, "{ V->st.jump = %lld; V->st.status = COSY_RGN_JUMP; return 1; }\n",
				  n->ival);
		else
			sb_printf(o, "goto cosy_l%lld;\n", n->ival);
		break;
	case S_LABEL:
		indent(o, depth ? depth - 1 : 0);
		sb_printf(o, "cosy_l%lld: __attribute__((unused));\n", n->ival);
		st(e, n->b, o, depth, in_loop);
		break;
	case S_RETURN:
		/* out of every loop (cosy_rgn_looped) and the body: the host returns */
		src_comment(e, o, depth, n->loc.line);
		if (n->a) {
			indent(o, depth);
			sb_printf(o, "V->v_%s = ", e->r->ret->field);
			ex(e, n->a, o);
			sb_puts(o, ";\n");
		}
		indent(o, depth);
		sb_puts(o, "V->st.status = COSY_RGN_RETURN;\n");
		indent(o, depth);
		sb_puts(o, "return 1;\n");
		break;
	case S_HOST:
		/* out as a return goes; the host runs the rest (rgn_line: which) */
		src_comment(e, o, depth, n->loc.line);
		indent(o, depth);
		sb_puts(o, "V->st.status = COSY_RGN_HOST;\n");
		indent(o, depth);
		sb_printf(o, "V->st.line = %lld;\n", n->ival);
		indent(o, depth);
		sb_puts(o, "return 1;\n");
		break;
	default:
		break;
	}
}

/* --- the file -------------------------------------------------------------- */

static bool has_field(struct var *v)
{
	return v->kind == VK_SCALAR && v->outside && (v->live_in || v->written);
}

void emit_args_struct(struct region *r, struct sbuf *o)
{
	sb_printf(o, "struct %s_args {\n", r->name);
	sb_puts(o, "\tstruct cosy_ctx cosy;\n\tstruct cosy_rgn_hdr hdr;\n");
	for (unsigned i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (has_field(v))
			sb_printf(o, "\t%s v_%s;\t/* %s%s%s%s */\n", ct_name(v->ct), v->field,
				  v->live_in ? "in" : "", v->live_in && v->written ? "/" : "",
				  v->written ? "out" : "", v->maybe ? " if assigned" : "");
	}
	sb_puts(o, "};\n");
}

static void layout_comment(struct em *e, struct sbuf *o)
{
	struct region *r = e->r;

	sb_printf(o, "/*\n * The segment (%u bytes), offsets from its start:\n", r->seg_size);
	sb_printf(o, " *   %7u %7u  variables (struct %s_vars)\n", 0, r->vars_size, r->name);
	if (r->opens)
		sb_printf(o, " *   %7u %7u  fd table: fds the region opened and did not close\n",
			  r->fdt_off, COSY_RGN_MAX_FDS * 4);
	if (r->stats)
		sb_printf(o, " *   %7u %7zu  what the stat kfuncs fill (struct cosy_stat)\n",
			  r->stat_off, sizeof(struct cosy_stat));
	for (unsigned i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (v->kind == VK_STR && v->lit)
			sb_printf(o, " *   %7u %7zu  path literal\n", v->seg_off, v->litlen);
		else if (v->kind == VK_STR && v->hexpr)
			sb_printf(o, " *   %7u %7u  path the program computes (%s:%u), copied in\n",
				  v->seg_off, 4096, e->u->path, v->loc.line);
		else if (v->kind == VK_STR)
			sb_printf(o, " *   %7u %7u  path %s (%s:%u), copied in\n", v->seg_off, 4096,
				  v->name, e->u->path, v->loc.line);
		else if (v->lit_pool)
			sb_printf(o, " *   %7u %7lu  literal pool: the strings pointers take, "
				  "copied in\n", v->seg_off, v->size);
		else if (v->kind == VK_BUF && v->lit)
			sb_printf(o, " *   %7u %7lu  data literal, copied in\n", v->seg_off, v->size);
		else if (v->kind == VK_BUF)
			sb_printf(o, " *   %7u %7lu  buffer %s (%s:%u)%s\n", v->seg_off, v->size,
				  v->name, e->u->path, v->loc.line, !v->outside ? "" :
				  v->written ? ", copied in and back" : ", copied in");
	}
	sb_puts(o, " */\n");
}

/*
 * The functions `code` defines, renamed NAME_u: the identifier before the
 * "(" of each line that starts a definition or a prototype ("static ...").
 */
static void define_renames(const struct sbuf *code, struct sbuf *o)
{
	const char *p = code->s, *end = code->s + code->len;
	struct sbuf seen = { 0 };

	sb_puts(&seen, " ");
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p), *par, *id;
		size_t len;

		if (!nl)
			nl = end;
		par = memchr(p, '(', nl - p);
		if (par && !strncmp(p, "static ", 7)) {
			for (id = par; id > p && (isalnum((unsigned char)id[-1]) || id[-1] == '_'); id--)
				;
			len = par - id;
			if (len) {
				char *name = xasprintf(" %.*s ", (int)len, id);

				if (!strstr(seen.s, name)) {
					sb_puts(&seen, name + 1);
					sb_printf(o, "#define %.*s %.*s_u\n", (int)len, id, (int)len, id);
				}
				free(name);
			}
		}
		p = nl + 1;
	}
	sb_free(&seen);
}

/*
 * The code twice in one object.  First for callers with CAP_BPF: entry
 * rgn__NAME, loaded by libcosy, the segment reached by pointer arithmetic.
 * Then for /dev/cosy: the same code with every name renamed (NAME_u, the
 * entry rgnu__NAME), not loaded unless asked for ("?syscall"), an element
 * at a variable offset fetched with cosy_at(), because the unprivileged
 * verifier refuses a variable added to a pointer into the segment.
 * cosy-load approve picks that entry; the object, and so its name
 * (cache_name()), is the same.
 */
static void emit_twice(const struct region *r, struct sbuf *o, const struct sbuf *code)
{
	sb_puts(o, "/* For callers with CAP_BPF (bpf(2)). */\n"
		   "#define COSY_RGN_SEC \"syscall\"\n"
		   "#define COSY_RGN_ATV COSY_RGN_ATV_P\n"
		   "#define COSY_RGN_ZEROV COSY_RGN_ZEROV_P\n"
		   "#define COSY_RGN_SLICEV COSY_RGN_SLICEV_P\n\n");
	sb_putn(o, code->s, code->len);
	sb_printf(o, "\n/*\n * For /dev/cosy (cosy-load approve): the same code, renamed, with\n"
		  " * cosy_at() where an element's offset is variable.\n */\n"
		  "#undef COSY_RGN_SEC\n#undef COSY_RGN_ATV\n#undef COSY_RGN_ZEROV\n"
		  "#undef COSY_RGN_SLICEV\n"
		  "#define COSY_RGN_SEC \"?syscall\"\n"
		  "#define COSY_RGN_ATV COSY_RGN_ATV_U\n"
		  "#define COSY_RGN_ZEROV COSY_RGN_ZEROV_U\n"
		  "#define COSY_RGN_SLICEV COSY_RGN_SLICEV_U\n"
		  "#define " COSY_RGN_ENTRY_PREFIX "%s " COSY_RGN_UNPRIV_PREFIX "%s\n",
		  r->name, r->name);
	define_renames(code, o);
	sb_puts(o, "\n");
	sb_putn(o, code->s, code->len);
}

/*
 * The FILEs the region writes (fopen(p, "w")): what one left open holds
 * is written out when the region ends (not a yield, stop or trap), as
 * exit() would flush it; the program cannot use the FILE after the
 * region.  A function of its own, not in the entry: 6.1 counts the
 * entry's stack in every nest of loops.  Returns whether there is one.
 */
static bool files_flush(const struct region *r, struct sbuf *o)
{
	bool any = false;
	char p[128];

	for (unsigned i = 0; i < r->nvars; i++) {
		const struct instream *fs = r->vars[i]->file;

		if (!fs || !fs->obuf)
			continue;
		if (!any)
			sb_printf(o, "/* FILEs the region wrote and left open: flushed at its end */\n"
				  "static __noinline long %s_files(struct %s_frame *F)\n{\n"
				  "\tstruct %s_vars *V = F->V;\n\n", r->name, r->name, r->name);
		any = true;
		sb_printf(o, "\tcosy_rgn_out_flush(&F->st, &V->st, (__u32 *)%s + %u, %u, %u, "
			  "COSY_RGN_OUT_FILE, %u);\n", out_ptr(fs->obuf, "F->", p), OUT_FILE_WORDS,
			  fs->obuf->seg_off + OUT_FILE_SKIP, OUT_SIZE, r->vars[i]->loc.line);
	}
	if (any)
		sb_puts(o, "\treturn 0;\n}\n\n");
	return any;
}

void emit_bpf(struct unit *u, struct region *r, struct sbuf *out)
{
	struct em e = { .u = u, .r = r };
	unsigned lparent[r->nloops + 1];
	bool lsite[r->nloops + 1], cb_done[r->nloops + 1], files;
	struct sbuf body = { 0 }, code = { 0 };
	struct sbuf *o = out;
	const char *give_back;
	unsigned i;

	memset(lparent, 0, sizeof(lparent));
	memset(lsite, 0, sizeof(lsite));
	memset(cb_done, 0, sizeof(cb_done));
	e.lparent = lparent;
	e.lsite = lsite;
	e.cb_done = cb_done;
	find_sites(&e, r->body, 0);
	sb_printf(o, "// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)\n"
		  "/*\n * Region '%s' of %s:%u-%u, lowered by cosy-cc into a compound.\n"
		  " * Generated: edit %s, not this file.\n */\n",
		  r->name, u->path, r->loc.line, r->end_loc.line, u->path);
	sb_puts(o, "#include <cosy_region_types.h>\n#include <cosy_region.bpf.h>\n\n");
	sb_puts(o, "char LICENSE[] SEC(\"license\") = \"Dual BSD/GPL\";\n\n");
	layout_comment(&e, o);
	sb_printf(o, "COSY_COMPOUND(%u);\n\n", r->seg_size);
	if (r->nfmts)
		sb_puts(o, "/* printf() and co.: their pieces' formats, for bpf_snprintf() */\n");
	for (i = 0; i < r->nfmts; i++) {
		/* a %c alone is printed without it (out_call()), unless padded */
		sb_printf(o, "static const char cosy_fmt%u[]%s = ", i,
			  strcmp(r->fmts[i], "%c") ? "" : " __attribute__((unused))");
		c_string(o, r->fmts[i], strlen(r->fmts[i]));
		sb_puts(o, ";\n");
	}
	if (r->nfmts)
		sb_puts(o, "\n");
	sb_puts(o, "/* In the args (the run's ctx, copied in and back): the region's live-in and\n"
		   " * live-out variables from outside it. */\n");
	emit_args_struct(r, o);
	sb_puts(o, "\n/* Every variable the region uses, in the segment at offset 0 (see\n"
		   " * cosy_region.bpf.h: the 6.1 verifier must not know their values). */\n");
	sb_printf(o, "struct %s_vars {\n\tstruct cosy_rgn_st st;\n", r->name);
	if (r->nscans)
		sb_puts(o, "\tstruct cosy_rgn_scan sc;\t/* the byte scans' operands */\n");
	for (i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (v->kind == VK_SCALAR)
			sb_printf(o, "\t%s v_%s;\t/* %s:%u%s */\n", ct_name(v->ct), v->field, u->path,
				  v->loc.line, v->outside ? "" : ", in the region");
	}
	sb_puts(o, "};\n\n/* On the stack: pointers only. */\n");
	sb_printf(o, "struct %s_frame {\n\tstruct cosy_rgn_state st;\n\tstruct %s_vars *V;\n",
		  r->name, r->name);
	for (i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (has_ptr(v))
			sb_printf(o, "\t__u8 *b_%s;\t/* %s: segment + %u */\n", v->field,
				  v->lit ? "a literal" : v->name, v->seg_off);
	}
	sb_puts(o, "};\n\n");

	/* the body first: it creates the callbacks */
	sb_printf(&body, "/* %s:%u: the region's body */\n", u->path, r->loc.line);
	/* V: unused in an empty region (COSY_START(x) COSY_END()) */
	sb_printf(&body, "static __noinline long %s_body(struct %s_frame *F)\n{\n"
		  "\tstruct %s_vars *V __attribute__((unused)) = F->V;\n\n", r->name, r->name,
		  r->name);
	resume_dispatch(&e, &body, 0);
	st(&e, r->body, &body, 1, false);
	sb_puts(&body, "\treturn 0;\n}\n\n");

	if (e.protos.len) {
		sb_putn(&code, e.protos.s, e.protos.len);
		sb_puts(&code, "\n");
	}
	if (e.fns.len)
		sb_putn(&code, e.fns.s, e.fns.len);
	sb_putn(&code, body.s, body.len);
	o = &code;
	files = files_flush(r, o);

	/*
	 * The region's cookie: FNV-1a over its name, place and code, never
	 * 0 (what the compound leaves in st.armed).  It tells the compound
	 * that the segment it runs on is its region's and was armed for this
	 * run by the runtime of the program it belongs to.
	 */
	{
		unsigned long long h = 0xcbf29ce484222325ull;
		char where[64];

		snprintf(where, sizeof(where), ":%u:", r->loc.line);
		h = fnv1a(h, r->name, strlen(r->name));
		h = fnv1a(h, u->path, strlen(u->path));
		h = fnv1a(h, where, strlen(where));
		h = fnv1a(h, code.s, code.len);
		r->cookie = h | 1;
	}

	/* the entry point */
	/*
	 * The entry is COSY_RGN_ENTRY_PREFIX + the region's name: a region
	 * called main, LICENSE or bpf_loop must not clash with C's or BPF's
	 * names (the other generated names only start with the region's).
	 */
	sb_printf(o, "SEC(COSY_RGN_SEC)\nint " COSY_RGN_ENTRY_PREFIX "%s(struct %s_args *a)\n{\n",
		  r->name, r->name);
	sb_printf(o, "\tstruct %s_frame f = {};\n\tstruct %s_vars *V;\n", r->name, r->name);
	/*
	 * A run that ends before the body hands the program's fds it was
	 * given to close back untouched, as if it had not begun.
	 */
	give_back = r->closes_grant ? "\t\tcosy_rgn_give_back(f.st.s, &a->cosy);\n" : "";
	sb_puts(o, "\n\tf.st.s = cosy_begin(a);\n\tif (!f.st.s)\n\t\treturn cosy_begin_error(a);\n");
	sb_puts(o, "\t/* the segment: variables, fd table, buffers (bounds known to the verifier) */\n");
	sb_printf(o, "\tV = (struct %s_vars *)cosy_seg(f.st.s, 0, sizeof(struct %s_vars));\n",
		  r->name, r->name);
	/*
	 * Not this region's segment, or not armed for this run: nothing
	 * done, -ESTALE (the runtime opens its compound again).  A segment
	 * too small for V is not the region's either, unless the run was
	 * stopped before it began (then cosy_seg() refuses any slice).
	 */
	sb_printf(o, "\tif (!V) {\n\t\t__u32 stop = cosy_stopped(f.st.s);\n\n"
		  "%s\t\tcosy_end(f.st.s, a);\n\t\tif (!stop)\n\t\t\treturn -ESTALE;\n"
		  "\t\ta->hdr.rgn_status = COSY_RGN_OK;\n\t\treturn 0;\n\t}\n"
		  "\tif (V->st.armed != 0x%llxull) {\n"
		  "%s\t\tcosy_end(f.st.s, a);\n\t\treturn -ESTALE;\n\t}\n"
		  "\tV->st.armed = 0;\n", give_back, r->cookie, give_back);
	/*
	 * The slices go straight into the frame: held in locals, each was
	 * spilled across the next cosy_seg() call, and the entry's stack
	 * counts towards 6.1's 512 bytes for all the loops' frames together.
	 * The verifier marks a slice in the frame not NULL by its test.  The
	 * empty asm shows clang the frame's address from the start: else it
	 * knows no call before the body's can change the frame, and tests
	 * copies of the slices it keeps in spill slots of their own.
	 */
	sb_puts(o, "\tasm volatile(\"\" : : \"r\"(&f) : \"memory\");\n");
	{
		struct sbuf cond = { 0 };

		if (r->opens) {
			sb_printf(o, "\tf.st.fdt = (int *)cosy_seg(f.st.s, %u, %u);\n", r->fdt_off,
				  COSY_RGN_MAX_FDS * 4);
			sb_puts(&cond, " || !f.st.fdt");
		}
		if (r->stats) {
			sb_printf(o, "\tf.st.cst = (struct cosy_stat *)cosy_seg(f.st.s, %u, "
				  "sizeof(struct cosy_stat));\n", r->stat_off);
			sb_puts(&cond, " || !f.st.cst");
		}
		for (i = 0; i < r->nvars; i++) {
			struct var *v = r->vars[i];

			if (!has_ptr(v))
				continue;
			sb_printf(o, "\tf.b_%s = (__u8 *)cosy_seg(f.st.s, %u, %lu);\n", v->field,
				  v->seg_off, slice_size(v));
			sb_printf(&cond, " || !f.b_%s", v->field);
		}
		/*
		 * A slice is refused when the run stopped before it began (a
		 * fatal signal, a spent budget): that is a stop, reported as
		 * one from the ctx; only a slice refused otherwise is a trap.
		 */
		if (cond.len)
			sb_printf(o, "\tif (%s) {\n\t\t__u32 stop = cosy_stopped(f.st.s);\n\n"
				  "%s\t\tcosy_end(f.st.s, a);\n"
				  "\t\ta->hdr.rgn_status = stop ? COSY_RGN_OK : COSY_RGN_TRAP_SEG;\n"
				  "\t\treturn 0;\n\t}\n", cond.s + 4, give_back);	/* after the first " || " */
		sb_free(&cond);
	}
	sb_puts(o, "\tf.V = V;\n");
	/* a run after a yield goes on with what the segment holds */
	sb_puts(o, "\tV->st.status = 0;\n\tV->st.line = 0;\n\tV->st.lexit = 0;\n"
		   "\tif (!V->st.resume) {\n"
		   "\t\tV->st.err = a->hdr.rgn_errno;\n\t\tV->st.set = 0;\n");
	/*
	 * a FILE's buffer holds nothing and no fd before its fopen(),
	 * whatever a stopped run left: a write through a FILE whose fopen()
	 * failed (a crash in the plain build) fails with EBADF
	 */
	for (i = 0; i < r->nvars; i++)
		if (r->vars[i]->file && r->vars[i]->file->obuf) {
			char p[128];

			out_ptr(r->vars[i]->file->obuf, "f.", p);
			sb_printf(o, "\t\t((__s32 *)%s)[0] = -1;\n\t\t((__u32 *)%s)[%u] = 0;\n",
				  p, p, OUT_FILE_WORDS);
		}
	for (i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (has_field(v) && v->live_in)
			sb_printf(o, "\t\tV->v_%s = a->v_%s;\n", v->field, v->field);
	}
	sb_puts(o, "\t}\n");
	sb_printf(o, "\n\t%s_body(&f);\n\n", r->name);
	if (files)
		sb_printf(o, "\tif (V->st.status == COSY_RGN_OK || V->st.status == COSY_RGN_RETURN ||\n"
			  "\t    V->st.status == COSY_RGN_HOST)\n\t\t%s_files(&f);\n", r->name);
	if (r->opens)
		sb_puts(o, "\t/* fds opened and not closed stay open, as after the original */\n"
			   "\tcosy_rgn_keep_all(&f.st, &V->st);\n");
	sb_puts(o, "\t/* out, before the session (and with it V) ends */\n");
	sb_puts(o, "\ta->hdr.rgn_errno = V->st.err;\n\ta->hdr.rgn_status = V->st.status;\n"
		   "\ta->hdr.rgn_line = V->st.line;\n\ta->hdr.rgn_nfds = V->st.nfds;\n"
		   "\ta->hdr.rgn_set = V->st.set;\n");
	for (i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (has_field(v) && v->written)
			sb_printf(o, "\ta->v_%s = V->v_%s;\n", v->field, v->field);
	}
	sb_puts(o, "\tcosy_end(f.st.s, a);\n");
	sb_puts(o, "\treturn 0;\n}\n");
	emit_twice(r, out, &code);
	sb_free(&code);
	sb_free(&body);
	sb_free(&e.protos);
	sb_free(&e.fns);
}
