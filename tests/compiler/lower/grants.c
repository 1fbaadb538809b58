/* fds from outside: a live-in fd variable and a constant (stdout) are granted. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int in)
{
	char buf[64];
	long n;

	COSY_START(r)
	n = read(in, buf, sizeof(buf));
	if (n > 0)
		n = write(1, buf, n);
	COSY_END()
}
// INFO: 2 fds granted
// HOST: const long long __cosy_g[] = { (long long)in, 1LL };
// HOST: sizeof(__cosy_a), __cosy_m, 1, __cosy_g, 2);
// NOT-BPF: cosy_rgn_keep_all
