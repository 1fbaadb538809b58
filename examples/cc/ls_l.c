// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cc-ls-l DIR: what ls -l needs of every entry of DIR but . and ..,
 * getdents64() and fstatat(AT_SYMLINK_NOFOLLOW) of each name, as
 * cosy-bench's ls-l loop does; prints the number of entries, or with -l
 * the listing (ls -lnA --time-style=+%s's fields, unsorted, unaligned).
 *
 * The region fills a static array of records, NREC at most; a directory
 * with more entries takes more runs of it, each going on where the last
 * one stopped (the directory stays open between them).
 *
 *   cc-ls-l [-n RUNS] [-T] [-v] [-l] DIR
 */
#define _GNU_SOURCE	/* getdents64() */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cosy/cosy.h>
#include "cc_bench.h"

#define NREC 2048

struct entry {
	char name[256];
	unsigned int mode, uid, gid;
	unsigned long nlink;
	long long size, mtime;	/* mtime in seconds */
};

static struct entry ents[NREC];

enum { OK, GETDENTS, STAT };

/* Up to NREC entries from where dfd is; fewer only at the end of the directory. */
static long list_some(int dfd, int *failed)
{
	long n = 0, pos, count = 0;
	int step = OK;

	COSY_START(ls_l)
	char dbuf[32768];
	struct dirent64 *d = NULL;
	struct entry *e;
	struct stat st;

	while (count < NREC && (n = getdents64(dfd, dbuf, sizeof(dbuf))) > 0) {
		for (pos = 0; pos < n && count < NREC;) {
			d = (struct dirent64 *)(dbuf + pos);
			pos += d->d_reclen;
			if (d->d_name[0] == '.' &&
			    (!d->d_name[1] || (d->d_name[1] == '.' && !d->d_name[2])))
				continue;
			e = &ents[count];
			memcpy(e->name, d->d_name, strlen(d->d_name) + 1);
			if (fstatat(dfd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
				step = STAT;
				goto out;
			}
			e->mode = st.st_mode;
			e->nlink = st.st_nlink;
			e->uid = st.st_uid;
			e->gid = st.st_gid;
			e->size = st.st_size;
			e->mtime = st.st_mtim.tv_sec;
			count++;
		}
		/* no room for the rest: the next run starts after the last entry kept */
		if (pos < n)
			lseek(dfd, d->d_off, SEEK_SET);
	}
	if (n < 0)
		step = GETDENTS;
out:
	COSY_END()
	region_ran();
	*failed = step;
	return count;
}

/* ls -l's first column: the type, then rwx for user, group, others. */
static void mode_str(unsigned int mode, char s[11])
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	switch (mode & S_IFMT) {
	case S_IFREG:  s[0] = '-'; break;
	case S_IFDIR:  s[0] = 'd'; break;
	case S_IFLNK:  s[0] = 'l'; break;
	case S_IFCHR:  s[0] = 'c'; break;
	case S_IFBLK:  s[0] = 'b'; break;
	case S_IFIFO:  s[0] = 'p'; break;
	case S_IFSOCK: s[0] = 's'; break;
	default:       s[0] = '?';
	}
	for (i = 0; i < 9; i++)
		s[i + 1] = mode & (0400 >> i) ? rwx[i] : '-';
	if (mode & S_ISUID)
		s[3] = s[3] == 'x' ? 's' : 'S';
	if (mode & S_ISGID)
		s[6] = s[6] == 'x' ? 's' : 'S';
	if (mode & S_ISVTX)
		s[9] = s[9] == 'x' ? 't' : 'T';
	s[10] = 0;
}

static void print_entries(long count)
{
	char m[11];
	long i;

	for (i = 0; i < count; i++) {
		mode_str(ents[i].mode, m);
		printf("%s %lu %u %u %lld %lld %s\n", m, ents[i].nlink, ents[i].uid, ents[i].gid,
		       ents[i].size, ents[i].mtime, ents[i].name);
	}
}

/* One listing of dir: the region as many times as it takes. */
static long ls_l(const char *dir, int print)
{
	long got, total = 0;
	int dfd, failed;

	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd < 0) {
		perror(dir);
		return -1;
	}
	do {
		got = list_some(dfd, &failed);
		if (failed) {
			if (failed == STAT)
				fprintf(stderr, "%s/%s: %s\n", dir, ents[got].name, strerror(errno));
			else
				perror(dir);
			close(dfd);
			return -1;
		}
		if (print)
			print_entries(got);
		total += got;
	} while (got == NREC);
	close(dfd);
	return total;
}

static void usage(void)
{
	fprintf(stderr, "usage: cc-ls-l [-n RUNS] [-T] [-v] [-l] DIR\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct run_opts o;
	long total = 0, r;
	double t0;

	if (parse_opts(argc, argv, &o, 1) || argc - optind != 1)
		usage();
	for (r = 0; r < o.runs; r++) {
		t0 = now_ms();
		/* the listing once, of the last run */
		total = ls_l(argv[optind], o.list && r == o.runs - 1);
		run_done(&o, t0);
		if (total < 0)
			return 1;
	}
	if (!o.list)
		printf("entries %ld\n", total);
	return 0;
}
