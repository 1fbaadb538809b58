// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile: calls a kfunc no kernel BTF has (a compound built for a newer
 * cosy.ko).  libbpf refuses the whole object before the verifier runs, so
 * it gets its own object and the expected message is libbpf's.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
};

COSY_COMPOUND(4096);

extern int cosy_frobnicate(struct cosy_session *s) __ksym;

SEC("syscall") __failure
__msg("extern (func ksym) 'cosy_frobnicate': not found in kernel or module BTFs")
int kfunc_missing(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	int err;

	if (!s)
		return -1;
	err = cosy_frobnicate(s);
	cosy_end(s, a);
	return err;
}
