// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * du: walk a tree depth-first with an explicit stack in the segment (one
 * directory fd and one getdents buffer per level), lstat every entry
 * relative to its directory and add up st_blocks: the whole walk in one
 * crossing, where du(1) makes a getdents, an fstatat and an openat per
 * directory and an fstatat per file.
 *
 * One step of the walk per bpf_loop() iteration: refill the current
 * level's buffer, or take one entry from it (descend into a directory),
 * or close an exhausted level and climb.
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include "du.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

COSY_COMPOUND(DU_SEG_SIZE);
COSY_SLOT(root, COSY_PATH_MAX);		/* at 0, before DU_STAT_OFF */

/* linux_dirent64: d_ino 8, d_off 8, d_reclen 2, d_type 1, then the name. */
#define DIRENT_NAME	19
#define S_IFMT		0170000
#define S_IFDIR		0040000

/*
 * The level in hand and the too-deep flag live in the segment
 * (DU_WALK_OFF), not here.  A counter on the stack that each step moves
 * by one is a new constant to the verifier at every iteration, so no state
 * prunes and du_step() costs it 48 walks; a flag set to a constant doubles
 * the states the newer verifiers (7.x) walk for the callback: either way
 * "BPF program is too large".  Read back from the segment the level is
 * any value, checked against DU_MAX_DEPTH at each step, as it must be
 * anyway: the caller's other threads can write there.
 */
struct du_walk {
	struct cosy_session *s;
	__u64 blocks, entries, dirs, errors, deepest;
	long err;
	__u64 op;
	__u64 done;
};

static struct du_frame *frame(struct du_walk *w, __u64 depth)
{
	return (struct du_frame *)cosy_at(w->s, DU_FRAMES_OFF + depth * sizeof(struct du_frame),
					    sizeof(struct du_frame));
}

/*
 * A file with more than one link counts once: the (dev, ino) table in the
 * segment, open addressing, DU_PROBES slots from the hash.  A bpf_loop()
 * of its own: as a bounded loop inside du_step() the verifier walks every
 * probe with every path of the step ("BPF program is too large").
 */
struct du_probe {
	struct cosy_session *s;
	__u64 dev, ino, h;
	long found;		/* 1 seen, 0 new (recorded), -E2BIG crowded, -EFAULT */
};

static long du_probe_one(__u32 i, void *ctx)
{
	struct du_probe *p = ctx;
	struct du_ino *slot;

	slot = (struct du_ino *)cosy_at(p->s, DU_INO_OFF + ((p->h + i) % DU_INO_SLOTS) *
					  sizeof(struct du_ino), sizeof(struct du_ino));
	if (!slot) {
		p->found = -EFAULT;
		return 1;
	}
	if (slot->ino == p->ino && slot->dev == p->dev) {
		p->found = 1;
		return 1;
	}
	if (!slot->ino && !slot->dev) {
		slot->dev = p->dev;
		slot->ino = p->ino;
		p->found = 0;
		return 1;
	}
	return 0;
}

static long seen_before(struct du_walk *w, __u64 dev, __u64 ino)
{
	struct du_probe p = {
		.s = w->s, .dev = dev, .ino = ino,
		.h = (ino * 0x9e3779b97f4a7c15ull) ^ dev,
		.found = -E2BIG,
	};

	bpf_loop(DU_PROBES, du_probe_one, &p, 0);
	return p.found;
}

static long du_fail(struct du_walk *w, long err, __u64 op)
{
	cosy_loop_set(w->err, err);
	cosy_loop_set(w->op, op);
	return 1;
}

