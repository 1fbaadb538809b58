// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A program that closes every fd above stderr between runs of its regions,
 * as a daemon does when it settles: the numbers cosy held for a region's
 * compound (its program, its segment) are gone, and are taken next by the
 * other region's compound or by the program's own files.  Every run must
 * still run in the kernel and agree with the plain build: a run must never
 * reach the other region's compound or segment.
 *
 * usage: closefrom DIR [swap]   (DIR/closefrom.dat is made)
 *
 * swap: the worst case, made on purpose: once both regions ran (attached
 * to their pinned compounds), sum's two numbers are made to name count's
 * program and segment (dup2), so that sum's next run reaches count's
 * compound with sum's args, on count's segment; through /dev/cosy, sum's
 * device fd is made count's attachment.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cosy/cosy.h>
#ifdef __COSY_CC__
#include <cosy_region.h>
#define PATH(what) fprintf(stderr, "%s: %s\n", what, cosy_region_path_str(cosy_region_last_path()))
#else
#define PATH(what) fprintf(stderr, "%s: plain\n", what)
#endif

/*
 * The sum of the file's bytes, and more: its args (the run's ctx) are
 * larger than count's, so count's compound would run on them without
 * complaint if sum's numbers came to name it.
 */
struct sums {
	long total, n, lines, lo, hi;
};

static void sum(const char *path, struct sums *r)
{
	unsigned char buf[512];
	long total = -1, nb = 0, lines = 0, lo = 256, hi = -1;
	int fd, i;
	ssize_t n;

	COSY_START(sum)
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		total = 0;
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			for (i = 0; i < n; i++) {
				total += buf[i];
				lines += buf[i] == '\n';
				if (buf[i] < lo)
					lo = buf[i];
				if (buf[i] > hi)
					hi = buf[i];
				nb++;
			}
		close(fd);
	}
	COSY_END()
	r->total = total;
	r->n = nb;
	r->lines = lines;
	r->lo = lo;
	r->hi = hi;
}

/* how many of the file's bytes are c, and the offset of the last one */
static long count(const char *path, int c, long *last)
{
	char big[2048];
	long found = 0, at = 0, lastat = -1;
	int fd, i;
	ssize_t n;

	COSY_START(count)
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		found = -1;
	} else {
		while ((n = read(fd, big, sizeof(big))) > 0) {
			for (i = 0; i < n; i++)
				if (big[i] == c) {
					found++;
					lastat = at + i;
				}
			at += n;
		}
		close(fd);
	}
	COSY_END()
	*last = lastat;
	return found;
}

/* The fds from 3 up that are BPF programs (prog) or maps, lowest first. */
static int bpf_fds(const char *kind, int *fds, int max)
{
	char name[64], line[256];
	int n = 0;

	for (int fd = 3; fd < 256; fd++) {
		FILE *f;
		int is = 0;

		snprintf(name, sizeof(name), "/proc/self/fdinfo/%d", fd);
		f = fopen(name, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f))
			is |= !strncmp(line, kind, strlen(kind));
		fclose(f);
		if (is && n < max)
			fds[n] = fd;
		n += is;
	}
	return n;
}

/* The fds from 3 up open on /dev/cosy (a region's attachment), lowest first. */
static int dev_fds(int *fds, int max)
{
	char name[64], target[64];
	int n = 0;

	for (int fd = 3; fd < 256; fd++) {
		ssize_t len;

		snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
		len = readlink(name, target, sizeof(target) - 1);
		if (len < 0)
			continue;
		target[len] = 0;
		if (strcmp(target, "/dev/cosy"))
			continue;
		if (n < max)
			fds[n] = fd;
		n++;
	}
	return n;
}

/* close(2) every fd from 3 up, as closefrom(3) does */
static void close_above_stderr(void)
{
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
}

static void print_sum(const char *what, const struct sums *r)
{
	printf("%s: total %ld bytes %ld lines %ld lo %ld hi %ld\n", what, r->total, r->n,
	       r->lines, r->lo, r->hi);
}

int main(int argc, char **argv)
{
	char path[4096], data[10000];
	struct sums s1, s2, s3;
	long c1, c2, c3, l1, l2, l3;
	int fd, taken[3];

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s DIR [swap]\n", argv[0]);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/closefrom.dat", argv[1]);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = "abcaxyzq\n"[i * 7 % 9];
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data, sizeof(data)) != (ssize_t)sizeof(data) || close(fd)) {
		perror(path);
		return 1;
	}

	sum(path, &s1);
	PATH("sum1");
	if (argc > 2 && !strcmp(argv[2], "swap")) {
		int progs[2], maps[2], devs[2], np, nm, nd;

		c1 = count(path, 'a', &l1);
		PATH("count1");
		np = bpf_fds("prog_type:", progs, 2);
		nm = bpf_fds("map_type:", maps, 2);
		nd = dev_fds(devs, 2);
		/* bpf(2): a program and a segment each; /dev/cosy: an attachment each */
		if (np + nm + nd && !(np == 2 && nm == 2 && !nd) && !(nd == 2 && !np && !nm)) {
			printf("closefrom: %d programs, %d maps and %d /dev/cosy fds open, "
			       "expected 2 programs and 2 maps or 2 /dev/cosy fds\n", np, nm, nd);
			return 1;
		}
		if (np && (dup2(progs[1], progs[0]) < 0 || dup2(maps[1], maps[0]) < 0)) {
			perror("dup2");
			return 1;
		}
		if (nd && dup2(devs[1], devs[0]) < 0) {
			perror("dup2");
			return 1;
		}
	} else {
		/*
		 * sum's numbers go, and count's compound takes them: sum's
		 * next run goes there, unless it notices
		 */
		close_above_stderr();
		c1 = count(path, 'a', &l1);
		PATH("count1");
	}
	sum(path, &s2);
	PATH("sum2");
	c2 = count(path, 'q', &l2);
	PATH("count2");
	/* now the program's files take them */
	close_above_stderr();
	for (int i = 0; i < 3; i++)
		taken[i] = open(path, O_RDONLY);
	sum(path, &s3);
	PATH("sum3");
	c3 = count(path, 'z', &l3);
	PATH("count3");
	for (int i = 0; i < 3; i++)
		if (taken[i] < 0 || fcntl(taken[i], F_GETFD) < 0) {
			printf("closefrom: the program's fd %d was closed under it\n", taken[i]);
			return 1;
		}
	print_sum("sum1", &s1);
	print_sum("sum2", &s2);
	print_sum("sum3", &s3);
	printf("count: %ld@%ld %ld@%ld %ld@%ld\n", c1, l1, c2, l2, c3, l3);
	return 0;
}
