// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* A compound embedded in the application (no .bpf.o on disk). */
#include <stdlib.h>
#include <unistd.h>

#include "testlib.h"
#include "cp.h"

/* The object, linked in; COSY_CP_OBJ is its build path (see tests/build.mk). */
__asm__(".section .rodata\n"
	".balign 8\n"
	".global cp_obj_start\n"
	"cp_obj_start:\n"
	".incbin \"" COSY_CP_OBJ "\"\n"
	".global cp_obj_end\n"
	"cp_obj_end:\n"
	".previous\n");
extern const char cp_obj_start[], cp_obj_end[];

TL_CASE(open_mem_runs_the_embedded_compound)
{
	COSY_OPTS(cosy_open_opts, oo, .name = "cp-embedded");
	COSY_OPTS(cosy_run_opts, ro);
	struct cp_args a = { .src_off = 0, .dst_off = 64, .buf_off = 4096, .chunk = 4096,
			     .mode = 0600 };
	struct cosy_compound *c;
	char *seg;

	TL_EQ(tl_make_file("in", 12345, 9), 0);
	c = cosy_compound__open_mem(cp_obj_start, cp_obj_end - cp_obj_start, &oo);
	TL_CHECK(c != NULL, "open_mem: %s", strerror(errno));
	TL_EQ(cosy_compound__seg_size(c), CP_SEG_SIZE);
	TL_EQ(cosy_compound__args_size(c, "cp"), sizeof(struct cp_args));
	seg = cosy_compound__data(c, NULL);
	strcpy(seg, "in");
	strcpy(seg + 64, "out");
	TL_EQ(cosy_compound__run(c, "cp", &a, sizeof(a), &ro), 0);
	TL_EQ(ro.retval, 0);
	TL_EQ(a.copied, 12345);
	TL_EQ(tl_cmp_files("in", "out"), 0);
	/* The wrong args size is refused before the kernel sees it. */
	TL_EQ(cosy_compound__run(c, "cp", &a, sizeof(a) - 8, &ro), -EINVAL);
	TL_EQ(cosy_compound__run(c, "nosuchentry", &a, sizeof(a), &ro), -ENOENT);
	cosy_compound__close(c);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
