// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Issue 9 on a disk filesystem: the rules that tmpfs cannot exercise (it
 * has no htree directories, no FIFREEZE, no O_DIRECT), on a loop-mounted
 * ext4 image (tl_mount_ext4()).  Same conventions as t_hostile.c (the
 * case that oopses a module without the fix comes last).  R13, the calls
 * that change names and sizes (unlink, fsync, ftruncate), is here too:
 * each is compared with its syscall on the same kind of file, on tmpfs
 * and on ext4.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/fs.h>		/* FIFREEZE, FITHAW */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe_run.h"
#include "ls_l.h"

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

/*
 * ls_l's `start` is the caller's: any value reaches cosy_lseek() on the
 * compound's own directory fd.  Garbage (negative, huge, not a position
 * the directory ever gave) ends the run with -EINVAL at the lseek or lists
 * from wherever the file system puts it: each record then one of the
 * directory's own names, nothing left open (the harness counts fds).
 */
static int ls_l_start_case(const char *dir)
{
	static const uint64_t starts[] = {
		~0ull, 1ull << 63, (1ull << 63) - 1, 1ull << 62, 1ull << 32, 0xdeadbeef, 12345, 3, 2, 1,
	};
	struct cosy_compound *c = tl_compound("ls_l");
	COSY_OPTS(cosy_run_opts, ro);
	struct ls_l_args a;
	struct ls_rec *rec;
	char *seg, name[64];
	unsigned i, k, listed = 0, refused = 0;

	TL_CHECK(c != NULL, "no ls_l compound");
	TL_EQ(mkdir(dir, 0755), 0);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "%s/start-%03u", dir, i);
		TL_EQ(tl_make_file(name, 1, i), 0);
	}
	seg = cosy_compound__data(c, NULL);
	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		snprintf(seg, 4096, "%s", dir);
		a = (struct ls_l_args){ .dir_off = 0, .buf_off = 4096, .buf_len = 8192,
					.out_off = 16384, .max_entries = 400, .start = starts[i] };
		TL_EQ(cosy_compound__run(c, "ls_l", &a, sizeof(a), &ro), 0);
		if (ro.retval) {
			TL_EQ(ro.retval, -EINVAL);
			TL_EQ(a.fail_op, COSY_OP_LSEEK);
			refused++;
			continue;
		}
		TL_CHECK(a.nentries <= 300, "start %#llx: %u entries",
			 (unsigned long long)starts[i], a.nentries);
		rec = (struct ls_rec *)(seg + 16384);
		for (k = 0; k < a.nentries; k++)
			TL_CHECK(!strncmp(rec[k].name, "start-", 6) && !rec[k].err,
				 "start %#llx: record %u is '%.20s' (err %d)",
				 (unsigned long long)starts[i], k, rec[k].name, rec[k].err);
		listed++;
	}
	printf("#   %s: %u starts listed from somewhere, %u refused at the lseek\n", dir, listed,
	       refused);
	return 0;
}

TL_CASE(r12_ls_l_start_from_the_caller_on_tmpfs)
{
	return ls_l_start_case("lsstart");
}

TL_CASE(r12_ls_l_start_from_the_caller_on_ext4)
{
	EXT4_OR_FAIL();
	return ls_l_start_case("ext/lsstart");
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
	long calls, passes, bad;
};

/* getdents64(2) on the shared fd, starting over at the end. */
static void *dir_race_getdents(void *arg)
{
	struct dir_race *r = arg;
	char buf[1024] __attribute__((aligned(8)));
	long n;

	while (!atomic_load(&r->stop)) {
		n = syscall(SYS_getdents64, r->fd, buf, sizeof(buf));
		r->calls++;
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
	double end, t, longest = 0;

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
		t = now_s();
		run_granted(r.fd);
		t = now_s() - t;
		longest = t > longest ? t : longest;
		runs++;
		if (pa.res[1] < 0 || !dents_sane(data(), pa.res[1])) {
			if (!bad++)
				printf("#   run %ld: getdents %lld (stopped %u)\n", runs,
				       (long long)pa.res[1], pa.stopped);
		}
	}
	atomic_store(&r.stop, true);
	pthread_join(tg, NULL);
	pthread_join(tl, NULL);
	close(r.fd);
	printf("#   %ld compound runs (the longest %.0f ms); %ld getdents64 calls, %ld passes\n",
	       runs, longest * 1e3, r.calls, r.passes);
	TL_EQ(bad, 0);
	TL_EQ(r.bad, 0);
	TL_CHECK(!tl_kernel_log_has("EXT4-fs error"), "ext4 reports an error");
	return 0;
}

