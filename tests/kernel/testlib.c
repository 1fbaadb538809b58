// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <linux/perf_event.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "testlib.h"

struct tl_case tl_cases[TL_MAX_CASES];
int tl_ncases;

struct tl_loaded {
	char name[64];
	struct cosy_compound *c;
};

static struct tl_loaded tl_loaded[8];
static int tl_load_fds;	/* fds held by loaded compounds */

struct cosy_compound *tl_compound(const char *name)
{
	const char *dir = getenv("COSY_BPF_DIR");
	char path[512];
	int i, before;

	for (i = 0; i < 8 && tl_loaded[i].c; i++)
		if (!strcmp(tl_loaded[i].name, name))
			return tl_loaded[i].c;
	if (i == 8)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s.bpf.o", dir ? dir : ".", name);
	before = tl_fd_count();
	tl_loaded[i].c = cosy_compound__open_file(path, NULL);
	/* The object's prog and map fds stay open for the process: not a leak. */
	tl_load_fds += tl_fd_count() - before;
	if (!tl_loaded[i].c) {
		printf("#   cannot load %s: %s\n", path, strerror(errno));
		return NULL;
	}
	snprintf(tl_loaded[i].name, sizeof(tl_loaded[i].name), "%s", name);
	return tl_loaded[i].c;
}

int tl_fd_count(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1;	/* opendir's own fd */
}

int tl_make_file(const char *path, size_t size, unsigned seed)
{
	static char buf[65536];
	unsigned x = seed * 2654435761u + 1;
	size_t done = 0, i, n;
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -errno;
	while (done < size) {
		n = size - done < sizeof(buf) ? size - done : sizeof(buf);
		for (i = 0; i < n; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = x >> 16;
		}
		if (write(fd, buf, n) != (ssize_t)n) {
			err = -EIO;
			break;
		}
		done += n;
	}
	if (close(fd) && !err)
		err = -errno;
	return err;
}

int tl_cmp_files(const char *a, const char *b)
{
	static char ba[65536], bb[65536];
	int fa = open(a, O_RDONLY), fb = open(b, O_RDONLY), ret = -1;
	long long off = 0;
	ssize_t ra, rb;

	if (fa < 0 || fb < 0) {
		printf("#   cmp: cannot open %s or %s\n", a, b);
		goto out;
	}
	for (;;) {
		ra = read(fa, ba, sizeof(ba));
		rb = read(fb, bb, sizeof(bb));
		if (ra != rb || (ra > 0 && memcmp(ba, bb, ra))) {
			printf("#   cmp: %s and %s differ in the block at %lld\n", a, b, off);
			goto out;
		}
		if (ra <= 0)
			break;
		off += ra;
	}
	ret = ra < 0 ? -1 : 0;
out:
	if (fa >= 0)
		close(fa);
	if (fb >= 0)
		close(fb);
	return ret;
}

int tl_in_child(int (*fn)(void), unsigned timeout_s)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("#   fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		alarm(timeout_s);
		_exit(fn());
	}
	if (waitpid(pid, &status, 0) != pid) {
		printf("#   waitpid: %s\n", strerror(errno));
		return 1;
	}
	if (WIFSIGNALED(status)) {
		if (WTERMSIG(status) == SIGALRM)
			printf("#   still waiting after %u s: killed (a kfunc blocked)\n", timeout_s);
		else
			printf("#   killed by signal %d\n", WTERMSIG(status));
		return 1;
	}
	return WEXITSTATUS(status);
}

struct tl_prog {
	char object[64], prog[64];
	struct bpf_object *obj;
};

static struct tl_prog tl_progs[16];

int tl_prog_refused_with(const char *object, const char *prog, const char *msg)
{
	static char log[1 << 20];
	const char *dir = getenv("COSY_BPF_DIR");
	struct bpf_program *p, *found = NULL;
	struct bpf_object *obj;
	char path[512];
	int err;

	snprintf(path, sizeof(path), "%s/%s.bpf.o", dir ? dir : ".", object);
	obj = bpf_object__open_file(path, NULL);
	if (libbpf_get_error(obj)) {
		printf("#   cannot open %s\n", path);
		return -1;
	}
	bpf_object__for_each_program(p, obj) {
		bool me = !strcmp(bpf_program__name(p), prog);

		bpf_program__set_autoload(p, me);
		if (me)
			found = p;
	}
	log[0] = 0;
	if (found)
		bpf_program__set_log_buf(found, log, sizeof(log));
	err = found ? bpf_object__load(obj) : -ENOENT;
	bpf_object__close(obj);
	if (!err)
		return 0;
	if (strstr(log, msg))
		return 1;
	printf("#   %s of %s refused (%s), but not with \"%s\"\n", prog, path, strerror(-err), msg);
	return -1;
}

