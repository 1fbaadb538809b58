// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: cosy_end() called twice on one path.
 * expect: the session is used after cosy_end() at line
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
int end_twice(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);

	if (!s)
		return cosy_begin_error(a);
	cosy_end(s, a);
	cosy_end(s, a);	/* HERE */
	return 0;
}
