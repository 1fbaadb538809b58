// SPDX-License-Identifier: GPL-2.0
/*
 * kfuncs beyond read and write: stat, directory listing, in-kernel copy,
 * unlink, fsync and ftruncate, and inspecting data where it lies (grep,
 * memcpy inside the segment).
 * Same discipline as cosy_io.c: guard in, range and fd checks, guard out.
 */
#include <linux/types.h>
#include <linux/dirent.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/audit.h>
#include <linux/dcache.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/security.h>
#include <linux/sched.h>
#include <linux/splice.h>
#include <linux/stat.h>
#include <linux/string.h>

#include "cosy_internal.h"
#include "cosy_compat.h"
#include "cosy_work.h"

static void cosy_fill_stat(struct cosy_stat *out, const struct kstat *k)
{
	*out = (struct cosy_stat){
		.dev = k->dev,
		.ino = k->ino,
		.mode = k->mode,
		.nlink = k->nlink,
		.uid = from_kuid_munged(current_user_ns(), k->uid),
		.gid = from_kgid_munged(current_user_ns(), k->gid),
		.rdev = k->rdev,
		.size = k->size,
		.blocks = k->blocks,
		.blksize = k->blksize,
		.atime_ns = timespec64_to_ns(&k->atime),
		.mtime_ns = timespec64_to_ns(&k->mtime),
		.ctime_ns = timespec64_to_ns(&k->ctime),
	};
}

/* The record at st_off must fit the segment, 8-aligned. */
static int cosy_stat_slot(struct cosy_session *s, u32 st_off, struct cosy_stat **out)
{
	if (st_off % 8 || !cosy_range_ok(s->data_size, st_off, sizeof(**out)))
		return -EFAULT;
	*out = (struct cosy_stat *)(s->data + st_off);
	return 0;
}

static int cosy_getattr(const struct path *p, struct cosy_stat *out)
{
	struct kstat k;
	int err = vfs_getattr(p, &k, STATX_BASIC_STATS, AT_STATX_SYNC_AS_STAT);

	if (!err)
		cosy_fill_stat(out, &k);
	return err;
}

/*
 * fstatat() of one name in a directory (what ls -l does per entry), looked
 * up in the dcache directly: a full path walk allocates and zeroes a
 * PATH_MAX name buffer, the bulk of a stat's cost under emulation.  Returns
 * false (and the slow path runs) for anything but a plain child: a name
 * with a slash, "." or "..", a mount point, a symlink to follow; and while
 * a syscall audit context is live, which a path walk feeds the name
 * (audit_inode() is not exported); and with the module parameter
 * fast_lookup off.  `dir` is a directory: cosy_dirfd() refused anything
 * else.
 */
static bool cosy_fstatat_child(const struct path *dir, const char *name, unsigned int lookup,
			       struct cosy_stat *out, int *err)
{
	size_t len = strlen(name);
	struct dentry *d;
	struct path p;
	bool done = false;

