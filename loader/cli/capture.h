/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef COSY_CLI_CAPTURE_H
#define COSY_CLI_CAPTURE_H

#include <stdbool.h>
#include <linux/bpf.h>

#define CAPTURE_MAX 64

/* One BPF_PROG_LOAD as libbpf made it (see capture.c). */
struct captured_load {
	char name[BPF_OBJ_NAME_LEN];	/* prog_name: the entry's, cut to 15 */
	struct bpf_insn *insns;
	__u32 insn_cnt;
	int prog_btf_fd;
	void *func_info;
	__u32 func_info_cnt, func_info_rec_size;
	void *line_info;
	__u32 line_info_cnt, line_info_rec_size;
	__u32 fd_array_cnt;	/* the highest kfunc call off + 1 (libbpf's fds are closed) */
	bool ok;		/* all of it copied */
};

/* Record loads while set. */
extern bool capture_loads;
/* The load of entry `entry` (its first 15 characters), or NULL. */
const struct captured_load *captured(const char *entry);

#endif
