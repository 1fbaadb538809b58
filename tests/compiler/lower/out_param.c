/*
 * *err and *bytes, out-parameters of the function the region is in, are
 * variables of the region's named "(*err)" and "(*bytes)": the host
 * copies *bytes in (it is read) and both back (*err only if the region
 * set it), and lists every scalar it copies for the runtime to hold each
 * *p against (ALIAS, DEREF).
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
long count(const char *path, int *err, long *bytes)
{
	char buf[512];
	long lines = 0, n;
	int fd;

	COSY_START(cnt)
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		*err = errno;
	} else {
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			*bytes += n;
		close(fd);
	}
	COSY_END()
	return lines;
}
// BPF: 	int v_deref_err;	/* out if assigned */
// BPF: 	long v_deref_bytes;	/* in/out */
// BPF: R->v_deref_bytes += V->v_n;
// BPF: V->v_deref_err = V->st.err;
// HOST: { &(*err), 0, sizeof((*err)), COSY_RGN_ALIAS | COSY_RGN_DEREF, "(*err)" },
// HOST: { &n, 0, sizeof(n), COSY_RGN_ALIAS, "n" },
// HOST: __cosy_a.v_deref_bytes = (*bytes);
// HOST: (*err) = __cosy_a.v_deref_err;
// HOST: (*bytes) = __cosy_a.v_deref_bytes;
