// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* cosy-load's pure parts: FIELD=VALUE parsing, the JSON writer, log parsing. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <errno.h>
#include <stdlib.h>

#include "cli/args.h"
#include "cli/json.h"
#include "libcosy_internal.h"

Test(args, integers_in_every_base)
{
	struct arg a;
	const char *why;

	cr_assert(eq(int, arg_parse("chunk=4096", &a, &why), 0));
	cr_assert(eq(str, a.field, "chunk"));
	cr_assert(eq(int, a.kind, ARG_INT));
	cr_assert(eq(i64, a.value, 4096));
	cr_assert(eq(int, arg_parse("mode=0644", &a, &why), 0));
	cr_assert(eq(i64, a.value, 0644));
	cr_assert(eq(int, arg_parse("x=0x10", &a, &why), 0));
	cr_assert(eq(i64, a.value, 16));
	cr_assert(eq(int, arg_parse("fd=-1", &a, &why), 0));
	cr_assert(eq(i64, a.value, -1));
}

Test(args, strings_and_files)
{
	struct arg a;
	const char *why;

	cr_assert(eq(int, arg_parse("src_off=str:a=b c", &a, &why), 0));
	cr_assert(eq(int, a.kind, ARG_STR));
	cr_assert(eq(str, (char *)a.text, "a=b c"));
	cr_assert(eq(int, arg_parse("p=str:", &a, &why), 0));	/* "" is a string */
	cr_assert(eq(int, arg_parse("data_off=file:/etc/hostname", &a, &why), 0));
	cr_assert(eq(int, a.kind, ARG_FILE));
	cr_assert(eq(str, (char *)a.text, "/etc/hostname"));
}

Test(args, malformed_input_is_refused_with_a_reason)
{
	struct arg a;
	const char *why = NULL;

	cr_assert(eq(int, arg_parse("chunk", &a, &why), -EINVAL));
	cr_assert(eq(str, (char *)why, "expected FIELD=VALUE"));
	cr_assert(eq(int, arg_parse("=5", &a, &why), -EINVAL));
	cr_assert(eq(int, arg_parse("chunk=", &a, &why), -EINVAL));
	cr_assert(eq(int, arg_parse("chunk=12k", &a, &why), -EINVAL));
	cr_assert(eq(int, arg_parse("a-b=1", &a, &why), -EINVAL));
	cr_assert(eq(int, arg_parse("f=file:", &a, &why), -EINVAL));
	cr_assert(eq(int, arg_parse("x=99999999999999999999", &a, &why), -EINVAL));
}

Test(args, values_must_fit_their_field)
{
	cr_assert(arg_fits(255, 1, 0));
	cr_assert_not(arg_fits(256, 1, 0));
	cr_assert_not(arg_fits(-1, 4, 0));
	cr_assert(arg_fits(-128, 1, 1));
	cr_assert_not(arg_fits(128, 1, 1));
	cr_assert(arg_fits(0xffffffffLL, 4, 0));
	cr_assert_not(arg_fits(0x100000000LL, 4, 0));
	cr_assert(arg_fits(-1, 8, 0));	/* 64-bit: any bit pattern */
}

static char *render(void (*fn)(struct jw *), bool pretty)
{
	static char buf[1024];
	FILE *f = fmemopen(buf, sizeof(buf), "w");
	struct jw w;

	jw_init(&w, f, pretty);
	fn(&w);
	jw_end(&w);
	fclose(f);
	return buf;
}

static void doc(struct jw *w)
{
	jw_obj_open(w);
	jw_kstr(w, "name", "c\"p\n");
	jw_kint(w, "retval", -2);
	jw_key(w, "entries");
	jw_arr_open(w);
	jw_uint(w, 1);
	jw_bool(w, true);
	jw_null(w);
	jw_arr_close(w);
	jw_key(w, "empty");
	jw_obj_open(w);
	jw_obj_close(w);
	jw_obj_close(w);
}

Test(json, compact_document)
{
	cr_assert(eq(str, render(doc, false),
		     "{\"name\":\"c\\\"p\\n\",\"retval\":-2,\"entries\":[1,true,null],\"empty\":{}}\n"));
}

