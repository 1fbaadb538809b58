/*
 * strtol(argv[1], &end, 10), then end == argv[1]: end points into the
 * copy of argv[1] the host puts in a slot, and argv[1] in the comparison
 * is that slot's start (or NULL, which the host marks in its last byte).
 */
#include <stdlib.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	char *end;
	long v = 0;
	int bad = 0;

	if (argc < 2)
		return 2;
	COSY_START(ae)
	v = strtol(argv[1], &end, 10);
	if (end == argv[1] || *end)
		bad = 1;
	COSY_END()
	return bad + (int)v;
}
// BPF: 	if ((V->v_end == ((long)(COSY_RGN_AT(unsigned char, F->b_path, 4095UL) ? 9223372036854775808UL : 0UL))) ||
