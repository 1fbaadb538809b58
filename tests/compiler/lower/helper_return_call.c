/* A helper whose return value calls a helper with a loop: that body runs first, inside the outer one. */
#include <cosy/cosy.h>
static long count(const char *p, long n, char c)
{
	long k = 0;
	for (long i = 0; i < n; i++)
		k += p[i] == c;
	return k;
}
static long twice(const char *p, long n)
{
	if (n <= 0)
		return -1;
	return count(p, n, 'a') * 2;
}
int main(void)
{
	char b[16] = "banana";
	long r;

	COSY_START(v6)
	r = twice(b, 6) + twice(b, 0);
	COSY_END()
	return (int)r;
}
// BPF: V->v_twice_ret = (-1L);
// BPF: V->v_count_ret = V->v_count_k;
// BPF: V->v_twice_ret = (V->v_count_ret * 2L);
// BPF: V->v_count_ret_2 = V->v_count_k_2;
// BPF: V->v_twice_ret_2 = (V->v_count_ret_2 * 2L);
