// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * libFuzzer target for cosy-cc's front end: each input is a C file, run
 * through everything cosy-cc does before it calls a compiler: libclang's
 * parse, region finding, the IR (where refusals are made), the analysis and
 * both emitters.  A crash, a hang or a sanitizer report is a bug; a refusal
 * is the right answer to most inputs.  make fuzz-cosycc builds and runs it
 * with the lower/ and reject/ cases of tests/compiler as the seed corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "../cosycc.h"

#ifndef FUZZ_RESOURCE_DIR
#error "build with -DFUZZ_RESOURCE_DIR=\"$(clang -print-resource-dir)\""
#endif

static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "/tmp/cosy-fuzz-%d.c", (int)getpid());
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct argv args = { 0 };
	struct unit *u;

	if (write_file(path, (const char *)data, size))
		return 0;
	av_push(&args, "-xc");
	av_push(&args, "-I" FUZZ_TREE "/include");
	av_push(&args, "-I" FUZZ_TREE "/compiler/runtime");
	av_push(&args, "-D__COSY_CC__=1");
	av_push(&args, "-resource-dir");
	av_push(&args, FUZZ_RESOURCE_DIR);
	u = unit_parse(path, &args, false);
	av_free(&args);
	if (!u)
		return 0;
	if (unit_find_regions(u) >= 0) {
		for (unsigned i = 0; i < u->nregions; i++)
			if (ir_build(u, u->regions[i]) == 0)
				analyze_region(u, u->regions[i]);
		if (!u->errors && u->nregions) {
			struct sbuf bpf = { 0 }, host = { 0 };
			char **objs = xcalloc(u->nregions, sizeof(*objs));

			for (unsigned i = 0; i < u->nregions; i++) {
				emit_bpf(u, u->regions[i], &bpf);
				objs[i] = "/dev/null";
			}
			emit_host(u, objs, &host);
			sb_free(&bpf);
			sb_free(&host);
			free(objs);
		}
	}
	unit_free(u);
	return 0;
}
