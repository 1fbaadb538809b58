// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Every construct of cosy-cc's C subset, one region per theme.  Each
 * region's results are printed (never fd numbers: the compound's own fds
 * shift them), so the outputs of the cosy-cc build in every COSY_MODE and of
 * the plain cc build must be identical; tests/kernel/t_cosycc.sh compares
 * them, and tests/compiler/run.sh does on the host (the fallback).
 *
 * usage: features DIR   (a scratch directory; files are made in it)
 */
#define _GNU_SOURCE	/* getdents64() */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#define PATH() fprintf(stderr, "%s: %s\n", __func__, cosy_region_path_str(cosy_region_last_path()))
#else
#define PATH() fprintf(stderr, "%s: plain\n", __func__)
#endif

static const int limit = 3;	/* a global read in a region */

/* Integer arithmetic: every operator, signed and unsigned, in loops. */
static void arith(int seed)
{
	int i, s = seed, neg = -7;
	unsigned u = 40000u;
	long l = -1234567;
	unsigned long ul = 7;
	long long ll = 1;
	short sh = 300;
	char c = 'a';
	unsigned char uc = 250;
	int q1, q2, q3, q4, r1, r2, sum = 0, odd = 0, cond, shifts;

	COSY_START(arith)
	q1 = s / 3;
	q2 = neg / 2;
	q3 = neg % 3;
	q4 = (int)(u / 7u);
	r1 = (int)(ul % 4);
	r2 = (int)(l / -1000);
	for (i = 0; i < 10; i++) {
		if (i % 2)
			odd++;
		else
			sum += i * i;
		if (i == 7)
			break;
	}
	u *= 3;
	u -= 1;
	l >>= 1;
	ul <<= 3;
	ll = (ll << 40) | 5;
	ll ^= 3;
	ll &= ~1LL;
	sh += 100;
	c += 2;
	uc += 10;	/* wraps */
	cond = (s > 2 && q1 != 0) || !neg ? s * 2 : -s;
	shifts = (1 << 5) + (256 >> 3) + (-64 >> 2);
	s = (neg++, s + 1);
	neg = -neg;
	ul--;
	--ul;
	COSY_END()
	printf("arith: q=%d %d %d %d r=%d %d sum=%d odd=%d u=%u l=%ld ll=%lld sh=%d c=%c "
	       "uc=%u cond=%d shifts=%d s=%d neg=%d ul=%lu limit=%d\n", q1, q2, q3, q4, r1, r2,
	       sum, odd, u, l, ll, sh, c, uc, cond, shifts, s, neg, ul, limit);
	PATH();
}

/* while, do/while, nested loops, continue, ++ and -- on buffer elements. */
static void loops(void)
{
	char buf[64];
	int i, j, n = 0, inner = 0, k = 0;
	size_t len = 0;

	COSY_START(bpf_loop)
	for (i = 0; i < 64; i++)
		buf[i] = (char)('A' + i % 26);
	i = 0;
	while (i < 10) {
		i++;
		if (i == 3)
			continue;
		n += i;
	}
	do {
		k += 2;
	} while (k < 9);
	for (i = 0; i < 4; i++) {
		for (j = 0; j < 5; j++) {
			if (j == 3)
				break;
			inner++;
			buf[i * 8 + j]++;
		}
	}
	while (len < sizeof(buf) && buf[len] != 'Z')
		len++;
	buf[63] = 0;
	buf[62]--;
	COSY_END()
	printf("loops: n=%d k=%d inner=%d len=%zu buf=%.20s %d\n", n, k, inner, len, buf, buf[62]);
	PATH();
}

/*
 * switch: cases, several labels on one statement, fall-through, default,
 * a break that leaves the switch inside a loop, continue and break of the
 * loop from inside it, an unsigned and a char switch, one with no match.
 */
