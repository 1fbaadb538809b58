/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The BPF side of cosy-cc's regions: what every generated NAME.bpf.c uses.
 * Include after vmlinux.h.
 *
 * A region's variables live in the segment (struct NAME_vars, at offset 0),
 * not on the BPF stack.  Kernel 6.1's verifier checks a bpf_loop() callback
 * once, with the caller's stack as it is at the call, and then removes the
 * branches that one pass never took ("dead code"): a loop counter that is
 * the constant 0 on the stack at the call makes `i < 10` always true, and
 * the loop's exit disappears (fixed in 6.7: "verify callbacks as if they are
 * called unknown number of times").  The verifier never knows what a map
 * value holds, so values kept in the segment stay unknown and every branch
 * stays.  Only pointers are on the stack (struct NAME_frame: the session,
 * the fd table, the buffers, the variables), and the body (a subprogram)
 * and every loop callback get the frame's address.
 *
 * A trap or a stop records why and returns 1, the value that also ends a
 * bpf_loop(), up to the entry point.
 */
#ifndef COSY_REGION_BPF_H
#define COSY_REGION_BPF_H

#include <cosy/cosy.bpf.h>
#include "cosy_region.h"

#ifndef EFAULT
#define EFAULT 14
#endif
#ifndef ESTALE
#define ETOOMANYREFS 109	/* cosy_open(): the session's fd table is full */
#define ESTALE 116	/* not the region's segment, or not armed (st.armed) */
#endif

_Static_assert(sizeof(struct cosy_rgn_st) == COSY_RGN_ST_SIZE, "cosy_rgn_st");

/* After it, in a region with byte scans (strlen, memcmp): their operands. */
#include "cosy_region_scan.h"
_Static_assert(sizeof(struct cosy_rgn_scan) == COSY_RGN_SCAN_SIZE, "cosy_rgn_scan");

/* At the head of every region's frame (on the stack): what is not a value. */
struct cosy_rgn_state {
	struct cosy_session *s;
	int *fdt;		/* segment: fds opened and not closed (a region that opens) */
	struct cosy_stat *cst;	/* segment: what the stat kfuncs fill (a region that stats) */
	/*
	 * A byte scan found a yield due: the loop around it yields.  A whole
	 * word: 6.1's verifier refuses a 4-byte store over the constant a
	 * 4-byte store spilled there before, under the unprivileged rules
	 * ("attempt to corrupt spilled pointer on stack").
	 */
	__u64 due;
};

/* Stop the region: record why and where, return 1 (ends a bpf_loop, too). */
#define COSY_RGN_TRAP(st, why, ln)						\
	do {									\
		(st)->status = (why);						\
		(st)->line = (ln);						\
		return 1;							\
	} while (0)

/*
 * An open or a walk the module would not make (COSY_RGN_WAIT), with its
 * -errno r kept for the runtime to say which: -EAGAIN it would wait,
 * -EXDEV it climbs above its directory fd, -ETOOMANYREFS one fd too many.
 */
#define COSY_RGN_TRAP_WAIT(st, r, ln)						\
	do {									\
		(st)->err = (int)-(r);						\
		COSY_RGN_TRAP(st, COSY_RGN_WAIT, ln);				\
	} while (0)

/*
 * Iterations an innermost loop runs per bpf_loop() pass (inlined, in a
 * bounded loop the verifier walks once per iteration): a loop may then run
 * COSY_MAX_LOOPS passes of these.
 */
#define COSY_RGN_CHUNK 32

/*
 * The verifier forgets what it knows of register x's range: x plus and
 * minus a value it knows nothing of (a u64 of the segment, loaded once a
 * pass by COSY_RGN_OPAQUE()), x again at run time, whatever that value.
 * At the top of each iteration of a loop whose paths would leave its
 * registers with a range each (cosy-cc's regs_diverge()), so that the
 * iterations' states prune one another.  Every use of x is checked at run
 * time anyway, as it is for a variable loaded from the segment.
 */
#define COSY_RGN_OPAQUE(V) (*(volatile __u64 *)&(V)->st.set)
#define COSY_RGN_FORGET(x, z) asm volatile("%0 += %1; %0 -= %1" : "+r"(x) : "r"(z))

