/*
 * Globals and static locals the region writes (a static buffer among
 * them) are copied in and back, like the function's own variables: only a
 * data race, undefined in C, could see the difference.
 */
#include <unistd.h>
#include <cosy/cosy.h>
int counter;
static char big[65536];
long f(int fd)
{
	static long calls;
	long n;

	COSY_START(r)
	counter = counter + 1;
	calls++;
	n = read(fd, big, sizeof(big));
	COSY_END()
	return n;
}
// BPF: V->v_counter = (V->v_counter + 1);
// HOST: { big, 80, 65536, COSY_RGN_IN | COSY_RGN_OUT, "big" }
// HOST: counter = __cosy_a.v_counter;
// HOST: calls = __cosy_a.v_calls;
