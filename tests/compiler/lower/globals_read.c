/* A global read in a region is a live-in value. */
#include <cosy/cosy.h>
int threshold = 3;
static const long scale = 10;
void f(int x)
{
	long y;

	COSY_START(r)
	y = x > threshold ? x * scale : 0;
	COSY_END()
	(void)y;
}
// BPF: 	int v_threshold;	/* in */
// HOST: __cosy_a.v_threshold = threshold;
