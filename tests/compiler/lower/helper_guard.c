/*
 * A helper with a loop on the right of && runs first, under the left
 * side, when that side only tests scalars no call can change: the
 * statement then tests it again and reads the helper's value.
 */
#include <unistd.h>
#include <cosy/cosy.h>
static int put_all(int fd, const char *p, long n)
{
	while (n > 0) {
		long w = write(fd, p, n);

		if (w <= 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}
int f(int fd)
{
	char buf[16] = "hello\n";
	int rc = 0;

	COSY_START(hgd)
	if (rc == 0 && put_all(fd, buf, 6) < 0)
		rc = 1;
	COSY_END()
	return rc;
}
// BPF: V->v_put_all_ret = (-1);
// BPF: if (V->v_rc == 0) {
// BPF: V->v_put_all_done = 0;
// BPF: V->v_put_all_ret = 0;
// BPF: if ((V->v_rc == 0) && (V->v_put_all_ret < 0)) {
