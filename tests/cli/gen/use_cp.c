// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * An application of the cp skeleton, as small as it gets: gen.t builds it
 * with -Wall -Wextra -Werror (tests/kernel/t_skel.c runs one in the guest).
 *
 *	cosy-load gen skeleton cp.bpf.o > cp.skel.h
 *	cc use_cp.c $(pkg-config --cflags --libs libcosy)
 */
#include <stdio.h>
#include <string.h>

#include "cp.skel.h"

int main(int argc, char **argv)
{
	struct cp_args a = { .chunk = 4096, .mode = 0644 };
	COSY_OPTS(cosy_run_opts, ro);
	struct cp_skel *cp;
	int err;

	if (argc != 3)
		return 2;
	cp = cp__open(NULL);
	if (!cp)
		return 1;
	err = cp__set_src_str(cp, argv[1]);
	if (!err)
		err = cp__set_dst_str(cp, argv[2]);
	if (!err)
		err = cp__run_cp(cp, &a, &ro);
	if (!err)
		err = ro.retval;
	if (err)
		fprintf(stderr, "cp: %s\n", strerror(-err));
	cp__destroy(cp);
	return err ? 1 : 0;
}
