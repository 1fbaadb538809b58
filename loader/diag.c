// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A verifier rejection in the compound author's terms.
 *
 * The verifier's log says what went wrong in its own words, per kernel
 * ("Unreleased reference id=2 alloc_insn=27", "R3 is not a const"), at the
 * instruction where it noticed.  Here the log is read back: its last source
 * line (the verifier prints "; TEXT" before the instructions of each line,
 * from 6.12 on with " @ FILE:LINE") is mapped to file:line:col through the
 * object's .BTF.ext line info, and the common mistakes are named as what
 * the author did: the session begun at line N not ended on the path
 * returning at line M, the slice used after cosy_end() at line E, ...
 */
#include <ctype.h>
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "libcosy_internal.h"

/* --- the log ------------------------------------------------------------ */

static void copy_span(char *dst, size_t size, const char *b, const char *e)
{
	snprintf(dst, size, "%.*s", (int)(e - b), b);
}

/*
 * From 6.12 on the verifier ends a source line with " @ FILE:LINE"; the
 * text matched against .BTF.ext is what comes before it.
 */
static void strip_file_line(char *text)
{
	char *at = strstr(text, " @ "), *next, *colon;

	while (at && (next = strstr(at + 3, " @ ")))
		at = next;
	if (!at)
		return;
	colon = strrchr(at, ':');
	if (!colon || colon == at + 3 || !isdigit((unsigned char)colon[1]) ||
	    colon[1 + strspn(colon + 1, "0123456789")])
		return;
	*at = '\0';
}

/* "N: (" starts an instruction line; its index, or -1. */
static long insn_index(const char *p, const char *nl)
{
	const char *q = p;

	while (q < nl && isdigit((unsigned char)*q))
		q++;
	if (q == p || q + 2 >= nl || q[0] != ':' || q[1] != ' ' || q[2] != '(')
		return -1;
	return strtol(p, NULL, 10);
}

static int cosy_diag_walk(const char *p, const char *end, struct cosy_diag *d);

int cosy_diag_parse_log(const char *log, struct cosy_diag *d)
{
	const char *begin, *end, *p, *q, *nl;

	memset(d, 0, sizeof(*d));
	d->insn = -1;
	begin = strstr(log, "-- BEGIN PROG LOAD LOG --");
	if (!begin)
		return -ENOENT;
	/* "libbpf: prog 'NAME': -- BEGIN PROG LOAD LOG --" */
	for (p = begin; p > log && p[-1] != '\n'; p--)
		;
	q = strstr(p, "prog '");
	if (q && q < begin) {
		q += 6;
		nl = strchr(q, '\'');
		if (nl && nl < begin)
			copy_span(d->prog, sizeof(d->prog), q, nl);
	}
	end = strstr(begin, "-- END PROG LOAD LOG --");
	if (!end)
		end = begin + strlen(begin);
	p = strchr(begin, '\n');
	if (!p)
		return -ENOENT;
	return cosy_diag_walk(p + 1, end, d);
}

/* A verifier log as the kernel wrote it, with no libbpf lines around it. */
int cosy_diag_parse_raw(const char *log, struct cosy_diag *d)
{
	memset(d, 0, sizeof(*d));
	d->insn = -1;
	return cosy_diag_walk(log, log + strlen(log), d);
}

