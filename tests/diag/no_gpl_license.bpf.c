// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: a compound without a GPL-compatible license.
 * expect: GPL-compatible license
 * No line: the license is the whole object's.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>

char LICENSE[] SEC("license") = "Proprietary";

struct args {
	struct cosy_ctx cosy;
	__u32 path_off, buf_off, n;
};

COSY_COMPOUND(4096);

SEC("syscall")
int no_gpl_license(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);

	if (!s)
		return cosy_begin_error(a);
	cosy_end(s, a);
	return 0;
}
