// SPDX-License-Identifier: GPL-2.0
/*
 * The I/O kfuncs.  Each one enters the guard (budgets, stop state), checks
 * its segment range and fd, does the work as the syscall would in the
 * caller's task (its fd table, its credentials), and leaves the guard, which
 * records the first failure.
 */
#include <linux/audit.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/fsnotify.h>
#include <linux/major.h>
#include <linux/mm.h>
#include <linux/namei.h>
#include <linux/net.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/uio.h>

#include "cosy_internal.h"
#include "cosy_compat.h"

/* Resolve an fd the session may use; NULL (-EBADF) for anything else. */
struct file *cosy_fd_file(struct cosy_session *s, int fd)
{
	struct cosy_fdent *e = cosy_fd_find(s, fd);

	return e ? e->file : NULL;
}

/*
 * The same, as fdget() sees it: NULL (-EBADF) for an O_PATH fd too, which
 * names a file without opening it; only fstat and the *at() calls take one.
 */
struct file *cosy_fd_open_file(struct cosy_session *s, int fd)
{
	struct file *f = cosy_fd_file(s, fd);

	return f && !(f->f_mode & FMODE_PATH) ? f : NULL;
}

/*
 * The path at segment offset `off`, copied: the application can rewrite the
 * segment while we run, and the path we check must be the path we use.  A
 * path of fewer than COSY_PATH_STACK bytes (a name ls -l stats, a file
 * cat opens) is copied to the caller's stack as it is scanned, each byte
 * read once, so nothing is allocated per open or stat; a longer one is
 * measured, kmalloc'ed to its length and read again.  Never a PATH_MAX
 * names_cache buffer: with init_on_alloc, zeroing 4 KiB per open/stat cost
 * more than the lookup itself under emulation (the VFS makes its own
 * getname copy where it walks a path).  0 (p->name is the copy; release
 * it with cosy_path_put()) or -errno.
 */
int cosy_path_get(struct cosy_session *s, u32 off, struct cosy_path *p)
{
	u64 i, lim;
	char *heap;
	long len;

	p->name = p->small;
	if (off >= s->data_size)
		return -EFAULT;
	lim = min_t(u64, s->data_size - off, COSY_PATH_MAX);
	for (i = 0; i < lim && i < sizeof(p->small); i++) {
		p->small[i] = READ_ONCE(s->data[off + i]);
		if (!p->small[i])
			return i ? 0 : -ENOENT;
	}
	/* The rules of cosy_path_len(), applied to this one scan. */
	for (; i < lim && READ_ONCE(s->data[off + i]); i++)
		;
	if (i == lim)
		return cosy_path_unterminated(s->data_size - off);
	heap = kmalloc(i + 1, GFP_KERNEL);
	if (!heap)
		return -ENOMEM;
	/* Read each byte once more; a concurrent change cannot unterminate it. */
	for (len = 0; len < (long)i; len++)
		heap[len] = READ_ONCE(s->data[off + len]);
	heap[i] = 0;
	p->name = heap;
	return 0;
}

void cosy_path_put(struct cosy_path *p)
{
	if (p->name != p->small)
		kfree(p->name);
}

/*
 * Where a *at() call's lookup starts: *start held (path_put() it), or
 * start->dentry NULL for the caller's cwd or an absolute path, which
 * ignores dirfd as openat(2) does; a relative path needs a directory
 * (-ENOTDIR) -- the dcache fast paths would otherwise look a name up in a
 * file that has no ->lookup.
 *
 * The lookups that start at a struct path (vfs_path_lookup(),
 * file_open_root()) take it as the root too: ".." stays there and an
 * absolute symlink lands there, where the syscalls go above it.  So the
 * leading ".." components are walked here, as follow_dotdot() walks
 * them: search permission on each directory left, the task's root stays
 * where it is, a mount's root goes up to where it is mounted.  *path is
 * left at what follows ("." if nothing).  The walk of the rest is made
 * with LOOKUP_BENEATH (cosy_at_lookup()), under which any other way above
 * the start -- a later "..", a symlink that climbs or is absolute -- fails
 * with -EXDEV instead of landing somewhere the syscall would not.
 */
