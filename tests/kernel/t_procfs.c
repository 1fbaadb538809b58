// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Files that take only a user buffer: most of /proc/PID has ->read or
 * ->write but no iterator, so a kernel buffer (kernel_read(),
 * vfs_iter_read()) gets -EINVAL.  The module reads a seq_file through
 * seq_read_iter() and any other such file through the caller's own
 * mapping of the segment (cosy_user_io()).  Checked here: the bytes and
 * positions are read(2)'s, a write reaches the file, and a caller that
 * unmaps, remaps or narrows its mapping (now or from another thread) gets
 * an error, never a write outside its own memory.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "probe_run.h"

/* All of `path` as read(2) gives it (up to n bytes): its length, or -1. */
static long slurp(const char *path, char *buf, long n)
{
	long got = 0, r;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while (got < n && (r = read(fd, buf + got, n - got)) > 0)
		got += r;
	close(fd);
	return got;
}

/*
 * Read `path` three ways in one run: 7 bytes, then the rest with read()
 * (the position must carry over), then pread() from byte 3.  All must be
 * what read(2) sees.
 */
static int read_like_read(const char *path)
{
	static char want[4096];
	long n;
	int fd;

	n = slurp(path, want, sizeof(want));
	TL_CHECK(n > 10, "%s: %ld bytes", path, n);
	fd = open(path, O_RDONLY);
	TL_CHECK(fd >= 0, "open %s", path);
	reset();
	memset(data(), 0, 3 * 4096);
	step(COSY_OP_READ, fd, 0, 7);
	step(COSY_OP_READ, fd, 7, 4096 - 7);
	step(COSY_OP_PREAD, fd, 8192, 4096)->pos = 3;
	TL_EQ(run_granted(fd), 0);
	close(fd);
	TL_CHECK(pa.res[0] == 7 && pa.res[1] == n - 7 && pa.res[2] == n - 3,
		 "%s: cosy read %lld + %lld, pread %lld; read(2) %ld", path,
		 (long long)pa.res[0], (long long)pa.res[1], (long long)pa.res[2], n);
	TL_CHECK(!memcmp(data(), want, n), "%s: bytes differ from read(2)'s", path);
	TL_CHECK(!memcmp(data() + 8192, want + 3, n - 3), "%s: pread bytes differ", path);
	return 0;
}

/* cmdline and environ have a plain ->read: through the caller's mapping. */
TL_CASE(proc_pid_files_with_plain_read_read_as_read_does)
{
	return read_like_read("/proc/self/cmdline") || read_like_read("/proc/self/environ");
}

/* limits and mounts are seq_files: through seq_read_iter(). */
TL_CASE(proc_pid_seq_files_read_as_read_does)
{
	return read_like_read("/proc/self/limits") || read_like_read("/proc/self/mounts");
}

/* /proc/self/comm has a plain ->write: the name must change. */
TL_CASE(proc_pid_file_with_plain_write_is_written)
{
	static const char name[] = "cosy-procfs";
	char old[17] = "", now[17] = "";
	int fd = open("/proc/self/comm", O_WRONLY);

	TL_CHECK(fd >= 0, "open comm");
	TL_EQ(prctl(PR_GET_NAME, old), 0);
	reset();
	memcpy(data(), name, sizeof(name) - 1);
	step(COSY_OP_WRITE, fd, 0, sizeof(name) - 1);
	TL_EQ(run_granted(fd), 0);
	close(fd);
	TL_EQ(prctl(PR_GET_NAME, now), 0);
	prctl(PR_SET_NAME, old);
	TL_EQ(pa.res[0], (long long)sizeof(name) - 1);
	TL_CHECK(!strcmp(now, name), "comm is \"%s\"", now);
	return 0;
}

/* A segment map of the caller's own, PROBE_SEG_SIZE bytes. */
static int seg_map(void)
{
	LIBBPF_OPTS(bpf_map_create_opts, mo, .map_flags = BPF_F_MMAPABLE);

	return bpf_map_create(BPF_MAP_TYPE_ARRAY, "procfs_seg", 4, DSZ, 1, &mo);
}

/*
 * The plain ->read needs the caller's mapping of the bytes it reads into:
 * none, a read-only one, or one that does not cover them is -EINVAL; the
 * seq_file needs none.  A mapping at page offset 1 receives exactly the
 * bytes of segment offset 4096 on.
 */
