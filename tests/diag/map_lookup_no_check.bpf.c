// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: a map value used without checking bpf_map_lookup_elem() for NULL.
 * expect: bpf_map_lookup_elem() returns NULL
 * The line marked HERE is the one the message must name.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u32 path_off, buf_off, n;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

COSY_COMPOUND(4096);

SEC("syscall")
int map_lookup_no_check(struct args *a)
{
	__u32 key = a->n;
	__u64 *v = bpf_map_lookup_elem(&seen, &key);

	*v += 1;	/* HERE */
	return 0;
}
