// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile, or rather the first loop anyone writes: a plain bounded loop of
 * 16384 kfunc calls.  6.1's verifier walks every iteration and gives up
 * after 8193 jumps; its reason is at the end of a log of megabytes, which
 * libbpf prints as one message, and cosy-load and libcosy must still
 * report it.  6.12's verifier sees the iterations converge and accepts the
 * loop (7.3's too).  A loop that indexes memory with its variable still
 * fails there, after a million instructions and minutes under TCG: too
 * slow for the suite.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
};

COSY_COMPOUND(4096);

SEC("syscall") __failure __msg("is too complex") __success_since("6.12")
int loop_too_complex(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	int i, r = 0;

	if (!s)
		return -1;
	for (i = 0; i < 16384; i++)
		r += cosy_check(s);
	cosy_end(s, a);
	return r;
}
