/*
 * goto out: the cleanup idiom.  In the body it is C's goto; out of a
 * loop's callback it ends the loops with COSY_RGN_JUMP, and the body,
 * after the loop, goes on to the label.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *path, int want)
{
	char buf[64];
	int fd, r = -1;
	long n, i;

	COSY_START(r)
	fd = open(path, O_RDONLY);
	if (fd < 0)
		goto out;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i++)
			if (buf[i] == want) {
				r = (int)i;
				goto done;
			}
done:
	close(fd);
out:
	r++;
	COSY_END()
	return r;
}
// BPF: { V->st.jump = 1; V->st.status = COSY_RGN_JUMP; return 1; }
// BPF: goto cosy_l2;
// BPF: if (V->st.status == COSY_RGN_JUMP) {
// BPF: if (V->st.jump == 1)
// BPF: goto cosy_l1;
// BPF: cosy_l1: __attribute__((unused));
// BPF: cosy_l2: __attribute__((unused));
