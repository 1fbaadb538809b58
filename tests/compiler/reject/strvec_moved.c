/* A vector the region moves (argv++) is no table: its strings are not known before the run. */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(int argc, char **argv)
{
	int i, fd = -1;

	COSY_START(moved)
	for (i = 1; i < argc; i++) {
		argv++;
		fd = open(argv[i], O_RDONLY);
	}
	COSY_END()
	return fd;
}
// EXPECT: strvec_moved.c:11:3: error: pointer 'argv' cannot run in a compound: only pointers to integers, structs and arrays (into the region's memory) can
