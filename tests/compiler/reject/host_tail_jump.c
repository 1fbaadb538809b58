/* A tail that jumps back into the region (break) has no region to go to. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *path)
{
	char buf[64];
	int fd, i;

	COSY_START(r)
	fd = open(path, O_RDONLY);
	for (i = 0; i < 4; i++) {
		if (read(fd, buf, sizeof(buf)) < 0) {
			perror(path);
			if (i)
				break;
			exit(1);
		}
	}
	close(fd);
	COSY_END()
	return 0;
}
// EXPECT: host_tail_jump.c:18:5: error: the statements from the call to 'perror' (line 16) to the end of their block leave the region, and would run in user space after it, but they hold jumps (goto, break, continue, a label or a case)
