/* A literal path: copied in with its exact length. */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
void f(void)
{
	int fd;

	COSY_START(r)
	fd = open("/etc/hostname", O_RDONLY);
	close(fd);
	COSY_END()
}
// BPF: path literal
// HOST: { "/etc/hostname", 312, 14, COSY_RGN_STR | COSY_RGN_IN, "literal" }
