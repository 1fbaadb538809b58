// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-load gen skeleton: what bpftool gen skeleton is to libbpf, for
 * libcosy.  Everything comes from the object as libbpf opens it (nothing
 * is loaded: no kernel, no privilege): the entries and their args structs
 * from BTF, the segment size and the slots (COSY_SLOT()) from .rodata,
 * the args fields that hold a slot's offset from COSY_SLOT_OFF() decl
 * tags.  The header it writes is self-contained: the args structs are
 * declared again from BTF, so the application needs only <cosy/cosy.h>.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "gen.h"
#include "libcosy_internal.h"

#define GEN_MAX_SLOTS	32
#define GEN_MAX_BINDS	64
#define GEN_MAX_OBJ	(64u << 20)
#define GEN_PAGE	4096u
#define GEN_SLOT_VAR	"cosy_slot__"		/* COSY_SLOT(): cosy.bpf.h */
#define GEN_SLOT_TAG	"cosy_slot_off="	/* COSY_SLOT_OFF(): abi.h */

struct gen_slot {
	char name[64];
	__u32 size;
	__u32 off;
};

/* An args field the run functions set: member `member` of struct `args_id`. */
struct gen_bind {
	__u32 args_id;
	int member;
	int slot;
};

struct gen_entry {
	char name[128];
	__u32 args_id;
};

struct gen {
	const char *path;		/* for messages */
	const char *file;		/* its last component, for the header */
	char name[64];			/* the prefix, a C identifier */
	char upper[64];			/* the same for macros */
	void *elf;
	size_t elf_size;
	struct bpf_object *obj;
	const struct btf *btf;
	struct btf_dump *dump;
	FILE *out;
	char *err;
	size_t errsz;
	__u32 seg_size;
	__u32 slots_end;
	int nentries, nslots, nbinds;
	struct gen_entry entries[COSY_MAX_ENTRIES];
	struct gen_slot slots[GEN_MAX_SLOTS];
	struct gen_bind binds[GEN_MAX_BINDS];
	unsigned char *emitted;		/* per type id: declared already */
};

__attribute__((format(printf, 3, 4)))
static int gen_fail(struct gen *g, int err, const char *fmt, ...)
{
	size_t n = (size_t)snprintf(g->err, g->errsz, "%s: ", g->path);
	va_list ap;

	if (n < g->errsz) {
		va_start(ap, fmt);
		vsnprintf(g->err + n, g->errsz - n, fmt, ap);
		va_end(ap);
	}
	return err;
}

bool gen_is_ident(const char *s)
{
	if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static const char *gen_name_of(const struct gen *g, __u32 id)
{
	return btf__name_by_offset(g->btf, btf__type_by_id(g->btf, id)->name_off);
}

/* --- reading the object ------------------------------------------------ */

static int gen_read(struct gen *g)
{
	struct stat st;
	size_t done = 0;
	ssize_t r;
	int fd, err;

	fd = open(g->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		err = -errno;
		if (fd >= 0)
			close(fd);
		return gen_fail(g, err, "cannot open compound object: %s", strerror(-err));
	}
	if (!S_ISREG(st.st_mode) || st.st_size == 0 || (size_t)st.st_size > GEN_MAX_OBJ) {
		close(fd);
		return gen_fail(g, -EINVAL, "cannot open compound object: not a regular file "
				"of 1 byte to %u MiB", GEN_MAX_OBJ >> 20);
	}
	g->elf_size = st.st_size;
	g->elf = malloc(g->elf_size);
	if (!g->elf) {
		close(fd);
		return gen_fail(g, -ENOMEM, "out of memory");
	}
	while (done < g->elf_size) {
		r = read(fd, (char *)g->elf + done, g->elf_size - done);
		if (r <= 0) {
			err = r < 0 ? -errno : -EIO;
			close(fd);
			return gen_fail(g, err, "cannot read compound object: %s", strerror(-err));
		}
		done += r;
	}
	close(fd);
	return 0;
}

/* Open it with libbpf (quietly: its messages would not say what to do). */
static int gen_open(struct gen *g)
{
	LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = g->name);
	libbpf_print_fn_t old = libbpf_set_print(NULL);
	char msg[128];
	struct btf *btf;
	long err, berr;

	g->obj = bpf_object__open_mem(g->elf, g->elf_size, &oo);
	err = libbpf_get_error(g->obj);
	if (err) {
		g->obj = NULL;
		/* libbpf refuses an object with kfunc calls and no BTF: say so. */
		btf = btf__parse_elf(g->path, NULL);
		berr = libbpf_get_error(btf);
		if (!berr)
			btf__free(btf);
		libbpf_set_print(old);
		if (berr == -ENOENT)
			goto no_btf;
		libbpf_strerror(err, msg, sizeof(msg));
		return gen_fail(g, err < -4000 ? -EINVAL : err,
				"cannot open compound object: %s", msg);
	}
	libbpf_set_print(old);
	g->btf = bpf_object__btf(g->obj);
	if (g->btf)
		return 0;
no_btf:
	return gen_fail(g, -ENOENT, "no BTF: the skeleton is made from the compound's "
			"BTF (build it with clang -g)");
}

