/*
 * A die() of the program's that ends in exit() leaves the region: its
 * call runs in user space (not inlined), like exit() itself.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cosy/cosy.h>
static void die(const char *what)
{
	perror(what);
	exit(1);
}
int f(const char *path)
{
	int fd;

	COSY_START(td)
	fd = open(path, O_RDONLY);
	if (fd < 0)
		die(path);
	close(fd);
	COSY_END()
	return fd;
}
// BPF: V->st.status = COSY_RGN_HOST;
// HOST: case 1: {
// HOST: die(path);
