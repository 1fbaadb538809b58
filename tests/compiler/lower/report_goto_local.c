/*
 * A report to stderr before a goto out, where what runs after the label
 * names the region's own variable: no host tail (that would run after
 * the region, where the variable is gone), but lowered in the kernel, as
 * reports to stderr can be.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *path)
{
	int fd, rc = 0;

	COSY_START(r)
	int tries = 1;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		goto out;
	}
	close(fd);
out:
	rc = tries;
	COSY_END()
	return rc;
}
// BPF: if (cosy_rgn_out_flush(&F->st, &V->st, (__u32 *)F->b_stderr_buf, 4416, 1024, 2, 20)) return 1;
// BPF: V->v_rc = V->v_tries;