/* COSY_COMPOUND(): the segment size in .rodata and the totals map. */
static int gen_segment(struct gen *g)
{
	struct bpf_map *ro = bpf_object__find_map_by_name(g->obj, ".rodata");
	const void *data = NULL;
	size_t size = 0;
	long seg;

	if (ro)
		data = bpf_map__initial_value(ro, &size);
	seg = data ? cosy_btf_rodata_u32(g->btf, data, size, "cosy_segment_size") : -ENOENT;
	if (seg <= 0 || !bpf_object__find_map_by_name(g->obj, "cosy_stats"))
		return gen_fail(g, -EINVAL, "not a compound: declare it with COSY_COMPOUND(size) "
				"from <cosy/cosy.bpf.h>");
	g->seg_size = seg;
	return 0;
}

static int gen_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct gen_entry *)a)->name, ((const struct gen_entry *)b)->name);
}

/* Entries as libcosy sees them: SEC("syscall"), not SEC("?syscall"). */
static int gen_entries(struct gen *g)
{
	struct bpf_program *p;
	const char *an;
	__s32 id;

	bpf_object__for_each_program(p, g->obj) {
		struct gen_entry *e = &g->entries[g->nentries];

		if (bpf_program__type(p) != BPF_PROG_TYPE_SYSCALL || !bpf_program__autoload(p))
			continue;
		if (g->nentries == COSY_MAX_ENTRIES)
			return gen_fail(g, -E2BIG, "more than %d entry points", COSY_MAX_ENTRIES);
		snprintf(e->name, sizeof(e->name), "%s", bpf_program__name(p));
		id = cosy_btf_args_id(g->btf, e->name);
		if (id < 0)
			return gen_fail(g, -EINVAL, "entry '%s' must take a pointer to a struct whose "
					"first member is struct cosy_ctx", e->name);
		an = gen_name_of(g, id);
		if (!*an)
			return gen_fail(g, -EINVAL, "entry '%s' takes an unnamed struct: name it "
					"(the skeleton declares it by name)", e->name);
		if (!strncmp(an, "cosy_", 5))
			return gen_fail(g, -EINVAL, "entry '%s' takes struct %s: names starting "
					"with cosy_ are <cosy/abi.h>'s", e->name, an);
		e->args_id = id;
		g->nentries++;
	}
	if (!g->nentries)
		return gen_fail(g, -ENOENT, "no SEC(\"syscall\") entry point");
	qsort(g->entries, g->nentries, sizeof(g->entries[0]), gen_entry_cmp);
	return 0;
}

static int gen_secinfo_cmp(const void *a, const void *b)
{
	const struct btf_var_secinfo *x = a, *y = b;

	return (x->offset > y->offset) - (x->offset < y->offset);
}

