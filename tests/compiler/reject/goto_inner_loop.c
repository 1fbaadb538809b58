/* A goto from an inner loop to a label of the loop around it: the two are different callbacks. */
#include <unistd.h>
#include <cosy/cosy.h>
int f(int n)
{
	char c;
	int rc = 0;

	COSY_START(r)
	for (int i = 0; i < n; i++) {
		while (read(0, &c, 1) == 1)
			if (c == 'x')
				goto next;
		rc++;
next:
		rc += 2;
	}
	COSY_END()
	return rc;
}
// EXPECT: goto_inner_loop.c:13:5: error: this goto cannot run in a compound: it leaves an inner loop for a label of the loop around it; a goto out of loops may reach labels of the region's top level only
