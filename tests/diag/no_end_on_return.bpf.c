// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: an early return that forgets cosy_end().
 * expect: the session begun at line 22 is not ended on the path that returns from here
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
int no_end_on_return(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	int fd;

	if (!s)
		return cosy_begin_error(a);
	fd = cosy_open(s, a->path_off, O_RDONLY, 0);
	if (fd < 0)	/* HERE: the return is merged into the branch */
		return fd;
	cosy_close(s, fd);
	cosy_end(s, a);
	return 0;
}
