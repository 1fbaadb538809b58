// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmarks' floor module (tests/floor/cosy_floor.ko): it must do the
 * workloads' work exactly (same results as the compounds, the syscall
 * loops and GNU tools: cosy-bench fails on any disagreement), refuse bad
 * requests without leaking an fd, stop on a fatal signal, be root's only,
 * and unload cleanly.  A floor that silently did less work would make
 * cosy look worse than it is; one that did more, better.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"
#include "cosy_floor.h"

#define FLOOR "/dev/cosy-floor"

static int floor_run(struct cosy_floor_req *q, const char *names, size_t len)
{
	int fd = open(FLOOR, O_RDWR | O_CLOEXEC), r;

	if (fd < 0)
		return -errno;
	q->names = (uintptr_t)names;
	q->names_len = len;
	r = ioctl(fd, COSY_FLOOR_RUN, q) ? -errno : 0;
	close(fd);
	return r;
}

TL_CASE(load)
{
	if (access("/sys/module/cosy_floor", F_OK))
		TL_EQ(tl_sh("insmod /cosy/kmod/cosy_floor.ko"), 0);
	TL_EQ(access(FLOOR, R_OK | W_OK), 0);
	return 0;
}

/* Every workload, floor against the compound and the syscall loop. */
TL_CASE(workloads_agree)
{
	TL_EQ(tl_make_file("fl.big", 3000001, 1), 0);
	TL_EQ(tl_sh("cosy-bench -r 1 -w 0 -m cosy,loop,floor cp fl.big fl.c4 4096 >/dev/null"), 0);
	TL_EQ(tl_cmp_files("fl.big", "fl.c4"), 0);
	TL_EQ(tl_sh("cosy-bench -r 1 -w 0 -m floor cp fl.big fl.c1 65536 >/dev/null"), 0);
	TL_EQ(tl_cmp_files("fl.big", "fl.c1"), 0);
	TL_EQ(tl_sh("mkdir -p fl.files && for i in $(seq 0 199); do "
		    "head -c $((i * 53 %% 9000)) fl.big > fl.files/f$(printf %%05d $i); done"), 0);
	TL_EQ(tl_sh("cosy-bench -r 1 -w 0 -m cosy,loop,floor cat-many fl.files 200 fl.cat "
		    ">/dev/null && cat fl.files/f* | cmp - fl.cat"), 0);
	TL_EQ(tl_sh("awk 'BEGIN { for (i = 0; i < 60000; i++) print (i %% 7 ? \"hay\" : \"a needle\") }'"
		    " > fl.text && printf 'tail needle' >> fl.text"), 0);
	TL_EQ(tl_sh("cosy-bench -r 1 -w 0 -m cosy,loop,floor grep-c fl.text needle >/dev/null"), 0);
	TL_EQ(tl_sh("cosy-bench -r 1 -w 0 -m cosy,loop,floor grep-c fl.text '' >/dev/null"), 0);
	TL_EQ(tl_sh("cosy-bench -r 1 -w 0 -m cosy,loop,floor ls-l fl.files >/dev/null"), 0);
	TL_EQ(tl_sh("cosy-bench -r 1 -w 0 -m cosy,cosy-nop,cosy-guard,loop,floor burst 5000 >/dev/null"), 0);
	TL_EQ(tl_sh("rm -rf fl.*"), 0);
	return 0;
}

/* The counts come back, and they are the work done. */
TL_CASE(counts)
{
	static const char names[] = "fl.out\0fl.in";
	struct cosy_floor_req q = { .op = COSY_FLOOR_CP, .chunk = 1000 };

	TL_EQ(tl_make_file("fl.in", 4500, 2), 0);
	TL_EQ(floor_run(&q, names, sizeof(names)), 0);
	TL_EQ(q.result, 4500);
	/* open x2, 5 reads (the last short) + 5 writes, close x2 */
	TL_EQ(q.calls, 14);
	TL_EQ(tl_cmp_files("fl.in", "fl.out"), 0);
	unlink("fl.in");
	unlink("fl.out");
	return 0;
}

