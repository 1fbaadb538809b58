/*
 * assert() in an inlined helper: the trap is an expression in the
 * inlined call, and the runtime's message names the helper, as the
 * plain build's __func__ does.
 */
#include <assert.h>
#include <cosy/cosy.h>
static int checked(int v)
{
	assert(v < 50);
	return v + 1;
}
int f(int n)
{
	int s = 0, i;

	COSY_START(hlpa)
	for (i = 0; i < n; i += 7)
		s += checked(i);
	COSY_END()
	return s;
}
// BPF: ? 0 : (({ COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_ASSERT, 10); }), 0))
// HOST: "checked"
