/*
 * strtol()'s end pointer must be NULL or the address of a char *
 * variable, which then points into the string's array.
 */
#include <stdlib.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(void)
{
	char buf[32];
	char *ends[2];
	long v = 0;

	COSY_START(ne)
	if (read(0, buf, sizeof(buf) - 1) > 0) {
		buf[31] = 0;
		v = strtol(buf, &ends[0], 10);
	}
	COSY_END()
	return (int)v + (ends[0] != 0);
}
// EXPECT: strtol_end.c:17:19: error: strtol()'s end pointer cannot run in a compound here: pass NULL or &p, p a char * variable
