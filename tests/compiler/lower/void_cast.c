/*
 * A cast to void: the operand for its effects alone ((void)write(...),
 * an assignment, memset as a statement still); a variable, pointers and
 * the program's own included, has none and lowers to nothing.
 */
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(int fd, char **argv)
{
	char buf[16], *p = 0;
	long n;

	COSY_START(r)
	n = read(fd, buf, sizeof(buf));
	(void)write(1, buf, n > 0 ? n : 0);
	(void)(p = buf + 2);
	(void)memset(buf, 0, 4);
	(void)argv;
	(void)n;
	COSY_END()
	return p - buf;
}
// BPF: (void)write(1, buf, n > 0 ? n : 0);
// BPF: cosy_write(F->st.s, (int)1, 
// BPF: (void)(p = buf + 2);
// BPF: V->v_p = 
// BPF: (void)memset(buf, 0, 4);
// BPF: (void)argv;
// BPF: (void)0UL;
