/*
 * An index after a pointer (d->d_name[k]): k is checked against its
 * array, and the whole offset (the pointer's, the member's, k's) against
 * the buffer, so that a record near the buffer's end reads as far as it
 * goes.  A pointer alone is checked against the room its access leaves.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
long names(int dfd)
{
	char dbuf[1024];
	struct dirent64 *d;
	long n, off, sum = 0;
	int k;

	COSY_START(r)
	while ((n = getdents64(dfd, dbuf, sizeof(dbuf))) > 0)
		for (off = 0; off < n; off += d->d_reclen) {
			d = (struct dirent64 *)(dbuf + off);
			for (k = 0; d->d_name[k]; k++)
				sum += d->d_name[k];
		}
	COSY_END()
	return sum;
}
// BPF: COSY_RGN_IDX(&V->st, 19UL + COSY_RGN_IDX(&V->st, R->v_k, 256UL, 23) + (__u64)(R->v_d), 1024UL, 23)
// BPF: 16UL + COSY_RGN_IDX(&V->st, V->v_d, 1007UL, 21)
