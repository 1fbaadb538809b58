/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Cold caches for a benchmark run (cosy-bench -C, and the examples/cc
 * programs it starts): what a run then reads comes from the disk, as a
 * user's first look at files does, not from memory.  Used outside every
 * timed region.  Needs root; files on tmpfs stay in memory regardless.
 */
#ifndef COSY_DROP_CACHES_H
#define COSY_DROP_CACHES_H

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

/*
 * Write back dirty data (the previous run's output), then drop the clean
 * page cache, dentries and inodes.  0, or -errno: a run that was asked to
 * be cold and is not must fail, not be reported as cold.
 */
static inline int drop_caches(void)
{
	int fd, err = 0;

	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, "3", 1) < 0)
		err = -errno;
	close(fd);
	return err;
}

#endif
