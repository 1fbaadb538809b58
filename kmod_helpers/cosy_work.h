/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The work of some kfuncs with the session and the guard taken out: the
 * grep scan and the getdents64 record filler.  cosy_fs.c wraps them in
 * the guard; the benchmarks' floor module (tests/floor) runs them bare,
 * so that the floor does exactly the work a compound does.
 */
#ifndef COSY_WORK_H
#define COSY_WORK_H

#ifdef __KERNEL__
#include <linux/dirent.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#endif
#include <cosy/abi.h>

/*
 * memchr() a word at a time: x86-64's memchr is a byte loop, and a byte
 * loop over megabytes was the whole cost of grep under emulation.
 */
static inline const char *cosy_scan(const char *p, int c, size_t n)
{
	const u64 ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	const u64 pat = ones * (u8)c;
	const char *end = p + n;

	while (p < end && ((unsigned long)p & 7)) {
		if (*p == (char)c)
			return p;
		p++;
	}
	for (; end - p >= 8; p += 8) {
		u64 v = *(const u64 *)p ^ pat;

		if ((v - ones) & ~v & highs)
			break;		/* a byte of this word is c */
	}
	for (; p < end; p++)
		if (*p == (char)c)
			return p;
	return NULL;
}

/*
 * The first i < n with p[i] == a and p[i + 1] == b, or NULL; p[n] must be
 * readable.  Two bytes at a time, a word at a time: where one byte of a
 * pattern is common in a text, a pair of them seldom is.
 */
static inline const char *cosy_scan2(const char *p, int a, int b, size_t n)
{
	const u64 ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	const u64 pa = ones * (u8)a, pb = ones * (u8)b;
	const char *end = p + n;

	while (p < end && ((unsigned long)p & 7)) {
		if (p[0] == (char)a && p[1] == (char)b)
			return p;
		p++;
	}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; end - p >= 8; p += 8) {
		u64 w = *(const u64 *)p;
		/* byte k of next is p[k + 1]: p[8] is at most end, readable */
		u64 next = (w >> 8) | ((u64)(u8)p[8] << 56);
		u64 v = (w ^ pa) | (next ^ pb);

		if ((v - ones) & ~v & highs)
			break;		/* a pair starts in this word */
	}
#endif
	for (; p < end; p++)
		if (p[0] == (char)a && p[1] == (char)b)
			return p;
	return NULL;
}

/*
 * Byte comparisons (and words scanned, at eight bytes each) a search may
 * make between two ticks.  The search is naive: a pattern of m bytes that
 * keeps almost matching costs m per position, so a few megabytes with a
 * long pattern are billions of comparisons; the tick (cond_resched, the
 * guard's signal and time checks) keeps that preemptible and bounded.
 */
#define COSY_SCAN_TICK	(1u << 20)

/* Called every COSY_SCAN_TICK units of work; nonzero stops the search. */
typedef int (*cosy_tick_fn)(void *arg);

/*
 * The search scans a word at a time for the pattern's first byte and
 * compares the pattern where it finds it.  A text where that byte is
 * common ("m dol" in lines of Latin words) would make it restart every few
 * bytes: after COSY_FIND_MISSES false starts closer together than
 * COSY_FIND_RUN bytes on average, it scans for a pair of the pattern's
 * bytes instead, and then for the next pair each time that happens again
 * (the last wraps to the first).  A rare first byte ("needle" there) is
 * kept for the whole search.
 */
#define COSY_FIND_MISSES	8
#define COSY_FIND_RUN		64

/*
 * First occurrence of pat (m > 0 bytes) in [p, p + n), or NULL; NULL with
 * *err set when the tick stopped the search midway.
 */
static inline const char *cosy_find(const char *p, size_t n, const char *pat, size_t m,
				    cosy_tick_fn tick, void *arg, int *err)
{
	const char *end = p + n, *q, *s, *since = p;
	size_t r = 0, misses = 0;	/* the pattern's bytes scanned for start at r */
	bool pairs = false;
	u64 work = 0;

	/* p: the first start not yet ruled out; starts run up to end - m */
	while ((size_t)(end - p) >= m) {
		/* a pair's second byte is at most end - 1 */
		q = pairs ? cosy_scan2(p + r, pat[r], pat[r + 1], end - p - m + 1) :
			    cosy_scan(p + r, pat[r], end - p - m + 1);
		if (!q)
			return NULL;
		s = q - r;
		if (!memcmp(s, pat, m))
			return s;
		work += m + (q - p - r) / 8;
		if (work >= COSY_SCAN_TICK) {
			work = 0;
			*err = tick(arg);
			if (*err)
				return NULL;
		}
		p = s + 1;
		if (++misses < COSY_FIND_MISSES)
			continue;
		if (m > 1 && (size_t)(p - since) < misses * COSY_FIND_RUN) {
			if (pairs)
				r = r + 2 < m ? r + 1 : 0;
			pairs = true;
		}
		misses = 0;
		since = p;
	}
	return NULL;
}