static void switches(int seed)
{
	int i, a = 0, b = 0, c = 0, d = 0, other = 0, last = -1, tot = 0, none = 5;
	unsigned u = 7u, big = 4294967295u;
	char ch = 'x';

	COSY_START(main)	/* region names are their own: main, bpf_loop */
	for (i = 0; i < 14; i++) {
		switch ((i + seed) % 6) {
		case 0:
			a++;
			break;
		case 1:
		case 2:
			b += i;
			/* fall through */
		case 3:
			c++;
			break;
		case 4:
			if (i > 6)
				continue;
			d++;
			break;
		default:
			other++;
		}
		last = i;
		tot++;
		if (i == 12)
			break;
	}
	switch (u) {
	case 4294967295u:
		u = 1;
		break;
	case 7:
		u = 70;
		break;
	}
	switch (big) {
	case 4294967295u:
		big = 2;
		break;
	default:
		big = 3;
	}
	switch (ch) {
	case 'a':
		ch = 'b';
		break;
	default:
		ch = 'z';
	}
	switch (seed) {
	case 100:
		none = 0;
	}
	COSY_END()
	printf("switches: a=%d b=%d c=%d d=%d other=%d last=%d tot=%d u=%u big=%u ch=%c none=%d\n",
	       a, b, c, d, other, last, tot, u, big, ch, none);
	PATH();
}

/* Files: creat, open, openat, write, lseek, pread, pwrite, read, close. */
static void files(const char *dir)
{
	char path[256], data[512], back[512];
	int fd, fd2, i, same;
	ssize_t w, r, pr, pw;
	off_t end, pos;

	snprintf(path, sizeof(path), "%s/files.dat", dir);
	memset(back, 0, sizeof(back));
	COSY_START(files)
	for (i = 0; i < 512; i++)
		data[i] = (char)(i * 7);
	fd = creat(path, 0600);
	w = write(fd, data, 300);
	w += write(fd, data + 300, 212);
	close(fd);
	fd2 = openat(AT_FDCWD, path, O_RDWR);
	end = lseek(fd2, 0, SEEK_END);
	pos = lseek(fd2, 100, SEEK_SET);
	pw = pwrite(fd2, "HELLO", 5, 10);
	pr = pread(fd2, back, 16, 8);
	r = read(fd2, &back[16], 100);
	same = 1;
	for (i = 0; i < 100; i++)
		if (back[16 + i] != data[100 + i])
			same = 0;
	close(fd2);
	COSY_END()
	printf("files: w=%zd end=%ld pos=%ld pw=%zd pr=%zd r=%zd same=%d back=%.5s\n", w,
	       (long)end, (long)pos, pw, pr, r, same, back + 2);
	PATH();
}

/* errno: failed calls set it, the region reads it, the program sees it after. */
static void errors(const char *dir)
{
	char buf[16];
	char path[256];
	int fd, e1 = 0, e2 = 0, e3 = 0, bad = -1;
	long r;

	snprintf(path, sizeof(path), "%s/nosuchdir/file", dir);
	errno = 0;
	COSY_START(errors)
	fd = open(path, O_RDONLY);
	if (fd < 0)
		e1 = errno;
	r = read(bad, buf, sizeof(buf));
	if (r < 0 && errno == EBADF)
		e2 = errno;
	errno = 0;
	fd = open("/", O_WRONLY);
	e3 = errno;
	if (fd >= 0)
		close(fd);
	r = read(bad, buf, 1);
	COSY_END()
	printf("errors: fd=%d e1=%s e2=%s e3=%s r=%ld errno=%s\n", fd, strerror(e1), strerror(e2),
	       strerror(e3), r, strerror(errno));
	PATH();
}

/* fds from outside (granted), stdout by constant, an fd left open for after. */
static void fds(const char *dir)
{
	char path[256], buf[32];
	int in, kept = -1, n;
	long r;

	snprintf(path, sizeof(path), "%s/fds.dat", dir);
	in = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (in < 0 || write(in, "abcdefghij", 10) != 10)
		return;
	fflush(stdout);
	COSY_START(fds)
	r = pread(in, buf, 10, 0);
	n = (int)write(1, "fds: hello from the region\n", 27);
	kept = open(path, O_RDONLY);
	COSY_END()
	/* the fd the region opened is the program's now */
	if (kept >= 0 && read(kept, buf + 10, 4) == 4)
		printf("fds: r=%ld n=%d kept=%.4s buf=%.10s\n", r, n, buf + 10, buf);
	else
		printf("fds: kept fd unusable\n");
	if (kept >= 0)
		close(kept);
	close(in);
	PATH();
}

/*
 * return from inside a region: from its body, from a switch in a loop in a
 * loop, with a value computed there; and a macro over variables (MIN).
 */
