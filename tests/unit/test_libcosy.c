// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* libcosy's host-side logic: opts validation, argument checks, names. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <cosy/cosy.h>
#include "libcosy_internal.h"

Test(opts, null_opts_are_valid)
{
	cr_assert(COSY_OPTS_VALID((struct cosy_run_opts *)NULL, cosy_run_opts));
}

Test(opts, an_older_smaller_struct_is_valid)
{
	struct cosy_run_opts o = { .sz = offsetof(struct cosy_run_opts, budget_bytes) };

	struct cosy_run_opts *p = &o;
	bool has_bytes = COSY_OPTS_HAS(p, budget_bytes), has_calls = COSY_OPTS_HAS(p, budget_calls);

	cr_assert(COSY_OPTS_VALID(p, cosy_run_opts));
	cr_assert_not(has_bytes);
	cr_assert(has_calls);
}

Test(opts, a_size_smaller_than_sz_itself_is_invalid)
{
	struct cosy_run_opts o = { .sz = 3 };

	cr_assert_not(COSY_OPTS_VALID(&o, cosy_run_opts));
}

Test(opts, a_newer_struct_with_zero_tail_is_valid_nonzero_tail_is_not)
{
	struct {
		struct cosy_run_opts o;
		char tail[16];
	} big = { .o.sz = sizeof(big) };

	cr_assert(COSY_OPTS_VALID(&big.o, cosy_run_opts));
	big.tail[5] = 1;
	cr_assert_not(COSY_OPTS_VALID(&big.o, cosy_run_opts));
}

Test(opts, the_macro_sets_sz_and_fields)
{
	COSY_OPTS(cosy_run_opts, o, .budget_calls = 7);

	cr_assert(eq(sz, o.sz, sizeof(o)));
	cr_assert(eq(u64, o.budget_calls, 7));
	cr_assert(eq(u64, o.budget_time_ns, 0));
}

Test(api, null_handles_are_refused_with_einval)
{
	errno = 0;
	cr_assert(eq(int, cosy_compound__run(NULL, NULL, NULL, 0, NULL), -EINVAL));
	cr_assert(eq(int, errno, EINVAL));
	cr_assert_null(cosy_compound__data(NULL, NULL));
	cr_assert(eq(int, errno, EINVAL));
	cr_assert_null(cosy_compound__open_file(NULL, NULL));
	cosy_compound__close(NULL);	/* must not crash */
}

Test(api, a_missing_object_is_enoent_and_silent_when_asked)
{
	cosy_print_fn_t old = cosy_set_print(NULL);

	cr_assert_null(cosy_compound__open_file("/nonexistent/x.bpf.o", NULL));
	cr_assert(eq(int, errno, ENOENT));
	cosy_set_print(old);
}

Test(api, open_pinned_refuses_an_entry_that_is_not_a_name)
{
	const char *bad[] = { "", "a/b", "..", ".hidden" };
	cosy_print_fn_t old = cosy_set_print(NULL);

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		COSY_OPTS(cosy_open_opts, oo, .pin_root = "/nonexistent", .entry = bad[i]);

		errno = 0;
		cr_assert_null(cosy_compound__open_pinned("x", &oo), "entry '%s'", bad[i]);
		cr_assert(eq(int, errno, EINVAL), "entry '%s'", bad[i]);
	}
	cosy_set_print(old);
}

Test(api, open_pinned_of_one_entry_of_a_missing_pin_is_enoent)
{
	COSY_OPTS(cosy_open_opts, oo, .pin_root = "/nonexistent", .entry = "run",
		  .args_size = 64, .seg_size = 4096);
	cosy_print_fn_t old = cosy_set_print(NULL);

	errno = 0;
	cr_assert_null(cosy_compound__open_pinned("x", &oo));
	cr_assert(eq(int, errno, ENOENT));
	cosy_set_print(old);
}

Test(api, names)
{
	cr_assert(eq(str, (char *)cosy_op_str(COSY_OP_READ), "read"));
	cr_assert(eq(str, (char *)cosy_op_str(COSY_OP__MAX), "unknown"));
	for (int op = 0; op < COSY_OP__MAX; op++)	/* every op has a name */
		cr_assert(ne(str, (char *)cosy_op_str(op), "unknown"), "op %d", op);
	cr_assert(eq(str, (char *)cosy_stop_str(COSY_STOP_TIME), "time"));
	cr_assert(eq(str, (char *)cosy_stop_str((enum cosy_stop)-1), "unknown"));
}