/* The verifier's lines [p, end): its reason, the failing instruction and its source. */
static int cosy_diag_walk(const char *p, const char *end, struct cosy_diag *d)
{
	const char *nl, *reason_b = NULL, *reason_e = NULL, *last_insn_e = NULL;

	d->log = p;
	/* Walk the log's lines; the reason is the last one before "processed". */
	for (; p < end; p = nl + 1) {
		long i;

		nl = memchr(p, '\n', end - p);
		if (!nl)
			nl = end;
		if (nl == p)
			continue;
		/* 7.x explains after a "Verification failed:" summary. */
		if (!strncmp(p, "processed ", 10) || !strncmp(p, "Verification failed: ", 21))
			break;
		if (p[0] == ';' && p[1] == ' ') {
			copy_span(d->text, sizeof(d->text), p + 2, nl);
			strip_file_line(d->text);
		} else if ((i = insn_index(p, nl)) >= 0) {
			d->insn = i;
			copy_span(d->insn_text, sizeof(d->insn_text), p, nl);
			last_insn_e = nl;
		}
		reason_b = p;
		reason_e = nl;
		if (nl == end)
			break;
	}
	if (!reason_b)
		return -ENOENT;
	d->log_end = reason_b;
	copy_span(d->reason, sizeof(d->reason), reason_b, reason_e);
	/*
	 * The verifier may say why in more than one line after the failing
	 * instruction ("invalid access to memory, mem_size=16 off=16 size=1",
	 * then "R0 min value is outside of the allowed memory range"): the
	 * reason is all of them, the first (most specific) first.
	 */
	if (last_insn_e && last_insn_e < reason_b) {
		char *o = d->reason;
		size_t left = sizeof(d->reason);

		d->log_end = last_insn_e + 1;
		o[0] = '\0';
		for (p = last_insn_e + 1; p <= reason_b && left > 1; p = nl + 1) {
			int w;

			nl = strchr(p, '\n');
			if (!nl || nl > reason_e)
				nl = reason_e;
			/* not the register dumps 6.12 adds to some */
			if (nl == p || (p[0] == ';' && p[1] == ' ') ||
			    !strncmp(p, "cur state:", 10) || !strncmp(p, "old state:", 10))
				continue;
			w = snprintf(o, left, "%s%.*s", o == d->reason ? "" : "; ",
				     (int)(nl - p), p);
			if (w < 0 || (size_t)w >= left)
				break;
			o += w;
			left -= w;
		}
		if (o == d->reason)	/* nothing but state dumps: the last line */
			copy_span(d->reason, sizeof(d->reason), reason_b, reason_e);
	}
	return 0;
}

/* The verifier's reason alone, for messages: cosy_diag_parse_log()'s. */
const char *cosy_verifier_reason(const char *log, char *out, size_t size)
{
	struct cosy_diag *d = malloc(sizeof(*d));
	const char *r = NULL;

	if (d && !cosy_diag_parse_log(log, d)) {
		snprintf(out, size, "%s", d->reason);
		r = out;
	}
	free(d);
	return r;
}

/*
 * The source text of instruction `insn` as the log printed it: the "; "
 * line before its first appearance.  NULL if it is not in the log.
 */
static const char *insn_source(const struct cosy_diag *d, long insn, char *out, size_t size)
{
	const char *p, *nl, *text = NULL, *text_e = NULL;

	for (p = d->log; p && p < d->log_end; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		if (p[0] == ';' && p[1] == ' ') {
			text = p + 2;
			text_e = nl;
		} else if (insn_index(p, nl) == insn && text) {
			copy_span(out, size, text, text_e);
			strip_file_line(out);
			return out;
		}
	}
	return NULL;
}

/*
 * The last instruction logged before the failure, with a smaller index
 * than the failing one (on its path, as far as the log tells), that calls
 * `fn` (a kfunc; the log prints "call NAME#ID"): its index, and its source
 * text in out.
 */
static long last_call(const struct cosy_diag *d, const char *fn, char *out, size_t size)
{
	const char *p, *nl, *text = NULL, *text_e = NULL;
	size_t n = strlen(fn);
	long found = -1;

	out[0] = '\0';
	for (p = d->log; p && p < d->log_end; p = nl + 1) {
		const char *c;
		long i;

		nl = strchr(p, '\n');
		if (!nl)
			break;
		if (p[0] == ';' && p[1] == ' ') {
			text = p + 2;
			text_e = nl;
			continue;
		}
		i = insn_index(p, nl);
		if (i < 0 || i >= d->insn)	/* the failing call, or another path */
			continue;
		c = strstr(p, ") call ");
		if (!c || c > nl || strncmp(c + 7, fn, n) || c[7 + n] != '#')
			continue;
		found = i;
		if (text) {
			copy_span(out, size, text, text_e);
			strip_file_line(out);
		}
	}
	return found;
}

