/* readdir()'s record used after the region: it is in the compound's buffer. */
#include <dirent.h>
#include <stdio.h>
#include <cosy/cosy.h>
int main(void)
{
	struct dirent *e = NULL;

	COSY_START(ea)
	DIR *d = opendir(".");
	if (d)
		e = readdir(d);
	COSY_END()
	if (e)
		puts(e->d_name);
	return 0;
}
// EXPECT: dir_entry_after.c:12:3: error: pointer 'e' cannot run in a compound: it points into a DIR's buffer, which is the compound's, and is used outside the region too (line 14); copy what the program needs (its d_name) into an array