int cosy_dirfd(struct cosy_session *s, int dirfd, const char **path, struct path *start)
{
	struct file *dir;
	struct path root;
	const char *p = *path;
	int err = 0;

	start->dentry = NULL;
	start->mnt = NULL;
	if (dirfd == COSY_AT_FDCWD || p[0] == '/')
		return 0;
	dir = cosy_fd_file(s, dirfd);
	if (!dir)
		return -EBADF;
	if (!d_can_lookup(dir->f_path.dentry))
		return -ENOTDIR;
	*start = dir->f_path;
	path_get(start);
	if (p[0] != '.' || p[1] != '.' || (p[2] && p[2] != '/'))
		return 0;
	get_fs_root(current->fs, &root);
	while (p[0] == '.' && p[1] == '.' && (!p[2] || p[2] == '/')) {
		err = inode_permission(cosy_mnt_ns(start->mnt), d_inode(start->dentry), MAY_EXEC);
		if (err)
			break;
		while (!path_equal(start, &root) && start->dentry == start->mnt->mnt_root)
			if (!follow_up(start))
				break;
		if (!path_equal(start, &root) && start->dentry != start->mnt->mnt_root) {
			struct dentry *parent = dget_parent(start->dentry);

			dput(start->dentry);
			start->dentry = parent;
		}
		p += 2;
		while (*p == '/')
			p++;
	}
	path_put(&root);
	if (err) {
		path_put(start);
		start->dentry = NULL;
		return err;
	}
	*path = *p ? p : ".";
	return 0;
}

/*
 * vfs_path_lookup() from a start cosy_dirfd() gave, where the syscall's
 * walk would not go above it (-EXDEV otherwise: see there); kern_path()
 * for none.
 */
int cosy_at_lookup(const struct path *start, const char *path, unsigned int flags,
		   struct path *out)
{
	if (!start->dentry)
		return kern_path(path, flags, out);
	return vfs_path_lookup(start->dentry, start->mnt, path, flags | LOOKUP_BENEATH, out);
}

/*
 * Would the walk of `path` from `start` (cosy_dirfd()) go above it, as
 * open(2) with these flags walks it?  Its own errors (-ENOENT of a name to
 * create, -EACCES) are the open's to say.
 */
bool cosy_at_escapes(const struct path *start, const char *path, int flags)
{
	struct path p;
	int err = cosy_at_lookup(start, path, flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &p);

	if (!err)
		path_put(&p);
	return err == -EXDEV;
}

/*
 * A *at() call whose walk would go above its directory (cosy_dirfd()):
 * -EXDEV, which openat(2), fstatat(2) and unlinkat(2) never return, while
 * the caller can still do the work another way (cosy-cc's regions go back
 * to the program's code); once the run has done what cannot be undone,
 * the stop COSY_STOP_WAIT.
 */
int cosy_at_escape(struct cosy_session *s)
{
	return s->run->effects ? cosy_stop(s, COSY_STOP_WAIT) : -EXDEV;
}

/*
 * Wait, within the budget, while the filesystem `sb` is frozen.  Changing
 * a name or a size takes its freeze protection (mnt_want_write(),
 * sb_start_write()) with an unbounded wait, and a run must not wait past
 * its budget under rcu_read_lock_trace().  The protection is dropped
 * again before the VFS call takes it: holding it across would nest it,
 * which deadlocks against a freezer waiting in between.  So a freeze that
 * begins in that window is still waited for, until the thaw.
 */
int cosy_wait_unfrozen(struct cosy_session *s, struct super_block *sb)
{
	int err;

	while (!sb_start_write_trylock(sb)) {
		err = cosy_guard_wait(s);
		if (err)
			return err;
	}
	sb_end_write(sb);
	return 0;
}

/*
 * Where unlinkat(2) splits a path: the last component [*last, +*len),
 * trailing slashes (*slashes: then it must be a directory, and unlink
 * refuses those), and the parent, the part before the last component
 * (NULL: the starting directory).  "/", "." and ".." name nothing to
 * unlink: -EISDIR, as the syscall says.  *parent is kmalloc'ed.
 */
static int cosy_split_path(const char *path, char **parent, const char **last, size_t *len,
			   bool *slashes)
{
	size_t n = strlen(path), end = n, start;

	*parent = NULL;
	while (end && path[end - 1] == '/')
		end--;
	if (!end)
		return -EISDIR;
	start = end;
	while (start && path[start - 1] != '/')
		start--;
	*last = path + start;
	*len = end - start;
	*slashes = end < n;
	if (**last == '.' && (*len == 1 || (*len == 2 && (*last)[1] == '.')))
		return -EISDIR;
	/* a name too long is the filesystem's lookup to refuse, after -EROFS */
	if (start) {
		*parent = kmemdup_nul(path, start, GFP_KERNEL);
		if (!*parent)
			return -ENOMEM;
	}
	return 0;
}

