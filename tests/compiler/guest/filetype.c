// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * stat(1)'s first lines for each PATH, as a user writes them from
 * stat(2)'s man page: the kind of file named by a switch on
 * st_mode & S_IFMT (a pointer to one of several string literals),
 * "executable" or not from a ?: of two literals, the mode in octal and
 * the device numbers with major() and minor() formatted by snprintf(), a separator pointer that
 * starts as "" and becomes ", ", and all output through put() and
 * flush_out() helpers whose write() is a statement of its own; a path
 * that cannot be read goes to the loop body's last statement with goto.
 *
 * usage: filetype PATH...
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static char out[512];
static int olen;

static void flush_out(void)
{
	if (olen > 0)
		write(1, out, olen);
	olen = 0;
}

static void put(const char *s)
{
	size_t n = strlen(s);

	if (olen + n > sizeof(out))
		flush_out();
	memcpy(out + olen, s, n);
	olen += n;
}

int main(int argc, char **argv)
{
	struct stat st;
	int rc = 0;

	COSY_START(filetype)
	for (int i = 1; i < argc; i++) {
		const char *type, *sep = "";

		if (lstat(argv[i], &st) < 0) {
			perror(argv[i]);
			rc = 1;
			goto next;
		}
		switch (st.st_mode & S_IFMT) {
		case S_IFREG: type = "regular file"; break;
		case S_IFDIR: type = "directory"; break;
		case S_IFLNK: type = "symbolic link"; break;
		case S_IFIFO: type = "fifo"; break;
		case S_IFCHR: type = "character special file"; break;
		case S_IFBLK: type = "block special file"; break;
		case S_IFSOCK: type = "socket"; break;
		default: type = "unknown"; break;
		}
		const char *x = st.st_mode & S_IXUSR ? "executable" : "not executable";
		char num[64];

		put(argv[i]);
		put(": ");
		put(type);
		put(", ");
		put(x);
		snprintf(num, sizeof(num), ", mode %04o, device %u,%u", st.st_mode & 07777,
			 major(st.st_dev), minor(st.st_dev));
		put(num);
		if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
			snprintf(num, sizeof(num), ", type %u,%u", major(st.st_rdev),
				 minor(st.st_rdev));
			put(num);
		}
		put("\n");
		put("  flags: ");
		if (st.st_mode & S_ISUID) {
			put(sep);
			put("setuid");
			sep = ", ";
		}
		if (st.st_mode & S_ISVTX) {
			put(sep);
			put("sticky");
			sep = ", ";
		}
		if (st.st_nlink > 1) {
			put(sep);
			put("linked");
			sep = ", ";
		}
		put(*sep ? "\n" : "none\n");
next:
		flush_out();
	}
	COSY_END()
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s\n", cosy_region_path_str(cosy_region_last_path()));
#endif
	return rc;
}
