/*
 * A path in a struct member (f.name) is evaluated by the host before the
 * run while the region writes the struct's other members: a store to
 * f.fd, and read() into f.buf through a helper's pointer, which may
 * write from f.buf to f's end but not the name before it.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
struct input { const char *name; int fd; char buf[64]; long len; };
static long fill(struct input *in)
{
	in->len = read(in->fd, in->buf, sizeof(in->buf));
	return in->len;
}
int main(int argc, char **argv)
{
	struct input f = { 0 };
	long total = 0;

	f.name = argc > 1 ? argv[1] : "in.txt";
	COSY_START(r)
	f.fd = open(f.name, O_RDONLY);
	if (f.fd >= 0) {
		while (fill(&f) > 0)
			total += f.len;
		close(f.fd);
	}
	COSY_END()
	return total > 0;
}
// BPF: path the program computes (host_path_member.c:23), copied in
// HOST: { (f.name), 
