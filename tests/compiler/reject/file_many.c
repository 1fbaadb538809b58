/*
 * More FILE * variables than a region holds: the one refused is said
 * once, where it is declared; its later uses (a test, a write, fclose())
 * add no error of their own, in particular not that the program opened
 * it before the region.
 */
#include <stdio.h>
#include <cosy/cosy.h>
int main(void)
{
	int n = 0;

	COSY_START(fm)
	FILE *a = fopen("a", "w"), *b = fopen("b", "w"), *c = fopen("c", "w");
	FILE *d = fopen("d", "w"), *e = fopen("e", "w"), *f = fopen("f", "w");
	FILE *g = fopen("g", "w"), *h = fopen("h", "w"), *i = fopen("i", "w");
	n = !a + !b + !c + !d + !e + !f + !g + !h;
	if (!i)
		n++;
	fputs("x", i);
	fclose(i);
	COSY_END()
	return n;
}
// EXPECT: file_many.c:16:52: error: FILE 'i' cannot run in a compound: a region can have at most 8 FILE * variables (each inlined call's own counted), each with a buffer of 4096 bytes in the segment
// ONCE: error:
