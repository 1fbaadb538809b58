/* buf[i]: bounds checked against the buffer's size, trapping outside it. */
#include <cosy/cosy.h>
void f(int i)
{
	unsigned char buf[100];
	int x;

	buf[0] = 1;
	COSY_START(r)
	buf[i] = 7;
	x = buf[i + 1];
	COSY_END()
	(void)x;
}
// BPF: 	unsigned char *b_buf;	/* buffer buf: segment + 40 */
// BPF: 	COSY_RGN_ELEM(&V->st, F->b_buf, 100, V->v_i, 10) = ((unsigned char)7);
// BPF: 	V->v_x = ((int)COSY_RGN_ELEM(&V->st, F->b_buf, 100, (V->v_i + 1), 11));
// BPF: 	b_buf = (unsigned char *)cosy_seg(f.st.s, 40, 100);
// HOST: { buf, 40, 100, COSY_RGN_IN | COSY_RGN_OUT, "buf" }