TL_CASE(bad_requests)
{
	static const char cp_names[] = "fl.out\0fl.in", cat_names[] = "fl.out\0fl.in\0fl.in";
	struct cosy_floor_req q;
	int fds = tl_fd_count(), dev;

	TL_EQ(tl_make_file("fl.in", 100, 3), 0);
#define BAD(err, names, len, ...)							\
	do {										\
		q = (struct cosy_floor_req){ __VA_ARGS__ };				\
		TL_EQ(floor_run(&q, names, len), err);					\
		TL_EQ(tl_fd_count(), fds);						\
	} while (0)
	/* the strings must end in a NUL; sizes and fields are bounded */
	BAD(-EINVAL, cp_names, sizeof(cp_names) - 1, .op = COSY_FLOOR_CP, .chunk = 64);
	BAD(-EINVAL, cp_names, COSY_FLOOR_NAMES_MAX + 1, .op = COSY_FLOOR_CP, .chunk = 64);
	BAD(-EINVAL, cp_names, sizeof(cp_names), .op = COSY_FLOOR_CP,
	    .chunk = COSY_FLOOR_CHUNK_MAX + 1);
	BAD(-EINVAL, cp_names, sizeof(cp_names), .op = COSY_FLOOR_CP, .chunk = 0);
	BAD(-EINVAL, cp_names, sizeof(cp_names), .op = COSY_FLOOR_CP, .chunk = 64, .__pad = 1);
	BAD(-EINVAL, cp_names, sizeof(cp_names), .op = 99, .chunk = 64);
	BAD(-EFAULT, (const char *)8, 16, .op = COSY_FLOOR_CP, .chunk = 64);
	BAD(-EINVAL, NULL, 0, .op = COSY_FLOOR_CP, .chunk = 64);
	/* fewer names than inputs: the output is closed, nothing leaks */
	BAD(-EINVAL, cat_names, sizeof(cat_names), .op = COSY_FLOOR_CAT, .chunk = 64, .n = 5);
	/* a missing input, a directory as input, a bad fd */
	BAD(-ENOENT, "fl.out\0fl.none", 15, .op = COSY_FLOOR_CP, .chunk = 64);
	BAD(-EISDIR, "fl.out\0.", 9, .op = COSY_FLOOR_CP, .chunk = 64);
	BAD(-EBADF, NULL, 0, .op = COSY_FLOOR_BURST, .fd = -1, .n = 1);
	BAD(-EBADF, NULL, 0, .op = COSY_FLOOR_BURST, .fd = 1000000, .n = 1);
	/* grep: a pattern with a newline, or as long as the chunk */
	BAD(-EINVAL, "fl.in\0a\nb", 10, .op = COSY_FLOOR_GREP, .chunk = 64);
	BAD(-EINVAL, "fl.in\0abc", 10, .op = COSY_FLOOR_GREP, .chunk = 3);
	/* ls of a file */
	BAD(-ENOTDIR, "fl.in", 6, .op = COSY_FLOOR_LS, .chunk = 65536);
#undef BAD
	dev = open(FLOOR, O_RDWR);
	TL_CHECK(dev >= 0, "%s", strerror(errno));
	TL_CHECK(ioctl(dev, COSY_FLOOR_RUN, (void *)8) && errno == EFAULT, "%s", strerror(errno));
	TL_CHECK(ioctl(dev, _IO('f', 2)) && errno == ENOTTY, "%s", strerror(errno));
	close(dev);
	unlink("fl.in");
	unlink("fl.out");
	return 0;
}

/* Only root's, even through a device node others may open. */
TL_CASE(root_only)
{
	pid_t pid;
	int st;

	TL_EQ(chmod(FLOOR, 0666), 0);
	pid = fork();
	TL_CHECK(pid >= 0, "");
	if (!pid) {
		if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
			_exit(2);
		_exit(open(FLOOR, O_RDWR) < 0 && errno == EPERM ? 0 : 1);
	}
	TL_EQ(waitpid(pid, &st, 0), pid);
	TL_EQ(chmod(FLOOR, 0600), 0);
	TL_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
	return 0;
}

/* A copy that never ends (/dev/zero) stops when the caller is killed. */
static int endless_copy(void)
{
	static const char names[] = "/dev/null\0/dev/zero";
	struct cosy_floor_req q = { .op = COSY_FLOOR_CP, .chunk = 65536 };

	return floor_run(&q, names, sizeof(names));
}

TL_CASE(killed_midway)
{
	pid_t pid = fork();
	int st;

	TL_CHECK(pid >= 0, "");
	if (!pid)
		_exit(endless_copy() == 0 ? 0 : 3);
	sleep(1);
	TL_EQ(kill(pid, SIGKILL), 0);
	TL_EQ(waitpid(pid, &st, 0), pid);
	TL_CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "status %#x", st);
	return 0;
}

TL_CASE(unload)
{
	TL_EQ(tl_sh("rmmod cosy_floor"), 0);
	TL_CHECK(access(FLOOR, F_OK) && errno == ENOENT, "%s still there", FLOOR);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
