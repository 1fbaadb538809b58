/*
 * A width from an argument (%*ld, %-*d, %*s of a literal): the conversion
 * a piece of its own, padded with spaces to the width, a negative width
 * left-justifying; the pieces around it as before.
 */
#include <stdio.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	long n = argc;
	int w = argc + 4;

	COSY_START(pw)
	printf("%*ld: %-*d|%*s.\n", w, n, w, (int)n, w, "");
	COSY_END()
	(void)argv;
	return 0;
}
// BPF: static const char cosy_fmt0[] = "%ld";
// BPF: static const char cosy_fmt1[] = ": ";
// BPF: static const char cosy_fmt2[] = "%d";
// BPF: static const char cosy_fmt3[] = "|";
// BPF: static const char cosy_fmt4[] = "";
// BPF: static const char cosy_fmt5[] = ".\n";
// BPF: __s64 __q = (int)(V->v_w); { __s64 __l = __r > 1 ? __r - 1 : 0; if (1 && __q > 0) __q = -__q;
// BPF: __r = 1; __q = -__q; } if (__q && cosy_rgn_out_fill(&F->st, &V->st, (__u32 *)F->b_stdout_buf, 64, 4096, 1, 32, (__u32)__q, 14)) return 1;
