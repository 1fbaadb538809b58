// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * What a region does with its variables, decided once, before any code
 * is written:
 *
 * - read / written: which variables the region reads and may write.
 * - live-in: outside variables whose value at entry may be read (a
 *   forward "definitely assigned" pass over the structured IR; anything it
 *   cannot prove assigned first is live-in).  Live-in values are copied into
 *   the args struct, written ones copied back.  Buffers from outside are
 *   always copied in (a read() may fill only part of one) and copied back
 *   when written.
 * - fds: every fd argument is a variable or a constant (ir.c).  The
 *   variables that reach an fd argument by plain copies, and their
 *   definitions, tell which of the program's fds the compound may be given
 *   (granted) and prove that it never closes one of them (the guard would
 *   refuse, where the program would have closed it).
 * - the segment layout: the fd table, strings, buffers.
 */
#include <stdlib.h>
#include <string.h>

#include "cosycc.h"
#include "runtime/cosy_region.h"

#define MAX_FRAME_BYTES	256	/* of the 512-byte BPF stack: the rest is the callbacks' */
#define MAX_LOOP_DEPTH	5	/* main + body + loops <= 8 BPF call frames */
#define SEG_MAX		(4u << 20)	/* COSY_SEG_MAX */
#define PATH_SLOT	4096u		/* COSY_PATH_MAX */

struct da;

struct an {
	struct unit *u;
	struct region *r;
	/* per var (by index): definitions, for the fd rules */
	struct def {
		enum { D_VAR, D_CONST, D_OWNED, D_COMPUTED, D_MEM } kind;
		struct var *src;	/* D_VAR, D_MEM: the variable read */
		long long c;
		struct loc loc;
		struct node *elem;	/* D_MEM: the E_ELEM read (fds[i], r->fd) */
	} **defs;
	unsigned *ndefs;
	bool *sink;		/* reaches an fd argument */
	struct node ***fduse;	/* memory: its E_ELEMs whose value reaches one */
	unsigned *nfduse;
	unsigned char **fdbyte;	/* ... and the bytes they may read */
	bool *may_grant;	/* may hold one of the program's fds */
	struct da *sw_entry;	/* definite assignment: at the innermost switch */
	struct da *at_cont;	/* ... met at the innermost loop's continues (NULL: none) */
	struct da *at_ret;	/* ... met over every return (NULL: none yet) */
	struct da **at_label;	/* ... over every goto to each label (by id) */
};

static void add_cgrant(struct region *r, long long c);

static unsigned var_index(struct region *r, struct var *v)
{
	for (unsigned i = 0; i < r->nvars; i++)
		if (r->vars[i] == v)
			return i;
	return 0;
}

bool node_is_expr(const struct node *n)
{
	return n->k < S_EXPR;
}

bool any_node(const struct node *n, bool (*pred)(const struct node *, const void *),
	      const void *arg)
{
	if (!n)
		return false;
	if (pred(n, arg))
		return true;
	if (any_node(n->a, pred, arg) || any_node(n->b, pred, arg) ||
	    any_node(n->c, pred, arg) || any_node(n->d, pred, arg))
		return true;
	for (unsigned i = 0; i < n->nkids; i++)
		if (any_node(n->kids[i], pred, arg))
			return true;
	return false;
}

/* Does evaluating n write, ++ or --, or call out (a system call, a trap)? */
static bool acts(const struct node *n, const void *unused)
{
	(void)unused;
	switch (n->k) {
	case E_CONST:
	case E_VAR:
	case E_ERRNO:
	case E_ELEM:
	case E_CAST:
	case E_BINARY:
	case E_COMMA:
	case E_COND:
		return false;
	case E_UNARY:
		return n->op == OP_INC || n->op == OP_DEC;
	default:
		return true;
	}
}

/* Only reads and arithmetic: evaluating n changes nothing. */
bool writes_nothing(const struct node *n)
{
	return !any_node(n, acts, NULL);
}

/* --- reads and writes -------------------------------------------------------- */

/*
 * A global (or static local) the region writes is copied in and back like
 * a local: no other thread or signal handler may see it change meanwhile
 * without a data race, which C leaves undefined (volatile and _Atomic
 * variables, the exceptions, are refused), and a region takes no lock.
 */
static void mark_write(struct an *a, struct var *v, struct loc loc)
{
	(void)a;
	(void)loc;
	v->written = true;
}

static void rw_expr(struct an *a, struct node *n);

/* Does call n write its buffer (n->buf)?  Its second one (n->buf2)? */
static bool call_fills_buf(const struct node *n)
{
	return n->sc == SC_READ || n->sc == SC_PREAD || n->sc == SC_MEMCPY ||
	       n->sc == SC_MEMSET || n->sc == SC_GETDENTS || n->sc == SC_STRCPY ||
	       n->sc == SC_SNPRINTF || n->sc == SC_FGETS;
}

static bool call_fills_buf2(const struct node *n)
{
	return !(n->sc == SC_MEMCPY || n->sc == SC_MEMCMP || n->sc == SC_MEMMEM ||
		 n->sc == SC_STRCMP || n->sc == SC_STRNCMP || n->sc == SC_STRCPY);
}

static void rw_kids(struct an *a, struct node *n)
{
	for (unsigned i = 0; i < n->nkids; i++)
		rw_expr(a, n->kids[i]);
}

