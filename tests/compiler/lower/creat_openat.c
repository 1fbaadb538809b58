/* creat is open(O_CREAT|O_WRONLY|O_TRUNC); openat(AT_FDCWD, ...) is open. */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
void f(const char *a, const char *b)
{
	int x, y;

	COSY_START(r)
	x = creat(a, 0600);
	y = openat(AT_FDCWD, b, O_RDONLY | O_CLOEXEC);
	close(x);
	close(y);
	COSY_END()
}
// BPF: int __fl = O_CREAT | O_WRONLY | O_TRUNC; long __r = -EFAULT; if (__o < 4096) __r = cosy_open(F->st.s, 312 + (__u32)__o, __fl | COSY_O_REFUSE_WAIT, (int)384U);
// BPF: int __fl = (int)524288; long __r = -EFAULT; if (__o < 4096) __r = cosy_open(F->st.s, 4408 + (__u32)__o, __fl | COSY_O_REFUSE_WAIT, 0);