/*
 * The parent directory of `path` as unlinkat(2) finds it, from `dir` (see
 * cosy_dirfd(); no dentry: the caller's cwd), following symlinks, and the last component (see
 * cosy_split_path()).  0 with *pp held (path_put() it), or -errno.
 */
int cosy_lookup_parent(const struct path *dir, const char *path, struct path *pp,
		       const char **last, size_t *len, bool *slashes)
{
	char *parent;
	int err;

	err = cosy_split_path(path, &parent, last, len, slashes);
	if (err)
		return err;
	err = cosy_at_lookup(dir, parent ? parent : ".", LOOKUP_FOLLOW | LOOKUP_DIRECTORY, pp);
	kfree(parent);
	return err;
}

/*
 * Before an open that may write (write access, O_CREAT, O_TRUNC): it takes
 * the freeze protection of the file's filesystem without a bound, so wait
 * for a frozen one within the budget first.  The filesystem is the parent
 * directory's (where a new name goes; the file's too, but for a mount
 * point); a path whose parent cannot be found is left to the open to
 * refuse.  One more lookup of the parent, for such opens only.
 */
static int cosy_open_wait_unfrozen(struct cosy_session *s, const struct path *dir,
				   const char *path)
{
	const char *last;
	bool slashes;
	struct path pp;
	size_t len;
	int err;

	if (cosy_lookup_parent(dir, path, &pp, &last, &len, &slashes))
		return 0;
	err = cosy_wait_unfrozen(s, pp.mnt->mnt_sb);
	path_put(&pp);
	return err;
}

/*
 * open(2) for reading of a path of plain components, walked in the dcache:
 * path_openat() would first copy the name into a zeroed PATH_MAX buffer
 * (getname), which under emulation costs more than the lookups.  The
 * checks are open(2)'s for this case, made by the same functions: search
 * permission on each directory and ->d_revalidate() (the lookups);
 * may_open()'s inode_permission(MAY_OPEN | MAY_READ) (append-only and
 * O_NOATIME matter only to flags sent to the slow path, noexec and nodev
 * only to kinds of file sent there); then in do_dentry_open() the LSMs'
 * file_open, fanotify's permission event, leases and (6.5+) the open
 * event; IMA's check after.  f_flags are build_open_flags()'s: no
 * O_CLOEXEC.  The walk starts where path_init() would: `dir`, or the
 * task's root for an absolute path, its cwd for a relative one.
 *
 * Anything else returns NULL, for the slow path: flags beyond these; an
 * empty, ".", ".." or over-long component, "//" or a trailing slash; on
 * the way a symlink, an automount point or a mount point the walk cannot
 * simply cross (see cosy_cross_mounts()), or anything but a directory; at
 * the end anything but a regular file or a directory; and a live syscall
 * audit context, which open(2) feeds the path
 * (audit_inode() is not exported).  A lookup's own error (-ENOENT,
 * -EACCES) is open(2)'s, and returned.
 */
#define COSY_FAST_FLAGS (O_NONBLOCK | O_LARGEFILE | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW)

/* Mounts stacked on one another that the fast path crosses; more: the slow path. */
#define COSY_MOUNT_STACK_MAX	8

/*
 * Onto what is mounted on p's dentry, as a path walk goes (mounts stacked
 * on it too): p holds its references throughout.  False, for the slow
 * path, where the walk needs more than that: an automount point, a
 * filesystem that manages the crossing (autofs), a mount this namespace
 * does not see (the walk stays on the mount point then, and so does p).
 */
static bool cosy_cross_mounts(struct path *p)
{
	int i;

	for (i = 0; i < COSY_MOUNT_STACK_MAX; i++) {
		unsigned int fl = READ_ONCE(p->dentry->d_flags) & DCACHE_MANAGED_DENTRY;

		if (!fl)
			return true;
		if (fl != DCACHE_MOUNTED || !follow_down_one(p))
			return false;
	}
	return false;
}

static struct file *cosy_open_fast(const struct path *dir, const char *path, int flags)
{
	struct file *f = NULL;
	const char *name = path;
	struct path p;
	int err;

