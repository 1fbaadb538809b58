// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/cosy: compounds an administrator approved, for callers who may not
 * use bpf(2) (see include/cosy/dev.h for the interface).
 *
 * What the device adds to the bpf(2) path, and nothing else:
 *  - the verification: the module loads every approved entry itself, with
 *    CAP_BPF but without CAP_PERFMON or CAP_SYS_ADMIN in force, so the
 *    verifier applies the rules it applies to unprivileged programs (no
 *    pointer may leak, Spectre hardening, no bpf_sys_bpf()).  An approval
 *    holds only programs loaded that way: there is no other way in.
 *  - the segment: vmalloc_user() memory of the attachment, mapped through
 *    the device, instead of an array map named by fd.
 *  - the run: the kernel's own BPF_PROG_RUN code for syscall programs
 *    (prog->aux->ops->test_run), in the caller's task with the caller's
 *    credentials; the guard and every kfunc check apply unchanged, and the
 *    budgets are capped by the approval too.
 */
#include <linux/bpf.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/ctype.h>
#include <linux/filter.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched/signal.h>
#include <linux/sched/user.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>
#include <linux/vmalloc.h>
#include <cosy/dev.h>

#include "cosy_compat.h"
#include "cosy_internal.h"

struct cosy_approval {
	struct list_head node;		/* in cosy_approvals, until revoked */
	refcount_t ref;			/* the list's and each attachment's */
	char name[COSY_DEV_NAME_MAX];
	u32 nprogs;
	struct bpf_prog *progs[COSY_DEV_MAX_PROGS];
	char entries[COSY_DEV_MAX_PROGS][COSY_DEV_NAME_MAX];
	u32 args_size[COSY_DEV_MAX_PROGS];
	u64 seg_size;
	bool has_gid;
	kgid_t gid;
	u32 nuids;
	kuid_t uids[COSY_DEV_MAX_UIDS];
	struct cosy_budget caps;
	void *btf;			/* the object's BTF, for COSY_DEV_BTF, or NULL */
	u32 btf_size;
	bool revoked;
	atomic64_t runs;
	atomic_t attached;
};

static LIST_HEAD(cosy_approvals);
static DEFINE_MUTEX(cosy_approvals_lock);
static unsigned int cosy_napprovals;

/* An open /dev/cosy: attached to one approval at most, for good. */
struct cosy_devfile {
	struct mutex lock;		/* attach and mmap */
	struct cosy_approval *a;	/* set once (release), read with acquire */
	struct cosy_dseg *seg;
};

void cosy_dseg_put(struct cosy_dseg *d)
{
	if (refcount_dec_and_test(&d->ref)) {
		if (d->user) {
			atomic_long_sub(d->alloc >> PAGE_SHIFT, &d->user->locked_vm);
			free_uid(d->user);
		}
		vfree(d->mem);
		kfree(d);
	}
}

/*
 * A segment is memory the kernel keeps resident for as long as its
 * attachment lives, whatever the caller does: charged, as io_uring charges
 * its rings, to the user's RLIMIT_MEMLOCK (unless CAP_IPC_LOCK), or one
 * user could pin all memory four megabytes per open of the device.
 */
static int cosy_dseg_charge(struct cosy_dseg *d)
{
	unsigned long pages = d->alloc >> PAGE_SHIFT;
	unsigned long limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	struct user_struct *u = current_user();

	if (capable(CAP_IPC_LOCK))
		return 0;
	if (atomic_long_add_return(pages, &u->locked_vm) > limit) {
		atomic_long_sub(pages, &u->locked_vm);
		return -ENOMEM;
	}
	d->user = get_uid(u);
	return 0;
}

static void cosy_approval_put(struct cosy_approval *a)
{
	u32 i;

	if (!refcount_dec_and_test(&a->ref))
		return;
	for (i = 0; i < a->nprogs; i++)
		bpf_prog_put(a->progs[i]);
	kvfree(a->btf);
	kfree(a);
}

