/* openat relative to a directory fd. */
#include <fcntl.h>
#include <cosy/cosy.h>
void f(int dir)
{
	int fd;

	COSY_START(r)
	fd = openat(dir, "x", O_RDONLY);
	COSY_END()
	(void)fd;
}
// EXPECT: openat_dirfd.c:9:14: error: openat() with a directory fd cannot run in a compound: the module opens paths relative to the working directory only; pass AT_FDCWD
