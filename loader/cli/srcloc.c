// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "srcloc.h"

static void copy_line(char *dst, size_t size, const char *b, const char *e)
{
	snprintf(dst, size, "%.*s", (int)(e - b), b);
}

/*
 * From 6.12 on the verifier ends a source line with " @ FILE:LINE"; the
 * text matched against .BTF.ext is what comes before it.
 */
static void strip_file_line(char *text)
{
	char *at = strstr(text, " @ "), *next, *colon;

	while (at && (next = strstr(at + 3, " @ ")))
		at = next;
	if (!at)
		return;
	colon = strrchr(at, ':');
	if (!colon || colon == at + 3 || !isdigit((unsigned char)colon[1]) ||
	    colon[1 + strspn(colon + 1, "0123456789")])
		return;
	*at = '\0';
}

int srcloc_parse_log(const char *log, struct srcloc *loc)
{
	const char *begin, *end, *p, *q, *nl, *reason_b = NULL, *reason_e = NULL;

	memset(loc, 0, sizeof(*loc));
	loc->insn = -1;
	begin = strstr(log, "-- BEGIN PROG LOAD LOG --");
	if (!begin)
		return -ENOENT;
	/* "libbpf: prog 'NAME': -- BEGIN PROG LOAD LOG --" */
	for (p = begin; p > log && p[-1] != '\n'; p--)
		;
	q = strstr(p, "prog '");
	if (q && q < begin) {
		q += 6;
		nl = strchr(q, '\'');
		if (nl && nl < begin)
			copy_line(loc->prog, sizeof(loc->prog), q, nl);
	}
	end = strstr(begin, "-- END PROG LOAD LOG --");
	if (!end)
		end = begin + strlen(begin);
	p = strchr(begin, '\n');
	if (!p)
		return -ENOENT;
	/* Walk the log's lines; the reason is the last one before "processed". */
	for (p++; p < end; p = nl + 1) {
		nl = memchr(p, '\n', end - p);
		if (!nl)
			nl = end;
		if (nl == p)
			continue;
		/* 7.x explains after a "Verification failed:" summary. */
		if (!strncmp(p, "processed ", 10) || !strncmp(p, "Verification failed: ", 21))
			break;
		if (p[0] == ';' && p[1] == ' ') {
			copy_line(loc->text, sizeof(loc->text), p + 2, nl);
			strip_file_line(loc->text);
		} else if (isdigit((unsigned char)p[0])) {
			q = p;
			while (q < nl && isdigit((unsigned char)*q))
				q++;
			if (q + 2 < nl && q[0] == ':' && q[1] == ' ' && q[2] == '(')
				loc->insn = strtol(p, NULL, 10);
		}
		reason_b = p;
		reason_e = nl;
		if (nl == end)
			break;
	}
	if (!reason_b)
		return -ENOENT;
	copy_line(loc->reason, sizeof(loc->reason), reason_b, reason_e);
	return 0;
}

/* .BTF.ext layout (include/uapi/linux/btf.h has the BTF one; this is libbpf's). */
struct btf_ext_hdr {
	__u16 magic;
	__u8 version;
	__u8 flags;
	__u32 hdr_len;
	__u32 func_info_off;
	__u32 func_info_len;
	__u32 line_info_off;
	__u32 line_info_len;
};

struct line_rec {
	__u32 insn_off;
	__u32 file_name_off;
	__u32 line_off;
	__u32 line_col;
};

static int read_section(const char *path, const char *name, void **data, size_t *size)
{
	Elf_Scn *scn = NULL;
	Elf_Data *d;
	GElf_Shdr sh;
	size_t shstrndx;
	int fd, err = -ENOENT;
	Elf *elf;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return -EINVAL;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx))
		goto out;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *n;

		if (!gelf_getshdr(scn, &sh))
			break;
		n = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!n || strcmp(n, name))
			continue;
		d = elf_getdata(scn, NULL);
		if (!d || !d->d_buf)
			break;
		*data = malloc(d->d_size);
		if (!*data) {
			err = -ENOMEM;
			break;
		}
		memcpy(*data, d->d_buf, d->d_size);
		*size = d->d_size;
		err = 0;
		break;
	}
out:
	if (elf)
		elf_end(elf);
	close(fd);
	return err;
}

static const char *ltrim(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int srcloc_lookup(const char *obj_path, struct srcloc *loc)
{
	const struct line_rec *best = NULL;
	const struct btf_ext_hdr *h;
	struct btf *btf;
	size_t size = 0, pos, end;
	void *ext = NULL;
	__u32 rec_size;
	int err;

	if (!loc->text[0])
		return -ENOENT;
	btf = btf__parse_elf(obj_path, NULL);
	if (libbpf_get_error(btf))
		return -ENOENT;
	err = read_section(obj_path, ".BTF.ext", &ext, &size);
	if (err)
		goto out;
	err = -EINVAL;
	h = ext;
	if (size < sizeof(*h) || h->magic != 0xeB9F)
		goto out;
	pos = h->hdr_len + h->line_info_off;
	end = pos + h->line_info_len;
	if (end > size || pos + 4 > end)
		goto out;
	rec_size = *(const __u32 *)((char *)ext + pos);
	if (rec_size < sizeof(struct line_rec))
		goto out;
	pos += 4;
	/* Per section: sec_name_off, num_info, records.  Prefer a record of
	 * the failing instruction; else the first with the same text. */
	while (pos + 8 <= end) {
		__u32 n = *(const __u32 *)((char *)ext + pos + 4), i;

		pos += 8;
		for (i = 0; i < n && pos + rec_size <= end; i++, pos += rec_size) {
			const struct line_rec *r = (const void *)((char *)ext + pos);
			const char *t = btf__name_by_offset(btf, r->line_off);

			if (!t || strcmp(ltrim(t), loc->text))
				continue;
			if (!best || (loc->insn >= 0 && r->insn_off / 8 == (__u32)loc->insn))
				best = r;
		}
	}
	err = -ENOENT;
	if (best) {
		const char *f = btf__name_by_offset(btf, best->file_name_off);

		snprintf(loc->file, sizeof(loc->file), "%s", f ? f : "?");
		loc->line = best->line_col >> 10;
		loc->col = best->line_col & 0x3ff;
		err = 0;
	}
out:
	free(ext);
	btf__free(btf);
	return err;
}