	if (!READ_ONCE(cosy_fast_lookup) || (flags & ~COSY_FAST_FLAGS) != O_RDONLY ||
	    !audit_dummy_context())
		return NULL;
	if (dir->dentry) {
		p = *dir;
		path_get(&p);
	} else if (*name == '/') {
		get_fs_root(current->fs, &p);
		name++;
	} else {
		get_fs_pwd(current->fs, &p);
	}
	for (;;) {
		const char *end = strchrnul(name, '/');
		size_t len = end - name;
		struct dentry *d;

		if (!len || len > NAME_MAX || (name[0] == '.' && (len == 1 ||
		    (len == 2 && name[1] == '.'))))
			goto out;
		d = cosy_lookup_child(p.mnt, name, len, p.dentry);
		if (IS_ERR(d)) {
			f = ERR_CAST(d);	/* -ENOENT, -EACCES (search), as open(2) */
			goto out;
		}
		dput(p.dentry);
		p.dentry = d;
		if (d_managed(d) && !cosy_cross_mounts(&p))
			goto out;
		if (!*end)
			break;
		if (!d_can_lookup(p.dentry))
			goto out;	/* a symlink to follow, or -ENOTDIR */
		name = end + 1;
	}
	if (!(d_is_reg(p.dentry) || d_can_lookup(p.dentry)) ||
	    ((flags & O_DIRECTORY) && !d_can_lookup(p.dentry)))
		goto out;
	err = inode_permission(cosy_mnt_ns(p.mnt), d_inode(p.dentry), MAY_OPEN | MAY_READ);
	if (err) {
		f = ERR_PTR(err);
		goto out;
	}
	f = dentry_open(&p, flags & ~O_CLOEXEC, current_cred());
	if (IS_ERR(f))
		goto out;
	err = cosy_open_integrity(f, MAY_OPEN | MAY_READ);
	if (err) {
		fput(f);
		f = ERR_PTR(err);
	}
out:
	path_put(&p);
	return f;
}

/*
 * Would read(2)/write(2) of `f` wait where cosy_file_io() does not?  A
 * FIFO or socket, or a character device whose driver cannot do its I/O
 * without waiting (a terminal, /dev/full's writes) -- not /dev/null,
 * /dev/zero or /dev/urandom.  Regular files, block devices and
 * directories behave as they do in the syscalls.
 */
static bool cosy_file_would_wait(struct file *f)
{
	umode_t m = file_inode(f)->i_mode;

	return S_ISFIFO(m) || S_ISSOCK(m) || (S_ISCHR(m) && !(f->f_mode & FMODE_NOWAIT));
}

/*
 * Does the name lead to a FIFO, a socket, or a character device other
 * than the memory devices (/dev/null, /dev/zero...; the open then shows
 * whether it does without waiting)?  Looked at before the open (an O_PATH
 * lookup, which opens nothing): opening a FIFO, even to close it at once,
 * would wake a writer waiting in open(2) for a reader, whose writes would
 * then fail with EPIPE; opening a terminal can make it the caller's.  A
 * name that is not there (O_CREAT makes a regular file) says no.
 */
static bool cosy_name_would_wait(const struct path *dir, const char *path, int flags)
{
	int how = O_PATH | (flags & (O_NOFOLLOW | O_DIRECTORY));
	struct file *f;
	umode_t m;
	bool wait;

	f = dir->dentry ? file_open_root(dir, path, how, 0) : filp_open(path, how, 0);
	if (IS_ERR(f))
		return false;
	m = file_inode(f)->i_mode;
	wait = S_ISFIFO(m) || S_ISSOCK(m) ||
	       (S_ISCHR(m) && MAJOR(file_inode(f)->i_rdev) != MEM_MAJOR);
	fput(f);
	return wait;
}

