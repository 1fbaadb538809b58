// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile: calls a helper SYSCALL programs do not get (bpf_get_func_arg()
 * needs a trampoline, i.e. fentry/fexit).  One program per object:
 * cosy-load verify shows the line.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u32 n;
};

COSY_COMPOUND(4096);

SEC("syscall") __failure __msg_any("unknown func bpf_get_func_arg#", "program of this type cannot use helper bpf_get_func_arg#")
int helper_unknown(struct args *a)
{
	__u64 v = 0;

	return bpf_get_func_arg(a, a->n, &v);
}
