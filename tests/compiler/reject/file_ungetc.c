/* ungetc() on a FILE the region opened: not one of the calls that take its stream. */
#include <stdio.h>
#include <cosy/cosy.h>
long f(const char *path)
{
	long n = 0;
	int c;

	COSY_START(u)
	FILE *in = fopen(path, "r");
	if (in == NULL)
		return -1;
	while ((c = getc(in)) != EOF)
		if (c == 'x')
			ungetc(c, in);
	fclose(in);
	COSY_END()
	return n;
}
// EXPECT: file_ungetc.c:15:14: error: passing a FILE * to 'ungetc' cannot run in a compound: a FILE * can only be assigned fopen()'s value or NULL, compared with NULL (f == NULL, !f, if (f)) and given, as the stream, to fgets(), fread(), getc(), fgetc() (read), fprintf(), fputs(), fputc(), putc(), fwrite(), fflush() (written), feof(), ferror(), clearerr(), fileno() and fclose(): cosy-cc keeps its stream in variables of the region's own (and by helpers that open their own)
