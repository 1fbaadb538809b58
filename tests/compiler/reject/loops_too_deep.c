/* More nested loops than BPF call frames allow. */
#include <cosy/cosy.h>
void f(void)
{
	int a, b, c, d, e, g, n = 0;

	COSY_START(r)
	for (a = 0; a < 2; a++)
		for (b = 0; b < 2; b++)
			for (c = 0; c < 2; c++)
				for (d = 0; d < 2; d++)
					for (e = 0; e < 2; e++)
						for (g = 0; g < 2; g++)
							n++;
	COSY_END()
	(void)n;
}
// EXPECT: loops_too_deep.c:7:2: error: 6 nested loops cannot run in a compound: each loop is a bpf_loop() callback and BPF allows 8 call frames; at most 5 can nest
