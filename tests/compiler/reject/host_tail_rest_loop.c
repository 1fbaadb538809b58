/*
 * A report in a loop that carries on (the branch ends, the loop goes on):
 * the rest would be the region's work in user space; refused as a call.
 */
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
long f(int in)
{
	char buf[64];
	long n, total = 0;

	COSY_START(r)
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0)
			perror("read");
		else
			total += n;
	}
	COSY_END()
	return total;
}
// EXPECT: host_tail_rest_loop.c:16:4: error: call to 'perror' cannot run in a compound: a compound can only call open, openat, creat, read, write, pread, pwrite, lseek, close, stat, lstat, fstat, fstatat, getdents64, unlink, unlinkat, fsync, fdatasync, ftruncate, memcpy, memmove, memset, memcmp, memchr, memmem, strlen, strcmp, strncmp, strchr, strrchr, strcpy, strncpy, strcat, <ctype.h>'s is*() and to*(), printf(), puts() and putchar() (and fprintf(), fputs() and putc() to stdout), assert(), and functions defined in this file (inlined); statements that end their block by leaving the region (return, exit()), or by going on to the rest of the region with no loop left to run (an if's branch that ends, break, goto to a label at its top level), may call anything: they run in user space
