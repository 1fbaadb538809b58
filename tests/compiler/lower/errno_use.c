/* errno: read, written, and the region's errno at entry comes from the program. */
#include <errno.h>
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd)
{
	char b[8];
	int saw = 0;

	COSY_START(r)
	errno = 0;
	if (read(fd, b, 8) < 0 && errno == EBADF)
		saw = errno;
	COSY_END()
	(void)saw;
}
// BPF: 	V->st.err = 0;
// BPF: cosy_rgn_ret(&V->st, __r); })) < 0L) && (V->st.err == 9)
// BPF: 		V->v_saw = V->st.err;
// BPF: 	V->st.err = a->hdr.rgn_errno;
// BPF: 	a->hdr.rgn_errno = V->st.err;
