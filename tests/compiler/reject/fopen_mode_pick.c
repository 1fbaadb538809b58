/* fopen()'s mode chosen by ?: between reading and writing: the compound must know which. */
#include <stdio.h>
#include <cosy/cosy.h>
long f(const char *path, int w)
{
	long n = 0;
	FILE *f;

	COSY_START(w)
	f = fopen(path, w ? "w" : "r");
	if (f)
		n = 1;
	COSY_END()
	return n;
}
// EXPECT: fopen_mode_pick.c:10:18: error: fopen() cannot run in a compound here: its mode, "w" or "r", opens the FILE for reading or for writing, and a compound must know which
