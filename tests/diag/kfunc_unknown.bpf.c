// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: a kfunc no kernel has.
 * expect: does not have kfunc
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

extern int cosy_frobnicate(struct cosy_session *s) __ksym;

SEC("syscall")
int kfunc_unknown(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	int r;

	if (!s)
		return cosy_begin_error(a);
	r = cosy_frobnicate(s);	/* HERE */
	cosy_end(s, a);
	return r;
}