/*
 * The global function being verified when the verifier stopped: the last
 * "Validating NAME() func#N..." line; NAME in out, the source line that
 * follows (its signature) in sig.
 */
static const char *last_validating(const struct cosy_diag *d, char *out, size_t size,
				   char *sig, size_t sig_size)
{
	const char *p = d->log, *found = NULL, *e;

	while ((p = strstr(p, "Validating ")) && p < d->log_end) {
		if (p == d->log || p[-1] == '\n')
			found = p + 11;
		p += 11;
	}
	if (!found || !(e = strstr(found, "() func#")) || memchr(found, '\n', e - found))
		return NULL;
	/*
	 * Still in it when the verifier stopped?  A subprogram's instructions
	 * come after the entry's: the failing one must not be below its first.
	 */
	for (p = strchr(found, '\n'); p && p < d->log_end; p = strchr(p + 1, '\n')) {
		const char *nl = strchr(p + 1, '\n');
		long i = nl ? insn_index(p + 1, nl) : -1;

		if (i >= 0) {
			if (d->insn < i)
				return NULL;
			break;
		}
	}
	copy_span(out, size, found, e);
	/*
	 * The function's first source line, its signature: the first "; "
	 * line before its first instruction (a state line may come first).
	 */
	sig[0] = '\0';
	for (p = strchr(e, '\n'); p && p < d->log_end; p = e) {
		e = strchr(p + 1, '\n');
		if (!e || insn_index(p + 1, e) >= 0)
			break;
		if (p[1] == ';' && p[2] == ' ') {
			copy_span(sig, sig_size, p + 3, e);
			strip_file_line(sig);
			break;
		}
	}
	return out;
}

/*
 * The statement the failing path returns from: walking back from the
 * failure, the first source line that is not a closing brace.
 */
static const char *returning_line(const struct cosy_diag *d, char *out, size_t size)
{
	const char *p = d->log_end, *b, *e;

	while (p > d->log) {
		for (e = p - 1; e > d->log && e[-1] != '\n'; e--)
			;
		b = e;
		p = b;
		if (b[0] != ';' || b[1] != ' ')
			continue;
		e = strchr(b, '\n');
		copy_span(out, size, b + 2, e ? e : b + strlen(b));
		strip_file_line(out);
		if (strspn(out, "} \t") != strlen(out))
			return out;
	}
	return NULL;
}

/* --- the object: ELF sections, BTF, line info --------------------------- */

struct btf_ext_header {
	__u16 magic;
	__u8 version;
	__u8 flags;
	__u32 hdr_len;
	__u32 func_info_off;
	__u32 func_info_len;
	__u32 line_info_off;
	__u32 line_info_len;
};

struct btf_line_rec {
	__u32 insn_off;
	__u32 file_name_off;
	__u32 line_off;
	__u32 line_col;
};

/* Section `name` of a 64-bit ELF object in memory; -ENOENT if absent. */
static int elf_section(const void *elf, size_t size, const char *name,
		       const void **data, size_t *len)
{
	const Elf64_Ehdr *eh = elf;
	const Elf64_Shdr *sh, *strs;
	unsigned i;

	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shentsize != sizeof(*sh) ||
	    eh->e_shoff > size || eh->e_shnum > (size - eh->e_shoff) / sizeof(*sh) ||
	    eh->e_shstrndx >= eh->e_shnum)
		return -EINVAL;
	sh = (const Elf64_Shdr *)((const char *)elf + eh->e_shoff);
	strs = &sh[eh->e_shstrndx];
	if (strs->sh_offset > size || strs->sh_size > size - strs->sh_offset)
		return -EINVAL;
	for (i = 0; i < eh->e_shnum; i++) {
		const char *n = (const char *)elf + strs->sh_offset + sh[i].sh_name;

		if (sh[i].sh_name >= strs->sh_size ||
		    strnlen(n, strs->sh_size - sh[i].sh_name) == strs->sh_size - sh[i].sh_name ||
		    strcmp(n, name))
			continue;
		if (sh[i].sh_type == SHT_NOBITS || sh[i].sh_offset > size ||
		    sh[i].sh_size > size - sh[i].sh_offset)
			return -EINVAL;
		*data = (const char *)elf + sh[i].sh_offset;
		*len = sh[i].sh_size;
		return 0;
	}
	return -ENOENT;
}

