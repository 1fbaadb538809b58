// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile: calls cosy_check() through a prototype that is not the module's
 * (a compound built against other cosy headers).  libbpf compares it with
 * cosy.ko's BTF and refuses the whole object before the verifier runs, so
 * it gets its own object and the expected message is libbpf's.  kfuncs.h's
 * right prototype is renamed away while it is included.
 */
#include "vmlinux.h"
#define cosy_check cosy_check_unused
#include <cosy/cosy.bpf.h>
#undef cosy_check
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
};

COSY_COMPOUND(4096);

extern int cosy_check(struct cosy_session *s, __u64 extra) __ksym;

SEC("syscall") __failure
__msg("extern (func ksym) 'cosy_check': func_proto") __msg("incompatible with kernel")
int kfunc_mismatch(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	int err;

	if (!s)
		return -1;
	err = cosy_check(s, 1);
	cosy_end(s, a);
	return err;
}
