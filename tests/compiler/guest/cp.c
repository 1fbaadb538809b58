// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The HotOS'03 example, unchanged but for the two markers.  Built by
 * cosy-cc (cp) and by cc (cp.plain); tests/kernel/t_cosycc.sh runs both.
 * Prints what the region leaves behind, so that runs can be compared.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

static int copy(const char *ifile, const char *ofile)
{
	int ifd, ofd;
	char buf[4096];
	long rlen, wlen;

	errno = 0;
	COSY_START(cp)
	ifd = open(ifile, O_RDONLY);
	ofd = open(ofile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	do {
		rlen = read(ifd, buf, 4096);
		wlen = write(ofd, buf, rlen);
	} while (wlen == 4096);
	close(ifd);
	close(ofd);
	COSY_END()
	/* fd numbers differ with cosy (its own fds come first): print validity */
	printf("ifd %s ofd %s rlen=%ld wlen=%ld errno=%d (%s)\n", ifd < 0 ? "-1" : "ok",
	       ofd < 0 ? "-1" : "ok", rlen, wlen, errno, errno ? strerror(errno) : "none");
	return wlen < 0 || rlen < 0 || ifd < 0 || ofd < 0;
}

int main(int argc, char **argv)
{
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: %s IN OUT\n", argv[0]);
		return 2;
	}
	rc = copy(argv[1], argv[2]);
#ifdef __COSY_CC__
	fprintf(stderr, "path=%s%s%s\n", cosy_region_path_str(cosy_region_last_path()),
		*cosy_region_last_why() ? ": " : "", cosy_region_last_why());
#endif
	return rc;
}
