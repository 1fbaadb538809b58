/* A pointer from outside read before the region sets it. */
#include <cosy/cosy.h>
int f(char *p)
{
	char buf[8];
	int c;

	COSY_START(r)
	if (*p)
		p = buf;
	c = *p;
	COSY_END()
	return c;
}
// EXPECT: pointer_live_in.c:9:7: error: cosy-cc cannot tell where 'p' points here: assign it in the region before this use