/* ---- R13: unlink, fsync, ftruncate behave as their syscalls -------------- */

/* A fresh tree for the unlink cases under `top` (tmpfs, or ext4's "ext"). */
static int unlink_tree(const char *top)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd),
		 "cd %s && rm -rf u && mkdir -p u/dir/inner u/full && echo x > u/file && "
		 "echo y > u/full/f && ln -s file u/link && ln -s nowhere u/dangling", top);
	return system(cmd);
}

static bool exists(const char *top, const char *rel)
{
	char p[512];
	struct stat st;

	snprintf(p, sizeof(p), "%s/u/%s", top, rel);
	return !lstat(p, &st);
}

/*
 * Each path unlinked from `top`/u by the compound, then by unlink(2) on a
 * fresh copy of the tree: the same errno, and the same names left.
 */
static int unlink_like_the_syscall(const char *top)
{
	static const char *paths[] = {
		"file", "missing", "dir", "file/", "dir/", ".", "..", "/", "link", "dangling",
		"missing/x", "file/x", "dir/../file", "./file", "dir//inner", "dir/inner/",
		"dir/inner", "full", "link/", "u/../file",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaa",
	};
	static const char *names[] = { "file", "dir", "dir/inner", "link", "dangling", "full",
				       "full/f" };
	char here[512], p[600];
	unsigned i, k;
	int bad = 0;

	TL_CHECK(getcwd(here, sizeof(here)) != NULL, "getcwd");
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		bool left_k[8], left_s[8];
		long want;

		/* Relative to u/ (the compound runs in the caller's cwd). */
		TL_EQ(unlink_tree(top), 0);
		snprintf(p, sizeof(p), "%s/u", top);
		TL_EQ(chdir(p), 0);
		reset();
		step(COSY_OP_UNLINK, COSY_AT_FDCWD, path_at(0, paths[i]), 0);
		TL_EQ(run(), 0);
		TL_EQ(chdir(here), 0);
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			left_k[k] = exists(top, names[k]);
		TL_EQ(unlink_tree(top), 0);
		TL_EQ(chdir(p), 0);
		want = unlink(paths[i]) ? -errno : 0;
		TL_EQ(chdir(here), 0);
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			left_s[k] = exists(top, names[k]);
		if (pa.res[0] != want) {
			printf("#   %s: unlink(\"%.40s\"): cosy %lld, the syscall %ld\n", top, paths[i],
			       (long long)pa.res[0], want);
			bad++;
		}
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (left_k[k] != left_s[k]) {
				printf("#   %s: unlink(\"%.40s\"): %s %s after cosy, %s after the "
				       "syscall\n", top, paths[i], names[k],
				       left_k[k] ? "exists" : "is gone", left_s[k] ? "exists" : "is gone");
				bad++;
			}
	}
	/* unlinkat() from a directory fd, and from one that is not a directory */
	TL_EQ(unlink_tree(top), 0);
	{
		char d[512], f[512];
		int dfd, ffd;

		snprintf(d, sizeof(d), "%s/u/full", top);
		snprintf(f, sizeof(f), "%s/u/file", top);
		dfd = open(d, O_RDONLY | O_DIRECTORY);
		ffd = open(f, O_RDONLY);
		TL_CHECK(dfd >= 0 && ffd >= 0, "open");
		reset();
		step(COSY_OP_UNLINK, ffd, path_at(0, "f"), 0);
		step(COSY_OP_UNLINK, dfd, path_at(64, "f"), 0);
		step(COSY_OP_UNLINK, dfd, path_at(128, "f"), 0);
		ro.grant_fds = (int[]){ dfd, ffd };
		ro.ngrant = 2;
		TL_EQ(run(), 0);
		TL_EQ(pa.res[0], -ENOTDIR);
		TL_EQ(pa.res[1], 0);
		TL_EQ(pa.res[2], -ENOENT);
		TL_CHECK(!exists(top, "full/f"), "full/f is still there");
		close(dfd);
		close(ffd);
	}
	TL_EQ(bad, 0);
	return 0;
}

TL_CASE(r13_unlink_on_tmpfs_is_unlink)
{
	return unlink_like_the_syscall(".");
}

TL_CASE(r13_unlink_on_ext4_is_unlink)
{
	EXT4_OR_FAIL();
	return unlink_like_the_syscall("ext");
}