static void rw_expr(struct an *a, struct node *n)
{
	if (!n)
		return;
	switch (n->k) {
	case E_VAR:
		n->var->read = true;
		break;
	case E_ELEM:
		n->var->read = true;
		rw_kids(a, n);
		break;
	case E_ASSIGN:
		if (n->a->k == E_VAR || n->a->k == E_ELEM)
			mark_write(a, n->a->var, n->a->loc);
		if (n->op != OP_NONE)
			rw_expr(a, n->a);
		else if (n->a->k == E_ELEM)
			rw_kids(a, n->a);	/* its indexes are read, not the element */
		rw_expr(a, n->b);
		break;
	case E_COPY:
		mark_write(a, n->a->var, n->a->loc);
		rw_kids(a, n->a);
		rw_expr(a, n->b);
		break;
	case E_UNARY:
	case E_POST:
		if ((n->op == OP_INC || n->op == OP_DEC) && n->a->k != E_ERRNO)
			mark_write(a, n->a->var, n->a->loc);
		rw_expr(a, n->a);
		break;
	case E_CALL:
		/* fgets(): its stream's buffer and state, read and written in its callback */
		if (n->sc == SC_FGETS) {
			struct var *in[] = { n->in->buf, n->in->pos, n->in->len, n->in->eof,
					     n->in->err };

			for (unsigned k = 0; k < sizeof(in) / sizeof(in[0]); k++) {
				in[k]->read = true;
				mark_write(a, in[k], n->loc);
			}
		}
		/* a FILE written: fopen() keeps its fd in the buffer */
		if (n->sc == SC_OUTFLUSH && n->out_fd == OUT_FILE && n->ival == OUTFLUSH_RESET)
			n->in->fd->read = true;
		if (n->buf) {
			if (call_fills_buf(n))
				mark_write(a, n->buf, n->loc);
			else
				n->buf->read = true;
		}
		if (n->buf2 && !call_fills_buf2(n))
			n->buf2->read = true;
		else if (n->buf2)
			mark_write(a, n->buf2, n->loc);
		rw_expr(a, n->a);
		rw_expr(a, n->b);
		rw_expr(a, n->c);
		rw_kids(a, n);
		break;
	default:
		rw_expr(a, n->a);
		rw_expr(a, n->b);
		rw_expr(a, n->c);
		break;
	}
}

static void rw_stmt(struct an *a, struct node *n)
{
	if (!n)
		return;
	switch (n->k) {
	case S_BLOCK:
		for (unsigned i = 0; i < n->nkids; i++)
			rw_stmt(a, n->kids[i]);
		break;
	case S_DECL:
		if (n->a || n->ival) {
			n->var->written = true;
			rw_expr(a, n->a);
			rw_kids(a, n);
		}
		break;
	case S_EXPR:
		rw_expr(a, n->a);
		break;
	default:
		rw_expr(a, n->a);
		rw_stmt(a, n->b);
		rw_stmt(a, n->c);
		if (n->d)
			(node_is_expr(n->d) ? rw_expr : rw_stmt)(a, n->d);
		break;
	}
}

/* --- live-in: definitely assigned before read ------------------------------------- */

struct da {
	bool *set;		/* by var index */
	unsigned n;
};

static struct da da_copy(struct da *d)
{
	struct da c = { xcalloc(d->n, sizeof(bool)), d->n };

	memcpy(c.set, d->set, d->n * sizeof(bool));
	return c;
}

static void da_meet(struct da *d, struct da *x, struct da *y)
{
	for (unsigned i = 0; i < d->n; i++)
		d->set[i] = x->set[i] && y->set[i];
}

static void da_expr(struct an *a, struct node *n, struct da *d);
static void da_cond(struct an *a, struct node *n, struct da *d, struct da *t, struct da *f);

static void read_var(struct an *a, struct var *v, struct da *d)
{
	if (!d->set[var_index(a->r, v)])
		v->live_in = true;
}

static void da_expr(struct an *a, struct node *n, struct da *d)
{
	struct da x, y;

	if (!n)
		return;
	switch (n->k) {
	case E_VAR:
		read_var(a, n->var, d);
		break;
	case E_ELEM:
		for (unsigned i = 0; i < n->nkids; i++)
			da_expr(a, n->kids[i], d);
		break;
	case E_ASSIGN:
		if (n->a->k == E_ELEM)
			da_expr(a, n->a, d);
		else if (n->a->k == E_VAR && n->op != OP_NONE)
			read_var(a, n->a->var, d);
		da_expr(a, n->b, d);
		if (n->a->k == E_VAR)
			d->set[var_index(a->r, n->a->var)] = true;
		break;
	case E_UNARY:
	case E_POST:
		da_expr(a, n->a, d);
		break;
	case E_BINARY:
		da_expr(a, n->a, d);
		if (n->op == OP_LAND || n->op == OP_LOR) {
			x = da_copy(d);
			da_expr(a, n->b, &x);	/* may not run: its writes do not count */
			free(x.set);
		} else {
			da_expr(a, n->b, d);
		}
		break;
	case E_COND:
		x = da_copy(d);
		y = da_copy(d);
		da_cond(a, n->a, d, &x, &y);
		da_expr(a, n->b, &x);
		da_expr(a, n->c, &y);
		da_meet(d, &x, &y);
		free(x.set);
		free(y.set);
		break;
	case E_CALL:
		da_expr(a, n->c, d);
		da_expr(a, n->a, d);
		da_expr(a, n->b, d);
		for (unsigned i = 0; i < n->nkids; i++)
			da_expr(a, n->kids[i], d);
		break;
	default:
		da_expr(a, n->a, d);
		da_expr(a, n->b, d);
		break;
	}
}

static void da_set(struct da *d, struct da *x)
{
	memcpy(d->set, x->set, d->n * sizeof(bool));
}

/*
 * A condition: t and f get what is assigned once it is known true, or
 * false, and d what is assigned either way.  `while (n && (p = memchr(..)))`
 * has p assigned in its body, as C programs rely on.
 */
static void da_cond(struct an *a, struct node *n, struct da *d, struct da *t, struct da *f)
{
	struct da t1, f1, bt, bf;
	bool and;

	if (n && n->k == E_UNARY && n->op == OP_NOT) {
		da_cond(a, n->a, d, f, t);
		return;
	}
	if (!n || n->k != E_BINARY || (n->op != OP_LAND && n->op != OP_LOR)) {
		da_expr(a, n, d);
		da_set(t, d);
		da_set(f, d);
		return;
	}
	and = n->op == OP_LAND;
	t1 = da_copy(d);
	f1 = da_copy(d);
	da_cond(a, n->a, d, &t1, &f1);
	/* the right operand runs when the left one is true (&&) or false (||) */
	bt = da_copy(and ? &t1 : &f1);
	bf = da_copy(and ? &t1 : &f1);
	da_cond(a, n->b, and ? &t1 : &f1, &bt, &bf);
	if (and) {
		da_set(t, &bt);
		da_meet(f, &f1, &bf);
	} else {
		da_meet(t, &t1, &bt);
		da_set(f, &bf);
	}
	da_meet(d, t, f);
	free(t1.set);
	free(f1.set);
	free(bt.set);
	free(bf.set);
}

