/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel-version difference cosy.ko depends on, in one place.  The
 * rest of the module calls these and never tests LINUX_VERSION_CODE.
 */
#ifndef COSY_COMPAT_H
#define COSY_COMPAT_H

#include <linux/bpf.h>
#include <linux/btf_ids.h>
#include <linux/module.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/fsnotify.h>
#include <linux/hrtimer.h>
#include <linux/ima.h>
#include <linux/mm.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/security.h>
#include <linux/version.h>
/* break_lease() moved from fs.h to its own header in 6.3. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#include <linux/filelock.h>
#endif

/*
 * Does a map value hold a field the kernel interprets (bpf_spin_lock,
 * bpf_timer, kptr)?  Writing bytes over one forges a kernel object: a
 * forged bpf_timer pointer is freed when the map goes.  6.1 keeps their
 * offsets in the map; 6.2 moved them to a btf_record.
 */
static inline bool cosy_map_has_special_fields(const struct bpf_map *map)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	return !IS_ERR_OR_NULL(map->record);
#else
	return map->spin_lock_off >= 0 || map->timer_off >= 0 || map->kptr_off_tab;
#endif
}

/*
 * Declaring the kfunc set: 6.9 added BTF_KFUNCS_START, and from then on
 * register_btf_kfunc_id_set() refuses a set made with BTF_SET8_START.
 */
#ifdef BTF_KFUNCS_START
#define COSY_KFUNCS_START(name) BTF_KFUNCS_START(name)
#define COSY_KFUNCS_END(name) BTF_KFUNCS_END(name)
#else
#define COSY_KFUNCS_START(name) BTF_SET8_START(name)
#define COSY_KFUNCS_END(name) BTF_SET8_END(name)
#endif

/* 7.0 made trusted arguments the rule for every kfunc and dropped the flag. */
#ifndef KF_TRUSTED_ARGS
#define KF_TRUSTED_ARGS 0
#endif

/*
 * bpf_map_get() moved into the BPF_INTERNAL symbol namespace (6.12 stable
 * and 6.15; Kbuild defines COSY_NS_BPF_INTERNAL when Module.symvers says
 * so); the namespace argument became a string literal in 6.13.  cosy.ko
 * uses it only to resolve the caller's segment map fd.
 */
#if defined(COSY_NS_BPF_INTERNAL) && LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
#define COSY_IMPORT_NS() MODULE_IMPORT_NS("BPF_INTERNAL")
#elif defined(COSY_NS_BPF_INTERNAL)
#define COSY_IMPORT_NS() MODULE_IMPORT_NS(BPF_INTERNAL)
#else
#define COSY_IMPORT_NS()
#endif

/*
 * Exported by fs/namei.c (EXPORT_SYMBOL) but declared only in
 * fs/internal.h on some kernels: a compatible declaration of our own.
 */
int vfs_path_lookup(struct dentry *dentry, struct vfsmount *mnt, const char *name,
		    unsigned int flags, struct path *path);

/* The id-mapping argument of the lookup helpers: a userns until 6.3. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define cosy_mnt_ns(mnt) mnt_idmap(mnt)
#else
#define cosy_mnt_ns(mnt) mnt_user_ns(mnt)
#endif

/*
 * Look up `name` (len bytes, no slash) in directory `base` on `mnt`,
 * permission-checked, without the directory lock; -ENOENT for a negative
 * dentry.  6.16 made the name a struct qstr.
 */
static inline struct dentry *cosy_lookup_child(struct vfsmount *mnt, const char *name,
					       size_t len, struct dentry *base)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
	struct qstr q = QSTR_LEN(name, len);

	return lookup_one_positive_unlocked(cosy_mnt_ns(mnt), &q, base);
#else
	return lookup_one_positive_unlocked(cosy_mnt_ns(mnt), name, base, len);
#endif
}

/*
 * Lock directory `parent` and look up `name` (len bytes, no slash) in it,
 * permission-checked, to remove it: the child (perhaps negative) or an
 * ERR_PTR, and the lock is held only on success; cosy_end_removing()
 * releases both.  7.0-era kernels (Kbuild: start_removing is exported)
 * lock directory operations through start_removing()/end_removing();
 * before, the caller locked the parent itself, and 6.16 made the name of
 * lookup_one() a struct qstr.
 */
static inline struct dentry *cosy_start_removing(struct vfsmount *mnt, struct dentry *parent,
						 const char *name, size_t len)
{
#ifdef COSY_HAVE_START_REMOVING
	struct qstr q = QSTR_LEN(name, len);

	return start_removing(mnt_idmap(mnt), parent, &q);
#else
	struct dentry *d;

	inode_lock_nested(d_inode(parent), I_MUTEX_PARENT);
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
	{
		struct qstr q = QSTR_LEN(name, len);

		d = lookup_one(cosy_mnt_ns(mnt), &q, parent);
	}
#else
	d = lookup_one(cosy_mnt_ns(mnt), name, parent, len);
#endif
	if (IS_ERR(d))
		inode_unlock(d_inode(parent));
	return d;
#endif
}

