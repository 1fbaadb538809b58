/* An fd copied into a region variable: the original is granted. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int in)
{
	char buf[64];
	int fd;
	long n;

	COSY_START(r)
	fd = in;
	n = read(fd, buf, 10);
	COSY_END()
	(void)n;
}
// HOST: const long long __cosy_g[] = { (long long)in };
