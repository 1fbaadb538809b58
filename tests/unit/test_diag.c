// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * loader/diag.c: verifier logs (excerpts of real 6.1 and 6.12 ones) read
 * back into the mistake, with file:line from the catalogue's objects
 * (tests/diag/, built by make).
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libcosy_internal.h"

static struct cosy_diag d;

static void diagnose(const char *obj, const char *log)
{
	char path[512];
	size_t size = 0;
	void *elf;

	snprintf(path, sizeof(path), "%s/%s.bpf.o", COSY_TEST_DIAG_DIR, obj);
	elf = cosy_read_file(path, &size);
	cr_assert(elf != NULL, "cannot read %s", path);
	cr_assert(eq(int, cosy_diagnose(log, elf, size, &d), 0));
	free(elf);
}

Test(diag, a_session_not_ended_is_named_with_the_line_it_began)
{
	diagnose("no_end_on_return",
		 "libbpf: prog 'no_end_on_return': -- BEGIN PROG LOAD LOG --\n"
		 "reg type unsupported for arg#0 function no_end_on_return#24\n"
		 "; struct cosy_session *s = cosy_begin(a);\n"
		 "1: (b7) r2 = 152                      ; R2_w=152\n"
		 "2: (85) call cosy_session_begin#95299\n"
		 "; fd = cosy_open(s, a->path_off, O_RDONLY, 0);\n"
		 "15: (85) call cosy_open#95342\n"
		 "; if (fd < 0)	/* HERE: the return is merged into the branch */\n"
		 "18: (6d) if r8 s> r0 goto pc+35 54: R0=scalar()\n"
		 "; }\n"
		 "54: (95) exit\n"
		 "Unreleased reference id=2 alloc_insn=2\n"
		 "processed 66 insns (limit 1000000) max_states_per_insn 0 total_states 6\n"
		 "-- END PROG LOAD LOG --\n");
	cr_assert(eq(str, d.prog, "no_end_on_return"));
	cr_assert(eq(str, d.reason, "Unreleased reference id=2 alloc_insn=2"));
	cr_assert(eq(u32, d.line, 28), "line %u", d.line);
	cr_assert(strstr(d.file, "no_end_on_return.bpf.c") != NULL, "%s", d.file);
	cr_assert(strstr(d.hint, "the session begun at line 22 is not ended") != NULL, "%s", d.hint);
}

Test(diag, every_line_of_the_reason_is_kept_and_the_slice_size_named)
{
	diagnose("slice_past_end",
		 "libbpf: prog 'slice_past_end': -- BEGIN PROG LOAD LOG --\n"
		 "; r = p[16];	/* HERE */\n"
		 "17: (71) r7 = *(u8 *)(r0 +16)\n"
		 "invalid access to memory, mem_size=16 off=16 size=1\n"
		 "R0 min value is outside of the allowed memory range\n"
		 "processed 22 insns (limit 1000000)\n"
		 "-- END PROG LOAD LOG --\n");
	cr_assert(eq(str, d.reason, "invalid access to memory, mem_size=16 off=16 size=1; "
		     "R0 min value is outside of the allowed memory range"));
	cr_assert(eq(u32, d.line, 30), "line %u", d.line);
	cr_assert(strstr(d.hint, "bytes 16..16 are outside the 16-byte slice") != NULL, "%s", d.hint);
}

Test(diag, a_second_end_is_use_after_end_not_a_missing_null_check)
{
	diagnose("end_twice",
		 "libbpf: prog 'end_twice': -- BEGIN PROG LOAD LOG --\n"
		 "; cosy_end(s, a);\n"
		 "7: (85) call cosy_session_end#95297\n"
		 "; cosy_end(s, a);	/* HERE */\n"
		 "42: (bf) r1 = r7                      ; R1_w=scalar(id=5) R7=scalar(id=5)\n"
		 "43: (85) call cosy_session_end#95297\n"
		 "arg#0 pointer type STRUCT cosy_session must point to scalar, or struct with scalar\n"
		 "processed 45 insns (limit 1000000)\n"
		 "-- END PROG LOAD LOG --\n");
	cr_assert(strstr(d.hint, "the session is used after cosy_end() at line 26") != NULL, "%s", d.hint);
	cr_assert(strstr(d.hint, "ended twice") != NULL, "%s", d.hint);
	cr_assert(eq(u32, d.line, 27), "line %u", d.line);
}

