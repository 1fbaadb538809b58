/*
 * strtok() is glibc's __strtok_r() over two span scans: strspn() from
 * the saved offset (strtok(NULL, ...)) or the string, then, unless that
 * reached the NUL, strcspn() to the token's end, a NUL stored there when
 * it is a delimiter and save one past it.  strtok's save is the region's
 * own variable (strtok_save); strtok_r's is the program's pointer.
 */
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(void)
{
	char line[128];
	long n, k = 0;

	COSY_START(tok)
	n = read(0, line, sizeof(line) - 1);
	if (n >= 0) {
		char *t, *save, *u;

		line[n] = 0;
		for (t = strtok(line, " \n"); t; t = strtok(NULL, " \n")) {
			u = strtok_r(t, ":", &save);
			while (u) {
				k++;
				u = strtok_r(NULL, ":", &save);
			}
		}
	}
	COSY_END()
	return (int)k;
}
// BPF: 	long v_strtok_save;
// BPF: (V->v_strtok_t = V->v_save)
// BPF: (V->v_save = (V->v_strtok_e + 1L))
// BPF: (V->v_strtok_t = V->v_strtok_save)
// BPF: ? ((COSY_RGN_ATV(unsigned char, F->b_line, 144, COSY_RGN_IDX(&V->st, V->v_strtok_e, 128UL, 22)) = ((unsigned char)0)), (V->v_strtok_save = (V->v_strtok_e + 1L))) : (V->v_strtok_save = V->v_strtok_e))
// BPF: (V->v_strtok_t = V->v_t)
// BPF: (V->v_strtok_t = 0L)