struct lineinfo {
	struct btf *btf;
	const char *ext;
	size_t pos, end;
	__u32 rec_size;
};

static int lineinfo_open(struct lineinfo *li, const void *elf, size_t size)
{
	const struct btf_ext_header *h;
	const void *btf_data, *ext;
	size_t btf_len, ext_len;

	memset(li, 0, sizeof(*li));
	if (elf_section(elf, size, ".BTF", &btf_data, &btf_len) ||
	    elf_section(elf, size, ".BTF.ext", &ext, &ext_len))
		return -ENOENT;
	h = ext;
	if (ext_len < sizeof(*h) || h->magic != 0xeB9F || h->hdr_len > ext_len ||
	    h->line_info_off > ext_len - h->hdr_len ||
	    h->line_info_len > ext_len - h->hdr_len - h->line_info_off || h->line_info_len < 4)
		return -EINVAL;
	li->btf = btf__new(btf_data, btf_len);
	if (!li->btf)
		return -EINVAL;
	li->ext = ext;
	li->pos = h->hdr_len + h->line_info_off;
	li->end = li->pos + h->line_info_len;
	li->rec_size = *(const __u32 *)(li->ext + li->pos);
	li->pos += 4;
	if (li->rec_size < sizeof(struct btf_line_rec)) {
		btf__free(li->btf);
		return -EINVAL;
	}
	return 0;
}

