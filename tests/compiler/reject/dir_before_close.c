/* closedir() in the region of a DIR * the program opened: its DIR is the program's (glibc's memory). */
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
	closedir(d);
	COSY_END()
	return n;
}
// EXPECT: dir_before_close.c:14:2: error: closedir() of 'd' cannot run in a compound: the program opened it before the region, and its DIR is the program's; close it after the region
