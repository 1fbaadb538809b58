/* A buffer declared in the region lives only in the segment: never copied. */
#include <unistd.h>
#include <cosy/cosy.h>
void f(int in, int out)
{
	long n;

	COSY_START(r)
	char tmp[1000];
	n = read(in, tmp, sizeof(tmp));
	if (n > 0)
		n = write(out, tmp, n);
	COSY_END()
}
// BPF: buffer tmp (local_buffer.c:9)
// BPF: 	__u8 *b_tmp;
// HOST: sizeof(__cosy_a), 0, 0, __cosy_g, 2);
