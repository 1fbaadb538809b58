/*
 * open(), openat() and creat() with a path inside a variable, not at its
 * start: a table's row, a struct's char array, a pointer the region sets,
 * &name[k], array + an offset the region changes.  The offset must be in
 * the variable; the kernel reads the name from there to its NUL.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
struct job {
	int mode;
	char out[16];
};
int f(int dfd)
{
	char names[3][8] = { "a", "b", "c" }, flat[12] = "t.1\0xxt.2";
	struct job job = { 0644, "out" };
	int fd, n = 0, i;
	long k;
	char *p;

	COSY_START(r)
	for (i = 0; i < 3; i++) {
		fd = openat(dfd, names[i], O_RDONLY);
		if (fd >= 0)
			n += close(fd) == 0;
	}
	fd = creat(job.out, 0600);
	if (fd >= 0)
		close(fd);
	p = names[1] + 1;
	fd = open(p, O_RDONLY);
	if (fd >= 0)
		close(fd);
	fd = open(&flat[4], O_RDONLY);
	if (fd >= 0)
		close(fd);
	for (k = 0; k < 12; k += 6) {
		fd = open(flat + k, O_RDONLY);
		if (fd >= 0)
			close(fd);
	}
	COSY_END()
	return n;
}
// BPF: if (__o < 24) __r = cosy_openat(F->st.s, (int)
// BPF: if (__o < 20) __r = cosy_open(F->st.s,
// BPF: if (__o < 24) __r = cosy_open(F->st.s,
// BPF: __r = cosy_open(F->st.s,
// BPF: if (__o < 12) __r = cosy_open(F->st.s,
// NOT-BPF: __r = 1
