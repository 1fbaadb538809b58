/*
 * Error paths: a block that ends by leaving the region (return, exit())
 * and calls what a compound cannot (perror, fprintf) stops the compound
 * where it begins (close(fd) before it stays in the kernel); the host
 * runs its statements as written, and the fallback's copy of them is
 * marked so that check mode compares there first.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *path)
{
	char buf[64];
	int fd;
	long n;

	COSY_START(tl)
	fd = open(path, O_RDONLY);
	if (fd < 0)
		exit(2);
	n = read(fd, buf, sizeof(buf));
	if (n < 0) {
		close(fd);
		perror(path);
		return -1;
	}
	close(fd);
	COSY_END()
	return (int)n;
}
// BPF: V->st.status = COSY_RGN_HOST;
// BPF: V->st.line = 1;
// BPF: cosy_close(
// BPF: V->st.line = 2;
// HOST: if (__cosy_a.hdr.rgn_status == COSY_RGN_HOST)
// HOST: case 1: {
// HOST: exit(2);
// HOST: case 2: {
// HOST: perror(path);
// HOST: { __cosy_t = 2; if (__cosy_p == COSY_REGION_CHECKED) goto __cosy_ret_tl; __cosy_tail_tl_2: ; perror(path);
// HOST: case 2: goto __cosy_tail_tl_2;
/*
 * A loop whose error branch leaves the region stays in the kernel: the
 * branch is the tail, not the loop and what follows it.
 */
int g(int in, int out)
{
	char buf[64];
	long n;

	COSY_START(tl2)
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (write(out, buf, n) != n) {
			perror("write");
			return 1;
		}
	}
	if (n < 0) {
		perror("read");
		return 2;
	}
	return 0;
	COSY_END()
}
// BPF: cosy_write(
// BPF: /* host_tail.c:56: perror("write"); */
// BPF: /* host_tail.c:61: perror("read"); */
// HOST: case 2: goto __cosy_tail_tl2_2;
