// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-pack: archive regular files into a ustar file (what tar -cf does
 * for them) with the work in the kernel: the pack compound archives as
 * many files per crossing as their names fit in its segment.  A whole
 * program for the benchmarks: exec to exit, attach included.
 *
 *   cosy-pack [-l] [-v] [-T] [-n RUNS] ARCHIVE FILE...
 *
 * It attaches to the compound an administrator pinned as "pack" (cosy-load
 * load build/bpf/pack.bpf.o name pack); without that pin, or with
 * COSY_CACHE=0, it loads the one built in and verifies it here.  A file the
 * compound refuses (missing, not a regular file, a name over 99 bytes) is
 * handed to the plain code, which names it and skips it, as tar does: the
 * archive is the same either way (tests compare them byte for byte).  An
 * archive that is not a regular file (a pipe, a device) is written by the
 * plain code: a file that fails half-way could not be taken back from it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pack.skel.h"
#include "pack_loop.h"	/* and pack.h: the segment's layout */
#include "tool.h"

static void usage(FILE *f)
{
	fputs("Usage: cosy-pack [OPTIONS] ARCHIVE FILE...\n"
	      "Write the regular FILEs into ARCHIVE, a ustar archive (tar -tf reads it).\n"
	      "  -l, --loop     the plain code in user space, no compound\n"
	      "  -T, --time     print the time of the archiving on stderr (time_ms=,\n"
	      "                 attach excluded)\n"
	      "  -n, --runs N   write the archive N times (for timing; default 1)\n"
	      "  -v, --verbose  say on stderr how the compound was found\n"
	      "  -h, --help\n"
	      "Environment: COSY_CACHE=0 loads and verifies the compound here even\n"
	      "where an administrator pinned it as \"pack\".\n"
	      "Exit status: 0; 1 if a FILE was skipped (named on stderr) or on error; 2 usage.\n",
	      f);
}

struct job {
	int out;
	char **names;
	int n;
	char *buf;		/* PACK_BUF_LEN, for the plain code */
	uint64_t written;
	int skipped;
};

/*
 * One file by the plain code: archived, or named and skipped (1).  An
 * error after its header was written is fatal (-errno): the archive
 * would lie.
 */
static int plain_one(struct job *j, const char *name)
{
	int mid, err = pack_one(j->out, name, j->buf, PACK_BUF_LEN, &j->written, &mid);

	if (!err)
		return 0;
	fprintf(stderr, "cosy-pack: %s: %s%s\n", name, strerror(-err),
		err == -EINVAL ? " (not a regular file)" :
		err == -ENAMETOOLONG ? " (ustar names hold 99 bytes)" : "");
	if (mid)
		return err;
	j->skipped++;
	return 1;
}

static int pack_plain(struct job *j)
{
	int i, err;

	for (i = 0; i < j->n; i++) {
		err = plain_one(j, j->names[i]);
		if (err < 0)
			return err;
	}
	return pack_finish(j->out, &j->written);
}

/*
 * Batches of names into the segment, a run each.  A run that fails at a
 * file: the archive is cut back to before that file, the plain code takes
 * it (archives it, or names and skips it), the next run goes on after it.
 */
static int pack_kernel(struct job *j, struct pack_skel *p)
{
	COSY_OPTS(cosy_run_opts, ro, .grant_fds = &j->out, .ngrant = 1);
	struct pack_args a;
	uint32_t *table = (uint32_t *)(p->data + PACK_TABLE_OFF);
	int first = 0, k, n, err;
	size_t pos;

	while (first < j->n) {
		/* as many names as fit after their table */
		for (n = 0, pos = PACK_TABLE_OFF; first + n < j->n; n++) {
			size_t l = strlen(j->names[first + n]) + 1;

			if (pos + 4 * (n + 1) + l > p->data_size)
				break;
			pos += l;
		}
		if (!n)
			return -ENAMETOOLONG;	/* one name larger than the segment */
		pos = PACK_TABLE_OFF + 4 * n;
		for (k = 0; k < n; k++) {
			size_t l = strlen(j->names[first + k]) + 1;

			table[k] = pos;
			memcpy(p->data + pos, j->names[first + k], l);
			pos += l;
		}
		memset(&a, 0, sizeof(a));
		a = (struct pack_args){ .table_off = PACK_TABLE_OFF, .nfiles = n,
					.work_off = PACK_WORK_OFF, .stat_off = PACK_STAT_OFF,
					.buf_off = PACK_BUF_OFF, .buf_len = PACK_BUF_LEN,
					.out_fd = j->out, .finish = first + n == j->n };
		ro.retval = 0;
		err = pack__run_pack(p, &a, &ro);
		if (err)
			return err;
		j->written += a.written;
		if (!ro.retval) {
			first += n;
			continue;
		}
		/*
		 * Let the plain code have file a.done.  If its writing had begun,
		 * cut the archive back to before it first; an archive that cannot
		 * be cut (a pipe, a device) holds a torn file: the run's error.
		 */
		if (a.torn && (ftruncate(j->out, j->written) ||
			       lseek(j->out, j->written, SEEK_SET) < 0))
			return ro.retval;
		err = plain_one(j, j->names[first + a.done]);
		if (err < 0)
			return err;
		first += a.done + 1;
		if (first == j->n)
			return pack_finish(j->out, &j->written);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct pack_skel *p = NULL;
	struct tool_opts o;
	struct job j = {};
	struct stat st;
	const void *obj;
	size_t size;
	int err = 0;
	double t0;
	long i;

	err = tool_getopt(argc, argv, "cosy-pack", 2, usage, &o);
	if (err >= 0)
		return err;
	err = 0;
	j.names = argv + optind + 1;
	j.n = argc - optind - 1;
	j.buf = malloc(PACK_BUF_LEN);
	j.out = open(argv[optind], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (j.out < 0 || !j.buf) {
		fprintf(stderr, "cosy-pack: %s: %s\n", argv[optind], strerror(j.out < 0 ? errno : ENOMEM));
		return 1;
	}
	/*
	 * The kernel path cuts the archive back when a file fails half-way;
	 * a pipe or a device cannot be cut: there the plain code writes.
	 */
	if (!o.loop && (fstat(j.out, &st) || !S_ISREG(st.st_mode))) {
		if (o.verbose)
			fprintf(stderr, "cosy-pack: %s is not a regular file: the plain code "
				"writes it\n", argv[optind]);
		o.loop = true;
	}
	if (!o.loop) {
		obj = pack__elf_bytes(&size);
		p = pack__from_compound(tool_attach("cosy-pack", "pack", obj, size, o.verbose));
	}
	for (i = 0; i < o.runs && !err; i++) {
		j.written = 0;
		j.skipped = 0;
		if (i && (ftruncate(j.out, 0) || lseek(j.out, 0, SEEK_SET) < 0)) {
			err = -errno;
			break;
		}
		t0 = tool_now_ms();
		err = p ? pack_kernel(&j, p) : pack_plain(&j);
		if (o.timed)
			fprintf(stderr, "time_ms=%.3f\n", tool_now_ms() - t0);
	}
	pack__destroy(p);
	if (close(j.out) && !err)
		err = -errno;
	free(j.buf);
	if (err) {
		/* no half-written archive left looking like a whole one (a device stays) */
		bool rm = !stat(argv[optind], &st) && S_ISREG(st.st_mode) && !unlink(argv[optind]);

		fprintf(stderr, "cosy-pack: %s: %s%s\n", argv[optind], strerror(-err),
			rm ? " (removed)" : "");
		return 1;
	}
	return j.skipped ? 1 : 0;
}
