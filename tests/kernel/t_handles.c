// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Session handles (COSY_O_PRIVATE): files a compound opens outside the
 * process's fd table.  Each case checks what the caller or another thread
 * could observe: the table untouched, numbers no fd can have, the limits
 * and the reaping of fds, cosy_keep() turning a handle into a real fd, and
 * the fsnotify calls of open(2), neither more nor fewer.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe_run.h"

#define PRIV (O_RDONLY | COSY_O_PRIVATE)

/* The lowest fd number free now: the one open(2) would return. */
static int lowest_free_fd(void)
{
	int fd = open("/dev/null", O_RDONLY);

	if (fd >= 0)
		close(fd);
	return fd;
}

static bool is_handle(long long r)
{
	return r >= COSY_PRIV_FD_BASE && r < (long long)COSY_PRIV_FD_BASE + COSY_MAX_FDS;
}

/* bytes [from, from + n) of the file at `path` equal data() + off? */
static int same_bytes(const char *path, off_t from, size_t n, __u32 off)
{
	char buf[4096];
	int fd = open(path, O_RDONLY);
	ssize_t got;

	TL_CHECK(fd >= 0 && n <= sizeof(buf), "open %s", path);
	got = pread(fd, buf, n, from);
	close(fd);
	TL_EQ(got, n);
	TL_CHECK(!memcmp(buf, data() + off, n), "bytes %lld.. of %s differ", (long long)from, path);
	return 0;
}

TL_CASE(private_open_reads_and_leaves_the_fd_table_alone)
{
	int lo;

	TL_EQ(tl_make_file("a", 10000, 1), 0);
	TL_EQ(tl_make_file("b", 100, 2), 0);
	TL_CHECK(tl_compound("probe") != NULL, "probe");	/* its fds first */
	lo = lowest_free_fd();
	TL_CHECK(lo >= 0, "open /dev/null: %s", strerror(errno));
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "a"), 0)->flags = PRIV;
	step(COSY_OP_READ, PROBE_FD_LAST, 8192, 100);
	step(COSY_OP_OPEN, 0, path_at(64, "b"), 0)->flags = O_RDONLY;
	step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	TL_EQ(run(), 0);
	TL_CHECK(is_handle(pa.res[0]), "a handle: %lld", (long long)pa.res[0]);
	TL_EQ(pa.res[1], 100);
	TL_EQ(same_bytes("a", 0, 100, 8192), 0);
	/* the public open got the number it would have got without the handle */
	TL_EQ(pa.res[2], lo);
	TL_EQ(pa.res[3], 0);
	TL_EQ(ro.stats.fds_opened, 2);
	TL_EQ(ro.stats.fds_reaped, 1);	/* the handle, never closed */
	return 0;
}

TL_CASE(handles_count_with_fds_and_their_numbers_come_back)
{
	TL_EQ(tl_make_file("a", 10, 1), 0);
	/* one public fd and 63 handles fill the session's 64; the 65th open fails */
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "a"), 0)->flags = O_RDONLY;
	step(COSY_OP_OPEN, 0, 0, 0)->flags = PRIV;
	pa.repeat = COSY_MAX_FDS;
	TL_EQ(run(), 0);
	TL_CHECK(pa.res[0] >= 0 && pa.res[0] < COSY_PRIV_FD_BASE, "fd %lld", (long long)pa.res[0]);
	TL_EQ(pa.res[1], -EMFILE);
	TL_EQ(ro.stats.fds_opened, COSY_MAX_FDS);
	TL_EQ(ro.stats.fds_reaped, COSY_MAX_FDS);
	/* a closed handle's number is the next one given */
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "a"), 0)->flags = PRIV;
	step(COSY_OP_OPEN, 0, 0, 0)->flags = PRIV;
	step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	step(COSY_OP_OPEN, 0, 0, 0)->flags = PRIV | O_CLOEXEC;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], COSY_PRIV_FD_BASE);
	TL_EQ(pa.res[1], COSY_PRIV_FD_BASE + 1);
	TL_EQ(pa.res[2], 0);
	TL_EQ(pa.res[3], COSY_PRIV_FD_BASE + 1);
	TL_EQ(ro.stats.fds_reaped, 2);
	return 0;
}