#define MIN(a, b) ((a) < (b) ? (a) : (b))
static int find(const char *path, int want, long cap, long stop)
{
	char buf[64];
	long n, i, seen = 0;
	int fd;

	COSY_START(returns)
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -2;
	while ((n = read(fd, buf, MIN((long)sizeof(buf), cap))) > 0) {
		for (i = 0; i < n; i++) {
			switch (buf[i]) {
			case '#':
				close(fd);
				return -3;
			default:
				if (buf[i] == want) {
					close(fd);
					return (int)(seen + i);
				}
			}
		}
		seen += n;
		if (seen >= stop)
			break;
	}
	close(fd);
	COSY_END()
	return -1;
}

static void returns(const char *dir)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/returns.dat", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, "abcdefghijklmnopqrstuvwxyz0123456789#ABC", 40) != 40)
		return;
	close(fd);
	printf("returns: j=%d 5=%d #=%d none=%d stopped=%d missing=%d\n",
	       find(path, 'j', 7, 100), find(path, '5', 3, 100), find(path, 'A', 64, 100),
	       find(path, '!', 16, 30), find(path, 'z', 5, 20), find("/nonexistent/x", 'a', 8, 8));
	PATH();
}

/*
 * Memory: an integer array and a struct declared in the region with
 * initialisers, an array of structs indexed twice, a char array from a
 * string literal as a path, read() into a char (&c) and into a struct.
 */
struct tally {
	long bytes;
	long lines;
	int per_class[4];	/* digits, lower, upper, other */
	unsigned char first, last;
};

static void memory(const char *dir)
{
	char path[256], buf[100];
	struct tally t;
	struct tally saved = { 0, 0, { 0 }, 0, 0 };
	long top = 0, n, i, r = 0;
	int fd, most = 0, k;
	char c = 0;

	snprintf(path, sizeof(path), "%s/memory.dat", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, "Hello, World 42\nsecond line 7\n#3\n", 33) != 33)
		return;
	close(fd);
	if (chdir(dir))
		return;
	COSY_START(memory)
	long hist[256] = { 0 };
	struct tally acc = { 0, 0, { 0 }, 0, 0 };
	int cls[2][4] = { { 0 }, { 1, 2 } };
	char name[] = "memory.dat";
	char out[] = "memory.out";

	fd = open(name, O_RDONLY);
	if (fd >= 0) {
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			for (i = 0; i < n; i++) {
				unsigned char b = (unsigned char)buf[i];

				hist[b]++;
				if (!acc.bytes)
					acc.first = b;
				acc.last = b;
				acc.bytes++;
				acc.lines += b == '\n';
				k = b >= '0' && b <= '9' ? 0 : b >= 'a' && b <= 'z' ? 1 :
				    b >= 'A' && b <= 'Z' ? 2 : 3;
				acc.per_class[k] += 1 + cls[k & 1][k] - cls[k & 1][k];
			}
		}
		/* read() into a char: the first byte again */
		if (lseek(fd, 0, SEEK_SET) == 0)
			r = read(fd, &c, 1);
		close(fd);
	}
	for (i = 0; i < 256; i++) {
		if (hist[i] > top) {
			top = hist[i];
			most = (int)i;
		}
	}
	t = acc;
	{
		/* a struct initialised from one, as a copy (sweep 21) */
		struct tally again = t;

		r += again.lines * 100;
	}
	fd = open(out, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (write(fd, &acc, sizeof(acc)) == sizeof(acc))
			r += pread(fd, &saved, sizeof(saved), 0);
		close(fd);
	}
	COSY_END()
	printf("memory: bytes=%ld lines=%ld classes=%d,%d,%d,%d first=%c last=%d most=%d x%ld "
	       "c=%c r=%ld saved=%ld,%ld\n", t.bytes, t.lines, t.per_class[0], t.per_class[1],
	       t.per_class[2], t.per_class[3], t.first, t.last, most, top, c, r, saved.bytes,
	       saved.lines);
	PATH();
}

/*
 * stat, lstat, fstat, fstatat (into a struct stat, an array of them) and
 * openat() with a directory fd; S_IS*() over members.  What user space
 * sees (device and inode numbers, times to the nanosecond) must be what
 * the compound wrote: compared with a plain stat() made before it.
 */
