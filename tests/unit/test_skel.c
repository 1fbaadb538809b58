// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-load gen skeleton, on the host: the generator itself, and the
 * skeleton the build made for cp (build/skel/cp.skel.h, compiled here with
 * -Werror) used without a kernel: a segment of plain memory stands in for
 * the mapped one.  tests/kernel/t_skel.c runs it for real in the guest.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cp.skel.h"
#include "cli/gen.h"

static char seg[CP__SEG_SIZE];
static struct cp_skel fake = { .data = seg, .data_size = sizeof(seg) };

Test(skel, slots_fit_in_order_without_overlap)
{
	cr_assert(eq(u32, CP__SLOT_SRC_OFF, 0));
	cr_assert(eq(u32, CP__SLOT_SRC_SIZE, COSY_PATH_MAX));
	cr_assert(eq(u32, CP__SLOT_DST_OFF, CP__SLOT_SRC_OFF + CP__SLOT_SRC_SIZE));
	cr_assert(eq(u32, CP__SLOT_DST_SIZE, COSY_PATH_MAX));
	/* A slot of a page or more starts on a page. */
	cr_assert(eq(u32, CP__SLOT_BUF_OFF % 4096, 0));
	cr_assert(ge(u32, CP__SLOT_BUF_OFF, CP__SLOT_DST_OFF + CP__SLOT_DST_SIZE));
	cr_assert(eq(u32, CP__SLOTS_END, CP__SLOT_BUF_OFF + CP__SLOT_BUF_SIZE));
	cr_assert(le(u32, CP__SLOTS_END, CP__SEG_SIZE));
	cr_assert(eq(u32, CP__SEG_SIZE, 1u << 20));
}

Test(skel, strings_that_fit_are_copied_with_their_nul)
{
	char path[COSY_PATH_MAX];

	memset(seg, 'x', CP__SLOTS_END);
	cr_assert(eq(int, cp__set_src_str(&fake, "in"), 0));
	cr_assert(eq(str, cp__slot_src_ptr(&fake), "in"));
	cr_assert(eq(ptr, cp__slot_dst_ptr(&fake), seg + CP__SLOT_DST_OFF));
	/* The longest path: 4095 bytes and the NUL, the whole slot. */
	memset(path, 'p', sizeof(path) - 1);
	path[sizeof(path) - 1] = 0;
	cr_assert(eq(int, cp__set_dst_str(&fake, path), 0));
	cr_assert(eq(str, cp__slot_dst_ptr(&fake), path));
	cr_assert(eq(chr, seg[CP__SLOT_BUF_OFF], 'x'));	/* not a byte past it */
}

Test(skel, a_string_too_long_is_refused_and_nothing_written)
{
	char *path = malloc(COSY_PATH_MAX + 1);

	cr_assert(path != NULL);
	memset(path, 'p', COSY_PATH_MAX);
	path[COSY_PATH_MAX] = 0;
	memset(seg, 'x', CP__SLOTS_END);
	errno = 0;
	cr_assert(eq(int, cp__set_src_str(&fake, path), -ENAMETOOLONG));
	cr_assert(eq(int, errno, ENAMETOOLONG));
	cr_assert(eq(chr, seg[CP__SLOT_SRC_OFF], 'x'));
	free(path);
}

Test(skel, buffers_fit_up_to_the_slot_size)
{
	static char big[CP__SLOT_BUF_SIZE + 1];

	memset(big, 7, sizeof(big));
	cr_assert(eq(int, cp__set_buf_buf(&fake, big, CP__SLOT_BUF_SIZE), 0));
	cr_assert(eq(chr, cp__slot_buf_ptr(&fake)[CP__SLOT_BUF_SIZE - 1], 7));
	errno = 0;
	cr_assert(eq(int, cp__set_buf_buf(&fake, big, sizeof(big)), -E2BIG));
	cr_assert(eq(int, errno, E2BIG));
	cr_assert(eq(int, cp__set_src_buf(&fake, "ab", 2), 0));
	cr_assert(eq(chr, cp__slot_src_ptr(&fake)[1], 'b'));
}

