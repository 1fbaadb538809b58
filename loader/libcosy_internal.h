/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
#ifndef COSY_LIBCOSY_INTERNAL_H
#define COSY_LIBCOSY_INTERNAL_H

#include <stddef.h>
#include <cosy/cosy.h>

/*
 * Opts structs: a caller built against an older header passes a smaller sz;
 * a newer caller's extra fields must be zero (we would ignore them).
 */
static inline int cosy_opts_valid(const void *opts, size_t known)
{
	size_t i, sz;

	if (!opts)
		return 1;
	sz = *(const size_t *)opts;
	if (sz < sizeof(size_t))
		return 0;
	for (i = known; i < sz; i++)
		if (((const char *)opts)[i])
			return 0;
	return 1;
}

#define COSY_OPTS_KNOWN(type)							\
	(offsetof(struct type, type##__last_field) +				\
	 sizeof(((struct type *)0)->type##__last_field))
#define COSY_OPTS_VALID(opts, type)						\
	cosy_opts_valid(opts, COSY_OPTS_KNOWN(type))
#define COSY_OPTS_HAS(opts, field)						\
	((opts) && (opts)->sz >= offsetof(__typeof__(*(opts)), field) +	\
				 sizeof((opts)->field))
#define COSY_OPTS_GET(opts, field, fallback)					\
	(COSY_OPTS_HAS(opts, field) ? (opts)->field : (fallback))
#define COSY_OPTS_SET(opts, field, value)					\
	do {									\
		if (COSY_OPTS_HAS(opts, field))					\
			(opts)->field = (value);				\
	} while (0)

__attribute__((format(printf, 2, 3)))
void cosy_pr(enum cosy_print_level level, const char *fmt, ...);

#endif
