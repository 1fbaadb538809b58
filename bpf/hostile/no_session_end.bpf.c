// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Hostile: a path that returns without ending its session. */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u32 path_off;
};

COSY_COMPOUND(4096);

SEC("syscall") __failure __msg("Unreleased reference")
int no_session_end(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	int fd;

	if (!s)
		return -1;
	fd = cosy_open(s, a->path_off, O_RDONLY, 0);
	if (fd < 0)
		return fd;	/* forgets cosy_session_end() on this path */
	cosy_end(s, a);
	return 0;
}
