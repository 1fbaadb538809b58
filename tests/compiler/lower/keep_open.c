/* An fd opened and not closed stays open for the program (cosy_keep). */
#include <fcntl.h>
#include <cosy/cosy.h>
int f(const char *p)
{
	int fd;

	COSY_START(r)
	fd = open(p, O_RDONLY);
	COSY_END()
	return fd;
}
// BPF: fd table: fds the region opened and did not close
// BPF: 	cosy_rgn_keep_all(&f.st, &V->st);
// HOST: fd = __cosy_a.v_fd;
