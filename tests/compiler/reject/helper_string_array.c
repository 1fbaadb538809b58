/* A ?: of an array the region writes and a literal, for a helper's const char *: not a string the host can compute. */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
static int first(const char *s)
{
	return s[0];
}
int main(int argc, char **argv)
{
	char line[64] = "";
	int c, fd;

	COSY_START(r)
	fd = open("/etc/hostname", O_RDONLY);
	read(fd, line, sizeof(line) - 1);
	close(fd);
	c = first(argc > 1 ? line : "-");
	COSY_END()
	return c;
}
// EXPECT: helper_string_array.c:18:12: error: this conditional cannot run in a compound: its pointers point into different variables ('line' and a string literal), and cosy-cc keeps a pointer as an offset into one variable