static inline void cosy_end_removing(struct dentry *parent, struct dentry *child)
{
#ifdef COSY_HAVE_START_REMOVING
	end_removing(child);
#else
	dput(child);
	inode_unlock(d_inode(parent));
#endif
}

/*
 * vfs_unlink() without a delegation to wait for (NULL: an NFS delegation
 * gives -EWOULDBLOCK instead; break_deleg_wait() is not exported).  The
 * id-mapping argument changed type in 6.3 and the delegation argument in
 * the 7.0 era; NULL fits both.
 */
static inline int cosy_vfs_unlink(struct vfsmount *mnt, struct inode *dir, struct dentry *d)
{
	return vfs_unlink(cosy_mnt_ns(mnt), dir, d, NULL);
}

/*
 * close(fd), but only if the caller's table still maps fd to `file`,
 * decided and done under the table lock: between a separate check and
 * close_fd() another thread could close the number and reuse it, and we
 * would close its file.  The kernel exports no compare-and-close, so this
 * is fs/file.c's pick_file() with the comparison added; the fdtable
 * layout it relies on is the same from 6.1 to 6.12.  Drops the table's
 * reference as close(2) does; the caller keeps its own.
 */
static inline int cosy_close_fd_if(unsigned int fd, struct file *file)
{
	struct files_struct *files = current->files;
	struct fdtable *fdt;

	spin_lock(&files->file_lock);
	fdt = files_fdtable(files);
	if (fd >= fdt->max_fds ||
	    rcu_dereference_protected(fdt->fd[fd], lockdep_is_held(&files->file_lock)) != file) {
		spin_unlock(&files->file_lock);
		return -EBADF;
	}
	rcu_assign_pointer(fdt->fd[fd], NULL);
	__clear_bit(fd, fdt->open_fds);
	__clear_bit(fd / BITS_PER_LONG, fdt->full_fds_bits);
	if (fd < files->next_fd)
		files->next_fd = fd;
	spin_unlock(&files->file_lock);
	return filp_close(file, files);
}

/* Sleepable moved from the prog's aux to the prog itself in 6.10. */
static inline bool cosy_prog_sleepable(const struct bpf_prog *prog)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
	return prog->sleepable;
#else
	return prog->aux->sleepable;
#endif
}

/*
 * IN_OPEN/FAN_OPEN for a file opened by filp_open()/file_open_root(): up
 * to 6.4 only the syscalls reported it (do_sys_openat2()), so the caller
 * must; 6.5 moved the hook into do_dentry_open(), where every open makes
 * it once, and a second call would report the open twice.
 */
static inline void cosy_fsnotify_open(struct file *f)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 5, 0)
	fsnotify_open(f);
#endif
}

/*
 * The integrity check do_open() makes once a file is open (IMA's
 * measurement and appraisal): ima_file_check() until IMA became an LSM in
 * 6.9, security_file_post_open() since.
 */
static inline int cosy_open_integrity(struct file *f, int acc_mode)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	return security_file_post_open(f, acc_mode);
#else
	return ima_file_check(f, acc_mode);
#endif
}

/*
 * An hrtimer on the stack: 6.13 added hrtimer_setup_on_stack(), which takes
 * the callback, and 6.15 removed hrtimer_init_on_stack().
 */
static inline void cosy_hrtimer_setup_on_stack(struct hrtimer *t,
					       enum hrtimer_restart (*fn)(struct hrtimer *),
					       clockid_t clock, enum hrtimer_mode mode)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 15, 0)
	hrtimer_setup_on_stack(t, fn, clock, mode);
#else
	hrtimer_init_on_stack(t, clock, mode);
	t->function = fn;
#endif
}

/*
 * Does TIF_NOTIFY_SIGNAL end the current task's interruptible waits?  Not
 * for a task that asked otherwise with PF_NO_NOTIFY_SIGNAL (a flag newer
 * kernels and some stable ones have).
 */
static inline bool cosy_notify_signal_interrupts(void)
{
#ifdef PF_NO_NOTIFY_SIGNAL
	return !(current->flags & PF_NO_NOTIFY_SIGNAL);
#else
	return true;
#endif
}

/* vm_flags became read-only behind vm_flags_*() in 6.3. */
static inline void cosy_vm_flags_clear(struct vm_area_struct *vma, unsigned long flags)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	vm_flags_clear(vma, flags);
#else
	vma->vm_flags &= ~flags;
#endif
}

/*
 * The bpf(2) commands a module may issue with kernel pointers (light
 * skeletons, bpf_sys_bpf()).  Exported on every kernel we build for
 * (BPF_INTERNAL namespace where bpf_map_get() is), declared in none of
 * their headers.
 */
int kern_sys_bpf(int cmd, union bpf_attr *attr, unsigned int size);

#endif /* COSY_COMPAT_H */
