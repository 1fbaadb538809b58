/*
 * return inside a region: the compound stores the value and stops with
 * COSY_RGN_RETURN, out of its loops; the host returns it.  The fallback's
 * copy jumps to the region's exit instead, so that check mode compares.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
int first_nl(const char *path, int ret)
{
	char buf[512];
	long n, i;
	int fd;

	COSY_START(r)
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++)
			if (buf[i] == '\n') {
				close(fd);
				return (int)i + ret;
			}
	}
	close(fd);
	COSY_END()
	return 0;
}
/* the return value's field is named first, the parameter's after it */
// BPF: struct r_args {
// BPF: int v_ret;	/* out */
// BPF: int v_ret_2;	/* in */
// BPF: V->v_ret = (((int)R->v_i) + R->v_ret_2);
// BPF: V->st.status = COSY_RGN_RETURN;
// BPF: return 1;
// BPF: /* return.c:18: return -1; */
// BPF: V->v_ret = (-1);
// BPF: V->st.status = COSY_RGN_RETURN;
// HOST: int __cosy_r = 0;
// HOST: int __cosy_rv = 0;
// HOST: if (__cosy_a.hdr.rgn_status == COSY_RGN_RETURN)
// HOST: return (int)__cosy_a.v_ret;
// HOST: do { __cosy_rv = (-1); __cosy_r = 1; goto __cosy_ret_r; } while (0);
// HOST: do { __cosy_rv = ((int)i + ret); __cosy_r = 1; goto __cosy_ret_r; } while (0);
// HOST: __cosy_ret_r: ;
// HOST: cosy_rgn_cmp(&__cosy_rgn_r, "return", &__cosy_r, &__cosy_kr, sizeof(int), 1);
// HOST: if (__cosy_r)
// HOST: return __cosy_rv;

void g(int fd, int *out)
{
	char buf[8];

	COSY_START(v)
	if (read(fd, buf, 0) < 0)
		return;
	COSY_END()
	*out = 1;
}
// HOST: do { __cosy_r = 1; goto __cosy_ret_v; } while (0);

/* a const-qualified or enum return type: the value is held in its integer type */
enum verdict { NO, YES };
const int h(int fd)
{
	char buf[4];

	COSY_START(c)
	if (read(fd, buf, 1) < 0)
		return -1;
	COSY_END()
	return 0;
}
enum verdict e(int fd)
{
	char buf[4];

	COSY_START(en)
	if (read(fd, buf, 1) > 0)
		return YES;
	COSY_END()
	return NO;
}
// HOST: int __cosy_rv = 0;
// HOST: return (int)__cosy_a.v_ret;
// HOST: unsigned int __cosy_rv = 0;
