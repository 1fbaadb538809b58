// A helper's pointer parameter indexed in its region: named, with why
// (sweep 22's lookup.c), not "only arrays ... can be indexed"
#include <unistd.h>
#include <cosy/cosy.h>

int get(int fd, char *out)
{
	char rec[16];
	int k;

	COSY_START(get)
	if (read(fd, rec, sizeof(rec)) == 16)
		for (k = 0; k < 15; k++)
			out[k] = rec[k];
	COSY_END()
	return 0;
}
// EXPECT: param_ptr_index.c:14:4: error: this subscript cannot run in a compound: parameter 'out' points into memory the program chose before the region, whose size cosy-cc cannot know; index an array the region names (a local, static or global one, copied where it must go after the region), or a pointer the region sets into one
