/*
 * An fd variable from outside that the region may close: granted with
 * COSY_RGN_CLOSABLE, so that the runtime hands an open fd of the
 * program's over (grant_own) and puts it in the region's fd table; the
 * region has one even though it may not open (want 0), keeps what is
 * left open at its end, and gives the handed-over fds back when a run
 * ends before its body.  -1, the usual start, is simply not granted.
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
// BPF: cosy_rgn_closed(&F->st, &V->st, __fd);
// BPF: cosy_rgn_give_back(f.st.s, &a->cosy);
// BPF: cosy_rgn_keep_all(&f.st, &V->st);
// NOT-BPF: V->st.nfds = 0;
