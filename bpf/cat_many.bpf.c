// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cat-many: for each path in a table in the segment, open it, read/write it
 * through the segment into one output, close it.  Hand-written: the nested
 * loop over a table of offsets is clearer here than in generated code.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include "cat_many.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

COSY_COMPOUND(CAT_SEG_SIZE);

struct cat_loop {
	struct cosy_session *s;
	long ofd, ifd;
	__u64 table, buf, chunk, nfiles;
	long oflags;
	__s64 copied;
	long err;
	__u64 op;
	long failed;
	__u64 eof;
};

static long cat_chunk(__u32 i, void *ctx)
{
	struct cat_loop *l = ctx;
	long r = cosy_rw_chunk(l->s, l->ifd, l->ofd, l->buf, l->chunk, &l->copied, &l->op);

	if (r < 0) {
		cosy_loop_set(l->err, r);
		return 1;
	}
	l->eof = r < l->chunk;
	return l->eof;
}

static long cat_file(__u32 i, void *ctx)
{
	struct cat_loop *l = ctx;
	__u32 *path_off;

	/* The i-th entry of the path table, read in place. */
	path_off = (__u32 *)cosy_data(l->s, l->table + i * 4, 4);
	if (!path_off) {
		cosy_loop_set(l->err, cosy_errno(l->s));	/* -EFAULT, or the run stopped */
		cosy_loop_set(l->op, COSY_OP_DATA);
		goto fail;
	}
	l->ifd = cosy_open(l->s, *path_off, O_RDONLY | l->oflags, 0);
	if (l->ifd < 0) {
		cosy_loop_set(l->err, l->ifd);
		cosy_loop_set(l->op, COSY_OP_OPEN);
		goto fail;
	}
	l->eof = false;
	bpf_loop(COSY_MAX_LOOPS, cat_chunk, l, 0);
	cosy_close(l->s, l->ifd);
	if (!l->err && !l->eof) {
		cosy_loop_set(l->err, -EFBIG);
		cosy_loop_set(l->op, COSY_OP_READ);
	}
	if (l->err)
		goto fail;
	return 0;
fail:
	l->failed = i;
	return 1;
}

SEC("syscall")
int cat_many(struct cat_many_args *a)
{
	struct cat_loop l = {
		.table = a->table_off,
		.buf = a->buf_off,
		.chunk = a->chunk,
		.oflags = a->open_flags & COSY_O_PRIVATE,
		.failed = -1,
	};
	struct cosy_session *s;
	int err;

	s = cosy_begin(a);
	if (!s)
		return cosy_begin_error(a);
	l.s = s;
	if (!l.chunk) {
		l.err = -EINVAL;
		goto end;
	}
	l.ofd = cosy_open(s, a->dst_off, O_WRONLY | O_CREAT | O_TRUNC | l.oflags, 0644);
	if (l.ofd < 0) {
		l.err = l.ofd;
		l.op = COSY_OP_OPEN;
		goto end;
	}
	bpf_loop(a->nfiles, cat_file, &l, 0);
	err = cosy_close(s, l.ofd);
	if (err && !l.err) {
		l.err = err;
		l.op = COSY_OP_CLOSE;
	}
end:
	cosy_end(s, a);
	a->copied = l.copied;
	a->failed_file = l.failed;
	a->fail_op = l.err ? l.op : COSY_OP_NONE;
	return l.err;
}
