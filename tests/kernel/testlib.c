// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <unistd.h>

#include "testlib.h"

struct tl_case tl_cases[TL_MAX_CASES];
int tl_ncases;

struct tl_loaded {
	char name[64];
	struct cosy_compound *c;
};

static struct tl_loaded tl_loaded[8];
static int tl_load_fds;	/* fds held by loaded compounds */

struct cosy_compound *tl_compound(const char *name)
{
	const char *dir = getenv("COSY_BPF_DIR");
	char path[512];
	int i, before;

	for (i = 0; i < 8 && tl_loaded[i].c; i++)
		if (!strcmp(tl_loaded[i].name, name))
			return tl_loaded[i].c;
	if (i == 8)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s.bpf.o", dir ? dir : ".", name);
	before = tl_fd_count();
	tl_loaded[i].c = cosy_compound__open_file(path, NULL);
	/* The object's prog and map fds stay open for the process: not a leak. */
	tl_load_fds += tl_fd_count() - before;
	if (!tl_loaded[i].c) {
		printf("#   cannot load %s: %s\n", path, strerror(errno));
		return NULL;
	}
	snprintf(tl_loaded[i].name, sizeof(tl_loaded[i].name), "%s", name);
	return tl_loaded[i].c;
}

int tl_fd_count(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;	/* opendir's own fd */
}

int tl_make_file(const char *path, size_t size, unsigned seed)
{
	static char buf[65536];
	unsigned x = seed * 2654435761u + 1;
	size_t done = 0, i, n;
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -errno;
	while (done < size) {
		n = size - done < sizeof(buf) ? size - done : sizeof(buf);
		for (i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = x >> 16;
		}
		if (write(fd, buf, n) != (ssize_t)n) {
			err = -EIO;
			break;
		}
		done += n;
	}
	if (close(fd) && !err)
		err = -errno;
	return err;
}

int tl_cmp_files(const char *a, const char *b)
{
	static char ba[65536], bb[65536];
	int fa = open(a, O_RDONLY), fb = open(b, O_RDONLY), ret = -1;
	long long off = 0;
	ssize_t ra, rb;

	if (fa < 0 || fb < 0) {
		printf("#   cmp: cannot open %s or %s\n", a, b);
		goto out;
	}
	for (;;) {
		ra = read(fa, ba, sizeof(ba));
		rb = read(fb, bb, sizeof(bb));
		if (ra != rb || (ra > 0 && memcmp(ba, bb, ra))) {
			printf("#   cmp: %s and %s differ in the block at %lld\n", a, b, off);
			goto out;
		}
		if (ra <= 0)
			break;
		off += ra;
	}
	ret = ra < 0 ? -1 : 0;
out:
	if (fa >= 0)
		close(fa);
	if (fb >= 0)
		close(fb);
	return ret;
}

/* Messages from libcosy/libbpf: keep warnings visible, prefixed as TAP comments. */
static int tl_print(enum cosy_print_level level, const char *fmt, va_list ap)
{
	if (level == COSY_DEBUG)
		return 0;
	printf("#   ");
	return vprintf(fmt, ap);
}

int tl_main(int argc, char **argv)
{
	/* TL_ONLY (vm.sh passes it on): one case that crashes the guest at a time. */
	const char *only = getenv("TL_ONLY");
	int i, failed = 0, ran = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	cosy_set_print(tl_print);
	if (access("/sys/kernel/btf/cosy", F_OK)) {
		printf("# cosy module (with BTF) not loaded: skip\n");
		return 77;
	}
	for (i = 0; i < tl_ncases; i++) {
		const struct tl_case *tc = &tl_cases[i];
		int before, after, r;

		if (argc > 1 && fnmatch(argv[1], tc->name, 0))
			continue;
		if (only && *only && fnmatch(only, tc->name, 0))
			continue;
		before = tl_fd_count() - tl_load_fds;
		r = tc->fn();
		after = tl_fd_count() - tl_load_fds;
		if (!r && !tc->fd_change_ok && before != after) {
			printf("#   fd count %d before, %d after: leaked fds\n", before, after);
			r = 1;
		}
		printf("%s %d %s\n", r ? "not ok" : "ok", ++ran, tc->name);
		failed += !!r;
	}
	printf("# %d cases, %d failed\n", ran, failed);
	return failed ? 1 : ran ? 0 : 77;
}
