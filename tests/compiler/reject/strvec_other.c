/*
 * main()'s argv set to another array before the region: that one need not
 * end in NULL, so the host cannot copy it as argv; argv[i] with the
 * region's i is then a path the host cannot compute.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
static char *mine[2] = { "a", "b" };
int main(int argc, char **argv)
{
	int i, fd = -1;

	argv = mine;
	COSY_START(other)
	for (i = 0; i < argc && i < 2; i++)
		fd = open(argv[i], O_RDONLY);
	COSY_END()
	return fd;
}
// EXPECT: strvec_other.c:17:13: error: path 'argv[i]' cannot run in a compound: it reads 'i', which the region changes, and the compound gets its value from before the region
