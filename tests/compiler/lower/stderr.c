/*
 * Reports to stderr in a loop that goes on run in the kernel: perror(s)
 * is s, ": " unless s is empty, strerror(errno) from the table the runtime
 * writes into the segment (its slot up to the NUL; past the table
 * "Unknown error N"), and a newline; fprintf(stderr, ...) and fputs() to
 * stderr format as printf() does, into a buffer of their own, written to
 * fd 2 at the end of each call.  fd 2 is granted; the host learns where
 * the buffer and the table are.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	int i, fd, bad = 0;

	COSY_START(r)
	for (i = 1; i < argc; i++) {
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			perror(argv[i]);
			bad++;
			continue;
		}
		if (fsync(fd) < 0)
			fprintf(stderr, "%s: fsync: %s\n", argv[i], strerror(errno));
		perror("done");
		fputs("next\n", stderr);
		close(fd);
	}
	COSY_END()
	return bad;
}
// INFO: 1 fds granted
// BPF: static const char cosy_fmt0[] = "Unknown error %d";
// BPF: static const char cosy_fmt2[] = ": fsync: ";
// BPF: static const char cosy_fmt3[] = "done: ";
// BPF: static const char cosy_fmt4[] = "next\n";
// BPF: if (__k && cosy_rgn_out_fill(&F->st, &V->st, (__u32 *)F->b_stderr_buf,
// BPF: int __e = (int)(((int)V->st.err)); if ((__u32)__e < 134) { __s64 __k = cosy_memchr(F->st.s,
// BPF: cosy_rgn_out_flush(&F->st, &V->st, (__u32 *)F->b_stderr_buf,
// BPF: 1024, 2, 
// HOST: const long long __cosy_g[] = { 2LL };
