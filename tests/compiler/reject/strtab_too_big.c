/*
 * A table of more than 256 strings indexed by the region's own counter:
 * the host copies at most 256 (and computes one string only from what the
 * region does not change), so it is refused, naming both ways out.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(void)
{
	const char *names[257] = { "f" };
	int fd, n = 0;

	COSY_START(big)
	for (int i = 0; i < 2; i++) {
		fd = open(names[i], O_RDONLY);
		if (fd >= 0) {
			n++;
			close(fd);
		}
	}
	COSY_END()
	return n;
}
// EXPECT: strtab_too_big.c:16:13: error: this path cannot run in a compound: the compound cannot follow the program's pointers, so the string a char * names (argv[1]) is copied in before the region runs, and 'i' is the region's own variable; keep the strings in a char array the region indexes (char names[N][LEN]) or an array of at most 256 char * (const char *names[N]), or run one region per string
