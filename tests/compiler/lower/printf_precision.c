/*
 * A precision for %s: "%.*s" of a slice of a buffer prints up to its NUL
 * among at most that many bytes, or those bytes when there is no NUL
 * (then they must lie in the buffer); a negative one is none.  Its
 * pointer may be one past the buffer's end (it then reads nothing, with
 * no call; C allows that with a precision of 0).  "%.3s" of
 * a literal is the literal cut at compile time.  fflush(stdout) writes
 * the region's stdout buffer out; fflush(stderr) has nothing to write.
 */
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
void f(int fd, int w)
{
	char buf[256];
	long n;

	COSY_START(prec)
	n = read(fd, buf, sizeof(buf));
	printf("%.*s|%.3s|\n", w, buf, "abcdef");
	printf("%-8.2s\n", buf + 1);
	fflush(stdout);
	fflush(stderr);
	write(1, buf, n > 0 ? n : 0);
	COSY_END()
}
// BPF: static const char cosy_fmt0[] = "|abc|\n";
// BPF: __s64 __pr = (int)(V->v_w); __u64 __lim = 256UL - __o; if (__pr >= 0 && (__u64)__pr < __lim) __lim = (__u64)__pr; __k = __lim ? cosy_memchr(F->st.s, 64 + (__u32)__o, (__u32)__lim, 0) : 0; COSY_RGN_KCALL(&F->st, &V->st, __k < 0, 20); if ((__u64)__k >= __lim) { if (__pr < 0 || (__u64)__pr > __lim) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 20); __k = (__s64)__lim; }
// BPF: __u64 __o = (__u64)(1); __s64 __k; if (__o > 256UL) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 21); __s64 __pr = (int)(2);
// BPF: if (cosy_rgn_out_flush(&F->st, &V->st, (__u32 *)F->b_stdout_buf, 320, 4096, 1, 22)) return 1;
// NOT-BPF: b_stderr_buf