/* Does loop body `n` break or continue its own loop? */
static bool jumps(struct node *n)
{
	if (!n)
		return false;
	switch (n->k) {
	case S_BREAK:
	case S_CONTINUE:
		return true;
	case S_WHILE:
	case S_DO:
	case S_FOR:
		return false;	/* theirs are their own */
	case S_BLOCK:
		for (unsigned i = 0; i < n->nkids; i++)
			if (jumps(n->kids[i]))
				return true;
		return false;
	case S_IF:
		return jumps(n->b) || jumps(n->c);
	case S_SWITCH:	/* its breaks are its own, but not its continues */
	case S_CASE:
	case S_DEFAULT:
		return jumps(n->b);
	default:
		return false;
	}
}

static void da_stmt(struct an *a, struct node *n, struct da *d);

/* The body of a loop: *cont gets the meet of its continues' states (NULL: none). */
static void da_body(struct an *a, struct node *body, struct da *d, struct da **cont)
{
	struct da *outer = a->at_cont;

	a->at_cont = NULL;
	da_stmt(a, body, d);
	*cont = a->at_cont;
	a->at_cont = outer;
}

static void da_free(struct da *d)
{
	if (d)
		free(d->set);
	free(d);
}

static void da_stmt(struct an *a, struct node *n, struct da *d)
{
	struct da x, y, *cont;

	if (!n)
		return;
	switch (n->k) {
	case S_BLOCK:
		for (unsigned i = 0; i < n->nkids; i++)
			da_stmt(a, n->kids[i], d);
		break;
	case S_DECL:
		for (unsigned i = 0; i < n->nkids; i++)
			da_expr(a, n->kids[i], d);
		if (n->a) {
			da_expr(a, n->a, d);
			d->set[var_index(a->r, n->var)] = true;
		}
		break;
	case S_EXPR:
		da_expr(a, n->a, d);
		break;
	case S_IF:
		x = da_copy(d);
		y = da_copy(d);
		da_cond(a, n->a, d, &x, &y);
		da_stmt(a, n->b, &x);
		da_stmt(a, n->c, &y);
		da_meet(d, &x, &y);
		free(x.set);
		free(y.set);
		break;
	case S_WHILE:
		x = da_copy(d);
		y = da_copy(d);
		da_cond(a, n->a, d, &x, &y);
		da_body(a, n->b, &x, &cont);
		da_free(cont);
		free(x.set);
		free(y.set);
		break;
	case S_DO:
		x = da_copy(d);
		da_body(a, n->b, &x, &cont);
		da_free(cont);
		if (jumps(n->b)) {
			/* continue reaches the condition, break the end, half-way through */
			da_expr(a, n->a, d);
		} else {
			da_expr(a, n->a, &x);
			memcpy(d->set, x.set, d->n * sizeof(bool));
		}
		free(x.set);
		break;
	case S_SWITCH:
		/*
		 * Each label is entered from the switch too: what is assigned
		 * at a label is what was before the switch (fall-through adds
		 * nothing certain).  Afterwards, nothing the body assigned is
		 * counted: some case, or none, ran.
		 */
		da_expr(a, n->a, d);
		{
			struct da *outer = a->sw_entry, entry = da_copy(d);

			x = da_copy(d);
			a->sw_entry = &entry;
			da_stmt(a, n->b, &x);
			a->sw_entry = outer;
			free(entry.set);
			free(x.set);
		}
		break;
	case S_RETURN:
	case S_HOST:
		/*
		 * The region ends here too, and what it assigned is copied
		 * back before the function returns: meet the state of every
		 * return with the end's.
		 */
		da_expr(a, n->a, d);
		if (!a->at_ret) {
			a->at_ret = xcalloc(1, sizeof(*a->at_ret));
			*a->at_ret = da_copy(d);
		} else {
			da_meet(a->at_ret, a->at_ret, d);
		}
		break;
	case S_GOTO:
		/* forward only: met into its label's state, which comes later */
		if (!a->at_label[n->ival]) {
			a->at_label[n->ival] = xcalloc(1, sizeof(struct da));
			*a->at_label[n->ival] = da_copy(d);
		} else {
			da_meet(a->at_label[n->ival], a->at_label[n->ival], d);
		}
		break;
	case S_LABEL:
		if (a->at_label[n->ival])
			da_meet(d, d, a->at_label[n->ival]);
		da_stmt(a, n->b, d);
		break;
	case S_CASE:
	case S_DEFAULT:
		if (a->sw_entry)
			memcpy(d->set, a->sw_entry->set, d->n * sizeof(bool));
		da_stmt(a, n->b, d);
		break;
	case S_FOR:
		if (n->d)
			(node_is_expr(n->d) ? da_expr : da_stmt)(a, n->d, d);
		x = da_copy(d);
		y = da_copy(d);
		da_cond(a, n->a, d, &x, &y);
		free(y.set);
		da_body(a, n->b, &x, &cont);
		/*
		 * The step runs after the body or after a continue, with
		 * what both assigned (`for (...; pos += d->d_reclen)` with d
		 * set at the body's top, before an `if (...) continue;`); a
		 * break, a return or a goto out of the loop does not reach it.
		 */
		if (cont)
			da_meet(&x, &x, cont);
		da_free(cont);
		da_expr(a, n->c, &x);
		free(x.set);
		break;
	case S_CONTINUE:
		if (!a->at_cont) {
			a->at_cont = xcalloc(1, sizeof(*a->at_cont));
			*a->at_cont = da_copy(d);
		} else {
			da_meet(a->at_cont, a->at_cont, d);
		}
		break;
	default:
		break;
	}
}

