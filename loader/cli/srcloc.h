/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Turn a verifier rejection into "file:line:col: reason": the 6.1 verifier
 * prints the source *text* of the failing line ("; r = cosy_read(...)"),
 * the object's .BTF.ext line info maps that text back to file and line.
 */
#ifndef COSY_SRCLOC_H
#define COSY_SRCLOC_H

#include <stddef.h>

struct srcloc {
	char prog[128];		/* the rejected program */
	char reason[512];	/* the verifier's last word */
	char text[512];		/* source text of the failing line, if printed */
	long insn;		/* index of the last instruction shown, or -1 */
	char file[512];		/* resolved from line info ... */
	unsigned line, col;	/* ... 0 if not found */
};

/* Fill prog/reason/text/insn from a libbpf load log; 0 or -ENOENT. */
int srcloc_parse_log(const char *log, struct srcloc *loc);

/* Fill file/line/col from the object's line info; 0 or -errno. */
int srcloc_lookup(const char *obj_path, struct srcloc *loc);

#endif
