// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A tokenizer's conditions, each reading a byte twice or more: cosy-cc
 * reads such a byte once when the condition is sure to read it, and where
 * a guard such as `i < n` decides whether it is read, only after the guard.
 * A file of exactly sizeof(buf) bytes with no separator walks the scan to
 * buf[n], which only the guard keeps from being read.
 *
 * usage: tokens FILE   prints words, upper-case letters, digits, the
 *                      longest word, classes and a checksum
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
	const char *path = argc > 1 ? argv[1] : "/dev/null";
	static const long weight[8] = { 1, 3, 5, 7, 11, 13, 17, 19 };
	char buf[4096];
	long n = 0, i, start, words = 0, upper = 0, digits = 0, longest = 0, cls = 0;
	unsigned sum = 0;
	int fd;

	COSY_START(tokens)
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			i = 0;
			while (i < n) {
				while (i < n && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t'))
					i++;
				start = i;
				while (i < n && buf[i] != ' ' && buf[i] != '\n' && buf[i] != '\t') {
					if (buf[i] >= 'A' && buf[i] <= 'Z')
						upper++;
					else if (buf[i] >= '0' && buf[i] <= '9')
						digits++;
					if (weight[buf[i] & 7] > 5 && weight[buf[i] & 7] < 17)
						cls++;
					sum = sum * 31 + (unsigned char)(buf[i] >= 'a' && buf[i] <= 'z' ?
									 buf[i] - 32 : buf[i]);
					i++;
				}
				if (i > start) {
					words++;
					if (i - start > longest)
						longest = i - start;
				}
			}
			i = n;
			do
				i--;
			while (i > 0 && buf[i - 1] != '\n' && buf[i - 1] != ' ');
			if (n > 1 && (buf[n - 1] == '\n' ? buf[n - 2] : buf[n - 1]) == '.')
				sum++;
		}
		close(fd);
	}
	COSY_END()
	printf("%ld words %ld upper %ld digits %ld longest %ld cls %08x %s\n", words, upper,
	       digits, longest, cls, sum, fd < 0 ? "error" : path);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s%s%s\n", cosy_region_path_str(cosy_region_last_path()),
		*cosy_region_last_why() ? ": " : "", cosy_region_last_why());
#endif
	return fd < 0;
}