int tl_prog_fd(const char *object, const char *prog, const char *map_name, int *map_fd)
{
	const char *dir = getenv("COSY_BPF_DIR");
	struct bpf_program *p, *found = NULL;
	struct bpf_object *obj;
	char path[512];
	int i, before, err;

	for (i = 0; i < 16 && tl_progs[i].obj; i++)
		if (!strcmp(tl_progs[i].object, object) && !strcmp(tl_progs[i].prog, prog))
			goto found;
	if (i == 16)
		return -ENOSPC;
	snprintf(path, sizeof(path), "%s/%s.bpf.o", dir ? dir : ".", object);
	before = tl_fd_count();
	obj = bpf_object__open_file(path, NULL);
	err = libbpf_get_error(obj);
	if (err) {
		printf("#   cannot open %s: %s\n", path, strerror(-err));
		return err;
	}
	bpf_object__for_each_program(p, obj) {
		bool me = !strcmp(bpf_program__name(p), prog);

		bpf_program__set_autoload(p, me);
		if (me)
			found = p;
	}
	err = found ? bpf_object__load(obj) : -ENOENT;
	if (err) {
		printf("#   cannot load %s from %s: %s\n", prog, path, strerror(-err));
		bpf_object__close(obj);
		return err;
	}
	/* Like tl_compound(): the object's fds stay open for the process. */
	tl_load_fds += tl_fd_count() - before;
	snprintf(tl_progs[i].object, sizeof(tl_progs[i].object), "%s", object);
	snprintf(tl_progs[i].prog, sizeof(tl_progs[i].prog), "%s", prog);
	tl_progs[i].obj = obj;
found:
	obj = tl_progs[i].obj;
	if (map_name) {
		*map_fd = bpf_object__find_map_fd_by_name(obj, map_name);
		if (*map_fd < 0) {
			printf("#   no map %s in %s\n", map_name, object);
			return -ENOENT;
		}
	}
	return bpf_program__fd(bpf_object__find_program_by_name(obj, prog));
}

int tl_kprobe_start(const char *func)
{
	struct perf_event_attr at = { .size = sizeof(at) };
	int fd, type;
	FILE *f;

	f = fopen("/sys/bus/event_source/devices/kprobe/type", "r");
	if (!f)
		return -ENOENT;
	if (fscanf(f, "%d", &type) != 1)
		type = -1;
	fclose(f);
	if (type < 0)
		return -ENOENT;
	/* An int3 kprobe: no jump patched in later, while others run (see testlib.h) */
	f = fopen("/proc/sys/debug/kprobes-optimization", "w");
	if (f) {
		fputs("0\n", f);
		fclose(f);
	}
	at.type = type;
	at.config1 = (__u64)(unsigned long)func;	/* kprobe_func: copied by the kernel */
	at.disabled = 1;
	fd = syscall(SYS_perf_event_open, &at, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, PERF_EVENT_IOC_ENABLE, 0)) {
		close(fd);
		return -errno;
	}
	return fd;
}

long long tl_kprobe_count(int fd)
{
	long long n;

	return read(fd, &n, sizeof(n)) == sizeof(n) ? n : -1;
}

int tl_mount_ext4(const char *dir)
{
	static int n;
	char img[256], cmd[1024];
	int r;

	snprintf(img, sizeof(img), "%s.%d.ext4", dir, n++);
	if (mkdir(dir, 0755) && errno != EEXIST) {
		printf("#   mkdir %s: %s\n", dir, strerror(errno));
		return -errno;
	}
	/* busybox: cp, and mount -o loop finds a free loop device itself. */
	snprintf(cmd, sizeof(cmd), "cp /cosy/ext4.img '%s' && mount -t ext4 -o loop '%s' '%s'",
		 img, img, dir);
	if (access("/cosy/ext4.img", R_OK)) {
		printf("#   no /cosy/ext4.img (vm.sh makes it with mke2fs)\n");
		return -ENOENT;
	}
	r = system(cmd);
	if (r) {
		printf("#   '%s' failed (status %#x)\n", cmd, r);
		return -EIO;
	}
	return 0;
}

int tl_sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	printf("#   $ %s\n", cmd);
	fflush(stdout);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

bool tl_kernel_log_has(const char *what)
{
	int size = klogctl(10, NULL, 0);	/* SYSLOG_ACTION_SIZE_BUFFER */
	char *buf;
	bool hit;

	if (size <= 0)
		return false;
	buf = calloc(1, size + 1);
	if (!buf)
		return false;
	size = klogctl(3, buf, size);		/* SYSLOG_ACTION_READ_ALL: since the last clear */
	hit = size > 0 && strstr(buf, what);
	free(buf);
	return hit;
}

/* Messages from libcosy/libbpf: keep warnings visible, prefixed as TAP comments. */
static int tl_print(enum cosy_print_level level, const char *fmt, va_list ap)
{
	if (level == COSY_DEBUG)
		return 0;
	printf("#   ");
	return vprintf(fmt, ap);
}

int tl_main(int argc, char **argv)
{
	/* TL_ONLY (vm.sh passes it on): one case that crashes the guest at a time. */
	const char *only = getenv("TL_ONLY");
	int i, failed = 0, ran = 0, skipped = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	cosy_set_print(tl_print);
	if (access("/sys/kernel/btf/cosy", F_OK)) {
		printf("# cosy module (with BTF) not loaded: skip\n");
		return 77;
	}
	for (i = 0; i < tl_ncases; i++) {
		const struct tl_case *tc = &tl_cases[i];
		int before, after, r;

		if (argc > 1 && fnmatch(argv[1], tc->name, 0))
			continue;
		if (only && *only && fnmatch(only, tc->name, 0))
			continue;
		before = tl_fd_count() - tl_load_fds;
		r = tc->fn();
		after = tl_fd_count() - tl_load_fds;
		if (!r && !tc->fd_change_ok && before != after) {
			printf("#   fd count %d before, %d after: leaked fds\n", before, after);
			r = 1;
		}
		if (r == 77) {
			printf("ok %d %s # SKIP\n", ++ran, tc->name);
			skipped++;
			continue;
		}
		printf("%s %d %s\n", r ? "not ok" : "ok", ++ran, tc->name);
		failed += !!r;
	}
	printf("# %d cases, %d failed, %d skipped\n", ran, failed, skipped);
	return failed ? 1 : ran > skipped ? 0 : 77;
}