/* Leave the current loop: `return COSY_RGN_EXIT(v);` in its callback. */
#define COSY_RGN_EXIT(v) ({ (v)->lexit = 1; 1; })

/*
 * Memory (arrays, structs, scalars whose address is taken) as lvalues:
 * COSY_RGN_AT(T, base, off) is the T at byte `off` of a variable's slice,
 * the offset a constant plus COSY_RGN_IDX() terms.  Each index is checked
 * against its count on the very register that goes into the address, as
 * the verifier wants it; outside its array the region traps (in C it is
 * undefined).  The asm hides where the index came from, so that clang
 * cannot compare one copy of it and use another ("R2 unbounded memory
 * access"), nor relate two checks of one index against different counts
 * (it turned `i < 32749` then `i < 32748` into `i == 32748`, which tells
 * the verifier no bound).  It is a register move, not empty: a move gives
 * the index an id, so that where clang spills it before the check and
 * fills it after, 6.1's verifier bounds the stack copy too (it links
 * copies by id only; an index made by arithmetic, `i + 17` of a chunk's
 * 17th iteration, has none, and fold's `putchar(buf[i])` was refused with
 * "R2 max value is outside of the allowed memory range").  It is not
 * volatile, and names the count: the same index checked against the same
 * count again (buf[i] read twice in one condition) is one check, and one
 * load.
 */
#define COSY_RGN_IDX(v, idx, count, ln)						\
	({									\
		__u64 __i;							\
		asm("%0 = %1" : "=r"(__i) : "r"((__u64)(idx)), "i"(count));	\
		if (__i >= (count))						\
			COSY_RGN_TRAP(v, COSY_RGN_TRAP_BOUNDS, ln);		\
		__i;								\
	})
#define COSY_RGN_AT(T, base, off) (*(T *)((base) + (off)))

/*
 * An element at a variable offset, COSY_RGN_ATV(T, base, segoff, off):
 * base is the variable's slice, at segoff in the segment.  Generated code
 * is emitted twice (cosy-cc's emit_twice()): for bpf(2) callers _P, the
 * pointer arithmetic of COSY_RGN_AT; for /dev/cosy _U, where the
 * unprivileged verifier refuses a variable added to a pointer into the
 * segment, one cosy_at() call (no guard) per element.  The offset was
 * checked against the variable's bounds by COSY_RGN_IDX() already; a NULL
 * from cosy_at() (never expected) stops the region as a segment trap.
 * Both use the generated code's F (the frame) and V (the variables).
 */
#define COSY_RGN_ATV_P(T, base, segoff, off) COSY_RGN_AT(T, base, off)
#define COSY_RGN_ATV_U(T, base, segoff, off)					\
	(*({									\
		T *__a = (T *)cosy_at(F->st.s, (__u32)(segoff) + (__u32)(off),	\
				      sizeof(T));				\
		if (!__a) {							\
			V->st.status = COSY_RGN_TRAP_SEG;			\
			return 1;						\
		}								\
		__a;								\
	}))

/*
 * Zero `size` bytes at the start of a variable's slice (an initialised
 * array or struct), a constant size: 8 bytes a step, in a loop the
 * verifier walks (at most 8192 steps, cosy-cc's MAX_INIT_BYTES), then the
 * tail.  The empty asm keeps clang from turning it into a memset() call,
 * which BPF does not have.
 */
#define COSY_RGN_ZERO(base, size)						\
	do {									\
		__u32 __k;							\
										\
		for (__k = 0; __k < (size) / 8; __k++) {			\
			asm volatile("" : "+r"(__k));				\
			if (__k >= (size) / 8)					\
				break;						\
			*(__u64 *)((base) + __k * 8) = 0;			\
		}								\
		for (__k = (size) / 8 * 8; __k < (size); __k++)			\
			*(__u8 *)((base) + __k) = 0;				\
	} while (0)

#define COSY_RGN_ZEROV_P(base, segoff, size) COSY_RGN_ZERO(base, size)
/*
 * _U zeroes 8 bytes a bpf_loop() step (the callback is verified once; a
 * loop of kfunc calls walked by the verifier runs into its limit on jumps),
 * then the tail a byte at a time.
 */
