// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cp, the HotOS'03 example as a compound: open the input, create the output,
 * read/write `chunk` bytes at a time through the shared segment until a short
 * read, close both.  One crossing for the whole copy; the data never leaves
 * the kernel.  Returns 0 or -errno; args->fail_op names the step that failed.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include "cp.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

COSY_COMPOUND(CP_SEG_SIZE);

/* bpf_loop() state; the session pointer rides along (verifier-tracked). */
struct cp_loop {
	struct cosy_session *s;
	int ifd, ofd;
	__u32 buf, chunk;
	__s64 copied;
	int err;
	__u32 op;
	bool done;
};

static long cp_chunk(__u32 i, void *ctx)
{
	struct cp_loop *l = ctx;
	long r, w;

	r = cosy_read(l->s, l->ifd, l->buf, l->chunk);
	if (r < 0) {
		l->err = r;
		l->op = COSY_OP_READ;
		return 1;
	}
	if (r > 0) {
		w = cosy_write(l->s, l->ofd, l->buf, r);
		if (w != r) {
			l->err = w < 0 ? w : -EIO;	/* short write: the disk is full */
			l->op = COSY_OP_WRITE;
			return 1;
		}
		l->copied += w;
	}
	l->done = r < l->chunk;
	return l->done;
}

SEC("syscall")
int cp(struct cp_args *a)
{
	struct cp_loop l = {
		.buf = a->buf_off,
		.chunk = a->chunk,
	};
	struct cosy_session *s;
	int err;

	a->copied = 0;
	s = cosy_begin(a);
	if (!s) {
		a->fail_op = COSY_OP_BEGIN;
		return cosy_begin_error(a);
	}
	l.s = s;
	l.ifd = cosy_open(s, a->src_off, O_RDONLY, 0);
	if (l.ifd < 0) {
		l.err = l.ifd;
		l.op = COSY_OP_OPEN;
		goto end;
	}
	l.ofd = cosy_open(s, a->dst_off, O_WRONLY | O_CREAT | O_TRUNC, a->mode);
	if (l.ofd < 0) {
		l.err = l.ofd;
		l.op = COSY_OP_OPEN;
		goto end;	/* the guard closes ifd */
	}
	if (l.chunk == 0) {
		l.err = -EINVAL;
		l.op = COSY_OP_READ;
		goto end;
	}
	bpf_loop(COSY_MAX_LOOPS, cp_chunk, &l, 0);
	if (!l.err && !l.done) {
		l.err = -EFBIG;		/* more than COSY_MAX_LOOPS chunks */
		l.op = COSY_OP_READ;
	}
	cosy_close(s, l.ifd);
	/* A failed close of the output can mean lost data: report it. */
	err = cosy_close(s, l.ofd);
	if (err && !l.err) {
		l.err = err;
		l.op = COSY_OP_CLOSE;
	}
end:
	cosy_trace("cp: %lld bytes copied, err %d, failed step %u", l.copied, l.err,
		   l.err ? l.op : 0);
	cosy_end(s, a);
	a->copied = l.copied;
	a->fail_op = l.err ? l.op : COSY_OP_NONE;
	return l.err;
}

/* cp_copy: the same copy with cosy_copy(): the bytes never enter the segment. */
static long cp_copy_chunk(__u32 i, void *ctx)
{
	struct cp_loop *l = ctx;
	long r = cosy_copy(l->s, l->ifd, l->ofd, COSY_COPY_MAX);

	if (r < 0) {
		l->err = r;
		l->op = COSY_OP_COPY;
		return 1;
	}
	l->copied += r;
	l->done = r == 0;
	return l->done;
}

SEC("syscall")
int cp_copy(struct cp_args *a)
{
	struct cp_loop l = {};
	struct cosy_session *s;
	int err;

	a->copied = 0;
	s = cosy_begin(a);
	if (!s) {
		a->fail_op = COSY_OP_BEGIN;
		return cosy_begin_error(a);
	}
	l.s = s;
	l.ifd = cosy_open(s, a->src_off, O_RDONLY, 0);
	if (l.ifd < 0) {
		l.err = l.ifd;
		l.op = COSY_OP_OPEN;
		goto end;
	}
	l.ofd = cosy_open(s, a->dst_off, O_WRONLY | O_CREAT | O_TRUNC, a->mode);
	if (l.ofd < 0) {
		l.err = l.ofd;
		l.op = COSY_OP_OPEN;
		goto end;
	}
	bpf_loop(COSY_MAX_LOOPS, cp_copy_chunk, &l, 0);
	if (!l.err && !l.done) {
		l.err = -EFBIG;
		l.op = COSY_OP_COPY;
	}
	cosy_close(s, l.ifd);
	err = cosy_close(s, l.ofd);
	if (err && !l.err) {
		l.err = err;
		l.op = COSY_OP_CLOSE;
	}
end:
	cosy_end(s, a);
	a->copied = l.copied;
	a->fail_op = l.err ? l.op : COSY_OP_NONE;
	return l.err;
}
