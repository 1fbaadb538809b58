// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: buffers on the stack beyond the 512 bytes a compound has.
 * expect: 512 bytes of stack
 * No line: the stack is the whole call chain's.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u32 path_off, buf_off, n;
};

COSY_COMPOUND(4096);

static __attribute__((noinline)) int fill(char *b, __u32 n)
{
	char big[400];
	int i;

	for (i = 0; i < 400; i++)
		big[i] = b[i & 63] + n;
	return big[n & 255];
}

SEC("syscall")
int stack_too_big(struct args *a)
{
	char buf[300];
	int i;

	for (i = 0; i < 300; i++)
		buf[i] = i;
	return fill(buf, a->n) + buf[7];
}