struct cosy_rgn_zero {
	struct cosy_session *s;
	__u64 off;
};

static __attribute__((unused)) long cosy_rgn_zero_step(__u32 i, void *ctx)
{
	struct cosy_rgn_zero *z = ctx;
	__u64 *p = (__u64 *)cosy_at(z->s, (__u32)z->off + i * 8, 8);

	if (!p)
		return 1;
	*p = 0;
	return 0;
}

#define COSY_RGN_ZEROV_U(base, segoff, size)					\
	do {									\
		struct cosy_rgn_zero __z = { F->st.s, (segoff) };		\
		__u32 __k;							\
										\
		if ((size) / 8)							\
			bpf_loop((size) / 8, cosy_rgn_zero_step, &__z, 0);	\
		for (__k = (size) / 8 * 8; __k < (size); __k++) {		\
			__u8 *__b = (__u8 *)cosy_at(F->st.s, (segoff) + __k, 1);	\
			if (__b)						\
				*__b = 0;					\
		}								\
	} while (0)

/*
 * base + off as a pointer to n bytes inside a slice of `size` bytes, or
 * NULL: the bound checked on the register that makes the pointer.  _U as
 * for COSY_RGN_ATV (n a constant).
 */
#define COSY_RGN_SLICE(base, off, n, size)					\
	({									\
		__u64 __q = (__u64)(off);					\
		asm volatile("" : "+r"(__q));					\
		__q <= (size) - (n) ? (base) + __q : (__u8 *)0;			\
	})
#define COSY_RGN_SLICEV_P(base, segoff, off, n, size) COSY_RGN_SLICE(base, off, n, size)
#define COSY_RGN_SLICEV_U(base, segoff, off, n, size)				\
	({									\
		__u64 __q = (__u64)(off);					\
		asm volatile("" : "+r"(__q));					\
		__q <= (size) - (n) ?						\
			(__u8 *)cosy_at(F->st.s, (__u32)(segoff) + (__u32)__q, n) :	\
			(__u8 *)0;						\
	})

/*
 * What stat(2) gives user space, from what the stat kfuncs give: x86-64's
 * struct stat (the kernel's uapi layout, glibc's and musl's; cosy-cc
 * checks the program's), device numbers encoded as the kernel encodes them
 * for stat(2) (new_encode_dev), times split into seconds (floor) and
 * nanoseconds.  Padding and reserved words are zero, as the kernel leaves
 * them.
 */
static __always_inline __u64 cosy_rgn_udev(__u64 dev)
{
	__u64 major = dev >> 20, minor = dev & 0xfffff;

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffULL) << 12);
}

static __always_inline void cosy_rgn_ts(__u8 *p, __s64 ns)
{
	__s64 sec;

	if (ns >= 0)
		sec = (__s64)((__u64)ns / 1000000000ULL);
	else
		sec = -(__s64)((__u64)(-(ns + 1)) / 1000000000ULL) - 1;
	*(__s64 *)p = sec;
	*(__s64 *)(p + 8) = ns - sec * 1000000000LL;
}

static __always_inline void cosy_rgn_stat_out(__u8 *u, const struct cosy_stat *k)
{
	*(__u64 *)(u + 0) = cosy_rgn_udev(k->dev);
	*(__u64 *)(u + 8) = k->ino;
	*(__u64 *)(u + 16) = k->nlink;
	*(__u32 *)(u + 24) = k->mode;
	*(__u32 *)(u + 28) = k->uid;
	*(__u32 *)(u + 32) = k->gid;
	*(__u32 *)(u + 36) = 0;
	*(__u64 *)(u + 40) = cosy_rgn_udev(k->rdev);
	*(__s64 *)(u + 48) = (__s64)k->size;
	*(__s64 *)(u + 56) = k->blksize;
	*(__s64 *)(u + 64) = (__s64)k->blocks;
	cosy_rgn_ts(u + 72, k->atime_ns);
	cosy_rgn_ts(u + 88, k->mtime_ns);
	cosy_rgn_ts(u + 104, k->ctime_ns);
	*(__u64 *)(u + 120) = 0;
	*(__u64 *)(u + 128) = 0;
	*(__u64 *)(u + 136) = 0;
}

