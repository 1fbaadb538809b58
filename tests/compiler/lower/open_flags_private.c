/*
 * Flags the program computes go through cosy_rgn_oflags(), which keeps
 * the bits open(2) knows: bit 30 is cosy's COSY_O_PRIVATE and must not
 * turn a program's fd into a handle, and others open(2) ignores (bit 29
 * among them, which the region's open then sets as COSY_O_REFUSE_WAIT).
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
// BPF: int __fl = cosy_rgn_oflags((int)V->v_fl);
// BPF: __r = cosy_open(F->st.s, 328 + (__u32)__o, __fl | COSY_O_REFUSE_WAIT, 0);
// BPF: int __fl = cosy_rgn_oflags((int)1073741824);
// BPF: int __fl = (int)0;
// BPF: int __fl = cosy_rgn_oflags((int)536870912);
