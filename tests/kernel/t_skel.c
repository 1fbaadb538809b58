// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * An application built on cp's skeleton (build/skel/cp.skel.h, made by
 * cosy-load gen skeleton): no offset written by hand, no cp.h.  Copies
 * through the embedded object, an object file and a pin are byte-identical;
 * what does not fit a slot is refused before the run; a compound whose
 * segment cannot hold the slots is not taken for cp.
 */
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testlib.h"
#include "cp.skel.h"

/* Copy in -> out with entry cp (or cp_copy) of the skeleton's compound, then compare. */
static int copy_and_compare(struct cp_skel *cp, bool use_copy, size_t size, unsigned chunk)
{
	const char *entry = use_copy ? "cp_copy" : "cp";
	struct cp_args a = { .chunk = chunk, .mode = 0600 };
	COSY_OPTS(cosy_run_opts, ro);

	TL_EQ(tl_make_file("in", size, size + chunk), 0);
	unlink("out");
	TL_EQ(cp__set_src_str(cp, "in"), 0);
	TL_EQ(cp__set_dst_str(cp, "out"), 0);
	TL_EQ(use_copy ? cp__run_cp_copy(cp, &a, &ro) : cp__run_cp(cp, &a, &ro), 0);
	TL_CHECK(ro.retval == 0, "%s of %zu bytes: %s (failed step %s)", entry, size,
		 strerror(-ro.retval), cosy_op_str(a.fail_op));
	TL_EQ(a.copied, size);
	/* The run set the slot fields; the compound saw them there. */
	TL_EQ(a.src_off, CP__SLOT_SRC_OFF);
	TL_EQ(a.dst_off, CP__SLOT_DST_OFF);
	TL_EQ(a.buf_off, CP__SLOT_BUF_OFF);
	TL_EQ(tl_cmp_files("in", "out"), 0);
	return 0;
}

TL_CASE(embedded_object_copies_byte_for_byte)
{
	static const size_t sizes[] = { 0, 1, 4095, 4096, 4097, 12345, (1 << 20) + 3 };
	struct cp_skel *cp = cp__open(NULL);
	size_t i;

	TL_CHECK(cp != NULL, "cp__open: %s", strerror(errno));
	TL_EQ(cosy_compound__seg_size(cp->compound), CP__SEG_SIZE);
	TL_EQ(cosy_compound__args_size(cp->compound, "cp"), sizeof(struct cp_args));
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		if (copy_and_compare(cp, false, sizes[i], 4096) ||
		    copy_and_compare(cp, true, sizes[i], 4096)) {
			cp__destroy(cp);
			return 1;
		}
	}
	/* The largest chunk: the whole buf slot. */
	if (copy_and_compare(cp, false, (3 << 20) + 17, CP__SLOT_BUF_SIZE)) {
		cp__destroy(cp);
		return 1;
	}
	cp__destroy(cp);
	return 0;
}

TL_CASE(object_file_and_pin_copy_the_same)
{
	COSY_OPTS(cosy_open_opts, oo, .pin_root = "/sys/fs/bpf/t_skel");
	const char *dir = getenv("COSY_BPF_DIR");
	char path[PATH_MAX];
	struct cp_skel *cp;
	int err;

	snprintf(path, sizeof(path), "%s/cp.bpf.o", dir ? dir : ".");
	cp = cp__open_file(path, NULL);
	TL_CHECK(cp != NULL, "cp__open_file(%s): %s", path, strerror(errno));
	err = cosy_compound__pin(cp->compound, "cp", &oo);
	if (!err)
		err = copy_and_compare(cp, false, 100003, 4096);
	cp__destroy(cp);
	TL_EQ(err, 0);

	cp = cp__open_pinned("cp", &oo);
	if (!cp) {
		err = errno;
		cosy_unpin("cp", &oo);
		rmdir("/sys/fs/bpf/t_skel");
		TL_CHECK(0, "cp__open_pinned: %s", strerror(err));
	}
	err = copy_and_compare(cp, false, 200003, 65536);
	cp__destroy(cp);
	TL_EQ(cosy_unpin("cp", &oo), 0);
	rmdir("/sys/fs/bpf/t_skel");
	TL_EQ(err, 0);
	return 0;
}

TL_CASE(what_does_not_fit_a_slot_is_refused_before_the_run)
{
	struct cp_args a = { .chunk = 4096, .mode = 0600 };
	COSY_OPTS(cosy_run_opts, ro);
	char *path = malloc(CP__SLOT_DST_SIZE + 1);
	struct cp_skel *cp = cp__open(NULL);
	int err = 0;

	TL_CHECK(cp != NULL && path != NULL, "cp__open: %s", strerror(errno));
	TL_EQ(tl_make_file("in", 1, 1), 0);
	memset(path, 'p', CP__SLOT_DST_SIZE);
	path[CP__SLOT_DST_SIZE] = 0;	/* 4096 bytes and the NUL: one too many */
	if (cp__set_dst_str(cp, path) != -ENAMETOOLONG || errno != ENAMETOOLONG)
		err = 1;
	if (!err && cp__set_buf_buf(cp, path, CP__SLOT_BUF_SIZE + 1) != -E2BIG)
		err = 2;
	/* The longest path that fits reaches the kernel, which refuses a 4095-byte name. */
	path[CP__SLOT_DST_SIZE - 1] = 0;
	if (!err && (cp__set_src_str(cp, "in") || cp__set_dst_str(cp, path) ||
		     cp__run_cp(cp, &a, &ro) || ro.retval != -ENAMETOOLONG))
		err = 3;
	free(path);
	cp__destroy(cp);
	TL_EQ(err, 0);
	TL_EQ(a.fail_op, COSY_OP_OPEN);
	return 0;
}

TL_CASE(a_compound_without_room_for_the_slots_is_not_cp)
{
	const char *dir = getenv("COSY_BPF_DIR");
	cosy_print_fn_t old = cosy_set_print(NULL);	/* refusals expected */
	struct cp_skel *burst, *none;
	int burst_err, none_err;
	char path[PATH_MAX];

	/* burst's segment is one page: cp's slots do not fit in it. */
	snprintf(path, sizeof(path), "%s/burst.bpf.o", dir ? dir : ".");
	errno = 0;
	burst = cp__open_file(path, NULL);
	burst_err = errno;
	errno = 0;
	none = cp__open_file("/nonexistent.bpf.o", NULL);
	none_err = errno;
	cosy_set_print(old);
	TL_CHECK(burst == NULL, "burst.bpf.o taken for cp");
	TL_EQ(burst_err, EINVAL);
	TL_CHECK(none == NULL, "opened nothing");
	TL_EQ(none_err, ENOENT);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
