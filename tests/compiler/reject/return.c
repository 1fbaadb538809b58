/* return of a pointer from inside the region. */
#include <stddef.h>
#include <cosy/cosy.h>
char *f(int x)
{
	COSY_START(r)
	if (x > 3)
		return NULL;
	COSY_END()
	return 0;
}
// EXPECT: return.c:8:3: error: return cannot run in a compound here: the function returns pointers, and a region can return only integer values (or nothing)