/* Add slot `name` of `size` bytes after the others: 8-aligned, or a page if a page or more. */
static int gen_slot_add(struct gen *g, const char *name, __u32 size)
{
	struct gen_slot *s = &g->slots[g->nslots];
	__u32 align = size >= GEN_PAGE ? GEN_PAGE : 8;
	__u64 off = ((__u64)g->slots_end + align - 1) & ~(__u64)(align - 1);
	int i;

	if (g->nslots == GEN_MAX_SLOTS)
		return gen_fail(g, -E2BIG, "more than %d slots", GEN_MAX_SLOTS);
	for (i = 0; i < g->nslots; i++)
		if (!strcasecmp(g->slots[i].name, name))
			return gen_fail(g, -EINVAL, "slots '%s' and '%s' differ only in case "
					"(the skeleton's macros are upper case)",
					g->slots[i].name, name);
	if (!size)
		return gen_fail(g, -EINVAL, "slot '%s' has size 0", name);
	if (off + size > g->seg_size)
		return gen_fail(g, -ENOSPC, "slot '%s' (%u bytes at %llu) does not fit in the "
				"segment: COSY_COMPOUND() declares %u bytes", name, size,
				(unsigned long long)off, g->seg_size);
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->size = size;
	s->off = off;
	g->slots_end = off + size;
	g->nslots++;
	return 0;
}

/*
 * COSY_SLOT(): one u32 (the size) per slot in .rodata; the slots are laid
 * out in declaration order, which is their order in .rodata.
 */
static int gen_slots(struct gen *g)
{
	struct bpf_map *ro = bpf_object__find_map_by_name(g->obj, ".rodata");
	size_t plen = strlen(GEN_SLOT_VAR), rsize = 0;
	struct btf_var_secinfo *vs;
	const struct btf_type *sec;
	const char *data;
	int i, n, err = 0;
	__u32 size;
	__s32 id;

	id = btf__find_by_name_kind(g->btf, ".rodata", BTF_KIND_DATASEC);
	if (id < 0 || !ro)
		return 0;
	data = bpf_map__initial_value(ro, &rsize);
	sec = btf__type_by_id(g->btf, id);
	n = btf_vlen(sec);
	vs = calloc(n ? n : 1, sizeof(*vs));
	if (!vs)
		return gen_fail(g, -ENOMEM, "out of memory");
	memcpy(vs, btf_var_secinfos(sec), n * sizeof(*vs));
	qsort(vs, n, sizeof(*vs), gen_secinfo_cmp);
	for (i = 0; i < n && !err; i++) {
		const char *vn = gen_name_of(g, vs[i].type);

		if (strncmp(vn, GEN_SLOT_VAR, plen))
			continue;
		if (vs[i].size != sizeof(size) || !data || vs[i].offset + sizeof(size) > rsize) {
			err = gen_fail(g, -EINVAL, "%s is not a u32: declare slots with "
				       "COSY_SLOT(name, size)", vn);
			break;
		}
		memcpy(&size, data + vs[i].offset, sizeof(size));
		err = gen_slot_add(g, vn + plen, size);
	}
	free(vs);
	return err;
}

static int gen_find_slot(const struct gen *g, const char *name)
{
	int i;

	for (i = 0; i < g->nslots; i++)
		if (!strcmp(g->slots[i].name, name))
			return i;
	return -1;
}

static bool gen_is_args(const struct gen *g, __u32 id)
{
	int i;

	for (i = 0; i < g->nentries; i++)
		if (g->entries[i].args_id == id)
			return true;
	return false;
}

