// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: a C loop whose bound comes from the caller, calling a kfunc each time.
 * expect: is too complex for this kernel's verifier
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
int loop_too_complex(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	__u32 i;
	int err = 0;

	if (!s)
		return cosy_begin_error(a);
	for (i = 0; i < a->n && !err; i++)	/* HERE */
		err = cosy_check(s);
	cosy_end(s, a);
	return err;
}
