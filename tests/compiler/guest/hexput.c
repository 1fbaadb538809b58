// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A hex dump through put(c) and flush_out(): helpers that write a global
 * buffer and its count and call write(2) when it fills, each called as a
 * statement of its own, so cosy-cc inlines them effects and all.  The
 * output must be the plain build's byte for byte, the flush count too.
 *
 * usage: hexput FILE
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static char out[4096];
static int nout;
static long flushes;

static void flush_out(void)
{
	if (nout > 0) {
		if (write(1, out, nout) != nout)
			flushes = -1000000;
		flushes++;
	}
	nout = 0;
}

static void put(int c)
{
	out[nout++] = c;
	if (nout == sizeof(out))
		flush_out();
}

static void reset(void)
{
	memset(out, 0, sizeof(out));
	nout = 0;
}

int main(int argc, char **argv)
{
	char buf[1000];
	long n, i;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	COSY_START(hexput)
	reset();
	fd = open(argv[1], O_RDONLY);
	if (fd >= 0) {
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			for (i = 0; i < n; i++) {
				put("0123456789abcdef"[(buf[i] >> 4) & 15]);
				put("0123456789abcdef"[buf[i] & 15]);
				if ((i & 31) == 31)
					put('\n');
			}
		close(fd);
	}
	flush_out();
	COSY_END()
	fprintf(stderr, "flushes %ld\n", flushes);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return fd < 0;
}
