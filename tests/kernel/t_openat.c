// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy_openat() against openat(2), case by case: the same directory fd
 * (or cwd, or none), path, flags and credentials must give the same
 * fd-or-errno, the same F_GETFL and the same effect on the file.  Paths
 * cover the kinds of file and the permission bits (root and an
 * unprivileged fsuid, no ACLs), O_TRUNC on read-only files, append-only
 * and immutable files (ext4), a noexec and nodev mount with a device
 * node, directories, symlinks and mount points (stacked, bound) on the way
 * and at the end, long, dotted and doubled-slash paths.  Read-only
 * opens of plain paths are answered from the dcache (cosy_io.c,
 * cosy_open_fast()), the rest by path_openat(): each case also checks, by
 * counting path_openat() calls, which of the two answered.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/fs.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/fsuid.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe_run.h"

#define UID 1000

/* The files of one directory: recreated before each open (O_TRUNC). */
struct ent {
	const char *name;
	char kind;	/* f file, d dir, l symlink to "f644", p FIFO, c char device */
	mode_t mode;
	uid_t uid;
	int attr;	/* FS_*_FL: ext4 only */
};

static const struct ent ents[] = {
	{ "f644", 'f', 0644, 0, 0 },
	{ "f600", 'f', 0600, 0, 0 },
	{ "f000", 'f', 0000, 0, 0 },
	{ "f444", 'f', 0444, 0, 0 },
	{ "u400", 'f', 0400, UID, 0 },
	{ "u000", 'f', 0000, UID, 0 },
	{ "u200", 'f', 0200, UID, 0 },
	{ "d755", 'd', 0755, 0, 0 },
	{ "d700", 'd', 0700, 0, 0 },
	{ "d311", 'd', 0311, 0, 0 },
	{ "lnk", 'l', 0, 0, 0 },
	{ "fifo", 'p', 0644, 0, 0 },
	{ "null", 'c', 0666, 0, 0 },	/* /dev/null's node: on "nx" (nodev) EACCES */
};

static const struct ent ext4_ents[] = {
	{ "app", 'f', 0666, 0, FS_APPEND_FL },
	{ "imm", 'f', 0666, 0, FS_IMMUTABLE_FL },
};

/*
 * Paths that name no entry of their own: kind is what they reach ('d',
 * 'f', 0 for nothing), walk whether each step is a plain directory, so
 * that the dcache can answer (errors on the way included).
 */
static const struct {
	const char *name;
	char kind;
	bool walk;
} other_names[] = {
	{ "missing", 0, true }, { "missing/x", 0, true }, { ".", 'd', false },
	{ "..", 'd', false }, { "d755/x", 'd', true }, { "d700/x", 'd', true },
	{ "d311/x", 'd', true }, { "d755//x", 'd', false }, { "d755/x/", 'd', false },
	{ "f644/x", 0, false }, { "lnk/", 'f', false }, { "lnk/x", 0, false },
	{ "f644/", 'f', false }, { "./f644", 'f', false }, { "d755/../f644", 'f', false },
	{ "d311/x/../x", 'd', false },
};

static const int flag_sets[] = {
	O_RDONLY, O_RDONLY | O_DIRECTORY, O_RDONLY | O_NOFOLLOW, O_RDONLY | O_CLOEXEC,
	O_WRONLY, O_RDWR, O_RDONLY | O_TRUNC, O_WRONLY | O_APPEND, O_WRONLY | O_TRUNC,
	O_RDONLY | O_NOATIME, O_RDONLY | O_SYNC,
};

/* chattr: the append-only and immutable bits to `attr`, the others kept. */
static int set_attr(const char *path, int attr)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK), r, fl;

	if (fd < 0)
		return -errno;
	r = ioctl(fd, FS_IOC_GETFLAGS, &fl) ? -errno : 0;
	fl = (fl & ~(FS_APPEND_FL | FS_IMMUTABLE_FL)) | attr;
	if (!r)
		r = ioctl(fd, FS_IOC_SETFLAGS, &fl) ? -errno : 0;
	close(fd);
	return r;
}

