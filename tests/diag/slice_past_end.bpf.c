// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: an access one byte past the end of a cosy_data() slice.
 * expect: outside the*slice
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
int slice_past_end(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;
	int r = 0;

	if (!s)
		return cosy_begin_error(a);
	p = cosy_data(s, a->buf_off, 16);
	if (p)
		r = p[16];	/* HERE */
	cosy_end(s, a);
	return r;
}