/* COSY_SLOT_OFF(slot) decl tags on args fields. */
static int gen_binds(struct gen *g)
{
	size_t plen = strlen(GEN_SLOT_TAG);
	__u32 id, n = btf__type_cnt(g->btf);

	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(g->btf, id), *st, *ft;
		const char *tag = btf__name_by_offset(g->btf, t->name_off), *sn, *fn;
		int comp, slot;
		__s32 fid;

		if (!btf_is_decl_tag(t) || strncmp(tag, GEN_SLOT_TAG, plen))
			continue;
		tag += plen;
		st = btf__type_by_id(g->btf, t->type);
		sn = gen_name_of(g, t->type);
		comp = btf_decl_tag(t)->component_idx;
		if (!btf_is_struct(st) || comp < 0 || comp >= btf_vlen(st))
			return gen_fail(g, -EINVAL, "COSY_SLOT_OFF(%s) belongs on a field of an "
					"args struct", tag);
		fn = btf__name_by_offset(g->btf, btf_members(st)[comp].name_off);
		if (!gen_is_args(g, t->type))
			return gen_fail(g, -EINVAL, "struct %s field %s: COSY_SLOT_OFF(%s) on a "
					"struct no entry takes as its args", sn, fn, tag);
		slot = gen_find_slot(g, tag);
		if (slot < 0)
			return gen_fail(g, -EINVAL, "struct %s field %s: COSY_SLOT_OFF(%s) names no "
					"slot: declare it with COSY_SLOT(%s, size)", sn, fn, tag, tag);
		fid = btf__resolve_type(g->btf, btf_members(st)[comp].type);
		ft = fid < 0 ? NULL : btf__type_by_id(g->btf, fid);
		if (!ft || !btf_is_int(ft) || (ft->size != 4 && ft->size != 8) ||
		    btf_member_bitfield_size(st, comp))
			return gen_fail(g, -EINVAL, "struct %s field %s: COSY_SLOT_OFF(%s) on a field "
					"that is not a __u32 or __u64", sn, fn, tag);
		if (g->nbinds == GEN_MAX_BINDS)
			return gen_fail(g, -E2BIG, "more than %d COSY_SLOT_OFF() fields",
					GEN_MAX_BINDS);
		g->binds[g->nbinds++] = (struct gen_bind){ t->type, comp, slot };
	}
	return 0;
}

/* --- writing the header ------------------------------------------------- */

static void gen_vprintf(void *ctx, const char *fmt, va_list args)
{
	vfprintf(ctx, fmt, args);
}

static void gen_decl(struct gen *g, __u32 type, const char *field, int indent)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, o, .field_name = field,
		    .indent_level = indent);

	btf_dump__emit_type_decl(g->dump, type, &o);
}

/* Types <cosy/cosy.h> declares: <linux/types.h>'s __u32..., and abi.h's cosy_*. */
static bool gen_known(const char *name)
{
	return !strncmp(name, "__", 2) || !strncmp(name, "cosy_", 5);
}

static const struct gen_bind *gen_bind_of(const struct gen *g, __u32 args_id, int member)
{
	int i;

	for (i = 0; i < g->nbinds; i++)
		if (g->binds[i].args_id == args_id && g->binds[i].member == member)
			return &g->binds[i];
	return NULL;
}

/*
 * A struct or union as C: members from BTF, declared by libbpf's
 * btf_dump; holes the natural layout would not make become explicit
 * padding, and a layout no alignment explains becomes packed.  The static
 * asserts after it catch whatever BTF does not say (an aligned attribute).
 */
