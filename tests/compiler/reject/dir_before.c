/* A DIR * opened before the region: its stream is the program's, not the compound's. */
#include <dirent.h>
#include <cosy/cosy.h>
int main(void)
{
	int n = 0;
	DIR *d = opendir(".");

	if (!d)
		return 1;
	COSY_START(bf)
	while (readdir(d))
		n++;
	COSY_END()
	closedir(d);
	return n;
}
// EXPECT: dir_before.c:12:17: error: DIR 'd' cannot run in a compound: it is used outside the region too (line 9), and its stream is the compound's; declare it in the region, and open, read and close it there
