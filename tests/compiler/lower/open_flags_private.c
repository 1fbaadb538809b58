/*
 * Flags the program computes go through cosy_rgn_oflags(): bit 30 is
 * cosy's COSY_O_PRIVATE and must not turn a program's fd into a handle.
 * Constants without it go as they are; a constant with it is masked too.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
void f(const char *a, int fl)
{
	int x, y, z;

	COSY_START(r)
	x = open(a, fl);
	y = open(a, O_RDONLY | 0x40000000);
	z = open(a, O_RDONLY);
	close(x);
	close(y);
	close(z);
	COSY_END()
}
// BPF: cosy_open(F->st.s, 304, cosy_rgn_oflags((int)V->v_fl), 0);
// BPF: cosy_open(F->st.s, 304, cosy_rgn_oflags((int)1073741824), 0);
// BPF: cosy_open(F->st.s, 304, (int)0, 0);
