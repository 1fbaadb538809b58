/*
 * names[i], names an array of char * from before the region and i the
 * region's own counter: a table the host fills (COSY_RGN_STRTAB), each
 * string in a 256-byte slot, so the path is the slot i * 256 checked
 * against the table's size.  strlen() reads the slots too.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
long f(void)
{
	const char *names[] = { "x", "y", "z" };
	long len = 0;
	int i, fd, opened = 0;

	COSY_START(tab)
	for (i = 0; i < 3; i++) {
		len += (long)strlen(names[i]);
		fd = open(names[i], O_RDONLY);
		if (fd >= 0) {
			opened++;
			close(fd);
		}
	}
	COSY_END()
	return len + opened;
}
// HOST: { names, 328, 768, COSY_RGN_STRTAB, "names" }
// BPF: (((unsigned long)V->v_i) * 256UL)
// BPF: if (__o < 2816) __r = cosy_open(F->st.s,