static void gen_struct(struct gen *g, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(g->btf, id);
	const struct btf_member *m = btf_members(t);
	bool is_struct = btf_is_struct(t), packed = false, bitfields = false;
	int i, n = btf_vlen(t), align, max_align = 1, npad = 0;
	__u32 cur = 0, off;

	for (i = 0; i < n; i++) {
		align = btf__align_of(g->btf, m[i].type);
		if (align < 1)
			align = 1;
		if (align > max_align)
			max_align = align;
		if (btf_member_bitfield_size(t, i))
			bitfields = true;
		else if (btf_member_bit_offset(t, i) % (8 * align))
			packed = true;
	}
	if (t->size % max_align)
		packed = true;
	fprintf(g->out, "%s %s {\n", is_struct ? "struct" : "union", gen_name_of(g, id));
	for (i = 0; i < n; i++) {
		const char *mn = btf__name_by_offset(g->btf, m[i].name_off);
		const struct gen_bind *b = gen_bind_of(g, id, i);
		__u32 bits = btf_member_bitfield_size(t, i);

		off = btf_member_bit_offset(t, i) / 8;
		align = packed ? 1 : btf__align_of(g->btf, m[i].type);
		if (is_struct && !bitfields && off > ((cur + align - 1) & ~(__u32)(align - 1)))
			fprintf(g->out, "\tchar __cosy_pad%d[%u];\n", npad++, off - cur);
		fputc('\t', g->out);
		gen_decl(g, m[i].type, mn, 1);
		if (bits)
			fprintf(g->out, " : %u", bits);
		fputc(';', g->out);
		if (b)
			fprintf(g->out, "\t/* slot %s: set by %s__run_*() */",
				g->slots[b->slot].name, g->name);
		fputc('\n', g->out);
		if (!bitfields)
			cur = off + btf__resolve_size(g->btf, m[i].type);
	}
	if (is_struct && !bitfields && t->size > ((cur + max_align - 1) & ~(__u32)(max_align - 1)))
		fprintf(g->out, "\tchar __cosy_pad%d[%u];\n", npad++, t->size - cur);
	fprintf(g->out, "}%s;\n", packed ? " __attribute__((packed))" : "");
	fprintf(g->out, "COSY_SKEL_ASSERT(sizeof(%s %s) == %u, \"%s %s: not the layout in %s\");\n",
		is_struct ? "struct" : "union", gen_name_of(g, id), t->size,
		is_struct ? "struct" : "union", gen_name_of(g, id), g->file);
	for (i = 0; i < n && is_struct; i++) {
		const char *mn = btf__name_by_offset(g->btf, m[i].name_off);

		if (*mn && !btf_member_bitfield_size(t, i))
			fprintf(g->out, "COSY_SKEL_ASSERT(offsetof(struct %s, %s) == %u, "
				"\"struct %s: not the layout in %s\");\n", gen_name_of(g, id), mn,
				btf_member_bit_offset(t, i) / 8, gen_name_of(g, id), g->file);
	}
	fputc('\n', g->out);
}

/*
 * Declare type `id` and what it needs, once each, before its first use;
 * types <cosy/cosy.h> declares are left to it, anonymous ones are written
 * inline where they are used.
 */
static void gen_type(struct gen *g, __u32 id)
{
	const struct btf_type *t;
	const char *n;
	int i;

	for (;;) {
		t = btf__type_by_id(g->btf, id);
		if (!t)
			return;
		n = btf__name_by_offset(g->btf, t->name_off);
		switch (btf_kind(t)) {
		case BTF_KIND_CONST:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			id = t->type;
			continue;
		case BTF_KIND_ARRAY:
			id = btf_array(t)->type;
			continue;
		case BTF_KIND_TYPEDEF:
			if (gen_known(n) || g->emitted[id])
				return;
			g->emitted[id] = 1;
			gen_type(g, t->type);
			fprintf(g->out, "typedef ");
			gen_decl(g, t->type, n, 0);
			fprintf(g->out, ";\n\n");
			return;
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			if (*n && (gen_known(n) || g->emitted[id]))
				return;
			g->emitted[id] = 1;
			for (i = 0; i < btf_vlen(t); i++)
				gen_type(g, btf_members(t)[i].type);
			if (*n)
				gen_struct(g, id);
			return;
		case BTF_KIND_ENUM:
		case BTF_KIND_ENUM64:
			if (!*n || gen_known(n) || g->emitted[id])
				return;
			g->emitted[id] = 1;
			btf_dump__dump_type(g->dump, id);
			fputc('\n', g->out);
			return;
		default:	/* int, float, void; pointers are not followed */
			return;
		}
	}
}

static void gen_upper(char *out, size_t size, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < size; i++)
		out[i] = toupper((unsigned char)s[i]);
	out[i] = 0;
}

