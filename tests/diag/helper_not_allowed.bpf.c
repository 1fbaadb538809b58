// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: a BPF helper that compounds (BPF_PROG_TYPE_SYSCALL) may not call.
 * expect: not available to compounds
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
int helper_not_allowed(struct args *a)
{
	__u64 v = 0;

	bpf_get_func_arg(a, 0, &v);	/* HERE */
	return v;
}
