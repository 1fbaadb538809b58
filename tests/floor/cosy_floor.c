// SPDX-License-Identifier: GPL-2.0
/*
 * cosy_floor.ko: the benchmarks' in-kernel floor (see cosy_floor.h).
 *
 * Each workload is the compound's own sequence of VFS calls, made by
 * plain C in the caller's task in one ioctl: files opened with
 * filp_open() and installed in the fd table as cosy_open() does, I/O with
 * vfs_iter_read()/vfs_iter_write() on a vmalloc'ed buffer under the
 * position lock, grep's scan and getdents' records from cosy_work.h, the
 * same code cosy.ko runs.  What it leaves out is what cosy adds: the BPF
 * program and its bpf_loop() callbacks, the kfunc calls, the guard's
 * checks and accounting, the session.  Loops still reschedule and stop
 * on a fatal signal, as any kernel loop must.
 *
 * Test-only: built with the tests, loaded by the benchmarks and by
 * t_floor, never installed; the device is root's (0600, CAP_SYS_ADMIN).
 */
#include <linux/capability.h>
#include <linux/fsnotify.h>
#include <linux/miscdevice.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>

#include "cosy_compat.h"
#include "cosy_work.h"
#include "cosy_floor.h"

struct floor {
	struct cosy_floor_req req;
	char *names;		/* the request's strings, copied in */
	size_t next;		/* offset of the next unread one */
	char *buf;		/* the I/O buffer: vmalloc'ed, as a segment is */
	u64 calls;
};

/* The next string of the request, or NULL when none is left. */
static const char *floor_name(struct floor *fl)
{
	const char *p;

	if (fl->next >= fl->req.names_len)
		return NULL;
	p = fl->names + fl->next;
	fl->next += strlen(p) + 1;	/* the last byte is a NUL: checked */
	return p;
}

static int floor_tick(void *arg)
{
	cond_resched();
	return fatal_signal_pending(current) ? -EINTR : 0;
}

/* cosy_open() without the guard: an fd in the caller's table, and a reference. */
static int floor_open(struct floor *fl, const char *path, int flags, umode_t mode,
		      struct file **fp)
{
	struct file *f;
	int fd;

	fl->calls++;
	f = filp_open(path, flags | O_LARGEFILE, mode);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fsnotify_open(f);
	fd = get_unused_fd_flags(flags);
	if (fd < 0) {
		fput(f);
		return fd;
	}
	get_file(f);
	fd_install(fd, f);
	*fp = f;
	return fd;
}

/* cosy_close(): the fd, if it is still ours, and our reference. */
static int floor_close(struct floor *fl, int fd, struct file *f)
{
	int err;

	fl->calls++;
	err = cosy_close_fd_if(fd, f);
	fput(f);
	return err;
}

/*
 * read(2)/write(2) of len bytes of the buffer, as cosy_rw() does them:
 * at *ppos, or (ppos NULL) at the file position under its lock.
 */
static ssize_t floor_io(struct floor *fl, struct file *f, bool wr, size_t len, loff_t *ppos)
{
	struct kvec kv = { .iov_base = fl->buf, .iov_len = len };
	bool locked = false;
	struct iov_iter it;
	ssize_t ret;
	loff_t pos;

	fl->calls++;
	/* vfs_iter_read() would say -EINVAL: read(2) and cosy_read() say this */
	if (S_ISDIR(file_inode(f)->i_mode))
		return -EISDIR;
	iov_iter_kvec(&it, wr ? WRITE : READ, &kv, 1, len);
	if (ppos) {
		pos = *ppos;
	} else {
		if (f->f_mode & FMODE_ATOMIC_POS) {
			mutex_lock(&f->f_pos_lock);
			locked = true;
		}
		pos = f->f_pos;
	}
	if (wr) {
		file_start_write(f);
		ret = vfs_iter_write(f, &it, &pos, 0);
		file_end_write(f);
	} else {
		ret = vfs_iter_read(f, &it, &pos, 0);
	}
	if (ret > 0 && !ppos)
		f->f_pos = pos;
	if (locked)
		mutex_unlock(&f->f_pos_lock);
	return ret;
}