static int make_ent(const char *dir, const struct ent *e)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", dir, e->name);
	if (e->attr)
		set_attr(p, 0);
	if (e->kind == 'd') {
		if (mkdir(p, e->mode) && errno != EEXIST)
			return -errno;
		if (mkdir(strcat(p, "/x"), 0755) && errno != EEXIST)
			return -errno;
		p[strlen(p) - 2] = 0;
	} else if (e->kind == 'l') {
		unlink(p);
		return symlink("f644", p) ? -errno : 0;
	} else if (e->kind == 'p') {
		unlink(p);
		if (mkfifo(p, e->mode))
			return -errno;
	} else if (e->kind == 'c') {
		unlink(p);
		if (mknod(p, S_IFCHR | e->mode, makedev(1, 3)))
			return -errno;
	} else {
		unlink(p);
		if (tl_make_file(p, 100, 7))
			return -EIO;
	}
	if (chmod(p, e->mode) || chown(p, e->uid, e->uid))
		return -errno;
	return e->attr ? set_attr(p, e->attr) : 0;
}

/*
 * Is this open one the dcache answers?  Read-only flags, a walk through
 * plain directories, and a regular file or directory at its end
 * (O_DIRECTORY: a directory), or no file at all (kind 0: a lookup's
 * -ENOENT).
 */
static bool fast_expected(bool walk, int flags, char kind)
{
	return walk && !(flags & ~(O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) &&
	       (kind == 'f' || kind == 'd' || !kind) && !((flags & O_DIRECTORY) && kind == 'f');
}

static uid_t cur_uid;	/* whose fs credentials the opens use */

static void fs_as(uid_t u)
{
	setfsgid(u);
	setfsuid(u);
}

static off_t size_of(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) ? -1 : st.st_size;
}

static int ncases, nfast;
/*
 * How the path is given: 0 relative to a directory fd, 1 relative to the
 * cwd ("DIR/NAME", AT_FDCWD), 2 absolute.  The dcache answers the second
 * across the mount points on the way too ("nx", "st"), and the third
 * wherever the test's directory is: that one is checked for its results
 * alone.
 */
static int via;
static char cwd[256];
static int kprobe_fd = -1;	/* counts path_openat() calls: the path walks */

/*
 * One name, one flag set, as whoever we are now: openat(2), the files made
 * again, cosy_openat() (public fd, then a session handle), compared.
 */
static int compare(const char *dir, const struct ent *e, const char *name, int flags,
		   bool fast)
{
	int dirfd, at, sys, err_sys, fl_sys = -1, cosy, fl_cosy = -1, priv;
	off_t sz_sys, sz_cosy;
	long long walks;
	char full[640];
	/* which path answers is known for a dirfd and for the cwd */
	bool known = via < 2;

	if (via == 0)
		snprintf(full, sizeof(full), "%s", name);
	else
		snprintf(full, sizeof(full), "%s%s%s/%s", via == 2 ? cwd : "",
			 via == 2 ? "/" : "", dir, name);
	for (priv = 0; priv < 2; priv++) {
		fs_as(0);	/* the files are made by root */
		if (e)
			TL_EQ(make_ent(dir, e), 0);
		dirfd = open(dir, O_RDONLY | O_DIRECTORY);
		TL_CHECK(dirfd >= 0, "open %s: %s", dir, strerror(errno));
		fs_as(cur_uid);
		at = via ? AT_FDCWD : dirfd;
		sys = openat(at, full, flags | O_NONBLOCK);
		err_sys = sys < 0 ? -errno : 0;
		fs_as(0);
		if (sys >= 0) {
			fl_sys = fcntl(sys, F_GETFL);
			close(sys);
		}
		sz_sys = size_of(at, full);
		if (e)
			TL_EQ(make_ent(dir, e), 0);
		fs_as(cur_uid);
		reset();
		step(COSY_OP_OPENAT, via ? COSY_AT_FDCWD : dirfd, path_at(0, full), 0)->flags =
			flags | O_NONBLOCK | (priv ? COSY_O_PRIVATE : 0);
		step(COSY_OP_KEEP, PROBE_FD_LAST, 0, 0);
		walks = kprobe_fd >= 0 ? tl_kprobe_count(kprobe_fd) : -1;
		TL_EQ(run_granted(dirfd), 0);
		if (walks >= 0)
			walks = tl_kprobe_count(kprobe_fd) - walks;
		fs_as(0);
		cosy = pa.res[0] < 0 ? (int)pa.res[0] : (int)pa.res[1];
		if (cosy >= 0) {
			fl_cosy = fcntl(cosy, F_GETFL);
			close(cosy);
		}
		sz_cosy = size_of(at, full);
		close(dirfd);
		ncases++;
		TL_CHECK((sys >= 0) == (cosy >= 0) && (sys >= 0 || err_sys == cosy),
			 "%s (via %d) flags %#o%s: openat(2) %s, cosy %s", full, via, flags,
			 priv ? " (handle)" : "", sys >= 0 ? "opens" : strerror(-err_sys),
			 cosy >= 0 ? "opens" : strerror(-cosy));
		TL_CHECK(fl_sys == fl_cosy, "%s (via %d) flags %#o: F_GETFL %#o, cosy %#o", full,
			 via, flags, fl_sys, fl_cosy);
		TL_CHECK(sz_sys == sz_cosy, "%s (via %d) flags %#o: size after %lld, cosy %lld",
			 full, via, flags, (long long)sz_sys, (long long)sz_cosy);
		if (walks >= 0 && known && fast) {
			TL_CHECK(walks == 0, "%s (via %d) flags %#o: not answered from the "
				 "dcache (%lld path walks)", full, via, flags, walks);
			nfast++;
		} else if (walks >= 0 && known) {
			TL_CHECK(walks > 0, "%s (via %d) flags %#o: no path walk", full, via,
				 flags);
		}
	}
	return 0;
}