/* --- fds -------------------------------------------------------------------------- */

static struct def *add_def(struct an *a, struct var *v, int kind, struct var *src,
			   long long c, struct loc loc)
{
	unsigned i = var_index(a->r, v);

	a->defs[i] = xrealloc(a->defs[i], sizeof(struct def) * (a->ndefs[i] + 1));
	a->defs[i][a->ndefs[i]] = (struct def){ kind, src, c, loc, NULL };
	return &a->defs[i][a->ndefs[i]++];
}

/* The definitions an assigned value `e` gives variable v. */
static void def_value(struct an *a, struct var *v, struct node *e, struct loc loc)
{
	switch (e->k) {
	case E_VAR:
		add_def(a, v, D_VAR, e->var, 0, loc);
		break;
	case E_CONST:
		add_def(a, v, D_CONST, NULL, e->ival, loc);
		break;
	case E_ELEM:
		add_def(a, v, D_MEM, e->var, 0, loc)->elem = e;
		break;
	case E_CALL:
		add_def(a, v, e->sc <= SC_CREAT ? D_OWNED : D_COMPUTED, NULL, 0, loc);
		break;
	case E_COND:
		def_value(a, v, e->b, loc);
		def_value(a, v, e->c, loc);
		break;
	case E_COMMA:
		def_value(a, v, e->b, loc);
		break;
	case E_CAST:
		def_value(a, v, e->a, loc);
		break;
	case E_ASSIGN:
		if (e->op == OP_NONE) {
			def_value(a, v, e->b, loc);
			break;
		}
		/* fall through */
	default:
		add_def(a, v, D_COMPUTED, NULL, 0, loc);
		break;
	}
}

/*
 * fds kept in memory (fds[i], r->fd, files[k].fd).  Which bytes of its
 * variable an access may touch is found by walking its offsets: each
 * checked index over its count, a pointer (a byte offset into the
 * variable) over the multiples of the size of what it points to.  A store
 * is an fd's definition when it may touch a byte that an fd is read from;
 * the program's fds at entry are those at the offsets fds are read from.
 * Bytes a call copies in (read(), memcpy(), a struct assignment's source)
 * are not followed: a struct assignment into such bytes is refused.
 */
#define ELEM_WALK_MAX	(1ul << 22)	/* offsets walked for one access */
#define FD_PLACES_MAX	64		/* the program's fds in one variable */

struct ewalk {
	unsigned long size, steps;
	unsigned width;
	unsigned char *bytes;
	bool mark;		/* mark the bytes, or test them (hit) */
	bool hit;
	unsigned char *start;	/* marking: the type at each access's first byte */
	enum ctype ct;
};

/* The offsets of access e's first byte; false: more than ELEM_WALK_MAX or a hit. */
static bool elem_walk(const struct node *e, unsigned i, unsigned long off, struct ewalk *w)
{
	const struct node *k;
	unsigned long lim, step = 1;

	if (i == e->nkids) {
		if (off >= w->size)
			return true;
		if (++w->steps > ELEM_WALK_MAX)
			return false;
		if (w->start)
			w->start[off] = (unsigned char)w->ct;
		for (unsigned long b = off; b < off + w->width && b < w->size; b++) {
			if (w->mark)
				w->bytes[b] = 1;
			else if (w->bytes[b])
				w->hit = true;
		}
		return !w->hit;
	}
	k = e->kids[i];
	lim = e->count[i] ? e->count[i] : e->sum;
	if (k->k == E_VAR && k->var->is_ptr && k->var->pscale)
		step = k->var->pscale;
	for (unsigned long x = 0; x < lim; x += step)
		if (!elem_walk(e, i + 1, off + x * e->scale[i], w))
			return false;
	return true;
}

static bool off_floor_known(const struct node *e);

/*
 * The least byte offset e (a call's memory argument) can be: pointers
 * into a variable never go below its start; anything else may be
 * negative, and then the call's own check against 0 is all there is.
 */
static unsigned long off_floor(const struct node *e)
{
	if (!e)
		return 0;
	switch (e->k) {
	case E_CONST:
		return e->ival > 0 ? (unsigned long)e->ival : 0;
	case E_BINARY:
		if (e->op == OP_ADD && off_floor_known(e->a) && off_floor_known(e->b))
			return off_floor(e->a) + off_floor(e->b);
		return 0;
	case E_CAST:
		return off_floor_known(e) ? off_floor(e->a) : 0;
	default:
		return 0;
	}
}

static bool off_floor_known(const struct node *e)
{
	return (e->k == E_CONST && e->ival >= 0) || (e->k == E_VAR && e->var->is_ptr) ||
	       (e->k == E_CAST && ct_size(e->ct) == 8 && off_floor_known(e->a)) ||
	       (e->k == E_BINARY && e->op == OP_ADD && off_floor_known(e->a) &&
		off_floor_known(e->b));
}

/*
 * Does node n itself write a byte of hb->v that hb->h names (a path the
 * host computes reads them)?  The writes are rw_expr()'s: a store's bytes
 * are walked, a call that fills memory may write from its argument's
 * least offset to the variable's end (the bounds its kfunc checks),
 * anything else is all of v.
 */
struct hbytes {
	struct var *v;
	const struct hread *h;
};