/*
 * Count the lines of [buf, buf + len) that contain pat, jumping from one
 * occurrence to the end of its line: bytes between matches are scanned
 * once, by the word-at-a-time memchr.  See struct cosy_grep_req for the
 * state carried from buffer to buffer.
 */
static inline int cosy_grep_scan(const char *buf, u64 len, const char *pat, u32 m,
				 struct cosy_grep_req *r, cosy_tick_fn tick, void *arg)
{
	const char *p = buf, *end = buf + len, *occ, *nl;
	int err = 0;

	if (!m) {
		/* The empty pattern matches every line: count the newlines. */
		while ((nl = cosy_scan(p, '\n', end - p))) {
			r->matches++;
			r->line_matched = 0;
			p = nl + 1;
		}
		if (p < end)
			r->line_matched = 1;	/* an unfinished, non-empty line */
		p = end;
		goto tail;
	}
	if (r->line_matched) {
		/* The unfinished line matched in an earlier buffer: find its end. */
		nl = cosy_scan(p, '\n', end - p);
		if (!nl) {
			p = end;
			goto tail;
		}
		r->matches++;
		r->line_matched = 0;
		p = nl + 1;
	}
	while ((occ = cosy_find(p, end - p, pat, m, tick, arg, &err))) {
		nl = cosy_scan(occ, '\n', end - occ);
		if (!nl) {
			r->line_matched = 1;	/* in the unfinished last line */
			p = end;
			goto tail;
		}
		r->matches++;
		p = nl + 1;
	}
	if (err)
		return err;
	/* No match in [p, end): keep m - 1 bytes, a match may straddle the cut. */
	if ((u64)(end - p) >= m)
		p = end - (m - 1);
tail:
	if (r->eof) {
		if (r->line_matched)
			r->matches++;
		r->line_matched = 0;
		p = end;
	}
	r->consumed = p - buf;
	return 0;
}

/*
 * The scan above also builds in user space (tests/scan/bench_scan.c times
 * it against glibc's memmem); what follows is the kernel's alone.
 */
#ifdef __KERNEL__
/* getdents64(2)'s records, written into a buffer by iterate_dir(). */
struct cosy_dents {
	struct dir_context ctx;
	char *buf;
	u32 size, used;
	struct linux_dirent64 *prev;
	int err;
};

/*
 * One linux_dirent64 record, as getdents64(2) lays it out: a record's
 * d_off is where the *next* entry starts, so each entry's offset is
 * written into the record before it, and the last one gets the final
 * position after the walk (cosy_dents_end()).
 */
static inline bool cosy_filldir(struct dir_context *ctx, const char *name, int namlen,
				loff_t off, u64 ino, unsigned int type)
{
	struct cosy_dents *d = container_of(ctx, struct cosy_dents, ctx);
	u32 reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + namlen + 1, sizeof(u64));
	struct linux_dirent64 *de;

	if (reclen > d->size - d->used) {
		if (!d->used)
			d->err = -EINVAL;	/* the buffer cannot hold one entry */
		return false;
	}
	if (d->prev)
		d->prev->d_off = off;
	de = (struct linux_dirent64 *)(d->buf + d->used);
	de->d_ino = ino;
	de->d_off = 0;
	de->d_reclen = reclen;
	de->d_type = type;
	memcpy(de->d_name, name, namlen);
	de->d_name[namlen] = 0;
	d->prev = de;
	d->used += reclen;
	return true;
}

/*
 * iterate_dir() into d (.ctx.actor = cosy_filldir, .buf and .size set), the
 * caller holding f's position lock: bytes written, or -errno.
 */
static inline long cosy_dents_fill(struct file *f, struct cosy_dents *d)
{
	long err = iterate_dir(f, &d->ctx);

	if (d->prev)
		d->prev->d_off = d->ctx.pos;
	if (d->err)
		err = d->err;
	return err ? err : d->used;
}

#endif /* __KERNEL__ */

#endif
