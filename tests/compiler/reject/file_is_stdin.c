/*
 * FILE *in = stdin, to read stdin or a file through one variable: a
 * FILE * variable holds only a FILE the region opens.  The message says
 * so of stdin itself, not that stdin is "a global or static variable"
 * the program opened, next to advice to use stdin.
 */
#include <stdio.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	char line[256];
	long n = 0;

	COSY_START(fs)
	FILE *in = stdin;
	if (argc > 1 && (in = fopen(argv[1], "r")) == NULL)
		return 1;
	while (fgets(line, sizeof line, in))
		n++;
	COSY_END()
	return n > 0;
}
// EXPECT: file_is_stdin.c:15:13: error: stdin cannot run in a compound here: a compound reads stdin and writes stdout and stderr where a call names them (fgets(line, n, stdin)), and a FILE * variable can only hold a FILE the region opens with fopen(), so this one cannot be stdin
