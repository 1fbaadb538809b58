// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * rot13 IN OUT, as tr(1) would do it with a table: the bytes of IN
 * through a 256-byte map built before the region, written to OUT, and
 * perror() where a call fails.  A region that reports to stderr, which
 * check mode therefore puts back where the compound began: what cosy says
 * of the run (COSY_VERBOSE=1, "yielded N times") must not be under what
 * the program prints to stderr after it.
 *
 * usage: rot13 IN OUT
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	unsigned char map[256], buf[8192];
	int i;

	if (argc != 3) {
		fprintf(stderr, "usage: %s IN OUT\n", argv[0]);
		return 2;
	}
	for (i = 0; i < 256; i++)
		map[i] = (unsigned char)i;
	for (i = 0; i < 26; i++) {
		map['a' + i] = (unsigned char)('a' + (i + 13) % 26);
		map['A' + i] = (unsigned char)('A' + (i + 13) % 26);
	}
	COSY_START(rot)
	int in = open(argv[1], O_RDONLY), out;
	ssize_t n;

	if (in < 0) {
		perror(argv[1]);
		return 1;
	}
	out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0) {
		perror(argv[2]);
		close(in);
		return 1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t k = 0; k < n; k++)
			buf[k] = map[buf[k]];
		if (write(out, buf, (size_t)n) != n) {
			perror("write");
			close(in);
			close(out);
			return 1;
		}
	}
	if (n < 0) {
		perror(argv[1]);
		close(in);
		close(out);
		return 1;
	}
	close(in);
	close(out);
	COSY_END()
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