/* Read in chunks and write what was read, to a short read: cosy_rw_chunk(). */
static int floor_copy(struct floor *fl, struct file *in, struct file *out)
{
	ssize_t r, w;
	int err;

	do {
		r = floor_io(fl, in, false, fl->req.chunk, NULL);
		if (r < 0)
			return r;
		if (r > 0) {
			w = floor_io(fl, out, true, r, NULL);
			if (w != r)
				return w < 0 ? w : -EIO;
			fl->req.result += w;
		}
		err = floor_tick(NULL);
		if (err)
			return err;
	} while (r == fl->req.chunk);
	return 0;
}

static int floor_burst(struct floor *fl)
{
	struct file *f = fget(fl->req.fd);
	int err = 0;
	ssize_t r;
	u64 i;

	if (!f)
		return -EBADF;
	for (i = 0; i < fl->req.n && !err; i++) {
		r = floor_io(fl, f, false, 0, NULL);
		if (r)
			err = r < 0 ? r : -EIO;
		else
			fl->req.result++;
		if (!err)
			err = floor_tick(NULL);
	}
	fput(f);
	return err;
}

/* cat-many, or cp (one input): names are the output, then the inputs. */
static int floor_cat(struct floor *fl, u64 ninputs)
{
	const char *path = floor_name(fl);
	struct file *in, *out;
	int ifd, ofd, err = 0, cerr;
	u64 i;

	if (!path || !fl->req.chunk)
		return -EINVAL;
	ofd = floor_open(fl, path, O_WRONLY | O_CREAT | O_TRUNC, 0644, &out);
	if (ofd < 0)
		return ofd;
	for (i = 0; i < ninputs && !err; i++) {
		path = floor_name(fl);
		if (!path) {
			err = -EINVAL;
			break;
		}
		ifd = floor_open(fl, path, O_RDONLY, 0, &in);
		if (ifd < 0) {
			err = ifd;
			break;
		}
		err = floor_copy(fl, in, out);
		floor_close(fl, ifd, in);
	}
	cerr = floor_close(fl, ofd, out);
	return err ? err : cerr;
}

/* grep -c: pread a chunk, count in place, go on from what was consumed. */
static int floor_grep(struct floor *fl)
{
	const char *path = floor_name(fl), *pat = floor_name(fl);
	struct cosy_grep_req r = {};
	loff_t pos = 0;
	struct file *f;
	int fd, err;
	ssize_t n;

	if (!path || !pat || strlen(pat) > COSY_GREP_PAT_MAX || strchr(pat, '\n') ||
	    fl->req.chunk <= strlen(pat))
		return -EINVAL;
	r.pat_len = strlen(pat);
	fd = floor_open(fl, path, O_RDONLY, 0, &f);
	if (fd < 0)
		return fd;
	do {
		n = floor_io(fl, f, false, fl->req.chunk, &pos);
		if (n < 0) {
			err = n;
			break;
		}
		r.eof = n < fl->req.chunk;
		fl->calls++;
		err = cosy_grep_scan(fl->buf, n, pat, r.pat_len, &r, floor_tick, NULL);
		pos += r.consumed;
		if (!err)
			err = floor_tick(NULL);
	} while (!err && !r.eof);
	floor_close(fl, fd, f);
	fl->req.result = r.matches;
	return err;
}

/* cosy_fstatat(dirfd, name, AT_SYMLINK_NOFOLLOW) of one entry. */
static int floor_lstat(struct floor *fl, struct file *dir, const char *name, struct kstat *k)
{
	struct dentry *d;
	struct path p;
	int err;

	fl->calls++;
	d = cosy_lookup_child(dir->f_path.mnt, name, strlen(name), dir->f_path.dentry);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (!d_mountpoint(d)) {
		p.mnt = dir->f_path.mnt;
		p.dentry = d;
		err = vfs_getattr(&p, k, STATX_BASIC_STATS, AT_STATX_SYNC_AS_STAT);
	} else {
		err = vfs_path_lookup(dir->f_path.dentry, dir->f_path.mnt, name, 0, &p);
		if (!err) {
			err = vfs_getattr(&p, k, STATX_BASIC_STATS, AT_STATX_SYNC_AS_STAT);
			path_put(&p);
		}
	}
	dput(d);
	return err;
}

