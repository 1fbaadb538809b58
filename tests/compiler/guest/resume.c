// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Loops of every shape cosy-cc lowers, each long enough to be asked to
 * yield (a guard every 256 iterations): run with the module's yield_us=0,
 * every one goes back into the kernel from where it left off, and the
 * results must be plain C's (tests/kernel/t_cosycc.sh).  `resume DIR N`
 * works in DIR with N as its size knob.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static void path(const char *what)
{
#ifdef __COSY_CC__
	fprintf(stderr, "%s: %s\n", what, cosy_region_path_str(cosy_region_last_path()));
#else
	fprintf(stderr, "%s: plain\n", what);
#endif
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	int n = argc > 2 ? atoi(argv[2]) : 1000;
	long sum = 0, odd = 0, steps = 0, bytes = 0, words = 0;
	int i, j, k, fd, out, found = -1, files = 0;
	char buf[1024], name[64], line[96];
	ssize_t r;

	if (chdir(dir))
		return 2;
	memset(buf, 'a', sizeof(buf));
	COSY_START(shapes)
	/* a for loop with a step: the step owed after a yield runs once */
	for (i = 0; i < n; i += 3)
		sum += i;
	/* while, continue and break */
	i = 0;
	while (i < 4 * n) {
		i++;
		if (i % 5 == 0)
			continue;
		if (i > 3 * n)
			break;
		odd += i & 1;
	}
	/* do/while: its condition is tested on the way back in */
	k = 0;
	do {
		k += 2;
		steps++;
	} while (k < 2 * n);
	/* nested: the inner loop yields, the outer goes back to it */
	for (i = 0; i < 4; i++)
		for (j = 0; j < n; j++)
			sum += (i * j) & 15;
	/* nested do/while around a for */
	i = 0;
	do {
		for (j = 0; j < n / 2; j++)
			buf[(i * 7 + j) % (int)sizeof(buf)]++;
		i++;
	} while (i < 3);
	/* a search that leaves its loops with goto */
	for (i = 0; i < 3; i++)
		for (j = 0; j < n; j++)
			if (i == 2 && j == n - 5) {
				found = i * n + j;
				goto searched;
			}
searched:
	/* files: one written record by record, then read back in a loop */
	out = open("records", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	for (i = 0; i < n; i++) {
		int len = 0, v = i;

		line[len++] = 'r';
		for (k = 0; k < 6; k++) {
			line[len++] = (char)('0' + v % 10);
			v /= 10;
		}
		line[len++] = '\n';
		if (write(out, line, len) != len)
			break;
	}
	close(out);
	fd = open("records", O_RDONLY);
	while ((r = read(fd, line, 7)) > 0) {
		bytes += r;
		for (k = 0; k < r; k++)
			words += line[k] == '\n';
	}
	close(fd);
	/* a file opened and closed each turn */
	for (i = 0; i < n / 8; i++) {
		name[0] = 'f';
		name[1] = '.';
		name[2] = (char)('0' + i % 4);
		name[3] = 0;
		fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0) {
			files++;
			close(fd);
		}
	}
	COSY_END()
	path("shapes");
	printf("shapes: sum=%ld odd=%ld steps=%ld found=%d bytes=%ld words=%ld files=%d buf=%d,%d,%d\n",
	       sum, odd, steps, found, bytes, words, files, buf[0], buf[500], buf[1023]);
	return 0;
}