static void gen_header(struct gen *g)
{
	const char *N = g->name, *U = g->upper;

	fprintf(g->out,
"/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */\n"
"/* THIS FILE IS AUTOGENERATED BY cosy-load gen skeleton FROM %s: DO NOT EDIT. */\n"
"/*\n"
" * The skeleton of compound %s (%d entr%s, %d slot%s, a %u-byte segment):\n"
" *\n"
" *\tstruct %s_skel *s = %s__open(NULL);\t// the object embedded below\n"
" *\t// or %s__open_file(path, opts), %s__open_pinned(name, opts)\n"
" *\t%s__set_SLOT_str(s, \"text\");\t\t// -ENAMETOOLONG if it does not fit\n"
" *\terr = %s__run_ENTRY(s, &args, &run_opts);\t// sets the slot fields\n"
" *\t%s__destroy(s);\n"
" *\n"
" * Functions return 0 or -errno and set errno, NULL with errno set, as\n"
" * libcosy(3); the slots are in the handle's default segment.\n"
" */\n"
"#ifndef COSY_SKEL_%s_H\n"
"#define COSY_SKEL_%s_H\n"
"\n"
"#include <errno.h>\n"
"#include <stdlib.h>\n"
"#include <string.h>\n"
"#include <cosy/cosy.h>\n"
"\n"
"#ifndef COSY_SKEL_ASSERT\n"
"#ifdef __cplusplus\n"
"#define COSY_SKEL_ASSERT static_assert\n"
"#else\n"
"#define COSY_SKEL_ASSERT _Static_assert\n"
"#endif\n"
"#endif\n"
"\n",
		g->file, N, g->nentries, g->nentries == 1 ? "y" : "ies", g->nslots,
		g->nslots == 1 ? "" : "s", g->seg_size, N, N, N, N, N, N, N, U, U);
}

static void gen_consts(struct gen *g)
{
	const char *U = g->upper;
	int i;

	fprintf(g->out, "/* The segment (COSY_COMPOUND()) and where each slot (COSY_SLOT()) lies. */\n");
	fprintf(g->out, "#define %s__SEG_SIZE %uu\n", U, g->seg_size);
	for (i = 0; i < g->nslots; i++) {
		char su[64];

		gen_upper(su, sizeof(su), g->slots[i].name);
		fprintf(g->out, "#define %s__SLOT_%s_OFF %uu\n", U, su, g->slots[i].off);
		fprintf(g->out, "#define %s__SLOT_%s_SIZE %uu\n", U, su, g->slots[i].size);
	}
	fprintf(g->out, "#define %s__SLOTS_END %uu\n\n", U, g->slots_end);
}

static void gen_open_fns(struct gen *g)
{
	const char *N = g->name;
	char fits[128] = "";

	/* A compound with no slots has nothing to check (and -Wtype-limits says so). */
	if (g->nslots)
		snprintf(fits, sizeof(fits), " || s->data_size < %s__SLOTS_END", g->upper);
	fprintf(g->out,
"struct %s_skel {\n"
"\tstruct cosy_compound *compound;\t/* the libcosy handle */\n"
"\tchar *data;\t\t\t/* its default segment, where the slots are */\n"
"\tsize_t data_size;\n"
"};\n"
"\n"
"static inline const void *%s__elf_bytes(size_t *sz);\n"
"\n"
"static inline void %s__destroy(struct %s_skel *s)\n"
"{\n"
"\tif (!s)\n"
"\t\treturn;\n"
"\tcosy_compound__close(s->compound);\n"
"\tfree(s);\n"
"}\n"
"\n"
"/*\n"
" * Wrap an open compound (closed on failure).  EINVAL if its segment is\n"
" * smaller than the slots: it is not the compound this skeleton describes.\n"
" */\n"
"static inline struct %s_skel *%s__from_compound(struct cosy_compound *c)\n"
"{\n"
"\tstruct %s_skel *s;\n"
"\tint err = ENOMEM;\n"
"\n"
"\tif (!c)\n"
"\t\treturn NULL;\n"
"\ts = (struct %s_skel *)calloc(1, sizeof(*s));\n"
"\tif (!s)\n"
"\t\tgoto fail;\n"
"\ts->compound = c;\n"
"\ts->data = (char *)cosy_compound__data(c, &s->data_size);\n"
"\terr = EINVAL;\n"
"\tif (!s->data%s)\n"
"\t\tgoto fail;\n"
"\treturn s;\n"
"fail:\n"
"\tfree(s);\n"
"\tcosy_compound__close(c);\n"
"\terrno = err;\n"
"\treturn NULL;\n"
"}\n"
"\n"
"/* Load the embedded object (opts->name defaults to \"%s\"). */\n"
"static inline struct %s_skel *%s__open(const struct cosy_open_opts *opts)\n"
"{\n"
"\tstruct cosy_open_opts o;\n"
"\tconst void *obj;\n"
"\tsize_t sz;\n"
"\n"
"\tmemset(&o, 0, sizeof(o));\n"
"\tif (opts)\n"
"\t\tmemcpy(&o, opts, opts->sz < sizeof(o) ? opts->sz : sizeof(o));\n"
"\to.sz = sizeof(o);\n"
"\tif (!o.name)\n"
"\t\to.name = \"%s\";\n"
"\tobj = %s__elf_bytes(&sz);\n"
"\treturn %s__from_compound(cosy_compound__open_mem(obj, sz, &o));\n"
"}\n"
"\n"
"/* Load the compound from an object file instead (one built from the same source). */\n"
"static inline struct %s_skel *%s__open_file(const char *path, const struct cosy_open_opts *opts)\n"
"{\n"
"\treturn %s__from_compound(cosy_compound__open_file(path, opts));\n"
"}\n"
"\n"
"/* Attach to the compound an administrator pinned as `name` (cosy-load load). */\n"
"static inline struct %s_skel *%s__open_pinned(const char *name, const struct cosy_open_opts *opts)\n"
"{\n"
"\treturn %s__from_compound(cosy_compound__open_pinned(name, opts));\n"
"}\n"
"\n",
		N, N, N, N, N, N, N, N, fits, N, N, N, N, N, N, N, N, N, N, N, N);
}

