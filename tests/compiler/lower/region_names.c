/* Region names are their own: the compound's entry is rgn__NAME, so main, LICENSE and bpf_loop compile. */
#include <cosy/cosy.h>
void f(int n)
{
	int a = 0, b = 0, c = 0;

	COSY_START(main)
	a = n + 1;
	COSY_END()
	COSY_START(LICENSE)
	b = a * 2;
	COSY_END()
	COSY_START(bpf_loop)
	while (c < b)
		c++;
	COSY_END()
	(void)c;
}
// BPF: int rgn__main(struct main_args *a)
