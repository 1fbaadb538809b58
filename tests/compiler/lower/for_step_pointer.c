/*
 * A for step that reads through a pointer the body sets (getdents64's
 * records walked as `for (pos = 0; pos < n; pos += d->d_reclen)`): the
 * step is built after the body, so where d points is known to it, and d
 * is definitely assigned there when the body neither breaks nor continues.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
long f(int dfd)
{
	char dbuf[1024];
	struct dirent64 *d;
	long n, pos, count = 0;

	COSY_START(r)
	n = getdents64(dfd, dbuf, sizeof(dbuf));
	for (pos = 0; pos < n; pos += d->d_reclen) {
		d = (struct dirent64 *)(dbuf + pos);
		count += d->d_type == DT_DIR;
	}
	COSY_END()
	return count;
}
// BPF: (void)(R->v_pos += ((long)COSY_RGN_ATV(unsigned short, F->b_dbuf, 88, 16UL + COSY_RGN_IDX(&V->st, R->v_d, 1007UL, 20))));
