/* fopen() for writing: a compound reads the FILEs it opens, and writes with write(). */
#include <stdio.h>
#include <cosy/cosy.h>
long f(const char *path)
{
	char line[128];
	long n = 0;
	FILE *out;

	COSY_START(w)
	out = fopen(path, "w");
	if (out)
		n = 1;
	COSY_END()
	return n;
}
// EXPECT: fopen_write.c:11:20: error: fopen() with mode "w" cannot run in a compound: a compound reads a FILE it opens ("r"); write with open() and write(), or printf() to stdout
