// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile compounds: direct segment access.  cosy_data(s, off, SIZE) returns
 * PTR_TO_MEM of exactly SIZE bytes (SIZE must be a constant: the parameter
 * is named rdwr_buf_size), maybe NULL, tied to the session: the verifier
 * bounds every access by SIZE and kills the pointer when the session ends.
 * Whether [off, off + SIZE) lies in the segment is the guard's run-time
 * check (tests/kernel/t_guard.c).
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u32 off;
	__u32 idx;
	__s32 sidx;
	__u32 size;
};

COSY_COMPOUND(4096);

/* Control: write then read back inside the 64 bytes asked for. */
SEC("?syscall") __success __retval(7)
int seg_valid(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;
	int v;

	if (!s)
		return -1;
	p = cosy_seg(s, 128, 64);
	if (!p) {
		cosy_end(s, a);
		return -2;
	}
	p[63] = 7;
	v = ((volatile char *)p)[63];
	cosy_end(s, a);
	return v;
}

/*
 * cosy_at(): the unguarded element fetch of compounds approved for
 * /dev/cosy.  Its only check is the segment's bounds: the last 8 bytes
 * are there, one byte further is NULL, and so is an offset that would
 * wrap.  Returns a bit per fetch that came back non-NULL.
 */
SEC("?syscall") __success __retval(1)
int seg_at_bounds(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	int r = 0;

	if (!s)
		return -1;
	r |= cosy_at(s, 4096 - 8, 8) ? 1 : 0;
	r |= cosy_at(s, 4096 - 7, 8) ? 2 : 0;
	r |= cosy_at(s, 0xfffffffc, 8) ? 4 : 0;
	r |= cosy_at(s, 4096, 1) ? 8 : 0;
	cosy_end(s, a);
	return r;
}

/* Reads with a variable index it bounded to the size first. */
SEC("?syscall") __success __retval(0)
int seg_variable_index_bounded(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	__u32 i = a->idx;
	char *p;
	int v;

	if (!s)
		return -1;
	p = cosy_seg(s, 0, 64);
	if (!p) {
		cosy_end(s, a);
		return -2;
	}
	v = i < 64 ? p[i] : 0;
	cosy_end(s, a);
	return v;
}

/* Reads one byte past the 64 it asked for (constant offset). */
SEC("?syscall") __failure __msg("invalid access to memory, mem_size=64 off=64 size=1")
int seg_read_past_end_const(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;
	int v;

	if (!s)
		return -1;
	p = cosy_seg(s, 0, 64);
	if (!p) {
		cosy_end(s, a);
		return -2;
	}
	v = p[64];
	cosy_end(s, a);
	return v;
}

/* Writes 8 bytes straddling the end. */
SEC("?syscall") __failure __msg("invalid access to memory, mem_size=64 off=60 size=8")
int seg_write_straddles_end(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;

	if (!s)
		return -1;
	p = cosy_seg(s, 0, 64);
	if (p)
		*(__u64 *)(p + 60) = 0;
	cosy_end(s, a);
	return 0;
}

/* Writes one byte before the start. */
SEC("?syscall") __failure __msg("invalid access to memory, mem_size=64 off=-1 size=1")
int seg_write_before_start(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;

	if (!s)
		return -1;
	p = cosy_seg(s, 64, 64);
	if (p)
		p[-1] = 0;
	cosy_end(s, a);
	return 0;
}

/* Variable index the verifier only knows is below 128. */
SEC("?syscall") __failure __msg("invalid access to memory, mem_size=64 off=127 size=1")
__msg("max value is outside of the allowed memory range")
int seg_variable_index_too_big(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;

	if (!s)
		return -1;
	p = cosy_seg(s, 0, 64);
	if (p)
		p[a->idx & 127] = 0;
	cosy_end(s, a);
	return 0;
}

/* Signed variable index: may be negative. */
SEC("?syscall") __failure __msg("value -2147483648 makes mem pointer be out of bounds")
int seg_variable_index_negative(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	__s32 i = a->sidx;
	char *p;

	if (!s)
		return -1;
	p = cosy_seg(s, 0, 64);
	if (p && i < 64)
		p[i] = 0;
	cosy_end(s, a);
	return 0;
}

/* Variable index never bounded at all. */
SEC("?syscall") __failure __msg("unbounded memory access")
int seg_variable_index_unbounded(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;

	if (!s)
		return -1;
	p = cosy_seg(s, 0, 64);
	if (p)
		p[a->idx] = 0;
	cosy_end(s, a);
	return 0;
}

/* Uses the pointer without its NULL check. */
SEC("?syscall") __failure __msg("invalid mem access 'mem_or_null'")
int seg_no_null_check(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;

	if (!s)
		return -1;
	p = cosy_seg(s, 0, 64);
	p[0] = 1;
	cosy_end(s, a);
	return 0;
}

/* Moves the pointer before its NULL check. */
SEC("?syscall") __failure __msg("pointer arithmetic on mem_or_null prohibited")
int seg_arith_before_null_check(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;

	if (!s)
		return -1;
	p = cosy_seg(s, 0, 64);
	asm volatile("%[p] += 8" : [p] "+r"(p));
	if (p)
		p[0] = 1;
	cosy_end(s, a);
	return 0;
}

/* Asks for a size the verifier cannot see as a constant. */
SEC("?syscall") __failure __msg("R3 is not a const")
int seg_size_not_constant(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;

	if (!s)
		return -1;
	p = cosy_data(s, 0, a->size);
	if (p)
		p[0] = 1;
	cosy_end(s, a);
	return 0;
}

/*
 * Asks for zero bytes and reads one: 6.1 and 6.12 refuse the call, 7.3
 * gives a pointer to zero bytes and refuses the read.
 */
SEC("?syscall") __failure
__msg("kernel function cosy_data returns pointer type FWD cosy_bytes is not supported||mem_size=0")
int seg_size_zero(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p, c = 0;

	if (!s)
		return -1;
	p = cosy_data(s, 0, 0);
	if (p)
		c = *p;
	cosy_end(s, a);
	return c;
}

/* Keeps a segment pointer from the first session and uses it in a second. */
SEC("?syscall") __failure __msg("invalid mem access 'scalar'")
int seg_pointer_outlives_session(struct args *a)
{
	struct cosy_session *s = cosy_begin(a);
	char *p;

	if (!s)
		return -1;
	p = cosy_seg(s, 0, 64);
	cosy_end(s, a);
	s = cosy_begin(a);
	if (!s)
		return -1;
	if (p)
		p[0] = 1;
	cosy_end(s, a);
	return 0;
}
