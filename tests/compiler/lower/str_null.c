/*
 * A string from before the region may be NULL: its pointer is NULL when
 * the runtime marked its slot's last byte, so `if (path)` tests that, and
 * open() of it is EFAULT (its offset past the slot) as the kernel's.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
long f(const char *path)
{
	long n = -1;
	int fd;

	COSY_START(sn)
	fd = path ? open(path, O_RDONLY) : 0;
	if (fd >= 0)
		n = lseek(fd, 0, SEEK_END);
	if (path)
		close(fd);
	COSY_END()
	return n;
}
// BPF: V->v_fd = ((((long)(COSY_RGN_AT(unsigned char, F->b_path, 4095UL) ? 9223372036854775808UL : 0UL)) != (-9223372036854775807L - 1)) ? ((int)({ __u64 __o = (__u64)((COSY_RGN_AT(unsigned char, F->b_path, 4095UL) ? 9223372036854775808UL : 0UL)); int __fl = (int)0; long __r = -EFAULT; if (__o < 4096) __r = cosy_open(F->st.s, 
// BPF: if (((long)(COSY_RGN_AT(unsigned char, F->b_path, 4095UL) ? 9223372036854775808UL : 0UL)) != (-9223372036854775807L - 1)) {
