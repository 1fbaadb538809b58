/*
 * fds kept in memory: an int array from before the region (the program's
 * fds, granted from each element; closed in the region, so handed over),
 * the fds the region opens stored into it, a struct member a helper reads
 * through a pointer (granted from that member only, at its offset in
 * each element of the array of structs), and an fd copied out of memory.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
struct in { long pos; int fd; char buf[16]; };
static long fill(struct in *r)
{
	return read(r->fd, r->buf, sizeof(r->buf));
}
int main(int argc, char **argv)
{
	int fds[3], n = 1;
	struct in ins[2];
	long t = 0;

	fds[0] = open(argv[1], O_RDONLY);
	ins[0].fd = 0;
	ins[1].fd = fds[0];
	COSY_START(fdmem)
	int fd = open("/dev/null", O_WRONLY);

	fds[n++] = fd;
	fds[n++] = argc > 3 ? 1 : -1;
	for (int i = 0; i < 2; i++)
		t += fill(&ins[i]);
	for (int i = 0; i < n; i++) {
		int w = fds[i];

		t += write(w, ins[0].buf, 1);
		close(fds[i]);
	}
	COSY_END()
	return (int)t;
}
// HOST: const long long __cosy_g[] = { COSY_RGN_CLOSABLE((long long)*(const int *)((const char *)fds + 0)), COSY_RGN_CLOSABLE((long long)*(const int *)((const char *)fds + 4)), COSY_RGN_CLOSABLE((long long)*(const int *)((const char *)fds + 8)), (long long)*(const int *)((const char *)ins + 8), (long long)*(const int *)((const char *)ins + 40), 1LL };
// BPF: __r = cosy_read(F->st.s, (int)COSY_RGN_ATV(int, F->b_ins, 
