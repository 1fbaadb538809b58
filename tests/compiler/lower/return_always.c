/*
 * A region every path of which returns, with nothing after COSY_END():
 * the rewritten function must end there too, or the host compiler warns
 * that control reaches the end of a non-void function (-Wreturn-type),
 * an error under -Werror, where plain cc says nothing.
 */
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
int has_nl(int fd)
{
	char buf[64];
	long n;

	COSY_START(r)
	n = pread(fd, buf, sizeof(buf), 0);
	if (n <= 0)
		return -1;
	else
		return memchr(buf, '\n', n) != NULL;
	COSY_END()
}

long maybe(int fd)
{
	char c;

	COSY_START(m)
	if (read(fd, &c, 1) == 1)
		return c;
	COSY_END()
	return -1;
}
// HOST: cosy_rgn_leave(&__cosy_rgn_r,
// HOST: 			return (int)__cosy_a.v_ret;
// HOST: 			return __cosy_rv;
// HOST: cosy_rgn_leave(&__cosy_rgn_m,
// HOST: 			if (__cosy_a.hdr.rgn_status == COSY_RGN_RETURN)
// HOST: 			if (__cosy_r)
