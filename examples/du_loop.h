/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * du -s as a plain program writes it: nftw(3) without following symlinks,
 * st_blocks of every entry, a file with several hard links once.  The
 * baseline of the du compound (bpf/du.bpf.c) in cosy-du and cosy-bench,
 * and cosy-du's answer where the compound cannot walk a tree.
 */
#ifndef COSY_DU_LOOP_H
#define COSY_DU_LOOP_H

#if !defined(_GNU_SOURCE) && !defined(_XOPEN_SOURCE)
#error "du_loop.h needs nftw(): define _GNU_SOURCE before any #include"
#endif

#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct du_loop_result {
	uint64_t blocks;	/* 512-byte blocks, as du -s -B512 */
	uint64_t entries;
	uint64_t errors;	/* entries that could not be stat'ed or read */
};

/* nftw() passes no context: one walk at a time per process. */
static struct {
	struct du_loop_result r;
	struct { dev_t dev; ino_t ino; } *seen;	/* open addressing; ino 0 and dev 0: free */
	size_t cap, n;
	bool quiet;
	int err;		/* -ENOMEM */
} du_loop_state;

static size_t du_loop_hash(dev_t dev, ino_t ino, size_t cap)
{
	return (size_t)((ino * 0x9e3779b97f4a7c15ull) ^ dev) & (cap - 1);
}

/* 1 if (dev, ino) was seen before, 0 if new (recorded), -ENOMEM. */
static int du_loop_seen(dev_t dev, ino_t ino)
{
	typeof(du_loop_state) *st = &du_loop_state;
	size_t i;

	if (2 * (st->n + 1) > st->cap) {
		size_t cap = st->cap ? 2 * st->cap : 1024, k;
		typeof(st->seen) t = calloc(cap, sizeof(*t));

		if (!t)
			return -ENOMEM;
		for (k = 0; k < st->cap; k++) {
			if (!st->seen[k].ino && !st->seen[k].dev)
				continue;
			for (i = du_loop_hash(st->seen[k].dev, st->seen[k].ino, cap);
			     t[i].ino || t[i].dev; i = (i + 1) & (cap - 1))
				;
			t[i] = st->seen[k];
		}
		free(st->seen);
		st->seen = t;
		st->cap = cap;
	}
	for (i = du_loop_hash(dev, ino, st->cap); st->seen[i].ino || st->seen[i].dev;
	     i = (i + 1) & (st->cap - 1))
		if (st->seen[i].ino == ino && st->seen[i].dev == dev)
			return 1;
	st->seen[i].dev = dev;
	st->seen[i].ino = ino;
	st->n++;
	return 0;
}

static int du_loop_visit(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	typeof(du_loop_state) *st = &du_loop_state;
	int r;

	(void)ftw;
	if (flag == FTW_NS) {
		if (!st->quiet)
			fprintf(stderr, "cosy-du: cannot access '%s': %s\n", path, strerror(errno));
		st->r.errors++;
		return 0;
	}
	if (flag == FTW_DNR) {
		if (!st->quiet)	/* nftw() leaves opendir()'s errno */
			fprintf(stderr, "cosy-du: cannot read directory '%s': %s\n", path,
				strerror(errno));
		st->r.errors++;
	}
	st->r.entries++;
	if (!S_ISDIR(sb->st_mode) && sb->st_nlink > 1) {
		r = du_loop_seen(sb->st_dev, sb->st_ino);
		if (r < 0) {
			st->err = r;
			return 1;	/* stop the walk */
		}
		if (r)
			return 0;
	}
	st->r.blocks += sb->st_blocks;
	return 0;
}

/*
 * Walk `dir`: 0 with *r filled (r->errors counts what du would have
 * complained about, each printed unless quiet), or -errno if the walk
 * itself failed (dir missing, out of memory).
 */
static inline int du_loop(const char *dir, struct du_loop_result *r, bool quiet)
{
	typeof(du_loop_state) *st = &du_loop_state;
	int ret;

	memset(st, 0, sizeof(*st));
	st->quiet = quiet;
	/* FTW_PHYS: symlinks are entries, not followed; 64 fds at most, as the compound */
	ret = nftw(dir, du_loop_visit, 64, FTW_PHYS);
	free(st->seen);
	st->seen = NULL;
	*r = st->r;
	if (st->err)
		return st->err;
	return ret < 0 ? -errno : 0;
}

#endif /* COSY_DU_LOOP_H */
