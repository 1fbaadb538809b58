/* More DIR * variables than a region holds (each has a 32 KiB buffer in the segment). */
#include <dirent.h>
#include <cosy/cosy.h>
int main(void)
{
	int n = 0;

	COSY_START(mn)
	DIR *a = opendir("a"), *b = opendir("b"), *c = opendir("c"), *d = opendir("d");
	DIR *e = opendir("e"), *f = opendir("f"), *g = opendir("g"), *h = opendir("h");
	DIR *i = opendir("i");
	n = !a + !b + !c + !d + !e + !f + !g + !h + !i;
	COSY_END()
	return n;
}
// EXPECT: dir_many.c:11:7: error: DIR 'i' cannot run in a compound: a region can have at most 8 DIR * variables (each inlined call's own counted), each with a buffer of 32768 bytes in the segment
// ONCE: error: DIR 'i' cannot run