	if (!READ_ONCE(cosy_fast_lookup) || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..") || !audit_dummy_context())
		return false;
	d = cosy_lookup_child(dir->mnt, name, len, dir->dentry);
	if (IS_ERR(d)) {
		*err = PTR_ERR(d);	/* e.g. -ENOENT, -EACCES on the directory */
		return true;
	}
	if (!d_mountpoint(d) && (!(lookup & LOOKUP_FOLLOW) || !d_is_symlink(d))) {
		p.mnt = dir->mnt;
		p.dentry = d;
		*err = cosy_getattr(&p, out);
		done = true;
	}
	dput(d);
	return done;
}

/* unlinkat(2) with no flags: the name, not what a symlink points to. */
static int cosy_do_unlink(struct cosy_session *s, const struct path *dir, const char *path)
{
	struct inode *victim = NULL;
	struct dentry *child;
	const char *last;
	bool slashes;
	struct path pp;
	size_t len;
	int err;

	err = cosy_lookup_parent(dir, path, &pp, &last, &len, &slashes);
	if (err == -EXDEV)
		return cosy_at_escape(s);	/* not above dir: see cosy_dirfd() */
	if (err)
		return err;
	err = cosy_wait_unfrozen(s, pp.mnt->mnt_sb);
	if (!err)
		err = mnt_want_write(pp.mnt);	/* -EROFS on a read-only mount */
	if (err)
		goto out_path;
	child = cosy_start_removing(pp.mnt, pp.dentry, last, len);
	if (IS_ERR(child)) {
		err = PTR_ERR(child);
		goto out_write;
	}
	if (d_is_negative(child)) {
		err = -ENOENT;
	} else if (slashes) {
		err = d_is_dir(child) ? -EISDIR : -ENOTDIR;
	} else {
		/* The last reference goes after the directory lock, as do_unlinkat() does. */
		victim = d_inode(child);
		ihold(victim);
		err = security_path_unlink(&pp, child);
		if (!err)
			err = cosy_vfs_unlink(pp.mnt, d_inode(pp.dentry), child);
	}
	cosy_end_removing(pp.dentry, child);
	if (victim)
		iput(victim);
out_write:
	mnt_drop_write(pp.mnt);
out_path:
	path_put(&pp);
	return err;
}

__diag_push();
__diag_ignore_all("-Wmissing-prototypes", "kfuncs are global for BTF, called only from BPF");

noinline int cosy_unlinkat(struct cosy_session *s, int dirfd, u32 path_off)
{
	struct cosy_path path;
	struct path dir;
	const char *name;
	u64 t0 = 0;
	int err;

	err = cosy_guard_enter(s, 0, &t0);
	if (err)
		goto out;
	err = cosy_path_get(s, path_off, &path);
	if (err)
		goto out;
	name = path.name;
	err = cosy_dirfd(s, dirfd, &name, &dir);
	if (!err) {
		err = cosy_do_unlink(s, &dir, name);
		if (dir.dentry)
			path_put(&dir);
	}
	if (!err)
		cosy_effect(s, -1);
	cosy_path_put(&path);
out:
	return cosy_guard_exit(s, COSY_OP_UNLINK, t0, err);
}

noinline int cosy_fsync(struct cosy_session *s, int fd, int datasync)
{
	struct file *f;
	u64 t0 = 0;
	int err;

	err = cosy_guard_enter(s, 0, &t0);
	if (!err) {
		f = cosy_fd_open_file(s, fd);
		/* What fsync(2) does: a file without ->fsync (a pipe) is -EINVAL. */
		err = f ? vfs_fsync(f, !!datasync) : -EBADF;
	}
	return cosy_guard_exit(s, COSY_OP_FSYNC, t0, err);
}

/*
 * ftruncate(2)'s checks on the fd, then truncate(2)'s path: do_truncate()
 * and security_file_truncate() are not exported, and vfs_truncate() is the
 * one exported truncate that calls the LSM hooks.  So the file's write
 * permission is checked again (a file opened for writing whose mode no
 * longer allows it gives -EACCES), and a truncate that does not change the
 * size leaves the times alone.
 */
noinline int cosy_ftruncate(struct cosy_session *s, int fd, s64 length)
{
	struct inode *inode;
	struct file *f;
	u64 t0 = 0;
	int err;

	err = cosy_guard_enter(s, 0, &t0);
	if (err)
		goto out;
	/* in ftruncate(2)'s order: the length before the fd */
	if (length < 0) {
		err = -EINVAL;
		goto out;
	}
	f = cosy_fd_open_file(s, fd);
	if (!f) {
		err = -EBADF;
		goto out;
	}
	inode = file_inode(f);
	if (!S_ISREG(inode->i_mode) || !(f->f_mode & FMODE_WRITE)) {
		err = -EINVAL;
		goto out;
	}
	if (IS_APPEND(inode)) {
		err = -EPERM;
		goto out;
	}
	/* A lease holder is told, not waited for (up to lease-break-time). */
	err = break_lease(inode, O_WRONLY | O_NONBLOCK);
	if (!err)
		err = cosy_wait_unfrozen(s, inode->i_sb);
	if (!err)
		err = vfs_truncate(&f->f_path, length);
	if (!err)
		cosy_effect(s, -1);
out:
	return cosy_guard_exit(s, COSY_OP_FTRUNCATE, t0, err);
}

noinline int cosy_fstat(struct cosy_session *s, int fd, u32 st_off)
{
	struct cosy_stat *out;
	struct file *f;
	u64 t0 = 0;
	int err;

	err = cosy_guard_enter(s, 0, &t0);
	if (!err)
		err = cosy_stat_slot(s, st_off, &out);
	if (!err) {
		f = cosy_fd_file(s, fd);
		err = f ? cosy_getattr(&f->f_path, out) : -EBADF;
	}
	return cosy_guard_exit(s, COSY_OP_FSTAT, t0, err);
}

noinline int cosy_fstatat(struct cosy_session *s, int dirfd, u32 path_off, u32 st_off,
			  int flags)
{
	unsigned int lookup = LOOKUP_FOLLOW;
	struct cosy_stat *out;
	struct path dir, p;
	struct cosy_path name;
	const char *path;
	u64 t0 = 0;
	int err;

	err = cosy_guard_enter(s, 0, &t0);
	if (err)
		goto out;
	if (flags & ~COSY_AT_SYMLINK_NOFOLLOW) {
		err = -EINVAL;
		goto out;
	}
	if (flags & COSY_AT_SYMLINK_NOFOLLOW)
		lookup = 0;
	err = cosy_stat_slot(s, st_off, &out);
	if (err)
		goto out;
	err = cosy_path_get(s, path_off, &name);
	if (err)
		goto out;
	path = name.name;
	err = cosy_dirfd(s, dirfd, &path, &dir);
	if (err)
		goto done;
	if (dir.dentry && cosy_fstatat_child(&dir, path, lookup, out, &err))
		goto put;
	err = cosy_at_lookup(&dir, path, lookup, &p);
	if (err == -EXDEV)
		err = cosy_at_escape(s);	/* not above dir: see cosy_dirfd() */
	if (!err) {
		err = cosy_getattr(&p, out);
		path_put(&p);
	}
put:
	if (dir.dentry)
		path_put(&dir);
done:
	cosy_path_put(&name);
out:
	return cosy_guard_exit(s, COSY_OP_FSTATAT, t0, err);
}

noinline long cosy_getdents(struct cosy_session *s, int fd, u32 off, u32 len)
{
	struct cosy_dents d = { .ctx.actor = cosy_filldir };
	struct file *f;
	int locked;
	u64 t0 = 0;
	long err;

	err = cosy_guard_enter(s, len, &t0);
	if (err)
		goto out;
	if (off % 8 || !cosy_range_ok(s->data_size, off, len)) {
		err = -EFAULT;
		goto out;
	}
	f = cosy_fd_open_file(s, fd);
	if (!f) {
		err = -EBADF;
		goto out;
	}
	d.buf = s->data + off;
	d.size = len;
	/* ->iterate_shared() must never run twice at once on one file. */
	locked = cosy_pos_lock(s, f);
	if (locked < 0) {
		err = locked;
		goto out;
	}
	err = cosy_dents_fill(f, &d);
	cosy_pos_unlock(f, locked);
	if (err >= 0) {
		cosy_moved(s, err, 0);
		cosy_effect(s, fd);
	}
out:
	return cosy_guard_exit(s, COSY_OP_GETDENTS, t0, err);
}

/*
 * copy_file_range(2) between regular files only: splicing into a pipe or
 * socket could wait on its reader.  Across filesystems 6.1 says -EXDEV and
 * we splice, as cp(1) would, with the freeze protection sendfile(2) takes.
 */
noinline long cosy_copy(struct cosy_session *s, int in_fd, int out_fd, u32 len)
{
	struct file *in, *out;
	loff_t pin, pout;
	int lk[2];
	u64 t0 = 0;
	long ret;

	if (len > COSY_COPY_MAX)
		len = COSY_COPY_MAX;
	ret = cosy_guard_enter(s, len, &t0);
	if (ret)
		goto out;
	in = cosy_fd_file(s, in_fd);
	out = cosy_fd_file(s, out_fd);
	if (!in || !out || !(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE)) {
		ret = -EBADF;
		goto out;
	}
	if (!S_ISREG(file_inode(in)->i_mode) || !S_ISREG(file_inode(out)->i_mode)) {
		ret = -EINVAL;
		goto out;
	}
	if ((READ_ONCE(in->f_flags) | READ_ONCE(out->f_flags)) & O_DIRECT) {
		ret = -EOPNOTSUPP;
		goto out;
	}
	ret = cosy_pos_lock2(s, in, out, lk);
	if (ret)
		goto out;
	pin = in->f_pos;
	pout = out->f_pos;
	/*
	 * vfs_copy_file_range() takes freeze protection itself and would wait
	 * for a thaw unbounded: wait for it here first, within the budget.
	 */
	ret = cosy_write_start(s, out);
	if (ret)
		goto unlock;
	file_end_write(out);
	ret = vfs_copy_file_range(in, pin, out, pout, len, 0);
	if (ret == -EXDEV || ret == -EOPNOTSUPP) {
		ret = cosy_write_start(s, out);
		if (ret)
			goto unlock;
		ret = do_splice_direct(in, &pin, out, &pout, len, 0);
		file_end_write(out);
	} else if (ret > 0) {
		pin += ret;
		pout += ret;
	}
	if (ret > 0) {
		in->f_pos = pin;
		out->f_pos = pout;
		cosy_moved(s, ret, ret);
		cosy_effect(s, -1);
	}
unlock:
	cosy_pos_unlock2(in, out, lk);
out:
	return cosy_guard_exit(s, COSY_OP_COPY, t0, ret);
}

/* The guard's tick for the searches of cosy_work.h: `arg` is the session. */
static int cosy_scan_tick(void *arg)
{
	return cosy_guard_tick(arg);
}

noinline int cosy_grep(struct cosy_session *s, u32 off, u32 len, u32 req_off)
{
	struct cosy_grep_req r, *rp;
	char *pat = NULL;
	u64 t0 = 0;
	int err;

	err = cosy_guard_enter(s, 0, &t0);
	if (err)
		goto out;
	err = -EFAULT;
	if (!cosy_range_ok(s->data_size, off, len) || req_off % 8 ||
	    !cosy_range_ok(s->data_size, req_off, sizeof(r)))
		goto out;
	rp = (struct cosy_grep_req *)(s->data + req_off);
	r = *rp;	/* one read: the application may rewrite the segment */
	if (r.pat_len > COSY_GREP_PAT_MAX || !cosy_range_ok(s->data_size, r.pat_off, r.pat_len))
		goto out;
	err = -EINVAL;
	/* Without EOF, a buffer must be longer than the pattern to make progress. */
	if (!r.eof && len <= r.pat_len)
		goto out;
	/*
	 * Read only the pattern's own bytes: with pat_len 0, pat_off may be
	 * the segment's end, and one byte more is past it.
	 */
	if (r.pat_len) {
		err = -ENOMEM;
		pat = kmemdup(s->data + r.pat_off, r.pat_len, GFP_KERNEL);
		if (!pat)
			goto out;
		err = -EINVAL;
		if (memchr(pat, '\n', r.pat_len))	/* a line cannot contain one */
			goto out;
	}
	err = cosy_grep_scan(s->data + off, len, pat, r.pat_len, &r, cosy_scan_tick, s);
	if (!err)
		*rp = r;
out:
	kfree(pat);
	return cosy_guard_exit(s, COSY_OP_GREP, t0, err);
}

/*
 * memchr() and memmem() on the segment, for compounds that search what
 * they read (cosy-cc lowers the <string.h> calls to these).  Both return
 * the index from off of what they found, or len when it is absent (never
 * a valid index), so "not found" is no error for the guard to record.
 * The application may rewrite the segment meanwhile: the bytes are read
 * as they are, and every index stays within [off, off + len).
 */
noinline s64 cosy_memchr(struct cosy_session *s, u32 off, u32 len, int c)
{
	const char *p, *q;
	u64 t0 = 0;
	s64 ret = cosy_guard_enter(s, 0, &t0);

	if (!ret && !cosy_range_ok(s->data_size, off, len))
		ret = -EFAULT;
	if (!ret) {
		p = s->data + off;
		q = cosy_scan(p, c, len);
		ret = q ? q - p : len;
	}
	return cosy_guard_exit(s, COSY_OP_MEMCHR, t0, ret);
}

/*
 * The pattern is searched for where it lies, in the segment: a concurrent
 * rewrite of it (or of the text) can only change which index is found,
 * never where the search reads, since cosy_find() takes every address
 * from [off, off + len) and [pat_off, pat_off + pat_len) as checked here,
 * whatever bytes it finds there.  No copy, no allocation: under TCG the
 * copy to the stack was half of a short search.  An empty pattern is
 * found at index 0, as memmem(3) finds it.
 */
noinline s64 cosy_memmem(struct cosy_session *s, u32 off, u32 len, u32 pat_off, u32 pat_len)
{
	const char *p, *q;
	u64 t0 = 0;
	int err = cosy_guard_enter(s, 0, &t0);
	s64 ret = err;

	if (err)
		goto out;
	ret = -EFAULT;
	if (!cosy_range_ok(s->data_size, off, len) ||
	    !cosy_range_ok(s->data_size, pat_off, pat_len))
		goto out;
	ret = 0;
	if (!pat_len)
		goto out;
	ret = len;
	if (pat_len > len)
		goto out;
	p = s->data + off;
	q = cosy_find(p, len, s->data + pat_off, pat_len, cosy_scan_tick, s, &err);
	ret = err ? err : q ? q - p : len;
out:
	return cosy_guard_exit(s, COSY_OP_MEMMEM, t0, ret);
}

noinline int cosy_memcpy(struct cosy_session *s, u32 dst_off, u32 src_off, u32 len)
{
	u64 t0 = 0;
	int err = cosy_guard_enter(s, 0, &t0);

	if (!err && (!cosy_range_ok(s->data_size, dst_off, len) ||
		     !cosy_range_ok(s->data_size, src_off, len)))
		err = -EFAULT;
	if (!err)
		memmove(s->data + dst_off, s->data + src_off, len);
	return cosy_guard_exit(s, COSY_OP_MEMCPY, t0, err);
}

/*
 * memccpy(3) within the segment: copy from src_off to dst_off up to and
 * with the first byte c, at most len bytes.  The value is how many bytes
 * were copied when c was among them (1..len), or 0 when it was not and
 * all len were, as memccpy(3)'s is dst past c or NULL: fgets() takes a
 * line in one call.  The application may rewrite the segment meanwhile:
 * c is looked for once, in the source as it is then, and that many bytes
 * are copied, within the two slices checked whole here.  Overlapping
 * slices copy as memmove() does (memccpy(3) leaves them undefined).
 */
noinline s64 cosy_memccpy(struct cosy_session *s, u32 dst_off, u32 src_off, int c, u32 len)
{
	const char *src, *q;
	u64 t0 = 0;
	s64 ret = cosy_guard_enter(s, 0, &t0);
	u32 n;

	if (!ret && (!cosy_range_ok(s->data_size, dst_off, len) ||
		     !cosy_range_ok(s->data_size, src_off, len)))
		ret = -EFAULT;
	if (!ret && len) {
		src = s->data + src_off;
		q = cosy_scan(src, c, len);
		n = q ? (u32)(q - src) + 1 : len;
		memmove(s->data + dst_off, src, n);
		ret = q ? n : 0;
	}
	return cosy_guard_exit(s, COSY_OP_MEMCCPY, t0, ret);
}

/* At most COSY_SEG_MAX bytes: no longer than a cosy_memcpy(). */
noinline int cosy_memset(struct cosy_session *s, u32 off, int c, u32 len)
{
	u64 t0 = 0;
	int err = cosy_guard_enter(s, 0, &t0);

	if (!err && !cosy_range_ok(s->data_size, off, len))
		err = -EFAULT;
	if (!err)
		memset(s->data + off, (u8)c, len);
	return cosy_guard_exit(s, COSY_OP_MEMSET, t0, err);
}

__diag_pop();
