/*
 * strcspn()'s set is a string literal: a set in a variable is refused,
 * by name, not lowered to a scan per byte of the set.
 */
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	char buf[32];
	const char *seps = argc > 1 ? ",;" : " ";
	long k = 0;

	COSY_START(ss)
	if (read(0, buf, sizeof(buf) - 1) > 0) {
		buf[31] = 0;
		k = (long)strcspn(buf, seps);
	}
	COSY_END()
	return (int)k + (argv[0] == 0);
}
// EXPECT: strspn_set.c:17:26: error: strcspn()'s set cannot run in a compound unless it is a string literal (" \t\n")
