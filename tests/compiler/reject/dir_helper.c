/* A DIR * passed to a helper: the helper's parameter would have no stream of its own. */
#include <dirent.h>
#include <cosy/cosy.h>
static int count(DIR *d)
{
	int n = 0;

	while (readdir(d))
		n++;
	return n;
}
int main(void)
{
	int n = 0;

	COSY_START(hp)
	DIR *d = opendir(".");
	if (d) {
		n = count(d);
		closedir(d);
	}
	COSY_END()
	return n;
}
// EXPECT: dir_helper.c:19:13: error: passing a DIR * to 'count' cannot run in a compound: a DIR * can only be assigned opendir()'s value or NULL, compared with NULL (d == NULL, !d, if (d)) and given to readdir(), closedir() and dirfd(): cosy-cc keeps its stream in variables of the region's own (and by helpers that open their own)
