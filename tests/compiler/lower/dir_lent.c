/*
 * A DIR * opened before the region: the host empties glibc's buffer
 * (seekdir() to telldir()) and lends the region its fd; each record the
 * region takes leaves its d_off, and the host seeks the stream there
 * after the run, where glibc's telldir() would be.
 */
#include <dirent.h>
#include <cosy/cosy.h>
int main(void)
{
	int n = 0;
	DIR *d = opendir(".");

	if (!d)
		return 1;
	COSY_START(lent)
	while (n < 3 && readdir(d))
		n++;
	COSY_END()
	closedir(d);
	return n;
}
// BPF: int v_d_fd;	/* in */
// BPF: long long v_d_doff;	/* out if assigned */
// BPF: (V->v_d_doff = COSY_RGN_ATV(long long, F->b_d_buf,
// BPF: a->v_d_doff = V->v_d_doff;
// HOST: const long long __cosy_g[] = { (long long)(d ? dirfd(d) : -1) };
// HOST: seekdir(d, telldir(d));
// HOST: __cosy_a.v_d_fd = (d ? dirfd(d) : -1);
// HOST: if (__cosy_a.v_d_got)
// HOST: seekdir(d, __cosy_a.v_d_doff);
