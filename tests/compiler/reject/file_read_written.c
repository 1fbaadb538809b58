/* fgets() of a FILE the region opened for writing: a compound reads only a FILE it opens "r". */
#include <stdio.h>
#include <cosy/cosy.h>
long f(const char *path)
{
	char line[64];
	long n = 0;

	COSY_START(rw)
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("x\n", f);
	if (fgets(line, sizeof(line), f))
		n = 1;
	fclose(f);
	COSY_END()
	return n;
}
// EXPECT: file_read_written.c:14:32: error: fgets() cannot run in a compound here: the region opens FILE 'f' for writing, and this call reads
