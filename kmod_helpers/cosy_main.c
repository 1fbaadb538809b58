// SPDX-License-Identifier: GPL-2.0
/*
 * cosy.ko: kfuncs that let a BPF_PROG_TYPE_SYSCALL compound do file I/O on
 * its shared segment, behind the segmentation guard.
 *
 * Unload: a loaded program that calls these kfuncs holds a reference on the
 * module (taken by the verifier through the module's BTF), so rmmod is
 * refused while any compound is loaded or pinned.
 */
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/init.h>
#include <linux/module.h>

#include "cosy_compat.h"
#include "cosy_internal.h"

/* Caps on the budgets a caller may ask for; 0 = uncapped. */
struct cosy_budget cosy_caps = {
	.time_ns = 60ull * NSEC_PER_SEC,
	.calls = 1ull << 26,
	.bytes = 1ull << 40,
};
module_param_named(max_time_ns, cosy_caps.time_ns, ullong, 0644);
MODULE_PARM_DESC(max_time_ns, "Cap on a run's wall-time budget (ns)");
module_param_named(max_calls, cosy_caps.calls, ullong, 0644);
MODULE_PARM_DESC(max_calls, "Cap on a run's kfunc-call budget");
module_param_named(max_bytes, cosy_caps.bytes, ullong, 0644);
MODULE_PARM_DESC(max_bytes, "Cap on a run's bytes-moved budget");
/*
 * A run that may yield (COSY_CTX_F_YIELD) is asked to after this long, so
 * that the caller's signals are handled and a stop takes effect within
 * about a slice.  0: at every cosy_check() but a run's first (tests).
 */
unsigned int cosy_yield_us = 20000;
module_param_named(yield_us, cosy_yield_us, uint, 0644);
MODULE_PARM_DESC(yield_us, "Slice after which a run that may yield is asked to (us)");
/*
 * Off: every open and fstatat walks its path as the syscalls do (cosy_io.c,
 * cosy_open_fast(); cosy_fs.c, cosy_fstatat_child()).
 */
bool cosy_fast_lookup = true;
module_param_named(fast_lookup, cosy_fast_lookup, bool, 0644);
MODULE_PARM_DESC(fast_lookup, "Answer read-only opens and fstatat of plain paths from the dcache (1)");

COSY_KFUNCS_START(cosy_kfunc_ids)
BTF_ID_FLAGS(func, cosy_session_begin, KF_ACQUIRE | KF_RET_NULL | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_session_end, KF_RELEASE | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_open, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_close, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_read, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_write, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_pread, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_pwrite, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_lseek, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_keep, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_check, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_data, KF_TRUSTED_ARGS | KF_RET_NULL | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_openat, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_fstat, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_fstatat, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_getdents, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_copy, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_grep, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_memcpy, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_memset, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_memchr, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_memccpy, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_memmem, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_unlinkat, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_fsync, KF_TRUSTED_ARGS | KF_SLEEPABLE)
BTF_ID_FLAGS(func, cosy_ftruncate, KF_TRUSTED_ARGS | KF_SLEEPABLE)
/* Read the session's state only: they never sleep. */
BTF_ID_FLAGS(func, cosy_at, KF_TRUSTED_ARGS | KF_RET_NULL)
BTF_ID_FLAGS(func, cosy_errno, KF_TRUSTED_ARGS)
BTF_ID_FLAGS(func, cosy_stopped, KF_TRUSTED_ARGS)
COSY_KFUNCS_END(cosy_kfunc_ids)

static const struct btf_kfunc_id_set cosy_kfunc_set = {
	.owner = THIS_MODULE,
	.set = &cosy_kfunc_ids,
};

static int __init cosy_init(void)
{
	int err;

	/*
	 * Without module BTF this "succeeds" and the kfuncs silently do not
	 * exist; the build refuses a .ko without .BTF for that reason.
	 */
	err = register_btf_kfunc_id_set(BPF_PROG_TYPE_SYSCALL, &cosy_kfunc_set);
	if (err) {
		pr_err("cosy: registering kfuncs failed: %d\n", err);
		return err;
	}
	/* 6.1 cannot unregister the kfuncs: they stay with the module's BTF. */
	err = cosy_dev_init();
	if (err)
		pr_err("cosy: registering /dev/cosy failed: %d\n", err);
	return err;
}

static void __exit cosy_exit(void)
{
	/*
	 * 6.1 has no unregister: the kfunc set goes with the module's BTF.
	 * A task whose run ended may not have returned to user space yet;
	 * its cosy_run_done() holds a module reference, so we get here only
	 * after it ran, but wait for its last instructions all the same.
	 */
	cosy_dev_exit();
	cosy_runs_drain();
}

module_init(cosy_init);
module_exit(cosy_exit);
MODULE_LICENSE("GPL");
COSY_IMPORT_NS();
MODULE_DESCRIPTION("cosy: kfuncs and segmentation guard for compound system calls");
MODULE_AUTHOR("The cosy developers");
