/* A char * path from a table, indexed by the region's own loop counter. */
#include <sys/stat.h>
#include <cosy/cosy.h>
long f(const char **paths)
{
	struct stat st;
	long total = 0;

	COSY_START(r)
	for (int i = 0; i < 2; i++)
		if (stat(paths[i], &st) == 0)
			total += st.st_size;
	COSY_END()
	return total;
}
// EXPECT: host_path_own_var.c:11:12: error: this path cannot run in a compound: the compound cannot follow the program's pointers, so the string a char * names (argv[1]) is copied in before the region runs, and 'i' is the region's own variable; keep the strings in a char array the region indexes (char names[N][LEN]) or an array of at most 256 char * (const char *names[N]), or run one region per string