/*
 * A kfunc that changes memory in the segment (cosy_memcpy): nonzero
 * means the run stopped (a budget, a signal) or, never expected, that the
 * guard refused the extent the compound checked itself.
 */
#define COSY_RGN_KCALL(st, v, call, ln)						\
	do {									\
		if (call) {							\
			(v)->status = cosy_stopped((st)->s) ? COSY_RGN_STOP :	\
							     COSY_RGN_TRAP_SEG;	\
			(v)->line = (ln);					\
			return 1;						\
		}								\
	} while (0)

/*
 * [off, off + len) inside a buffer of `size` bytes: no sum that can wrap.
 * The test is of a value an "or 0" cut from what it was computed from.
 * 6.12's verifier links off = y + K to y and, when a test bounds off,
 * gives y off's bounds less K; with off's minimum K that subtraction
 * wraps y's unsigned range ("REG INVARIANTS VIOLATION"), and y, added to
 * a pointer later, made it a scalar ("invalid mem access 'scalar'").  An
 * op other than adding a constant clears the tested value's id, so the
 * test bounds it alone.  Only here: the offsets tested go to kfuncs, not
 * into pointers.  COSY_RGN_IDX's value does, and there 6.1 needs the id
 * (clang may spill the value before its test and reload it after).
 */
#define COSY_RGN_FITS(off, len, size)						\
	({									\
		__u64 __fo = (__u64)(off);					\
		asm("%0 |= 0" : "+r"(__fo));					\
		__fo <= (size) && (len) <= (size) - __fo;			\
	})

/*
 * printf() and co. (cosy-cc): the region's stdout buffer is a variable of
 * COSY_RGN_OUT_HEAD + cap bytes at segment offset `out`: the count of
 * bytes buffered (`lenp`, the variable's start), then the bytes.  The
 * runtime puts there what stdout's own buffer held when the region began;
 * the buffer, full, is written to `fd` (1) as glibc writes its own
 * (cosy_rgn_out()), and what is left when the region ends the runtime
 * puts back into stdout's own buffer.  fprintf(stderr, ...), perror()
 * and co. use a buffer of their own the same way, with `fd` 2, and write
 * it out at the end of each call (cosy_rgn_out_flush()), as stdio writes
 * an unbuffered stream.  A failed write drops its bytes, as stdio does
 * (printf() is rarely checked); a stop ends the region.
 *
 * A FILE the region opens for writing (fprintf(f, ...)) has a buffer of
 * its own the same way, with `fd` COSY_RGN_OUT_FILE: its fd is the word
 * two before the count (fopen() put it there), and the word after the
 * count is the stream's error flag, which a failed write sets, with
 * errno, as stdio's does.  The fd is read where it is written to, not
 * passed along: 6.1 sums the stack of every frame of a nest of loops,
 * and a value kept live across the copy and the write cost a loop's
 * frame 16 bytes.
 */
static __always_inline int cosy_rgn_out_write(struct cosy_rgn_state *f, struct cosy_rgn_st *v,
					      __u32 *lenp, int fd, __u32 off, __u32 len,
					      __u32 ln)
{
	/*
	 * A file takes it all or fails; a short write (a signal, the disk
	 * filling) is tried once more for the rest.  Not a loop: inlined at
	 * every printf(), a bounded loop is walked by 6.1's verifier once per
	 * iteration and path, and a region with a few printf()s in its loop
	 * went past the million instructions it walks.
	 */
	int file = fd == COSY_RGN_OUT_FILE;
	long r;

	if (file)
		fd = (int)lenp[-2];
	r = cosy_write(f->s, fd, off, len);
	if (r > 0 && r < len) {
		long r2 = cosy_write(f->s, fd, off + (__u32)r, len - (__u32)r);

		/* still short: the disk is full, as the next write would say */
		r = r2 < 0 ? r2 : r2 < len - r ? -ENOSPC : (long)len;
	}
	if (file && r < 0) {
		lenp[1] = 1;
		v->err = (int)-r;
	}
	if (cosy_stopped(f->s)) {
		v->status = COSY_RGN_STOP;
		v->line = ln;
		return 1;
	}
	return 0;
}

