// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Compounds cosy-load gen skeleton must refuse, one per -D (gen.t builds
 * each with bpfcc), and one it must accept with none: slots, a nested
 * struct in the args, two entries sharing one args struct.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#ifndef NO_COMPOUND
COSY_COMPOUND(8192);
#endif

COSY_SLOT(name, 64);
#ifdef SLOT_TOO_BIG
COSY_SLOT(page, 8192);		/* page-aligned: 4096 + 8192 > 8192 */
#endif

struct pair {
	__u32 a, b;
};

struct good_args {
	struct cosy_ctx cosy;
	__u32 name_off COSY_SLOT_OFF(name);
	__u32 n;
	struct pair p[2];
#ifdef UNKNOWN_SLOT
	__u32 x_off COSY_SLOT_OFF(nosuch);
#endif
#ifdef NOT_INTEGER
	struct pair q COSY_SLOT_OFF(name);
#endif
};

#ifdef CTX_NOT_FIRST
struct bad_args {
	__u32 n;
	struct cosy_ctx cosy;
};

SEC("syscall")
int bad(struct bad_args *a)
{
	return a->n;
}
#endif

SEC("syscall")
int one(struct good_args *a)
{
	return a->n;
}

SEC("syscall")
int two(struct good_args *a)
{
	return a->name_off;
}