static bool writes_hbytes(const struct node *n, const void *arg)
{
	const struct hbytes *hb = arg;
	struct var *v = hb->v;
	const struct hread *h = hb->h;
	const struct node *lv = NULL;
	unsigned width = 0;

	switch (n->k) {
	case E_ASSIGN:
	case E_COPY:
		lv = n->a;
		width = n->k == E_COPY ? (unsigned)n->ival : ct_size(lv->ct);
		break;
	case E_UNARY:
	case E_POST:
		if (n->op == OP_INC || n->op == OP_DEC) {
			lv = n->a;
			width = ct_size(lv->ct);
		}
		break;
	case E_CALL:
		if (n->buf == v && call_fills_buf(n) && off_floor(n->a) < h->off + h->size)
			return true;
		return n->buf2 == v && call_fills_buf2(n);
	case S_DECL:
		return n->var == v && (n->a || n->ival);
	default:
		break;
	}
	if (lv && (lv->k == E_VAR || lv->k == E_ELEM) && lv->var == v) {
		unsigned char *bytes = xcalloc(v->size, 1);
		struct ewalk w = { .size = v->size, .width = width, .bytes = bytes };
		bool hit;

		memset(bytes + h->off, 1, h->size);
		hit = lv->k == E_VAR || !elem_walk(lv, 0, (unsigned long)lv->ival, &w) || w.hit;
		free(bytes);
		return hit;
	}
	return false;
}

/* May the region's body write a byte of v that h names? */
static bool may_write_bytes(const struct node *body, struct var *v, const struct hread *h)
{
	struct hbytes hb = { v, h };

	if (!h->size || !v->size || h->off + h->size > v->size)
		return true;
	return any_node(body, writes_hbytes, &hb);
}

static void fduse_add(struct an *a, struct node *e)
{
	unsigned i = var_index(a->r, e->var);

	a->sink[i] = true;
	for (unsigned j = 0; j < a->nfduse[i]; j++)
		if (a->fduse[i][j] == e)
			return;
	a->fduse[i] = xrealloc(a->fduse[i], sizeof(*a->fduse[i]) * (a->nfduse[i] + 1));
	a->fduse[i][a->nfduse[i]++] = e;
}

/* The bytes of memory variable i that fds are read from; false: too many places. */
static bool fd_bytes(struct an *a, unsigned i)
{
	struct var *v = a->r->vars[i];

	free(a->fdbyte[i]);
	a->fdbyte[i] = xcalloc(v->size ? v->size : 1, 1);
	for (unsigned j = 0; j < a->nfduse[i]; j++) {
		struct node *e = a->fduse[i][j];
		struct ewalk w = { .size = v->size, .width = ct_size(e->ct),
				   .bytes = a->fdbyte[i], .mark = true };

		if (!elem_walk(e, 0, (unsigned long)e->ival, &w)) {
			diag_error(a->u, e->loc, "this fd cannot run in a compound: it is read from "
				   "too many places of '%s' for cosy-cc to tell which of its bytes "
				   "hold fds; keep them in an int array or an int member", v->name);
			return false;
		}
	}
	return true;
}

/* Stores that may write an fd's bytes: definitions of the variable's fds. */
static void store_defs(struct an *a, struct node *n)
{
	struct node *lv = NULL;

	if (!n)
		return;
	if (n->k == E_ASSIGN || n->k == E_COPY ||
	    ((n->k == E_UNARY || n->k == E_POST) && (n->op == OP_INC || n->op == OP_DEC)))
		lv = n->a;
	if (lv && lv->k == E_ELEM && a->fdbyte[var_index(a->r, lv->var)]) {
		struct ewalk w = { .size = lv->var->size,
				   .width = n->k == E_COPY ? (unsigned)n->ival : ct_size(lv->ct),
				   .bytes = a->fdbyte[var_index(a->r, lv->var)] };

		if (!elem_walk(lv, 0, (unsigned long)lv->ival, &w) || w.hit) {
			if (n->k == E_ASSIGN && n->op == OP_NONE && w.width == ct_size(lv->ct))
				def_value(a, lv->var, n->b, n->loc);
			else	/* c: 1 for a copy */
				add_def(a, lv->var, D_COMPUTED, NULL, n->k == E_COPY, n->loc);
		}
	}
	store_defs(a, n->a);
	store_defs(a, n->b);
	store_defs(a, n->c);
	store_defs(a, n->d);
	for (unsigned i = 0; i < n->nkids; i++)
		store_defs(a, n->kids[i]);
}

/*
 * Make every variable whose value reaches an fd argument a sink, through
 * copies, fds read from memory, and stores into those bytes.  Returns
 * false if an fd's place in memory cannot be told.
 */
static bool fd_sinks(struct an *a, const unsigned *nbase)
{
	struct region *r = a->r;
	unsigned long before, after = 0;
	bool ok = true;

	do {
		bool changed = true;

		before = after;
		while (changed) {
			changed = false;
			for (unsigned i = 0; i < r->nvars; i++) {
				if (!a->sink[i])
					continue;
				for (unsigned j = 0; j < a->ndefs[i]; j++) {
					struct def *d = &a->defs[i][j];
					unsigned s, n;

					if (d->kind != D_VAR && d->kind != D_MEM)
						continue;
					s = var_index(r, d->src);
					n = a->nfduse[s];
					if (d->kind == D_MEM)
						fduse_add(a, d->elem);
					if (!a->sink[s] || n != a->nfduse[s])
						changed = true;
					a->sink[s] = true;
				}
			}
		}
		/* the stores into memory fds are read from, found again */
		for (unsigned i = 0; i < r->nvars; i++) {
			if (!a->nfduse[i])
				continue;
			a->ndefs[i] = nbase[i];
			if (!fd_bytes(a, i))
				ok = false;
		}
		if (!ok)
			break;
		store_defs(a, r->body);
		after = 0;
		for (unsigned i = 0; i < r->nvars; i++)
			after += a->sink[i] + a->nfduse[i] + a->ndefs[i];
	} while (after != before);
	return ok;
}

