// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Paths built with strcpy() and strcat(), names kept with strncpy() (which
 * pads with NULs and may leave no NUL at all), in a getdents64 walk that
 * opens and reads every entry.
 *
 * usage: strcopy DIR
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

/* strncpy()'s truncation is what the test is about */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif

struct rec {
	char name[12];
	long size;
};

int main(int argc, char **argv)
{
	char dents[4096], path[256], dir[128], data[512];
	struct rec recs[4];
	long n, pos, size, total = 0, names = 0, files = 0;
	int fd, f, k = 0;
	struct dirent64 *d;

	if (argc != 2)
		return 2;
	memset(recs, 0x55, sizeof(recs));
	COSY_START(strcopy)
	strcpy(dir, argv[1]);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		while ((n = getdents64(fd, dents, sizeof(dents))) > 0) {
			for (pos = 0; pos < n;) {
				d = (struct dirent64 *)(dents + pos);
				pos += d->d_reclen;
				if (d->d_name[0] == '.')
					continue;
				strcpy(path, dir);
				strcat(path, "/");
				strcat(path, d->d_name);
				names += (long)strlen(path);
				f = open(path, O_RDONLY);
				if (f < 0)
					continue;
				size = read(f, data, sizeof(data));
				close(f);
				files++;
				total += size;
				if (k < 4) {
					strncpy(recs[k].name, d->d_name, sizeof(recs[k].name));
					recs[k].size = size;
					k++;
				}
			}
		}
		close(fd);
	}
	COSY_END()
	printf("strcopy: %ld files, %ld bytes, names %ld, last %s\n", files, total, names,
	       files ? path : "-");
	for (int i = 0; i < k; i++)
		printf("  %.12s %ld %02x\n", recs[i].name, recs[i].size,
		       (unsigned char)recs[i].name[sizeof(recs[i].name) - 1]);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return fd < 0;
}
