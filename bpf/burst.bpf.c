// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * burst: n zero-byte reads of a granted fd, the classic kernel-mode read()
 * microbenchmark: what one call costs inside the kernel against one
 * crossing per call from user space.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include "burst.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

COSY_COMPOUND(BURST_SEG_SIZE);

struct burst_loop {
	struct cosy_session *s;
	long fd;
	__u64 done;
	long err;
};

static long burst_one(__u32 i, void *ctx)
{
	struct burst_loop *l = ctx;
	long r = cosy_read(l->s, l->fd, 0, 0);

	if (r) {
		cosy_loop_set(l->err, r < 0 ? r : -EIO);
		return 1;
	}
	l->done++;
	return 0;
}

SEC("syscall")
int burst(struct burst_args *a)
{
	struct burst_loop l = { .fd = a->fd };
	struct cosy_session *s;

	s = cosy_begin(a);
	if (!s)
		return cosy_begin_error(a);
	l.s = s;
	bpf_loop(a->n, burst_one, &l, 0);
	cosy_end(s, a);
	a->done = l.done;
	return l.err;
}
