// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The pack compound (bpf/pack.bpf.c) and cosy-pack: archives GNU tar reads
 * back to the same files, byte for byte the archive the plain code writes;
 * files the format refuses (missing, directory, FIFO, long name) fail the
 * run at that file with nothing of it in the archive, and cosy-pack names
 * them, skips them and goes on in the kernel; lists longer than a segment
 * take several runs; an archive that cannot be written is an error, never
 * a short archive presented as whole.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testlib.h"
#include "pack.h"

#define GNU "/cosy/bin/"

/*
 * One run of the compound over `names` into the file `out`, with a bytes
 * budget (0: the default): its return.
 */
static int pack_run_budget(const char *out, const char *const *names, int n, struct pack_args *a,
			   uint64_t bytes)
{
	struct cosy_compound *c = tl_compound("pack");
	char *seg;
	size_t pos = PACK_TABLE_OFF + 4 * n;
	int fd, err, i;

	if (!c)
		return -ENOENT;
	seg = cosy_compound__data(c, NULL);
	for (i = 0; i < n; i++) {
		((uint32_t *)(seg + PACK_TABLE_OFF))[i] = pos;
		strcpy(seg + pos, names[i]);
		pos += strlen(names[i]) + 1;
	}
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	{
		COSY_OPTS(cosy_run_opts, ro, .grant_fds = &fd, .ngrant = 1, .budget_bytes = bytes);

		*a = (struct pack_args){ .table_off = PACK_TABLE_OFF, .nfiles = n,
					 .work_off = PACK_WORK_OFF, .stat_off = PACK_STAT_OFF,
					 .buf_off = PACK_BUF_OFF, .buf_len = PACK_BUF_LEN,
					 .out_fd = fd, .finish = 1 };
		err = cosy_compound__run(c, "pack", a, sizeof(*a), &ro);
		err = err ?: ro.retval;
	}
	close(fd);
	return err;
}

static int pack_run(const char *out, const char *const *names, int n, struct pack_args *a)
{
	return pack_run_budget(out, names, n, a, 0);
}

static long long file_size(const char *p)
{
	struct stat st;

	return stat(p, &st) ? -1 : st.st_size;
}

#define NAME99 "pk.d/nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"

TL_CASE(archives_what_tar_reads)
{
	static const char *const names[] = {
		"pk.d/f0", "pk.d/f1", "pk.d/f511", "pk.d/f512", "pk.d/f513", "pk.d/f4096",
		"pk.d/f70000", "pk.d/f200001", NAME99,
	};
	struct pack_args a;

	TL_EQ(strlen(NAME99), PACK_NAME_MAX);
	TL_EQ(tl_sh("rm -rf pk.d pk.x && mkdir pk.d pk.x && for n in 0 1 511 512 513 4096 70000 "
		    "200001; do head -c $n /dev/urandom > pk.d/f$n; done && "
		    "chmod 600 pk.d/f1 && chmod 4755 pk.d/f512 && echo 99 > %s", NAME99), 0);
	TL_EQ(pack_run("pk.a", names, 9, &a), 0);
	TL_EQ(a.done, 9);
	TL_EQ(a.written, file_size("pk.a"));
	TL_EQ(a.fail_op, COSY_OP_NONE);
	/* GNU tar lists and extracts them; each extracted file is the original */
	TL_EQ(tl_sh(GNU "tar -tvf pk.a > pk.list && [ $(wc -l < pk.list) = 9 ] && "
		    "grep -q '^-rw------- 0/0 *1 ' pk.list && grep -q '^-rwsr-xr-x 0/0 *512 ' pk.list"), 0);
	TL_EQ(tl_sh(GNU "tar -xf pk.a -C pk.x && for f in pk.d/*; do cmp $f pk.x/$f || exit 1; done"),
	      0);
	/* cosy-pack in the kernel and with the plain code: the same bytes */
	TL_EQ(tl_sh("cosy-pack pk.k pk.d/* && cosy-pack -l pk.l pk.d/* && cmp pk.k pk.l"), 0);
	/* every method of the benchmark (it fails on disagreement), on its DIR/f00000.. */
	TL_EQ(tl_sh("rm -rf pk.bd && mkdir pk.bd && for i in 0 1 2 3 4 5 6 7 8 9; do "
		    "head -c $((i * 1111)) /dev/urandom > pk.bd/f0000$i; done"), 0);
	TL_EQ(tl_sh("cosy-bench -r 1 -w 0 -m cosy,loop,gnu,proc-verify,proc-loop pack pk.bd 10 pk.b "
		    ">/dev/null"), 0);
	return 0;
}

