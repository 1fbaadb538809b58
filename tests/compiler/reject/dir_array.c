/* A DIR * kept in a struct's array: only DIR * variables hold streams. */
#include <dirent.h>
#include <cosy/cosy.h>
struct walk { DIR *dirs[4]; int depth; };
int main(void)
{
	int n = 0;
	struct walk w = { { 0 }, 0 };

	COSY_START(ar)
	w.dirs[0] = opendir(".");
	if (w.dirs[0]) {
		while (readdir(w.dirs[0]))
			n++;
		closedir(w.dirs[0]);
	}
	COSY_END()
	return n;
}
// EXPECT: dir_array.c:11:2: error: storing a DIR * there cannot run in a compound: only in a DIR * variable; a DIR * can only be assigned opendir()'s value or NULL, compared with NULL (d == NULL, !d, if (d)) and given to readdir(), closedir() and dirfd(): cosy-cc keeps its stream in variables of the region's own
