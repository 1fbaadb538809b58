// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * pack: tar -c of regular files in one crossing.  For each name: open,
 * fstat, build the ustar header in the segment (fields as octal digits,
 * the checksum summed eight bytes at a time), write it, copy exactly
 * st_size bytes (a file that shrinks under us fails the run rather than
 * leave a header that lies), pad to 512, close.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include "pack.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

COSY_COMPOUND(PACK_SEG_SIZE);

#define S_IFMT		0170000
#define S_IFREG		0100000

struct pack_loop {
	struct cosy_session *s;
	__u32 table, work, stat, buf, buf_len;
	long out, fd;
	__u64 remaining;	/* of the file in hand */
	__u64 written, done;
	__u64 torn;		/* the file in hand's header write began */
	long err;
	__u64 op;
};

static long pack_fail(struct pack_loop *l, long err, __u64 op)
{
	cosy_loop_set(l->err, err);
	cosy_loop_set(l->op, op);
	return 1;
}

/* `digits` octal digits of v, then a NUL: a ustar number field. */
static __always_inline void put_octal(__u8 *h, __u32 off, __u32 digits, __u64 v)
{
	int k;

#pragma clang loop unroll(full)
	for (k = digits - 1; k >= 0; k--) {
		h[off + k] = '0' + (v & 7);
		v >>= 3;
	}
	h[off + digits] = 0;
}

/*
 * The sum of the header's 512 bytes, eight at a time.  Not unrolled:
 * clang would load all 64 words first and spill past the 512-byte stack;
 * as a loop without branches it costs the verifier 64 short walks.
 */
static __always_inline __u64 header_sum(__u64 *w)
{
	__u64 sum = 0, x;
	int k;

#pragma clang loop unroll(disable)
	for (k = 0; k < PACK_BLOCK / 8; k++) {
		x = w[k];
		x = (x & 0x00ff00ff00ff00ffull) + ((x >> 8) & 0x00ff00ff00ff00ffull);
		x = (x & 0x0000ffff0000ffffull) + ((x >> 16) & 0x0000ffff0000ffffull);
		sum += (x & 0xffffffffull) + (x >> 32);
	}
	return sum;
}

/* Zero 512 bytes. */
static __always_inline void zero_block(__u64 *w)
{
	int k;

#pragma clang loop unroll(disable)
	for (k = 0; k < PACK_BLOCK / 8; k++)
		w[k] = 0;
}

/* Copy the file in hand: one read and its write per iteration. */
static long pack_chunk(__u32 i, void *ctx)
{
	struct pack_loop *l = ctx;
	__u32 n = l->remaining < l->buf_len ? l->remaining : l->buf_len;
	long r, w;

	if (!l->remaining)
		return 1;
	r = cosy_read(l->s, l->fd, l->buf, n);
	if (r < 0)
		return pack_fail(l, r, COSY_OP_READ);
	if (r == 0)	/* shorter than its header says: it shrank meanwhile */
		return pack_fail(l, -EIO, COSY_OP_READ);
	w = cosy_write(l->s, l->out, l->buf, r);
	if (w != r)
		return pack_fail(l, w < 0 ? w : -EIO, COSY_OP_WRITE);
	l->remaining -= r;
	l->written += r;
	return 0;
}

/* Write len (< 512 or 1024) zero bytes from the zero block. */
static long pack_zeros(struct pack_loop *l, __u32 len)
{
	long w;

	if (!len)
		return 0;
	w = cosy_write(l->s, l->out, l->work + PACK_BLOCK, len);
	if (w != len)
		return pack_fail(l, w < 0 ? w : -EIO, COSY_OP_WRITE);
	l->written += len;
	return 0;
}

