/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * cosy-load run's arguments: FIELD=VALUE pairs set members of the entry's
 * args struct, found by name in its BTF.  VALUE is an integer (decimal,
 * 0x hex, 0 octal, negative), str:TEXT (a NUL-terminated string placed in
 * the segment; the field gets its offset) or file:PATH (the file's bytes
 * placed in the segment; the field gets their offset).
 */
#ifndef COSY_CLI_ARGS_H
#define COSY_CLI_ARGS_H

#include <stddef.h>
#include <stdint.h>

enum arg_kind {
	ARG_INT,
	ARG_STR,
	ARG_FILE,
};

struct arg {
	char field[128];
	enum arg_kind kind;
	int64_t value;		/* ARG_INT */
	const char *text;	/* ARG_STR: the text, ARG_FILE: the path */
};

/* Parse one FIELD=VALUE; 0 or -EINVAL with *why set to a message. */
int arg_parse(const char *s, struct arg *a, const char **why);

/* Does v fit a field of `size` bytes (signed or not)? */
int arg_fits(int64_t v, size_t size, int is_signed);

#endif
