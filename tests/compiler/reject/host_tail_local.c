/* A tail that ends the program runs after the region, where a variable declared in it is gone. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *path)
{
	int fd;

	COSY_START(r)
	char name[16] = "input";
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(name);
		exit(1);
	}
	close(fd);
	COSY_END()
	return 0;
}
// EXPECT: host_tail_local.c:15:10: error: the statements from the call to 'perror' (line 15) to the end of their block leave the region, and would run in user space after it, but they hold 'name', a variable declared in the region, which is gone by then; declare it before the region