TL_CASE(proc_plain_read_needs_a_writable_mapping_of_the_bytes)
{
	static char want[4096];
	int seg = seg_map(), cmd, lim, fds[2];
	long n = slurp("/proc/self/cmdline", want, sizeof(want));
	char *m;

	TL_CHECK(seg >= 0, "map create: %s", strerror(errno));
	cmd = open("/proc/self/cmdline", O_RDONLY);
	lim = open("/proc/self/limits", O_RDONLY);
	TL_CHECK(cmd >= 0 && lim >= 0 && n > 0, "open");
	fds[0] = cmd;
	fds[1] = lim;

	reset();
	ro.grant_fds = fds;
	ro.ngrant = 2;
	step(COSY_OP_PREAD, cmd, 0, 4096)->pos = 0;
	step(COSY_OP_PREAD, lim, 0, 4096)->pos = 0;
	TL_EQ(run_raw(seg), 0);
	TL_EQ(pa.res[0], -EINVAL);	/* not mapped at all */
	TL_CHECK(pa.res[1] > 0, "seq_file read %lld", (long long)pa.res[1]);

	m = mmap(NULL, DSZ, PROT_READ, MAP_SHARED, seg, 0);
	TL_CHECK(m != MAP_FAILED, "mmap ro: %s", strerror(errno));
	TL_EQ(run_raw(seg), 0);
	TL_EQ(pa.res[0], -EINVAL);	/* mapped read-only */
	munmap(m, DSZ);

	m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, seg, 4096);
	TL_CHECK(m != MAP_FAILED, "mmap at page 1: %s", strerror(errno));
	memset(m, 0, 2 * 4096);
	TL_EQ(run_raw(seg), 0);
	TL_EQ(pa.res[0], -EINVAL);	/* byte 0 is not in it */
	pa.steps[0].off = 4096;
	pa.steps[0].len = 4096;
	TL_EQ(run_raw(seg), 0);
	TL_EQ(pa.res[0], n);
	TL_CHECK(!memcmp(m, want, n), "bytes not at segment offset 4096");
	pa.steps[0].len = 2 * 4096 + 1;	/* one byte past the mapping */
	TL_EQ(run_raw(seg), 0);
	TL_EQ(pa.res[0], -EINVAL);
	munmap(m, 2 * 4096);
	close(cmd);
	close(lim);
	close(seg);
	return 0;
}

struct flipper {
	int seg;
	char *at;
	atomic_bool over;
	long flips;
};

/* Swap the segment's mapping for anonymous memory and back, until told. */
static void *flip(void *arg)
{
	struct flipper *f = arg;

	while (!atomic_load(&f->over)) {
		mmap(f->at, DSZ, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, f->seg, 0);
		mmap(f->at, DSZ, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		     -1, 0);
		munmap(f->at, DSZ);
		f->flips++;
		mmap(f->at, DSZ, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		     -1, 0);
	}
	return NULL;
}

/*
 * Another thread remaps the segment's address while the compound reads
 * /proc/self/cmdline through it, 2400 times: each read is whole, -EINVAL
 * (no mapping found) or -EFAULT (gone after it was found), every run ends
 * normally, and the kernel (KASAN) sees nothing.
 */
static int remapped_under_the_read(void)
{
	struct flipper f = { .seg = seg_map() };
	static char want[4096];
	long n = slurp("/proc/self/cmdline", want, sizeof(want));
	int fd = open("/proc/self/cmdline", O_RDONLY), i, k, whole = 0, bad = 0;
	pthread_t t;

	TL_CHECK(f.seg >= 0 && fd >= 0 && n > 0, "setup: %s", strerror(errno));
	f.at = mmap(NULL, DSZ, PROT_READ | PROT_WRITE, MAP_SHARED, f.seg, 0);
	TL_CHECK(f.at != MAP_FAILED, "mmap: %s", strerror(errno));
	TL_EQ(pthread_create(&t, NULL, flip, &f), 0);
	for (i = 0; i < 300; i++) {
		reset();
		ro.grant_fds = &fd;
		ro.ngrant = 1;
		for (k = 0; k < PROBE_MAX_STEPS; k++)
			step(COSY_OP_PREAD, fd, 0, 4096)->pos = 0;
		if (run_raw(f.seg) != 0)
			bad++;
		for (k = 0; k < PROBE_MAX_STEPS; k++) {
			if (pa.res[k] == n)
				whole++;
			else if (pa.res[k] != -EINVAL && pa.res[k] != -EFAULT)
				bad++;
		}
	}
	atomic_store(&f.over, true);
	pthread_join(t, NULL);
	printf("#   %ld flips; %d of %d reads whole\n", f.flips, whole, 300 * PROBE_MAX_STEPS);
	TL_EQ(bad, 0);
	TL_CHECK(f.flips > 0, "the other thread never ran");
	munmap(f.at, DSZ);
	close(fd);
	close(f.seg);
	return 0;
}

TL_CASE(proc_read_while_another_thread_remaps_the_segment)
{
	return tl_in_child(remapped_under_the_read, 120);
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
