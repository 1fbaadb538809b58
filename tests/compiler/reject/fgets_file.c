#include <stdio.h>
#include <cosy/cosy.h>
long f(FILE *in)
{
	char line[128];
	long n = 0;

	COSY_START(r)
	while (fgets(line, sizeof(line), in))
		n++;
	COSY_END()
	return n;
}
// EXPECT: fgets_file.c:9:35: error: FILE 'in' cannot run in a compound: the program opened it before the region, and a FILE the program opens keeps its buffer in user space; a compound can only use a FILE it opens itself with fopen() into a local FILE * (or stdin, stdout and stderr)