/* A file the compound opened stays readable after its name goes. */
TL_CASE(r13_an_unlinked_open_file_still_reads)
{
	TL_EQ(tl_make_file("gone", 5000, 7), 0);
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "gone"), 0)->flags = O_RDONLY;
	step(COSY_OP_UNLINK, COSY_AT_FDCWD, path_at(64, "gone"), 0);
	step(COSY_OP_READ, PROBE_FD_LAST, 4096, 5000);
	TL_EQ(run(), 0);
	TL_CHECK(pa.res[0] >= 0, "open: %lld", (long long)pa.res[0]);
	TL_EQ(pa.res[1], 0);
	TL_EQ(pa.res[2], 5000);
	TL_CHECK(access("gone", F_OK), "the name is still there");
	return 0;
}

TL_CASE(r13_unlink_on_a_read_only_mount_is_erofs)
{
	int fd;

	mkdir("rom", 0755);
	TL_CHECK(!mount("cosy", "rom", "tmpfs", 0, "size=1m"), "mount: %s", strerror(errno));
	fd = open("rom/x", O_WRONLY | O_CREAT, 0644);
	TL_CHECK(fd >= 0, "create rom/x");
	close(fd);
	TL_CHECK(!mount(NULL, "rom", NULL, MS_REMOUNT | MS_RDONLY, NULL), "remount ro: %s",
		 strerror(errno));
	reset();
	step(COSY_OP_UNLINK, COSY_AT_FDCWD, path_at(0, "rom/x"), 0);
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], -EROFS);
	TL_CHECK(!access("rom/x", F_OK), "rom/x went from a read-only mount");
	TL_EQ(umount("rom"), 0);
	return 0;
}

/* An fd of each kind, and the same kind again for the syscall's turn. */
enum fd_kind { K_RW, K_RO, K_DIR, K_PIPE_R, K_PIPE_W, K_NULL, K_SOCK, K_PATH, K__N };
static const char *const kind_name[K__N] = { "rw file", "read-only file", "directory",
	"pipe read end", "pipe write end", "/dev/null", "socket", "O_PATH file" };

static int kind_fd(enum fd_kind k, const char *file, int *extra)
{
	int p[2], fd = -1;

	*extra = -1;
	switch (k) {
	case K_RW: fd = open(file, O_RDWR); break;
	case K_RO: fd = open(file, O_RDONLY); break;
	case K_DIR: fd = open(".", O_RDONLY | O_DIRECTORY); break;
	case K_PIPE_R:
	case K_PIPE_W:
		if (pipe(p))
			return -1;
		fd = p[k == K_PIPE_W];
		*extra = p[k != K_PIPE_W];
		break;
	case K_NULL: fd = open("/dev/null", O_RDWR); break;
	case K_SOCK: fd = socket(AF_UNIX, SOCK_STREAM, 0); break;
	case K_PATH: fd = open(file, O_PATH); break;
	default: break;
	}
	return fd;
}

/*
 * fsync, fdatasync and ftruncate (to 0, 100, -1 and 2^62) on each kind of
 * fd, granted to the compound, against the syscalls on a twin fd: the
 * same result, and the same file size afterwards.
 */
static int sync_trunc_like_the_syscalls(const char *dir)
{
	static const long long lens[] = { 100, 0, -1, 1LL << 62 };
	char fk[512], fs[512];
	int k, bad = 0;

	snprintf(fk, sizeof(fk), "%s/trunc.k", dir);
	snprintf(fs, sizeof(fs), "%s/trunc.s", dir);
	for (k = 0; k < K__N; k++) {
		int a, b, xa, xb, i;
		struct stat sa, sb;
		long long want[6];

		TL_EQ(tl_make_file(fk, 3000, 1), 0);
		TL_EQ(tl_make_file(fs, 3000, 1), 0);
		a = kind_fd(k, fk, &xa);
		b = kind_fd(k, fs, &xb);
		TL_CHECK(a >= 0 && b >= 0, "%s: %s", kind_name[k], strerror(errno));
		reset();
		step(COSY_OP_FSYNC, a, 0, 0);
		step(COSY_OP_FSYNC, a, 0, 0)->flags = 1;
		for (i = 0; i < 4; i++)
			step(COSY_OP_FTRUNCATE, a, 0, 0)->pos = lens[i];
		TL_EQ(run_granted(a), 0);
		want[0] = fsync(b) ? -errno : 0;
		want[1] = fdatasync(b) ? -errno : 0;
		for (i = 0; i < 4; i++)
			want[2 + i] = ftruncate(b, lens[i]) ? -errno : 0;
		for (i = 0; i < 6; i++)
			if (pa.res[i] != want[i]) {
				printf("#   %s, %s: %s: cosy %lld, the syscall %lld\n", dir, kind_name[k],
				       i == 0 ? "fsync" : i == 1 ? "fdatasync" : "ftruncate",
				       (long long)pa.res[i], want[i]);
				bad++;
			}
		TL_EQ(stat(fk, &sa), 0);
		TL_EQ(stat(fs, &sb), 0);
		if (sa.st_size != sb.st_size) {
			printf("#   %s, %s: size %lld after cosy, %lld after the syscalls\n", dir,
			       kind_name[k], (long long)sa.st_size, (long long)sb.st_size);
			bad++;
		}
		close(a);
		close(b);
		if (xa >= 0)
			close(xa);
		if (xb >= 0)
			close(xb);
	}
	TL_EQ(bad, 0);
	return 0;
}