/* The places of memory variable i the program's fds are granted from. */
static void fd_places(struct an *a, unsigned i)
{
	struct var *v = a->r->vars[i];
	unsigned char *ct = xcalloc(v->size ? v->size : 1, 1);

	for (unsigned j = 0; j < a->nfduse[i]; j++) {
		struct node *e = a->fduse[i][j];
		struct ewalk w = { .size = v->size, .width = ct_size(e->ct),
				   .bytes = a->fdbyte[i], .mark = true, .start = ct,
				   .ct = e->ct };

		elem_walk(e, 0, (unsigned long)e->ival, &w);	/* fd_bytes() walked it */
	}
	for (unsigned long off = 0; off < v->size; off++) {
		if (!ct[off])
			continue;
		if (v->nfd_places == FD_PLACES_MAX) {
			diag_error(a->u, v->loc, "'%s' may hold the program's fds in more than %d "
				   "places, more than cosy-cc can grant a compound; declare it in "
				   "the region, or keep fewer fds in it", v->name, FD_PLACES_MAX);
			break;
		}
		v->fd_places = xrealloc(v->fd_places, sizeof(*v->fd_places) * (v->nfd_places + 1));
		v->fd_places[v->nfd_places++] = (struct fd_place){ off, (enum ctype)ct[off] };
	}
	free(ct);
}

static void defs_expr(struct an *a, struct node *n);

static void defs_kids(struct an *a, struct node *n)
{
	for (unsigned i = 0; i < n->nkids; i++)
		defs_expr(a, n->kids[i]);
}

static void defs_expr(struct an *a, struct node *n)
{
	if (!n)
		return;
	if (n->k == E_ASSIGN && n->a->k == E_VAR) {
		if (n->op == OP_NONE)
			def_value(a, n->a->var, n->b, n->loc);
		else
			add_def(a, n->a->var, D_COMPUTED, NULL, 0, n->loc);
	}
	if ((n->k == E_UNARY || n->k == E_POST) && (n->op == OP_INC || n->op == OP_DEC) &&
	    n->a->k == E_VAR)
		add_def(a, n->a->var, D_COMPUTED, NULL, 0, n->loc);
	if (n->k == E_CALL && (sysc_fd_arg(n->sc) || sysc_dirfd(n))) {
		struct node *fd = sysc_dirfd(n) ? sysc_dirfd(n) : n->kids[0];

		if (fd->k == E_VAR)
			a->sink[var_index(a->r, fd->var)] = true;
		if (fd->k == E_ELEM)
			fduse_add(a, fd);
	}
	defs_expr(a, n->a);
	defs_expr(a, n->b);
	defs_expr(a, n->c);
	if (n->k == E_CALL || n->k == E_ELEM)
		defs_kids(a, n);
}

static void defs_stmt(struct an *a, struct node *n)
{
	if (!n)
		return;
	if (n->k == S_BLOCK) {
		for (unsigned i = 0; i < n->nkids; i++)
			defs_stmt(a, n->kids[i]);
		return;
	}
	if (n->k == S_DECL && n->a)
		def_value(a, n->var, n->a, n->loc);
	if (n->k == S_DECL) {
		defs_kids(a, n);
		return defs_expr(a, n->a);
	}
	if (n->k == S_EXPR)
		return defs_expr(a, n->a);
	defs_expr(a, n->a);
	defs_stmt(a, n->b);
	defs_stmt(a, n->c);
	if (n->d)
		(node_is_expr(n->d) ? defs_expr : defs_stmt)(a, n->d);
}

/* Constant fds the compound is handed as constants: write(1, ...) */
static void const_fds(struct an *a, struct node *n)
{
	if (!n)
		return;
	if (n->k == E_CALL && sysc_dirfd(n) && n->c->k == E_CONST)
		add_cgrant(a->r, n->c->ival);
	if (n->k == E_CALL && sysc_fd_arg(n->sc) && n->kids[0]->k == E_CONST) {
		add_cgrant(a->r, n->kids[0]->ival);
		if (n->sc == SC_CLOSE && n->kids[0]->ival >= 0)
			diag_error(a->u, n->loc, "closing fd %lld cannot run in a compound: the "
				   "guard lets a compound close only the fds it opened",
				   n->kids[0]->ival);
	}
	const_fds(a, n->a);
	const_fds(a, n->b);
	const_fds(a, n->c);
	if (n->d)
		const_fds(a, n->d);
	for (unsigned i = 0; i < n->nkids; i++)
		const_fds(a, n->kids[i]);
}

/* The granted variables whose value may reach v (through copies). */
static void mark_closable(struct an *a, struct var *v, bool *seen)
{
	unsigned i = var_index(a->r, v);

	if (seen[i])
		return;
	seen[i] = true;
	if (v->fd_grant)
		v->fd_closable = true;
	for (unsigned j = 0; j < a->ndefs[i]; j++)
		if (a->defs[i][j].kind == D_VAR || a->defs[i][j].kind == D_MEM)
			mark_closable(a, a->defs[i][j].src, seen);
}

/*
 * close() of a variable that may hold one of the program's fds: the guard
 * lets a compound close only what it owns, so the runtime hands such an fd
 * over (grant_own) and puts it in the region's fd table, as if the region
 * had opened it: closed, it is gone; left open, it is kept (handed back).
 */
static void close_rule(struct an *a, struct node *n)
{
	if (!n)
		return;
	if (n->k == E_CALL && n->sc == SC_CLOSE &&
	    (n->kids[0]->k == E_VAR || n->kids[0]->k == E_ELEM) &&
	    a->may_grant[var_index(a->r, n->kids[0]->var)]) {
		bool *seen = xcalloc(a->r->nvars, sizeof(bool));

		mark_closable(a, n->kids[0]->var, seen);
		free(seen);
	}
	close_rule(a, n->a);
	close_rule(a, n->b);
	close_rule(a, n->c);
	if (n->d)
		close_rule(a, n->d);
	for (unsigned i = 0; i < n->nkids; i++)
		close_rule(a, n->kids[i]);
}

static void add_cgrant(struct region *r, long long c)
{
	if (c < 0)
		return;
	for (unsigned i = 0; i < r->ncgrants; i++)
		if (r->cgrants[i] == c)
			return;
	r->cgrants = xrealloc(r->cgrants, sizeof(*r->cgrants) * (r->ncgrants + 1));
	r->cgrants[r->ncgrants++] = c;
}

