// SPDX-License-Identifier: GPL-2.0
/*
 * The I/O kfuncs.  Each one enters the guard (budgets, stop state), checks
 * its segment range and fd, does the work as the syscall would in the
 * caller's task (its fd table, its credentials), and leaves the guard, which
 * records the first failure.
 */
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "cosy_internal.h"

/* Resolve an fd the session may use; NULL (-EBADF) for anything else. */
struct file *cosy_fd_file(struct cosy_session *s, int fd)
{
	struct cosy_fdent *e = cosy_fd_find(s, fd);

	return e ? e->file : NULL;
}

/*
 * The path at segment offset `off`, copied: the application can rewrite the
 * segment while we run, and the path we check must be the path we use.
 * The copy is kmalloc'ed to the path's length, not a PATH_MAX names_cache
 * buffer: with init_on_alloc, zeroing 4 KiB per open/stat cost more than
 * the lookup itself under emulation (the VFS makes its own getname copy).
 * Returns the copy (kfree() it) or an ERR_PTR.
 */
char *cosy_path_get(struct cosy_session *s, u32 off)
{
	u64 i, lim;
	char *path;
	long len;

	if (off >= s->data_size)
		return ERR_PTR(-EFAULT);
	lim = min_t(u64, s->data_size - off, COSY_PATH_MAX);
	for (i = 0; i < lim && READ_ONCE(s->data[off + i]); i++)
		;
	/* The rules of cosy_path_len(), applied to this one scan. */
	if (i == lim)
		return ERR_PTR(cosy_path_unterminated(s->data_size - off));
	if (i == 0)
		return ERR_PTR(-ENOENT);
	path = kmalloc(i + 1, GFP_KERNEL);
	if (!path)
		return ERR_PTR(-ENOMEM);
	/* Read each byte once more; a concurrent change cannot unterminate it. */
	for (len = 0; len < (long)i; len++)
		path[len] = READ_ONCE(s->data[off + len]);
	path[i] = 0;
	return path;
}

/* The directory a *at() call starts from; NULL for the caller's cwd. */
int cosy_dirfd(struct cosy_session *s, int dirfd, const char *path, struct file **dir)
{
	*dir = NULL;
	if (dirfd == COSY_AT_FDCWD || path[0] == '/')
		return 0;
	*dir = cosy_fd_file(s, dirfd);
	return *dir ? 0 : -EBADF;
}

static int cosy_do_open(struct cosy_session *s, enum cosy_op op, int dirfd, u32 path_off,
			int flags, int mode)
{
	struct file *f, *dir;
	char *path;
	u64 t0 = 0;
	int fd, err;

	err = cosy_guard_enter(s, 0, &t0);
	if (err)
		goto out;
	path = cosy_path_get(s, path_off);
	if (IS_ERR(path)) {
		err = PTR_ERR(path);
		goto out;
	}
	/*
	 * O_DIRECT would hand the segment's vmalloc pages to the block layer.
	 * Its own errno: filesystems without direct I/O say EINVAL themselves.
	 */
	if (flags & O_DIRECT) {
		err = -EOPNOTSUPP;
		goto out_name;
	}
	if (flags & ~VALID_OPEN_FLAGS) {
		err = -EINVAL;
		goto out_name;
	}
	if (s->nowned >= COSY_MAX_FDS) {
		err = -EMFILE;
		goto out_name;
	}
	err = cosy_dirfd(s, dirfd, path, &dir);
	if (err)
		goto out_name;
	/* Relative to a directory fd, as openat(2); absolute paths ignore it. */
	if (dir)
		f = file_open_root(&dir->f_path, path, flags | O_LARGEFILE, mode & S_IALLUGO);
	else
		f = filp_open(path, flags | O_LARGEFILE, mode & S_IALLUGO);
	if (IS_ERR(f)) {
		err = PTR_ERR(f);
		goto out_name;
	}
	fd = get_unused_fd_flags(flags);
	if (fd < 0) {
		fput(f);
		err = fd;
		goto out_name;
	}
	/* One reference for the fd table, one the session holds. */
	get_file(f);
	fd_install(fd, f);
	err = cosy_fd_add(s, fd, f, COSY_FD_OWNED);	/* cannot fail: room checked */
	if (!err) {
		s->st.fds_opened++;
		err = fd;
	}
out_name:
	kfree(path);
out:
	return cosy_guard_exit(s, op, t0, err);
}

__diag_push();
__diag_ignore_all("-Wmissing-prototypes", "kfuncs are global for BTF, called only from BPF");

noinline int cosy_open(struct cosy_session *s, u32 path_off, int flags, int mode)
{
	return cosy_do_open(s, COSY_OP_OPEN, COSY_AT_FDCWD, path_off, flags, mode);
}

noinline int cosy_openat(struct cosy_session *s, int dirfd, u32 path_off, int flags, int mode)
{
	return cosy_do_open(s, COSY_OP_OPENAT, dirfd, path_off, flags, mode);
}

