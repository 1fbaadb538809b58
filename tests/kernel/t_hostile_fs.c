// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Issue 9 on a disk filesystem: the rules that tmpfs cannot exercise (it
 * has no htree directories, no FIFREEZE, no O_DIRECT), on a loop-mounted
 * ext4 image (tl_mount_ext4()).  Same conventions as t_hostile.c (the
 * case that oopses a module without the fix comes last).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/fs.h>		/* FIFREEZE, FITHAW */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe_run.h"

/* The ext4 mount, once per process; NULL (and a message) if there is none. */
static const char *ext4(void)
{
	static int state;	/* 0 not yet, 1 mounted, -1 failed */

	if (!state)
		state = tl_mount_ext4("ext") ? -1 : 1;
	return state > 0 ? "ext" : NULL;
}

#define EXT4_OR_FAIL()								\
	TL_CHECK(ext4() != NULL, "no ext4 filesystem")

/* ---- R9: writes wait for a frozen filesystem, within the budget ----------- */

/*
 * A frozen ext4 that thaws itself after a while, however the case ends: a
 * guard that waits without a bound would otherwise hold the test forever.
 */
struct freeze {
	int mnt;
	pthread_t t;
	atomic_bool over;
	bool thawed_late;	/* the backstop thawed it: the kfunc waited */
};

static void *freeze_backstop(void *arg)
{
	struct freeze *f = arg;
	double end = now_s() + 6;

	while (!atomic_load(&f->over) && now_s() < end)
		usleep(10 * 1000);
	if (!atomic_load(&f->over)) {
		f->thawed_late = true;
		ioctl(f->mnt, FITHAW, 0);
	}
	return NULL;
}

static int freeze_begin(struct freeze *f)
{
	f->mnt = open("ext", O_RDONLY | O_DIRECTORY);
	TL_CHECK(f->mnt >= 0, "open ext");
	TL_CHECK(!ioctl(f->mnt, FIFREEZE, 0), "FIFREEZE: %s", strerror(errno));
	TL_EQ(pthread_create(&f->t, NULL, freeze_backstop, f), 0);
	return 0;
}

static void freeze_end(struct freeze *f)
{
	atomic_store(&f->over, true);
	pthread_join(f->t, NULL);
	if (!f->thawed_late)
		ioctl(f->mnt, FITHAW, 0);
	close(f->mnt);
}

/*
 * Run the probe's steps (one, on `fds`, the last one written to) with a
 * 1 s budget on the frozen fs: the step must stop with -ETIME in about
 * that time, the last fd's file still empty when the fs thaws.
 */
static int frozen_step_stops(const int *fds, int nfds)
{
	struct freeze f = {};
	struct stat st;
	off_t size;
	double t0, took;
	int r;

	ro.grant_fds = fds;
	ro.ngrant = nfds;
	ro.budget_time_ns = 1000ull * 1000 * 1000;
	if (freeze_begin(&f))
		return 1;
	t0 = now_s();
	r = run();
	took = now_s() - t0;
	size = fstat(fds[nfds - 1], &st) ? -1 : st.st_size;	/* before the thaw */
	freeze_end(&f);
	TL_EQ(r, 0);
	TL_CHECK(!f.thawed_late, "still in the kfunc after 6 s: it waited for the thaw");
	TL_EQ(pa.res[0], -ETIME);
	TL_EQ(size, 0);
	TL_CHECK(took < 4, "took %.1f s for a 1 s budget", took);
	return 0;
}

/* cosy_copy() tmpfs -> ext4: EXDEV, so the splice path, under freeze protection. */
TL_CASE(r9_copy_to_a_frozen_fs_waits_within_the_budget)
{
	const size_t size = 1 << 20;
	int in, out;

	EXT4_OR_FAIL();
	TL_EQ(tl_make_file("src", size, 3), 0);
	in = open("src", O_RDONLY);
	out = open("ext/copy", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	TL_CHECK(in >= 0 && out >= 0, "open");
	reset();
	step(COSY_OP_COPY, in, 0, size)->mode = out;
	if (frozen_step_stops((int[]){ in, out }, 2))
		return 1;
	/* Thawed: the next run copies. */
	reset();
	ro.grant_fds = (int[]){ in, out };
	ro.ngrant = 2;
	step(COSY_OP_COPY, in, 0, size)->mode = out;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], size);
	close(in);
	close(out);
	TL_EQ(tl_cmp_files("src", "ext/copy"), 0);
	return 0;
}