TL_CASE(r13_fsync_ftruncate_on_each_kind_of_fd_on_tmpfs)
{
	return sync_trunc_like_the_syscalls(".");
}

TL_CASE(r13_fsync_ftruncate_on_each_kind_of_fd_on_ext4)
{
	EXT4_OR_FAIL();
	return sync_trunc_like_the_syscalls("ext");
}

/*
 * A granted O_PATH fd names a file without opening it: every call but
 * fstat and *at() says EBADF to it, and so must the kfuncs.
 */
TL_CASE(r13_o_path_fds_are_ebadf_as_to_the_syscalls)
{
	static const char *const what[] = { "lseek", "getdents64", "read", "write", "fsync",
					    "ftruncate" };
	int fds[2], i, k, bad = 0;
	char buf[1024];

	TL_EQ(tl_make_file("opath", 100, 3), 0);
	fds[0] = open("opath", O_PATH);
	fds[1] = open(".", O_PATH | O_DIRECTORY);
	TL_CHECK(fds[0] >= 0 && fds[1] >= 0, "O_PATH: %s", strerror(errno));
	for (k = 0; k < 2; k++) {
		long long want[6];

		reset();
		step(COSY_OP_LSEEK, fds[k], 0, 0)->flags = SEEK_SET;
		step(COSY_OP_GETDENTS, fds[k], 0, 1024);
		step(COSY_OP_READ, fds[k], 0, 16);
		step(COSY_OP_WRITE, fds[k], 0, 16);
		step(COSY_OP_FSYNC, fds[k], 0, 0);
		step(COSY_OP_FTRUNCATE, fds[k], 0, 0)->pos = 1;
		TL_EQ(run_granted(fds[k]), 0);
		want[0] = lseek(fds[k], 0, SEEK_SET) < 0 ? -errno : 0;
		want[1] = syscall(SYS_getdents64, fds[k], buf, sizeof(buf)) < 0 ? -errno : 0;
		want[2] = read(fds[k], buf, 16) < 0 ? -errno : 0;
		want[3] = write(fds[k], buf, 16) < 0 ? -errno : 0;
		want[4] = fsync(fds[k]) ? -errno : 0;
		want[5] = ftruncate(fds[k], 1) ? -errno : 0;
		for (i = 0; i < 6; i++)
			if (pa.res[i] != want[i]) {
				printf("#   O_PATH %s: %s: cosy %lld, the syscall %lld\n",
				       k ? "directory" : "file", what[i], (long long)pa.res[i], want[i]);
				bad++;
			}
	}
	close(fds[0]);
	close(fds[1]);
	TL_EQ(bad, 0);
	return 0;
}

/* chattr +a: ftruncate(2) says EPERM, and so must the kfunc. */
TL_CASE(r13_ftruncate_of_an_append_only_file_is_eperm)
{
	int fd, flags = FS_APPEND_FL, none = 0;
	struct stat st;

	EXT4_OR_FAIL();
	TL_EQ(tl_make_file("ext/aonly", 4096, 2), 0);
	fd = open("ext/aonly", O_WRONLY | O_APPEND);
	TL_CHECK(fd >= 0, "open");
	TL_CHECK(!ioctl(fd, FS_IOC_SETFLAGS, &flags), "chattr +a: %s", strerror(errno));
	reset();
	step(COSY_OP_FTRUNCATE, fd, 0, 0)->pos = 10;
	TL_EQ(run_granted(fd), 0);
	TL_EQ(pa.res[0], -EPERM);
	TL_EQ(ftruncate(fd, 10), -1);
	TL_EQ(errno, EPERM);
	TL_EQ(fstat(fd, &st), 0);
	TL_EQ(st.st_size, 4096);
	TL_EQ(ioctl(fd, FS_IOC_SETFLAGS, &none), 0);
	close(fd);
	return 0;
}

