// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * /dev/cosy from user space: approving a compound (administrators) and,
 * for callers without bpf(2), attaching to one and running its entries.
 * See include/cosy/dev.h for what the module does with each request.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/capability.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "libcosy_internal.h"

int cosy_module_btf_fd(void)
{
	__u32 id = 0;

	while (!bpf_btf_get_next_id(id, &id)) {
		struct bpf_btf_info info = {};
		__u32 len = sizeof(info);
		char name[64] = "";
		int fd = bpf_btf_get_fd_by_id(id);

		if (fd < 0)
			continue;	/* gone meanwhile */
		info.name = (__u64)(unsigned long)name;
		info.name_len = sizeof(name);
		if (!bpf_obj_get_info_by_fd(fd, &info, &len) && info.kernel_btf &&
		    !strcmp(name, "cosy"))
			return fd;
		close(fd);
	}
	return errno == ENOENT ? -ENOENT : -errno;
}

int cosy_module_id(void)
{
	struct bpf_btf_info info = {};
	__u32 len = sizeof(info);
	int fd = cosy_module_btf_fd(), err;

	if (fd < 0)
		return fd;
	err = bpf_obj_get_info_by_fd(fd, &info, &len) ? -errno : (int)info.id;
	close(fd);
	return err;
}

int cosy_dev_open(int flags)
{
	const char *path = getenv("COSY_DEV");
	int fd = open(path && *path ? path : COSY_DEV_PATH, flags | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int cosy_dev_approve(const struct cosy_approval *a, struct cosy_dev_prog *progs, int n,
		     const int *fd_array, __u32 fd_array_cnt, __u64 seg_size,
		     char *log, size_t log_size, int *failed)
{
	struct cosy_dev_approve req = {};
	int dev, err = 0;

	*failed = -1;
	if (strlen(a->name) >= COSY_DEV_NAME_MAX || a->nuids > COSY_DEV_MAX_UIDS)
		return -EINVAL;
	dev = cosy_dev_open(O_RDWR);
	if (dev < 0)
		return dev;
	snprintf(req.name, sizeof(req.name), "%s", a->name);
	req.progs = (__u64)(unsigned long)progs;
	req.nprogs = n;
	req.fd_array = (__u64)(unsigned long)fd_array;
	req.fd_array_cnt = fd_array_cnt;
	req.seg_size = seg_size;
	req.gid = a->gid;
	req.nuids = a->nuids;
	memcpy(req.uids, a->uids, a->nuids * sizeof(a->uids[0]));
	req.caps = a->caps;
	req.btf = (__u64)(unsigned long)a->btf;
	req.btf_size = a->btf_size;
	if (ioctl(dev, COSY_DEV_APPROVE, &req)) {
		err = -errno;
		*failed = req.failed < (__u32)n ? (int)req.failed : -1;
		/* Again with the verifier's log, as libbpf does, for the refused entry. */
		if (log && log_size && *failed >= 0) {
			log[0] = 0;
			req.log_buf = (__u64)(unsigned long)log;
			req.log_size = log_size;
			req.log_level = 1;
			/* Passed this time after all: withdraw it, report the first refusal. */
			if (ioctl(dev, COSY_DEV_APPROVE, &req) == 0)
				ioctl(dev, COSY_DEV_REVOKE, req.name);
		}
	}
	close(dev);
	return err;
}

int cosy_dev_revoke(const char *name)
{
	char buf[COSY_DEV_NAME_MAX] = "";
	int dev, err = 0;

	if (strlen(name) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, name);
	dev = cosy_dev_open(O_RDWR);
	if (dev < 0)
		return dev;
	if (ioctl(dev, COSY_DEV_REVOKE, buf))
		err = -errno;
	close(dev);
	return err;
}

int cosy_dev_info(int dev, __u32 index, const char *name, struct cosy_dev_info *info)
{
	memset(info, 0, sizeof(*info));
	info->index = index;
	if (name)
		snprintf(info->name, sizeof(info->name), "%s", name);
	return ioctl(dev, COSY_DEV_INFO, info) ? -errno : 0;
}

bool cosy_may_bpf(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2] = {};
	const char *via = getenv("COSY_VIA");

	/* for tests and for root who wants to see the device path */
	if (via && !strcmp(via, "dev"))
		return false;
	if (syscall(SYS_capget, &h, d))
		return true;	/* then bpf(2) will say */
	return (d[CAP_BPF / 32].effective & (1u << (CAP_BPF % 32))) ||
	       (d[CAP_SYS_ADMIN / 32].effective & (1u << (CAP_SYS_ADMIN % 32)));
}

/* ATTACH on a new open of the device, and the segment mapped. */
static struct cosy_segment *cosy_dev_attach(const char *name, size_t seg_size)
{
	struct cosy_dev_attach req = {};
	long page = sysconf(_SC_PAGESIZE);
	struct cosy_segment *seg;
	int err;

	seg = calloc(1, sizeof(*seg));
	if (!seg)
		return cosy_err_ptr(-ENOMEM);
	seg->fd = -1;
	seg->dev_fd = cosy_dev_open(O_RDWR);
	if (seg->dev_fd < 0) {
		err = seg->dev_fd;
		cosy_pr(COSY_WARN, "cosy: %s: this process may not use bpf(2), and %s: %s%s\n",
			name, COSY_DEV_PATH, strerror(-err),
			err == -ENOENT ? " (is the cosy module loaded?)" :
			err == -EACCES ? " (the administrator decides who may open it)" : "");
		free(seg);
		return cosy_err_ptr(err);
	}
	{
		struct stat st;

		seg->dev_ino = fstat(seg->dev_fd, &st) ? 0 : (unsigned long long)st.st_ino;
	}
	snprintf(req.name, sizeof(req.name), "%s", name);
	snprintf(seg->dev_name, sizeof(seg->dev_name), "%s", name);
	req.seg_size = seg_size;
	if (ioctl(seg->dev_fd, COSY_DEV_ATTACH, &req)) {
		err = -errno;
		if (err == -EPERM)
			cosy_pr(COSY_WARN, "cosy: %s is not approved for callers without CAP_BPF "
				"(an administrator approves it: cosy-load approve FILE name %s "
				"group GROUP)\n", name, name);
		else if (err == -EACCES)
			cosy_pr(COSY_WARN, "cosy: %s is approved, but not for this user "
				"(cosy-load list shows for whom)\n", name);
		else if (err == -ENOMEM)
			cosy_pr(COSY_WARN, "cosy: %s: its segment would pass this user's "
				"locked-memory limit (ulimit -l)\n", name);
		else
			cosy_pr(COSY_WARN, "cosy: %s: attaching through %s: %s\n", name,
				COSY_DEV_PATH, strerror(-err));
		goto fail;
	}
	seg->size = req.seg_size;
	seg->map_len = (req.seg_size + page - 1) & ~(size_t)(page - 1);
	seg->mem = mmap(NULL, seg->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, seg->dev_fd, 0);
	if (seg->mem == MAP_FAILED) {
		err = -errno;
		cosy_pr(COSY_WARN, "cosy: %s: cannot map its segment: %s\n", name, strerror(-err));
		goto fail;
	}
	return seg;
fail:
	close(seg->dev_fd);
	free(seg);
	return cosy_err_ptr(err);
}

struct cosy_compound *cosy_dev_open_compound(const char *name, const struct cosy_open_opts *opts)
{
	const char *entry = COSY_OPTS_GET(opts, entry, NULL);
	struct cosy_dev_info *info;
	struct cosy_compound *c = NULL;
	__u32 i;
	int err;

	if (strlen(name) >= COSY_DEV_NAME_MAX)
		return cosy_err_ptr(-ENAMETOOLONG);
	info = calloc(1, sizeof(*info));
	if (!info)
		return cosy_err_ptr(-ENOMEM);
	/* the attachment first: it says why, if this process may not */
	c = cosy_compound_alloc(COSY_DEV_MAX_PROGS);
	err = c ? 0 : -ENOMEM;
	if (!err) {
		c->dev = true;
		snprintf(c->name, sizeof(c->name), "%s", name);
		snprintf(c->base, sizeof(c->base), "%s", name);
		c->seg = cosy_dev_attach(name, COSY_OPTS_GET(opts, seg_size, 0));
		err = c->seg ? cosy_dev_info(c->seg->dev_fd, 0, name, info) : -errno;
	}
	if (err)
		goto fail;
	c->seg_size = c->seg->size;
	for (i = 0; i < info->nprogs; i++) {
		struct cosy_entry *e = &c->entries[c->nentries];

		if (entry && strcmp(entry, info->entries[i]))
			continue;
		snprintf(e->name, sizeof(e->name), "%s", info->entries[i]);
		e->fd = -1;
		e->dev_index = i;
		e->args_size = info->args_size[i];
		c->nentries++;
	}
	if (!c->nentries) {
		cosy_pr(COSY_WARN, "cosy: %s: no entry '%s' in the approval\n", name, entry);
		err = -ENOENT;
		goto fail;
	}
	c->one_entry = entry != NULL;
	free(info);
	cosy_pr(COSY_INFO, "cosy: %s: attached through %s\n", name, COSY_DEV_PATH);
	return c;
fail:
	free(info);
	cosy_compound__close(c);
	return cosy_err_ptr(err);
}

struct btf *cosy_dev_btf(const struct cosy_compound *c)
{
	struct cosy_dev_btf req = {};
	struct btf *btf = NULL;
	void *buf = NULL;
	int err = 0;

	snprintf(req.name, sizeof(req.name), "%s", c->name);
	/* the size first (-ENOSPC), then the bytes */
	if (ioctl(c->seg->dev_fd, COSY_DEV_BTF, &req) && errno != ENOSPC) {
		err = -errno;
		goto out;
	}
	buf = malloc(req.size ?: 1);
	if (!buf) {
		err = -ENOMEM;
		goto out;
	}
	req.buf = (__u64)(unsigned long)buf;
	if (ioctl(c->seg->dev_fd, COSY_DEV_BTF, &req)) {
		err = -errno;
		goto out;
	}
	btf = btf__new(buf, req.size);
	err = libbpf_get_error(btf);
	if (err)
		btf = NULL;
out:
	free(buf);
	if (err)
		errno = -err;
	return btf;
}

struct cosy_segment *cosy_dev_segment(const struct cosy_compound *c)
{
	return cosy_dev_attach(c->name, c->seg_size);
}

int cosy_dev_run(const struct cosy_compound *c, const struct cosy_entry *e,
		 const struct cosy_segment *seg, void *args, size_t args_sz, __u32 *retval)
{
	struct cosy_dev_run run = {
		.entry = e->dev_index,
		.args = (__u64)(unsigned long)args,
		.args_size = args_sz,
	};

	/* the segment's attachment is what runs: it must be this compound's */
	if (seg->dev_fd < 0 || strcmp(seg->dev_name, c->name)) {
		cosy_pr(COSY_WARN, "cosy: %s runs through %s: give it a segment of its own "
			"(cosy_segment__new())\n", c->name, COSY_DEV_PATH);
		return -EINVAL;
	}
	if (ioctl(seg->dev_fd, COSY_DEV_RUN, &run))
		return -errno;
	*retval = run.retval;
	return 0;
}
