/*
 * errno in an error path: `if (errno == EINTR) continue;` at the head of a
 * block that ends in perror() and return is the region's own code (a
 * test of errno, not a call), and so is saving errno across close(); the
 * tail begins at perror().
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(int in)
{
	char buf[512];
	long n;

	COSY_START(eintr)
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("read");
			return 1;
		}
		if (write(1, buf, n) != n)
			return 2;
	}
	COSY_END()
	return 0;
}
// BPF: if (V->st.err == 4) {
// BPF: V->st.status = COSY_RGN_HOST;
// HOST: case 1: {
// HOST: perror("read");
int g(const char *path)
{
	char buf[512];
	long n;
	int fd;

	COSY_START(saved)
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	if (n < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		perror("read");
		return 1;
	}
	close(fd);
	COSY_END()
	return 0;
}
// BPF: V->v_saved = V->st.err;
// BPF: V->st.err = V->v_saved;
// HOST: perror("read");
