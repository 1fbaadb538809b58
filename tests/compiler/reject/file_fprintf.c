/* fprintf() to a FILE the region opened for reading: not one of the calls that take its stream. */
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
// EXPECT: file_fprintf.c:15:10: error: passing a FILE * to 'fprintf' cannot run in a compound: a FILE * can only be assigned fopen()'s value (for reading) or NULL, compared with NULL (f == NULL, !f, if (f)) and given to fgets(), fread(), getc(), fgetc(), feof(), ferror(), clearerr(), fileno() and fclose(): cosy-cc keeps its stream in variables of the region's own (and by helpers that open their own)
