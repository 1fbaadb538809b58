/* goto out after a report only user space can make (to a FILE of the program's): what runs after the label may not name the region's own variables. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *path, FILE *log)
{
	int fd, rc = 0;

	COSY_START(r)
	int tries = 1;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(log, "cannot open %s\n", path);
		goto out;
	}
	close(fd);
out:
	rc = tries;
	COSY_END()
	return rc;
}
// EXPECT: host_tail_rest_local.c:20:7: error: the statements from the call to 'fprintf' (line 15) to the end of their block leave the region, and would run in user space after it, but the statements after them to the region's end, which would run there too, hold 'tries', a variable declared in the region, which is gone by then; declare it before the region
