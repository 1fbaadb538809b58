/*
 * Flags the program computes go through cosy_rgn_oflags(), which keeps
 * the bits open(2) knows: bit 30 is cosy's COSY_O_PRIVATE and must not
 * turn a program's fd into a handle, and others open(2) ignores.
 * Constants of known bits go as they are; any other is masked too.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
void f(const char *a, int fl)
{
	int x, y, z, w;

	COSY_START(r)
	x = open(a, fl);
	y = open(a, O_RDONLY | 0x40000000);
	z = open(a, O_RDONLY);
	w = open(a, O_RDONLY | (1 << 29));
	close(w);
	close(x);
	close(y);
	close(z);
	COSY_END()
}
// BPF: cosy_open(F->st.s, 328, cosy_rgn_oflags((int)V->v_fl), 0);
// BPF: cosy_open(F->st.s, 328, cosy_rgn_oflags((int)1073741824), 0);
// BPF: cosy_open(F->st.s, 328, (int)0, 0);
// BPF: cosy_open(F->st.s, 328, cosy_rgn_oflags((int)536870912), 0);