static long du_step(__u32 i, void *ctx)
{
	struct du_walk *w = ctx;
	struct du_walk_state *ws;
	struct du_frame *f, *child;
	struct cosy_stat *st;
	__u32 buf, name, reclen;
	__u64 depth;
	__u8 *de;
	long r;

	ws = (struct du_walk_state *)cosy_at(w->s, DU_WALK_OFF, sizeof(*ws));
	if (!ws)
		return du_fail(w, -EFAULT, COSY_OP_DATA);
	depth = ws->depth;
	if (depth >= DU_MAX_DEPTH) {
		ws->too_deep = 1;
		return du_fail(w, -ELOOP, COSY_OP_OPENAT);
	}
	f = frame(w, depth);
	if (!f)
		return du_fail(w, -EFAULT, COSY_OP_DATA);
	buf = DU_BUFS_OFF + depth * DU_BUF_LEN;
	if (f->pos >= f->used) {
		r = cosy_getdents(w->s, f->fd, buf, DU_BUF_LEN);
		if (r < 0) {
			/* a run stop ends the walk; an unreadable directory is an error to count */
			if (cosy_stopped(w->s))
				return du_fail(w, r, COSY_OP_GETDENTS);
			w->errors++;
			r = 0;
		}
		if (r > 0) {
			f->pos = 0;
			f->used = r;
			return 0;
		}
		cosy_close(w->s, f->fd);
		if (!depth) {
			w->done = 1;
			return 1;
		}
		ws->depth = depth - 1;
		return 0;
	}
	de = (__u8 *)cosy_at(w->s, buf + f->pos, DIRENT_NAME + 3);
	if (!de)
		return du_fail(w, -EFAULT, COSY_OP_DATA);
	reclen = de[16] | (de[17] << 8);
	name = buf + f->pos + DIRENT_NAME;
	if (reclen <= DIRENT_NAME) {
		/* not from the kernel: someone wrote into the buffer; drop the rest */
		f->pos = f->used;
		return 0;
	}
	f->pos += reclen;
	if (de[19] == '.' && (de[20] == 0 || (de[20] == '.' && de[21] == 0)))
		return 0;
	r = cosy_fstatat(w->s, f->fd, name, DU_STAT_OFF, COSY_AT_SYMLINK_NOFOLLOW);
	if (r < 0) {
		if (cosy_stopped(w->s))
			return du_fail(w, r, COSY_OP_FSTATAT);
		w->errors++;
		return 0;
	}
	st = (struct cosy_stat *)cosy_at(w->s, DU_STAT_OFF, sizeof(*st));
	if (!st)
		return du_fail(w, -EFAULT, COSY_OP_DATA);
	w->entries++;
	if ((st->mode & S_IFMT) == S_IFDIR) {
		w->dirs++;
		w->blocks += st->blocks;
		if (depth + 1 >= DU_MAX_DEPTH) {
			ws->too_deep = 1;
			return du_fail(w, -ELOOP, COSY_OP_OPENAT);
		}
		/* O_NOFOLLOW: a directory swapped for a symlink since the lstat is not followed */
		r = cosy_openat(w->s, f->fd, name,
				O_RDONLY | O_DIRECTORY | O_NOFOLLOW | COSY_O_PRIVATE, 0);
		if (r < 0) {
			if (cosy_stopped(w->s))
				return du_fail(w, r, COSY_OP_OPENAT);
			w->errors++;
			return 0;
		}
		child = frame(w, depth + 1);
		if (!child) {
			cosy_close(w->s, r);
			return du_fail(w, -EFAULT, COSY_OP_DATA);
		}
		child->fd = r;
		child->pos = 0;
		child->used = 0;
		ws->depth = depth + 1;
		if (depth + 1 > w->deepest)
			w->deepest = depth + 1;
		return 0;
	}
	if (st->nlink > 1) {
		r = seen_before(w, st->dev, st->ino);
		if (r < 0)	/* a crowded table is no call's failure */
			return du_fail(w, r, r == -E2BIG ? COSY_OP_NONE : COSY_OP_DATA);
		if (r)
			return 0;
	}
	w->blocks += st->blocks;
	return 0;
}

SEC("syscall")
int du(struct du_args *a)
{
	struct du_walk w = {};
	struct cosy_stat *st;
	struct du_frame *f;
	struct du_walk_state *ws = NULL;
	struct cosy_session *s;
	__u32 too_deep;
	long fd, r;

	s = cosy_begin(a);
	if (!s)
		return cosy_begin_error(a);
	w.s = s;
	/* a symlink as the root is the link to du (no -H/-L): not followed here */
	fd = cosy_openat(s, COSY_AT_FDCWD, a->root_off,
			 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | COSY_O_PRIVATE, 0);
	if (fd < 0) {
		du_fail(&w, fd, COSY_OP_OPENAT);
		goto end;
	}
	/* the root counts too */
	r = cosy_fstat(s, fd, DU_STAT_OFF);
	if (r < 0) {
		du_fail(&w, r, COSY_OP_FSTAT);
		goto end;
	}
	st = (struct cosy_stat *)cosy_at(s, DU_STAT_OFF, sizeof(*st));
	f = frame(&w, 0);
	ws = (struct du_walk_state *)cosy_at(s, DU_WALK_OFF, sizeof(*ws));
	if (!st || !f || !ws) {
		du_fail(&w, -EFAULT, COSY_OP_DATA);
		goto end;
	}
	w.blocks = st->blocks;
	w.entries = 1;
	w.dirs = 1;
	f->fd = fd;
	f->pos = 0;
	f->used = 0;
	ws->depth = 0;
	ws->too_deep = 0;
	bpf_loop(COSY_MAX_LOOPS, du_step, &w, 0);
	if (!w.done && !w.err)
		du_fail(&w, -E2BIG, COSY_OP_NONE);	/* more steps than bpf_loop() gives */
end:
	/* the flag from the segment while the session holds it */
	too_deep = w.err == -ELOOP && ws && ws->too_deep;
	/* levels a failed walk left open are the session's: cosy_end() closes them */
	cosy_end(s, a);
	a->blocks = w.blocks;
	a->entries = w.entries;
	a->dirs = w.dirs;
	a->errors = w.errors;
	a->depth = w.deepest;
	a->too_deep = too_deep;
	a->fail_op = w.err ? w.op : COSY_OP_NONE;
	return w.err;
}
