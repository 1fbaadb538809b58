// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

int arg_parse(const char *s, struct arg *a, const char **why)
{
	const char *eq = strchr(s, '=');
	size_t n = eq ? (size_t)(eq - s) : 0;
	const char *v;
	char *end;
	size_t i;

	memset(a, 0, sizeof(*a));
	if (!eq || n == 0) {
		*why = "expected FIELD=VALUE";
		return -EINVAL;
	}
	if (n >= sizeof(a->field)) {
		*why = "field name too long";
		return -EINVAL;
	}
	for (i = 0; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_')) {
			*why = "field names are C identifiers";
			return -EINVAL;
		}
	memcpy(a->field, s, n);
	v = eq + 1;
	if (!strncmp(v, "str:", 4)) {
		a->kind = ARG_STR;
		a->text = v + 4;
		return 0;
	}
	if (!strncmp(v, "file:", 5)) {
		a->kind = ARG_FILE;
		a->text = v + 5;
		if (!*a->text) {
			*why = "file: needs a path";
			return -EINVAL;
		}
		return 0;
	}
	if (!*v) {
		*why = "missing value (an integer, str:TEXT or file:PATH)";
		return -EINVAL;
	}
	errno = 0;
	if (*v == '-')
		a->value = strtoll(v, &end, 0);
	else
		a->value = (int64_t)strtoull(v, &end, 0);
	if (errno || *end) {
		*why = "not an integer (or str:TEXT, file:PATH)";
		return -EINVAL;
	}
	a->kind = ARG_INT;
	return 0;
}

int arg_fits(int64_t v, size_t size, int is_signed)
{
	if (size >= 8)
		return 1;
	if (is_signed) {
		int64_t lim = (int64_t)1 << (size * 8 - 1);

		return v >= -lim && v < lim;
	}
	/* unsigned fields also take -1 style all-ones values? No: be strict. */
	return v >= 0 && (uint64_t)v < ((uint64_t)1 << (size * 8));
}
