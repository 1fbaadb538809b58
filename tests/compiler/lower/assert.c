// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * assert(): a false condition stops the region (a trap at the assert's
 * line); the runtime then calls __assert_fail() with what the original
 * would have, which prints glibc's message and aborts.  With NDEBUG it is
 * nothing, as in C.  <assert.h> may be included again with NDEBUG changed.
 */
#include <assert.h>
#include <fcntl.h>
#include <unistd.h>

#include <cosy/cosy.h>

long checked(const char *path)
{
	char buf[64];
	long n = -1;
	int fd;

	COSY_START(checked)
	fd = open(path, O_RDONLY);
	assert(fd >= 0);
	n = read(fd, buf, 64);
	assert(n > 0 && "the file is empty");
	close(fd);
	COSY_END()
	return n;
}

#define NDEBUG
#include <assert.h>

long unchecked(const char *path)
{
	char buf[64];
	long n = -1;
	int fd;

	COSY_START(unchecked)
	fd = open(path, O_RDONLY);
	assert(fd >= 0);
	n = read(fd, buf, 64);
	n = __extension__ (n + 1);	/* GNU's marker: the expression itself */
	close(fd);
	COSY_END()
	return n;
}
// BPF: 	if (V->v_fd >= 0) {
// BPF: ({ COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_ASSERT, 22); });
// BPF: ({ COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_ASSERT, 24); });
// HOST: static const struct cosy_rgn_assert __cosy_asserts_checked[] = {
// HOST: 	{ 22, "fd >= 0", "assert.c", "checked" },
// HOST: 	{ 24, "n > 0 && \"the file is empty\"", "assert.c", "checked" },
// HOST: 	__cosy_asserts_checked, 2
// HOST: static struct cosy_rgn __cosy_rgn_unchecked = {
// HOST: 	0, 0
// BPF: V->v_n = (V->v_n + 1L);
// NOT-BPF: COSY_RGN_TRAP_ASSERT, 41
