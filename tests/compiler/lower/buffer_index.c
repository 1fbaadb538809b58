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
// BPF: 	__u8 *b_buf;	/* buf: segment + 56 */
// BPF: 	COSY_RGN_ATV(unsigned char, F->b_buf, 56, COSY_RGN_IDX(&V->st, V->v_i, 100UL, 10)) = ((unsigned char)7);
// BPF: 	V->v_x = ((int)COSY_RGN_ATV(unsigned char, F->b_buf, 56, COSY_RGN_IDX(&V->st, (V->v_i + 1), 100UL, 11)));
// BPF: 	f.b_buf = (__u8 *)cosy_seg(f.st.s, 56, 100);
// HOST: { buf, 56, 100, COSY_RGN_IN | COSY_RGN_OUT, "buf" }
// The code again for /dev/cosy: renamed, not loaded by default, elements through cosy_at()
// BPF: #define COSY_RGN_SEC "?syscall"
// BPF: #define COSY_RGN_ATV COSY_RGN_ATV_U
// BPF: #define rgn__r rgnu__r
// BPF: #define r_body r_body_u
// BPF: COSY_RGN_ATV(unsigned char, F->b_buf, 56, COSY_RGN_IDX(&V->st, V->v_i, 100UL, 10)) = ((unsigned char)7);
