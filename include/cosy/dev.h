/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * /dev/cosy: compounds for callers who may not use bpf(2).
 *
 * An administrator approves a compound by name (COSY_DEV_APPROVE): the
 * module loads each entry itself, with CAP_BPF but without CAP_PERFMON and
 * CAP_SYS_ADMIN, so the verifier applies its unprivileged rules (no kernel
 * address may reach the caller, Spectre hardening), and keeps the programs.
 * A process of an approved user or group opens the device, attaches to the
 * compound (COSY_DEV_ATTACH), maps the segment the module allocated for it
 * (mmap of the device, MAP_SHARED, offset 0) and runs entries with its args
 * (COSY_DEV_RUN), exactly as BPF_PROG_RUN would: in its own task, with its
 * own credentials, under the same guard.
 *
 * Fixed-width types only; every struct may grow at the end.
 */
#ifndef COSY_DEV_H
#define COSY_DEV_H

#include <cosy/abi.h>
#if !defined(__KERNEL__)
#include <linux/ioctl.h>
#endif

#define COSY_DEV_PATH		"/dev/cosy"
#define COSY_DEV_NAME_MAX	64u	/* a compound's or an entry's name, with the NUL */
#define COSY_DEV_MAX_PROGS	32u	/* entries of one approval */
#define COSY_DEV_MAX_UIDS	16u
#define COSY_DEV_NO_GID		0xffffffffu	/* gid: no group, only the uids listed */
#define COSY_DEV_MAX_APPROVALS	64u

/*
 * One entry of an approval: the program exactly as libbpf loaded it for
 * the administrator (the fields of its BPF_PROG_LOAD), to be loaded again
 * under the unprivileged rules.  The fds are the administrator's.
 */
struct cosy_dev_prog {
	char entry[COSY_DEV_NAME_MAX];	/* its name (the program's, in bpftool: 15 chars) */
	__u64 insns;		/* struct bpf_insn[], relocated */
	__u32 insn_cnt;
	__u32 args_size;	/* sizeof its args struct (ctx) */
	__u32 prog_btf_fd;	/* the object's BTF: callbacks need func_info */
	__u32 func_info_rec_size;
	__u64 func_info;
	__u32 func_info_cnt;
	__u32 line_info_rec_size;
	__u64 line_info;
	__u32 line_info_cnt;
	__u32 __pad;
};

struct cosy_dev_approve {
	char name[COSY_DEV_NAME_MAX];	/* in: what callers attach to */
	__u64 progs;		/* in: struct cosy_dev_prog[nprogs] */
	__u32 nprogs;		/* in */
	__u32 fd_array_cnt;	/* in */
	__u64 fd_array;		/* in: int[]: the BTF fds kfunc calls name (insn off) */
	__u64 seg_size;		/* in: the segment a run needs */
	__u32 gid;		/* in: this group may run it, or COSY_DEV_NO_GID */
	__u32 nuids;		/* in */
	__u32 uids[COSY_DEV_MAX_UIDS];	/* in: and these users */
	struct cosy_budget caps;	/* in: caps on what a run may ask; 0: the module's */
	__u64 log_buf;		/* in: the verifier's log for a refused entry, or 0 */
	__u32 log_size;		/* in */
	__u32 log_level;	/* in: 0 keeps only the failure (log_buf must be set) */
	__u32 failed;		/* out: the index of the entry the verifier refused */
	__u32 btf_size;		/* in: bytes at btf (at most COSY_DEV_BTF_MAX), or 0 */
	__u64 btf;		/* in: the object's BTF, raw: what COSY_DEV_BTF hands out */
};

/*
 * The approved object's BTF, for tools of the callers who may run it
 * (cosy-load run names the args fields by it): they may not fetch it by
 * id.  size in: buf's room; out: the BTF's size (-ENOSPC if it did not
 * fit, -ENODATA if the approval has none).
 */
#define COSY_DEV_BTF_MAX	(4u << 20)
struct cosy_dev_btf {
	char name[COSY_DEV_NAME_MAX];	/* in */
	__u64 buf;		/* in */
	__u32 size;		/* in/out */
	__u32 __pad;
};

/* Listing: index 0, 1, ... until -ENOENT; or by name if name[0]. */
struct cosy_dev_info {
	__u32 index;		/* in */
	__u32 nprogs;		/* out */
	char name[COSY_DEV_NAME_MAX];	/* in/out */
	char entries[COSY_DEV_MAX_PROGS][COSY_DEV_NAME_MAX];	/* out */
	__u32 prog_ids[COSY_DEV_MAX_PROGS];	/* out: bpftool prog show id N */
	__u32 args_size[COSY_DEV_MAX_PROGS];	/* out */
	__u64 seg_size;		/* out */
	__u32 gid;		/* out */
	__u32 nuids;		/* out */
	__u32 uids[COSY_DEV_MAX_UIDS];	/* out */
	struct cosy_budget caps;	/* out: the caps in force (with the module's) */
	__u64 runs;		/* out: runs begun */
	__u32 attached;		/* out: open attachments */
	__u32 may_run;		/* out: may the caller run it? */
};

struct cosy_dev_attach {
	char name[COSY_DEV_NAME_MAX];	/* in */
	__u64 seg_size;		/* in: at least the approval's, 0 for exactly that; out */
	__u32 nprogs;		/* out */
	__u32 __pad;
};

/*
 * One run.  The module hands this struct to the kernel's own BPF_PROG_RUN
 * code as its union bpf_attr: retval sits where that keeps test.retval
 * (offset 4), and the struct is as long as the attr's test part, which
 * that code may write (__reserved is never read).
 */
struct cosy_dev_run {
	__u32 entry;		/* in: its index (cosy_dev_info.entries) */
	__u32 retval;		/* out: what the entry returned */
	__u64 args;		/* in: the args struct (starts with struct cosy_ctx); copied back */
	__u32 args_size;	/* in */
	__u32 flags;		/* in: 0 */
	__u8 __reserved[104];
};

#define COSY_DEV_IOC_MAGIC	0xC5
#define COSY_DEV_APPROVE	_IOWR(COSY_DEV_IOC_MAGIC, 1, struct cosy_dev_approve)
#define COSY_DEV_REVOKE		_IOW(COSY_DEV_IOC_MAGIC, 2, char[COSY_DEV_NAME_MAX])
#define COSY_DEV_INFO		_IOWR(COSY_DEV_IOC_MAGIC, 3, struct cosy_dev_info)
#define COSY_DEV_ATTACH		_IOWR(COSY_DEV_IOC_MAGIC, 4, struct cosy_dev_attach)
#define COSY_DEV_RUN		_IOWR(COSY_DEV_IOC_MAGIC, 5, struct cosy_dev_run)
#define COSY_DEV_BTF		_IOWR(COSY_DEV_IOC_MAGIC, 6, struct cosy_dev_btf)

#endif
