/*
 * A const char * of the region that points to argv[i] or a literal: the
 * literal goes into a slot after argv's table (256 slots of 256 bytes),
 * so that the pointer points into one variable.  Chosen by ?:, set
 * before it is set to argv[i], or NULL.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	int n = 0;

	COSY_START(ptab)
	for (int i = 1; i <= argc; i++) {
		const char *path = i < argc ? argv[i] : "-";
		const char *other = "/dev/null", *name = i < argc ? argv[i] : NULL;

		if (i + 1 < argc)
			other = argv[i + 1];
		if (strcmp(path, "-") && name)
			n += open(other, O_RDONLY) >= 0;
	}
	COSY_END()
	return n;
}
// BPF: V->v_path = ((V->v_i < V->v_argc) ? ((long)(((unsigned long)V->v_i) * 256UL)) : ((long)65536UL));
// BPF: V->v_other = ((long)65792UL);
// BPF: V->v_name = ((V->v_i < V->v_argc) ? ((long)(((unsigned long)V->v_i) * 256UL)) : (-9223372036854775807L - 1));
// BPF: V->v_other = ((long)(((unsigned long)(V->v_i + 1)) * 256UL));
// HOST: { argv, 384, 65536, COSY_RGN_STRTAB | COSY_RGN_STRVEC, "argv" },
// HOST: { "-", 65920, 2, COSY_RGN_IN, "literal" },
// HOST: { "/dev/null", 66176, 10, COSY_RGN_IN, "literal" },