static const char *ltrim(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/*
 * The line record whose source text is `text` (the one of instruction
 * `insn` if several are), or with `contains`, the first whose text has it.
 */
static const struct btf_line_rec *lineinfo_find(const struct lineinfo *li, const char *text,
						long insn, bool contains)
{
	const struct btf_line_rec *best = NULL;
	size_t pos = li->pos;

	/* Per section: sec_name_off, num_info, then the records. */
	while (pos + 8 <= li->end) {
		__u32 n = *(const __u32 *)(li->ext + pos + 4), i;

		pos += 8;
		for (i = 0; i < n && pos + li->rec_size <= li->end; i++, pos += li->rec_size) {
			const struct btf_line_rec *r = (const void *)(li->ext + pos);
			const char *t = btf__name_by_offset(li->btf, r->line_off);

			if (!t || (contains ? !strstr(t, text) : strcmp(ltrim(t), text)))
				continue;
			if (contains)
				return r;
			if (!best || (insn >= 0 && r->insn_off / 8 == (__u32)insn))
				best = r;
		}
	}
	return best;
}

/*
 * The first line of function `name`'s definition: a line that has "name("
 * and is not a statement (does not end in ';' before any comment).
 */
static const struct btf_line_rec *lineinfo_find_def(const struct lineinfo *li, const char *name)
{
	char call[160];
	size_t pos = li->pos;

	snprintf(call, sizeof(call), "%s(", name);
	while (pos + 8 <= li->end) {
		__u32 n = *(const __u32 *)(li->ext + pos + 4), i;

		pos += 8;
		for (i = 0; i < n && pos + li->rec_size <= li->end; i++, pos += li->rec_size) {
			const struct btf_line_rec *r = (const void *)(li->ext + pos);
			const char *t = btf__name_by_offset(li->btf, r->line_off), *c, *e;

			if (!t || !(c = strstr(t, call)) || (c > t && (isalnum((unsigned char)c[-1]) ||
								     c[-1] == '_')))
				continue;
			e = strstr(c, "/*");
			if (!e)
				e = c + strlen(c);
			while (e > c && isspace((unsigned char)e[-1]))
				e--;
			if (e > c && e[-1] != ';')
				return r;
		}
	}
	return NULL;
}

static unsigned lineinfo_line(const struct lineinfo *li, const char *text)
{
	const struct btf_line_rec *r = text && text[0] ? lineinfo_find(li, text, -1, false) : NULL;

	return r ? r->line_col >> 10 : 0;
}

static void lineinfo_set(const struct lineinfo *li, const struct btf_line_rec *r,
			 struct cosy_diag *d)
{
	const char *f = btf__name_by_offset(li->btf, r->file_name_off);
	const char *t = btf__name_by_offset(li->btf, r->line_off);

	snprintf(d->file, sizeof(d->file), "%s", f ? f : "?");
	d->line = r->line_col >> 10;
	d->col = r->line_col & 0x3ff;
	if (t && !d->text[0])
		snprintf(d->text, sizeof(d->text), "%s", ltrim(t));
}

/* --- the mistakes --------------------------------------------------------- */

static bool has(const char *s, const char *needle)
{
	return strstr(s, needle) != NULL;
}

/* "at line N" when N is known, else "" (the message stays a sentence). */
static const char *at_line(char *buf, size_t size, const char *what, unsigned line)
{
	if (line)
		snprintf(buf, size, "%s line %u", what, line);
	else
		buf[0] = '\0';
	return buf;
}

/*
 * The mistakes whose message is a fixed text: the reason holds any of
 * `any` (and `also`, if set).  The tables are tried in diag_explain()'s
 * order, between the mistakes whose message needs more of the log.
 */
struct fixed_rule {
	const char *any[4];
	const char *also;
	const char *hint;
};

static const struct fixed_rule early_hints[] = {
	{ { "cannot call kernel function from non-GPL",
	    "cannot call GPL-restricted function from non-GPL" }, NULL,
	  "kfuncs may be called only from a program with a GPL-compatible license: "
	  "declare char LICENSE[] SEC(\"license\") = \"Dual BSD/GPL\";" },
	{ { "Too large" }, "stack",
	  "the compound needs more than the 512 bytes of stack BPF gives it (all its called "
	  "functions together): put buffers in the segment and reach them with cosy_data()" },
	{ { "!read_ok", "invalid read from stack" }, NULL,
	  "a local variable is read before it is set on some path: give it a value first" },
};

static const struct fixed_rule null_hints[] = {
	{ { "mem_or_null" }, NULL,
	  "cosy_data() returns NULL for a slice outside the segment or a stopped run: check "
	  "the pointer (if (!p) ...) before using it or adding to it" },
	{ { "map_value_or_null" }, NULL,
	  "bpf_map_lookup_elem() returns NULL for a missing key: check it before use" },
};

static const struct fixed_rule late_hints[] = {
	{ { "unbounded memory access", "min value is negative",
	    "max value is outside of the allowed memory range",
	    "makes mem pointer be out of bounds" }, NULL,
	  "this index is not bounded: check it against the slice's size first "
	  "(if (k >= SIZE) ...), as an unsigned number" },
	{ { "jumps is too complex", "BPF program is too large", "too many states" }, NULL,
	  "this loop is too complex for this kernel's verifier, which walks it iteration by "
	  "iteration: loop with bpf_loop() instead (see cosy-kfuncs(7))" },
	{ { "infinite loop detected", "back-edge from insn" }, NULL,
	  "this loop never ends as far as the verifier can tell: give it a bound it can see, "
	  "or use bpf_loop()" },
	{ { "At callback return the register R0" }, NULL,
	  "a bpf_loop() callback must return 0 (go on) or 1 (stop)" },
	{ { "write into map forbidden" }, NULL,
	  "this writes to a const global (.rodata, read-only once loaded): drop the const, "
	  "or keep the value in the segment" },
};

/* The first rule of `rules` the reason matches sets the hint: true then. */
static bool fixed_hint(struct cosy_diag *d, const struct fixed_rule *rules, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct fixed_rule *f = &rules[i];
		bool any = false;

		for (size_t k = 0; k < sizeof(f->any) / sizeof(f->any[0]) && f->any[k]; k++)
			any = any || has(d->reason, f->any[k]);
		if (any && (!f->also || has(d->reason, f->also))) {
			snprintf(d->hint, sizeof(d->hint), "%s", f->hint);
			return true;
		}
	}
	return false;
}