/* Room for `len` more bytes: the buffer's count, after writing it out if need be. */
static __always_inline int cosy_rgn_out_room(struct cosy_rgn_state *f, struct cosy_rgn_st *v,
					     __u32 *lenp, __u32 out, __u32 cap, int fd,
					     __u32 len, __u32 ln, __u32 *o)
{
	*o = *lenp;
	if (*o > cap)		/* the program's other threads may write it */
		*o = cap;
	if (len > cap - *o) {
		*lenp = 0;
		if (*o && cosy_rgn_out_write(f, v, lenp, fd, out + COSY_RGN_OUT_HEAD, *o, ln))
			return 1;
		*o = 0;
	}
	return 0;
}

/*
 * snprintf()'s sink (fd -1): where `len` more bytes go (*o), and how many
 * of them it keeps; every byte is counted, in the word after the count.
 */
static __always_inline __u32 cosy_rgn_sink(__u32 *lenp, __u32 cap, __u32 len, __u32 *o)
{
	*o = *lenp;
	if (*o > cap)		/* the program's other threads may write it */
		*o = cap;
	lenp[1] += len;
	return len > cap - *o ? cap - *o : len;
}

/* len bytes at segment offset dst: copied from src, or c (c >= 0) len times. */
static __always_inline long cosy_rgn_out_bytes(struct cosy_rgn_state *f, __u32 dst, __u32 src,
					       int c, __u32 len)
{
	return c < 0 ? cosy_memcpy(f->s, dst, src, len) : cosy_memset(f->s, dst, c, len);
}

/*
 * `len` bytes to the buffer, copied from segment offset `src` (c < 0) or
 * c itself, written out as glibc's _IO_new_file_xsputn() writes them, so
 * that a write(1, ...) of the region lands among them where it lands in
 * the plain build: the buffer is filled up and written whole, then as
 * many whole buffers' worth as there are straight from `src`, and the
 * rest is kept.  A full buffer stays until a byte more comes.  (The
 * runtime runs a region in the kernel only where stdout's buffer is as
 * large as cap.)  `small`: len is at most cap, a constant where it is,
 * so no whole buffer's worth is left after the first (c's always is).
 */
static __always_inline int cosy_rgn_out_put(struct cosy_rgn_state *f, struct cosy_rgn_st *v,
					    __u32 *lenp, __u32 out, __u32 cap, int fd, __u32 src,
					    int c, __u32 len, __u32 ln, int small)
{
	__u32 o, k;

	if (fd == COSY_RGN_OUT_SINK) {
		len = cosy_rgn_sink(lenp, cap, len, &o);
		if (len)
			COSY_RGN_KCALL(f, v, cosy_rgn_out_bytes(f, out + COSY_RGN_OUT_HEAD + o, src,
								c, len), ln);
		*lenp = o + len;
		return 0;
	}
	o = *lenp;
	if (o > cap)		/* the program's other threads may write it */
		o = cap;
	k = len < cap - o ? len : cap - o;
	if (k)
		COSY_RGN_KCALL(f, v, cosy_rgn_out_bytes(f, out + COSY_RGN_OUT_HEAD + o, src, c, k),
			       ln);
	o += k;
	if (len > k) {
		*lenp = 0;
		if (cosy_rgn_out_write(f, v, lenp, fd, out + COSY_RGN_OUT_HEAD, cap, ln))
			return 1;
		src += k;
		len -= k;
		k = small ? 0 : len - len % cap;
		if (k && cosy_rgn_out_write(f, v, lenp, fd, src, k, ln))
			return 1;
		o = len - k;
		if (o)
			COSY_RGN_KCALL(f, v, cosy_rgn_out_bytes(f, out + COSY_RGN_OUT_HEAD, src + k,
								c, o), ln);
	}
	*lenp = o;
	return 0;
}

