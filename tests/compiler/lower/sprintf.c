/*
 * sprintf(dst, fmt, ...) is snprintf's sink stored whole: the region
 * traps where the output and its NUL do not fit in dst's array from its
 * offset (C would write past it), and its value is the length.
 */
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	char name[16];
	long n = 0;

	COSY_START(spr)
	n = sprintf(name + 2, "f%d.txt", argc);
	write(1, name, (size_t)n + 2);
	COSY_END()
	return argv[0] == NULL;
}
// BPF: __u64 __t = __h[1], __o = (__u64)(2); if (__o >= 16UL || __t >= 16UL - __o || __t > 4096) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 15);
// BPF: cosy_memset(F->st.s, 64 + (__u32)__o + (__u32)__t, 0, 1), 15); (int)__t; })
