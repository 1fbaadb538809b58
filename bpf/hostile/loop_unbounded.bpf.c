// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile: calls a kfunc in a C loop whose bound comes from the caller.
 * The verifier walks it iteration by iteration, each leaving a branch to
 * explore, and gives up at 8192 pending branches: compounds loop with
 * bpf_loop().  One program per object: cosy-load verify shows the line.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u64 n;
};

COSY_COMPOUND(4096);

SEC("syscall") __failure __msg("The sequence of 8193 jumps is too complex")
int loop_unbounded(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	__u64 i;
	int err = 0;

	if (!s)
		return -1;
	for (i = 0; i < a->n && !err; i++)
		err = cosy_check(s);
	cosy_end(s, a);
	return err;
}
