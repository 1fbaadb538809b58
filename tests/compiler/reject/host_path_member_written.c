/* A path in a struct member that the region may overwrite. */
#include <fcntl.h>
#include <string.h>
#include <cosy/cosy.h>
struct job { const char *name; int fd; };
int f(struct job *jobs)
{
	struct job j = jobs[0];

	COSY_START(r)
	j.fd = open(j.name, O_RDONLY);
	if (j.fd < 0)
		memset(&j, 0, sizeof(j));
	COSY_END()
	return j.fd;
}
// EXPECT: host_path_member_written.c:11:16: error: path 'j.name' cannot run in a compound: it reads 'j', which the region changes, and the compound gets its value from before the region