/* ls -l: getdents64 into the buffer, an lstat per entry but "." and "..". */
static int floor_ls(struct floor *fl)
{
	const char *path = floor_name(fl);
	struct linux_dirent64 *de;
	struct kstat k;
	struct file *f;
	long n, pos;
	int fd, err = 0;

	if (!path || fl->req.chunk < sizeof(*de) + 256)
		return -EINVAL;
	fd = floor_open(fl, path, O_RDONLY | O_DIRECTORY, 0, &f);
	if (fd < 0)
		return fd;
	do {
		struct cosy_dents d = {
			.ctx.actor = cosy_filldir, .buf = fl->buf, .size = fl->req.chunk,
		};

		fl->calls++;
		mutex_lock(&f->f_pos_lock);
		n = cosy_dents_fill(f, &d);
		mutex_unlock(&f->f_pos_lock);
		for (pos = 0; pos < n && !err; pos += de->d_reclen) {
			de = (struct linux_dirent64 *)(fl->buf + pos);
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			err = floor_lstat(fl, f, de->d_name, &k);
			if (!err)
				fl->req.result++;
		}
		if (n < 0)
			err = n;
		if (!err)
			err = floor_tick(NULL);
	} while (!err && n > 0);
	floor_close(fl, fd, f);
	return err;
}

static long floor_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *u = (void __user *)arg;
	struct floor fl = {};
	long err;

	if (cmd != COSY_FLOOR_RUN)
		return -ENOTTY;
	if (copy_from_user(&fl.req, u, sizeof(fl.req)))
		return -EFAULT;
	if (fl.req.names_len > COSY_FLOOR_NAMES_MAX || fl.req.chunk > COSY_FLOOR_CHUNK_MAX ||
	    fl.req.__pad)
		return -EINVAL;
	fl.req.result = 0;
	if (fl.req.names_len) {
		fl.names = vmemdup_user(u64_to_user_ptr(fl.req.names), fl.req.names_len);
		if (IS_ERR(fl.names))
			return PTR_ERR(fl.names);
		if (fl.names[fl.req.names_len - 1]) {
			err = -EINVAL;
			goto out;
		}
	}
	err = -ENOMEM;
	fl.buf = vmalloc(max_t(u32, fl.req.chunk, 8));
	if (!fl.buf)
		goto out;
	switch (fl.req.op) {
	case COSY_FLOOR_BURST:
		err = floor_burst(&fl);
		break;
	case COSY_FLOOR_CAT:
		err = floor_cat(&fl, fl.req.n);
		break;
	case COSY_FLOOR_CP:
		err = floor_cat(&fl, 1);
		break;
	case COSY_FLOOR_GREP:
		err = floor_grep(&fl);
		break;
	case COSY_FLOOR_LS:
		err = floor_ls(&fl);
		break;
	default:
		err = -EINVAL;
	}
	/* The counts go back even when the run failed midway. */
	fl.req.calls = fl.calls;
	if (copy_to_user(u, &fl.req, sizeof(fl.req)) && !err)
		err = -EFAULT;
out:
	vfree(fl.buf);
	kvfree(fl.names);
	return err;
}

static int floor_open_dev(struct inode *inode, struct file *file)
{
	return capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
}

static const struct file_operations floor_fops = {
	.owner = THIS_MODULE,
	.open = floor_open_dev,
	.unlocked_ioctl = floor_ioctl,
};

static struct miscdevice floor_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "cosy-floor",
	.fops = &floor_fops,
	.mode = 0600,
};

module_misc_device(floor_dev);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cosy's benchmark floor: the workloads as plain kernel C (test-only)");
