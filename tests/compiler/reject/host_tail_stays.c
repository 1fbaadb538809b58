/* perror() in a block that goes on in the region: nothing to leave it to. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *path)
{
	int fd;

	COSY_START(r)
	fd = open(path, O_RDONLY);
	if (fd < 0)
		perror(path);
	else
		close(fd);
	COSY_END()
	return 0;
}
// EXPECT: host_tail_stays.c:13:3: error: call to 'perror' cannot run in a compound: a compound can only call open, openat, creat, read, write, pread, pwrite, lseek, close, stat, lstat, fstat, fstatat, getdents64, unlink, unlinkat, fsync, fdatasync, ftruncate, memcpy, memmove, memset, memcmp, memchr, memmem, strlen, strcmp, strncmp, strchr, strrchr, strcpy, strncpy, strcat, <ctype.h>'s is*() and to*(), printf(), puts() and putchar() (and fprintf(), fputs() and putc() to stdout), assert(), and functions defined in this file (inlined); statements that end their block by leaving the region (return, exit()) may call anything: they run in user space
