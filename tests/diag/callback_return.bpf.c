// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: a bpf_loop() callback that returns something other than 0 or 1.
 * expect: must return 0 (go on) or 1 (stop)
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

static long step(__u32 i, void *ctx)
{
	return 2;	/* HERE */
}

SEC("syscall")
int callback_return(struct args *a)
{
	bpf_loop(4, step, NULL, 0);
	return 0;
}