Test(skel, run_sets_the_slot_fields_and_leaves_the_others)
{
	struct cp_args a = { .src_off = 77, .dst_off = 77, .buf_off = 77, .chunk = 4096,
			     .mode = 0600 };

	/* No compound behind the fake: libcosy refuses the run, after the fields are set. */
	cr_assert(eq(int, cp__run_cp(&fake, &a, NULL), -EINVAL));
	cr_assert(eq(u32, a.src_off, CP__SLOT_SRC_OFF));
	cr_assert(eq(u32, a.dst_off, CP__SLOT_DST_OFF));
	cr_assert(eq(u32, a.buf_off, CP__SLOT_BUF_OFF));
	cr_assert(eq(u32, a.chunk, 4096));
	cr_assert(eq(u32, a.mode, 0600));
	cr_assert(eq(int, cp__run_cp_copy(NULL, &a, NULL), -EINVAL));
	cr_assert(eq(int, cp__run_cp(&fake, NULL, NULL), -EINVAL));
}

Test(skel, the_embedded_object_is_the_built_one)
{
	FILE *f = fopen(COSY_TEST_BPF_DIR "/cp.bpf.o", "rb");
	const void *obj;
	size_t sz, n;
	char *buf;

	cr_assert(f != NULL);
	obj = cp__elf_bytes(&sz);
	cr_assert(eq(u64, (uintptr_t)obj % 8, 0));	/* libelf wants it aligned */
	buf = malloc(sz + 1);
	n = fread(buf, 1, sz + 1, f);
	fclose(f);
	cr_assert(eq(u64, n, sz));
	cr_assert(eq(int, memcmp(buf, obj, sz), 0));
	free(buf);
}

Test(skel, wrapping_no_compound_is_null)
{
	errno = 0;
	cr_assert(eq(ptr, cp__from_compound(NULL), NULL));
	cp__destroy(NULL);
}

/* The generator: everything or nothing on its output. */
static char *gen(const char *obj, const char *name, int *err, char *msg, size_t msz)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	cr_assert(mem != NULL);
	*err = gen_skeleton(mem, obj, name, msg, msz);
	fclose(mem);
	if (*err)
		cr_assert(eq(u64, len, 0), "output on failure: %zu bytes", len);
	return buf;
}

Test(gen, names_the_skeleton_after_the_file_or_as_asked)
{
	char msg[256];
	char *out;
	int err;

	out = gen(COSY_TEST_BPF_DIR "/cp_trace.bpf.o", NULL, &err, msg, sizeof(msg));
	cr_assert(eq(int, err, 0), "%s", msg);
	cr_assert(strstr(out, "struct cp_trace_skel {") != NULL);
	cr_assert(strstr(out, "#define CP_TRACE__SLOT_SRC_OFF 0u\n") != NULL);
	free(out);
	out = gen(COSY_TEST_BPF_DIR "/cp.bpf.o", "copier", &err, msg, sizeof(msg));
	cr_assert(eq(int, err, 0), "%s", msg);
	cr_assert(strstr(out, "static inline int copier__run_cp_copy(struct copier_skel *s, "
			      "struct cp_args *a, struct cosy_run_opts *opts)") != NULL);
	cr_assert(strstr(out, "\ta->buf_off = COPIER__SLOT_BUF_OFF;\n") != NULL);
	free(out);
}

Test(gen, refuses_what_is_not_a_compound_with_a_reason)
{
	char msg[256];
	int err;

	free(gen(COSY_TEST_BPF_DIR "/hostile/calls.bpf.o", NULL, &err, msg, sizeof(msg)));
	cr_assert(eq(int, err, -ENOENT));
	cr_assert(eq(str, msg, COSY_TEST_BPF_DIR "/hostile/calls.bpf.o: no SEC(\"syscall\") "
				"entry point"));
	free(gen(COSY_TEST_BPF_DIR "/cp.bpf.o", "2cp", &err, msg, sizeof(msg)));
	cr_assert(eq(int, err, -EINVAL));
	cr_assert(strstr(msg, "'2cp' is not a C identifier") != NULL);
	free(gen("/nonexistent.bpf.o", NULL, &err, msg, sizeof(msg)));
	cr_assert(eq(int, err, -ENOENT));
	cr_assert(eq(str, msg, "/nonexistent.bpf.o: cannot open compound object: "
				"No such file or directory"));
}

Test(gen, identifiers)
{
	cr_assert(gen_is_ident("cp"));
	cr_assert(gen_is_ident("_cp2"));
	cr_assert(not(gen_is_ident("2cp")));
	cr_assert(not(gen_is_ident("cp-x")));
	cr_assert(not(gen_is_ident("")));
	cr_assert(not(gen_is_ident(NULL)));
}
