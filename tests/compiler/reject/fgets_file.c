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
// EXPECT: fgets_file.c:9:35: error: fgets() of a stream other than stdin cannot run in a compound: a FILE the program opens keeps its buffer in user space; open() and read() the file instead, or read stdin
