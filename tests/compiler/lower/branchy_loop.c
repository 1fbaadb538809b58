/*
 * A per-byte loop of more than 64 branches (a helper of || chains
 * inlined at six calls) takes one iteration per bpf_loop() pass:
 * COSY_RGN_CHUNK unrolled copies would multiply the verifier's paths past
 * its 1M instructions.  The same loop with one call stays chunked.
 */
#include <unistd.h>
#include <cosy/cosy.h>
static int is_sep(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ';' || c == ':' ||
	       c == '.' || c == '!' || c == '?' || c == '(' || c == ')' || c == '"';
}
long f(int fd)
{
	unsigned char buf[256];
	long n, i, seps = 0, pairs = 0;

	COSY_START(branchy)
	n = read(fd, buf, sizeof(buf));
	for (i = 1; i + 2 < n; i++) {
		seps += is_sep(buf[i]);
		pairs += is_sep(buf[i - 1]) && is_sep(buf[i]) && is_sep(buf[i + 1]) &&
			 is_sep(buf[i + 2]) && is_sep(buf[i] ^ 1);
	}
	for (i = 0; i < n; i++)
		seps += is_sep(buf[i]);
	COSY_END()
	return seps + pairs;
}
// BPF: the for loop, one bpf_loop() iteration per pass
// BPF: the for loop, COSY_RGN_CHUNK iterations per bpf_loop() pass
