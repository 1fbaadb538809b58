// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: the session used without checking cosy_begin() for NULL.
 * expect: cosy_begin() returns NULL
 * The line marked HERE is the one the message must name.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u32 path_off, buf_off, n;
};

COSY_COMPOUND(4096);

SEC("syscall")
int begin_no_null_check(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	int fd;

	fd = cosy_open(s, a->path_off, O_RDONLY, 0);	/* HERE */
	if (fd >= 0)
		cosy_close(s, fd);
	if (s)
		cosy_end(s, a);
	return fd;
}