static int compare_dir_via(const char *dir, const struct ent *es, int n)
{
	char longname[300];
	int i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < (int)(sizeof(flag_sets) / sizeof(flag_sets[0])); k++)
			if (compare(dir, &es[i], es[i].name, flag_sets[k],
				    fast_expected(es[i].kind == 'f' || es[i].kind == 'd',
						  flag_sets[k], es[i].kind)))
				return 1;
	memset(longname, 'n', 256);
	longname[256] = 0;
	for (k = 0; k < (int)(sizeof(flag_sets) / sizeof(flag_sets[0])); k++) {
		for (i = 0; es == ents && i < (int)(sizeof(other_names) / sizeof(other_names[0])); i++)
			if (compare(dir, NULL, other_names[i].name, flag_sets[k],
				    fast_expected(other_names[i].walk, flag_sets[k],
						  other_names[i].kind)))
				return 1;
		if (compare(dir, NULL, longname, flag_sets[k], false) ||
		    compare(dir, NULL, "missing", flag_sets[k], fast_expected(true, flag_sets[k], 0)))
			return 1;
	}
	return 0;
}

/* Each name given relative to the directory, to the cwd, and absolute. */
static int compare_dir(const char *dir, const struct ent *es, int n)
{
	int r = 0;

	TL_CHECK(getcwd(cwd, sizeof(cwd)), "getcwd: %s", strerror(errno));
	for (via = 0; via < 3 && !r; via++)
		r = compare_dir_via(dir, es, n);
	via = 0;
	return r;
}

/*
 * The same as UID, in fs credentials only: still capable of bpf(2), but
 * without CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH or CAP_FOWNER, which a
 * change of fsuid from 0 drops.
 */
static int as_user(const char *dir, const struct ent *es, int n)
{
	int r;

	fs_as(UID);
	TL_EQ(setfsuid(-1), UID);
	cur_uid = UID;
	r = compare_dir(dir, es, n);
	cur_uid = 0;
	fs_as(0);
	return r;
}

/*
 * Mount points in the middle and at the end of a path: a tmpfs stacked on
 * another on "st", and "oc" bound over the directory "st/bdir".  The names
 * exist only on the top mounts, so a walk that stopped at a mount point
 * would say ENOENT (or find another kind of file) where openat(2) opens.
 */
