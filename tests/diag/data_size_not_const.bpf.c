// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: cosy_data() with a size known only at run time.
 * expect: cosy_data() needs a constant size
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
int data_size_not_const(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;
	int r = 0;

	if (!s)
		return cosy_begin_error(a);
	p = cosy_data(s, a->buf_off, a->n);	/* HERE */
	if (p)
		r = p[0];
	cosy_end(s, a);
	return r;
}
