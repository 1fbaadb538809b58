/* A flexible array member not reached through a pointer: no size to check. */
#include <unistd.h>
#include <cosy/cosy.h>
struct rec {
	long n;
	char name[];
};
extern struct rec table;
int f(void)
{
	int c = 0;

	COSY_START(r)
	c = table.name[1];
	COSY_END()
	return c;
}
// EXPECT: flexible_array.c:14:6: error: this subscript cannot run in a compound: the array has no size (a flexible array member), and the compound checks every index against one; give it a size (glibc's struct dirent64 from <dirent.h> has char d_name[256])
