// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: indexing a slice with a caller's number not checked against its size.
 * expect: index is not bounded
 * The line marked HERE is the one the message must name.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u32 path_off, buf_off, n;
};

COSY_COMPOUND(4096);

SEC("syscall")
int slice_index_unchecked(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;
	int r = 0;

	if (!s)
		return cosy_begin_error(a);
	p = cosy_data(s, a->buf_off, 64);
	if (p)
		r = p[a->n];	/* HERE */
	cosy_end(s, a);
	return r;
}
