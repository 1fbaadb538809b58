/* unlinkat() with AT_REMOVEDIR is rmdir, which no kfunc does. */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(int dirfd)
{
	int r;

	COSY_START(r)
	r = unlinkat(dirfd, "sub", AT_REMOVEDIR);
	COSY_END()
	return r;
}
// EXPECT: unlinkat_removedir.c:10:29: error: unlinkat() flags cannot run in a compound: only 0, as a constant (AT_REMOVEDIR, rmdir, is not supported)
