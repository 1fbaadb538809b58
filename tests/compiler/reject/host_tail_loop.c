/*
 * A report before the region's work is no way out: the loop after it
 * would go to user space with it, so the call is refused, not the copy
 * moved out of the kernel.  (To stderr, it runs in the kernel.)
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(int in, int out, int verbose, FILE *log)
{
	char buf[64];
	long n;

	COSY_START(r)
	if (verbose)
		fprintf(log, "copying\n");
	while ((n = read(in, buf, sizeof(buf))) > 0)
		write(out, buf, n);
	return n < 0;
	COSY_END()
}
// EXPECT: host_tail_loop.c:17:3: error: fprintf() cannot run in a compound but to stdout, stderr or a FILE * variable the region opens with fopen(PATH, "w") or "a": a compound writes their buffers, and no other FILE's
