/*
 * A report in a loop that carries on (the branch ends, the loop goes on)
 * to a FILE a compound cannot write: the rest would be the region's work
 * in user space; refused as a call.  (To stderr, it runs in the kernel:
 * lower/stderr.c.)
 */
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
long f(int in, FILE *log)
{
	char buf[64];
	long n, total = 0;

	COSY_START(r)
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0)
			fputs("read failed\n", log);
		else
			total += n;
	}
	COSY_END()
	return total;
}
// EXPECT: host_tail_rest_loop.c:18:4: error: fputs() cannot run in a compound but to stdout, stderr or a FILE * variable the region opens with fopen(PATH, "w") or "a": a compound writes their buffers, and no other FILE's
