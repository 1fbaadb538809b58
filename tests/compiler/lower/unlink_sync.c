/*
 * unlink, unlinkat (flags 0), fsync, fdatasync and ftruncate: one kfunc
 * each (cosy_unlinkat with COSY_AT_FDCWD for unlink, cosy_fsync's last
 * argument says fdatasync); the region is flagged as one that unlinks
 * and truncates, which COSY_MODE=check says.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *path, int dirfd)
{
	int fd, r = 0;

	COSY_START(r)
	fd = open(path, O_RDWR);
	if (fd >= 0) {
		r += ftruncate(fd, 4096);
		r += fsync(fd);
		r += fdatasync(fd);
		close(fd);
	}
	r += unlink(path);
	r += unlinkat(dirfd, "old", 0);
	COSY_END()
	return r;
}
// BPF: cosy_ftruncate(F->st.s, (int)V->v_fd, (__s64)(4096L))
// BPF: cosy_fsync(F->st.s, (int)V->v_fd, 0)
// BPF: cosy_fsync(F->st.s, (int)V->v_fd, 1)
// BPF: __r = cosy_unlinkat(F->st.s, COSY_AT_FDCWD, 
// BPF: __r = cosy_unlinkat(F->st.s, (int)V->v_dirfd, 
// HOST: , COSY_RGN_F_UNLINKS | COSY_RGN_F_TRUNCATES | COSY_RGN_F_RDWR | 0, 0,