/* `len` bytes at segment offset `src` to the buffer. */
static __always_inline int cosy_rgn_out(struct cosy_rgn_state *f, struct cosy_rgn_st *v,
					__u32 *lenp, __u32 out, __u32 cap, int fd, __u32 src,
					__u32 len, __u32 ln, int small)
{
	return cosy_rgn_out_put(f, v, lenp, out, cap, fd, src, -1, len, ln, small);
}

/* `n` (at most cap) bytes c to the buffer: the spaces of a %10s, perror()'s ": ". */
static __always_inline int cosy_rgn_out_fill(struct cosy_rgn_state *f, struct cosy_rgn_st *v,
					     __u32 *lenp, __u32 out, __u32 cap, int fd, int c,
					     __u32 n, __u32 ln)
{
	if (fd != COSY_RGN_OUT_SINK && (!n || n > cap))
		return 0;
	return cosy_rgn_out_put(f, v, lenp, out, cap, fd, 0, c & 0xff, n, ln, 1);
}

/*
 * The end of a call to stderr: what it buffered goes out, unless the
 * runtime set the quiet word after the count (COSY_MODE=check, where the
 * original prints it).  A FILE's (its error flag there instead):
 * fflush(), fclose(), and the region's end for one left open, as exit()
 * flushes it.
 */
static __always_inline int cosy_rgn_out_flush(struct cosy_rgn_state *f, struct cosy_rgn_st *v,
					      __u32 *lenp, __u32 out, __u32 cap, int fd, __u32 ln)
{
	__u32 o = *lenp;

	*lenp = 0;
	if (o > cap)
		o = cap;
	if (!o || (fd != COSY_RGN_OUT_FILE && lenp[1]))
		return 0;
	return cosy_rgn_out_write(f, v, lenp, fd, out + COSY_RGN_OUT_HEAD, o, ln);
}

/* A kfunc's return (value or -errno) as the C call returns it: -1 and errno. */
static __always_inline long cosy_rgn_ret(struct cosy_rgn_st *v, long r)
{
	if (r < 0) {
		v->err = -r;
		return -1;
	}
	return r;
}

/*
 * The fd table is a slice of the segment (memory a kfunc returned), and
 * the verifier lets a program index such memory with a variable only when
 * it may bypass its Spectre v1 hardening (CAP_PERFMON): a compound loaded
 * for /dev/cosy may not.  So every slot is named by a constant, in loops
 * unrolled, a compare per slot: as cheap as the indexed access was beside
 * the open or close it follows.  A step carries no slot number, only
 * whether the walk is done, so the verifier walks 64 steps, not their
 * combinations.  A closed fd leaves a hole (-1)
 * the next open fills; nfds counts slots in use or holes.  Functions of
 * their own, not inlined: a big region opens and closes at many places,
 * and a copy of the loops at each would take it past the 32767
 * instructions a BPF jump can span.  Called only in a region that opens,
 * where the table is never NULL: the pointer is not tested, because 6.1's
 * verifier refuses to compare a pointer it knows is valid when it applies
 * the unprivileged rules ("pointer comparison prohibited").
 */

/*
 * A program's open flags as open(2) takes them (COSY_RGN_OPEN_FLAGS): a
 * session handle (COSY_O_PRIVATE) is never what the program asked for.
 * See open_flags() in compiler/bpf.c.
 */
_Static_assert(!(COSY_RGN_OPEN_FLAGS & COSY_O_PRIVATE), "COSY_O_PRIVATE is not open(2)'s");
static __always_inline int cosy_rgn_oflags(int flags)
{
	return flags & COSY_RGN_OPEN_FLAGS;
}

/* Remember an fd the region opened: it must stay open after the region. */
static __noinline __attribute__((unused)) long
cosy_rgn_opened(struct cosy_rgn_state *st, struct cosy_rgn_st *v, long fd)
{
	int *t = st->fdt;
	__u32 n = v->nfds, k;
	int done = 0;

	if (fd < 0)
		return fd;
#pragma unroll
	for (k = 0; k < COSY_RGN_MAX_FDS; k++) {
		if (!done && (k == n || t[k] < 0)) {
			if (k == n)
				v->nfds = n + 1;
			t[k] = fd;
			done = 1;
		}
	}
	return fd;
}

