// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Two numbers from the command line, checked as strtol(3)'s example
 * checks them: no digits when the end is still the string (end ==
 * argv[1], argv[2] == end), junk when it is not at the NUL.  The strings
 * are the program's, which the compound has as copies: the end pointers
 * and argv[1], argv[2] must compare as the same memory.
 *
 * The region also leaves two pointers for the program: into argv (the
 * first argument of 3 or more bytes) and to a literal ("none" for a third
 * argument there is not), which must be the program's own addresses and
 * string after it.
 *
 * usage: argnum A B     prints both values and a mask of what was wrong
 *                       (1: A no digits, 2: A junk, 4: B no digits, 8: B junk)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

int main(int argc, char **argv)
{
	long a = 0, b = 0;
	char *ea, *eb;
	const char *third = NULL, *longer = NULL;
	int bad = 0, i;

	if (argc != 3)
		return 2;
	COSY_START(argnum)
	a = strtol(argv[1], &ea, 10);
	if (ea == argv[1])
		bad |= 1;
	else if (*ea != '\0')
		bad |= 2;
	b = strtol(argv[2], &eb, 0);
	if (argv[2] == eb)
		bad |= 4;
	else if (*eb)
		bad |= 8;
	longer = NULL;
	for (i = 1; i <= 3; i++) {
		third = i < argc ? argv[i] : "none";
		if (!longer && i < argc && strlen(argv[i]) >= 3)
			longer = argv[i];
	}
	COSY_END()
	printf("a %ld b %ld bad %d rest [%s] [%s] third %s longer %s\n", a, b, bad, ea, eb,
	       third, !longer ? "none" : longer == argv[1] ? "argv[1]" :
	       longer == argv[2] ? "argv[2]" : "elsewhere");
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return bad != 0;
}
