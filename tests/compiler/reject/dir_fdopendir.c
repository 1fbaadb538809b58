/* fdopendir(): not lowered (glibc checks the fd's mode and type first). */
#include <dirent.h>
#include <fcntl.h>
#include <cosy/cosy.h>
int main(void)
{
	int n = 0;

	COSY_START(fo)
	int fd = open(".", O_RDONLY | O_DIRECTORY);
	DIR *d = fdopendir(fd);
	if (d) {
		while (readdir(d))
			n++;
		closedir(d);
	}
	COSY_END()
	return n;
}
// EXPECT: dir_fdopendir.c:11:11: error: fdopendir() cannot run in a compound: of <dirent.h>, a compound can only call opendir(), readdir(), closedir() and dirfd()
