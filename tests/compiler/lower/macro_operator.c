/*
 * Operators from function-like macros over variables lower like the code
 * they expand to (libclang 17 and later names them).
 */
#include <sys/stat.h>
#include <cosy/cosy.h>
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define TWICE(a) a + a
void f(int x, int y, unsigned mode)
{
	int z, d;

	COSY_START(r)
	z = MIN(x, y) * TWICE(y);
	d = S_ISDIR(mode) || S_ISREG(mode);
	COSY_END()
	(void)z;
	(void)d;
}
/* TWICE is unhygienic: C reads MIN(x, y) * y + y, and so does the compound */
// BPF: V->v_z = ((((V->v_x < V->v_y) ? V->v_x : V->v_y) * V->v_y) + V->v_y);
// BPF: V->v_d = (((V->v_mode & 61440U) == 16384U) || ((V->v_mode & 61440U) == 32768U));
