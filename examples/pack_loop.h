/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The pack compound's format (bpf/pack.h) written as a plain program
 * would: per regular file a ustar header, the data, zeros to 512; two
 * zero blocks at the end.  Byte for byte what the compound writes: the
 * baseline in cosy-pack and cosy-bench, and cosy-pack's answer for a file
 * the compound refuses (it then names the file and skips it, as tar does).
 */
#ifndef COSY_PACK_LOOP_H
#define COSY_PACK_LOOP_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pack.h"

static void pack_octal(unsigned char *h, unsigned off, unsigned digits, uint64_t v)
{
	int k;

	for (k = digits - 1; k >= 0; k--) {
		h[off + k] = '0' + (v & 7);
		v >>= 3;
	}
	h[off + digits] = 0;
}

/*
 * The header of `name` with stat st into h: 0, or -errno for what the
 * format cannot hold (not a regular file, name over PACK_NAME_MAX or
 * empty, numbers too large), as the compound refuses them.
 */
static inline int pack_header_fill(unsigned char h[PACK_BLOCK], const char *name,
				   const struct stat *st)
{
	size_t n = strnlen(name, PACK_NAME_MAX + 1);
	unsigned sum = 0, k;

	if (!S_ISREG(st->st_mode))
		return -EINVAL;
	if ((uint64_t)st->st_size >> 33 || st->st_uid >> 21 || st->st_gid >> 21 ||
	    st->st_mtim.tv_sec < 0)
		return -EOVERFLOW;
	if (n > PACK_NAME_MAX)
		return -ENAMETOOLONG;
	if (!n)
		return -ENOENT;
	memset(h, 0, PACK_BLOCK);
	memcpy(h, name, n);
	pack_octal(h, 100, 7, st->st_mode & 07777);
	pack_octal(h, 108, 7, st->st_uid);
	pack_octal(h, 116, 7, st->st_gid);
	pack_octal(h, 124, 11, st->st_size);
	pack_octal(h, 136, 11, st->st_mtim.tv_sec);
	h[156] = '0';
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	memset(h + 148, ' ', 8);
	for (k = 0; k < PACK_BLOCK; k++)
		sum += h[k];
	pack_octal(h, 148, 6, sum);
	h[155] = ' ';
	return 0;
}

/* write() all of it: 0 or -errno (-EIO for a write that makes no progress). */
static inline int pack_write_all(int fd, const void *p, size_t len)
{
	ssize_t w;

	while (len) {
		w = write(fd, p, len);
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		p = (const char *)p + w;
		len -= w;
	}
	return 0;
}

/*
 * Append one file to the archive `out`: 0, or -errno.  A file that cannot
 * be opened or that the format refuses leaves the archive as it was
 * (*in_the_middle 0); any failure once writing began (the archive's own
 * write errors too) sets *in_the_middle: the archive holds part of the
 * file, an error the caller must not hide.  buf: buf_len bytes.
 */
static inline int pack_one(int out, const char *name, char *buf, size_t buf_len,
			   uint64_t *written, int *in_the_middle)
{
	static const char zeros[PACK_BLOCK];
	unsigned char h[PACK_BLOCK];
	struct stat st;
	uint64_t left;
	ssize_t r;
	int fd, err;

	*in_the_middle = 0;
	/* O_NONBLOCK: a FIFO without a writer is refused below, not waited on */
	fd = open(name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	err = fstat(fd, &st) ? -errno : pack_header_fill(h, name, &st);
	if (err) {
		close(fd);
		return err;
	}
	/* from here on a failure leaves a part in the archive: the caller's to handle */
	*in_the_middle = 1;
	err = pack_write_all(out, h, PACK_BLOCK);
	for (left = st.st_size; !err && left; left -= r) {
		r = read(fd, buf, left < buf_len ? left : buf_len);
		if (r <= 0) {
			err = r < 0 ? -errno : -EIO;	/* it shrank meanwhile */
			break;
		}
		err = pack_write_all(out, buf, r);
	}
	if (!err)
		err = pack_write_all(out, zeros, (PACK_BLOCK - st.st_size % PACK_BLOCK) % PACK_BLOCK);
	close(fd);
	if (!err) {
		*written += PACK_BLOCK + st.st_size + (PACK_BLOCK - st.st_size % PACK_BLOCK) % PACK_BLOCK;
		*in_the_middle = 0;
	}
	return err;
}

/* The end of an archive: two zero blocks. */
static inline int pack_finish(int out, uint64_t *written)
{
	static const char zeros[2 * PACK_BLOCK];
	int err = pack_write_all(out, zeros, sizeof(zeros));

	if (!err)
		*written += sizeof(zeros);
	return err;
}

#endif /* COSY_PACK_LOOP_H */
