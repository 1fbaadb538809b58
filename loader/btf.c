// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * What libcosy (and cosy-load gen skeleton) reads from a compound's BTF:
 * the args struct of each entry (libcosy: its size, to refuse a mismatched
 * run with a clear message before the kernel says EINVAL) and the segment
 * size from .rodata.
 */
#include <errno.h>
#include <string.h>

#include <bpf/btf.h>

#include "libcosy_internal.h"

/*
 * The struct an entry point takes: FUNC -> FUNC_PROTO -> first param ->
 * PTR -> STRUCT, whose first member must be struct cosy_ctx; its type id,
 * or -EINVAL.
 */
__s32 cosy_btf_args_id(const struct btf *btf, const char *entry)
{
	const struct btf_type *t, *m;
	const struct btf_param *p;
	const struct btf_member *mem;
	__s32 id;

	id = btf__find_by_name_kind(btf, entry, BTF_KIND_FUNC);
	if (id < 0)
		return -EINVAL;
	t = btf__type_by_id(btf, btf__type_by_id(btf, id)->type);
	if (!t || !btf_is_func_proto(t) || btf_vlen(t) != 1)
		return -EINVAL;
	p = btf_params(t);
	t = btf__type_by_id(btf, p->type);
	if (!t || !btf_is_ptr(t))
		return -EINVAL;
	id = btf__resolve_type(btf, t->type);
	t = id < 0 ? NULL : btf__type_by_id(btf, id);
	if (!t || !btf_is_struct(t) || btf_vlen(t) < 1)
		return -EINVAL;
	mem = btf_members(t);
	m = btf__type_by_id(btf, mem->type);
	if (mem->offset != 0 || !m || !btf_is_struct(m) ||
	    strcmp(btf__name_by_offset(btf, m->name_off), "cosy_ctx"))
		return -EINVAL;
	return id;
}

/* That struct, or NULL. */
const struct btf_type *cosy_btf_args_type(const struct btf *btf, const char *entry)
{
	__s32 id = cosy_btf_args_id(btf, entry);

	return id < 0 ? NULL : btf__type_by_id(btf, id);
}

/* sizeof that struct, or -EINVAL. */
long cosy_btf_args_size(const struct btf *btf, const char *entry)
{
	const struct btf_type *t = cosy_btf_args_type(btf, entry);

	return t ? (long)t->size : -EINVAL;
}

/* A u32 variable's initial value in .rodata, found through the DATASEC. */
long cosy_btf_rodata_u32(const struct btf *btf, const void *rodata, size_t size,
			 const char *var)
{
	const struct btf_var_secinfo *vs;
	const struct btf_type *sec, *v;
	__s32 id;
	int i;

	id = btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC);
	if (id < 0)
		return -ENOENT;
	sec = btf__type_by_id(btf, id);
	vs = btf_var_secinfos(sec);
	for (i = 0; i < btf_vlen(sec); i++, vs++) {
		v = btf__type_by_id(btf, vs->type);
		if (strcmp(btf__name_by_offset(btf, v->name_off), var))
			continue;
		if (vs->size != sizeof(__u32) || vs->offset + sizeof(__u32) > size)
			return -EINVAL;
		return *(const __u32 *)((const char *)rodata + vs->offset);
	}
	return -ENOENT;
}
