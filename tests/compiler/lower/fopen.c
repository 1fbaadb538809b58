/*
 * A FILE the region opens with fopen(path, "r"): open(path, O_RDONLY)
 * and a stream of the region's own (fd, a 4 KiB buffer, pos, len and the
 * flags), read by the code stdin's is read by: fgets()'s callback
 * refills the buffer from the FILE's fd; getc() reads through it;
 * fclose() is close().  No stdin lent, nothing for the host to hand back.
 */
#include <stdio.h>
#include <string.h>
#include <cosy/cosy.h>
long f(const char *path)
{
	char line[128];
	long n = 0;

	COSY_START(fo)
	FILE *in = fopen(path, "re");
	if (in == NULL)
		return -1;
	while (fgets(line, sizeof(line), in) != NULL && getc(in) != EOF)
		n += strlen(line);
	if (ferror(in))
		n = -2;
	fclose(in);
	COSY_END()
	return n;
}
// BPF: int v_in_fd;
// BPF: long v_in_pos;
// BPF: k = cosy_read(F->st.s, (int)V->v_in_fd, 
// BPF: V->v_in_pos = (long)(pos + want);
// BPF: __r = cosy_read(F->st.s, (int)V->v_in_fd, 
// BPF: int __fl = (int)524288;
// BPF: ((V->v_in_pos = 0L), ((V->v_in_len = 0L), ((V->v_in_eof = 0), ((V->v_in_err = 0), ((long)0L)))))
// BPF: long __r = cosy_close(F->st.s, __fd);
// NOT-BPF: cosy_read(F->st.s, 0,