static void stats(const char *dir)
{
	char path[256], sub[300];
	struct stat pre, st, two[2];
	int dfd, fd = -1, reg = 0, isdir = 0, islnk = 0, same = 0, e = 0, r1, r2;
	long size = 0, lsize = 0, blocks = 0;
	unsigned mode = 0, nlink = 0;

	snprintf(path, sizeof(path), "%s/stat.dat", dir);
	snprintf(sub, sizeof(sub), "%s/statdir", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0640);
	if (fd < 0 || write(fd, path, 200) != 200 || mkdir(sub, 0750) ||
	    symlink("stat.dat", "stat.lnk") || stat(path, &pre))
		return;
	close(fd);
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd < 0)
		return;
	COSY_START(stats)
	if (stat(path, &st) == 0) {
		size = st.st_size;
		reg = S_ISREG(st.st_mode);
		mode = st.st_mode & 07777;
		same = st.st_dev == pre.st_dev && st.st_ino == pre.st_ino &&
		       st.st_mtim.tv_sec == pre.st_mtim.tv_sec &&
		       st.st_mtim.tv_nsec == pre.st_mtim.tv_nsec && st.st_uid == pre.st_uid &&
		       st.st_blksize == pre.st_blksize;
	}
	if (lstat("stat.lnk", &two[1]) == 0) {
		islnk = S_ISLNK(two[1].st_mode);
		lsize = two[1].st_size;
	}
	fd = openat(dfd, "stat.dat", O_RDONLY);
	if (fd >= 0 && fstat(fd, &two[0]) == 0)
		blocks = two[0].st_blocks > 0 && two[0].st_ino == pre.st_ino;
	r1 = fstatat(dfd, "statdir", &st, AT_SYMLINK_NOFOLLOW);
	if (r1 == 0) {
		isdir = S_ISDIR(st.st_mode);
		nlink = (unsigned)st.st_nlink;
	}
	r2 = stat("no/such/file", &st);
	e = errno;
	if (fd >= 0)
		close(fd);
	COSY_END()
	close(dfd);
	printf("stats: size=%ld reg=%d mode=%o same=%d lnk=%d lsize=%ld blocks=%ld dir=%d "
	       "nlink=%u r1=%d r2=%d errno=%s\n", size, reg, mode, same, islnk, lsize, blocks,
	       isdir, nlink, r1, r2, strerror(e));
	PATH();
}

/*
 * A path the program computes (argv[1]), openat() relative to a directory
 * the region opened, a static buffer and a global counter it writes.
 */
static char gbuf[16];
static long greads;

static void globals(char **argv)
{
	int dfd, fd;
	long n = -1;

	COSY_START(globals)
	dfd = open(argv[1], O_RDONLY | O_DIRECTORY);
	fd = openat(dfd, "memory.dat", O_RDONLY);
	if (fd >= 0) {
		n = read(fd, gbuf, sizeof(gbuf) - 1);
		greads++;
		close(fd);
	}
	if (dfd >= 0)
		close(dfd);
	COSY_END()
	printf("globals: n=%ld reads=%ld buf=%.5s\n", n, greads, gbuf);
	PATH();
}

/*
 * An fd variable from outside, -1 at entry, that the region closes when it
 * opened it (closefd.c runs the same with the program's own fd).
 */
static int closer(const char *path, int fd, int want)
{
	int r = 0;

	COSY_START(closes)
	if (want)
		fd = open(path, O_RDONLY);
	if (fd >= 0)
		r = close(fd);
	else
		r = -2;
	COSY_END()
	return r;
}

static void closes(const char *dir)
{
	char path[256];
	int r1, r3;

	snprintf(path, sizeof(path), "%s/memory.dat", dir);
	r1 = closer(path, -1, 1);
	r3 = closer(path, -1, 0);
	printf("closes: r1=%d r3=%d\n", r1, r3);
	PATH();
}

/*
 * <string.h> on memory: memset, memcpy, memmove, memcmp, strlen -- over
 * arrays, members, literals and a path the program computes.
 */
struct entry {
	char name[12];
	long size;
};