static int mounts_on_the_way(void)
{
	static const struct {
		const char *name;
		char kind;
	} names[] = {
		{ "f644", 'f' }, { "bdir", 'd' }, { "bdir/f644", 'f' }, { "bdir/d755/x", 'd' },
		{ "bdir/missing", 0 },
	};
	static const int flags[] = { O_RDONLY, O_RDONLY | O_DIRECTORY };
	int r = 0;

	TL_EQ(mkdir("st", 0755), 0);
	TL_EQ(mount("st1", "st", "tmpfs", 0, "mode=755"), 0);
	TL_EQ(mkdir("st/bdir", 0755), 0);	/* on the lower tmpfs: hidden below */
	TL_EQ(mount("st2", "st", "tmpfs", 0, "mode=755"), 0);
	TL_EQ(make_ent("st", &ents[0]), 0);
	TL_EQ(mkdir("st/bdir", 0755), 0);
	TL_EQ(mount("oc", "st/bdir", NULL, MS_BIND, NULL), 0);
	for (via = 0; via < 3 && !r; via++)
		for (unsigned k = 0; k < sizeof(flags) / sizeof(flags[0]) && !r; k++)
			for (unsigned j = 0; j < sizeof(names) / sizeof(names[0]) && !r; j++)
				r = compare("st", NULL, names[j].name, flags[k],
					    fast_expected(true, flags[k], names[j].kind));
	via = 0;
	/* each comes off at once: no reference the walks took is left */
	TL_EQ(umount("st/bdir"), 0);
	TL_EQ(umount("st"), 0);
	TL_EQ(umount("st"), 0);
	return r;
}

static int all_cases(void)
{
	int i, n = sizeof(ents) / sizeof(ents[0]);

	TL_CHECK(tl_compound("probe") != NULL, "probe");
	kprobe_fd = tl_kprobe_start("path_openat");
	TL_CHECK(kprobe_fd >= 0, "no kprobe on path_openat: %s", strerror(-kprobe_fd));
	TL_EQ(mkdir("oc", 0755), 0);
	for (i = 0; i < n; i++)
		TL_EQ(make_ent("oc", &ents[i]), 0);
	if (compare_dir("oc", ents, n) || as_user("oc", ents, n))
		return 1;
	/* noexec, nosuid, nodev: open(2) for reading and writing is the same */
	TL_EQ(mkdir("nx", 0755), 0);
	TL_EQ(mount("nx", "nx", "tmpfs", MS_NOEXEC | MS_NOSUID | MS_NODEV, "mode=755"), 0);
	for (i = 0; i < n; i++)
		TL_EQ(make_ent("nx", &ents[i]), 0);
	i = compare_dir("nx", ents, n) || as_user("nx", ents, n);
	umount("nx");
	if (!i)
		i = mounts_on_the_way();
	printf("#   %d opens compared, %d from the dcache\n", ncases, nfast);
	return i;
}

TL_CASE(openat_matches_openat2_on_tmpfs)
{
	return tl_in_child(all_cases, 600);
}

static int ext4_cases(void)
{
	int i, n = sizeof(ext4_ents) / sizeof(ext4_ents[0]), r;

	TL_CHECK(tl_compound("probe") != NULL, "probe");
	kprobe_fd = tl_kprobe_start("path_openat");
	TL_CHECK(kprobe_fd >= 0, "no kprobe on path_openat: %s", strerror(-kprobe_fd));
	if (tl_mount_ext4("e4"))
		TL_SKIP("no ext4 image");
	for (i = 0; i < n; i++) {
		r = make_ent("e4", &ext4_ents[i]);
		if (r) {
			umount("e4");
			TL_CHECK(!r, "%s: %s", ext4_ents[i].name, strerror(-r));
		}
	}
	r = compare_dir("e4", ext4_ents, n) || as_user("e4", ext4_ents, n);
	for (i = 0; i < n; i++) {
		char p[64];

		snprintf(p, sizeof(p), "e4/%s", ext4_ents[i].name);
		set_attr(p, 0);
	}
	printf("#   %d opens compared, %d from the dcache\n", ncases, nfast);
	umount("e4");
	return r;
}

TL_CASE(openat_matches_openat2_on_append_only_and_immutable_files)
{
	return tl_in_child(ext4_cases, 600);
}

