// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-load approve hands the module each entry exactly as libbpf loaded
 * it: instructions, the object's BTF with func_info and line_info (bpf_loop
 * callbacks need them) and how far its fd_array of module BTFs reaches.
 * libbpf keeps no public record of those, so cosy-load is linked with
 * -Wl,--wrap=syscall and notes every successful BPF_PROG_LOAD of a
 * syscall program while capture_loads is set.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <linux/bpf.h>

#include "capture.h"

long __real_syscall(long nr, ...);

bool capture_loads;
static struct captured_load loads[CAPTURE_MAX];
static int nloads;

static void *dup_records(__u64 ptr, __u32 cnt, __u32 rec)
{
	void *p;

	if (!ptr || !cnt || !rec)
		return NULL;
	p = malloc((size_t)cnt * rec);
	if (p)
		memcpy(p, (const void *)(unsigned long)ptr, (size_t)cnt * rec);
	return p;
}

static void captured_free(struct captured_load *l)
{
	free(l->insns);
	free(l->func_info);
	free(l->line_info);
	memset(l, 0, sizeof(*l));
}

static void record(const union bpf_attr *attr)
{
	const struct bpf_insn *in = (const void *)(unsigned long)attr->insns;
	struct captured_load *l = NULL;
	__u32 i, max = 0;
	int k;

	if (attr->prog_type != BPF_PROG_TYPE_SYSCALL)
		return;
	/* libbpf retries a refused load: the last successful one counts */
	for (k = 0; k < nloads && !l; k++)
		if (!strncmp(loads[k].name, attr->prog_name, sizeof(loads[k].name)))
			l = &loads[k];
	if (!l) {
		if (nloads == CAPTURE_MAX)
			return;
		l = &loads[nloads++];
	}
	captured_free(l);
	memcpy(l->name, attr->prog_name, sizeof(l->name));
	l->name[sizeof(l->name) - 1] = 0;
	l->insn_cnt = attr->insn_cnt;
	l->insns = dup_records(attr->insns, attr->insn_cnt, sizeof(struct bpf_insn));
	l->prog_btf_fd = attr->prog_btf_fd;
	l->func_info_cnt = attr->func_info_cnt;
	l->func_info_rec_size = attr->func_info_rec_size;
	l->func_info = dup_records(attr->func_info, attr->func_info_cnt, attr->func_info_rec_size);
	l->line_info_cnt = attr->line_info_cnt;
	l->line_info_rec_size = attr->line_info_rec_size;
	l->line_info = dup_records(attr->line_info, attr->line_info_cnt, attr->line_info_rec_size);
	/* the fd_array reaches as far as the highest kfunc call's off */
	for (i = 0; i < attr->insn_cnt; i++)
		if (in[i].code == (BPF_JMP | BPF_CALL) && in[i].src_reg == BPF_PSEUDO_KFUNC_CALL &&
		    in[i].off > 0 && (__u32)in[i].off > max)
			max = in[i].off;
	l->fd_array_cnt = max ? max + 1 : 0;
	l->ok = l->insns && (!l->func_info_cnt || l->func_info) &&
		(!l->line_info_cnt || l->line_info);
}

long __wrap_syscall(long nr, ...)
{
	long a[6], ret;
	va_list ap;
	int i;

	/* syscall(2) reads six arguments whatever the call takes; so do we. */
	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	ret = __real_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (capture_loads && nr == __NR_bpf && a[0] == BPF_PROG_LOAD && ret >= 0) {
		int saved = errno;

		record((const union bpf_attr *)a[1]);
		errno = saved;
	}
	return ret;
}

const struct captured_load *captured(const char *entry)
{
	int k;

	for (k = 0; k < nloads; k++)
		if (!strncmp(loads[k].name, entry, sizeof(loads[k].name) - 1))
			return &loads[k];
	return NULL;
}
