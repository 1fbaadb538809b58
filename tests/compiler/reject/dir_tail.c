/* A DIR * in statements left to user space: the program's DIR * is not the compound's stream. */
#include <dirent.h>
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	int n = 0;
	DIR *d;
	COSY_START(tl)
	d = opendir(argc > 1 ? argv[1] : ".");
	if (!d)
		return 1;
	if (!readdir(d)) {
		sleep(0);
		closedir(d);
		return 2;
	}
	n++;
	closedir(d);
	COSY_END()
	return n;
}
// EXPECT: dir_tail.c:16:12: error: the statements from the call to 'sleep' (line 15) to the end of their block leave the region, and would run in user space after it, but they hold 'd', a DIR *, whose stream is the compound's
