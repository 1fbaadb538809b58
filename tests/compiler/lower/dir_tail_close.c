/*
 * closedir() in a branch that leaves the region, beside fprintf() to a
 * FILE the region writes: the DIR is the compound's, and so is the call
 * (before, closedir() counted as a call only user space makes, and the
 * branch was refused for holding the compound's DIR).
 */
#include <dirent.h>
#include <stdio.h>
#include <cosy/cosy.h>
int f(const char *dir, const char *out_path)
{
	struct dirent *e;
	int n = 0;

	COSY_START(ls)
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	FILE *out = fopen(out_path, "w");
	if (!out) {
		perror(out_path);
		closedir(d);
		return -2;
	}
	while ((e = readdir(d)) != NULL) {
		fprintf(out, "%s\n", e->d_name);
		n++;
	}
	closedir(d);
	fclose(out);
	COSY_END()
	return n;
}
// BPF: /* dir_tail_close.c:22: closedir(d); */
// BPF: long __r = cosy_close(F->st.s, __fd);
// BPF: V->v_ret = (-2);
// NOT-BPF: V->st.status = COSY_RGN_HOST;
