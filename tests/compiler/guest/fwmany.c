// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Lines dealt into seven files, as a split-by-key program is written
 * from fopen(3): OUT.0 to OUT.6 are opened for writing, each line of FILE
 * goes to OUT.(length % 7) with fputs(), a count line ends each file
 * (fprintf()), and all are closed.  Seven FILEs written in one loop and
 * the one read: before a FILE the region only writes stopped carrying a
 * read buffer, this region needed more than 6.1's 512 bytes of BPF stack
 * and ran in user space.
 *
 * usage: fwmany OUT FILE
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	char name[7][256], line[512];
	long count[7] = { 0 }, lines = 0;
	FILE *in, *o0, *o1, *o2, *o3, *o4, *o5, *o6;
	int i, bad = 0;

	if (argc != 3 || strlen(argv[1]) > 200) {
		fprintf(stderr, "usage: %s OUT FILE\n", argv[0]);
		return 2;
	}
	for (i = 0; i < 7; i++)
		snprintf(name[i], sizeof(name[i]), "%s.%d", argv[1], i);
	COSY_START(fwmany)
	in = fopen(argv[2], "r");
	if (!in) {
		printf("%s: errno %d\n", argv[2], errno);
		return 1;
	}
	o0 = fopen(name[0], "w");
	o1 = fopen(name[1], "w");
	o2 = fopen(name[2], "w");
	o3 = fopen(name[3], "w");
	o4 = fopen(name[4], "w");
	o5 = fopen(name[5], "w");
	o6 = fopen(name[6], "w");
	if (!o0 || !o1 || !o2 || !o3 || !o4 || !o5 || !o6) {
		printf("%s.N: errno %d\n", argv[1], errno);
		return 1;
	}
	while (fgets(line, sizeof(line), in)) {
		i = (int)(strlen(line) % 7);
		switch (i) {
		case 0: fputs(line, o0); break;
		case 1: fputs(line, o1); break;
		case 2: fputs(line, o2); break;
		case 3: fputs(line, o3); break;
		case 4: fputs(line, o4); break;
		case 5: fputs(line, o5); break;
		default: fputs(line, o6); break;
		}
		count[i]++;
		lines++;
	}
	fclose(in);
	fprintf(o0, "-- %ld of %ld lines\n", count[0], lines);
	fprintf(o1, "-- %ld of %ld lines\n", count[1], lines);
	fprintf(o2, "-- %ld of %ld lines\n", count[2], lines);
	fprintf(o3, "-- %ld of %ld lines\n", count[3], lines);
	fprintf(o4, "-- %ld of %ld lines\n", count[4], lines);
	fprintf(o5, "-- %ld of %ld lines\n", count[5], lines);
	fprintf(o6, "-- %ld of %ld lines\n", count[6], lines);
	bad |= fclose(o0) | fclose(o1) | fclose(o2) | fclose(o3);
	bad |= fclose(o4) | fclose(o5) | fclose(o6);
	printf("%ld lines into 7 files, fclose %d\n", lines, bad);
	COSY_END()
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return 0;
}
