/*
 * A record read through a cast of the buffer at its offset, with no
 * pointer variable (getdents64(2)'s example): the same checked access as
 * through a pointer the region set.  *(buf + k) and offsetof() too.
 */
#include <stddef.h>
#include <unistd.h>
#include <cosy/cosy.h>
struct rec { unsigned short len; unsigned char type; char name[13]; };
long walk(int fd)
{
	char buf[512];
	long n, off, sum = 0;

	COSY_START(r)
	n = read(fd, buf, sizeof(buf));
	for (off = 0; off + (long)sizeof(struct rec) <= n; off += ((struct rec *)(buf + off))->len) {
		sum += ((struct rec *)(buf + off))->type;
		sum += *(buf + off + offsetof(struct rec, name));
		if (((struct rec *)(buf + off))->len == 0)
			break;
	}
	COSY_END()
	return sum;
}
// BPF: COSY_RGN_ATV(unsigned short, F->b_buf, 80, COSY_RGN_IDX(&V->st, (((long)0UL) + ((long)R->v_off)), 511UL, 17))
// BPF: 2UL + COSY_RGN_IDX(&V->st, (((long)0UL) + ((long)R->v_off)), 510UL, 18)
// BPF: COSY_RGN_IDX(&V->st, ((((long)0UL) + ((long)R->v_off)) + ((long)3UL)), 512UL, 19)
