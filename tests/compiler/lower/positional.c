/* pread, pwrite, lseek: positions as 64-bit. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd, off_t at)
{
	char b[32];
	ssize_t r;
	off_t end;

	COSY_START(r1)
	r = pread(fd, b, 16, at);
	r = pwrite(fd, b, 16, at + 100);
	end = lseek(fd, 0, SEEK_END);
	COSY_END()
	(void)r;
	(void)end;
}
// BPF: cosy_pread(F->st.s, (int)V->v_fd, 80, (__u32)__n, (__s64)(V->v_at));
// BPF: cosy_pwrite(F->st.s, (int)V->v_fd, 80, (__u32)__n, (__s64)((V->v_at + 100L)));
// BPF: cosy_rgn_ret(&V->st, cosy_lseek(F->st.s, (int)V->v_fd, (__s64)(0L), (int)(2)));