/* Open `a` as a handle (with `extra` flags), read 100 bytes, keep it. */
static int keep_case(int extra, bool cloexec)
{
	char buf[100];
	int fd, fl;

	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "a"), 0)->flags = PRIV | extra;
	step(COSY_OP_READ, PROBE_FD_LAST, 8192, 100);
	step(COSY_OP_KEEP, PROBE_FD_LAST, 0, 0);
	step(COSY_OP_READ, PROBE_FD_LAST, 8192, 10);	/* the handle is gone */
	TL_EQ(run(), 0);
	TL_CHECK(is_handle(pa.res[0]), "a handle: %lld", (long long)pa.res[0]);
	TL_EQ(pa.res[1], 100);
	fd = pa.res[2];
	TL_CHECK(fd >= 0 && fd < COSY_PRIV_FD_BASE, "keep: %d", fd);
	TL_EQ(pa.res[3], -EBADF);
	TL_EQ(ro.stats.fds_reaped, 0);
	fl = fcntl(fd, F_GETFD);
	TL_CHECK(fl >= 0, "the kept fd %d: %s", fd, strerror(errno));
	TL_EQ(!!(fl & FD_CLOEXEC), cloexec);
	/* the same open file: its position is where the compound left it */
	TL_EQ(lseek(fd, 0, SEEK_CUR), 100);
	TL_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
	close(fd);
	memcpy(data() + 8192, buf, sizeof(buf));
	return same_bytes("a", 100, sizeof(buf), 8192);
}

TL_CASE(keep_turns_a_handle_into_an_fd)
{
	int r;

	TL_EQ(tl_make_file("a", 10000, 1), 0);
	r = keep_case(0, false);
	if (r)
		return r;
	r = keep_case(O_CLOEXEC, true);
	if (r)
		return r;
	/* a public fd is kept as itself */
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "a"), 0)->flags = O_RDONLY;
	step(COSY_OP_KEEP, PROBE_FD_LAST, 0, 0);
	TL_EQ(run(), 0);
	TL_CHECK(pa.res[0] >= 0, "open: %lld", (long long)pa.res[0]);
	TL_EQ(pa.res[1], pa.res[0]);
	TL_EQ(close(pa.res[1]), 0);
	return 0;
}

TL_CASE(a_handle_closed_kept_or_made_up_is_ebadf)
{
	TL_EQ(tl_make_file("a", 10, 1), 0);
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "a"), 0)->flags = PRIV;
	step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	step(COSY_OP_KEEP, PROBE_FD_LAST, 0, 0);
	step(COSY_OP_READ, PROBE_FD_LAST, 8192, 10);
	step(COSY_OP_READ, COSY_PRIV_FD_BASE + 5, 8192, 10);
	step(COSY_OP_KEEP, COSY_PRIV_FD_BASE + 63, 0, 0);
	step(COSY_OP_CLOSE, COSY_PRIV_FD_BASE - 1, 0, 0);
	TL_EQ(run(), 0);
	TL_CHECK(is_handle(pa.res[0]), "a handle: %lld", (long long)pa.res[0]);
	TL_EQ(pa.res[1], 0);
	for (int i = 2; i < 8; i++)
		TL_CHECK(pa.res[i] == -EBADF, "step %d: %lld", i, (long long)pa.res[i]);
	TL_EQ(ro.stats.fds_reaped, 0);
	return 0;
}

/* RLIMIT_NOFILE at the table's current size: keep cannot install the handle. */
static int keep_with_a_full_table(void)
{
	struct rlimit rl;
	int lo;

	TL_CHECK(tl_compound("probe") != NULL, "probe");	/* loaded before the limit */
	lo = lowest_free_fd();
	TL_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0);
	rl.rlim_cur = lo;
	TL_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
	TL_EQ(open("a", O_RDONLY), -1);
	TL_EQ(errno, EMFILE);
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "a"), 0)->flags = PRIV;
	step(COSY_OP_KEEP, PROBE_FD_LAST, 0, 0);
	step(COSY_OP_READ, PROBE_FD_LAST, 8192, 10);
	step(COSY_OP_OPEN, 0, path_at(0, "a"), 0)->flags = O_RDONLY;
	TL_EQ(run(), 0);
	/* the handle is not bound by the limit; keep and a public open are */
	TL_CHECK(is_handle(pa.res[0]), "a handle: %lld", (long long)pa.res[0]);
	TL_EQ(pa.res[1], -EMFILE);
	TL_EQ(pa.res[2], 10);	/* still a handle */
	TL_EQ(pa.res[3], -EMFILE);
	TL_EQ(ro.stats.fds_reaped, 1);
	TL_EQ(lowest_free_fd(), -1);
	return 0;
}

TL_CASE(keep_with_a_full_fd_table_is_emfile_and_the_handle_stays)
{
	TL_EQ(tl_make_file("a", 100, 1), 0);
	return tl_in_child(keep_with_a_full_table, 60);
}

/*
 * Another thread closes every fd number a public open could get, over and
 * over: a compound's public fds lose races to it (the session keeps its own
 * reference, so reads go on, but cosy_close() finds the number gone or
 * reused: -EBADF), its handles never can.
 */
#define RACE_NUMS 8
static int race_nums[RACE_NUMS];
static atomic_bool race_stop;

static void *closer(void *arg)
{
	(void)arg;
	while (!atomic_load(&race_stop))
		for (int i = 0; i < RACE_NUMS; i++)
			close(race_nums[i]);
	return NULL;
}