/* A name to attach by: [A-Za-z0-9_.-], 1 to 63 of them, NUL-terminated. */
static bool cosy_name_ok(const char *name)
{
	size_t i, n = strnlen(name, COSY_DEV_NAME_MAX);

	if (!n || n == COSY_DEV_NAME_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!isalnum(name[i]) && !strchr("_.-", name[i]))
			return false;
	return true;
}

static struct cosy_approval *cosy_approval_find(const char *name)
{
	struct cosy_approval *a;

	lockdep_assert_held(&cosy_approvals_lock);
	list_for_each_entry(a, &cosy_approvals, node)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

/* May the current task run `a`: a listed user, a member of its group, or root. */
static bool cosy_may_run(const struct cosy_approval *a)
{
	kuid_t euid = current_euid();
	u32 i;

	for (i = 0; i < a->nuids; i++)
		if (uid_eq(euid, a->uids[i]))
			return true;
	if (a->has_gid && in_egroup_p(a->gid))
		return true;
	return capable(CAP_SYS_ADMIN);
}

/*
 * The helpers an approved compound may call.  The syscall program type
 * offers the tracing helpers too (bpf_probe_read_kernel(),
 * bpf_get_current_task(), bpf_trace_printk(), ...) and the verifier does
 * not withhold them from a loader without CAP_PERFMON: they would read
 * kernel memory for any caller.  Only these, which touch nothing but the
 * program's own maps and the caller's own task and memory, pass.
 */
static bool cosy_helper_ok(s32 id)
{
	switch (id) {
	case BPF_FUNC_map_lookup_elem:
	case BPF_FUNC_map_update_elem:
	case BPF_FUNC_map_delete_elem:
	case BPF_FUNC_map_push_elem:
	case BPF_FUNC_map_pop_elem:
	case BPF_FUNC_map_peek_elem:
	case BPF_FUNC_for_each_map_elem:
	case BPF_FUNC_spin_lock:
	case BPF_FUNC_spin_unlock:
	case BPF_FUNC_loop:
	case BPF_FUNC_strncmp:
	case BPF_FUNC_ktime_get_ns:
	case BPF_FUNC_ktime_get_boot_ns:
	case BPF_FUNC_ktime_get_coarse_ns:
	case BPF_FUNC_jiffies64:
	case BPF_FUNC_get_prandom_u32:
	case BPF_FUNC_get_smp_processor_id:
	case BPF_FUNC_get_numa_node_id:
	case BPF_FUNC_get_current_pid_tgid:
	case BPF_FUNC_get_current_uid_gid:
	case BPF_FUNC_get_current_comm:
	case BPF_FUNC_copy_from_user:
		return true;
	default:
		return false;
	}
}

static bool cosy_insn_is_call(const struct bpf_insn *in, u8 src)
{
	return in->code == (BPF_JMP | BPF_CALL) && in->src_reg == src;
}

/*
 * Our own refusal, in the administrator's log buffer where the verifier
 * would have written: "cosy: ..." (cosy-load prints that line).
 */
__printf(2, 3)
static void cosy_refusal(const struct cosy_dev_approve *req, const char *fmt, ...)
{
	char msg[160];
	va_list ap;
	int n;

	if (!req->log_buf || !req->log_size)
		return;
	va_start(ap, fmt);
	n = vscnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	n = min_t(u32, n + 1, req->log_size);
	msg[n - 1] = 0;
	if (copy_to_user(u64_to_user_ptr(req->log_buf), msg, n))
		return;		/* the refusal stands; only its wording is lost */
}

/* Before the load: every helper call on the list above.  0 or -EACCES. */
static int cosy_check_helpers(const struct bpf_insn *insns, u32 cnt,
			      const struct cosy_dev_approve *req)
{
	u32 i;

	for (i = 0; i < cnt; i++)
		if (cosy_insn_is_call(&insns[i], 0) && !cosy_helper_ok(insns[i].imm)) {
			cosy_refusal(req, "cosy: insn %u calls BPF helper #%d, which /dev/cosy "
				     "does not offer to unprivileged callers\n", i, insns[i].imm);
			return -EACCES;
		}
	return 0;
}

/*
 * After the load: every kfunc the program calls is one of ours.  The
 * verifier has turned each kfunc call's imm into the function's offset
 * from __bpf_call_base (x86-64 and arm64 have no far kfunc calls), so the
 * translated program says where each call lands, whatever BTF the loader
 * named.  vmlinux's kfuncs for this program type include
 * bpf_rdonly_cast(), which reads any kernel address.  0 or -EACCES.
 */
static int cosy_check_kfuncs(const struct bpf_prog *prog, const struct cosy_dev_approve *req)
{
	u32 i;

	for (i = 0; i < prog->len; i++) {
		const struct bpf_insn *in = &prog->insnsi[i];
		unsigned long addr;

		if (!cosy_insn_is_call(in, BPF_PSEUDO_KFUNC_CALL))
			continue;
		addr = (unsigned long)__bpf_call_base + in->imm;
		if (!within_module(addr, THIS_MODULE)) {
			cosy_refusal(req, "cosy: it calls kfunc %ps, which is not one of "
				     "cosy's\n", (void *)addr);
			return -EACCES;
		}
	}
	return 0;
}

/*
 * BPF_PROG_LOAD of one entry as an unprivileged loader with CAP_BPF would
 * make it: CAP_SYS_ADMIN and CAP_PERFMON dropped for the call.  The new
 * program's fd lands in the caller's (the administrator's) fd table.
 */
static int cosy_load_unpriv(const struct cosy_dev_prog *p, const struct bpf_insn *insns,
			    const void *func_info, const void *line_info, const int *fd_array,
			    const struct cosy_dev_approve *req)
{
	union bpf_attr attr = {};
	const struct cred *old;
	struct cred *nc;
	int fd;

	attr.prog_type = BPF_PROG_TYPE_SYSCALL;
	attr.prog_flags = BPF_F_SLEEPABLE;
	attr.insn_cnt = p->insn_cnt;
	attr.insns = (u64)(unsigned long)insns;
	attr.license = (u64)(unsigned long)"GPL";
	attr.fd_array = (u64)(unsigned long)fd_array;
	attr.prog_btf_fd = p->prog_btf_fd;
	attr.func_info = (u64)(unsigned long)func_info;
	attr.func_info_cnt = p->func_info_cnt;
	attr.func_info_rec_size = p->func_info_rec_size;
	attr.line_info = (u64)(unsigned long)line_info;
	attr.line_info_cnt = p->line_info_cnt;
	attr.line_info_rec_size = p->line_info_rec_size;
	/* The log stays a user pointer on every kernel (bpf_check()). */
	attr.log_buf = req->log_buf;
	attr.log_size = req->log_size;
	attr.log_level = req->log_level;
	strscpy(attr.prog_name, p->entry, sizeof(attr.prog_name));

	nc = prepare_creds();
	if (!nc)
		return -ENOMEM;
	cap_lower(nc->cap_effective, CAP_SYS_ADMIN);
	cap_lower(nc->cap_effective, CAP_PERFMON);
	cap_raise(nc->cap_effective, CAP_BPF);
	old = override_creds(nc);
	fd = kern_sys_bpf(BPF_PROG_LOAD, &attr, sizeof(attr));
	revert_creds(old);
	put_cred(nc);
	return fd;
}

/* A user array of cnt records of rec bytes, in kernel memory (NULL if cnt is 0). */
static void *cosy_copy_records(u64 uptr, u32 cnt, u32 rec, u32 max_cnt, int *err)
{
	void *k;

	*err = 0;
	if (!cnt)
		return NULL;
	if (cnt > max_cnt || !rec || rec > 256) {
		*err = -EINVAL;
		return NULL;
	}
	k = kvmalloc_array(cnt, rec, GFP_KERNEL);
	if (!k) {
		*err = -ENOMEM;
		return NULL;
	}
	if (copy_from_user(k, u64_to_user_ptr(uptr), (size_t)cnt * rec)) {
		kvfree(k);
		*err = -EFAULT;
		return NULL;
	}
	return k;
}

/* Load entry i of `req` into a->progs[i]. */
static int cosy_approve_one(struct cosy_approval *a, u32 i, const struct cosy_dev_prog *p,
			    const int *fd_array, const struct cosy_dev_approve *req)
{
	void *insns, *finfo = NULL, *linfo = NULL;
	struct bpf_prog *prog;
	struct file *f;
	int fd, err;

	if (!cosy_name_ok(p->entry) || !p->insn_cnt || p->insn_cnt > BPF_COMPLEXITY_LIMIT_INSNS ||
	    p->args_size < sizeof(struct cosy_ctx) || p->args_size > U16_MAX)
		return -EINVAL;
	insns = cosy_copy_records(p->insns, p->insn_cnt, sizeof(struct bpf_insn),
				  BPF_COMPLEXITY_LIMIT_INSNS, &err);
	if (!err)
		finfo = cosy_copy_records(p->func_info, p->func_info_cnt, p->func_info_rec_size,
					  p->insn_cnt, &err);
	if (!err)
		linfo = cosy_copy_records(p->line_info, p->line_info_cnt, p->line_info_rec_size,
					  p->insn_cnt, &err);
	if (!err)
		err = cosy_check_helpers(insns, p->insn_cnt, req);
	fd = err ?: cosy_load_unpriv(p, insns, finfo, linfo, fd_array, req);
	kvfree(insns);
	kvfree(finfo);
	kvfree(linfo);
	if (fd < 0)
		return fd;
	prog = bpf_prog_get_type_dev(fd, BPF_PROG_TYPE_SYSCALL, false);
	/* Our fd, unless another thread of the caller's has closed it since. */
	f = fget(fd);
	if (f) {
		cosy_close_fd_if(fd, f);
		fput(f);
	}
	if (IS_ERR(prog))
		return PTR_ERR(prog);
	/* Not ours after all (the fd was reused): refuse rather than guess. */
	if (!cosy_prog_sleepable(prog) || !prog->aux->ops->test_run ||
	    strncmp(prog->aux->name, p->entry, sizeof(prog->aux->name) - 1)) {
		bpf_prog_put(prog);
		return -EBADF;
	}
	if (cosy_check_kfuncs(prog, req)) {
		bpf_prog_put(prog);
		return -EACCES;
	}
	a->progs[i] = prog;
	a->nprogs = i + 1;
	strscpy(a->entries[i], p->entry, sizeof(a->entries[i]));
	a->args_size[i] = p->args_size;
	return 0;
}

static long cosy_dev_approve(struct cosy_dev_approve __user *ureq)
{
	struct cosy_dev_approve req;
	struct cosy_dev_prog *progs = NULL;
	struct cosy_approval *a;
	int *fd_array = NULL;
	long err;
	u32 i;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (!cosy_name_ok(req.name) || !req.nprogs || req.nprogs > COSY_DEV_MAX_PROGS ||
	    req.nuids > COSY_DEV_MAX_UIDS || req.fd_array_cnt > 64 ||
	    req.seg_size > COSY_SEG_MAX || req.btf_size > COSY_DEV_BTF_MAX)
		return -EINVAL;
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	progs = kcalloc(req.nprogs, sizeof(*progs), GFP_KERNEL);
	fd_array = kcalloc(req.fd_array_cnt ?: 1, sizeof(*fd_array), GFP_KERNEL);
	err = -ENOMEM;
	if (a)
		refcount_set(&a->ref, 1);	/* every way out puts it */
	if (!a || !progs || !fd_array)
		goto out;
	err = -EFAULT;
	if (copy_from_user(progs, u64_to_user_ptr(req.progs), req.nprogs * sizeof(*progs)) ||
	    copy_from_user(fd_array, u64_to_user_ptr(req.fd_array),
			   req.fd_array_cnt * sizeof(*fd_array)))
		goto out;

	if (req.btf_size) {
		/* kept for user-space tools only: the kernel never parses it */
		a->btf = vmemdup_user(u64_to_user_ptr(req.btf), req.btf_size);
		if (IS_ERR(a->btf)) {
			err = PTR_ERR(a->btf);
			a->btf = NULL;
			goto out;
		}
		a->btf_size = req.btf_size;
	}
	strscpy(a->name, req.name, sizeof(a->name));
	a->seg_size = req.seg_size;
	a->caps = req.caps;
	err = -EINVAL;
	if (req.gid != COSY_DEV_NO_GID) {
		a->gid = make_kgid(current_user_ns(), req.gid);
		if (!gid_valid(a->gid))
			goto out;
		a->has_gid = true;
	}
	for (i = 0; i < req.nuids; i++) {
		a->uids[i] = make_kuid(current_user_ns(), req.uids[i]);
		if (!uid_valid(a->uids[i]))
			goto out;
	}
	a->nuids = req.nuids;
	for (i = 0; i < req.nprogs; i++) {
		progs[i].entry[COSY_DEV_NAME_MAX - 1] = 0;
		err = cosy_approve_one(a, i, &progs[i], fd_array, &req);
		if (err) {
			put_user(i, &ureq->failed);
			goto out;
		}
	}

	mutex_lock(&cosy_approvals_lock);
	if (cosy_approval_find(a->name))
		err = -EEXIST;
	else if (cosy_napprovals >= COSY_DEV_MAX_APPROVALS)
		err = -ENOSPC;
	else {
		list_add_tail(&a->node, &cosy_approvals);
		cosy_napprovals++;
		a = NULL;
		err = 0;
	}
	mutex_unlock(&cosy_approvals_lock);
out:
	if (a)
		cosy_approval_put(a);
	kfree(progs);
	kfree(fd_array);
	return err;
}

/* New attachments and runs are refused at once; runs in progress finish. */
static long cosy_dev_revoke(const char __user *uname)
{
	char name[COSY_DEV_NAME_MAX];
	struct cosy_approval *a;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (copy_from_user(name, uname, sizeof(name)))
		return -EFAULT;
	name[sizeof(name) - 1] = 0;
	mutex_lock(&cosy_approvals_lock);
	a = cosy_approval_find(name);
	if (a) {
		list_del(&a->node);
		cosy_napprovals--;
		WRITE_ONCE(a->revoked, true);
	}
	mutex_unlock(&cosy_approvals_lock);
	if (!a)
		return -ENOENT;
	cosy_approval_put(a);
	return 0;
}

static long cosy_dev_info(struct cosy_dev_info __user *uinfo)
{
	struct cosy_dev_info *info;
	struct cosy_approval *a;
	u32 i, n = 0;
	long err = -ENOENT;

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	if (copy_from_user(info, uinfo, offsetofend(struct cosy_dev_info, name))) {
		kfree(info);
		return -EFAULT;
	}
	info->name[COSY_DEV_NAME_MAX - 1] = 0;
	mutex_lock(&cosy_approvals_lock);
	list_for_each_entry(a, &cosy_approvals, node) {
		if (info->name[0] ? strcmp(a->name, info->name) : n++ != info->index)
			continue;
		strscpy(info->name, a->name, sizeof(info->name));
		info->nprogs = a->nprogs;
		for (i = 0; i < a->nprogs; i++) {
			strscpy(info->entries[i], a->entries[i], sizeof(info->entries[i]));
			info->prog_ids[i] = a->progs[i]->aux->id;
			info->args_size[i] = a->args_size[i];
		}
		info->seg_size = a->seg_size;
		info->gid = a->has_gid ? from_kgid_munged(current_user_ns(), a->gid) : COSY_DEV_NO_GID;
		info->nuids = a->nuids;
		for (i = 0; i < a->nuids; i++)
			info->uids[i] = from_kuid_munged(current_user_ns(), a->uids[i]);
		info->caps = a->caps;
		info->runs = atomic64_read(&a->runs);
		info->attached = atomic_read(&a->attached);
		info->may_run = cosy_may_run(a);
		err = 0;
		break;
	}
	mutex_unlock(&cosy_approvals_lock);
	if (!err && copy_to_user(uinfo, info, sizeof(*info)))
		err = -EFAULT;
	kfree(info);
	return err;
}

/* The approval's BTF, to those who may run it. */
static long cosy_dev_btf(struct cosy_dev_btf __user *ureq)
{
	struct cosy_dev_btf req;
	struct cosy_approval *a;
	long err = 0;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	req.name[COSY_DEV_NAME_MAX - 1] = 0;
	mutex_lock(&cosy_approvals_lock);
	a = cosy_approval_find(req.name);
	if (!a)
		err = -ENOENT;
	else if (!cosy_may_run(a))
		err = -EACCES;
	else if (!a->btf)
		err = -ENODATA;
	else
		refcount_inc(&a->ref);	/* copied out without the lock */
	mutex_unlock(&cosy_approvals_lock);
	if (err)
		return err;
	if (req.size < a->btf_size)
		err = -ENOSPC;
	else if (copy_to_user(u64_to_user_ptr(req.buf), a->btf, a->btf_size))
		err = -EFAULT;
	if ((!err || err == -ENOSPC) && put_user(a->btf_size, &ureq->size))
		err = -EFAULT;
	cosy_approval_put(a);
	return err;
}

static long cosy_dev_attach(struct cosy_devfile *df, struct cosy_dev_attach __user *ureq)
{
	struct cosy_dev_attach req;
	struct cosy_approval *a;
	struct cosy_dseg *seg;
	long err;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	req.name[COSY_DEV_NAME_MAX - 1] = 0;
	mutex_lock(&cosy_approvals_lock);
	a = cosy_approval_find(req.name);
	if (a)
		refcount_inc(&a->ref);
	mutex_unlock(&cosy_approvals_lock);
	/* Not approved (or revoked): the administrator's decision, not a typo. */
	if (!a)
		return -EPERM;
	err = -EACCES;
	if (!cosy_may_run(a))
		goto put;
	err = -EINVAL;
	if (!req.seg_size)
		req.seg_size = a->seg_size;
	if (req.seg_size < a->seg_size || !req.seg_size)
		goto put;
	err = -E2BIG;
	if (req.seg_size > COSY_SEG_MAX)
		goto put;
	err = -ENOMEM;
	seg = kzalloc(sizeof(*seg), GFP_KERNEL);
	if (!seg)
		goto put;
	refcount_set(&seg->ref, 1);
	seg->size = req.seg_size;
	seg->alloc = PAGE_ALIGN(req.seg_size);
	err = cosy_dseg_charge(seg);
	if (err) {
		kfree(seg);
		goto put;
	}
	err = -ENOMEM;
	seg->mem = vmalloc_user(seg->alloc);
	if (!seg->mem) {
		cosy_dseg_put(seg);
		goto put;
	}
	mutex_lock(&df->lock);
	if (df->a) {
		mutex_unlock(&df->lock);
		cosy_dseg_put(seg);
		err = -EBUSY;
		goto put;
	}
	df->seg = seg;
	smp_store_release(&df->a, a);
	atomic_inc(&a->attached);
	mutex_unlock(&df->lock);
	req.nprogs = a->nprogs;
	if (copy_to_user(ureq, &req, sizeof(req)))
		return -EFAULT;		/* attached all the same: close to undo */
	return 0;
put:
	cosy_approval_put(a);
	return err;
}

static long cosy_dev_run(struct cosy_devfile *df, struct cosy_dev_run __user *urun)
{
	struct cosy_approval *a = smp_load_acquire(&df->a);
	union bpf_attr kattr = {};
	struct cosy_dev_run run;
	struct bpf_prog *prog;
	int err;

	BUILD_BUG_ON(offsetof(struct cosy_dev_run, retval) !=
		     offsetof(union bpf_attr, test.retval));
	BUILD_BUG_ON(sizeof(struct cosy_dev_run) < offsetofend(union bpf_attr, test));
	if (!a)
		return -EBADFD;
	if (copy_from_user(&run, urun, offsetofend(struct cosy_dev_run, flags)))
		return -EFAULT;
	if (run.flags || run.entry >= a->nprogs)
		return -EINVAL;
	if (READ_ONCE(a->revoked))
		return -EPERM;
	/* Membership may have changed since the attach (setgroups, setuid). */
	if (!cosy_may_run(a))
		return -EACCES;
	prog = a->progs[run.entry];
	kattr.test.ctx_in = run.args;
	kattr.test.ctx_size_in = run.args_size;
	err = cosy_run_start_dev(df->seg, &a->caps);
	if (err)
		return err;
	atomic64_inc(&a->runs);
	/* bpf_prog_test_run_syscall(): copies the args in and back, writes retval */
	return prog->aux->ops->test_run(prog, &kattr, (union bpf_attr __user *)urun);
}

static long cosy_dev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct cosy_devfile *df = file->private_data;
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case COSY_DEV_RUN:
		return cosy_dev_run(df, argp);
	case COSY_DEV_ATTACH:
		return cosy_dev_attach(df, argp);
	case COSY_DEV_INFO:
		return cosy_dev_info(argp);
	case COSY_DEV_APPROVE:
		return cosy_dev_approve(argp);
	case COSY_DEV_REVOKE:
		return cosy_dev_revoke(argp);
	case COSY_DEV_BTF:
		return cosy_dev_btf(argp);
	default:
		return -ENOTTY;
	}
}