static void gen_slot_fns(struct gen *g)
{
	const char *N = g->name, *U = g->upper;
	int i;

	for (i = 0; i < g->nslots; i++) {
		const char *s = g->slots[i].name;
		char su[64];

		gen_upper(su, sizeof(su), s);
		fprintf(g->out,
"/* Slot %s: %u bytes at %u. */\n"
"static inline char *%s__slot_%s_ptr(const struct %s_skel *s)\n"
"{\n"
"\treturn s->data + %s__SLOT_%s_OFF;\n"
"}\n"
"\n"
"/* Copy `str` and its NUL into slot %s; -ENAMETOOLONG if it does not fit. */\n"
"static inline int %s__set_%s_str(struct %s_skel *s, const char *str)\n"
"{\n"
"\tconst char *nul = (const char *)memchr(str, 0, %s__SLOT_%s_SIZE);\n"
"\n"
"\tif (!nul) {\n"
"\t\terrno = ENAMETOOLONG;\n"
"\t\treturn -ENAMETOOLONG;\n"
"\t}\n"
"\tmemcpy(%s__slot_%s_ptr(s), str, nul - str + 1);\n"
"\treturn 0;\n"
"}\n"
"\n"
"/* Copy `len` bytes into slot %s; -E2BIG if they do not fit. */\n"
"static inline int %s__set_%s_buf(struct %s_skel *s, const void *buf, size_t len)\n"
"{\n"
"\tif (len > %s__SLOT_%s_SIZE) {\n"
"\t\terrno = E2BIG;\n"
"\t\treturn -E2BIG;\n"
"\t}\n"
"\tmemcpy(%s__slot_%s_ptr(s), buf, len);\n"
"\treturn 0;\n"
"}\n"
"\n",
			s, g->slots[i].size, g->slots[i].off, N, s, N, U, su, s, N, s, N, U, su,
			N, s, s, N, s, N, U, su, N, s);
	}
}

static void gen_run_fns(struct gen *g)
{
	const char *N = g->name, *U = g->upper;
	int i, j;

	for (i = 0; i < g->nentries; i++) {
		const struct gen_entry *e = &g->entries[i];
		const char *an = gen_name_of(g, e->args_id);

		fprintf(g->out,
"/* Run entry %s once: cosy_compound__run(), after setting the slot fields. */\n"
"static inline int %s__run_%s(struct %s_skel *s, struct %s *a, struct cosy_run_opts *opts)\n"
"{\n"
"\tif (!s || !a) {\n"
"\t\terrno = EINVAL;\n"
"\t\treturn -EINVAL;\n"
"\t}\n",
			e->name, N, e->name, N, an);
		for (j = 0; j < g->nbinds; j++) {
			const struct gen_bind *b = &g->binds[j];
			const struct btf_type *st = btf__type_by_id(g->btf, b->args_id);
			char su[64];

			if (b->args_id != e->args_id)
				continue;
			gen_upper(su, sizeof(su), g->slots[b->slot].name);
			fprintf(g->out, "\ta->%s = %s__SLOT_%s_OFF;\n",
				btf__name_by_offset(g->btf, btf_members(st)[b->member].name_off), U, su);
		}
		fprintf(g->out,
"\treturn cosy_compound__run(s->compound, \"%s\", a, sizeof(*a), opts);\n"
"}\n"
"\n",
			e->name);
	}
}

