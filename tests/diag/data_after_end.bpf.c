// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: a cosy_data() slice used after cosy_end().
 * expect: used after cosy_end() at line
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
int data_after_end(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;

	if (!s)
		return cosy_begin_error(a);
	p = cosy_data(s, a->buf_off, 16);
	if (!p) {
		cosy_end(s, a);
		return -1;
	}
	p[0] = 'x';
	cosy_end(s, a);
	return p[1];	/* HERE */
}
