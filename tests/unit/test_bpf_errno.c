// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The errno values <cosy/cosy.bpf.h> gives compounds (vmlinux.h has no
 * macros): each must be the C library's value for its name, each must be
 * guarded by its own #ifndef, and every errno the guard itself decides on
 * (guard.h) must be there.  The header cannot be compiled for the host
 * (bpf_helpers.h), so it is read as text.
 */
#define _GNU_SOURCE	/* strerrorname_np() */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdio.h>
#include <string.h>

#include <cosy/guard.h>

#define MAX_DEFS 128

struct def {
	char name[32];
	int value;
	bool guarded;	/* the line before is #ifndef NAME */
};

static int read_defs(struct def *d)
{
	char line[512], prev[512] = "";
	FILE *f = fopen(COSY_SRC_TREE "/include/cosy/cosy.bpf.h", "r");
	int n = 0;

	cr_assert(f != NULL, "cannot open cosy.bpf.h");
	while (fgets(line, sizeof(line), f) && n < MAX_DEFS) {
		char name[32], guard[64];
		int v;

		if (sscanf(line, "#define %31[A-Z0-9] %d", name, &v) == 2 && name[0] == 'E') {
			snprintf(d[n].name, sizeof(d[n].name), "%s", name);
			d[n].value = v;
			d[n].guarded = sscanf(prev, "#ifndef %63s", guard) == 1 && !strcmp(guard, name);
			n++;
		}
		memcpy(prev, line, sizeof(prev));
	}
	fclose(f);
	return n;
}

static const struct def *find(const struct def *d, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(d[i].name, name))
			return &d[i];
	return NULL;
}

Test(bpf_errno, values_are_the_c_librarys)
{
	struct def d[MAX_DEFS];
	int n = read_defs(d);

	cr_assert(gt(int, n, 20), "only %d errno macros found in cosy.bpf.h", n);
	for (int i = 0; i < n; i++) {
		const char *want = strerrorname_np(d[i].value);

		cr_expect(want && !strcmp(want, d[i].name), "cosy.bpf.h: %s is %d, which is %s",
			  d[i].name, d[i].value, want ? want : "no errno");
		cr_expect(d[i].guarded, "cosy.bpf.h: %s is not inside its own #ifndef %s",
			  d[i].name, d[i].name);
	}
}

Test(bpf_errno, every_stop_and_rule_errno_is_there)
{
	/* What the guard returns itself (guard.h, the kfuncs' own checks). */
	static const char *const need[] = {
		"ETIME", "EDQUOT", "EFBIG", "EINTR", "EPERM", "EFAULT", "ENAMETOOLONG",
		"ENOENT", "EBADF", "EMFILE", "ENOTDIR", "EOPNOTSUPP", "EAGAIN", "EINVAL",
		"EACCES", "E2BIG", "EPROTO", "ENOMEM", "ENODEV", "ESRCH", "EISDIR",
		"ESPIPE", "EPIPE", "ENXIO", "ENOTSOCK", "ENOSPC", "EIO",
	};
	struct def d[MAX_DEFS];
	int n = read_defs(d);

	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		cr_expect(find(d, n, need[i]) != NULL, "cosy.bpf.h lacks %s", need[i]);
	for (int why = COSY_STOP_NONE + 1; why < COSY_STOP__MAX; why++) {
		const char *name = strerrorname_np(-cosy_stop_errno(why));

		cr_expect(name && find(d, n, name), "stop %d: %s missing from cosy.bpf.h", why,
			  name ? name : "?");
	}
}
