// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Compounds cosy-load gen skeleton must refuse, one per -D (gen.t builds
 * each with bpfcc), and one it must accept with none: a slot, nested
 * structs in the args (an aligned member, a packed one), two entries
 * sharing one args struct.
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

/* Layouts BTF does not spell out: an aligned member, a packed struct. */
struct gap {
	__u32 a;
	__u32 b __attribute__((aligned(16)));
};

struct __attribute__((packed)) tight {
	__u8 a;
	__u32 b;
};

struct good_args {
	struct cosy_ctx cosy;
	__u32 name_off COSY_SLOT_OFF(name);
	__u32 n;
	struct pair p[2];
	__u8 c;
	struct gap g;
	struct tight t;
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
