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
// BPF: 	__u8 *b_buf;	/* buf: segment + 40 */
// BPF: 	COSY_RGN_AT(unsigned char, F->b_buf, COSY_RGN_IDX(&V->st, V->v_i, 100UL, 10)) = ((unsigned char)7);
// BPF: 	V->v_x = ((int)COSY_RGN_AT(unsigned char, F->b_buf, COSY_RGN_IDX(&V->st, (V->v_i + 1), 100UL, 11)));
// BPF: 	b_buf = (__u8 *)cosy_seg(f.st.s, 40, 100);
// HOST: { buf, 40, 100, COSY_RGN_IN | COSY_RGN_OUT, "buf" }
