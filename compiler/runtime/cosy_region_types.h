/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What a compound cosy-cc generates needs from the kernel's headers, in
 * place of vmlinux.h: the fixed-width integer types libbpf's and cosy's
 * BPF headers use, and the one map type the segment is.  A compound names
 * no other kernel type (its kfuncs take cosy's opaque session and
 * segment offsets), and clang parses 2 MB of vmlinux.h in about 0.3 s,
 * most of the compile of a region.  Values are the kernel's UAPI ones.
 */
#ifndef COSY_REGION_TYPES_H
#define COSY_REGION_TYPES_H
#define COSY_HAVE_KERNEL_TYPES 1	/* cosy/abi.h: do not include linux/types.h */

typedef signed char __s8;
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;

enum bpf_map_type {
	BPF_MAP_TYPE_ARRAY = 2,		/* include/uapi/linux/bpf.h */
};

#endif /* COSY_REGION_TYPES_H */
