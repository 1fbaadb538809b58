/* major()'s argument is read twice by the region, so it may not change anything. */
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <cosy/cosy.h>
unsigned f(int n)
{
	struct stat st[4];
	unsigned m = 0;
	int i = 0;

	COSY_START(r)
	stat("/", &st[0]);
	while (i < n && i < 4)
		m += major(st[i++].st_dev);
	COSY_END()
	return m;
}
// EXPECT: major_side_effect.c:14:8: error: major()'s argument cannot run in a compound: a region reads it more than once, so it may not assign, ++ or call
