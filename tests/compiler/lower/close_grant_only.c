/*
 * A region that opens nothing but may close the program's fd: it gets an
 * fd table all the same (the runtime seeds it with the fd, handed over),
 * forgets the fd when it closes it, and keeps it when the close is not
 * taken.
 */
#include <unistd.h>
#include <cosy/cosy.h>
long f(int fd, int done)
{
	char b[16];
	long n = 0;

	COSY_START(shut)
	n = read(fd, b, sizeof(b));
	if (done)
		close(fd);
	COSY_END()
	return n;
}
// HOST: const long long __cosy_g[] = { (long long)COSY_RGN_CLOSABLE(fd) };
// BPF: cosy_rgn_closed(&F->st, &V->st, __fd);
// BPF: asm volatile("" : : "r"(&f) : "memory");
// BPF: cosy_rgn_give_back(f.st.s, &a->cosy);
// BPF: f.st.fdt = (int *)cosy_seg(
// BPF: cosy_rgn_keep_all(&f.st, &V->st);
