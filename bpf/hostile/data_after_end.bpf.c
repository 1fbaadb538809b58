// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile: reads the segment through a cosy_data() pointer after the
 * session ended.  The pointer carries the session's reference, so ending
 * the session turns it into a plain number.  One program per object, and
 * SEC("syscall"), so that cosy-load verify shows the line.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u32 off;
};

COSY_COMPOUND(4096);

SEC("syscall") __failure __msg("call cosy_session_end") __msg("invalid mem access 'scalar'")
int data_after_end(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;

	if (!s)
		return -1;
	p = cosy_seg(s, a->off, 16);
	cosy_end(s, a);
	if (!p)
		return -2;
	return p[0];
}
