/*
 * An fd variable from outside that the region may close: granted with
 * COSY_RGN_CLOSABLE, so that a run where it holds an open fd of the
 * program falls back (the guard closes only what the compound opened);
 * -1, the usual start, runs in the kernel.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *path, int want)
{
	int fd = -1, r = 0;

	COSY_START(r)
	if (want)
		fd = open(path, O_RDONLY);
	if (fd >= 0)
		r = close(fd);
	COSY_END()
	return r;
}
// HOST: const long long __cosy_g[] = { (long long)COSY_RGN_CLOSABLE(fd) };
