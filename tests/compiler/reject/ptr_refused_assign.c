/*
 * A pointer whose assignment is refused: its first later use points back
 * there, not "assign it in the region", and the others say nothing more.
 */
#include <stdlib.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	char *f;
	int n = 0;

	COSY_START(r)
	f = getenv(argv[1]);
	if (!f)
		return 2;
	n += *f == 'x';
	COSY_END()
	return n + argc;
}
// EXPECT: ptr_refused_assign.c:13:6: error: call to 'getenv' cannot run in a compound: a compound can only call open, openat, creat, read, write, pread, pwrite, lseek, close, stat, lstat, fstat, fstatat, getdents64, unlink, unlinkat, fsync, fdatasync, ftruncate, opendir, readdir, closedir, dirfd, memcpy, memmove, memset, memcmp, memchr, memmem, strstr, strlen, strcmp, strncmp, strchr, strrchr, memrchr, strcpy, strncpy, strcat, strspn, strcspn, strpbrk, strtok, strtok_r, strtol, strtoul, strtoll, strtoull, strtoimax, strtoumax, atoi, atol, atoll, abs, labs, llabs, <ctype.h>'s is*() and to*(), major(), minor(), getchar(), fopen(PATH, "r" or "w" or "a") into a FILE * variable, getc(), fgetc(), fgets(), fread(), feof(), ferror() and clearerr() of stdin or of such a FILE (and its fileno() and fclose()), printf(), puts() and putchar() (and fprintf(), fputs(), fputc(), putc(), fwrite() and fflush() to stdout, stderr or such a FILE), snprintf(), sprintf(), strerror() as a %s, perror(), assert(), syscall(SYS_...) of those it can call, and functions defined in this file (inlined); statements that end their block by leaving the region (return, exit()), or by going on to the rest of the region with no loop left to run (an if's branch that ends, break, goto to a label at its top level), may call anything: they run in user space
// ONCE: ptr_refused_assign.c:14:7: error: 'f' has no value the compound knows here: its assignment at line 13 cannot run in a compound (said above)