/* libbpf's log of a refused load: the reason is the verifier's last word. */
Test(verifier_reason, is_the_last_line_before_processed)
{
	char out[128];

	const char *r = cosy_verifier_reason("libbpf: -- BEGIN PROG LOAD LOG --\n0: (95) exit\n"
					     "R0 !read_ok\nprocessed 1 insns\n-- END PROG LOAD LOG --\n",
					     out, sizeof(out));

	cr_assert(eq(ptr, (void *)r, out));
	cr_assert(eq(str, out, "R0 !read_ok"));
}

/* 7.x follows the reason with a summary, an explanation and a suggestion. */
Test(verifier_reason, comes_before_a_verification_failed_summary)
{
	char out[128];

	const char *r = cosy_verifier_reason("libbpf: -- BEGIN PROG LOAD LOG --\n9: (85) call f#1\n"
					     "R1 is scalar expected STRUCT cosy_session\n\n"
					     "Verification failed: Call Type Safety: Invalid call argument\n\n"
					     "Suggestion:\n  Pass a verifier-tracked pointer.\n\n"
					     "processed 9 insns\n-- END PROG LOAD LOG --\n",
					     out, sizeof(out));

	cr_assert(eq(ptr, (void *)r, out));
	cr_assert(eq(str, out, "R1 is scalar expected STRUCT cosy_session"));
}

/* --- stale handles: the process closed or reused the handle's fds ------------ */

/* A handle of one entry (a trivial syscall program) and a 4 KiB segment. */
static struct cosy_compound *tiny_compound(void)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	LIBBPF_OPTS(bpf_prog_load_opts, po, .prog_flags = BPF_F_SLEEPABLE);
	struct cosy_compound *c = cosy_compound_alloc(1);
	int fd;

	cr_assert_not_null(c);
	fd = bpf_prog_load(BPF_PROG_TYPE_SYSCALL, "tiny", "GPL", insns, 2, &po);
	if (fd < 0) {
		free(c);
		cr_skip_test("cannot load a syscall program here: %s", strerror(errno));
	}
	c->seg = cosy_segment_create(4096);
	cr_assert_not_null(c->seg);
	snprintf(c->entries[0].name, sizeof(c->entries[0].name), "tiny");
	c->entries[0].fd = fd;
	c->entries[0].id = cosy_obj_id(fd, true);
	c->nentries = 1;
	cr_assert_neq(c->entries[0].id, 0);
	cr_assert_neq(c->seg->id, 0);
	return c;
}

static bool is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

Test(stale, a_handle_whose_fds_are_its_own_is_not_stale_and_abandon_closes_them)
{
	struct cosy_compound *c = tiny_compound();
	int prog = c->entries[0].fd, seg = c->seg->fd;

	cr_assert(eq(int, cosy_compound__stale(c), 0));
	cosy_compound__abandon(c);
	cr_assert_not(is_open(prog));
	cr_assert_not(is_open(seg));
	cr_assert(eq(int, cosy_compound__stale(NULL), -EINVAL));
	cosy_compound__abandon(NULL);
}

Test(stale, a_segment_number_now_a_file_is_stale_and_left_open)
{
	struct cosy_compound *c = tiny_compound();
	int prog = c->entries[0].fd, seg = c->seg->fd, other;

	close(seg);
	cr_assert(eq(int, cosy_compound__stale(c), 1));
	other = open("/dev/null", O_RDONLY);
	cr_assert(eq(int, other, seg));		/* the lowest free number */
	cr_assert(eq(int, cosy_compound__stale(c), 1));
	cosy_compound__abandon(c);
	cr_assert(is_open(other), "abandon closed the file now at the segment's number");
	cr_assert_not(is_open(prog), "abandon left the program, still its own, open");
	close(other);
}

Test(stale, a_program_number_now_naming_a_map_is_stale)
{
	struct cosy_compound *c = tiny_compound();
	int prog = c->entries[0].fd, seg = c->seg->fd;

	/* a map, not a program: its id may equal the program's, its type never */
	cr_assert(eq(int, dup2(seg, prog), prog));
	cr_assert(eq(int, cosy_compound__stale(c), 1));
	cosy_compound__abandon(c);
	cr_assert(is_open(prog), "abandon closed a map that was not its program");
	cr_assert_not(is_open(seg));
	close(prog);
}
