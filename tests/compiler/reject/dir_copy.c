/* A DIR * copied into another variable: cosy-cc keeps each stream in its variable's own state. */
#include <dirent.h>
#include <cosy/cosy.h>
int main(void)
{
	int n = 0;

	COSY_START(cp)
	DIR *d = opendir(".");
	DIR *d2 = d;
	if (d2) {
		while (readdir(d2))
			n++;
		closedir(d);
	}
	COSY_END()
	return n;
}
// EXPECT: dir_copy.c:10:12: error: copying a DIR * cannot run in a compound: a DIR * can only be assigned opendir()'s value or NULL, compared with NULL (d == NULL, !d, if (d)) and given to readdir(), closedir() and dirfd(): cosy-cc keeps its stream in variables of the region's own
