/*
 * Pointer arithmetic over an array as a call's data or path, however C
 * groups it: line + k + 1 is (line + k) + 1, still the array plus an
 * offset (as a pointer the region sets would be).
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
long f(int k)
{
	char line[32] = "0123456789", name[16] = "xx/t.0";
	long r;
	int fd;

	COSY_START(r)
	r = write(1, line + k + 1, 3);
	r += write(1, line + k - 1, 2);
	r += write(1, 1 + line + k, 1);
	fd = open(name + k + 1, O_RDONLY);
	if (fd >= 0)
		close(fd);
	COSY_END()
	return r;
}
// BPF: __u64 __o = (__u64)(((((long)0UL) + ((long)V->v_k)) + ((long)1))); __u64 __n = (__u64)(3UL); long __r = -EFAULT; if (COSY_RGN_FITS(__o, __n, 32U)) __r = cosy_write(
// BPF: __u64 __o = (__u64)(((((long)0UL) + ((long)V->v_k)) - ((long)1))); __u64 __n = (__u64)(2UL);
// BPF: __u64 __n = (__u64)(1UL); long __r = -EFAULT; if (COSY_RGN_FITS(__o, __n, 32U)) __r = cosy_write(
// BPF: if (__o < 16) __r = cosy_open(
