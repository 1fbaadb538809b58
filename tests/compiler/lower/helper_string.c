/*
 * A helper's `const char *` parameter given argv[i] points into the table
 * of argv's strings (a slot of COSY_RGN_STRTAB_SLOT bytes each, the host
 * fills them), so that the helper may open it and read its bytes.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
static int first_byte(const char *path)
{
	int fd = open(path, O_RDONLY);

	close(fd);
	return path[0];
}
int main(int argc, char **argv)
{
	int sum = 0;

	COSY_START(hstr)
	for (int i = 1; i < argc; i++)
		sum += first_byte(argv[i]);
	COSY_END()
	return sum;
}
// BPF: V->v_first_byte_path = ((long)(((unsigned long)R->v_i) * 256UL));
// BPF: R->v_first_byte_ret = ((int)COSY_RGN_ATV(signed char, F->b_argv, 336, COSY_RGN_IDX(&V->st, (((unsigned long)V->v_first_byte_path) + 0), 67584UL, 14)));
// BPF: R->v_sum += R->v_first_byte_ret;