static void strings(const char *dir)
{
	char buf[64], line[32];
	struct entry e[3], tmp;
	long n1 = 0, n2 = 0, n3 = 0;
	int c1 = 0, c2 = 0, c3 = 0, k = 1;

	COSY_START(strings)
	memset(buf, '-', sizeof(buf));
	memset(&e, 0, sizeof(e));
	memcpy(e[k].name, "beta", 5);
	memcpy(e[0].name, "alpha", 6);
	e[k].size = 42;
	memcpy(&tmp, &e[k], sizeof(tmp));
	memcpy(line, "hello, world", 13);
	memmove(line + 2, line, 5);
	buf[40] = 0;
	n1 = strlen(buf);
	n2 = strlen(e[0].name) + strlen(tmp.name);
	n3 = strlen(dir) > 0;
	c1 = memcmp(e[0].name, "alpha", 5);
	c2 = memcmp(e[0].name, e[k].name, 5) < 0;
	c3 = memcmp(line, "hehel", 5);
	COSY_END()
	printf("strings: n=%ld,%ld,%ld c=%d,%d,%d tmp=%s/%ld line=%s buf=%.3s\n", n1, n2, n3,
	       c1, c2, c3, tmp.name, tmp.size, line, buf);
	PATH();
}

/*
 * Pointers the region sets: a scan with char *p up to an end pointer,
 * *dst++ = *src++, records through a struct pointer and a cast, NULL and
 * !p, p - q, and a pointer from outside that the program reads after.
 */
struct hdr {
	unsigned short len;
	unsigned char type;
	char name[5];
};

static void pointers(const char *dir)
{
	char text[64], copy[64], *q = NULL, *none;
	struct hdr recs[4];
	long lines = 0, words = 0, total = 0, dist, n;
	int inword = 0, found = 0, k;

	(void)dir;
	COSY_START(pointers)
	memcpy(text, "one two\nthree  four\nfive\n", 26);
	n = 25;
	char *p = text, *end = text + n;
	while (p < end) {
		if (*p == '\n')
			lines++;
		if (*p == ' ' || *p == '\n') {
			inword = 0;
		} else if (!inword) {
			inword = 1;
			words++;
		}
		p++;
	}
	char *dst = copy, *src = text;
	while (src != end && *src != '\n')
		*dst++ = *src++;
	*dst = 0;
	struct hdr *h = recs;
	for (k = 0; k < 4; k++, h++) {
		h->len = (unsigned short)(10 * k);
		h->type = (unsigned char)k;
		h->name[0] = (char)('a' + k);
	}
	h = (struct hdr *)((char *)recs + sizeof(struct hdr));
	total = h->len + h[1].len + (h + 2)->type;
	none = NULL;
	found = !none && h;
	for (q = text; *q && *q != 'f'; q++)
		;
	dist = end - q;
	COSY_END()
	printf("pointers: lines=%ld words=%ld copy=%s total=%ld found=%d dist=%ld q=%.4s\n",
	       lines, words, copy, total, found, dist, q ? q : "(null)");
	PATH();
}

/*
 * ls -l's loop: getdents64() into a buffer, the records walked with a
 * struct dirent64 pointer, fstatat() of each name relative to the
 * directory fd.  Aggregates only: the order of a directory is its own.
 */
static void dents(const char *dir)
{
	char dbuf[2048];
	struct stat st;
	long n, pos, entries = 0, regs = 0, dirs = 0, bytes = 0, calls = 0;
	int dfd;

	COSY_START(dents)
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	while (dfd >= 0 && (n = getdents64(dfd, dbuf, sizeof(dbuf))) > 0) {
		calls++;
		for (pos = 0; pos < n;) {
			struct dirent64 *d = (struct dirent64 *)(dbuf + pos);

			if (d->d_name[0] != '.') {
				entries++;
				if (fstatat(dfd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
					if (S_ISREG(st.st_mode)) {
						regs++;
						bytes += st.st_size;
					} else if (S_ISDIR(st.st_mode)) {
						dirs++;
					}
				}
			}
			pos += d->d_reclen;
		}
	}
	if (dfd >= 0)
		close(dfd);
	COSY_END()
	printf("dents: entries=%ld regs=%ld dirs=%ld bytes=%ld more=%d\n", entries, regs, dirs,
	       bytes, calls > 0);
	PATH();
}

/*
 * goto to the region's top level, the cleanup idiom: out of a loop in a
 * loop (through the callbacks), and from the body.
 */
static int seek_byte(const char *path, int want)
{
	char buf[16];
	int fd, r = -1;
	long n, i, seen = 0;

	COSY_START(gotos)
	fd = open(path, O_RDONLY);
	if (fd < 0)
		goto out;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++)
			if (buf[i] == want) {
				r = (int)(seen + i);
				goto done;
			}
		seen += n;
	}
