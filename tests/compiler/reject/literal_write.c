/* A write through a pointer into a string literal (the plain build's read-only data would fault). */
#include <cosy/cosy.h>
int f(void)
{
	int n = 0;

	COSY_START(r)
	char *w = "ab";
	w[0] = 'x';
	n = w[1];
	COSY_END()
	return n;
}
// EXPECT: literal_write.c:9:2: error: assignment to this operand cannot run in a compound: it is a string literal's byte, which C forbids writing
