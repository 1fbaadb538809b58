// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * <ctype.h> in a region: the class functions over every value glibc's
 * tables cover (-128 through 255, EOF among them) summed as they return
 * (a class's bit, not 1), a word count, and a file rewritten through
 * toupper() and tolower() (tests/kernel/t_cosycc.sh).  `ctype IN OUT`.
 * Also what such code keeps near it: unlikely(), and digits picked from a
 * string literal.
 */
#include <ctype.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

#define unlikely(x) __builtin_expect(!!(x), 0)

int main(int argc, char **argv)
{
	long classes[14] = { 0 }, words = 0, upper = 0, n;
	char buf[4096], hex[17];
	int c, in = 0, fd, out;

	setlocale(LC_CTYPE, "");
	if (argc < 3)
		return 2;
	COSY_START(classify)
	for (c = -128; c < 256; c++) {
		classes[0] += isalnum(c);
		classes[1] += isalpha(c);
		classes[2] += isblank(c);
		classes[3] += iscntrl(c);
		classes[4] += isdigit(c);
		classes[5] += isgraph(c);
		classes[6] += islower(c);
		classes[7] += isprint(c);
		classes[8] += ispunct(c);
		classes[9] += isspace(c);
		classes[10] += isupper(c) ? 1 : 0;
		classes[11] += isxdigit(c);
		classes[12] += toupper(c) * (c + 200) - tolower(c);
		classes[13] += isascii(c) + toascii(c);
	}
	fd = open(argv[1], O_RDONLY);
	out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (unlikely(fd < 0 || out < 0))
		words = -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++) {
			unsigned char b = (unsigned char)buf[i];

			if (isspace(b))
				in = 0;
			else if (!in) {
				in = 1;
				words++;
			}
			if (isupper(b))
				upper++;
			buf[i] = (char)(i & 1 ? toupper(b) : tolower(b));
		}
		if (write(out, buf, n) != n)
			break;
	}
	close(fd);
	close(out);
	for (c = 0; c < 16; c++)
		hex[c] = "0123456789abcdef"[(classes[12] >> (60 - 4 * c)) & 15];
	hex[16] = 0;
	COSY_END()
	for (c = 0; c < 14; c++)
		printf("%ld%c", classes[c], c == 13 ? '\n' : ' ');
	printf("ctype: words=%ld upper=%ld hex=%s\n", words, upper, hex);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s%s%s\n", cosy_region_path_str(cosy_region_last_path()),
		*cosy_region_last_why() ? ": " : "", cosy_region_last_why());
#endif
	return 0;
}
