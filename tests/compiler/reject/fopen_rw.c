/* fopen() for reading and writing one stream: stdio orders them with seeks a compound does not keep. */
#include <stdio.h>
#include <cosy/cosy.h>
long f(const char *path)
{
	long n = 0;
	FILE *out;

	COSY_START(w)
	out = fopen(path, "r+");
	if (out)
		n = 1;
	COSY_END()
	return n;
}
// EXPECT: fopen_rw.c:10:20: error: fopen() with mode "r+" cannot run in a compound: a compound reads ("r") or writes ("w", "a") a FILE it opens, not both; use open(), read(), write() and lseek()
