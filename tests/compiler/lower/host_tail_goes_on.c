/*
 * Error paths after which the original goes on: an if's branch that
 * reports and ends, a report and goto to the cleanup at the region's top
 * level, a report and break out of a loop.  The compound stops where the
 * report begins; the host jumps to it in the original block, which runs
 * the rest in user space (the kernel does not copy them).
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *path)
{
	int fd;

	COSY_START(r)
	fd = open(path, O_RDONLY);
	if (fd < 0)
		perror(path);
	else
		close(fd);
	COSY_END()
	return 0;
}
// BPF: V->st.status = COSY_RGN_HOST;
// HOST: case 1: goto __cosy_tail_r_1;
// HOST: __cosy_tail_r_1: ; perror(path); }
// HOST: __cosy_p = COSY_REGION_USER;
int g(const char *path)
{
	char buf[64];
	int fd, rc = 0;
	long n;

	COSY_START(g_out)
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		rc = 1;
		goto out;
	}
	n = read(fd, buf, sizeof(buf));
	if (n < 0) {
		fprintf(stderr, "read %s\n", path);
		rc = 2;
		goto out_close;
	}
out_close:
	close(fd);
out:
	rc += 10;
	COSY_END()
	return rc;
}
// HOST: case 1: goto __cosy_tail_g_out_1;
// HOST: case 2: goto __cosy_tail_g_out_2;
// HOST: __cosy_tail_g_out_2: ; fprintf(stderr, "read %s\n", path);
int h(int out, int in)
{
	char buf[64];
	int k, rc = 0;
	long n;

	COSY_START(h_break)
	for (k = 0; k < 8; k++) {
		n = read(in, buf, sizeof(buf));
		if (n < 0) {
			perror("read");
			rc = 1;
			break;
		}
		write(out, buf, n);
	}
	close(in);
	COSY_END()
	return rc + k;
}
// BPF: cosy_write(
// HOST: case 1: goto __cosy_tail_h_break_1;
