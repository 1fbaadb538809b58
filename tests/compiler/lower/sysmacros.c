/*
 * major() and minor() of <sys/sysmacros.h> (glibc's gnu_dev_major() and
 * gnu_dev_minor()) as stat(1) prints st_dev: computed in the region from
 * the dev_t's bits as glibc does, the result an unsigned int.  A helper's
 * write() whose value is dropped is cast to void, so that the compound
 * compiles without a warning (the tests build it with -Werror).
 */
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <cosy/cosy.h>
static char out[64];
static int olen;
static void flush_out(void)
{
	if (olen > 0)
		write(1, out, olen);
	olen = 0;
}
int f(const char *path)
{
	struct stat st;
	unsigned ma = 0, mi = 0;

	COSY_START(dev)
	if (stat(path, &st) == 0) {
		ma = major(st.st_dev);
		mi = minor(st.st_dev);
	}
	flush_out();
	COSY_END()
	return ma + mi;
}
// BPF: V->v_ma = ({ unsigned long __e0 = COSY_RGN_AT(unsigned long, F->b_st, 0UL); ((unsigned int)(((((unsigned long)__e0) >> 8) & 4095UL) | ((((unsigned long)__e0) >> 44) << 12))); });
// BPF: V->v_mi = ({ unsigned long __e1 = COSY_RGN_AT(unsigned long, F->b_st, 0UL); ((unsigned int)((((unsigned long)__e1) & 255UL) | ((((unsigned long)__e1) >> 20) << 8))); });
// BPF: ((V->v_olen > 0) ? ((void)((long)({
