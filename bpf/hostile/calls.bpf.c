// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile compounds: BPF-to-BPF calls.  At most 8 frames, 512 bytes of
 * stack for all of them together, no stack pointer handed back to a
 * caller, and a global function is verified alone, with only what its BTF
 * prototype promises (a session is not one of those things).  A single
 * frame over 512 bytes never gets this far: clang refuses it ("Looks like
 * the BPF stack limit of 512 bytes is exceeded").
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u64 n;
	__u32 idx;
};

COSY_COMPOUND(4096);

/* Keeps clang from turning a call into a loop or dropping it. */
#define opaque(v) asm volatile("" : "+r"(v))

static __noinline int depth(int n)
{
	int r;

	if (n <= 0)
		return 0;
	r = depth(n - 1);
	opaque(r);
	return r + 1;
}

/* Recursion: 6.1's CFG check sees the call back into depth() as a loop edge. */
SEC("?syscall") __failure
__msg("back-edge from insn||call stack of 9 frames is too deep||recursive call from depth() to depth()")
int call_recursion(struct args *a)
{
	return depth(a->n);
}

#define CHAIN(cur, next)					\
	static __noinline int cur(int n)			\
	{							\
		int r = next(n + 1);				\
								\
		opaque(r);					\
		return r;					\
	}

static __noinline int chain8(int n)
{
	opaque(n);
	return n;
}
CHAIN(chain7, chain8)
CHAIN(chain6, chain7)
CHAIN(chain5, chain6)
CHAIN(chain4, chain5)
CHAIN(chain3, chain4)
CHAIN(chain2, chain3)
CHAIN(chain1, chain2)

/* Control: main plus 7 nested calls, 8 frames, the most 6.1 allows. */
SEC("?syscall") __success __retval(7)
int call_chain_of_8_frames(struct args *a)
{
	return chain2(0) + 1;
}

/*
 * Main plus 8 nested calls: one frame too many up to 6.12.  7.3 accepts
 * these frames (they use no stack); its stack-size limit still refuses
 * call_stack_too_large.
 */
SEC("?syscall") __failure __msg("the call stack of 9 frames is too deep") __success_since("7.0")
int call_chain_of_9_frames(struct args *a)
{
	return chain1(0);
}

static __noinline int big_frame(__u32 i)
{
	__u64 buf[40];

	__builtin_memset(buf, 0, sizeof(buf));
	opaque(i);
	return buf[i & 31];
}

/* Two frames of ~320 bytes each: each fits, together they do not. */
SEC("?syscall") __failure __msg("combined stack size of 2 calls is") __msg("Too large")
int call_stack_too_large(struct args *a)
{
	__u64 buf[40];

	__builtin_memset(buf, 0, sizeof(buf));
	buf[a->idx & 31] = a->n;
	opaque(buf[3]);
	return big_frame(a->idx) + buf[a->idx & 31];
}

static __noinline char *stack_buffer(void)
{
	char b[16] = {};
	char *p = b;

	opaque(p);
	return p;
}

/* A callee hands its dead stack to its caller. */
SEC("?syscall") __failure __msg("cannot return stack pointer to the caller")
int call_returns_stack_pointer(struct args *a)
{
	char *p = stack_buffer();

	return p[0];
}

/* A global function: verified on its own, its argument is only "8 bytes". */
__noinline int check_global(struct cosy_session *s)
{
	return cosy_check(s);
}

/* Hands the session to a global function. */
SEC("?syscall") __failure __msg("check_global")
__msg("must point to scalar||Possibly NULL pointer passed to trusted arg0||Caller passes invalid args into func#1")
int call_global_with_session(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	int err;

	if (!s)
		return -1;
	err = check_global(s);
	cosy_end(s, a);
	return err;
}