/* Forget a closed fd (the guard forgets it even when close() fails). */
static __noinline __attribute__((unused)) void
cosy_rgn_closed(struct cosy_rgn_state *st, struct cosy_rgn_st *v, int fd)
{
	int *t = st->fdt;
	__u32 n = v->nfds, k;
	int done = 0;

	if (fd < 0)
		return;
#pragma unroll
	for (k = 0; k < COSY_RGN_MAX_FDS; k++) {
		if (!done && k < n && t[k] == fd) {
			t[k] = -1;
			done = 1;
		}
	}
}

/* Hand the fds still open to the program, as if it had opened them. */
static __noinline __attribute__((unused)) void
cosy_rgn_keep_all(struct cosy_rgn_state *st, struct cosy_rgn_st *v)
{
	int *t = st->fdt;
	__u32 k, n = v->nfds;

#pragma unroll
	for (k = 0; k < COSY_RGN_MAX_FDS; k++)
		if (k < n && t[k] >= 0)
			cosy_keep(st->s, t[k]);
}

/*
 * A run that ends before its body (not its segment, a slice refused): the
 * program's fds handed over to it (ones the region may close) go back to
 * the program untouched, as if the run had not begun.  cosy_keep() of
 * anything else, or of what the session does not own, fails harmlessly.
 */
static __noinline __attribute__((unused)) void
cosy_rgn_give_back(struct cosy_session *s, struct cosy_ctx *cx)
{
	__u32 own = cx->grant_own, n = cx->ngrant, k;

#pragma unroll
	for (k = 0; k < COSY_MAX_GRANT; k++)
		if (k < n && (own & (1u << k)))
			cosy_keep(s, cx->grant_fds[k]);
}

/* Open entries of the fd table (a region that opens). */
static __noinline __attribute__((unused)) int
cosy_rgn_nopen(struct cosy_rgn_state *st, struct cosy_rgn_st *v)
{
	int *t = st->fdt;
	__u32 k, n = v->nfds;
	int c = 0;

#pragma unroll
	for (k = 0; k < COSY_RGN_MAX_FDS; k++)
		if (k < n && t[k] >= 0)
			c++;
	return c;
}

/*
 * A loop asks the guard (one charged call) on its first iteration and on
 * every COSY_RGN_GUARD_EVERY-th after it: once a budget is spent or a
 * fatal signal is pending the region stops.  Every I/O kfunc is checked
 * by the guard anyway; a loop's plain iterations are not calls, so a
 * per-byte loop over a large buffer does not spend the call budget (one
 * call per 256 iterations).
 *
 * The guard also yields, before an iteration's step (not the first's):
 * when the module says the run had its slice or a signal waits
 * (cosy_check() is 1), and on the last iteration bpf_loop() allows
 * (`last`).  The region then stops with COSY_RGN_YIELD and the loop's id
 * in v->resume; its variables and fd table stay in the segment, the
 * runtime runs it again, and the body and callbacks jump back to that
 * loop (cosy-cc's resume labels).  So a loop runs as long as the C one
 * would, the caller's signals are handled within a guard's 256
 * iterations, and a long region never holds the CPU.  Not when more fds
 * are open than the runtime can hand back (v->keep): the region goes on,
 * and a loop out of iterations stops it.  A byte scan (loop 0) never
 * yields, in the middle of an expression: it is bounded by its buffer,
 * and when the module says a yield is due it marks the frame (st->due),
 * so that the loop around it asks again and yields at its next
 * iteration, not up to 256 long scans later.
 */
