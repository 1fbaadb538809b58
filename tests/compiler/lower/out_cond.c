/*
 * A string argument of an output call chosen by ?: lowers as a conditional
 * of two calls, each with its own string (a literal, a slot of argv's
 * table), the condition evaluated once.
 */
#include <stdio.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	int i, first = 1, shown = 0;

	COSY_START(ocond)
	for (i = first; i <= argc; i++)
		perror(i == argc ? "stdin" : argv[i]);
	printf("%s==> %d <==\n", shown++ ? "\n" : "", argc);
	COSY_END()
	return shown;
}
// BPF: static const char cosy_fmt0[] = "stdin: ";
// BPF: static const char cosy_fmt3[] = "\n==> %d <==\n";
// BPF: static const char cosy_fmt4[] = "==> %d <==\n";
// BPF: (void)((V->v_i == V->v_argc) ? ((((void)((void)({ long __r = bpf_snprintf((char *)F->b_stdout_piece, 256, cosy_fmt0,
// BPF: (void)((V->v_shown++) ? ((void)({ __u64 __d[1] = { (__u64)(((int)V->v_argc)) }; long __r = bpf_snprintf((char *)F->b_stdout_piece, 256, cosy_fmt3