/*
 * Name the mistake behind d->reason.  Locating the message somewhere else
 * than the verifier's last source line (the return that leaks the session)
 * is done by setting d->text.
 */
static void diag_explain(struct cosy_diag *d, const struct lineinfo *li)
{
	const char *r = d->reason, *ins = d->insn_text;
	char t1[512], t2[512], w1[64], fn[128];
	const char *q;
	unsigned l1;
	long i;
	int a, b, c;

	if (sscanf(r, "Unreleased reference id=%d alloc_insn=%d", &a, &b) == 2) {
		const char *what = "the reference acquired";

		l1 = 0;
		if (insn_source(d, b, t1, sizeof(t1))) {
			l1 = li ? lineinfo_line(li, t1) : 0;
			if (has(t1, "cosy_begin") || has(t1, "cosy_session_begin"))
				what = "the session begun";
		}
		if (returning_line(d, t2, sizeof(t2)))
			snprintf(d->text, sizeof(d->text), "%s", t2);
		snprintf(d->hint, sizeof(d->hint),
			 "%s%s is not ended on the path that returns from here: call "
			 "cosy_end() before that return", what, at_line(w1, sizeof(w1), " at", l1));
		return;
	}
	if (fixed_hint(d, early_hints, sizeof(early_hints) / sizeof(early_hints[0])))
		return;
	/*
	 * A global function is verified alone ("Validating NAME() func#N"),
	 * its pointer arguments as plain memory: the session is not one there.
	 */
	if ((q = last_validating(d, fn, sizeof(fn), t2, sizeof(t2))) &&
	    (has(r, "cosy_session") || has(r, "Caller passes invalid args"))) {
		if (t2[0])
			snprintf(d->text, sizeof(d->text), "%s", t2);
		snprintf(d->hint, sizeof(d->hint),
			 "%s() is given the session or a cosy_data() pointer but is not static: "
			 "a global function is verified alone, without knowing what it is "
			 "passed; make it static", fn);
		return;
	}
	/* 7.x checks a global function's arguments at the call. */
	if ((q = strstr(r, "Caller passes invalid args into func#")) &&
	    (q = strstr(q, "('")) && sscanf(q + 2, "%127[A-Za-z0-9_]", fn) == 1) {
		const struct btf_line_rec *rec = li ? lineinfo_find_def(li, fn) : NULL;

		if (rec) {
			const char *t = btf__name_by_offset(li->btf, rec->line_off);

			snprintf(d->text, sizeof(d->text), "%s", t ? ltrim(t) : "");
		}
		snprintf(d->hint, sizeof(d->hint),
			 "%s() is given the session or a cosy_data() pointer but is not static: "
			 "a global function is verified alone, without knowing what it is "
			 "passed; make it static", fn);
		return;
	}
	/* The session or a slice after cosy_end(): the end call on the path. */
	i = last_call(d, "cosy_session_end", t1, sizeof(t1));
	l1 = i >= 0 && li ? lineinfo_line(li, t1) : 0;
	if (i >= 0 && i < d->insn && has(ins, ") call cosy_") &&
	    (has(r, "R1 ") || has(r, "arg#0") || has(r, "arg0") || has(r, "R1=") ||
	     has(r, "release") || has(r, "acquired") || has(r, "referenced"))) {
		snprintf(d->hint, sizeof(d->hint),
			 "the session is used after cosy_end()%s%s: nothing may follow the end "
			 "of a session on a path", at_line(w1, sizeof(w1), " at", l1),
			 has(ins, "call cosy_session_end#") ? " (it is ended twice)" : "");
		return;
	}
	if (has(r, "invalid mem access 'scalar'") && i >= 0 && i < d->insn) {
		snprintf(d->hint, sizeof(d->hint),
			 "a cosy_data() slice is used after cosy_end()%s: slices die with the "
			 "session; use them before ending it", at_line(w1, sizeof(w1), " at", l1));
		return;
	}
	if (has(r, "is not a const") && has(ins, "call cosy_data#")) {
		snprintf(d->hint, sizeof(d->hint),
			 "cosy_data() needs a constant size (its third argument): the verifier "
			 "must know how many bytes the pointer covers; take a fixed-size slice "
			 "and bound the length you use in it");
		return;
	}
	if (fixed_hint(d, null_hints, sizeof(null_hints) / sizeof(null_hints[0])))
		return;
	if (has(ins, ") call cosy_") &&
	    (has(r, "Possibly NULL pointer passed to trusted") ||
	     has(r, "ptr_or_null_cosy_session") ||
	     (has(r, "must point to scalar") && has(r, "cosy_session")))) {
		snprintf(d->hint, sizeof(d->hint),
			 "cosy_begin() returns NULL when the run cannot begin: check the session "
			 "(if (!s) return cosy_begin_error(a);) before the first call");
		return;
	}
	if (sscanf(r, "invalid access to memory, mem_size=%d off=%d size=%d", &a, &b, &c) == 3) {
		snprintf(d->hint, sizeof(d->hint),
			 "bytes %d..%d are outside the %d-byte slice cosy_data() gave (its bytes "
			 "are 0..%d)", b, b + c - 1, a, a - 1);
		return;
	}
	if (fixed_hint(d, late_hints, sizeof(late_hints) / sizeof(late_hints[0])))
		return;
	if (has(r, "unknown func bpf_") || has(r, "program of this type cannot use helper")) {
		const char *h = strstr(r, "bpf_");

		snprintf(d->hint, sizeof(d->hint),
			 "helper %.*s is not available to compounds (BPF_PROG_TYPE_SYSCALL "
			 "programs): see cosy-kfuncs(7) for what they may call",
			 h ? (int)strcspn(h, "#") : 6, h ? h : "bpf_?");
		return;
	}
}