/*
 * Unlink, ftruncate and opens that may write (a new file, O_TRUNC) wait for
 * a frozen filesystem only within the budget.
 */
TL_CASE(r9_unlink_truncate_and_write_opens_on_a_frozen_fs_wait_within_the_budget)
{
	static const char *const what[] = { "unlink", "ftruncate", "open(O_CREAT)",
					    "open(O_WRONLY | O_TRUNC)" };
	struct freeze f = {};
	struct stat st;
	double t0, took;
	int fd, r;

	EXT4_OR_FAIL();
	TL_EQ(tl_make_file("ext/frozen", 4096, 5), 0);
	fd = open("ext/frozen", O_RDWR);
	TL_CHECK(fd >= 0, "open");
	for (int op = 0; op < 4; op++) {
		reset();
		if (op == 0)
			step(COSY_OP_UNLINK, COSY_AT_FDCWD, path_at(0, "ext/frozen"), 0);
		else if (op == 1)
			step(COSY_OP_FTRUNCATE, fd, 0, 0)->pos = 1;
		else if (op == 2)
			step(COSY_OP_OPEN, 0, path_at(0, "ext/frozen.new"), 0)->flags =
				O_WRONLY | O_CREAT;
		else
			step(COSY_OP_OPEN, 0, path_at(0, "ext/frozen"), 0)->flags =
				O_WRONLY | O_TRUNC;
		ro.grant_fds = &fd;
		ro.ngrant = 1;
		ro.budget_time_ns = 1000ull * 1000 * 1000;
		if (freeze_begin(&f))
			return 1;
		t0 = now_s();
		r = run();
		took = now_s() - t0;
		freeze_end(&f);
		TL_EQ(r, 0);
		TL_CHECK(!f.thawed_late, "%s: still in the kfunc after 6 s: it waited for the thaw",
			 what[op]);
		TL_EQ(pa.res[0], -ETIME);
		TL_CHECK(took < 4, "took %.1f s for a 1 s budget", took);
		memset(&f, 0, sizeof(f));
	}
	TL_EQ(stat("ext/frozen", &st), 0);
	TL_EQ(st.st_size, 4096);
	TL_CHECK(access("ext/frozen.new", F_OK), "ext/frozen.new was made on a frozen fs");
	/* thawed: both go through */
	reset();
	step(COSY_OP_FTRUNCATE, fd, 0, 0)->pos = 1;
	step(COSY_OP_UNLINK, COSY_AT_FDCWD, path_at(0, "ext/frozen"), 0);
	TL_EQ(run_granted(fd), 0);
	TL_EQ(pa.res[0], 0);
	TL_EQ(pa.res[1], 0);
	TL_CHECK(access("ext/frozen", F_OK), "ext/frozen is still there");
	close(fd);
	return 0;
}

/*
 * Another thread renames the parent back and forth and recreates the
 * file while the compound unlinks it: every result is 0 or -ENOENT, and
 * KASAN and lockdep (the debug kernel) see nothing.
 */
struct rename_race {
	atomic_bool stop;
	long flips;
};

static void *rename_racer(void *arg)
{
	struct rename_race *r = arg;
	int fd;

	while (!atomic_load(&r->stop)) {
		fd = open("rr/x", O_WRONLY | O_CREAT, 0644);
		if (fd >= 0)
			close(fd);
		if (!rename("rr", "rr2"))
			rename("rr2", "rr");
		r->flips++;
	}
	return NULL;
}

TL_CASE(r13_unlink_while_the_parent_is_renamed)
{
	struct rename_race r = {};
	long runs = 0, ok = 0, bad = 0;
	pthread_t t;
	double end;

	TL_EQ(system("rm -rf rr rr2 && mkdir rr"), 0);
	TL_EQ(pthread_create(&t, NULL, rename_racer, &r), 0);
	end = now_s() + 3;
	while (now_s() < end) {
		reset();
		step(COSY_OP_UNLINK, COSY_AT_FDCWD, path_at(0, "rr/x"), 0);
		pa.repeat = 20;
		TL_EQ(run(), 0);
		runs++;
		if (pa.res[0] == 0)
			ok++;
		else if (pa.res[0] != -ENOENT)
			bad++;
	}
	atomic_store(&r.stop, true);
	pthread_join(t, NULL);
	printf("#   %ld runs (%ld ended in an unlink), %ld renames\n", runs, ok, r.flips);
	TL_EQ(bad, 0);
	TL_CHECK(!tl_kernel_log_has("BUG:") && !tl_kernel_log_has("WARNING:"),
		 "the kernel log has a BUG or WARNING");
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