/*
 * The segment, at offset 0, shared and never executable.  The mapping
 * holds the file, and with it the segment, until it is unmapped.
 */
static int cosy_dev_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct cosy_devfile *df = file->private_data;
	int err;

	mutex_lock(&df->lock);
	err = -EBADFD;
	if (!df->a)
		goto out;
	err = -EINVAL;
	if (!(vma->vm_flags & VM_SHARED) || vma->vm_pgoff ||
	    vma->vm_end - vma->vm_start > df->seg->alloc)
		goto out;
	err = -EPERM;
	if (vma->vm_flags & VM_EXEC)
		goto out;
	cosy_vm_flags_clear(vma, VM_MAYEXEC);
	err = remap_vmalloc_range(vma, df->seg->mem, 0);
	/* An identity only, for cosy_dev_vma(); never dereferenced. */
	vma->vm_private_data = df->seg;
out:
	mutex_unlock(&df->lock);
	return err;
}

static const struct file_operations cosy_dev_fops;

/*
 * A mapping of segment d made through /dev/cosy.  Should d be freed and
 * another segment take its address while an old mapping survives (its
 * pages do), the I/O would land in the old pages: the caller's own memory,
 * so only the caller's own view suffers, as it chose.
 */
bool cosy_dev_vma(const struct vm_area_struct *vma, const struct cosy_dseg *d)
{
	return d && vma->vm_private_data == d && vma->vm_file &&
	       vma->vm_file->f_op == &cosy_dev_fops;
}

