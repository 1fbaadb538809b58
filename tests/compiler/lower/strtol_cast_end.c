/*
 * strtol(s, (char **)&end, 10) with a const char *end declared before the
 * region: the cast does not hide that the call sets end, which then
 * points into the string's array as an offset (out to the program if
 * assigned).
 */
#include <stdlib.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(void)
{
	char line[128];
	const char *end = NULL;
	long n, k = 0;

	COSY_START(ce)
	n = read(0, line, sizeof(line) - 1);
	if (n >= 0) {
		line[n] = 0;
		k = strtol(line, (char **)&end, 10);
		k += end - line;
	}
	COSY_END()
	return (int)k + (end != NULL);
}
// BPF: 	long v_end;	/* out if assigned */
// BPF: (V->v_end = ((__s64)V->sc.a1))
// BPF: 		V->v_k += (V->v_end - ((long)0UL));
