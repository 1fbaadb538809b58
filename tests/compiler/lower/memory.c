/*
 * Memory other than char buffers: integer arrays, structs and their
 * members, arrays of structs, two indexes, a scalar whose address is
 * taken (read into a char).  Each variable index is checked against its
 * own count; constant ones are checked here.
 */
#include <unistd.h>
#include <cosy/cosy.h>
struct counts {
	long lines;
	int hist[4];
	unsigned char last;
};
void f(int fd, int i, int j)
{
	long hist[256];
	struct counts c;
	struct counts many[3];
	int grid[4][8];
	char ch;
	long n;

	COSY_START(r)
	n = read(fd, &ch, 1);
	hist[(unsigned char)ch]++;
	c.lines += ch == '\n';
	c.hist[i] = c.hist[3] + 1;
	c.last = (unsigned char)ch;
	many[i].hist[j] = grid[i][j];
	n += write(fd, &c, sizeof(c));
	n += write(fd, hist + 2, 8);
	n += read(fd, &many[1].lines, 8);
	COSY_END()
	(void)n;
}
// BPF: __u8 *b_hist;	/* hist: segment + 
// BPF: __r = cosy_read(F->st.s, (int)V->v_fd, 
// BPF: COSY_RGN_ATV(long, F->b_hist, 80, COSY_RGN_IDX(&V->st, ((unsigned char)COSY_RGN_AT(signed char, F->b_ch, 0UL)), 256UL, 25) * 8UL)++
// BPF: COSY_RGN_AT(long, F->b_c, 0UL) += ((long)(((int)COSY_RGN_AT(signed char, F->b_ch, 0UL)) == 10));
// BPF: COSY_RGN_ATV(int, F->b_c, 2128, 8UL + COSY_RGN_IDX(&V->st, V->v_i, 4UL, 27) * 4UL) = (COSY_RGN_AT(int, F->b_c, 20UL) + 1);
// BPF: COSY_RGN_AT(unsigned char, F->b_c, 24UL) = 
// BPF: COSY_RGN_ATV(int, F->b_many, 2160, 8UL + COSY_RGN_IDX(&V->st, V->v_i, 3UL, 29) * 32UL + COSY_RGN_IDX(&V->st, V->v_j, 4UL, 29) * 4UL) = COSY_RGN_ATV(int, F->b_grid, 2256, COSY_RGN_IDX(&V->st, V->v_i, 4UL, 29) * 32UL + COSY_RGN_IDX(&V->st, V->v_j, 8UL, 29) * 4UL);
// BPF: __u64 __o = (__u64)((((unsigned long)2) * 8UL)); __u64 __n = (__u64)(8UL); long __r = -EFAULT; if (COSY_RGN_FITS(__o, __n, 2048U))
// BPF: __u64 __o = (__u64)(32UL); __u64 __n = (__u64)(8UL); long __r = -EFAULT; if (COSY_RGN_FITS(__o, __n, 96U))
// HOST: { &ch, 72, 1, COSY_RGN_IN | COSY_RGN_OUT, "ch" },
// HOST: { hist, 80, 2048, COSY_RGN_IN | COSY_RGN_OUT, "hist" },
// HOST: { &c, 2128, 32, COSY_RGN_IN | COSY_RGN_OUT, "c" },
// HOST: { many, 2160, 96, COSY_RGN_IN | COSY_RGN_OUT, "many" },
// HOST: { grid, 2256, 128, COSY_RGN_IN, "grid" }
