/*
 * A loop that opens or closes a file each turn walks the fd table (64
 * slots, a branch each) each turn: one bpf_loop() pass per turn, never a
 * chunk of 32, which 6.12's verifier refused (8193 pending branches).  A
 * close() on the way out of a loop runs once: that loop is still chunked.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
int split(void)
{
	char name[] = "out.0", buf[64];
	int i, fd = -1, parts = 0;

	COSY_START(r)
	for (i = 0; i < 4; i++) {
		name[4] = (char)('0' + i);
		fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			break;
		close(fd);
		parts++;
	}
	fd = open("in", O_RDONLY);
	read(fd, buf, sizeof(buf));
	for (i = 0; i < 64; i++)
		if (buf[i] == '\n') {
			close(fd);
			break;
		}
	COSY_END()
	return parts;
}
// BPF: fd_loop.c:16: the for loop, one bpf_loop() iteration per pass
// BPF: fd_loop.c:26: the for loop, COSY_RGN_CHUNK iterations per bpf_loop() pass */