static void fd_rules(struct an *a)
{
	struct region *r = a->r;
	unsigned *nbase = xcalloc(r->nvars, sizeof(unsigned));
	bool changed = true;

	defs_stmt(a, r->body);
	if (r->out)
		add_cgrant(r, 1);	/* printf() and co. write stdout's buffer to fd 1 */
	if (r->err)
		add_cgrant(r, 2);	/* fprintf(stderr, ...) and co.: fd 2 */
	/* an fd variable's copies are fd variables, and so are the stores into an fd's bytes */
	memcpy(nbase, a->ndefs, r->nvars * sizeof(unsigned));
	if (!fd_sinks(a, nbase)) {
		free(nbase);
		return;
	}
	free(nbase);
	for (unsigned i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (!a->sink[i])
			continue;
		for (unsigned j = 0; j < a->ndefs[i]; j++) {
			if (a->defs[i][j].kind == D_CONST)
				add_cgrant(r, a->defs[i][j].c);
			if (a->defs[i][j].kind != D_COMPUTED)
				continue;
			if (a->defs[i][j].c)
				diag_error(a->u, a->defs[i][j].loc, "copying over the fds in '%s' "
					   "cannot run in a compound: cosy-cc does not follow fds a "
					   "struct or array copy moves; assign the fd by itself",
					   v->name);
			else
				diag_error(a->u, a->defs[i][j].loc, "computing the fd in '%s' cannot "
					   "run in a compound: an fd %s must be assigned from open(), a "
					   "constant or %s variable, so that cosy-cc knows which of the "
					   "program's fds to grant", v->name,
					   v->kind == VK_SCALAR ? "variable" : "kept in memory",
					   v->kind == VK_SCALAR ? "another" : "a");
		}
		/* memory from outside is copied in: the fds it holds are the program's */
		if (v->outside && (v->live_in || (v->kind != VK_SCALAR && a->nfduse[i]))) {
			v->fd_grant = true;
			a->may_grant[i] = true;
		}
	}
	/* which variables may hold a granted fd */
	while (changed) {
		changed = false;
		for (unsigned i = 0; i < r->nvars; i++) {
			if (a->may_grant[i])
				continue;
			for (unsigned j = 0; j < a->ndefs[i] && !a->may_grant[i]; j++) {
				struct def *d = &a->defs[i][j];

				if ((d->kind == D_CONST && d->c >= 0) ||
				    ((d->kind == D_VAR || d->kind == D_MEM) &&
				     a->may_grant[var_index(r, d->src)]))
					a->may_grant[i] = changed = true;
			}
		}
	}
	const_fds(a, r->body);
	close_rule(a, r->body);
	for (unsigned i = 0; i < r->nvars; i++) {
		if (r->vars[i]->fd_closable)
			r->opens = r->closes_grant = true;
		if (r->vars[i]->fd_grant && r->vars[i]->kind != VK_SCALAR)
			fd_places(a, i);
	}
}

/* --- checks on shape ------------------------------------------------------------- */

static unsigned loop_depth(struct node *n)
{
	unsigned d = 0, k;

	if (!n)
		return 0;
	for (unsigned i = 0; i < n->nkids; i++)
		if ((k = loop_depth(n->kids[i])) > d)
			d = k;
	if (n->k >= S_EXPR) {
		if ((k = loop_depth(n->b)) > d)
			d = k;
		if ((k = loop_depth(n->c)) > d)
			d = k;
	}
	return d + (n->k == S_WHILE || n->k == S_DO || n->k == S_FOR);
}

/* The deepest bpf_loop() a byte scan (strlen, memcmp) adds, counting loops. */
static unsigned scan_depth(struct node *n, unsigned cur)
{
	unsigned d = 0, k;

	if (!n)
		return 0;
	if (n->k == S_WHILE || n->k == S_DO || n->k == S_FOR)
		cur++;
	if (n->k == E_CALL && sysc_scan(n->sc))
		d = cur + 1;
	if ((k = scan_depth(n->a, cur)) > d)
		d = k;
	if ((k = scan_depth(n->b, cur)) > d)
		d = k;
	if ((k = scan_depth(n->c, cur)) > d)
		d = k;
	if ((k = scan_depth(n->d, cur)) > d)
		d = k;
	for (unsigned i = 0; i < n->nkids; i++)
		if ((k = scan_depth(n->kids[i], cur)) > d)
			d = k;
	return d;
}

