// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * grep-c: pread the file a chunk at a time into the segment and let
 * cosy_grep() count matching lines where the bytes lie: the file's bytes
 * never cross to user space.  Re-reading from `consumed` keeps lines that
 * straddle chunks whole.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include "grep_c.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

COSY_COMPOUND(GREP_SEG_SIZE);

struct grep_loop {
	struct cosy_session *s;
	long fd;
	__u64 buf, chunk, req;
	__s64 pos;
	long err;
	__u64 op;
	__u64 done;
};

static long grep_chunk(__u32 i, void *ctx)
{
	struct grep_loop *l = ctx;
	struct cosy_grep_req *req;
	long r;
	int err;

	r = cosy_pread(l->s, l->fd, l->buf, l->chunk, l->pos);
	if (r < 0) {
		cosy_loop_set(l->err, r);
		cosy_loop_set(l->op, COSY_OP_PREAD);
		return 1;
	}
	req = (struct cosy_grep_req *)cosy_data(l->s, l->req, sizeof(*req));
	if (!req) {
		cosy_loop_set(l->err, cosy_errno(l->s));	/* -EFAULT, or the run stopped */
		cosy_loop_set(l->op, COSY_OP_DATA);
		return 1;
	}
	req->eof = r < l->chunk;
	err = cosy_grep(l->s, l->buf, r, l->req);
	if (err) {
		cosy_loop_set(l->err, err);
		cosy_loop_set(l->op, COSY_OP_GREP);
		return 1;
	}
	l->pos += req->consumed;
	l->done = req->eof != 0;
	return l->done;
}

SEC("syscall")
int grep_c(struct grep_c_args *a)
{
	struct grep_loop l = { .buf = a->buf_off, .chunk = a->chunk, .req = a->req_off };
	struct cosy_grep_req *req;
	struct cosy_session *s;

	s = cosy_begin(a);
	if (!s)
		return cosy_begin_error(a);
	l.s = s;
	req = (struct cosy_grep_req *)cosy_data(s, l.req, sizeof(*req));
	if (!req) {
		l.err = cosy_errno(s);
		l.op = COSY_OP_DATA;
		goto end;
	}
	req->matches = 0;
	req->line_matched = 0;
	l.fd = cosy_open(s, a->path_off, O_RDONLY, 0);
	if (l.fd < 0) {
		l.err = l.fd;
		l.op = COSY_OP_OPEN;
		goto end;
	}
	bpf_loop(COSY_MAX_LOOPS, grep_chunk, &l, 0);
	if (!l.err && !l.done) {
		l.err = -EFBIG;
		l.op = COSY_OP_PREAD;
	}
	cosy_close(s, l.fd);
	req = (struct cosy_grep_req *)cosy_data(s, l.req, sizeof(*req));
	if (req) {
		a->matches = req->matches;
	}
end:
	cosy_end(s, a);
	a->fail_op = l.err ? l.op : COSY_OP_NONE;
	return l.err;
}
