/*
 * A string of the program's (argv[2], a const char * from before the
 * region) as memory a call only reads: memcmp's, memcpy's source, write's
 * data.  It takes a string slot the host fills, as a path does.  Into it
 * (read's buffer) it stays refused: see reject/read_into_argv.c.
 */
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
long f(int fd, char **argv, const char *sep)
{
	char buf[64];
	long n, hits = 0;

	COSY_START(src)
	n = read(fd, buf, sizeof(buf));
	if (n >= 3 && memcmp(buf, argv[2], 3) == 0)
		hits++;
	memcpy(buf, argv[2], 2);
	n = write(1, argv[2], strlen(argv[2]));
	n += write(1, sep, 4);
	COSY_END()
	return n + hits;
}
// HOST: { (argv[2]), 104, 4096, COSY_RGN_STR, "argv[2]" },
// HOST: { sep, 4200, 4096, COSY_RGN_STR, "sep" }
// BPF: cosy_memcpy(F->st.s, 8296 + (__u32)__o, 104 + (__u32)__s, (__u32)__n), 19);
// BPF: __r = cosy_write(F->st.s, (int)1, 104, (__u32)__n);
// BPF: __r = cosy_write(F->st.s, (int)1, 4200, (__u32)__n);
