// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile compound: a vmlinux kfunc registered for tracing programs only,
 * css_rstat_flush() (its name from 6.16).  Alone in its object: libbpf refuses a whole
 * object whose kfunc the kernel lacks, so on other kernels this case is
 * refused before the verifier (the second wording) and kfunc_tracing.bpf.c
 * tests the rule.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
};

COSY_COMPOUND(4096);

extern void css_rstat_flush(struct cgroup_subsys_state *css) __ksym;

SEC("syscall") __failure
__msg_any("calling kernel function css_rstat_flush is not allowed", "'css_rstat_flush': not found in kernel")
int kfunc_css_not_for_syscall(struct args *a)
{
	css_rstat_flush(NULL);
	return 0;
}
