/*
 * strcmp and strncmp: a byte scan of both strings to the first difference
 * or NUL (bpf_loop, one callback each), at most the first string's
 * variable and its NUL; strncmp also stops at n.  The result is the byte
 * difference, as glibc's.
 */
#include <string.h>
#include <cosy/cosy.h>
int f(void)
{
	char name[32] = "..", other[16] = "..x";
	int r;

	COSY_START(r)
	r = strcmp(name, ".") == 0;
	r += strncmp(name, other, 2);
	COSY_END()
	return r;
}
// BPF: /* strcmp.c:15: strcmp, one byte per bpf_loop() iteration */
// BPF: if (c == 0)
// BPF: /* strcmp.c:16: strncmp, one byte per bpf_loop() iteration */
// BPF: __u64 __n = 33UL; __u64 __s0 = (__u64)(0)
// BPF: __u64 __n = 33UL; __u64 __m = (__u64)(2UL); if (__m < __n) __n = __m;
