// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: writing to a const global.
 * expect: a const global
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

const volatile __u32 limit = 10;

SEC("syscall")
int rodata_write(struct args *a)
{
	*(volatile __u32 *)&limit = a->n;	/* HERE */
	return 0;
}