Test(diag, the_same_words_without_an_end_are_a_missing_null_check)
{
	diagnose("begin_no_null_check",
		 "libbpf: prog 'begin_no_null_check': -- BEGIN PROG LOAD LOG --\n"
		 "; fd = cosy_open(s, a->path_off, O_RDONLY, 0);	/* HERE */\n"
		 "6: (bf) r1 = r8                       ; R1_w=ptr_or_null_cosy_session(id=2)\n"
		 "9: (85) call cosy_open#95342\n"
		 "arg#0 pointer type STRUCT cosy_session must point to scalar, or struct with scalar\n"
		 "-- END PROG LOAD LOG --\n");
	cr_assert(strstr(d.hint, "cosy_begin() returns NULL") != NULL, "%s", d.hint);
	cr_assert(eq(u32, d.line, 25), "line %u", d.line);
}

Test(diag, a_global_function_is_named_at_its_signature)
{
	diagnose("global_function_session",
		 "libbpf: prog 'global_function_session': -- BEGIN PROG LOAD LOG --\n"
		 "Validating count() func#1...\n"
		 "; __attribute__((noinline)) int count(struct cosy_session *s)	/* HERE */ @ global_function_session.bpf.c:19\n"
		 "47: (b7) r0 = 0                       ; R0_w=0\n"
		 "; return s ? cosy_check(s) : 0; @ global_function_session.bpf.c:21\n"
		 "48: (15) if r1 == 0x0 goto pc+1       ; R1=mem(sz=8)\n"
		 "49: (85) call cosy_check#107032\n"
		 "arg#0 pointer type STRUCT cosy_session must point to scalar, or struct with scalar\n"
		 "-- END PROG LOAD LOG --\n");
	cr_assert(strstr(d.hint, "count() is given the session or a cosy_data() pointer but is not static") != NULL, "%s", d.hint);
	cr_assert(eq(u32, d.line, 19), "line %u", d.line);
}

Test(diag, a_global_function_verified_earlier_is_not_blamed)
{
	diagnose("begin_no_null_check",
		 "libbpf: prog 'begin_no_null_check': -- BEGIN PROG LOAD LOG --\n"
		 "Validating count() func#1...\n"
		 "47: (b7) r0 = 0                       ; R0_w=0\n"
		 "; fd = cosy_open(s, a->path_off, O_RDONLY, 0);	/* HERE */\n"
		 "9: (85) call cosy_open#95342\n"
		 "Possibly NULL pointer passed to trusted arg0\n"
		 "-- END PROG LOAD LOG --\n");
	cr_assert(strstr(d.hint, "cosy_begin() returns NULL") != NULL, "%s", d.hint);
}

Test(diag, state_dumps_are_not_part_of_the_reason)
{
	diagnose("loop_forever",
		 "libbpf: prog 'loop_forever': -- BEGIN PROG LOAD LOG --\n"
		 "; while (spin)	/* HERE */ @ loop_forever.bpf.c:27\n"
		 "6: (61) r1 = *(u32 *)(r10 -8)\n"
		 "infinite loop detected at insn 7\n"
		 "cur state: R0=ptr_cosy_session(ref_obj_id=2) R1_w=1\n"
		 "old state: R0_w=ptr_cosy_session(ref_obj_id=2) R1_rw=P1\n"
		 "processed 10 insns (limit 1000000)\n"
		 "-- END PROG LOAD LOG --\n");
	cr_assert(eq(str, d.reason, "infinite loop detected at insn 7"));
	cr_assert(strstr(d.hint, "never ends") != NULL, "%s", d.hint);
	cr_assert(eq(u32, d.line, 27), "line %u", d.line);
}

Test(diag, an_unknown_reason_keeps_the_verifiers_words_and_no_hint)
{
	diagnose("slice_past_end",
		 "libbpf: prog 'slice_past_end': -- BEGIN PROG LOAD LOG --\n"
		 "; r = p[16];	/* HERE */\n"
		 "17: (71) r7 = *(u8 *)(r0 +16)\n"
		 "something no kernel says yet\n"
		 "-- END PROG LOAD LOG --\n");
	cr_assert(eq(str, d.reason, "something no kernel says yet"));
	cr_assert(eq(str, d.hint, ""));
	cr_assert(eq(u32, d.line, 30));
}

