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
/* Where a skeleton puts the paths and the buffer (cosy-load gen skeleton). */
COSY_SLOT(src, COSY_PATH_MAX);
COSY_SLOT(dst, COSY_PATH_MAX);
COSY_SLOT(buf, CP_SEG_SIZE - 2 * COSY_PATH_MAX);	/* page-aligned: at 8192 */

/* bpf_loop() state; the session pointer rides along (verifier-tracked). */
struct cp_loop {
	struct cosy_session *s;
	long ifd, ofd;
	__u64 buf, chunk;
	__s64 copied;
	long err;
	__u64 op;
	__u64 done;
};

static long cp_chunk(__u32 i, void *ctx)
{
	struct cp_loop *l = ctx;
	long r = cosy_rw_chunk(l->s, l->ifd, l->ofd, l->buf, l->chunk, &l->copied, &l->op);

	if (r < 0) {
		cosy_loop_set(l->err, r);
		return 1;
	}
	l->done = r < l->chunk;
	return l->done;
}

/*
 * Open the input, create the output, run `step` until it says done, close
 * both: the shape of cp and cp_copy.  Inlined, so that each entry passes
 * bpf_loop() its own callback as a constant.
 */
static __always_inline int cp_run(struct cp_args *a, long (*step)(__u32, void *), __u32 loop_op)
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
	if (l.chunk == 0 && loop_op != COSY_OP_COPY) {	/* cp_copy has no chunk */
		l.err = -EINVAL;
		l.op = loop_op;
		goto end;
	}
	bpf_loop(COSY_MAX_LOOPS, step, &l, 0);
	if (!l.err && !l.done) {
		l.err = -EFBIG;		/* more than COSY_MAX_LOOPS steps */
		l.op = loop_op;
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

SEC("syscall")
int cp(struct cp_args *a)
{
	return cp_run(a, cp_chunk, COSY_OP_READ);
}

/* cp_copy: the same copy with cosy_copy(): the bytes never enter the segment. */
static long cp_copy_chunk(__u32 i, void *ctx)
{
	struct cp_loop *l = ctx;
	long r = cosy_copy(l->s, l->ifd, l->ofd, COSY_COPY_MAX);

	if (r < 0) {
		cosy_loop_set(l->err, r);
		cosy_loop_set(l->op, COSY_OP_COPY);
		return 1;
	}
	l->copied += r;
	l->done = r == 0;
	return l->done;
}

SEC("syscall")
int cp_copy(struct cp_args *a)
{
	return cp_run(a, cp_copy_chunk, COSY_OP_COPY);
}