/* The object's bytes, as bpftool embeds them: one string, 8-aligned for libelf. */
static void gen_elf_bytes(struct gen *g)
{
	const unsigned char *p = g->elf;
	size_t i;

	fprintf(g->out,
"static inline const void *%s__elf_bytes(size_t *sz)\n"
"{\n"
"\tstatic const char data[] __attribute__((__aligned__(8))) = \"\\\n", g->name);
	for (i = 0; i < g->elf_size; i++) {
		fprintf(g->out, "\\x%02x", p[i]);
		if (i % 19 == 18 && i + 1 < g->elf_size)
			fputs("\\\n", g->out);
	}
	fprintf(g->out,
"\";\n"
"\n"
"\t*sz = sizeof(data) - 1;\n"
"\treturn (const void *)data;\n"
"}\n"
"\n"
"#endif /* COSY_SKEL_%s_H */\n", g->upper);
}

static void gen_write(struct gen *g)
{
	int i;

	gen_header(g);
	fprintf(g->out, "/* The entries' args, as the compound's BTF declares them. */\n");
	for (i = 0; i < g->nentries; i++)
		gen_type(g, g->entries[i].args_id);
	gen_consts(g);
	gen_open_fns(g);
	gen_slot_fns(g);
	gen_run_fns(g);
	gen_elf_bytes(g);
}

int gen_skeleton(FILE *out, const char *path, const char *name, char *err, size_t errsz)
{
	struct gen *g = calloc(1, sizeof(*g));
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = NULL;
	int ret, i;

	if (!g) {
		snprintf(err, errsz, "out of memory");
		return -ENOMEM;
	}
	g->path = path;
	g->file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	g->err = err;
	g->errsz = errsz;
	if (name) {
		snprintf(g->name, sizeof(g->name), "%s", name);
	} else {
		cosy_base_name(g->name, sizeof(g->name), path);
		for (i = 0; g->name[i]; i++)
			if (!isalnum((unsigned char)g->name[i]))
				g->name[i] = '_';
	}
	if (!gen_is_ident(g->name)) {
		ret = gen_fail(g, -EINVAL, "'%s' is not a C identifier: give the skeleton's "
			       "name with: name NAME", g->name);
		goto out;
	}
	gen_upper(g->upper, sizeof(g->upper), g->name);
	ret = gen_read(g);
	if (!ret)
		ret = gen_open(g);
	if (!ret)
		ret = gen_segment(g);
	if (!ret)
		ret = gen_entries(g);
	if (!ret)
		ret = gen_slots(g);
	if (!ret)
		ret = gen_binds(g);
	if (ret)
		goto out;

	/* Into memory first: a failure leaves `out` untouched. */
	g->emitted = calloc(btf__type_cnt(g->btf), 1);
	mem = open_memstream(&buf, &len);
	g->out = mem;
	g->dump = mem && g->emitted ? btf_dump__new(g->btf, gen_vprintf, mem, NULL) : NULL;
	if (!g->dump) {
		ret = gen_fail(g, -ENOMEM, "out of memory");
		goto out;
	}
	gen_write(g);
	if (fflush(mem) || ferror(mem)) {
		ret = gen_fail(g, -ENOMEM, "out of memory");
		goto out;
	}
	if (fwrite(buf, 1, len, out) != len)
		ret = gen_fail(g, -EIO, "cannot write the skeleton");
out:
	if (mem)
		fclose(mem);
	free(buf);
	btf_dump__free(g->dump);
	bpf_object__close(g->obj);
	free(g->emitted);
	free(g->elf);
	free(g);
	return ret;
}
