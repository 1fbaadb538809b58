/* goto out after a report: what runs after the label may not name the region's own variables. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *path)
{
	int fd, rc = 0;

	COSY_START(r)
	int tries = 1;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		goto out;
	}
	close(fd);
out:
	rc = tries;
	COSY_END()
	return rc;
}
// EXPECT: host_tail_rest_local.c:20:7: error: the statements from the call to 'perror' (line 15) to the end of their block leave the region, and would run in user space after it, but the statements after them to the region's end, which would run there too, hold a variable declared in the region, which is gone by then