/* 100 runs of open, two reads, close; returns the runs that lost one. */
static int race_runs(int flags, int *lost)
{
	*lost = 0;
	for (int k = 0; k < 100; k++) {
		reset();
		step(COSY_OP_OPEN, 0, path_at(0, "a"), 0)->flags = flags;
		step(COSY_OP_READ, PROBE_FD_LAST, 8192, 4096);
		step(COSY_OP_READ, PROBE_FD_LAST, 8192, 4096);
		step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
		TL_EQ(run(), 0);
		TL_CHECK(pa.res[0] >= 0, "open: %lld", (long long)pa.res[0]);
		if (pa.res[1] != 4096 || pa.res[2] != 4096 || pa.res[3] != 0) {
			TL_CHECK(!(flags & COSY_O_PRIVATE), "run %d on a handle: read %lld, %lld, "
				 "close %lld", k, (long long)pa.res[1], (long long)pa.res[2],
				 (long long)pa.res[3]);
			++*lost;
		}
	}
	return 0;
}

TL_CASE(other_threads_cannot_reach_a_handle)
{
	pthread_t t;
	int i, n, lost_pub = 0, lost_priv = 0, err;

	TL_EQ(tl_make_file("a", 10000, 1), 0);
	TL_CHECK(tl_compound("probe") != NULL, "probe");
	/* the free numbers now: the only ones the closer touches */
	for (i = 0, n = 0; n < RACE_NUMS && i < 4096; i++)
		if (fcntl(i, F_GETFD) < 0 && errno == EBADF)
			race_nums[n++] = i;
	TL_EQ(n, RACE_NUMS);
	atomic_store(&race_stop, false);
	TL_EQ(pthread_create(&t, NULL, closer, NULL), 0);
	err = race_runs(O_RDONLY, &lost_pub);
	if (!err)
		err = race_runs(PRIV, &lost_priv);
	atomic_store(&race_stop, true);
	pthread_join(t, NULL);
	printf("#   runs that lost their fd to the closing thread: %d of 100 public, "
	       "%d of 100 handles\n", lost_pub, lost_priv);
	TL_EQ(err, 0);
	TL_EQ(lost_priv, 0);
	return 0;
}

/*
 * Calls of __fsnotify_parent() by this thread while fn runs: each open,
 * read and close of a file in a watched directory makes one, so open(2)
 * and the kfuncs must make the same number (-2: fn failed).
 */
static long long fsnotify_calls(int pfd, int (*fn)(void))
{
	long long n = tl_kprobe_count(pfd);

	if (fn())
		return -2;
	return tl_kprobe_count(pfd) - n;
}

static int by_syscalls(void)
{
	char c;
	int fd = open("w/f", O_RDONLY);

	if (fd < 0 || read(fd, &c, 1) != 1)
		return 1;
	return close(fd);
}

static int by_kfuncs(int flags)
{
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "w/f"), 0)->flags = flags;
	step(COSY_OP_READ, PROBE_FD_LAST, 8192, 1);
	step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	return run() || pa.res[0] < 0 || pa.res[1] != 1 || pa.res[2];
}

static int by_kfuncs_public(void)
{
	return by_kfuncs(O_RDONLY);
}

static int by_kfuncs_private(void)
{
	return by_kfuncs(PRIV);
}

TL_CASE(open_read_close_make_the_fsnotify_calls_of_the_syscalls)
{
	long long sys, pub, priv;
	char buf[4096] __attribute__((aligned(8)));
	int in, pfd;
	ssize_t n;

	TL_EQ(mkdir("w", 0755), 0);
	TL_EQ(tl_make_file("w/f", 10, 1), 0);
	TL_CHECK(tl_compound("probe") != NULL, "probe");
	in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (in < 0 && errno == ENOSYS)
		TL_SKIP("no inotify in this kernel");
	TL_CHECK(in >= 0, "inotify_init1: %s", strerror(errno));
	TL_CHECK(inotify_add_watch(in, "w", IN_OPEN | IN_ACCESS | IN_CLOSE) >= 0,
		 "inotify_add_watch");
	pfd = tl_kprobe_start("__fsnotify_parent");
	if (pfd < 0) {
		close(in);
		TL_SKIP("no kprobe on __fsnotify_parent in this kernel: %s", strerror(-pfd));
	}
	sys = fsnotify_calls(pfd, by_syscalls);
	pub = fsnotify_calls(pfd, by_kfuncs_public);
	priv = fsnotify_calls(pfd, by_kfuncs_private);
	close(pfd);
	/* every event reached the watch: 3 runs of open, access, close */
	n = read(in, buf, sizeof(buf));
	close(in);
	printf("#   __fsnotify_parent calls: open(2) %lld, kfuncs %lld, with handles %lld\n",
	       sys, pub, priv);
	TL_CHECK(sys >= 3, "open(2), read(2), close(2): %lld calls", sys);
	TL_EQ(pub, sys);
	TL_EQ(priv, sys);
	TL_CHECK(n >= (ssize_t)(9 * sizeof(struct inotify_event)), "inotify: %zd bytes", n);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