int cosy_diagnose(const char *log, const void *elf, size_t elf_size, struct cosy_diag *d)
{
	struct lineinfo li;
	bool have_li;
	int err;

	err = cosy_diag_parse_log(log, d);
	if (err)
		return err;
	have_li = elf && !lineinfo_open(&li, elf, elf_size);
	diag_explain(d, have_li ? &li : NULL);
	if (have_li) {
		const struct btf_line_rec *r = NULL;

		if (d->text[0])
			r = lineinfo_find(&li, d->text, d->insn, false);
		if (r)
			lineinfo_set(&li, r, d);
		btf__free(li.btf);
	}
	return 0;
}

/* A failure before the verifier (libbpf's, e.g. a kfunc no kernel has). */
int cosy_diagnose_call(const char *name, const void *elf, size_t elf_size, struct cosy_diag *d)
{
	const struct btf_line_rec *r;
	struct lineinfo li;
	char call[160];

	memset(d, 0, sizeof(*d));
	d->insn = -1;
	if (!elf || lineinfo_open(&li, elf, elf_size))
		return -ENOENT;
	snprintf(call, sizeof(call), "%s(", name);
	r = lineinfo_find(&li, call, -1, true);
	if (r)
		lineinfo_set(&li, r, d);
	btf__free(li.btf);
	return r ? 0 : -ENOENT;
}
