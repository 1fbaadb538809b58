// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Mistake: passing the session to a non-static function.
 * expect: is not static
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

__attribute__((noinline)) int count(struct cosy_session *s)	/* HERE */
{
	return s ? cosy_check(s) : 0;
}

SEC("syscall")
int global_function_session(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	int r;

	if (!s)
		return cosy_begin_error(a);
	r = count(s);
	cosy_end(s, a);
	return r;
}