/*
 * Another thread renames a directory on the way back and forth while the
 * compound opens through it from the dcache: each open finds the file or
 * says -ENOENT, as open(2) would, and every reference the walk takes is
 * dropped (the case's fd count; KASAN on the debug kernel).
 */
static atomic_bool ren_stop;

static void *renamer(void *arg)
{
	(void)arg;
	while (!atomic_load(&ren_stop)) {
		rename("rr/a", "rr/b");
		rename("rr/b", "rr/a");
	}
	return NULL;
}

/* What race_opens() saw. */
struct race {
	int found, gone;	/* opens that read the file, opens that said ENOENT */
	int k, err;		/* the run that ended them, and its error or 1 */
	long long walks;	/* path walks (path_openat()) they made */
};

/*
 * 300 runs of an open of `path` (every other one private), a 100-byte
 * read and a close, while thread `racer` changes what is on the way,
 * until *stop: each open reads the file or says -ENOENT; anything else
 * ends the runs (r->err).
 */
static int race_opens(const char *path, void *(*racer)(void *), atomic_bool *stop,
		      struct race *r)
{
	pthread_t t;

	*r = (struct race){ 0 };
	r->walks = tl_kprobe_count(kprobe_fd);
	atomic_store(stop, false);
	TL_EQ(pthread_create(&t, NULL, racer, NULL), 0);
	for (r->k = 0; r->k < 300 && !r->err; r->k++) {
		reset();
		step(COSY_OP_OPEN, 0, path_at(0, path), 0)->flags =
			O_RDONLY | (r->k % 2 ? COSY_O_PRIVATE : 0);
		step(COSY_OP_READ, PROBE_FD_LAST, 8192, 100);
		step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
		r->err = run();
		if (!r->err && pa.res[0] >= 0 && pa.res[1] == 100 && pa.res[2] == 0)
			r->found++;
		else if (!r->err && pa.res[0] == -ENOENT)
			r->gone++;
		else if (!r->err)
			r->err = 1;
	}
	atomic_store(stop, true);
	pthread_join(t, NULL);
	r->walks = tl_kprobe_count(kprobe_fd) - r->walks;
	return 0;
}

static int rename_race(void)
{
	struct race r;

	TL_CHECK(tl_compound("probe") != NULL, "probe");
	kprobe_fd = tl_kprobe_start("path_openat");
	TL_CHECK(kprobe_fd >= 0, "no kprobe on path_openat: %s", strerror(-kprobe_fd));
	TL_EQ(mkdir("rr", 0755), 0);
	TL_EQ(mkdir("rr/a", 0755), 0);
	TL_EQ(mkdir("rr/a/x", 0755), 0);
	TL_EQ(tl_make_file("rr/a/x/f", 100, 3), 0);
	TL_EQ(race_opens("rr/a/x/f", renamer, &ren_stop, &r), 0);
	printf("#   %d opens found the file, %d said ENOENT, %lld path walks\n", r.found,
	       r.gone, r.walks);
	TL_CHECK(!r.err, "open %d: run %d, results %lld %lld %lld", r.k, r.err,
		 (long long)pa.res[0], (long long)pa.res[1], (long long)pa.res[2]);
	TL_CHECK(r.found > 0, "no open found the file");
	TL_CHECK(r.walks < 300, "every open walked its path: the dcache answered none");
	return 0;
}

TL_CASE(dcache_opens_race_a_rename_on_the_way)
{
	return tl_in_child(rename_race, 300);
}

/*
 * Another thread mounts a tmpfs on a directory on the way and unmounts it
 * again while the compound opens through it from the dcache: each open
 * reads the file under the mount point or says -ENOENT (the empty tmpfs
 * on top), as open(2) would.  Then the directory must unmount at once: a
 * mount reference the crossing kept would leave it busy (EBUSY).
 */
static atomic_bool mnt_stop;

static void *mounter(void *arg)
{
	(void)arg;
	while (!atomic_load(&mnt_stop)) {
		mount("mr", "mr/m", "tmpfs", 0, "mode=755");
		while (umount("mr/m") && errno == EBUSY && !atomic_load(&mnt_stop))
			;	/* an open in flight holds it */
	}
	return NULL;
}

