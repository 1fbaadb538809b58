// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * ls-l: getdents64 the directory into the segment, then lstat each entry
 * relative to the directory fd straight into its output record: one
 * crossing for the whole listing instead of one per entry.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include "ls_l.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

COSY_COMPOUND(LS_SEG_SIZE);

/* linux_dirent64: d_ino 8, d_off 8, d_reclen 2, d_type 1, then the name. */
#define DIRENT_NAME	19

struct ls_loop {
	struct cosy_session *s;
	long dfd;
	__u64 buf, buf_len, out, max;
	__u64 pos, used;	/* walk of the current getdents buffer */
	__u64 n;
	long err;
	__u64 op;
	__u64 done, truncated;
	__u64 resume;		/* position after the last entry taken */
};

static long ls_entry(__u32 i, void *ctx)
{
	struct ls_loop *l = ctx;
	struct ls_rec *rec;
	__u8 *de;
	__u32 reclen, name, namelen, r;
	__u8 type;

	if (l->pos >= l->used)
		return 1;
	de = (__u8 *)cosy_data(l->s, l->buf + l->pos, DIRENT_NAME + 3);
	if (!de) {
		cosy_loop_set(l->err, cosy_errno(l->s));	/* -EFAULT, or the run stopped */
		cosy_loop_set(l->op, COSY_OP_DATA);
		return 1;
	}
	reclen = de[16] | (de[17] << 8);
	type = de[18];
	name = l->buf + l->pos + DIRENT_NAME;
	l->pos += reclen;
	if (reclen <= DIRENT_NAME)
		return 1;
	if (l->n >= l->max) {
		/* no room: the next run starts at this entry */
		l->truncated = true;
		return 1;
	}
	/* d_off: where the entry after this one starts */
	l->resume = *(__u64 *)(de + 8);
	/* skip "." and ".." */
	if (de[19] == '.' && (de[20] == 0 || (de[20] == '.' && de[21] == 0)))
		return 0;
	r = l->out + l->n * sizeof(struct ls_rec);
	namelen = reclen - DIRENT_NAME;
	if (namelen > LS_NAME_MAX)
		namelen = LS_NAME_MAX;
	cosy_memcpy(l->s, r + __builtin_offsetof(struct ls_rec, name), name, namelen);
	rec = (struct ls_rec *)cosy_data(l->s, r, sizeof(*rec));
	if (!rec) {
		cosy_loop_set(l->err, cosy_errno(l->s));
		cosy_loop_set(l->op, COSY_OP_DATA);
		return 1;
	}
	rec->name[LS_NAME_MAX - 1] = 0;
	rec->type = type;
	rec->err = cosy_fstatat(l->s, l->dfd, name, r, COSY_AT_SYMLINK_NOFOLLOW);
	l->n++;
	return 0;
}

static long ls_batch(__u32 i, void *ctx)
{
	struct ls_loop *l = ctx;
	long r;

	r = cosy_getdents(l->s, l->dfd, l->buf, l->buf_len);
	if (r < 0) {
		cosy_loop_set(l->err, r);
		cosy_loop_set(l->op, COSY_OP_GETDENTS);
		return 1;
	}
	if (r == 0) {
		l->done = true;
		return 1;
	}
	l->pos = 0;
	l->used = r;
	/* At least 24 bytes per record: buf_len / 24 iterations cover it. */
	bpf_loop(l->buf_len / 24 + 1, ls_entry, l, 0);
	/* Not "return l->err || l->truncated": a callback must return 0 or 1
	 * provably ("At callback return the register R0 has value (0x0; 0xff)"). */
	if (l->err || l->truncated)
		return 1;
	return 0;
}

SEC("syscall")
int ls_l(struct ls_l_args *a)
{
	struct ls_loop l = {
		.buf = a->buf_off,
		.buf_len = a->buf_len,
		.out = a->out_off,
		.max = a->max_entries,
		.resume = a->start,
	};
	struct cosy_session *s;

	s = cosy_begin(a);
	if (!s)
		return cosy_begin_error(a);
	l.s = s;
	l.dfd = cosy_open(s, a->dir_off, O_RDONLY | O_DIRECTORY, 0);
	if (l.dfd < 0) {
		l.err = l.dfd;
		l.op = COSY_OP_OPEN;
		goto end;
	}
	if (a->start) {
		s64 pos = cosy_lseek(s, l.dfd, a->start, SEEK_SET);

		if (pos < 0) {
			l.err = pos;
			l.op = COSY_OP_LSEEK;
		}
	}
	if (!l.err)
		bpf_loop(COSY_MAX_LOOPS, ls_batch, &l, 0);
	cosy_close(s, l.dfd);
end:
	cosy_end(s, a);
	a->nentries = l.n;
	a->truncated = l.truncated;
	a->next = l.resume;
	a->fail_op = l.err ? l.op : COSY_OP_NONE;
	return l.err;
}
