// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile compounds: memory that is not the segment.  The BPF stack (512
 * bytes a frame), registers and stack slots never written, read-only maps,
 * and the ctx, which for a SYSCALL program is an opaque buffer of up to
 * 64 KiB: 6.1 checks only that an access is at a constant, non-negative,
 * size-aligned offset below U16_MAX (syscall_prog_is_valid_access()), and
 * BPF_PROG_RUN refuses a ctx shorter than the furthest access.  Some cases
 * use inline asm to say exactly the instruction that breaks the rule.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u64 n;
	__u32 idx;
	__u32 vals[8];
};

COSY_COMPOUND(4096);

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__type(key, __u32);
	__type(value, __u64);
} ro_map SEC(".maps");

/* Writes 8 bytes below its 512-byte stack frame. */
SEC("?syscall") __failure __msg("invalid write to stack R10 off=-520 size=8")
int stack_below_frame(struct args *a)
{
	asm volatile("*(u64 *)(r10 - 520) = %[v]" :: [v] "r"(a->n) : "memory");
	return 0;
}

/* Reads a register nothing wrote: only R1 (ctx) and R10 are set at entry. */
SEC("?syscall") __failure __msg("R3 !read_ok")
int uninit_register(struct args *a)
{
	__u64 v;

	asm volatile("%[v] = r3" : [v] "=r"(v));
	return v;
}

/*
 * FINDING (accepted): reading a stack slot nothing wrote.  6.1 refuses it
 * only without CAP_PERFMON (bpf_allow_uninit_stack()); as root the read
 * returns stale kernel stack.  Masked to 0 so the run is repeatable.
 */
SEC("?syscall") __success __retval(0)
int uninit_stack_read(struct args *a)
{
	__u64 v;

	asm volatile("%[v] = *(u64 *)(r10 - 64)\n\t"
		     "%[v] &= 0" : [v] "=r"(v));
	return v;
}

/* Writes a map the program may only read. */
SEC("?syscall") __failure __msg("write into map forbidden")
int rdonly_map_write(struct args *a)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&ro_map, &key);

	if (!v)
		return -1;
	*v = a->n;
	return 0;
}

/* Updates that map through the helper instead. */
SEC("?syscall") __failure __msg("write into map forbidden")
int rdonly_map_update(struct args *a)
{
	__u64 v = a->n;
	__u32 key = 0;

	return bpf_map_update_elem(&ro_map, &key, &v, BPF_ANY);
}

/* Reads the ctx at a negative offset. */
SEC("?syscall") __failure
__msg("invalid bpf_context access off=-4 size=4||ctx_size=65535 off=-4 size=4")
int ctx_negative_offset(struct args *a)
{
	__u32 v;

	asm volatile("%[v] = *(u32 *)(%[c] - 4)" : [v] "=r"(v) : [c] "r"(a));
	return v;
}

/*
 * Reads 4 bytes of the ctx at an offset that is not a multiple of 4.  7.3
 * checks a SYSCALL program's ctx accesses only against the 64 KiB ctx
 * limit ("ctx_size=65535" in its log), so it loads this one, and
 * ctx_variable_index and session_ctx_modified: a relaxation of the
 * kernel's, for the kernel to bound at run time, not a cosy rule.
 */
SEC("?syscall") __failure __msg("invalid bpf_context access off=2 size=4") __success_since("7.0")
int ctx_misaligned(struct args *a)
{
	__u32 v;

	asm volatile("%[v] = *(u32 *)(%[c] + 2)" : [v] "=r"(v) : [c] "r"(a));
	return v;
}

/*
 * Reads the ctx beyond the 64 KiB any run may pass.  An instruction's
 * offset is 16 bits, so clang moves the pointer instead, which 6.1 refuses
 * for the ctx whatever the offset (the U16_MAX limit is reached only through
 * a kfunc or helper size: session_ctx_size_past_u16).
 */
SEC("?syscall") __failure
__msg("dereference of modified ctx ptr||invalid access to context, ctx_size=65535")
__msg("off=65536 disallowed||off=65536 size=4")
int ctx_past_u16_max(struct args *a)
{
	return *(__u32 *)((char *)a + 65536);
}

/* Indexes the ctx with a variable. */
SEC("?syscall") __failure __msg("variable ctx access var_off=") __success_since("7.0")
int ctx_variable_index(struct args *a)
{
	return a->vals[a->idx & 7];
}

/*
 * Accepted, by design: the verifier does not know the args size; reading
 * past the struct makes BPF_PROG_RUN refuse any ctx shorter than 4000
 * bytes (max_ctx_offset), so this one is only loaded, never run.
 */
SEC("?syscall") __success
int ctx_past_args(struct args *a)
{
	return *(__u32 *)((char *)a + 3996);
}

/* Adds two pointers. */
SEC("?syscall") __failure __msg("pointer += pointer prohibited")
int pointer_plus_pointer(struct args *a)
{
	__u64 v;

	asm volatile("%[v] = %[c]\n\t"
		     "%[v] += %[c]" : [v] "=&r"(v) : [c] "r"(a));
	return v != 0;
}

/* Dereferences a number. */
SEC("?syscall") __failure __msg("invalid mem access 'scalar'")
int scalar_dereference(struct args *a)
{
	return *(__u32 *)a->n;
}

/*
 * FINDING (accepted): with CAP_PERFMON (root), 6.1 lets a program return a
 * kernel pointer (allow_ptr_leaks): the low 32 bits of the ctx copy's
 * address reach the caller as the run's return value.
 */
SEC("?syscall") __success
int pointer_returned(struct args *a)
{
	return (long)a;
}

/* FINDING (accepted): the same leak through the ctx, copied back to the caller. */
SEC("?syscall") __success
int pointer_into_ctx(struct args *a)
{
	a->n = (__u64)a;
	return 0;
}