done:
	close(fd);
out:
	r = r * 10 + (fd < 0);
	COSY_END()
	return r;
}

static void gotos(const char *dir)
{
	char path[300];

	snprintf(path, sizeof(path), "%s/memory.dat", dir);
	printf("gotos: W=%d 7=%d none=%d missing=%d\n", seek_byte(path, 'W'),
	       seek_byte(path, '7'), seek_byte(path, '~'), seek_byte("/nonexistent", 'a'));
	PATH();
}

/*
 * grep -c as the man pages suggest it: read a chunk, memmem() for the
 * pattern, memchr() for the end of its line, memmove() the unfinished
 * line to the front.  The buffer is small, so that lines and matches
 * straddle reads.  Then memchr's int argument as unsigned char, a miss,
 * and memmem's empty and too-long needles.
 */
/* word: a string from outside the region, a needle too */
static void searches(const char *dir, const char *word)
{
	static const char text[] = "a needle here\nnone\nneedle\n\nhay needle hay needle\n"
				   "ne\nedle\nlast needle";
	char path[300], buf[24], pat[8] = "needle", *p, *end, *occ, *nl;
	long have = 0, n = 0, matches = 0, m = 6, lines = 0, empty = 0, big = 0, miss = 0;
	long wide = -1, found = -1;
	int fd, eof = 0, inmatch = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/search.txt", dir);
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(1);
	}
	COSY_START(searches)
	fd = open(path, O_RDONLY);
	while (fd >= 0 && !eof) {
		n = read(fd, buf + have, sizeof(buf) - have);
		if (n < 0)
			break;
		eof = n == 0;
		have += n;
		p = buf;
		end = buf + have;
		for (nl = end - n; (nl = memchr(nl, '\n', end - nl)); nl++)
			lines++;	/* the newlines this read brought */
		if (inmatch) {
			nl = memchr(p, '\n', end - p);
			if (nl) {
				matches++;
				inmatch = 0;
				p = nl + 1;
			} else {
				p = end;
			}
		}
		while (!inmatch && (occ = memmem(p, end - p, pat, m))) {
			nl = memchr(occ, '\n', end - occ);
			if (!nl) {
				inmatch = 1;
				p = end;
				break;
			}
			matches++;
			p = nl + 1;
		}
		if (eof) {
			matches += inmatch;
			break;
		}
		if (!inmatch && end - p >= m)
			p = end - (m - 1);
		memmove(buf, p, end - p);
		have = end - p;
	}
	if (fd >= 0)
		close(fd);
	memcpy(buf, "abcabc", 7);
	wide = (char *)memchr(buf, 0x100 + 'c', 6) - buf;
	miss = memchr(buf, 'z', 6) == NULL;
	empty = (char *)memmem(buf + 2, 4, pat, 0) - buf;
	big = memmem(buf, 3, "abcd", 4) == NULL;
	found = (char *)memmem(buf, 6, word, strlen(word)) - buf;
	COSY_END()
	printf("searches: matches=%ld lines=%ld wide=%ld miss=%ld empty=%ld big=%ld found=%ld\n",
	       matches, lines, wide, miss, empty, big, found);
	PATH();
}

/* unlink, unlinkat, fsync, fdatasync, ftruncate: a file made and removed in the region */
static void names(const char *dir)
{
	char path[PATH_MAX], buf[16] = "0123456789";
	int fd, dfd, t1 = -9, t2 = -9, s1 = -9, s2 = -9, u1, u2, u3, u4, u5, e2, e3, e4;
	long size = -1;

	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	snprintf(path, sizeof(path), "%s/names.tmp", dir);
	COSY_START(names)
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		/* in the region: its inode and times differ from run to run */
		struct stat st;

		write(fd, buf, 10);
		t1 = ftruncate(fd, 4);
		t2 = ftruncate(fd, -1);
		s1 = fsync(fd);
		s2 = fdatasync(fd);
		if (!fstat(fd, &st))
			size = st.st_size;
		close(fd);
	}
	u1 = unlink(path);
	u2 = unlink(path);
	e2 = errno;
	u3 = unlinkat(dfd, "names.tmp", 0);
	e3 = errno;
	u4 = unlink(dir);
	e4 = errno;
	u5 = fsync(dfd);
	COSY_END()
	printf("names: t=%d,%d s=%d,%d size=%ld u=%d,%d,%d,%d,%d e=%d,%d,%d gone=%d\n", t1, t2,
	       s1, s2, size, u1, u2, u3, u4, u5, e2, e3, e4, access(path, F_OK) != 0);
	close(dfd);
	PATH();
}