static long pack_header(struct pack_loop *l, __u32 name_off)
{
	struct cosy_stat *st;
	__u64 size, sum;
	__u8 *h;
	long r, n;

	r = cosy_fstat(l->s, l->fd, l->stat);
	if (r < 0)
		return pack_fail(l, r, COSY_OP_FSTAT);
	st = (struct cosy_stat *)cosy_at(l->s, l->stat, sizeof(*st));
	h = (__u8 *)cosy_at(l->s, l->work, PACK_BLOCK);
	if (!st || !h)
		return pack_fail(l, -EFAULT, COSY_OP_DATA);
	/* regular files only; what ustar's fields can hold */
	if ((st->mode & S_IFMT) != S_IFREG)
		return pack_fail(l, -EINVAL, COSY_OP_FSTAT);
	size = st->size;
	if (size >> 33 || st->uid >> 21 || st->gid >> 21 || st->mtime_ns < 0)
		return pack_fail(l, -EOVERFLOW, COSY_OP_FSTAT);
	n = cosy_memchr(l->s, name_off, PACK_NAME_MAX + 1, 0);
	if (n < 0)
		return pack_fail(l, n, COSY_OP_MEMCHR);
	if (n > PACK_NAME_MAX || n == 0)
		return pack_fail(l, n ? -ENAMETOOLONG : -ENOENT, COSY_OP_MEMCHR);
	zero_block((__u64 *)h);
	put_octal(h, 100, 7, st->mode & 07777);
	put_octal(h, 108, 7, st->uid);
	put_octal(h, 116, 7, st->gid);
	put_octal(h, 124, 11, size);
	put_octal(h, 136, 11, (__u64)st->mtime_ns / 1000000000ull);
	h[156] = '0';			/* typeflag: regular file */
	h[257] = 'u';			/* magic "ustar\0", version "00" */
	h[258] = 's';
	h[259] = 't';
	h[260] = 'a';
	h[261] = 'r';
	h[263] = '0';
	h[264] = '0';
	/* the checksum is summed with its own field as spaces */
	*(__u64 *)(h + 148) = 0x2020202020202020ull;
	r = cosy_memcpy(l->s, l->work, name_off, n);
	if (r < 0)
		return pack_fail(l, r, COSY_OP_MEMCPY);
	h = (__u8 *)cosy_at(l->s, l->work, PACK_BLOCK);
	if (!h)
		return pack_fail(l, -EFAULT, COSY_OP_DATA);
	sum = header_sum((__u64 *)h);
	put_octal(h, 148, 6, sum);
	h[155] = ' ';
	l->torn = 1;
	r = cosy_write(l->s, l->out, l->work, PACK_BLOCK);
	if (r != PACK_BLOCK)
		return pack_fail(l, r < 0 ? r : -EIO, COSY_OP_WRITE);
	l->written += PACK_BLOCK;
	l->remaining = size;
	return 0;
}

static long pack_file(__u32 i, void *ctx)
{
	struct pack_loop *l = ctx;
	__u64 size, before = l->written;
	__u32 *name;

	l->torn = 0;
	name = (__u32 *)cosy_at(l->s, l->table + i * 4, 4);
	if (!name)
		return pack_fail(l, -EFAULT, COSY_OP_DATA);
	l->fd = cosy_open(l->s, *name, O_RDONLY | COSY_O_PRIVATE, 0);
	if (l->fd < 0)
		return pack_fail(l, l->fd, COSY_OP_OPEN);
	if (pack_header(l, *name))
		goto close;
	size = l->remaining;
	bpf_loop(COSY_MAX_LOOPS, pack_chunk, l, 0);
	if (!l->err && l->remaining)
		pack_fail(l, -E2BIG, COSY_OP_READ);	/* more chunks than bpf_loop() gives */
	if (!l->err)
		pack_zeros(l, (PACK_BLOCK - size % PACK_BLOCK) % PACK_BLOCK);
close:
	cosy_close(l->s, l->fd);
	if (l->err) {
		/* `written` counts whole files: the caller cuts the archive back to it */
		l->written = before;
		return 1;
	}
	l->done++;
	return 0;
}

SEC("syscall")
int pack(struct pack_args *a)
{
	struct pack_loop l = {
		.table = a->table_off,
		.work = a->work_off,
		.stat = a->stat_off,
		.buf = a->buf_off,
		.buf_len = a->buf_len,
		.out = a->out_fd,
	};
	struct cosy_session *s;
	__u8 *z;

	s = cosy_begin(a);
	if (!s)
		return cosy_begin_error(a);
	l.s = s;
	z = (__u8 *)cosy_at(s, l.work + PACK_BLOCK, PACK_BLOCK);
	if (!z) {
		pack_fail(&l, -EFAULT, COSY_OP_DATA);
		goto end;
	}
	zero_block((__u64 *)z);
	bpf_loop(a->nfiles, pack_file, &l, 0);
	if (!l.err && a->finish && !pack_zeros(&l, PACK_BLOCK))
		pack_zeros(&l, PACK_BLOCK);
end:
	cosy_end(s, a);
	a->done = l.done;
	a->written = l.written;
	a->fail_op = l.err ? l.op : COSY_OP_NONE;
	a->torn = l.err ? l.torn : 0;
	return l.err;
}
