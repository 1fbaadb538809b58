/*
 * argv[i], argv main()'s and i the region's own counter: a vector the
 * host copies up to its NULL (C's argv[argc]) (COSY_RGN_STRTAB | COSY_RGN_STRVEC),
 * each string in a 256-byte slot of 256, so the path is the slot i * 256
 * checked against the vector's 64 KiB.  argv[1], whose index the region
 * never changes, stays one string the host computes.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	int i, fd, opened = 0;

	argv += 1;	/* still argv's vector */
	COSY_START(vec)
	fd = open(argv[1], O_RDONLY);
	if (fd >= 0)
		close(fd);
	for (i = 2; i < argc; i++) {
		fd = open(argv[i], O_RDONLY);
		if (fd >= 0) {
			opened++;
			close(fd);
		}
	}
	COSY_END()
	return opened;
}
// HOST: (argv[1])
// HOST: { argv, 4416, 65536, COSY_RGN_STRTAB | COSY_RGN_STRVEC, "argv" }
// BPF: (((unsigned long)V->v_i) * 256UL)
// BPF: if (__o < 67584) __r = cosy_open(F->st.s,
