// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: a loop with no way out.
 * expect: never ends
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
int loop_forever(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	volatile int spin = 1;

	if (!s)
		return cosy_begin_error(a);
	while (spin)	/* HERE */
		;
	cosy_end(s, a);
	return 0;
}
