/*
 * An empty region (a placeholder while a program is being written): a
 * compound that does nothing, compiled without a warning.
 */
#include <cosy/cosy.h>
int f(void)
{
	COSY_START(nothing)
	COSY_END()
	return 0;
}
// BPF: static __noinline long nothing_body(struct nothing_frame *F)
// BPF: 	return 0;
