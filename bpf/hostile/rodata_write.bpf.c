// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile: rewrites its own cosy_segment_size (a const volatile, so in
 * .rodata, which libbpf freezes and maps BPF_F_RDONLY_PROG).  One program
 * per object: cosy-load verify shows the line.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u32 size;
};

COSY_COMPOUND(4096);

SEC("syscall") __failure __msg("write into map forbidden")
int rodata_write(struct args *a)
{
	*(volatile __u32 *)&cosy_segment_size = a->size;
	return 0;
}