TL_CASE(refused_files)
{
	const char *missing[] = { "pk.d/f1", "pk.nothere", "pk.d/f4096" };
	const char *dir[] = { "pk.d/f1", "pk.d" };
	const char *fifo[] = { "pk.fifo" };
	const char *longname[] = { "pk.d/f1", NAME99 "x" };
	struct pack_args a;

	TL_EQ(tl_sh("rm -f pk.fifo && mkfifo pk.fifo && cp %s %sx", NAME99, NAME99), 0);
	TL_EQ(pack_run("pk.r", missing, 3, &a), -ENOENT);
	TL_EQ(a.done, 1);
	TL_EQ(a.fail_op, COSY_OP_OPEN);
	/* what was written is whole files only: header + 512 for f1 */
	TL_EQ(a.written, 1024);
	TL_EQ(pack_run("pk.r", dir, 2, &a), -EINVAL);
	TL_EQ(a.done, 1);
	TL_EQ(a.fail_op, COSY_OP_FSTAT);
	/* a FIFO without a writer: opened without waiting, refused */
	TL_EQ(pack_run("pk.r", fifo, 1, &a), -EINVAL);
	TL_EQ(a.done, 0);
	TL_EQ(pack_run("pk.r", longname, 2, &a), -ENAMETOOLONG);
	TL_EQ(a.fail_op, COSY_OP_MEMCHR);
	/* cosy-pack names each, skips it, exits 1; the archive is the plain code's */
	TL_EQ(tl_sh("cosy-pack pk.k pk.d/f1 pk.nothere pk.d pk.fifo %sx pk.d/f4096 2> pk.err; "
		    "[ $? = 1 ]", NAME99), 0);
	TL_EQ(tl_sh("grep -c 'cosy-pack: ' pk.err | grep -qx 4 && grep -q 'pk.nothere: No such' pk.err "
		    "&& grep -q 'pk.fifo: Invalid argument (not a regular file)' pk.err && "
		    "grep -q 'ustar names hold 99 bytes' pk.err"), 0);
	TL_EQ(tl_sh("cosy-pack -l pk.l pk.d/f1 pk.nothere pk.d pk.fifo %sx pk.d/f4096 2>/dev/null; "
		    "cmp pk.k pk.l && " GNU "tar -tf pk.k | tr '\\n' ' ' | grep -qx 'pk.d/f1 pk.d/f4096 '",
		    NAME99), 0);
	return 0;
}

/*
 * A run stopped inside a file (here by its bytes budget) says the file is
 * torn and counts only the whole files before it: cosy-pack cuts the
 * archive back to there and hands that file to the plain code.
 */
TL_CASE(torn_file_reported)
{
	const char *names[] = { "pk.d/f4096", "pk.d/f70000", "pk.d/f1" };
	struct pack_args a;

	TL_EQ(pack_run_budget("pk.t", names, 3, &a, 20000), -EFBIG);
	TL_EQ(a.done, 1);
	TL_EQ(a.torn, 1);
	TL_EQ(a.written, PACK_BLOCK + 4096);
	TL_CHECK(file_size("pk.t") > (long long)a.written, "nothing of the torn file written?");
	/* refused before any write: not torn */
	names[1] = "pk.nothere";
	TL_EQ(pack_run("pk.t", names, 3, &a), -ENOENT);
	TL_EQ(a.torn, 0);
	TL_EQ(a.written, file_size("pk.t"));
	return 0;
}

/* More names than one segment holds: several runs, the same archive. */
TL_CASE(lists_longer_than_a_segment)
{
	TL_EQ(tl_sh("rm -rf pk.m && mkdir pk.m && awk 'BEGIN { for (i = 0; i < 24000; i++) { "
		    "f = sprintf(\"pk.m/a-rather-long-file-name-to-fill-the-segment-sooner-%%"
		    "040d\", i); printf \"%%d\", i > f; close(f) } }'"), 0);
	/* 2.3 MB of names: a larger stack raises the exec limit on argv (1/4 of it) */
	TL_EQ(tl_sh("cd pk.m && ulimit -s 65536 && cosy-pack ../pk.k * && cosy-pack -l ../pk.l * && "
		    "cmp ../pk.k ../pk.l"), 0);
	TL_EQ(tl_sh(GNU "tar -tf pk.k | wc -l | grep -qx 24000"), 0);
	TL_EQ(tl_sh("rm -rf pk.m"), 0);
	return 0;
}

TL_CASE(archive_write_errors)
{
	/* not a regular file: the plain code writes (/dev/full: exit 1, the device
	 * stays; a pipe: the archive tar reads) */
	TL_EQ(tl_sh("cosy-pack -v /dev/full pk.d/f1 2> pk.err; [ $? = 1 ] && "
		    "grep -q 'No space left on device' pk.err && grep -q 'not a regular file' pk.err "
		    "&& [ -c /dev/full ]"), 0);
	TL_EQ(tl_sh("cosy-pack /proc/self/fd/1 pk.d/f1 pk.d/f513 | " GNU "tar -tf - | tr '\n' ' ' | "
		    "grep -qx 'pk.d/f1 pk.d/f513 '"), 0);
	/* a regular archive that cannot be finished is removed: a read-only fs is
	 * not at hand, so a file limit stops it (ulimit -f in 512-byte blocks) */
	TL_EQ(tl_sh("(ulimit -f 8; trap '' XFSZ; cosy-pack pk.big pk.d/f70000) 2> pk.err; "
		    "[ $? = 1 ] && grep -q '(removed)' pk.err && [ ! -e pk.big ]"), 0);
	return 0;
}

TL_CASE(pinned_or_verified)
{
	TL_EQ(tl_sh("cosy-load unload pack >/dev/null 2>&1; "
		    "cosy-load load $COSY_BPF_DIR/pack.bpf.o name pack >/dev/null"), 0);
	TL_EQ(tl_sh("cosy-pack -v pk.k pk.d/f1 2>&1 | grep -q 'attached to the pinned compound'"), 0);
	TL_EQ(tl_sh("COSY_CACHE=0 cosy-pack -v pk.k pk.d/f1 2>&1 | "
		    "grep -q 'loaded and verified the compound here'"), 0);
	TL_EQ(tl_sh("cosy-bench -r 1 -w 0 -m cosy,proc,gnu pack pk.bd 10 pk.b >/dev/null"), 0);
	TL_EQ(tl_sh("cosy-load unload pack >/dev/null"), 0);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
