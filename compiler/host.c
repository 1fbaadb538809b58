// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The rewritten source the host compiler gets: a prelude (the runtime's
 * header, each region's args struct, its embedded compound and its
 * descriptor), then the original text under #line directives, each region
 * replaced by
 *
 *	{
 *		marshal live-in variables, strings and buffers; run the compound
 *		if it ran:   copy live-outs back (and buffers, errno: the runtime)
 *		else:        the original block, as written (the fallback)
 *		COSY_MODE=check: both ran: compare
 *	}
 *
 * so that diagnostics, __FILE__ and __LINE__ still name the original.
 */
#include <stdlib.h>
#include <string.h>

#include "cosycc.h"
#include "runtime/cosy_region.h"

static void line_directive(struct sbuf *o, struct unit *u, unsigned line)
{
	if (o->len && o->s[o->len - 1] != '\n')
		sb_putc(o, '\n');
	sb_printf(o, "#line %u ", line);
	c_string(o, u->path, strlen(u->path));
	sb_putc(o, '\n');
}

/* Line and column of a byte offset in the file. */
static void line_col(struct unit *u, unsigned off, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (unsigned i = 0; i < off && i < u->len; i++) {
		if (u->text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static void pad_to(struct sbuf *o, unsigned col)
{
	for (unsigned i = 1; i < col; i++)
		sb_putc(o, ' ');
}

static void prelude(struct unit *u, struct region *r, const char *obj, const char *cache_name,
		    struct sbuf *o)
{
	sb_printf(o, "\n/* region %s (%s:%u) */\n", r->name, u->path, r->loc.line);
	emit_args_struct(r, o);
	/* the compound, embedded: .incbin at assembly time */
	sb_printf(o, "__asm__(\".pushsection .rodata\\n\"\n\t\".balign 8\\n\"\n"
		  "\t\"__cosy_obj_%s:\\n\"\n\t\".incbin \\\"", r->name);
	for (const char *p = obj; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_puts(o, "\\\\\\");
		sb_putc(o, *p);
	}
	sb_printf(o, "\\\"\\n\"\n\t\"__cosy_obj_%s_end:\\n\"\n\t\".popsection\\n\");\n", r->name);
	sb_printf(o, "extern const char __cosy_obj_%s[], __cosy_obj_%s_end[];\n", r->name, r->name);
	if (r->nasserts) {
		sb_printf(o, "static const struct cosy_rgn_assert __cosy_asserts_%s[] = {\n",
			  r->name);
		for (unsigned i = 0; i < r->nasserts; i++) {
			struct rgn_assert *a = &r->asserts[i];

			sb_printf(o, "\t{ %u, ", a->line);
			c_string(o, a->expr, strlen(a->expr));
			sb_puts(o, ", ");
			c_string(o, a->file, strlen(a->file));
			sb_puts(o, ", ");
			c_string(o, a->func, strlen(a->func));
			sb_puts(o, " },\n");
		}
		sb_puts(o, "};\n");
	}
	sb_printf(o, "static struct cosy_rgn __cosy_rgn_%s = {\n\t\"%s\", ", r->name, r->name);
	c_string(o, u->path, strlen(u->path));
	sb_printf(o, ", %u,\n\t__cosy_obj_%s, __cosy_obj_%s_end, %u, %u, %s%s%s%s%s0, 0,\n"
		  "\t\"%s\", sizeof(struct %s_args), %u, 0x%llxull,\n\t",
		  r->loc.line, r->name, r->name, r->fdt_off, r->vars_size,
		  r->appends ? "COSY_RGN_F_APPENDS | " : "", r->unlinks ? "COSY_RGN_F_UNLINKS | " : "",
		  r->truncates ? "COSY_RGN_F_TRUNCATES | " : "", r->excl ? "COSY_RGN_F_EXCL | " : "",
		  r->rdwr ? "COSY_RGN_F_RDWR | " : "",
		  cache_name, r->name, r->seg_size, r->cookie);
	if (r->nasserts)
		sb_printf(o, "__cosy_asserts_%s, %u,\n\t", r->name, r->nasserts);
	else
		sb_puts(o, "0, 0,\n\t");
	/* printf() and co.: the stdout buffer */
	sb_printf(o, "%u, %u,\n\t", r->out ? r->out->seg_off : 0, r->out ? OUT_SIZE : 0);
	/* fprintf(stderr, ...) and co.: the stderr buffer; strerror()'s table */
	sb_printf(o, "%u, %u, %u,\n\t", r->err ? r->err->seg_off : 0, r->err ? ERR_SIZE : 0,
		  r->errmsg ? r->errmsg->seg_off : 0);
	/* getchar() and co.: stdin's buffer, its position and count in the args */
	if (r->in.buf)
		sb_printf(o, "%u, __builtin_offsetof(struct %s_args, v_%s), "
			  "__builtin_offsetof(struct %s_args, v_%s)\n};\n", r->in.buf->seg_off,
			  r->name, r->in.pos->field, r->name, r->in.len->field);
	else
		sb_puts(o, "0, 0, 0\n};\n");
}

/* A program variable with a field in the args (the return value has none). */
static bool has_field(struct var *v)
{
	return v->kind == VK_SCALAR && v->outside && (v->live_in || v->written) && !v->is_ret;
}

/*
 * The type of the value a return in the region returns: the integer type
 * of the function's (a const int or an enum returns through an int of the
 * same size and sign, and converts back at the function's return).
 */
static void ret_type(struct region *r, struct sbuf *o)
{
	sb_puts(o, ct_name(r->ret->ct));
}

/*
 * The region's text as the fallback runs it: each `return e` becomes a
 * jump to the region's exit with e kept, so that COSY_MODE=check compares
 * before the function returns.  `do ... while (0)` keeps the statement one
 * statement before its ';' (if (x) return 1; else ...).  A host tail is
 * braced and marked, and under check goes to the compare first, then
 * back (region_code()).  No newline is added: the lines stay the
 * original's.
 */
struct edit {
	unsigned at, end;	/* replaced: [at, end) */
	const struct ret_edit *ret;	/* a return's, or ... */
	unsigned tail;		/* ... host tail `tail` begins (at == end) */
	bool tail_end;		/* ... or ends */
};

static int cmp_edit(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

static void body_text(struct unit *u, struct region *r, struct sbuf *o)
{
	unsigned at = r->body_off, n = 0;
	struct edit *ed = xcalloc(r->nrets + 2 * r->ntails + 1, sizeof(*ed));

	for (unsigned i = 0; i < r->nrets; i++)
		ed[n++] = (struct edit){ .at = r->rets[i].start, .end = r->rets[i].end,
					 .ret = &r->rets[i] };
	for (unsigned i = 0; i < r->ntails; i++) {
		ed[n++] = (struct edit){ .at = r->tails[i].start, .end = r->tails[i].start,
					 .tail = i + 1 };
		ed[n++] = (struct edit){ .at = r->tails[i].end, .end = r->tails[i].end,
					 .tail = i + 1, .tail_end = true };
	}
	qsort(ed, n, sizeof(*ed), cmp_edit);
	for (unsigned i = 0; i < n; i++) {
		const struct ret_edit *e = ed[i].ret;

		sb_putn(o, u->text + at, ed[i].at - at);
		at = ed[i].end;
		if (ed[i].tail_end) {
			sb_puts(o, " }");
			continue;
		}
		if (ed[i].tail) {
			sb_printf(o, "{ __cosy_t = %u; if (__cosy_p == COSY_REGION_CHECKED) goto "
				  "__cosy_ret_%s; __cosy_tail_%s_%u: ; ", ed[i].tail, r->name, r->name,
				  ed[i].tail);
			continue;
		}
		sb_puts(o, "do { ");
		if (e->estart != e->eend) {
			sb_puts(o, "__cosy_rv = (");
			sb_putn(o, u->text + e->estart, e->eend - e->estart);
			sb_puts(o, "); ");
		}
		sb_printf(o, "__cosy_r = 1; goto __cosy_ret_%s; } while (0)", r->name);
	}
	sb_putn(o, u->text + at, r->body_end - at);
	free(ed);
}

/*
 * The kernel's way out to a host tail: the tail's statements, as written,
 * after the variables came back.  One that ends the function or the
 * program is copied here; one after which the original goes on (a break,
 * goto out, the end of its block) is run where it is in the original
 * block below, which then runs to its end.
 */
static void tails_code(struct unit *u, struct region *r, struct sbuf *o)
{
	unsigned line, col;

	if (!r->ntails)
		return;
	sb_puts(o, "\t\t\tif (__cosy_a.hdr.rgn_status == COSY_RGN_HOST)\n"
		"\t\t\t\tswitch (__cosy_a.hdr.rgn_line) {\n");
	for (unsigned i = 0; i < r->ntails; i++) {
		struct host_tail *t = &r->tails[i];

		if (t->goes_on) {
			sb_printf(o, "\t\t\t\tcase %u: goto __cosy_tail_%s_%u;\n", i + 1, r->name,
				  i + 1);
			continue;
		}
		sb_printf(o, "\t\t\t\tcase %u: {\n", i + 1);
		line_col(u, t->start, &line, &col);
		line_directive(o, u, line);
		pad_to(o, col);
		sb_putn(o, u->text + t->start, t->end - t->start);
		sb_puts(o, "\n\t\t\t\t}\n\t\t\t\tbreak;\n");
	}
	sb_puts(o, "\t\t\t\t}\n");
}

/* The program's address of what pointer v points into (0: the region's own). */
static void ptr_base(struct var *v, struct sbuf *o)
{
	struct var *t = v->target;

	if (!t || !t->outside)
		sb_puts(o, "0");
	else if (t->lit)
		c_string(o, t->lit, t->litlen - 1);
	else
		sb_printf(o, "%s%s", t->by_addr ? "&" : "", t->name);
}

/*
 * The arguments of cosy_rgn_tab_ptr() for pointer v into a table of
 * strings (argv, names[i]): the program's strings, then the literals the
 * region put in the slots after them, in slot order.
 */
static void tab_args(struct region *r, struct var *v, struct sbuf *o)
{
	struct var *t = v->target;

	sb_printf(o, "(char *const *)(%s), %u, ", t->name, t->tab_slots);
	if (!t->ntab_lits) {
		sb_puts(o, "0, 0");
		return;
	}
	sb_puts(o, "(const char *const []){ ");
	for (unsigned k = 0; k < t->ntab_lits; k++)
		for (unsigned i = 0; i < r->nvars; i++)
			if (r->vars[i]->in_tab == t && r->vars[i]->tab_slot == k) {
				c_string(o, r->vars[i]->lit, r->vars[i]->litlen - 1);
				sb_puts(o, ", ");
			}
	sb_printf(o, "}, %u", t->ntab_lits);
}

static unsigned mem_entries(struct region *r, struct sbuf *o)
{
	unsigned n = 0, nderef = 0;

	for (unsigned i = 0; i < r->nvars; i++)
		nderef += r->vars[i]->deref && has_field(r->vars[i]);
	for (unsigned i = 0; nderef && i < r->nvars; i++) {
		struct var *v = r->vars[i];

		/* the scalars the host copies, for the runtime to hold each *p against */
		if (!has_field(v) || v->hval || v->hout)
			continue;
		sb_puts(o, n ? ",\n\t\t\t{ " : "\t\tconst struct cosy_rgn_mem __cosy_m[] = {\n\t\t\t{ ");
		sb_printf(o, "&%s, 0, sizeof(%s), COSY_RGN_ALIAS%s, ", v->name, v->name,
			  v->deref ? " | COSY_RGN_DEREF" : "");
		c_string(o, v->name, strlen(v->name));
		sb_puts(o, " }");
		n++;
	}
	for (unsigned i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];
		unsigned flags;

		if (!v->outside || (v->kind != VK_BUF && v->kind != VK_STR))
			continue;
		if (v->strtab) {
			/* the array of pointers: the runtime copies the strings */
			sb_printf(o, "%s%s, %u, %lu, COSY_RGN_STRTAB%s, ",
				  n ? ",\n\t\t\t{ " : "\t\tconst struct cosy_rgn_mem __cosy_m[] = {\n\t\t\t{ ",
				  v->name, v->seg_off, (unsigned long)v->tab_slots * COSY_RGN_STRTAB_SLOT,
				  v->strvec ? " | COSY_RGN_STRVEC" : "");
			c_string(o, v->name, strlen(v->name));
			sb_puts(o, " }");
			n++;
			continue;
		}
		flags = v->kind == VK_STR ? COSY_RGN_STR : 0;
		if (v->kind == VK_BUF || v->lit)
			flags |= COSY_RGN_IN;
		if (v->kind == VK_BUF && v->written)
			flags |= COSY_RGN_OUT;
		if (v->stat_times)
			flags |= COSY_RGN_STAT_TIMES;
		sb_puts(o, n ? ",\n\t\t\t{ " : "\t\tconst struct cosy_rgn_mem __cosy_m[] = {\n\t\t\t{ ");
		if (v->lit)
			c_string(o, v->lit, v->litlen - 1);
		else if (v->hexpr)
			sb_printf(o, "(%s)", v->hexpr);
		else
			sb_printf(o, "%s%s", v->by_addr ? "&" : "", v->name);
		sb_printf(o, ", %u, %lu, ", v->seg_off,
			  v->kind == VK_STR && !v->lit ? 4096ul : v->size);
		sb_printf(o, "%s%s%s%s%s", flags & COSY_RGN_STR ? "COSY_RGN_STR" : "",
			  (flags & COSY_RGN_STR) && (flags & COSY_RGN_IN) ? " | " : "",
			  flags & COSY_RGN_IN ? "COSY_RGN_IN" : "",
			  flags & COSY_RGN_OUT ? " | COSY_RGN_OUT" : "",
			  flags & COSY_RGN_STAT_TIMES ? " | COSY_RGN_STAT_TIMES, " : ", ");
		if (v->lit)
			sb_puts(o, "\"literal\"");
		else
			c_string(o, v->name, strlen(v->name));
		sb_puts(o, " }");
		n++;
	}
	if (n)
		sb_puts(o, "\n\t\t};\n");
	return n;
}

/*
 * The program's fds the compound may use: a variable the region may close
 * goes in with COSY_RGN_CLOSABLE set above its value's 32 bits.
 */
static unsigned grant_entries(struct region *r, struct sbuf *o)
{
	unsigned n = 0;

	for (unsigned i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (!v->fd_grant || v->nfd_places)
			continue;
		sb_printf(o, "%s(long long)%s%s", n ? ", " : "\t\tconst long long __cosy_g[] = { ",
			  v->fd_closable ? "COSY_RGN_CLOSABLE(" : "", v->hval ? v->hval : v->name);
		if (v->fd_closable)
			sb_puts(o, ")");
		n++;
	}
	for (unsigned i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		/* memory: the int at each place it may hold an fd (fds[i], r->fd) */
		for (unsigned k = 0; v->fd_grant && k < v->nfd_places; k++, n++)
			sb_printf(o, "%s%s(long long)*(const %s *)((const char *)%s%s + %lu)%s",
				  n ? ", " : "\t\tconst long long __cosy_g[] = { ",
				  v->fd_closable ? "COSY_RGN_CLOSABLE(" : "",
				  ct_name(v->fd_places[k].ct), v->by_addr ? "&" : "", v->name,
				  v->fd_places[k].off, v->fd_closable ? ")" : "");
	}
	for (unsigned i = 0; i < r->ncgrants; i++) {
		/* getchar()'s fd 0: it must seek back over what the compound reads ahead */
		sb_printf(o, "%s%s%lldLL%s", n ? ", " : "\t\tconst long long __cosy_g[] = { ",
			  !r->cgrants[i] && r->in.buf ? "COSY_RGN_SEEK(" : "", r->cgrants[i],
			  !r->cgrants[i] && r->in.buf ? ")" : "");
		n++;
	}
	if (n)
		sb_puts(o, " };\n");
	return n;
}

/*
 * Does every path through statement n end in a return?  Conservative: a
 * block by its last statement (a forward goto may skip to a label past an
 * earlier return), an if by both arms; loops and switches never.
 */
static bool always_returns(const struct node *n)
{
	if (!n)
		return false;
	switch (n->k) {
	case S_RETURN:
		return true;
	case S_BLOCK:
		return n->nkids && always_returns(n->kids[n->nkids - 1]);
	case S_IF:
		return n->c && always_returns(n->b) && always_returns(n->c);
	case S_LABEL:
		return always_returns(n->b);
	default:
		return false;
	}
}

static void region_code(struct unit *u, struct region *r, struct sbuf *o)
{
	unsigned nmem, ngrant, line, col;
	const char *R = r->name;
	/* every path of the region returns: so does the code after either way */
	bool ends = r->nrets && always_returns(r->body);

	sb_printf(o, "{ /* cosy region %s: the compound, or the original block below */\n", R);
	sb_printf(o, "\t\tstruct %s_args __cosy_a;\n", R);
	nmem = mem_entries(r, o);
	ngrant = grant_entries(r, o);
	if (r->ntails)
		sb_puts(o, "\t\tint __cosy_t = 0;\t/* the original reached host tail t */\n");
	if (r->nrets) {
		sb_puts(o, "\t\tint __cosy_r = 0;\t/* the original returned */\n");
		if (r->ret) {
			sb_puts(o, "\t\t");
			ret_type(r, o);
			sb_puts(o, " __cosy_rv = 0;\n");
		}
	}
	sb_printf(o, "\t\tint __cosy_p = cosy_rgn_enter(&__cosy_rgn_%s);\n\n", R);
	sb_puts(o, "\t\tif (__cosy_p != COSY_REGION_USER) {\n");
	sb_puts(o, "\t\t\t__builtin_memset(&__cosy_a, 0, sizeof(__cosy_a));\n");
	for (unsigned i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		/* a DIR * from before: glibc's buffer emptied, its fd where its records are */
		if (v->dir && v->dir->lent)
			sb_printf(o, "\t\t\tif (%s)\n\t\t\t\tseekdir(%s, telldir(%s));\n",
				  v->name, v->name, v->name);
	}
	for (unsigned i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (has_field(v) && v->live_in)
			sb_printf(o, "\t\t\t__cosy_a.v_%s = %s;\n", v->field,
				  v->hval ? v->hval : v->name);
	}
	sb_printf(o, "\t\t\t__cosy_p = cosy_rgn_run(&__cosy_rgn_%s, &__cosy_a, sizeof(__cosy_a), "
		  "%s, %u, %s, %u);\n\t\t}\n", R, nmem ? "__cosy_m" : "0", nmem,
		  ngrant ? "__cosy_g" : "0", ngrant);
	sb_puts(o, "\t\tif (__cosy_p == COSY_REGION_KERNEL) {\n");
	for (unsigned i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (v->dir && v->dir->lent)
			/* past the last record the region took, as telldir() says */
			sb_printf(o, "\t\t\tif (__cosy_a.v_%s)\n\t\t\t\tseekdir(%s, "
				  "__cosy_a.v_%s);\n", v->dir->got->field, v->name,
				  v->dir->doff->field);
		if (!has_field(v) || !v->written || v->hout)
			continue;
		if (v->maybe)
			sb_printf(o, "\t\t\tif (__cosy_a.hdr.rgn_set & %lluULL)\n\t", 1ULL << v->setbit);
		if (v->is_ptr && v->target && (v->target->strtab || v->target->strvec)) {
			/* an offset into a table's slots: back to the string's address */
			sb_printf(o, "\t\t\t%s = (__typeof__(%s))cosy_rgn_tab_ptr(", v->name,
				  v->name);
			tab_args(r, v, o);
			sb_printf(o, ", __cosy_a.v_%s);\n", v->field);
			continue;
		}
		if (v->is_ptr) {
			/* an offset into its variable: back to an address */
			sb_printf(o, "\t\t\t%s = __cosy_a.v_%s == COSY_RGN_NULL ? 0 : "
				  "(__typeof__(%s))((char *)", v->name, v->field, v->name);
			ptr_base(v, o);
			sb_printf(o, " + __cosy_a.v_%s);\n", v->field);
			continue;
		}
		sb_printf(o, "\t\t\t%s = __cosy_a.v_%s;\n", v->name, v->field);
	}
	if (r->in.buf)	/* stdin's flags as the compound left them */
		sb_printf(o, "\t\t\tcosy_rgn_stdin_back(__cosy_a.v_%s, __cosy_a.v_%s);\n",
			  r->in.eof->field, r->in.err->field);
	sb_printf(o, "\t\t\tcosy_rgn_leave(&__cosy_rgn_%s, &__cosy_a, %s, %u);\n", R,
		  nmem ? "__cosy_m" : "0", nmem);
	tails_code(u, r, o);
	if (r->nrets) {
		/*
		 * A region every path of which returns: the function ends
		 * there, as in the original, and the host compiler sees no way
		 * past it (-Wreturn-type).  A stopped run (COSY_ON_STOP=continue)
		 * returns the region's value as it stood.
		 */
		sb_puts(o, ends ? "\t\t\treturn" :
			"\t\t\tif (__cosy_a.hdr.rgn_status == COSY_RGN_RETURN)\n\t\t\t\treturn");
		if (r->ret) {
			sb_puts(o, " (");
			ret_type(r, o);
			sb_printf(o, ")__cosy_a.v_%s", r->ret->field);
		}
		sb_puts(o, ";\n");
	}
	sb_puts(o, "\t\t} else {\n");
	/* the original block, where it was */
	line_col(u, r->body_off, &line, &col);
	line_directive(o, u, line);
	pad_to(o, col > 1 ? col - 1 : 1);
	sb_putc(o, '{');
	body_text(u, r, o);
	sb_puts(o, "}\n");
	if (r->nrets || r->ntails)
		sb_printf(o, "\t\t\t__cosy_ret_%s: ;\n", R);
	sb_printf(o, "\t\t\tif (__cosy_p == COSY_REGION_CHECKED) {\n"
		  "\t\t\t\tint __cosy_e = cosy_rgn_errno();\n\n");
	for (unsigned i = 0; i < r->nvars; i++) {
		struct var *v = r->vars[i];

		if (!has_field(v) || !v->written || v->hout)
			continue;
		/*
		 * By address, compared in the runtime: the original may leave it
		 * unassigned, and gcc would warn about reading it here.
		 */
		if (v->is_ptr && (!v->target || !v->target->outside))
			continue;	/* into the region's own memory: nothing to compare */
		if (v->maybe)
			sb_printf(o, "\t\t\t\tif (__cosy_a.hdr.rgn_set & %lluULL)\n\t",
				  1ULL << v->setbit);
		if (v->is_ptr && v->target && (v->target->strtab || v->target->strvec)) {
			sb_printf(o, "\t\t\t\tcosy_rgn_cmp_tab_ptr(&__cosy_rgn_%s, \"%s\", &%s, ",
				  R, v->name, v->name);
			tab_args(r, v, o);
			sb_printf(o, ", &__cosy_a.v_%s);\n", v->field);
			continue;
		}
		if (v->is_ptr) {
			sb_printf(o, "\t\t\t\tcosy_rgn_cmp_ptr(&__cosy_rgn_%s, \"%s\", &%s, (char *)",
				  R, v->name, v->name);
			ptr_base(v, o);
			sb_printf(o, ", &__cosy_a.v_%s);\n", v->field);
			continue;
		}
		sb_printf(o, "\t\t\t\tcosy_rgn_cmp(&__cosy_rgn_%s, \"%s\", &%s, &__cosy_a.v_%s, "
			  "sizeof(%s), %d);\n", R, v->name, v->name, v->field, v->name,
			  ct_signed(v->ct));
	}
	if (r->nrets) {
		/* both returned, or neither; and the same value */
		sb_printf(o, "\t\t\t\tint __cosy_kr = __cosy_a.hdr.rgn_status == COSY_RGN_RETURN;\n\n"
			  "\t\t\t\tcosy_rgn_cmp(&__cosy_rgn_%s, \"return\", &__cosy_r, &__cosy_kr, "
			  "sizeof(int), 1);\n", R);
		if (r->ret)
			sb_printf(o, "\t\t\t\tif (__cosy_r && __cosy_kr)\n\t\t\t\t\tcosy_rgn_cmp("
				  "&__cosy_rgn_%s, \"the returned value\", &__cosy_rv, &__cosy_a.v_%s, "
				  "sizeof(__cosy_rv), %d);\n", R, r->ret->field, ct_signed(r->ret->ct));
	}
	if (r->ntails) {
		/* both left for the same host tail, or neither */
		sb_printf(o, "\t\t\t\tint __cosy_kt = __cosy_a.hdr.rgn_status == COSY_RGN_HOST ? "
			  "(int)__cosy_a.hdr.rgn_line : 0;\n\n"
			  "\t\t\t\tcosy_rgn_cmp(&__cosy_rgn_%s, \"the statements left to user "
			  "space (their number)\", &__cosy_t, &__cosy_kt, sizeof(int), 1);\n", R);
	}
	sb_printf(o, "\t\t\t\tcosy_rgn_check(&__cosy_rgn_%s, &__cosy_a, __cosy_e, %s, %u);\n"
		  "\t\t\t}\n", R, nmem ? "__cosy_m" : "0", nmem);
	if (r->ntails) {
		/*
		 * Compared where the original reached its tail: now run it, once.
		 * A tail that goes on (it ends an if's branch, or in a break or
		 * a goto out) runs the rest of the region from there and comes
		 * back here at the block's end, with nothing left to compare or
		 * run: __cosy_p is no longer COSY_REGION_CHECKED.
		 */
		sb_puts(o, "\t\t\tif (__cosy_p == COSY_REGION_CHECKED) {\n"
			"\t\t\t\t__cosy_p = COSY_REGION_USER;\n"
			"\t\t\t\tswitch (__cosy_t) {\n");
		for (unsigned i = 0; i < r->ntails; i++)
			sb_printf(o, "\t\t\t\tcase %u: goto __cosy_tail_%s_%u;\n", i + 1, R, i + 1);
		sb_puts(o, "\t\t\t\t}\n\t\t\t}\n");
	}
	if (ends)
		sb_printf(o, "\t\t\treturn%s;\n", r->ret ? " __cosy_rv" : "");
	else if (r->nrets)
		sb_printf(o, "\t\t\tif (__cosy_r)\n\t\t\t\treturn%s;\n", r->ret ? " __cosy_rv" : "");
	sb_puts(o, "\t\t}\n\t}");
	/* back to the original's lines and columns */
	line_col(u, r->end_off, &line, &col);
	line_directive(o, u, line);
	pad_to(o, col);
}

void emit_host(struct unit *u, char **objs, char **cache_names, struct sbuf *o)
{
	unsigned at = 0;

	sb_printf(o, "/* %s with its cosy regions lowered by cosy-cc (generated) */\n", u->path);
	sb_puts(o, "#include <cosy_region.h>\n");
	for (unsigned i = 0; i < u->nregions; i++)
		prelude(u, u->regions[i], objs[i], cache_names[i], o);
	line_directive(o, u, 1);
	for (unsigned i = 0; i < u->nregions; i++) {
		struct region *r = u->regions[i];

		sb_putn(o, u->text + at, r->start_off - at);
		region_code(u, r, o);
		at = r->end_off;
	}
	sb_putn(o, u->text + at, u->len - at);
}