noinline int cosy_close(struct cosy_session *s, int fd)
{
	struct cosy_fdent *e;
	u64 t0 = 0;
	int err;

	err = cosy_guard_enter(s, 0, &t0);
	if (err)
		goto out;
	e = cosy_fd_find(s, fd);
	/* Granted fds belong to the caller; a second close finds nothing. */
	if (!e || e->kind != COSY_FD_OWNED) {
		err = -EBADF;
		goto out;
	}
	err = cosy_fd_still_ours(e) ? close_fd(fd) : -EBADF;
	cosy_fd_forget(s, e);
out:
	return cosy_guard_exit(s, COSY_OP_CLOSE, t0, err);
}

noinline int cosy_keep(struct cosy_session *s, int fd)
{
	struct cosy_fdent *e;
	u64 t0 = 0;
	int err;

	err = cosy_guard_enter(s, 0, &t0);
	if (err)
		goto out;
	e = cosy_fd_find(s, fd);
	if (!e || e->kind != COSY_FD_OWNED) {
		err = -EBADF;
		goto out;
	}
	cosy_fd_forget(s, e);	/* the fd stays open, now the caller's */
out:
	return cosy_guard_exit(s, COSY_OP_KEEP, t0, err);
}

/*
 * read/write/pread/pwrite share one path.  `ppos` NULL means "use and
 * advance the file position", as read(2) does.
 */
static long cosy_rw(struct cosy_session *s, enum cosy_op op, int fd, u32 off,
		    u32 len, loff_t *ppos)
{
	bool wr = op == COSY_OP_WRITE || op == COSY_OP_PWRITE;
	struct file *f;
	loff_t pos;
	u64 t0 = 0;
	long ret;

	ret = cosy_guard_enter(s, len, &t0);
	if (ret)
		goto out;
	if (!cosy_range_ok(s->data_size, off, len)) {
		ret = -EFAULT;
		goto out;
	}
	f = cosy_fd_file(s, fd);
	/*
	 * What vfs_read()/vfs_write() check before the I/O; kernel_read() and
	 * kernel_write() WARN on a file not open for the direction instead.
	 */
	if (!f || !(f->f_mode & (wr ? FMODE_WRITE : FMODE_READ))) {
		ret = -EBADF;
		goto out;
	}
	if (S_ISDIR(file_inode(f)->i_mode)) {
		ret = -EISDIR;
		goto out;
	}
	if (!(f->f_mode & (wr ? FMODE_CAN_WRITE : FMODE_CAN_READ))) {
		ret = -EINVAL;
		goto out;
	}
	if (ppos) {
		if (*ppos < 0) {
			ret = -EINVAL;
			goto out;
		}
		if (!(f->f_mode & (wr ? FMODE_PWRITE : FMODE_PREAD))) {
			ret = -ESPIPE;
			goto out;
		}
		pos = *ppos;
	} else {
		pos = f->f_pos;
	}
	cond_resched();
	if (wr)
		ret = kernel_write(f, s->data + off, len, &pos);
	else
		ret = kernel_read(f, s->data + off, len, &pos);
	if (ret > 0) {
		if (!ppos && !(f->f_mode & FMODE_STREAM))
			f->f_pos = pos;
		if (wr)
			s->st.bytes_written += ret;
		else
			s->st.bytes_read += ret;
	}
out:
	return cosy_guard_exit(s, op, t0, ret);
}

noinline long cosy_read(struct cosy_session *s, int fd, u32 off, u32 len)
{
	return cosy_rw(s, COSY_OP_READ, fd, off, len, NULL);
}

noinline long cosy_write(struct cosy_session *s, int fd, u32 off, u32 len)
{
	return cosy_rw(s, COSY_OP_WRITE, fd, off, len, NULL);
}

noinline long cosy_pread(struct cosy_session *s, int fd, u32 off, u32 len, s64 pos)
{
	loff_t p = pos;

	return cosy_rw(s, COSY_OP_PREAD, fd, off, len, &p);
}

noinline long cosy_pwrite(struct cosy_session *s, int fd, u32 off, u32 len, s64 pos)
{
	loff_t p = pos;

	return cosy_rw(s, COSY_OP_PWRITE, fd, off, len, &p);
}

noinline s64 cosy_lseek(struct cosy_session *s, int fd, s64 off, int whence)
{
	struct file *f;
	u64 t0 = 0;
	s64 ret;

	ret = cosy_guard_enter(s, 0, &t0);
	if (ret)
		goto out;
	f = cosy_fd_file(s, fd);
	if (!f)
		ret = -EBADF;
	else if (whence < 0 || whence > SEEK_MAX)
		ret = -EINVAL;
	else
		ret = vfs_llseek(f, off, whence);
out:
	return cosy_guard_exit(s, COSY_OP_LSEEK, t0, ret);
}

__diag_pop();
