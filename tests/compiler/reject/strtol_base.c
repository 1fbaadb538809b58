/*
 * A constant base glibc refuses (EINVAL, the end left as it was) is the
 * program's mistake: cosy-cc names it rather than lower it.
 */
#include <stdlib.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(void)
{
	char buf[32];
	long v = 0;

	COSY_START(nb)
	if (read(0, buf, sizeof(buf) - 1) > 0) {
		buf[31] = 0;
		v = strtol(buf, NULL, 1);
	}
	COSY_END()
	return (int)v;
}
// EXPECT: strtol_base.c:16:25: error: strtol() with base 1 cannot run in a compound: the base is 0 or 2 to 36 (glibc fails any other with EINVAL)
