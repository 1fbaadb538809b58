/* rewinddir(): of <dirent.h>, only opendir, readdir, closedir and dirfd lower. */
#include <dirent.h>
#include <cosy/cosy.h>
int main(void)
{
	int n = 0;

	COSY_START(rw)
	DIR *d = opendir(".");
	if (d) {
		while (readdir(d))
			n++;
		rewinddir(d);
		closedir(d);
	}
	COSY_END()
	return n;
}
// EXPECT: dir_rewind.c:13:3: error: rewinddir() cannot run in a compound: of <dirent.h>, a compound can only call opendir(), readdir(), closedir() and dirfd()
