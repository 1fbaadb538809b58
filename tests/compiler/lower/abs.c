// abs(), labs() and llabs() lower to x < 0 ? -x : x of the argument in its
// parameter's type; an argument that assigns is refused (it is read more
// than once)
#include <stdlib.h>
#include <cosy/cosy.h>

long f(int a, long b, long long c)
{
	long r;

	COSY_START(ab)
	r = abs(a - 3) + labs(b) + (long)llabs(c);
	COSY_END()
	return r;
}
// BPF: V->v_r = ((((long)((((int)(V->v_a - 3)) < 0) ? (-((int)(V->v_a - 3))) : ((int)(V->v_a - 3)))) + ((((long)V->v_b) < 0L) ? (-((long)V->v_b)) : ((long)V->v_b))) + ((long)((((long long)V->v_c) < 0LL) ? (-((long long)V->v_c)) : ((long long)V->v_c))));