Test(json, pretty_document)
{
	cr_assert(eq(str, render(doc, true),
		     "{\n  \"name\": \"c\\\"p\\n\",\n  \"retval\": -2,\n  \"entries\": [\n"
		     "    1,\n    true,\n    null\n  ],\n  \"empty\": {}\n}\n"));
}

static void ctrl(struct jw *w)
{
	jw_str(w, "a\x01\tb");
}

Test(json, control_characters_are_escaped)
{
	cr_assert(eq(str, render(ctrl, false), "\"a\\u0001\\tb\"\n"));
}

static const char log_sample[] =
	"libbpf: prog 'no_session_end': BPF program load failed: Invalid argument\n"
	"libbpf: prog 'no_session_end': -- BEGIN PROG LOAD LOG --\n"
	"0: R1=ctx(off=0,imm=0) R10=fp0\n"
	"; struct cosy_session *s = cosy_begin(a);\n"
	"0: (bf) r6 = r1                       ; R1=ctx(off=0,imm=0) R6_w=ctx(off=0,imm=0)\n"
	"; return fd;\n"
	"13: (95) exit\n"
	"Unreleased reference id=2 alloc_insn=2\n"
	"processed 19 insns (limit 1000000) max_states_per_insn 0 total_states 1\n"
	"-- END PROG LOAD LOG --\n"
	"libbpf: failed to load program 'no_session_end'\n";

Test(diag, the_reason_text_and_insn_come_from_the_log)
{
	struct cosy_diag loc;

	cr_assert(eq(int, cosy_diag_parse_log(log_sample, &loc), 0));
	cr_assert(eq(str, loc.prog, "no_session_end"));
	cr_assert(eq(str, loc.reason, "Unreleased reference id=2 alloc_insn=2"));
	cr_assert(eq(str, loc.text, "return fd;"));
	cr_assert(eq(long, loc.insn, 13));
}

/* 6.12's log: source lines end with " @ FILE:LINE". */
static const char log_sample_612[] =
	"libbpf: prog 'no_session_end': -- BEGIN PROG LOAD LOG --\n"
	"; struct cosy_session *s = cosy_begin(a); @ no_session_end.bpf.c:11\n"
	"0: (bf) r6 = r1                       ; R1=ctx() R6_w=ctx()\n"
	"; if (x @ y) return fd; @ no_session_end.bpf.c:19\n"
	"13: (95) exit\n"
	"Unreleased reference id=2 alloc_insn=2\n"
	"-- END PROG LOAD LOG --\n";

Test(diag, a_trailing_file_and_line_is_not_source_text)
{
	struct cosy_diag loc;

	cr_assert(eq(int, cosy_diag_parse_log(log_sample_612, &loc), 0));
	cr_assert(eq(str, loc.text, "if (x @ y) return fd;"));
	cr_assert(eq(str, loc.reason, "Unreleased reference id=2 alloc_insn=2"));
	cr_assert(eq(long, loc.insn, 13));
}

/* 7.x's log: a summary, an explanation and a suggestion after the reason. */
static const char log_sample_7[] =
	"libbpf: prog 'p': -- BEGIN PROG LOAD LOG --\n"
	"; return cosy_check(s); @ session.bpf.c:76\n"
	"9: (85) call cosy_check#121281\n"
	"R1 is scalar expected STRUCT cosy_session\n"
	"\n"
	"Verification failed: Call Type Safety: Invalid call argument\n"
	"\n"
	"Reason:\n"
	"  The first argument (R1) to cosy_check does not satisfy the verifier contract\n"
	"Suggestion:\n"
	"  Pass a verifier-tracked pointer.\n"
	"\n"
	"processed 9 insns (limit 1000000) max_states_per_insn 0 total_states 1\n"
	"-- END PROG LOAD LOG --\n";

Test(diag, the_reason_comes_before_a_verification_failed_summary)
{
	struct cosy_diag loc;

	cr_assert(eq(int, cosy_diag_parse_log(log_sample_7, &loc), 0));
	cr_assert(eq(str, loc.reason, "R1 is scalar expected STRUCT cosy_session"));
	cr_assert(eq(str, loc.text, "return cosy_check(s);"));
	cr_assert(eq(long, loc.insn, 9));
}

Test(diag, no_verifier_log_is_enoent)
{
	struct cosy_diag loc;

	cr_assert(eq(int, cosy_diag_parse_log("libbpf: failed to open\n", &loc), -ENOENT));
}