static int cosy_do_open(struct cosy_session *s, enum cosy_op op, int dirfd, u32 path_off,
			int flags, int mode)
{
	bool priv = flags & COSY_O_PRIVATE;
	bool refuse_wait = (flags & COSY_O_REFUSE_WAIT) && !(flags & O_NONBLOCK);
	bool can_defer = flags & COSY_O_REFUSE_WAIT;	/* its caller has another way */
	struct cosy_path name;
	struct path dir = {};
	const char *path;
	struct file *f;
	u64 t0 = 0;
	int fd, err;

	err = cosy_guard_enter(s, 0, &t0);
	if (err)
		goto out;
	flags &= ~(COSY_O_PRIVATE | COSY_O_REFUSE_WAIT);
	err = cosy_path_get(s, path_off, &name);
	if (err)
		goto out;
	path = name.name;
	/*
	 * O_DIRECT would hand the segment's vmalloc pages to the block layer.
	 * Its own errno: filesystems without direct I/O say EINVAL themselves.
	 * (Checked again at every read and write: see cosy_file_io().)
	 */
	if (flags & O_DIRECT) {
		err = -EOPNOTSUPP;
		goto out_name;
	}
	if (flags & ~VALID_OPEN_FLAGS) {
		err = -EINVAL;
		goto out_name;
	}
	/*
	 * The session's table is full where the process's need not be:
	 * open(2) would succeed, so a caller that can do the work another
	 * way is told so, as for a file that would wait (cosy_table_full()).
	 */
	if (s->nowned >= COSY_MAX_FDS) {
		err = can_defer ? cosy_table_full(s) : -EMFILE;
		goto out_name;
	}
	err = cosy_dirfd(s, dirfd, &path, &dir);
	if (!err && (flags & (O_ACCMODE | O_CREAT | O_TRUNC)))
		err = cosy_open_wait_unfrozen(s, &dir, path);
	if (err)
		goto out_name;
	/*
	 * Never wait for a peer: a FIFO without one, a tty without carrier,
	 * a file under a lease.  O_NONBLOCK makes the open say so instead
	 * (-ENXIO for a FIFO without reader, -EWOULDBLOCK for a lease), and
	 * is taken off again unless asked for: I/O never waits anyway.
	 */
	f = cosy_open_fast(&dir, path, flags | O_LARGEFILE | O_NONBLOCK);
	/* file_open_root() would not go above dir: see cosy_dirfd() */
	if (!f && dir.dentry && cosy_at_escapes(&dir, path, flags)) {
		err = cosy_at_escape(s);
		goto out_name;
	}
	/* the fast path opens regular files and directories only */
	if (!f && refuse_wait && cosy_name_would_wait(&dir, path, flags)) {
		err = cosy_would_wait(s);
		goto out_name;
	}
	if (!f && dir.dentry)
		f = file_open_root(&dir, path, flags | O_LARGEFILE | O_NONBLOCK,
				   mode & S_IALLUGO);
	else if (!f)
		f = filp_open(path, flags | O_LARGEFILE | O_NONBLOCK, mode & S_IALLUGO);
	if (IS_ERR(f)) {
		err = PTR_ERR(f);
		/* a lease to break: open(2) would wait for its holder */
		if (refuse_wait && err == -EWOULDBLOCK)
			err = cosy_would_wait(s);
		goto out_name;
	}
	/*
	 * Checked again on what was opened: a memory device without
	 * non-waiting I/O (/dev/full), or a name replaced since the look.
	 * Before anyone is told of the open.
	 */
	if (refuse_wait && cosy_file_would_wait(f)) {
		fput(f);
		err = cosy_would_wait(s);
		goto out_name;
	}
	if (flags & (O_CREAT | O_TRUNC))
		cosy_effect(s, -1);
	if (!(flags & O_NONBLOCK)) {
		spin_lock(&f->f_lock);
		f->f_flags &= ~O_NONBLOCK;
		spin_unlock(&f->f_lock);
	}
	cosy_fsnotify_open(f);
	if (priv) {
		/* nowned < COSY_MAX_FDS (checked above): a bit is clear. */
		fd = COSY_PRIV_FD_BASE + __ffs64(~s->priv_slots);
	} else {
		fd = get_unused_fd_flags(flags);
		if (fd < 0) {
			fput(f);
			err = fd;
			goto out_name;
		}
	}
	/*
	 * One reference for the fd table (a handle keeps it in the table's
	 * stead, for cosy_keep() or cosy_fd_close()), one the session holds.
	 */
	get_file(f);
	if (!priv)
		fd_install(fd, f);
	err = cosy_fd_add(s, fd, f, priv ? COSY_FD_PRIVATE : COSY_FD_OWNED);
	if (!err) {	/* cannot fail: room checked */
		s->fds[s->nfds - 1].cloexec = flags & O_CLOEXEC;
		s->fds[s->nfds - 1].opened = true;
		s->st.fds_opened++;
		err = fd;
	}
out_name:
	if (dir.dentry)
		path_put(&dir);
	cosy_path_put(&name);
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
	if (!e || !cosy_fd_owned(e)) {
		err = -EBADF;
		goto out;
	}
	if (!e->opened)
		cosy_effect(s, -1);	/* the caller's fd, handed over */
	err = cosy_fd_close(e);
	cosy_fd_forget(s, e);
out:
	return cosy_guard_exit(s, COSY_OP_CLOSE, t0, err);
}

