// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Word frequencies in a hash table, as a C programmer writes one: a
 * lookup helper that returns a pointer to its slot (or NULL when the
 * table is full), early returns from inside its probe loop, the slot's
 * members written through that pointer.  The region reads and counts;
 * the table is sorted and printed after it.
 *
 * usage: wordfreq FILE
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

#define NSLOT	512
#define WMAX	24

struct slot {
	char word[WMAX];
	long count;
};

static struct slot table[NSLOT];
static long distinct;

static unsigned hash(const char *w, int len)
{
	unsigned h = 5381;

	for (int i = 0; i < len; i++)
		h = h * 33 + (unsigned char)w[i];
	return h;
}

/* the slot of w[0..len), taken if new; NULL when the table is full */
static struct slot *find(const char *w, int len)
{
	unsigned i = hash(w, len) % NSLOT;

	for (int probe = 0; probe < NSLOT; probe++) {
		struct slot *s = &table[i];

		if (!s->count) {
			memcpy(s->word, w, len);
			s->word[len] = 0;
			distinct++;
			return s;
		}
		if (!strncmp(s->word, w, len) && !s->word[len])
			return s;
		i = (i + 1) % NSLOT;
	}
	return NULL;
}

static int by_count(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->word, y->word);
}

int main(int argc, char **argv)
{
	char buf[4096], word[WMAX];
	long n, words = 0, dropped = 0;
	int fd, len = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: wordfreq FILE\n");
		return 2;
	}
	COSY_START(wordfreq)
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i <= n; i++) {
			int c = i < n ? (unsigned char)buf[i] : ' ';
			struct slot *s;

			if (i < n && isalpha(c)) {
				if (len < WMAX - 1)
					word[len++] = tolower(c);
				continue;
			}
			if (!len || (i == n && n == sizeof(buf)))
				continue;	/* a word may go on in the next read */
			s = find(word, len);
			if (s)
				s->count++;
			else
				dropped++;
			words++;
			len = 0;
		}
	}
	close(fd);
	COSY_END()
	qsort(table, NSLOT, sizeof(table[0]), by_count);
	for (int i = 0; i < 5 && table[i].count; i++)
		printf("%7ld %s\n", table[i].count, table[i].word);
	printf("%ld words, %ld distinct, %ld dropped\n", words, distinct, dropped);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