/* Plain cosy_write(): kernel_write() would wait for the thaw, without a bound. */
TL_CASE(r9_write_to_a_frozen_fs_waits_within_the_budget)
{
	int out;

	EXT4_OR_FAIL();
	out = open("ext/write", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	TL_CHECK(out >= 0, "open");
	reset();
	step(COSY_OP_WRITE, out, 0, 4096);
	if (frozen_step_stops(&out, 1))
		return 1;
	reset();
	step(COSY_OP_WRITE, out, 0, 4096);
	TL_EQ(run_granted(out), 0);
	TL_EQ(pa.res[0], 4096);
	close(out);
	return 0;
}

/* ---- R11: no I/O on an O_DIRECT file, however it got the flag ------------- */

/* Aligned, so that only the segment's vmalloc pages are wrong for O_DIRECT. */
static int direct_io_case(int fd)
{
	int r;

	TL_CHECK(fd >= 0, "open: %s", strerror(errno));
	reset();
	step(COSY_OP_READ, fd, 0, 4096);
	step(COSY_OP_PREAD, fd, 0, 4096)->pos = 0;
	step(COSY_OP_WRITE, fd, 0, 4096);
	step(COSY_OP_PWRITE, fd, 0, 4096)->pos = 4096;
	r = run_granted(fd);
	close(fd);
	TL_EQ(r, 0);
	TL_EQ(pa.res[0], -EOPNOTSUPP);
	TL_EQ(pa.res[1], -EOPNOTSUPP);
	TL_EQ(pa.res[2], -EOPNOTSUPP);
	TL_EQ(pa.res[3], -EOPNOTSUPP);
	TL_EQ(ro.stats.bytes_read + ro.stats.bytes_written, 0);
	return 0;
}

TL_CASE(r11_granted_o_direct_fd_is_eopnotsupp)
{
	EXT4_OR_FAIL();
	TL_EQ(tl_make_file("ext/direct", 8192, 4), 0);
	return direct_io_case(open("ext/direct", O_RDWR | O_DIRECT));
}

TL_CASE(r11_o_direct_set_with_fcntl_is_eopnotsupp)
{
	int fd;

	EXT4_OR_FAIL();
	TL_EQ(tl_make_file("ext/late", 8192, 4), 0);
	fd = open("ext/late", O_RDWR);
	TL_CHECK(fd >= 0, "open");
	TL_CHECK(!fcntl(fd, F_SETFL, O_DIRECT), "F_SETFL O_DIRECT: %s", strerror(errno));
	return direct_io_case(fd);
}

/* ---- R12: d_off on ext4, where positions are name hashes ------------------ */

TL_CASE(r12_ext4_getdents_d_off_is_the_next_entrys_position)
{
	char name[32];
	int i;

	EXT4_OR_FAIL();
	TL_EQ(mkdir("ext/d", 0755), 0);
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "ext/d/entry%02d", i);
		TL_EQ(tl_make_file(name, 1, i), 0);
	}
	return dents_compare("ext/d");
}

/* ---- R3: getdents and lseek of one htree directory, from three sides ---- */

/* Last: without the fix, this oopses the kernel within a second or two. */

/* Every record well formed, and named like the directory's entries? */
static bool dents_sane(const char *buf, long len)
{
	long pos = 0;

	while (pos < len) {
		const struct dirent64 *e = (const void *)(buf + pos);

		if (e->d_reclen < 24 || e->d_reclen % 8 || pos + e->d_reclen > len)
			return false;
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strncmp(e->d_name, "htree-entry-", 12))
			return false;
		pos += e->d_reclen;
	}
	return pos == len;
}

struct dir_race {
	int fd;
	atomic_bool stop;
	long passes, bad;
};

/* getdents64(2) on the shared fd, starting over at the end. */
static void *dir_race_getdents(void *arg)
{
	struct dir_race *r = arg;
	char buf[1024] __attribute__((aligned(8)));
	long n;

	while (!atomic_load(&r->stop)) {
		n = syscall(SYS_getdents64, r->fd, buf, sizeof(buf));
		if (n < 0 || !dents_sane(buf, n))
			r->bad++;
		if (n == 0)
			r->passes++;
		if (n <= 0)
			lseek(r->fd, 0, SEEK_SET);
	}
	return NULL;
}

static void *dir_race_lseek(void *arg)
{
	struct dir_race *r = arg;

	while (!atomic_load(&r->stop)) {
		lseek(r->fd, 0, SEEK_SET);
		usleep(200);
	}
	return NULL;
}

/*
 * ext4's htree readdir keeps its cursor (an rbtree of names) in the open
 * file; getdents64(2) and lseek(2) serialise on f_pos_lock, and so must the
 * compound's getdents on the same (granted) fd, or two walkers free and
 * refill one tree under each other.
 */
TL_CASE(r3_ext4_htree_getdents_races_getdents64_and_lseek)
{
	struct dir_race r = {};
	pthread_t tg, tl;
	char name[64];
	long runs = 0, bad = 0, i;
	double end;

	EXT4_OR_FAIL();
	TL_EQ(mkdir("ext/h", 0755), 0);
	/* 1 KiB blocks (a small fs): 400 long names make a multi-block htree. */
	for (i = 0; i < 400; i++) {
		snprintf(name, sizeof(name), "ext/h/htree-entry-%04ld-with-a-longer-name", i);
		TL_EQ(tl_make_file(name, 0, 0), 0);
	}
	r.fd = open("ext/h", O_RDONLY | O_DIRECTORY);
	TL_CHECK(r.fd >= 0, "open");
	TL_EQ(pthread_create(&tg, NULL, dir_race_getdents, &r), 0);
	TL_EQ(pthread_create(&tl, NULL, dir_race_lseek, &r), 0);
	end = now_s() + 4;
	while (now_s() < end) {
		reset();
		step(COSY_OP_LSEEK, r.fd, 0, 0)->flags = SEEK_SET;
		step(COSY_OP_GETDENTS, r.fd, 0, 1024);
		pa.repeat = 40;
		run_granted(r.fd);
		runs++;
		if (pa.res[1] < 0 || !dents_sane(data(), pa.res[1]))
			bad++;
	}
	atomic_store(&r.stop, true);
	pthread_join(tg, NULL);
	pthread_join(tl, NULL);
	close(r.fd);
	printf("#   %ld compound runs, %ld getdents64 passes\n", runs, r.passes);
	TL_EQ(bad, 0);
	TL_EQ(r.bad, 0);
	TL_CHECK(!tl_kernel_log_has("EXT4-fs error"), "ext4 reports an error");
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
