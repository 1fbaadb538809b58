/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A small JSON writer for cosy-load: one document per run, snake_case keys,
 * optional pretty printing.  Misuse (closing what is not open, a value
 * where a key is due) is a programming error and asserted in tests.
 */
#ifndef COSY_JSON_H
#define COSY_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JW_MAX_DEPTH 16

struct jw {
	FILE *f;
	bool pretty;
	int depth;
	bool first[JW_MAX_DEPTH];	/* nothing written yet at this depth */
	bool in_obj[JW_MAX_DEPTH];
	bool key_pending;		/* a key was written; its value is due */
};

void jw_init(struct jw *w, FILE *f, bool pretty);
void jw_obj_open(struct jw *w);
void jw_obj_close(struct jw *w);
void jw_arr_open(struct jw *w);
void jw_arr_close(struct jw *w);
void jw_key(struct jw *w, const char *key);
void jw_str(struct jw *w, const char *s);
void jw_int(struct jw *w, int64_t v);
void jw_uint(struct jw *w, uint64_t v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
/* key + value in one */
void jw_kstr(struct jw *w, const char *key, const char *s);
void jw_kint(struct jw *w, const char *key, int64_t v);
void jw_kuint(struct jw *w, const char *key, uint64_t v);
void jw_kbool(struct jw *w, const char *key, bool v);
/* Finish the document (newline). */
void jw_end(struct jw *w);

#endif
