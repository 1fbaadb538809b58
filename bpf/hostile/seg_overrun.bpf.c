// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile: fills a 16-byte record through a 12-byte cosy_seg() window (the
 * size is a typo'd constant): the last store runs past what the verifier
 * granted.  One program per object: cosy-load verify shows the line.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u32 off;
};

struct rec {
	__u64 when;
	__u32 what;
	__u32 len;
};

COSY_COMPOUND(4096);

SEC("syscall") __failure __msg("invalid access to memory, mem_size=12 off=8 size=8")
int seg_overrun(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	struct rec *r;

	if (!s)
		return -1;
	r = (struct rec *)cosy_seg(s, a->off, 12);
	if (r) {
		r->when = bpf_ktime_get_ns();
		r->what = 1;
		r->len = 0;
	}
	cosy_end(s, a);
	return 0;
}
