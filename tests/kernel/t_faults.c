// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Faults: a full filesystem in the middle of a copy, many processes at once
 * on both vCPUs, and a caller without root's rights (CAP_BPF only).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"
#include "cp.h"

static int run_cp(struct cosy_compound *c, const char *src, const char *dst,
		  struct cp_args *a, struct cosy_run_opts *ro)
{
	char *seg = cosy_compound__data(c, NULL);

	*a = (struct cp_args){ .src_off = 0, .dst_off = 2048, .buf_off = 4096,
			       .chunk = 4096, .mode = 0644 };
	snprintf(seg, 2048, "%s", src);
	snprintf(seg + 2048, 2048, "%s", dst);
	if (cosy_compound__run(c, "cp", a, sizeof(*a), ro))
		return -ENOEXEC;
	return ro->retval;
}

TL_CASE(enospc_midway_reports_the_bytes_copied)
{
	struct cosy_compound *c = tl_compound("cp");
	COSY_OPTS(cosy_run_opts, ro);
	struct cp_args a;
	struct stat st;
	int r;

	TL_CHECK(c != NULL, "cp");
	TL_EQ(tl_make_file("in", 4 << 20, 5), 0);
	mkdir("small", 0755);
	TL_EQ(mount("none", "small", "tmpfs", 0, "size=1m"), 0);
	r = run_cp(c, "in", "small/out", &a, &ro);
	stat("small/out", &st);
	umount("small");
	TL_EQ(r, -ENOSPC);
	TL_EQ(a.fail_op, COSY_OP_WRITE);
	/* What the compound says it copied is what landed, and not 4 MiB. */
	TL_CHECK(a.copied > 0 && a.copied < (4 << 20), "copied %lld", (long long)a.copied);
	TL_EQ(st.st_size, a.copied);
	TL_EQ(ro.stats.fds_opened, 2);
	TL_EQ(ro.stats.fds_reaped, 0);	/* cp closes both itself on the error path */
	return 0;
}

/* 8 processes x 500 runs of a data-moving compound at once, checksummed. */
#define PROCS 8
#define RUNS 500

TL_CASE(eight_processes_500_runs_each)
{
	char path[512];
	pid_t pid[PROCS];
	int i, st, bad = 0;

	snprintf(path, sizeof(path), "%s/cp.bpf.o", getenv("COSY_BPF_DIR"));
	for (i = 0; i < PROCS; i++) {
		pid[i] = fork();
		TL_CHECK(pid[i] >= 0, "fork");
		if (pid[i] == 0) {
			struct cosy_compound *c = cosy_compound__open_file(path, NULL);
			char src[32], dst[32];
			int k, fails = 0;

			if (!c)
				_exit(2);
			snprintf(src, sizeof(src), "in.%d", i);
			snprintf(dst, sizeof(dst), "out.%d", i);
			if (tl_make_file(src, 9000 + i * 111, i))
				_exit(3);
			for (k = 0; k < RUNS; k++) {
				COSY_OPTS(cosy_run_opts, ro);
				struct cp_args a;

				if (run_cp(c, src, dst, &a, &ro) || a.copied != 9000 + i * 111 ||
				    tl_cmp_files(src, dst))
					fails++;
			}
			cosy_compound__close(c);
			_exit(fails ? 1 : 0);
		}
	}
	for (i = 0; i < PROCS; i++) {
		TL_EQ(waitpid(pid[i], &st, 0), pid[i]);
		if (!WIFEXITED(st) || WEXITSTATUS(st)) {
			printf("#   process %d: status %#x\n", i, st);
			bad++;
		}
	}
	TL_EQ(bad, 0);
	printf("#   %d runs, all copies verified\n", PROCS * RUNS);
	return 0;
}

/* Keep only CAP_BPF (+ CAP_PERFMON) as uid/gid 65534: a user, not root. */
static int become_bpf_user(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2] = {};

	if (prctl(PR_SET_KEEPCAPS, 1) || setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		return -errno;
	d[CAP_BPF / 32].permitted |= 1u << (CAP_BPF % 32);
	d[CAP_BPF / 32].effective |= 1u << (CAP_BPF % 32);
	d[CAP_PERFMON / 32].permitted |= 1u << (CAP_PERFMON % 32);
	d[CAP_PERFMON / 32].effective |= 1u << (CAP_PERFMON % 32);
	return syscall(SYS_capset, &h, d) ? -errno : 0;
}

TL_CASE(a_compound_never_exceeds_its_callers_rights)
{
	struct cosy_compound *c = tl_compound("cp");
	int st;
	pid_t pid;

	TL_CHECK(c != NULL, "cp");
	TL_EQ(tl_make_file("secret", 100, 1), 0);
	TL_EQ(chmod("secret", 0600), 0);		/* root's */
	TL_EQ(tl_make_file("public", 100, 2), 0);
	TL_EQ(chmod("public", 0644), 0);
	mkdir("rootdir", 0755);				/* root's, not writable by others */
	TL_EQ(chmod(".", 0777), 0);
	pid = fork();
	TL_CHECK(pid >= 0, "fork");
	if (pid == 0) {
		COSY_OPTS(cosy_run_opts, ro);
		struct cp_args a;
		int r1, r2, r3;

		if (become_bpf_user()) {
			printf("#   cannot drop to uid 65534 with CAP_BPF\n");
			_exit(2);
		}
		/* The compound was loaded by root; it now runs as the user. */
		r1 = run_cp(c, "secret", "stolen", &a, &ro);
		r2 = run_cp(c, "public", "rootdir/planted", &a, &ro);
		r3 = run_cp(c, "public", "mine", &a, &ro);
		printf("#   as uid %d: secret -> %d, into rootdir -> %d, public -> %d\n",
		       getuid(), r1, r2, r3);
		_exit(r1 == -EACCES && r2 == -EACCES && r3 == 0 && access("stolen", F_OK) ? 0 : 1);
	}
	TL_EQ(waitpid(pid, &st, 0), pid);
	TL_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %#x", st);
	TL_CHECK(access("rootdir/planted", F_OK) != 0, "a file was planted in rootdir");
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
