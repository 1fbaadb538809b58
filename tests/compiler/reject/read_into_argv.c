/*
 * read() into argv[1]: the compound cannot write the program's strings
 * (only a call that reads memory takes one).
 */
#include <unistd.h>
#include <cosy/cosy.h>
long f(int fd, char **argv)
{
	long n;

	COSY_START(into)
	n = read(fd, argv[1], 8);
	COSY_END()
	return n;
}
// EXPECT: read_into_argv.c:12:15: error: this data argument cannot run in a compound: it must be an array, array + offset, &variable, &array[index] or &struct.member
