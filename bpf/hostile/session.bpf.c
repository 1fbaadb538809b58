// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile compounds: the session handle's life.  cosy_session_begin() is
 * KF_ACQUIRE | KF_RET_NULL, cosy_session_end() KF_RELEASE, every other
 * kfunc KF_TRUSTED_ARGS, so the verifier owns these rules.  Whatever is not
 * the handle begin returned reaches 6.1's generic "pointer to memory" check
 * and fails with a misleading "must point to scalar" (the module's struct
 * cosy_session holds pointers): the __msg before it names the call.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u64 n;
	__u32 n32;
};

COSY_COMPOUND(4096);

/* 6.1 and 6.12's wording || 7.x's (a plain value, or a released handle). */
#define NOT_SCALAR "arg#0 pointer type STRUCT cosy_session must point to scalar" \
	"||expected STRUCT cosy_session||expects referenced PTR_TO_BTF_ID passed to R1"
#define MEM_LEN_PAIR "arg#0 arg#1 memory, len pair leads to invalid memory access" \
	"||R1 and R2 memory, len pair leads to invalid memory access"
#define R1_SCALAR "R1_w=scalar(||R1=scalar("

/* Control: begin, one guarded call, end; the runner checks the 42. */
SEC("?syscall") __success __retval(42)
int session_valid(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);

	if (!s)
		return -1;
	cosy_check(s);
	cosy_end(s, a);
	return 42;
}

/* Control of the module's side: an fd the session never opened is -EBADF. */
SEC("?syscall") __success __retval(-EBADF)
int session_close_unowned_fd(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	int err;

	if (!s)
		return -1;
	err = cosy_close(s, 0);
	cosy_end(s, a);
	return err;
}

/* Uses the handle before checking it for NULL. */
SEC("?syscall") __failure
__msg_any("R1_w=ptr_or_null_cosy_session", "R1=trusted_ptr_or_null_cosy_session")
__msg("call cosy_check") __msg_any(NOT_SCALAR, "Possibly NULL pointer passed to trusted ")
int session_no_null_check(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);

	cosy_check(s);
	if (s)
		cosy_end(s, a);
	return 0;
}

/* Calls a kfunc on a session it already ended: the handle is now a number. */
SEC("?syscall") __failure __msg("call cosy_session_end") __msg(R1_SCALAR)
__msg("call cosy_check") __msg(NOT_SCALAR)
int session_use_after_end(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);

	if (!s)
		return -1;
	cosy_session_end(s);
	return cosy_check(s);
}

/*
 * Ends its session twice.  (Identical __msg tags collapse into one, so the
 * second call is recognised by the handle having become a number.)
 */
SEC("?syscall") __failure __msg("call cosy_session_end") __msg(R1_SCALAR)
__msg(NOT_SCALAR)
int session_end_twice(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);

	if (!s)
		return -1;
	cosy_session_end(s);
	cosy_session_end(s);
	return 0;
}

/* Forges a session on its stack. */
SEC("?syscall") __failure __msg(NOT_SCALAR)
int session_forged_on_stack(struct args *a)
{
	struct cosy_session fake = { .__opaque = a->n };

	return cosy_check(&fake);
}

/* Makes a session out of a number. */
SEC("?syscall") __failure __msg(NOT_SCALAR)
int session_forged_from_scalar(struct args *a)
{
	return cosy_check((struct cosy_session *)a->n);
}

/* Passes its ctx (the args) where the session goes. */
SEC("?syscall") __failure __msg(NOT_SCALAR)
int session_ctx_as_session(struct args *a)
{
	return cosy_check((struct cosy_session *)a);
}

/* Ends "a session" it never began: its args. */
SEC("?syscall") __failure __msg("call cosy_session_end") __msg(NOT_SCALAR)
int session_end_never_begun(struct args *a)
{
	cosy_session_end((struct cosy_session *)a);
	return 0;
}

/* Points the handle past its start. */
SEC("?syscall") __failure __msg_any("R1 must have zero offset when passed to release func",
				  "cannot access ptr member run with moff 8 in struct cosy_session")
int session_with_offset(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	int err;

	if (!s)
		return -1;
	err = cosy_check((struct cosy_session *)((char *)s + 8));
	cosy_end(s, a);
	return err;
}

/* Writes into the module's private session state. */
SEC("?syscall") __failure __msg("only read is supported")
int session_write_internals(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);

	if (!s)
		return -1;
	s->__opaque = 0;
	cosy_end(s, a);
	return 0;
}

/*
 * FINDING (accepted): a loader with CAP_PERFMON (root) may READ the module's
 * private session state through the handle, as any PTR_TO_BTF_ID; the first
 * word is the kernel address of the run's ctx copy, non-zero, hence 1.
 */
SEC("?syscall") __success __retval(1)
int session_read_internals(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	__u64 v;

	if (!s)
		return -1;
	v = s->__opaque;
	cosy_end(s, a);
	return v != 0;
}

/* bpf_loop() state that carries the handle into the callback. */
struct sloop {
	struct cosy_session *s;
	struct args *a;
};

static long end_in_callback(__u32 i, void *ctx)
{
	struct sloop *l = ctx;

	cosy_session_end(l->s);
	return 1;
}

/* Ends the caller's session inside a bpf_loop() callback. */
SEC("?syscall") __failure __msg_any("reference has not been acquired before", "Unreleased reference")
int session_end_in_loop_callback(struct args *a)
{
	struct sloop l = {};

	l.s = cosy_begin(a);
	if (!l.s)
		return -1;
	bpf_loop(1, end_in_callback, &l, 0);
	return 0;
}

