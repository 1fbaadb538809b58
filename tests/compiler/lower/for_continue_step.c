/*
 * A for-step that reads a pointer the body sets at its top, before a
 * continue: both paths to the step set it (sweep 15's du -s walked
 * getdents64 records this way).
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
struct rec { unsigned short len; unsigned char type; char name[13]; };
long f(int fd)
{
	static char buf[4096];
	struct rec *d;
	long nread, pos, n = 0;

	COSY_START(walk)
	nread = read(fd, buf, sizeof(buf));
	for (pos = 0; pos < nread; pos += d->len) {
		d = (struct rec *)(buf + pos);
		if (d->type == 4)
			continue;
		n++;
	}
	COSY_END()
	return n;
}
// BPF: (void)(R->v_pos += ((long)COSY_RGN_ATV(unsigned short, F->b_buf, 88, COSY_RGN_IDX(&V->st, R->v_d, 4095UL, 18))));