static int cosy_dev_open(struct inode *inode, struct file *file)
{
	struct cosy_devfile *df = kzalloc(sizeof(*df), GFP_KERNEL);

	if (!df)
		return -ENOMEM;
	mutex_init(&df->lock);
	file->private_data = df;
	return 0;
}

static int cosy_dev_release(struct inode *inode, struct file *file)
{
	struct cosy_devfile *df = file->private_data;

	if (df->a) {
		atomic_dec(&df->a->attached);
		cosy_approval_put(df->a);
		cosy_dseg_put(df->seg);
	}
	mutex_destroy(&df->lock);
	kfree(df);
	return 0;
}

static const struct file_operations cosy_dev_fops = {
	.owner = THIS_MODULE,
	.open = cosy_dev_open,
	.release = cosy_dev_release,
	.unlocked_ioctl = cosy_dev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = cosy_dev_mmap,
	.llseek = noop_llseek,
};

/* Root only until the administrator says otherwise (chgrp/chmod, udev). */
static struct miscdevice cosy_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "cosy",
	.fops = &cosy_dev_fops,
	.mode = 0600,
};

int cosy_dev_init(void)
{
	return misc_register(&cosy_miscdev);
}

/*
 * An approval holds programs that call the module's kfuncs, and each of
 * them a reference on the module: none is left when we get here.
 */
void cosy_dev_exit(void)
{
	misc_deregister(&cosy_miscdev);
	WARN_ON(!list_empty(&cosy_approvals));
}