/*
 * Hands an fd the session owns to the caller.  Once the run is stopped (a
 * budget, a fatal signal) a hand-back is still let through, uncharged, so
 * that what the compound holds -- its own fds, the caller's fds handed
 * over -- reaches the caller as after the original's partial run, not
 * reaped.  Bounded: each one takes an entry out of the table; any other
 * call gets the stop's errno as before.  Never from another context.
 */
noinline int cosy_keep(struct cosy_session *s, int fd)
{
	struct cosy_fdent *e;
	u64 t0 = 0;
	int err;

	err = cosy_guard_enter(s, 0, &t0);
	if (err) {
		struct cosy_run *r = s->run;

		if (r->task != current || !in_task() || !r->stop_err ||
		    r->stop_reason == COSY_STOP_CONTEXT)
			goto out;
		e = cosy_fd_find(s, fd);
		if (!e || !cosy_fd_owned(e))
			goto out;	/* the stop's errno */
	} else {
		e = cosy_fd_find(s, fd);
		if (!e || !cosy_fd_owned(e)) {
			err = -EBADF;
			goto out;
		}
	}
	if (e->kind == COSY_FD_PRIVATE) {
		fd = get_unused_fd_flags(e->cloexec ? O_CLOEXEC : 0);
		if (fd < 0) {
			err = fd;	/* RLIMIT_NOFILE: still a handle */
			goto out;
		}
		/* The reference the handle kept for the table goes to it. */
		fd_install(fd, e->file);
	}
	err = fd;
	cosy_fd_forget(s, e);	/* the fd stays open, now the caller's */
out:
	return cosy_guard_exit(s, COSY_OP_KEEP, t0, err);
}

/* A private non-blocking open of the pipe or FIFO behind e (see cosy_fdent). */
static struct file *cosy_nbfile(struct cosy_fdent *e)
{
	struct file *f = e->file, *nb;
	int acc;

	if (e->nbfile)
		return e->nbfile;
	if ((f->f_mode & FMODE_READ) && (f->f_mode & FMODE_WRITE))
		acc = O_RDWR;
	else
		acc = f->f_mode & FMODE_WRITE ? O_WRONLY : O_RDONLY;
	/* Same access as the caller's file: no permission is gained. */
	nb = dentry_open(&f->f_path, acc | O_NONBLOCK | O_LARGEFILE, current_cred());
	if (!IS_ERR(nb))
		e->nbfile = nb;
	return nb;
}

/* A mapping of the array map `map` (bpf_map_mmap() sets vm_private_data). */
static bool cosy_map_vma(const struct vm_area_struct *vma, const struct bpf_map *map)
{
	return vma->vm_private_data == map && vma->vm_file &&
	       vma->vm_file->private_data == map;
}

/* Does vma map segment bytes [off, off + len) of s, with access `need`? */
static bool cosy_vma_holds(struct cosy_session *s, const struct vm_area_struct *vma,
			   u32 off, u32 len, unsigned long need)
{
	/* Segment byte `first` is what vm_start maps. */
	u64 first = (u64)vma->vm_pgoff << PAGE_SHIFT;

	return (s->seg ? cosy_map_vma(vma, s->seg) : cosy_dev_vma(vma, s->dseg)) &&
	       (vma->vm_flags & need) == need && off >= first &&
	       (u64)off + len <= first + (vma->vm_end - vma->vm_start);
}

/*
 * The caller's own mapping of the segment bytes [off, off + len): the user
 * address of byte `off`, or NULL if no one writable (for a read) or readable
 * (for a write) mapping of the caller's holds them all.  The mapping found
 * last is tried first; else every mapping is looked at (at most
 * max_map_count, rescheduling as it goes).  The answer may be stale when
 * it is used, as another thread may unmap or remap the range meanwhile;
 * that is harmless, since the I/O then goes through copy_to_user() or
 * copy_from_user() on the caller's own address space, with its own access
 * rights, exactly as its read(2) or write(2) would.
 */