static long begin_in_callback(__u32 i, void *ctx)
{
	struct sloop *l = ctx;
	struct cosy_session *s = cosy_begin(l->a);

	if (s)
		cosy_check(s);
	return 0;
}

/* Begins a session in a bpf_loop() callback and never ends it. */
SEC("?syscall") __failure __msg("Unreleased reference")
int session_begin_in_loop_callback(struct args *a)
{
	struct sloop l = { .a = a };

	bpf_loop(2, begin_in_callback, &l, 0);
	return 0;
}

/* Overwrites its only handle with a second session's: the first leaks. */
SEC("?syscall") __failure __msg("Unreleased reference")
int session_handle_overwritten(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);

	if (!s)
		return -1;
	s = cosy_begin(a);
	if (!s)
		return -1;
	cosy_end(s, a);
	return 0;
}

/*
 * The verifier accepts a ctx on the BPF stack; the module refuses it (the
 * session writes its report there when it ends, after that frame may be
 * gone), so begin returns NULL: 1.
 */
SEC("?syscall") __success __retval(1)
int session_ctx_on_stack(struct args *a)
{
	struct cosy_ctx c = a->cosy;
	struct cosy_session *s = cosy_session_begin(&c, sizeof(c));

	if (!s)
		return 1;
	cosy_session_end(s);
	return 0;
}

/* A ctx size larger than the stack object it describes. */
SEC("?syscall") __failure __msg(MEM_LEN_PAIR)
int session_ctx_size_too_big(struct args *a)
{
	struct cosy_ctx c = a->cosy;
	struct cosy_session *s = cosy_session_begin(&c, sizeof(c) + 64);

	if (!s)
		return 1;
	cosy_session_end(s);
	return 0;
}

/*
 * A ctx size that may be negative: clang hands the 64-bit value over as is
 * (ctx__sz is a __u32 only in C), and the verifier checks the register.
 */
SEC("?syscall") __failure __msg("R2 min value is negative")
__msg(MEM_LEN_PAIR)
int session_ctx_size_negative(struct args *a)
{
	struct cosy_session *s = cosy_session_begin(a, a->n);

	if (!s)
		return 1;
	cosy_session_end(s);
	return 0;
}

/* A ctx size known only to be a u32: unbounded. */
SEC("?syscall") __failure __msg("R2 unbounded memory access")
int session_ctx_size_unbounded(struct args *a)
{
	struct cosy_session *s = cosy_session_begin(a, a->n32);

	if (!s)
		return 1;
	cosy_session_end(s);
	return 0;
}

/* A ctx size past the 64 KiB a SYSCALL program's ctx can have. */
SEC("?syscall") __failure
__msg_any("invalid bpf_context access off=69999 size=1", "ctx_size=65535 off=0 size=70000")
int session_ctx_size_past_u16(struct args *a)
{
	struct cosy_session *s = cosy_session_begin(a, 70000);

	if (!s)
		return 1;
	cosy_session_end(s);
	return 0;
}

/* A number where the ctx pointer goes. */
SEC("?syscall") __failure __msg("R1 type=scalar expected=fp")
int session_ctx_scalar(struct args *a)
{
	struct cosy_session *s = cosy_session_begin((void *)a->n, sizeof(struct cosy_ctx));

	if (!s)
		return 1;
	cosy_session_end(s);
	return 0;
}

/* The ctx pointer moved off its start. */
SEC("?syscall") __failure __msg("dereference of modified ctx ptr R1 off=8 disallowed")
__success_since("7.0")
int session_ctx_modified(struct args *a)
{
	struct cosy_session *s = cosy_session_begin((char *)a + 8, sizeof(struct cosy_ctx));

	if (!s)
		return 1;
	cosy_session_end(s);
	return 0;
}

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct cosy_ctx);
} ctx_slot SEC(".maps");

/*
 * FINDING (accepted): 6.1 and 6.12 let a maybe-NULL pointer through as a
 * kfunc (mem, __sz) argument.  Key 1 of a one-entry array is NULL at run
 * time: only the module's own NULL check stops it, and begin returns NULL:
 * 1.  7.x refuses it at load.
 */
SEC("?syscall") __success __retval(1)
__failure_since("7.0", "Possibly NULL pointer passed to trusted R1")
int session_ctx_maybe_null(struct args *a)
{
	__u32 key = 1;
	struct cosy_ctx *c = bpf_map_lookup_elem(&ctx_slot, &key);
	struct cosy_session *s = cosy_session_begin(c, sizeof(struct cosy_ctx));

	if (!s)
		return 1;
	cosy_session_end(s);
	return 0;
}

/*
 * The verifier accepts segment memory from cosy_data() as a session's ctx;
 * the second session would keep a pointer into a map it holds no
 * reference to (one naming another segment could be unmapped and freed
 * under it).  The module refuses any vmalloc'ed ctx, so the second begin
 * fails: -3.  (Found by this suite; fixed in cosy_session_begin().)
 */
SEC("?syscall") __success __retval(-3)
int session_ctx_in_segment(struct args *a)
{
	struct cosy_session *s = cosy_begin(a), *t;
	struct cosy_ctx *c;

	if (!s)
		return -1;
	c = cosy_data(s, 0, sizeof(struct cosy_ctx));
	if (!c) {
		cosy_end(s, a);
		return -2;
	}
	__builtin_memcpy(c, &a->cosy, sizeof(*c));
	t = cosy_session_begin(c, sizeof(*c));
	cosy_end(s, a);
	if (!t)
		return -3;
	cosy_session_end(t);
	return 0;
}
