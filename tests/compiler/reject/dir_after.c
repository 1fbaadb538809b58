/* A DIR * opened in the region and used after it: the host's copy of it would point nowhere. */
#include <dirent.h>
#include <cosy/cosy.h>
int main(void)
{
	int n = 0;
	DIR *d;

	COSY_START(af)
	d = opendir(".");
	if (d && readdir(d))
		n++;
	COSY_END()
	if (d)
		closedir(d);
	return n;
}
// EXPECT: dir_after.c:10:2: error: DIR 'd' cannot run in a compound: it is used outside the region too (line 14), and its stream is the compound's; declare it in the region, and open, read and close it there
