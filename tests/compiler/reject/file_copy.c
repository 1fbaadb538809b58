/* A FILE * copied into another: only the variable fopen() assigned holds its stream. */
#include <stdio.h>
#include <cosy/cosy.h>
long f(const char *path)
{
	char line[128];
	long n = 0;

	COSY_START(c)
	FILE *in = fopen(path, "r");
	FILE *g = in;
	while (fgets(line, sizeof(line), g))
		n++;
	fclose(in);
	COSY_END()
	return n;
}
// EXPECT: file_copy.c:11:12: error: copying a FILE * cannot run in a compound: a FILE * can only be assigned fopen()'s value or NULL, compared with NULL (f == NULL, !f, if (f)) and given, as the stream, to fgets(), fread(), getc(), fgetc() (read), fprintf(), fputs(), fputc(), putc(), fwrite(), fflush() (written), feof(), ferror(), clearerr(), fileno() and fclose(): cosy-cc keeps its stream in variables of the region's own