static char __user *cosy_seg_user(struct cosy_session *s, u32 off, u32 len, bool wr)
{
	struct mm_struct *mm = current->mm;
	unsigned long need = wr ? VM_READ : VM_WRITE;
	struct vm_area_struct *vma;
	char __user *ret = NULL;
	unsigned int n = 0;

	if (!mm || (current->flags & PF_KTHREAD) || mmap_read_lock_killable(mm))
		return NULL;
	vma = s->seg_ustart ? find_vma(mm, s->seg_ustart) : NULL;
	if (!vma || vma->vm_start != s->seg_ustart || !cosy_vma_holds(s, vma, off, len, need)) {
		for (vma = find_vma(mm, 0); vma; vma = find_vma(mm, vma->vm_end)) {
			if (cosy_vma_holds(s, vma, off, len, need))
				break;
			if (!(++n % 256)) {
				if (fatal_signal_pending(current)) {
					vma = NULL;
					break;
				}
				cond_resched();
			}
		}
	}
	if (vma) {
		s->seg_ustart = vma->vm_start;
		ret = (char __user *)(vma->vm_start + (off - ((u64)vma->vm_pgoff << PAGE_SHIFT)));
	}
	mmap_read_unlock(mm);
	return ret;
}

/*
 * A file with ->read or ->write but no iterator (most of /proc/PID,
 * debugfs) takes only a user buffer.  A seq_file is read into the segment
 * through seq_read_iter(), which is what its seq_read() does; any other
 * such file through the caller's own mapping of the segment (see
 * cosy_seg_user()), or -EINVAL, as before, if the caller has none.  What
 * vfs_read() and vfs_write() check and notify is checked and notified here.
 */
static long cosy_user_io(struct cosy_session *s, struct file *f, bool wr, u32 off,
			 u32 len, loff_t *pos)
{
	loff_t zero = 0, *ppos = pos ? pos : &zero;
	char __user *ubuf;
	long ret;

	len = min_t(u32, len, MAX_RW_COUNT);
	ret = rw_verify_area(wr ? WRITE : READ, f, ppos, len);
	if (ret)
		return ret;
	if (!wr && f->f_op->read == seq_read) {
		struct kvec kv = { .iov_base = s->data + off, .iov_len = len };
		struct iov_iter it;
		struct kiocb kio;

		iov_iter_kvec(&it, READ, &kv, 1, len);
		init_sync_kiocb(&kio, f);
		kio.ki_pos = *ppos;
		ret = seq_read_iter(&kio, &it);
		*ppos = kio.ki_pos;
	} else {
		if (wr ? !f->f_op->write : !f->f_op->read)
			return -EINVAL;
		ubuf = cosy_seg_user(s, off, len, wr);
		if (!ubuf)
			return -EINVAL;
		if (!wr) {
			ret = f->f_op->read(f, ubuf, len, ppos);
		} else {
			ret = cosy_write_start(s, f);
			if (ret)
				return ret;
			ret = f->f_op->write(f, ubuf, len, ppos);
			file_end_write(f);
		}
	}
	if (ret > 0) {
		if (wr)
			fsnotify_modify(f);
		else
			fsnotify_access(f);
	}
	return ret;
}

/*
 * cosy_file_io() of anything but a regular file or block device (see
 * there): out of line, so that the common case stays short.
 */
static noinline long cosy_file_io_other(struct cosy_session *s, struct cosy_fdent *e,
					bool wr, u32 off, u32 len, loff_t *pos)
{
	struct kvec kv = { .iov_base = s->data + off, .iov_len = len };
	struct file *f = e->file;
	umode_t m = file_inode(f)->i_mode;
	struct iov_iter it;

	iov_iter_kvec(&it, wr ? WRITE : READ, &kv, 1, len);
	if (S_ISFIFO(m)) {
		struct file *nb = cosy_nbfile(e);

		if (IS_ERR(nb))	/* -ENXIO: a FIFO's write end without reader */
			return PTR_ERR(nb) == -ENXIO ? -EPIPE : PTR_ERR(nb);
		return wr ? vfs_iter_write(nb, &it, NULL, 0) : vfs_iter_read(nb, &it, NULL, 0);
	}
	if (S_ISSOCK(m)) {
		const int nowait = MSG_DONTWAIT;
		struct msghdr msg = { .msg_flags = nowait };
		struct socket *sock = sock_from_file(f);

		if (!sock)
			return -ENOTSOCK;
		return wr ? kernel_sendmsg(sock, &msg, &kv, 1, len)
			  : kernel_recvmsg(sock, &msg, &kv, 1, len, nowait);
	}
	if (S_ISCHR(m) && (f->f_mode & FMODE_NOWAIT))
		return wr ? vfs_iter_write(f, &it, pos, RWF_NOWAIT)
			  : vfs_iter_read(f, &it, pos, RWF_NOWAIT);
	return -EAGAIN;
}

