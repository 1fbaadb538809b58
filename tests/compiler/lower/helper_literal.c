/*
 * A helper's char pointer parameter given a string literal points into
 * the literal's bytes, copied into the segment; a `const char *` one given
 * an expression the host computes (argc > 2 ? argv[2] : "-") points into
 * a string slot of its own, filled before the run.
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
static int first_byte(const char *path)
{
	int fd = open(path, O_RDONLY);

	close(fd);
	return path[1];
}
static int second(char *s)
{
	return s[1];
}
int main(int argc, char **argv)
{
	int sum = 0;

	COSY_START(hlit)
	sum += first_byte("/etc/hostname");
	sum += first_byte(argc > 2 ? argv[2] : "-");
	sum += second("xy");
	COSY_END()
	return sum;
}
// BPF: V->v_first_byte_path = ((long)0UL);
// BPF: if (__o < 14) __r = cosy_open(F->st.s, 4456 + (__u32)__o,
// BPF: V->v_first_byte_ret = ((int)COSY_RGN_ATV(signed char, F->b_lit, 4456, COSY_RGN_IDX(&V->st, (((unsigned long)V->v_first_byte_path) + 1), 14UL, 15)));
// BPF: if (__o < 4096) __r = cosy_open(F->st.s, 360 + (__u32)__o,
// BPF: V->v_first_byte_ret_2 = ((int)COSY_RGN_ATV(signed char, F->b_path, 360, COSY_RGN_IDX(&V->st, (((unsigned long)V->v_first_byte_path_2) + 1), 4096UL, 15)));
// BPF: V->v_second_ret = ((int)COSY_RGN_ATV(signed char, F->b_lit_2, 4472, COSY_RGN_IDX(&V->st, (((unsigned long)V->v_second_s) + 1), 3UL, 19)));