/*
 * strcmp, strncmp: byte differences as glibc's, a NUL ends both; and ls -A's
 * loop as people write it: the for step reads the record the body points at.
 */
static void compares(char **argv)
{
	char a[16] = "alpha", b[16] = "alpine", z[8] = "z", e[8] = "abc", f[4] = "ab";
	char names[5][8] = { ".", "..", "x", ".hidden", "..." }, dbuf[1024];
	int r[8], dots = 0, k, dfd, entries = 0;
	struct dirent64 *d;
	long n, pos;

	COSY_START(compares)
	dfd = open(argv[1], O_RDONLY | O_DIRECTORY);
	while (dfd >= 0 && (n = getdents64(dfd, dbuf, sizeof(dbuf))) > 0)
		for (pos = 0; pos < n; pos += d->d_reclen) {
			d = (struct dirent64 *)(dbuf + pos);
			if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				entries++;
		}
	if (dfd >= 0)
		close(dfd);
	r[0] = strcmp(a, b);
	r[1] = strcmp(a, "alpha");
	r[2] = strncmp(a, b, 3);
	r[3] = strncmp(a, b, 4);
	r[4] = strcmp(a, z);
	r[5] = strcmp(e, f);
	r[6] = strncmp(f, e, 0);
	r[7] = strcmp(argv[0], "") > 0;
	for (k = 0; k < 5; k++)
		if (!strcmp(names[k], ".") || !strcmp(names[k], ".."))
			dots++;
	COSY_END()
	printf("compares: %d %d %d %d %d %d %d %d dots=%d\n", r[0], r[1], r[2], r[3], r[4], r[5],
	       r[6], r[7], dots);
	printf("listing: entries=%d\n", entries);
	PATH();
}

/*
 * split(1) as people write it: a file per chunk, its name made in the loop,
 * opened, written and closed in one turn (such a loop is one bpf_loop()
 * pass a turn: the fd table's walks would make a chunk of turns too much
 * for the verifier), and a record number formatted with / and %.  An
 * fstat before a read: check's second run sees the atime the first set.
 */
static void splits(const char *dir)
{
	char data[100], name[] = "part.0", check[64], num[8];
	int i, k, fd, parts = 0, bad = 0, total = 0;
	struct stat st;	/* its times differ between check's two runs: not compared */
	long v;
	ssize_t r;

	if (chdir(dir)) {
		perror(dir);
		exit(1);
	}
	for (i = 0; i < 100; i++)
		data[i] = (char)('a' + i % 26);
	/* read in the region after an fstat: check's second run sees a new atime */
	fd = open("aged", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, data, 10) != 10 || futimens(fd, (struct timespec[2]){ { 1, 0 }, { 1, 0 } }) ||
	    close(fd)) {
		perror("aged");
		exit(1);
	}
	COSY_START(splits)
	fd = open("aged", O_RDONLY);
	if (fstat(fd, &st) || read(fd, check, sizeof(check)) != st.st_size)
		bad++;
	close(fd);
	for (i = 0; i < 4; i++) {
		name[5] = (char)('0' + i);
		fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			break;
		if (write(fd, data + i * 25, 25) != 25)
			bad++;
		close(fd);
		parts++;
	}
	for (i = 0; i < parts; i++) {
		name[5] = (char)('0' + i);
		fd = open(name, O_RDONLY);
		r = read(fd, check, sizeof(check));
		close(fd);
		total += (int)r;
		if (r != 25 || check[0] != data[i * 25])
			bad++;
	}
	for (i = 0; i < 3; i++) {
		v = -40 - 1234 * i;
		for (k = 6; k >= 0; k--) {
			num[k] = (char)('0' + (v % 10 < 0 ? -(v % 10) : v % 10));
			v /= 10;
		}
		num[7] = 0;
		total += num[6] - '0' + (int)v;
	}
	COSY_END()
	printf("splits: parts=%d total=%d bad=%d num=%.7s last=%s\n", parts, total, bad, num, name);
	PATH();
}

