// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The cp compound: copies of every boundary size checked byte for byte,
 * and its failures reported with the errno and the step that failed.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testlib.h"
#include "cp.h"

/* Run cp SRC -> DST; returns the compound's return value (0 / -errno). */
static int run_cp(const char *src, const char *dst, unsigned chunk,
		  struct cp_args *a, struct cosy_run_opts *ro)
{
	struct cosy_compound *c = tl_compound("cp");
	size_t size;
	char *data;
	int err;

	if (!c)
		return -ENOEXEC;
	data = cosy_compound__data(c, &size);
	*a = (struct cp_args){ .src_off = 0, .dst_off = 2048, .buf_off = 4096,
			       .chunk = chunk, .mode = 0600 };
	snprintf(data, 2048, "%s", src);
	snprintf(data + 2048, 2048, "%s", dst);
	err = cosy_compound__run(c, "cp", a, sizeof(*a), ro);
	if (err) {
		printf("#   run failed: %s\n", strerror(-err));
		return -ENOEXEC;
	}
	return ro->retval;
}

static int copy_and_compare(size_t size, unsigned chunk)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct cp_args a;
	struct stat st;

	TL_EQ(tl_make_file("in", size, size), 0);
	unlink("out");
	TL_EQ(run_cp("in", "out", chunk, &a, &ro), 0);
	TL_EQ(a.copied, size);
	TL_EQ(a.fail_op, COSY_OP_NONE);
	TL_EQ(tl_cmp_files("in", "out"), 0);
	TL_EQ(stat("out", &st), 0);
	TL_EQ(st.st_mode & 0777, 0600);
	/* One read per chunk plus the short one, a write per non-empty chunk. */
	TL_EQ(ro.stats.bytes_read, size);
	TL_EQ(ro.stats.bytes_written, size);
	TL_EQ(ro.stats.calls, 2 + (size / chunk + 1) + (size + chunk - 1) / chunk + 2);
	TL_EQ(ro.stats.fds_opened, 2);
	TL_EQ(ro.stats.fds_reaped, 0);
	TL_EQ(ro.sessions, 1);
	return 0;
}

TL_CASE(cp_0_bytes) { return copy_and_compare(0, 4096); }
TL_CASE(cp_1_byte) { return copy_and_compare(1, 4096); }
TL_CASE(cp_4095_bytes) { return copy_and_compare(4095, 4096); }
TL_CASE(cp_4096_bytes) { return copy_and_compare(4096, 4096); }
TL_CASE(cp_4097_bytes) { return copy_and_compare(4097, 4096); }
TL_CASE(cp_64_mib) { return copy_and_compare(64 << 20, 4096); }
TL_CASE(cp_64_mib_64k_chunks) { return copy_and_compare(64 << 20, 65536); }

TL_CASE(cp_overwrites_longer_output)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct cp_args a;
	struct stat st;

	TL_EQ(tl_make_file("out", 100000, 1), 0);
	TL_EQ(tl_make_file("in", 5000, 2), 0);
	TL_EQ(run_cp("in", "out", 4096, &a, &ro), 0);
	TL_EQ(stat("out", &st), 0);
	TL_EQ(st.st_size, 5000);	/* O_TRUNC */
	TL_EQ(tl_cmp_files("in", "out"), 0);
	return 0;
}

TL_CASE(cp_missing_input_is_enoent)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct cp_args a;

	unlink("nonexistent");
	unlink("out");
	TL_EQ(run_cp("nonexistent", "out", 4096, &a, &ro), -ENOENT);
	TL_EQ(a.fail_op, COSY_OP_OPEN);
	TL_EQ(ro.fail_err, -ENOENT);
	TL_EQ(ro.fail_op, COSY_OP_OPEN);
	TL_CHECK(access("out", F_OK) != 0, "output created although input is missing");
	return 0;
}

TL_CASE(cp_output_on_readonly_fs_is_erofs)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct cp_args a;
	int r;

	TL_EQ(tl_make_file("in", 10000, 3), 0);
	mkdir("ro", 0755);
	TL_EQ(mount("none", "ro", "tmpfs", MS_RDONLY, NULL), 0);
	r = run_cp("in", "ro/out", 4096, &a, &ro);
	umount("ro");
	rmdir("ro");
	TL_EQ(r, -EROFS);
	TL_EQ(a.fail_op, COSY_OP_OPEN);
	TL_EQ(a.copied, 0);
	/* The input was opened and must have been closed by the guard. */
	TL_EQ(ro.stats.fds_opened, 1);
	TL_EQ(ro.stats.fds_reaped, 1);
	return 0;
}

TL_CASE(cp_output_is_directory_is_eisdir)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct cp_args a;

	TL_EQ(tl_make_file("in", 10, 4), 0);
	mkdir("adir", 0755);
	TL_EQ(run_cp("in", "adir", 4096, &a, &ro), -EISDIR);
	TL_EQ(a.fail_op, COSY_OP_OPEN);
	rmdir("adir");
	return 0;
}

TL_CASE(cp_input_is_directory_fails_in_read)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct cp_args a;

	mkdir("adir", 0755);
	TL_EQ(run_cp("adir", "out", 4096, &a, &ro), -EISDIR);
	TL_EQ(a.fail_op, COSY_OP_READ);
	TL_EQ(ro.fail_op, COSY_OP_READ);
	rmdir("adir");
	return 0;
}

TL_CASE(cp_zero_chunk_is_einval)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct cp_args a;

	TL_EQ(tl_make_file("in", 10, 5), 0);
	TL_EQ(run_cp("in", "out", 0, &a, &ro), -EINVAL);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
