/* Duff's device: case labels inside a loop inside their switch. */
#include <unistd.h>
#include <cosy/cosy.h>
long f(int fd)
{
	char from[64], to[64];
	long n, k, i = 0;

	COSY_START(r)
	n = read(fd, from, sizeof(from));
	k = (n + 3) / 4;
	switch (n % 4) {
	case 0: do {	to[i] = from[i]; i++;
	case 3:		to[i] = from[i]; i++;
	case 2:		to[i] = from[i]; i++;
	case 1:		to[i] = from[i]; i++;
		} while (--k > 0);
	}
	COSY_END()
	return to[0];
}
// EXPECT: duff.c:14:2: error: a case label inside a loop of its switch cannot run in a compound: the loop becomes a function of its own, which a switch outside it cannot jump into; put the loop inside the case
