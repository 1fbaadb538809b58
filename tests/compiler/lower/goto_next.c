/*
 * goto next; to a label at the end of the loop body it is in (the
 * per-item cleanup idiom): C's goto inside the iteration's function,
 * not a jump out of the loop's callbacks.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	int rc = 0;

	COSY_START(gn)
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);

		if (fd < 0)
			continue;
		if (fsync(fd) < 0) {
			rc = 1;
			goto next;
		}
		rc += 2;
next:
		close(fd);
	}
	COSY_END()
	return rc;
}
// BPF: /* goto_next.c:21: goto next; */
// BPF: goto cosy_l1;
// BPF: /* goto_next.c:23: rc += 2; */
// BPF: cosy_l1: __attribute__((unused));
// BPF: /* goto_next.c:25: close(fd); */
// NOT-BPF: COSY_RGN_JUMP
