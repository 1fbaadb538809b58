/*
 * A byte scan in a for loop's step: the step is written twice, at the end
 * of a pass and where a yielded run resumes into the loop, and its scan's
 * callback once (two definitions did not compile).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(void)
{
	char line[128], *p, *e;
	long n, k = 0;

	COSY_START(step)
	n = read(0, line, sizeof(line) - 1);
	if (n >= 0) {
		line[n] = 0;
		for (p = strchr(line, ','); p; p = strchr(p + 1, ','))
			k++;
		for (p = line; *p; p = e + strspn(e, ", "))
			k += strtol(p, &e, 10) + (e == p ? (long)(e++ - p) : 0);
	}
	COSY_END()
	return (int)k;
}
// BPF: /* for_step_scan.c:19: strchr, one byte per bpf_loop() iteration */
// BPF: /* for_step_scan.c:19: strchr, one byte per bpf_loop() iteration */
// BPF: 	if (V->st.resume == 1) {