/*
 * The I/O itself, by kind of file, never waiting on a peer (the run holds
 * rcu_read_lock_trace() throughout, so a wait of unbounded length would
 * stall RCU-tasks-trace for the whole system):
 *   regular file, block device   as read(2)/write(2); O_DIRECT refused
 *                                (the segment is vmalloc memory), a frozen
 *                                filesystem waited for within the budget;
 *                                without an iterator (/proc) cosy_user_io()
 *   FIFO, pipe                   through a private O_NONBLOCK open: -EAGAIN
 *   socket                       MSG_DONTWAIT: -EAGAIN
 *   char device                  IOCB_NOWAIT where the driver offers it
 *                                (/dev/null, /dev/zero, /dev/urandom...),
 *                                else -EAGAIN (ttys): it could wait
 * `pos` is the position to use and advance (ignored for streams).  Inline:
 * under TCG each call on this path cost as much as a check (cosy_internal.h).
 */
static __always_inline long cosy_file_io(struct cosy_session *s, struct cosy_fdent *e,
					 bool wr, u32 off, u32 len, loff_t *pos)
{
	struct kvec kv = { .iov_base = s->data + off, .iov_len = len };
	struct file *f = e->file;
	umode_t m = file_inode(f)->i_mode;
	struct iov_iter it;
	long ret;

	if (f->f_mode & FMODE_STREAM)
		pos = NULL;
	if (!(S_ISREG(m) || S_ISBLK(m)))
		return cosy_file_io_other(s, e, wr, off, len, pos);
	/* Per call: a granted fd, or fcntl() in another thread, can set it. */
	if (READ_ONCE(f->f_flags) & O_DIRECT)
		return -EOPNOTSUPP;
	if (!(wr ? f->f_op->write_iter : f->f_op->read_iter))
		return cosy_user_io(s, f, wr, off, len, pos);
	iov_iter_kvec(&it, wr ? WRITE : READ, &kv, 1, len);
	if (!wr)
		return vfs_iter_read(f, &it, pos, 0);
	ret = cosy_write_start(s, f);
	if (ret)
		return ret;
	ret = vfs_iter_write(f, &it, pos, 0);
	file_end_write(f);
	return ret;
}

/*
 * read/write/pread/pwrite share one path.  `ppos` NULL means "use and
 * advance the file position", as read(2) does, under the position lock.
 */
static __always_inline long cosy_rw(struct cosy_session *s, enum cosy_op op, int fd,
				    u32 off, u32 len, loff_t *ppos)
{
	bool wr = op == COSY_OP_WRITE || op == COSY_OP_PWRITE;
	struct cosy_fdent *e;
	int locked = 0;
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
	e = cosy_fd_find(s, fd);
	f = e ? e->file : NULL;
	/* What vfs_read()/vfs_write() check before the I/O. */
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
		locked = cosy_pos_lock(s, f);
		if (locked < 0) {
			ret = locked;
			goto out;
		}
		pos = f->f_pos;
	}
	ret = cosy_file_io(s, e, wr, off, len, &pos);
	/* what is written stays; what is read from the caller's fd is gone from it */
	if (ret > 0 && (wr || (!ppos && !e->opened)))
		s->run->effects = true;
	if (ret > 0) {
		if (!ppos && !(f->f_mode & FMODE_STREAM))
			f->f_pos = pos;
		cosy_moved(s, wr ? 0 : ret, wr ? ret : 0);
	}
	cosy_pos_unlock(f, locked);
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
	f = cosy_fd_open_file(s, fd);
	if (!f) {
		ret = -EBADF;
	} else if (whence < 0 || whence > SEEK_MAX) {
		ret = -EINVAL;
	} else {
		int locked = cosy_pos_lock(s, f);

		if (locked < 0) {
			ret = locked;
			goto out;
		}
		ret = vfs_llseek(f, off, whence);
		cosy_pos_unlock(f, locked);
		if (ret >= 0)
			cosy_effect(s, fd);
	}
out:
	return cosy_guard_exit(s, COSY_OP_LSEEK, t0, ret);
}

__diag_pop();