int analyze_region(struct unit *u, struct region *r)
{
	struct an a = { .u = u, .r = r };
	struct da d;
	unsigned off = 0, frame = 24, i, depth, nmaybe = 0;
	int before = u->errors;

	a.defs = xcalloc(r->nvars, sizeof(*a.defs));
	a.ndefs = xcalloc(r->nvars, sizeof(*a.ndefs));
	a.sink = xcalloc(r->nvars, sizeof(bool));
	a.fduse = xcalloc(r->nvars, sizeof(*a.fduse));
	a.nfduse = xcalloc(r->nvars, sizeof(unsigned));
	a.fdbyte = xcalloc(r->nvars, sizeof(*a.fdbyte));
	a.may_grant = xcalloc(r->nvars, sizeof(bool));

	rw_stmt(&a, r->body);
	d.n = r->nvars;
	d.set = xcalloc(r->nvars, sizeof(bool));
	a.at_label = xcalloc(r->nlabels + 1, sizeof(*a.at_label));
	da_stmt(&a, r->body, &d);
	for (i = 0; i <= r->nlabels; i++) {
		if (a.at_label[i])
			free(a.at_label[i]->set);
		free(a.at_label[i]);
	}
	free(a.at_label);
	if (a.at_ret) {
		da_meet(&d, &d, a.at_ret);
		free(a.at_ret->set);
		free(a.at_ret);
	}
	/* the program's stdin flags (in_state()): the region starts from them */
	for (i = 0; i < r->nvars; i++)
		if (r->vars[i]->outside && r->vars[i]->hout && r->vars[i]->hval)
			r->vars[i]->live_in = true;
	/*
	 * A variable the region may leave unassigned must not be copied back
	 * when it did: unless it is live-in anyway, the compound sets its bit
	 * in rgn_set when it assigns it, and only then is it copied back.
	 */
	for (i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (v->outside && v->kind == VK_SCALAR && v->written && !d.set[i] && !v->live_in &&
		    !v->is_ret) {
			if (nmaybe == 64) {
				diag_error(u, v->loc, "'%s' cannot run in a compound: a region can "
					   "leave at most 64 variables of the program unassigned on "
					   "some path", v->name);
				continue;
			}
			v->maybe = true;
			v->setbit = nmaybe++;
		}
	}
	free(d.set);
	for (i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (!v->outside || (v->hout && !v->hval))
			v->live_in = false;	/* a hout var starts at 0, or at its hval */
		else if (v->kind != VK_SCALAR)
			v->live_in = true;	/* buffers and strings are always copied in */
	}
	fd_rules(&a);
	for (i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		/* a DIR * lent to the region: NULL or its buffer (dir_state()) */
		if (v->is_ptr && v->outside && v->live_in && !(v->dir && v->dir->lent))
			diag_error(u, v->loc, "pointer '%s' cannot run in a compound: the region "
				   "may read the value it has from before the region, and cosy-cc "
				   "follows only pointers the region sets; assign it in the region "
				   "first", v->name);
	}
	/* a path the host computes must not read what the region changes */
	for (i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		for (unsigned j = 0; j < v->nhreads; j++)
			for (unsigned k = 0; k < r->nvars; k++) {
				struct var *w = r->vars[k];

				if (w->written && !w->lit && !w->hexpr && !w->is_ret &&
				    clang_equalCursors(w->decl, v->hreads[j].decl) &&
				    may_write_bytes(r->body, w, &v->hreads[j]))
					diag_error(u, v->loc, "path '%s' cannot run in a compound: it "
						   "reads '%s', which the region changes, and the "
						   "compound gets its value from before the region",
						   v->hexpr, w->name);
			}
	}

	depth = loop_depth(r->body);
	{
		unsigned sd = scan_depth(r->body, 0);

		if (sd > depth)
			depth = sd;
	}
	if (depth > MAX_LOOP_DEPTH)
		diag_error(u, r->loc, "%u nested loops cannot run in a compound: each loop is a "
			   "bpf_loop() callback and BPF allows %u call frames; at most %u can "
			   "nest", depth, 8u, MAX_LOOP_DEPTH);

	/* the segment: variables (struct cosy_rgn_st first), fd table, strings, buffers */
	off = COSY_RGN_ST_SIZE + (r->nscans ? COSY_RGN_SCAN_SIZE : 0);
	for (i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (v->kind != VK_SCALAR)
			continue;
		off = (off + ct_size(v->ct) - 1) / ct_size(v->ct) * ct_size(v->ct);
		off += ct_size(v->ct);
	}
	r->vars_size = off = align8(off);
	if (r->opens) {
		r->fdt_off = off;
		off += COSY_RGN_MAX_FDS * 4;
	}
	if (r->stats) {
		r->stat_off = off;
		off += align8(sizeof(struct cosy_stat));
	}
	for (i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (v->kind == VK_STR) {
			v->seg_off = off;
			off += v->lit ? align8(v->litlen) : PATH_SLOT;
			r->nstrs++;
		}
	}
	for (i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (v->kind != VK_BUF)
			continue;
		if (v->in_tab) {
			/* a slot of its table's, after the strings the host fills */
			r->nbufs++;
			continue;
		}
		if (v->size > SEG_MAX) {
			diag_error(u, v->loc, "buffer '%s' (%lu bytes) cannot run in a compound: "
				   "buffers larger than the segment cannot (%u bytes for all of a "
				   "region's buffers, strings and fd table)",
				   v->name ? v->name : "literal", v->size, SEG_MAX);
			continue;
		}
		if (off + align8(v->size) > SEG_MAX) {
			diag_error(u, v->loc, "buffer '%s' (%lu bytes) cannot run in a compound: "
				   "with the region's memory before it (%u bytes) it needs more than "
				   "the segment's %u bytes, which all of a region's buffers, strings "
				   "and fd table share; make it or another one smaller",
				   v->name ? v->name : "literal", v->size, off, SEG_MAX);
			continue;
		}
		v->seg_off = off;
		off += align8(v->size);
		if (v->outside)
			r->nbufs++;
		if (!v->lit)
			frame += 8;	/* its pointer */
	}
	r->seg_size = off;
	for (i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (v->in_tab)
			v->seg_off = v->in_tab->seg_off +
				     (v->in_tab->tab_slots + v->tab_slot) * COSY_RGN_STRTAB_SLOT;
	}
	for (i = 0; i < r->nvars; i++) {
		struct instream *fs = r->vars[i]->file;

		if (fs && fs->obuf)	/* in the FILEs' block (file_out_state()) */
			fs->obuf->seg_off = fs->obuf->blk->seg_off + fs->obuf->blk_off;
	}
	for (i = 0; i < r->nvars; i++)
		if (r->vars[i]->fd_grant)
			r->ngrants++;
	if (r->nbufs + r->nstrs > COSY_RGN_MAX_MEM)
		diag_error(u, r->loc, "a region with %u buffers and strings from outside cannot "
			   "run in a compound: at most %u", r->nbufs + r->nstrs, COSY_RGN_MAX_MEM);
	if (frame > MAX_FRAME_BYTES)
		diag_error(u, r->loc, "region '%s' has too many buffers to run in a compound: "
			   "their pointers need %u bytes of BPF stack, at most %u can be used",
			   r->name, frame, MAX_FRAME_BYTES);

	for (i = 0; i < r->nvars; i++) {
		free(a.defs[i]);
		free(a.fduse[i]);
		free(a.fdbyte[i]);
	}
	free(a.fduse);
	free(a.nfduse);
	free(a.fdbyte);
	free(a.defs);
	free(a.ndefs);
	free(a.sink);
	free(a.may_grant);
	r->errors += u->errors - before;
	return r->errors ? -1 : 0;
}
