// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wc -l over its arguments, its work in a helper that takes the path:
 * count_lines(argv[i]) in the region's loop, count_lines(first) with a
 * string from before the region, count_lines("/dev/null") with a literal,
 * count_lines(argc > 3 ? argv[3] : "/dev/null") with a string the host
 * computes; a missing file reported by the helper's caller and skipped; a
 * header before the first count, chosen by ?: with a side effect.
 *
 * usage: linecount FILE...
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

/* the newlines of the file at path, or -1 if it cannot be read */
static long count_lines(const char *path)
{
	char buf[4096];
	long n, k = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (long i = 0; i < n; i++)
			k += buf[i] == '\n';
	close(fd);
	return n < 0 ? -1 : k;
}

int main(int argc, char **argv)
{
	const char *first = argc > 1 ? argv[1] : "/dev/null";
	long total = 0, once, third, null;
	int missing = 0, shown = 0;

	COSY_START(linecount)
	once = count_lines(first);
	third = count_lines(argc > 3 ? argv[3] : "/dev/null");
	null = count_lines("/dev/null");
	for (int i = 1; i < argc; i++) {
		long k = count_lines(argv[i]);

		if (k < 0) {
			fprintf(stderr, "linecount: %s: cannot read\n", argv[i]);
			missing++;
			continue;
		}
		printf("%s%7ld %s\n", shown++ ? "" : "  lines file\n", k, argv[i]);
		total += k;
	}
	COSY_END()
	printf("%7ld total (first %ld, third %ld, null %ld, %d missing)\n", total, once, third,
	       null, missing);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return missing ? 1 : 0;
}