static int mount_race(void)
{
	struct race r;

	TL_CHECK(tl_compound("probe") != NULL, "probe");
	kprobe_fd = tl_kprobe_start("path_openat");
	TL_CHECK(kprobe_fd >= 0, "no kprobe on path_openat: %s", strerror(-kprobe_fd));
	TL_EQ(mkdir("mr", 0755), 0);
	TL_EQ(mkdir("mr/m", 0755), 0);
	TL_EQ(tl_make_file("mr/m/f", 100, 5), 0);
	TL_EQ(race_opens("mr/m/f", mounter, &mnt_stop, &r), 0);
	/* mounted or not as the thread left it: then no mount point, not a busy one */
	while (!umount("mr/m"))
		;
	TL_CHECK(errno == EINVAL, "umount after the race: %s (a reference kept?)",
		 strerror(errno));
	printf("#   %d opens read the file below, %d met the tmpfs on top, %lld path walks\n",
	       r.found, r.gone, r.walks);
	TL_CHECK(!r.err, "open %d: run %d, results %lld %lld %lld", r.k, r.err,
		 (long long)pa.res[0], (long long)pa.res[1], (long long)pa.res[2]);
	TL_CHECK(r.found + r.gone == 300, "%d of 300 opens", r.found + r.gone);
	TL_CHECK(r.walks < 300, "every open walked its path: the dcache answered none");
	return 0;
}

TL_CASE(dcache_opens_race_a_mount_on_the_way)
{
	return tl_in_child(mount_race, 300);
}

/*
 * A tmpfs mounted on a directory in another mount namespace only: the
 * dentry is a mount point there, not here.  The open must read the file
 * below it, as open(2) here does, by the path walk (the crossing finds no
 * mount of this namespace to go to).
 */
static int other_namespace(void)
{
	int go[2], done[2], k, walks_ok = 0;
	long long walks;
	char c;
	pid_t pid;

	TL_CHECK(tl_compound("probe") != NULL, "probe");
	kprobe_fd = tl_kprobe_start("path_openat");
	TL_CHECK(kprobe_fd >= 0, "no kprobe on path_openat: %s", strerror(-kprobe_fd));
	TL_EQ(mkdir("ns", 0755), 0);
	TL_EQ(mkdir("ns/m", 0755), 0);
	TL_EQ(tl_make_file("ns/m/f", 100, 9), 0);
	TL_EQ(pipe(go), 0);
	TL_EQ(pipe(done), 0);
	pid = fork();
	TL_CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (!pid) {
		close(go[0]);
		close(done[1]);
		c = !unshare(CLONE_NEWNS) && !mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) &&
		    !mount("ns", "ns/m", "tmpfs", 0, "mode=755") &&
		    access("ns/m/f", F_OK) && errno == ENOENT;
		(void)!write(go[1], &c, 1);
		(void)!read(done[0], &c, 1);	/* until the parent is done */
		_exit(0);
	}
	close(go[1]);
	close(done[0]);
	TL_EQ(read(go[0], &c, 1), 1);
	TL_CHECK(c, "the other namespace could not mount its tmpfs");
	for (k = 0; k < 2; k++) {
		reset();
		step(COSY_OP_OPEN, 0, path_at(0, "ns/m/f"), 0)->flags =
			O_RDONLY | (k ? COSY_O_PRIVATE : 0);
		step(COSY_OP_READ, PROBE_FD_LAST, 8192, 100);
		step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
		walks = tl_kprobe_count(kprobe_fd);
		TL_EQ(run(), 0);
		walks_ok += tl_kprobe_count(kprobe_fd) - walks > 0;
		TL_CHECK(pa.res[0] >= 0 && pa.res[1] == 100 && pa.res[2] == 0,
			 "open %d: %lld %lld %lld, not the file below the other namespace's mount",
			 k, (long long)pa.res[0], (long long)pa.res[1], (long long)pa.res[2]);
	}
	close(done[1]);
	waitpid(pid, NULL, 0);
	TL_CHECK(walks_ok == 2, "%d of 2 opens walked their path", walks_ok);
	return 0;
}

TL_CASE(a_mount_of_another_namespace_is_not_crossed)
{
	return tl_in_child(other_namespace, 120);
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