#define COSY_RGN_GUARD_EVERY	256
#define COSY_RGN_LAST		(COSY_MAX_LOOPS - 1)			/* a pass each */
#define COSY_RGN_LAST_CHUNK	((COSY_MAX_LOOPS - 1) * COSY_RGN_CHUNK)	/* chunked */
static __always_inline int cosy_rgn_guard(struct cosy_rgn_state *st, struct cosy_rgn_st *v,
					  __u32 i, __u32 last, __u32 line, __u32 loop, int opens)
{
	int r;

	if (i % COSY_RGN_GUARD_EVERY && i != last && !(loop && st->due))
		return 0;
	r = cosy_check(st->s);
	if (r < 0) {
		v->status = COSY_RGN_STOP;
		v->line = line;
		return 1;
	}
	/* a byte scan (loop 0), in the middle of an expression: its loop yields */
	if (!loop) {
		if (r)
			st->due = 1;
		return 0;
	}
	if (!r)
		st->due = 0;
	/* not on a loop's first iteration, where no step is due (the resumed run makes one) */
	if ((!r && i != last) || !i)
		return 0;
	if (opens && cosy_rgn_nopen(st, v) > (int)v->keep)
		return 0;
	st->due = 0;
	v->status = COSY_RGN_YIELD;
	v->resume = loop;
	v->line = line;
	return 1;
}

/* After a bpf_loop(): stop on a trap, or when the loop ran out of iterations. */
static __always_inline int cosy_rgn_looped(struct cosy_rgn_st *v, __u32 line)
{
	if (v->status)
		return 1;
	if (!v->lexit) {
		v->status = COSY_RGN_TRAP_LOOPS;
		v->line = line;
		return 1;
	}
	v->lexit = 0;
	return 0;
}

/*
 * Integer division.  BPF before cpu v4 has no signed division, so signed
 * operands divide as magnitudes; C truncates toward zero and the remainder
 * takes the dividend's sign.  Division by zero and MIN / -1 trap (SIGFPE on
 * x86-64, where the original would run).
 */
static __always_inline __s64 cosy_rgn_sdiv(__s64 a, __s64 b)
{
	/*
	 * Without a branch: a sign is a mask (0 or all ones), x ^ s - s
	 * negates x where s is set.  A loop may then keep a variable divided
	 * by a constant in a register (cosy-cc's in_registers()): a branch on
	 * its sign would give the verifier two paths per division to walk.
	 * The empty asm keeps clang from making the dividend's negations
	 * selects, which BPF can only branch for; a constant divisor stays a
	 * constant.
	 */
	__u64 sa = (__u64)(a >> 63), sb = (__u64)(b >> 63), s, q;

	asm("" : "+r"(sa));
	s = sa ^ sb;
	q = (((__u64)a ^ sa) - sa) / (((__u64)b ^ sb) - sb);
	return (__s64)((q ^ s) - s);
}

static __always_inline __s64 cosy_rgn_smod(__s64 a, __s64 b)
{
	__u64 sa = (__u64)(a >> 63), sb = (__u64)(b >> 63), m;

	asm("" : "+r"(sa));
	m = (((__u64)a ^ sa) - sa) % (((__u64)b ^ sb) - sb);
	return (__s64)((m ^ sa) - sa);
}

#define COSY_RGN_DIV_CHECK(st, T, a, b, tmin, ln)				\
	do {									\
		if ((b) == 0 || ((tmin) != 0 && (b) == (T)-1 && (a) == (tmin)))	\
			COSY_RGN_TRAP(st, COSY_RGN_TRAP_DIV, ln);		\
	} while (0)

#define COSY_RGN_SDIV(st, T, tmin, x, y, ln)					\
	({ T __a = (x), __b = (y); COSY_RGN_DIV_CHECK(st, T, __a, __b, tmin, ln); \
	   (T)cosy_rgn_sdiv(__a, __b); })
#define COSY_RGN_SMOD(st, T, tmin, x, y, ln)					\
	({ T __a = (x), __b = (y); COSY_RGN_DIV_CHECK(st, T, __a, __b, tmin, ln); \
	   (T)cosy_rgn_smod(__a, __b); })
#define COSY_RGN_UDIV(st, T, x, y, ln)						\
	({ T __a = (x), __b = (y); COSY_RGN_DIV_CHECK(st, T, __a, __b, 0, ln); (T)(__a / __b); })
#define COSY_RGN_UMOD(st, T, x, y, ln)						\
	({ T __a = (x), __b = (y); COSY_RGN_DIV_CHECK(st, T, __a, __b, 0, ln); (T)(__a % __b); })

#endif /* COSY_REGION_BPF_H */
