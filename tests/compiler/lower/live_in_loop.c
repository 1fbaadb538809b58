/* Assigned in a loop body that may not run: copied back if assigned; do/while: always. */
#include <cosy/cosy.h>
void f(int n)
{
	int a = 5, b = 5, i;

	COSY_START(r)
	for (i = 0; i < n; i++)
		a = i;
	do
		b = n;
	while (0);
	COSY_END()
	(void)a;
	(void)b;
}
// BPF: 	int v_a;	/* out if assigned */
// BPF: 	int v_b;	/* out */
