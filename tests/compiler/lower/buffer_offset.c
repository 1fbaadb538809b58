/* buf + k and &buf[k]: the offset and the length checked against the buffer. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd, int k)
{
	char buf[256];
	long n;

	COSY_START(r)
	n = read(fd, buf + k, 10);
	n = write(fd, &buf[k], 20);
	COSY_END()
	(void)n;
}
// BPF: __u64 __o = (__u64)(V->v_k); __u64 __n = (__u64)(10UL); long __r = -EFAULT; if (COSY_RGN_FITS(__o, __n, 256U)) __r = cosy_read(F->st.s, (int)V->v_fd, 64 + (__u32)__o, (__u32)__n);
// BPF: __u64 __o = (__u64)(V->v_k); __u64 __n = (__u64)(20UL);
