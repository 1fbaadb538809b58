/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* cosy-load gen skeleton: a typed C header for one compound object. */
#ifndef COSY_CLI_GEN_H
#define COSY_CLI_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Write the skeleton of the compound object at `path` to `out`: its
 * entries' args structs, its segment slots, and open/run/destroy functions
 * around libcosy, with the object's bytes embedded.  `name` (a C
 * identifier) prefixes everything; NULL: the file's name without .bpf.o.
 * Returns 0, or -errno with a message naming the object in `err`; nothing
 * is written to `out` on failure.
 */
int gen_skeleton(FILE *out, const char *path, const char *name, char *err, size_t errsz);

/* Is s a C identifier (what `name` must be)? */
bool gen_is_ident(const char *s);

#endif
