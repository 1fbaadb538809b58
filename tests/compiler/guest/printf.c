// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * printf() and its kin inside a region, as a user writes them: a report
 * line per file (widths, '-', every length modifier), an ls of a
 * directory through getdents64 (more than one stdout buffer of names), a
 * %s longer than the buffer, puts(), putchar(), fputs() and fprintf() to
 * stdout, non-ASCII bytes in a format, a grep -n (a printf() in a branch
 * of a byte loop: 6.1's verifier once gave up on it), and printf()s before
 * and after the region that must stay in order around it.
 *
 * usage: printf DIR FILE...
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

int main(int argc, char **argv)
{
	char buf[16384], dbuf[4096] __attribute__((aligned(8)));
	long n, lines, bytes, total = 0, entries = 0;
	int fd, dfd, i;
	struct linux_dirent64 *d;

	if (argc < 3) {
		fprintf(stderr, "usage: %s DIR FILE...\n", argv[0]);
		return 2;
	}
	printf("before the region: %d files\n", argc - 2);
	COSY_START(report)
	for (i = 2; i < argc; i++) {
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			printf("%-16s missing\n", argv[i]);
			/* widths from arguments, a negative one left-justifying */
			printf("[%*s|%-*s|%*s]\n", (int)i * 7 - 40, argv[i], (int)i * 3, argv[i], (int)i * 4,
			       argv[i]);
			continue;
		}
		lines = 0;
		bytes = 0;
		while ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
			bytes += n;
			for (long k = 0; k < n; k++)
				if (buf[k] == '\n')
					lines++;
		}
		close(fd);
		total += bytes;
		printf("%-16s|%8ld|%-6ld|%x|%X|%5d%%|%c\n", argv[i], bytes, lines,
		       (unsigned)bytes, (unsigned)lines, 0, lines ? 'L' : '-');
		fprintf(stdout, "  %+d % d %05d %hhd %hu %lu %lld %zu %u\n", (int)(bytes % 1000),
			(int)lines, (int)(lines % 100), (int)bytes, (int)bytes, (unsigned long)total,
			-(long long)bytes, (size_t)n, (unsigned)-1);
	}
	dfd = open(argv[1], O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		while ((n = getdents64(dfd, dbuf, sizeof(dbuf))) > 0) {
			for (long pos = 0; pos < n; pos += d->d_reclen) {
				d = (struct linux_dirent64 *)(dbuf + pos);
				entries++;
				printf("%c %s\n", d->d_type == 4 ? 'd' : '-', d->d_name);
			}
		}
		close(dfd);
	}
	puts("-- the first file, whole, as one %s:");
	fd = open(argv[2], O_RDONLY);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		if (n >= 0) {
			buf[n] = 0;
			printf("%s", buf);
			fputs(buf, stdout);
		}
		close(fd);
	}
	/* grep -n 7 over the first file: a printf() in a branch of a byte loop */
	fd = open(argv[2], O_RDONLY);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		lines = 0;
		bytes = 0;	/* where the line starts */
		for (long k = 0; k < n; k++) {
			if (buf[k] != '\n')
				continue;
			buf[k] = 0;
			lines++;
			if (memchr(buf + bytes, '7', k - bytes))
				printf("%ld:%s\n", lines, buf + bytes);
			else if (lines % 10 == 0)
				printf("%ld-\n", lines);
			bytes = k + 1;
		}
		close(fd);
	}
	putchar('<');
	putchar('>');
	putchar('\n');
	printf("déjà vu: \033[1m%s\033[0m %d entries\n", "bold", (int)entries);
	COSY_END()
	printf("after the region: %ld bytes\n", total);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s%s%s\n", cosy_region_path_str(cosy_region_last_path()),
		*cosy_region_last_why() ? ": " : "", cosy_region_last_why());
#endif
	return 0;
}
