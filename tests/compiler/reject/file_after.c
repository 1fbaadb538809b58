/* A FILE the region opens but the program closes after it: the stream is the compound's. */
#include <stdio.h>
#include <cosy/cosy.h>
long f(const char *path)
{
	char line[128];
	long n = 0;
	FILE *in;

	COSY_START(o)
	in = fopen(path, "r");
	if (!in)
		return -1;
	while (fgets(line, sizeof(line), in))
		n++;
	COSY_END()
	fclose(in);
	return n;
}
// EXPECT: file_after.c:11:2: error: FILE 'in' cannot run in a compound: it is used outside the region too (line 17), and its stream is the compound's; declare it in the region, and open, read and close it there