Test(diag, a_missing_kfunc_is_found_where_it_is_called)
{
	char path[512];
	size_t size = 0;
	void *elf;

	snprintf(path, sizeof(path), "%s/kfunc_unknown.bpf.o", COSY_TEST_DIAG_DIR);
	elf = cosy_read_file(path, &size);
	cr_assert(elf != NULL);
	cr_assert(eq(int, cosy_diagnose_call("cosy_frobnicate", elf, size, &d), 0));
	cr_assert(eq(u32, d.line, 29), "line %u", d.line);
	cr_assert(eq(int, cosy_diagnose_call("cosy_nowhere", elf, size, &d), -ENOENT));
	free(elf);
}

Test(diag, a_truncated_object_is_refused_not_read_past)
{
	char path[512];
	size_t size = 0;
	void *elf;
	size_t cut;

	snprintf(path, sizeof(path), "%s/kfunc_unknown.bpf.o", COSY_TEST_DIAG_DIR);
	elf = cosy_read_file(path, &size);
	cr_assert(elf != NULL);
	for (cut = 0; cut < size; cut += size / 97 + 1)
		cr_assert(eq(int, cosy_diagnose_call("cosy_frobnicate", elf, cut, &d), -ENOENT));
	free(elf);
}

Test(diag, a_global_function_is_named_from_the_call_on_7x)
{
	diagnose("global_function_session",
		 "libbpf: prog 'global_function_session': -- BEGIN PROG LOAD LOG --\n"
		 "; r = count(s); @ global_function_session.bpf.c:32\n"
		 "10: (bf) r1 = r8                      ; R1=trusted_ptr_cosy_session(id=2)\n"
		 "11: (85) call pc+35\n"
		 "only read is supported\n"
		 "Caller passes invalid args into func#1 ('count')\n"
		 "processed 16 insns (limit 1000000)\n"
		 "-- END PROG LOAD LOG --\n");
	cr_assert(strstr(d.hint, "count() is given the session") != NULL, "%s", d.hint);
	cr_assert(eq(u32, d.line, 19), "line %u", d.line);
}

Test(diag, a_global_function_is_named_at_its_signature_on_61)
{
	diagnose("global_function_session",
		 "libbpf: prog 'global_function_session': -- BEGIN PROG LOAD LOG --\n"
		 "Validating count() func#1...\n"
		 "47: R1=mem_or_null(id=2,off=0,imm=0) R10=fp0\n"
		 "; __attribute__((noinline)) int count(struct cosy_session *s)	/* HERE */\n"
		 "47: (b7) r0 = 0                       ; R0_w=0\n"
		 "; return s ? cosy_check(s) : 0;\n"
		 "48: (15) if r1 == 0x0 goto pc+1       ; R1=mem(off=0,imm=0)\n"
		 "; return s ? cosy_check(s) : 0;\n"
		 "49: (85) call cosy_check#95293\n"
		 "arg#0 pointer type STRUCT cosy_session must point to scalar, or struct with scalar\n"
		 "processed 3 insns (limit 1000000) max_states_per_insn 0 total_states 0\n"
		 "-- END PROG LOAD LOG --\n");
	cr_assert(strstr(d.hint, "count() is given the session") != NULL, "%s", d.hint);
	cr_assert(eq(u32, d.line, 19), "line %u", d.line);
}

Test(diag, a_reason_of_state_dumps_only_is_still_a_reason)
{
	diagnose("loop_forever",
		 "libbpf: prog 'loop_forever': -- BEGIN PROG LOAD LOG --\n"
		 "6: (61) r1 = *(u32 *)(r10 -8)\n"
		 "cur state: R0=ptr_cosy_session(ref_obj_id=2) R1_w=1\n"
		 "-- END PROG LOAD LOG --\n");
	cr_assert(eq(str, d.reason, "cur state: R0=ptr_cosy_session(ref_obj_id=2) R1_w=1"));
}
