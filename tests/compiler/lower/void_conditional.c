/*
 * A conditional of type void as a statement is an if/else: what assert()
 * expands to under strict ISO C (((c) ? (void) (0) : __assert_fail (...)),
 * written out here), and a program's own c ? (void)f() : (void)g().
 */
#include <assert.h>
#include <unistd.h>
#include <cosy/cosy.h>
long f(int fd)
{
	char buf[64];
	long n;

	COSY_START(r)
	n = read(fd, buf, sizeof(buf));
	((n >= 0) ? (void) (0) : __assert_fail ("n >= 0", "void_conditional.c", 16, __func__));
	n > 8 ? (void)close(fd) : (void)write(fd, buf, 1);
	COSY_END()
	return n;
}
// BPF: if (V->v_n >= 0L) {
// BPF: (void)0;
// BPF: } else {
// BPF: ({ COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_ASSERT, 16); });
// BPF: if (V->v_n > 8L) {
// BPF: cosy_close(
// BPF: } else {
// BPF: cosy_write(
// HOST: "n >= 0", "void_conditional.c", "f"