/*
 * A record's name read a byte at a time through its pointer
 * (d->d_name[k]) in a buffer a few records long: the last record ends
 * near the buffer's end, where a whole struct dirent64 would not fit.
 */
static void dnames(const char *dir)
{
	char dbuf[320] __attribute__((aligned(8)));
	long sum = 0, names = 0, n, off;
	struct dirent64 *d;
	int dfd, k;

	COSY_START(dnames)
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	while (dfd >= 0 && (n = getdents64(dfd, dbuf, sizeof(dbuf))) > 0)
		for (off = 0; off < n; off += d->d_reclen) {
			d = (struct dirent64 *)(dbuf + off);
			names++;
			for (k = 0; d->d_name[k]; k++)
				sum += d->d_name[k];
		}
	if (dfd >= 0)
		close(dfd);
	COSY_END()
	printf("dnames: names=%ld sum=%ld\n", names, sum);
	PATH();
}

/*
 * getdents64(2)'s own example, as its man page writes it: each record
 * read through a cast of the buffer at its offset, no pointer variable;
 * the directory named by a conditional the host evaluates; calls cast to
 * void for their effects alone; strchr() and strrchr(); open flags open(2)
 * does not know.
 */
static void casts(int argc, char **argv)
{
	char dbuf[320] __attribute__((aligned(8))), path[] = "a/b.c/d.tar.gz";
	long names = 0, types = 0, first = 0, n, off, slash, last, dot, none, end;
	int dfd, odd, flags = O_RDONLY | O_DIRECTORY | (argc << 29);

	COSY_START(casts)
	slash = strchr(path, '/') - path;
	last = strrchr(path, '/') - path;
	dot = strrchr(path, '.') - path;
	none = !strrchr(path, 'x') + !strchr(path, 'x');
	end = strchr(path, 0) - path;
	dfd = open(argc > 1 ? argv[1] : ".", O_RDONLY | O_DIRECTORY);
	while (dfd >= 0 && (n = getdents64(dfd, dbuf, sizeof(dbuf))) > 0)
		for (off = 0; off < n; off += ((struct dirent64 *)(dbuf + off))->d_reclen) {
			names++;
			types += ((struct dirent64 *)(dbuf + off))->d_type;
			first += *(dbuf + off + offsetof(struct dirent64, d_name));
		}
	if (dfd >= 0)
		(void)close(dfd);
	(void)write(1, "casts: walked\n", 14);
	/* bits open(2) does not know, which it ignores; 1 << 30 is COSY_O_PRIVATE */
	odd = open(argc > 1 ? argv[1] : ".", O_RDONLY | O_DIRECTORY | (1 << 29));
	if (odd >= 0)
		close(odd);
	dfd = open(argc > 1 ? argv[1] : ".", flags);
	if (dfd >= 0)
		close(dfd);
	COSY_END()
	printf("casts: names=%ld types=%ld first=%ld\n", names, types, first);
	printf("casts: strchr / %ld, strrchr / %ld . %ld x %ld, strchr NUL %ld\n", slash, last,
	       dot, none, end);
	printf("casts: unknown open flags ignored: %d,%d\n", odd >= 0, dfd >= 0);
	PATH();
}

int main(int argc, char **argv)
{
	static char absdir[PATH_MAX];

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* memory() changes the working directory: DIR as an absolute path */
	if (!realpath(argv[1], absdir)) {
		perror(argv[1]);
		return 2;
	}
	argv[1] = absdir;
	arith(argc + 5);
	loops();
	switches(argc);
	files(argv[1]);
	errors(argv[1]);
	fds(argv[1]);
	returns(argv[1]);
	memory(argv[1]);	/* it changes the working directory to DIR */
	stats(argv[1]);
	globals(argv);
	closes(argv[1]);
	strings(argv[1]);
	pointers(argv[1]);
	dents(argv[1]);
	gotos(argv[1]);
	searches(argv[1], "bca");
	names(argv[1]);
	compares(argv);
	splits(argv[1]);
	dnames(argv[1]);
	casts(argc, argv);
	return 0;
}
