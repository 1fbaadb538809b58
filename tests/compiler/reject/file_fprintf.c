/* fprintf() to a FILE the region opened for reading: a compound writes only a FILE it opens "w" or "a". */
#include <stdio.h>
#include <cosy/cosy.h>
long f(const char *path)
{
	char line[128];
	long n = 0;

	COSY_START(p)
	FILE *in = fopen(path, "r");
	if (!in)
		return -1;
	while (fgets(line, sizeof(line), in))
		n++;
	fprintf(in, "%ld\n", n);
	fclose(in);
	COSY_END()
	return n;
}
// EXPECT: file_fprintf.c:15:10: error: fprintf() cannot run in a compound here: the region opens FILE 'in' for reading, and this call writes
