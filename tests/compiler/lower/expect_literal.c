/*
 * __builtin_expect() (likely/unlikely) is its first argument; a string
 * literal can be indexed, read from its copy in the segment.
 */
#include <cosy/cosy.h>
#define unlikely(x) __builtin_expect(!!(x), 0)
char out[16];

void f(long v, int fd)
{
	int k;

	COSY_START(r)
	if (unlikely(fd < 0))
		v = 0;
	for (k = 0; k < 16; k++)
		out[k] = "0123456789abcdef"[(v >> (60 - 4 * k)) & 15];
	COSY_END()
}
// BPF: 	__u8 *b_lit;	/* a literal: segment +
// BPF: if (((long)(!(!(V->v_fd < 0))))) {
// BPF: COSY_RGN_ATV(signed char, F->b_lit,
// HOST: { "0123456789abcdef",
// NOT-BPF: __builtin_expect
