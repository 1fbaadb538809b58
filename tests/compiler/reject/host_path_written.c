/* A path that reads a variable the region changes. */
#include <fcntl.h>
#include <cosy/cosy.h>
int f(char **names)
{
	int k = 0, fd;

	COSY_START(r)
	k = 1;
	fd = open(names[k], O_RDONLY);
	COSY_END()
	return fd;
}
// EXPECT: host_path_written.c:10:12: error: path 'names[k]' cannot run in a compound: it reads 'k', which the region changes, and the compound gets its value from before the region
