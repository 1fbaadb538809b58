// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-bench: the workloads (cp, cat-many, grep-c, ls-l, burst), each done
 * by its compound and by the baselines a user would pick instead (a plain
 * syscall loop, io_uring, copy_file_range/sendfile, the coreutils tool),
 * interleaved rep by rep on the same data.  Every run's result (bytes,
 * matches, entries) must agree across methods, or the bench fails.
 * Methods cc and plain run the workload written as plain C
 * (examples/cc/NAME.c, one region) built by cosy-cc and by cc.
 *
 *   cosy-bench [-r REPS] [-w WARMUP] [-m M1,M2..] [-j] [-C] WORKLOAD ARGS...
 *     cp SRC DST CHUNK | cat-many DIR N OUT | grep-c FILE PATTERN |
 *     ls-l DIR | burst N | tr IN OUT | append LOG N | reverse IN OUT BLOCK
 *   cosy-bench --print ls-l DIR      (the listing, as ls -lnA --time-style=+%s)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <liburing.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cosy/cosy.h>
#include "burst.h"
#include "cosy-bench.h"
#include "cosy_floor.h"
#include "cat_many.h"
#include "cp.h"
#include "drop_caches.h"
#include "du.h"
#include "du_loop.h"
#include "pack_loop.h"
#include "tool.h"
#include "grep_c.h"
#include "ls_l.h"

#define MAX_REPS 200
#define MAX_METHODS 12

static struct cosy_compound *load(const char *name)
{
	const char *dir = getenv("COSY_BPF_DIR");
	char path[512];
	struct cosy_compound *c;

	snprintf(path, sizeof(path), "%s/%s.bpf.o", dir ? dir : ".", name);
	c = cosy_compound__open_file(path, NULL);
	if (!c)
		fprintf(stderr, "Error: cannot load %s: %s\n", path, strerror(errno));
	return c;
}

/* Processes started: a method that starts any is timed apart (main()) */
static unsigned long forks;

static pid_t bench_fork(void)
{
	forks++;
	return fork();
}

/*
 * Run an external tool, its stdout to `out` (or /dev/null): 0 if it exited
 * with a status up to max_status (grep's 1: nothing matched), else -ECHILD.
 */
static int run_tool(char *const argv[], const char *out, int max_status)
{
	pid_t pid = bench_fork();
	int st;

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		int fd = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		return -errno;
	if (WIFEXITED(st) && WEXITSTATUS(st) <= max_status)
		return 0;
	fprintf(stderr, "Error: %s exited with status %d\n", argv[0],
		WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	return -ECHILD;
}

/*
 * Run a tool and hand back its stdout, rewound (a temporary file, already
 * unlinked), or NULL with *err set.  *err is the tool's status otherwise.
 */
static FILE *run_tool_output(char *const argv[], int *err, int max_status)
{
	char path[] = "/tmp/cosy-bench-out.XXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	if (fd < 0) {
		*err = -errno;
		return NULL;
	}
	close(fd);
	*err = run_tool(argv, path, max_status);
	f = fopen(path, "r");
	unlink(path);
	if (!f && !*err)
		*err = -EIO;
	return f;
}

static uint64_t file_size(const char *p)
{
	struct stat st;

	return stat(p, &st) ? 0 : st.st_size;
}

/*
 * One run of a compound's entry: the crossing counted, failures named.
 * A benchmark measures, so it asks for as much time as the module allows
 * (the request is clamped to max_time_ns, 60 s unless changed): the default
 * 10 s budget is for interactive runs, and a slow emulated or debug kernel
 * takes longer than that over the 1-byte-chunk copies.
 */
static int run_entry(struct wl *w, const char *entry, void *args, size_t sz,
		     struct cosy_run_opts *ro, struct result *r)
{
	int err;

	if (!ro->budget_time_ns)
		ro->budget_time_ns = UINT64_MAX;
	err = cosy_compound__run(w->c, entry, args, sz, ro);

	r->syscalls = 1;
	r->kcalls = ro->stats.calls;
	if (err)
		return err;
	if (ro->retval)
		fprintf(stderr, "Error: %s: %s in %s\n", entry, strerror(-ro->retval),
			cosy_op_str(ro->fail_op));
	return ro->retval;
}

/* ---- cc, plain: the workload as plain C (examples/cc) --------------------- */

/*
 * A program of this build (cosy-du, examples/cc's cc-NAME): the one next
 * to this binary first, else on PATH.  0 with the path in buf, or -ENOENT.
 */
static int find_prog(const char *name, char *buf, size_t len)
{
	const char *path = getenv("PATH"), *p, *colon;
	char self[PATH_MAX], *slash = NULL;
	ssize_t n;
	int l;

	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = 0;
		slash = strrchr(self, '/');
	}
	if (slash) {
		*slash = 0;
		if (snprintf(buf, len, "%s/%s", self, name) < (int)len && !access(buf, X_OK))
			return 0;
	}
	for (p = path; p && *p; p = colon ? colon + 1 : NULL) {
		colon = strchr(p, ':');
		l = colon ? colon - p : (int)strlen(p);
		if (snprintf(buf, len, "%.*s/%s", l ? l : 1, l ? p : ".", name) < (int)len &&
		    !access(buf, X_OK))
			return 0;
	}
	return -ENOENT;
}

/*
 * The programs of examples/cc: cc-WORKLOAD built by cosy-cc (method cc),
 * cc-WORKLOAD.plain built by cc (method plain).
 */
static int cc_prog(const char *wname, bool plain, char *buf, size_t len)
{
	char name[64];

	snprintf(name, sizeof(name), "cc-%s%s", wname, plain ? ".plain" : "");
	return find_prog(name, buf, len);
}

static void copy_out(int fd)
{
	char buf[4096];
	ssize_t n;

	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stderr);
}

/* Two unlinked temporary files for a child's stdout and stderr: 0 or -errno. */
static int tmp_pair(int *out, int *errs)
{
	char out_path[] = "/tmp/cosy-bench-out.XXXXXX", err_path[] = "/tmp/cosy-bench-err.XXXXXX";
	int err;

	*out = mkstemp(out_path);
	*errs = *out < 0 ? -1 : mkstemp(err_path);
	if (*out < 0 || *errs < 0) {
		err = -errno;
		if (*out >= 0) {
			close(*out);
			unlink(out_path);
		}
		return err;
	}
	unlink(out_path);
	unlink(err_path);
	return 0;
}

/*
 * Run cc-WORKLOAD[.plain] -n 2 -T -- ARGS: the first run is a warm-up
 * (the cosy-cc build verifies or attaches its compound there), the
 * second run's time_ms= line is this run's time.  Its stdout is one line,
 * "WHAT N": N is the result.  The cosy-cc build runs with COSY_MODE=kernel,
 * so that a fallback to user space fails instead of timing user space.
 */
static int cc_run(struct wl *w, struct result *r, bool plain)
{
	char prog[PATH_MAX], line[512];
	char *argv[6 + 4] = { prog, "-n", "2", "-T", "--" };
	int out, errs, st, i, err = 0;
	bool have_value = false;
	FILE *f;
	pid_t pid;

	err = cc_prog(w->name, plain, prog, sizeof(prog));
	if (err)
		return err;
	for (i = 0; i < w->nargs; i++)
		argv[5 + i] = w->argv[i];
	argv[5 + i] = NULL;
	err = tmp_pair(&out, &errs);
	if (err)
		return err;
	fflush(NULL);
	pid = bench_fork();
	if (pid == 0) {
		if (dup2(out, 1) < 0 || dup2(errs, 2) < 0)
			_exit(126);
		if (!plain) {
			setenv("COSY_MODE", "kernel", 1);
			/* as run_entry() asks: the module's time cap, unless told */
			setenv("COSY_BUDGET_TIME_NS", "18446744073709551615", 0);
		}
		execv(prog, argv);
		fprintf(stderr, "exec %s: %s\n", prog, strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0) {
		err = -errno;
		goto out;
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "Error: %s %s", prog, WIFEXITED(st) ? "exited with status" :
			"was killed by signal");
		fprintf(stderr, " %d; its stderr:\n", WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
		copy_out(errs);
		err = -ECHILD;
		goto out;
	}
	lseek(out, 0, SEEK_SET);
	f = fdopen(dup(out), "r");
	have_value = f && fscanf(f, "%*s %" SCNu64, &r->value) == 1;
	if (f)
		fclose(f);
	lseek(errs, 0, SEEK_SET);
	f = fdopen(dup(errs), "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "time_ms=", 8))
			r->timed = sscanf(line + 8, "%lf", &r->ms) == 1;
	if (f)
		fclose(f);
	if (!have_value || !r->timed) {
		fprintf(stderr, "Error: %s printed no %s; its stderr:\n", prog,
			have_value ? "time_ms= line" : "result");
		copy_out(errs);
		err = -EPROTO;
	}
	r->syscalls = UINT64_MAX;
	r->kcalls = plain ? 0 : UINT64_MAX;
out:
	close(out);
	close(errs);
	return err;
}

/* ---- startup: a short program, start to exit ------------------------------ */

/*
 * cc-head FILE 64 started N times in a row, the clock around each process
 * from fork to exit: what a short program pays for its region (process
 * start, attach, segment, run, exit).  cc: its compound cached (the
 * warm-up pins it); cc-verify: COSY_CACHE=0, every process verifies it;
 * cc-user: COSY_MODE=user, what the cosy-cc binary costs with no compound
 * (its size, libcosy's start); plain: the cc build (mode NULL; otherwise
 * mode is the COSY_MODE the cosy-cc build runs with).  The time is per
 * process.
 */
static int startup_run(struct wl *w, struct result *r, const char *mode, bool verify)
{
	bool plain = !mode;
	char prog[PATH_MAX];
	char *argv[] = { prog, w->argv[0], "64", NULL };
	int out, errs, st, err;
	unsigned long i;
	double t0;
	FILE *f;
	pid_t pid;

	err = cc_prog("head", plain, prog, sizeof(prog));
	if (err)
		return err;
	err = tmp_pair(&out, &errs);
	if (err)
		return err;
	fflush(NULL);
	t0 = tool_now_ms();
	for (i = 0; i < w->n && !err; i++) {
		if (ftruncate(out, 0) || lseek(out, 0, SEEK_SET)) {
			err = -errno;
			break;
		}
		pid = bench_fork();
		if (pid == 0) {
			if (dup2(out, 1) < 0 || dup2(errs, 2) < 0)
				_exit(126);
			if (!plain)
				setenv("COSY_MODE", mode, 1);
			if (verify)
				setenv("COSY_CACHE", "0", 1);
			execv(prog, argv);
			fprintf(stderr, "exec %s: %s\n", prog, strerror(errno));
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &st, 0) < 0) {
			err = -errno;
			break;
		}
		if (!WIFEXITED(st) || WEXITSTATUS(st)) {
			fprintf(stderr, "Error: %s exited with status %d; its stderr:\n", prog,
				WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
			copy_out(errs);
			err = -ECHILD;
		}
	}
	r->ms = (tool_now_ms() - t0) / w->n;
	r->timed = true;
	if (!err) {
		lseek(out, 0, SEEK_SET);
		f = fdopen(dup(out), "r");
		if (!f || fscanf(f, "bytes %" SCNu64, &r->value) != 1) {
			fprintf(stderr, "Error: %s printed no result\n", prog);
			err = -EPROTO;
		}
		if (f)
			fclose(f);
	}
	r->syscalls = UINT64_MAX;
	r->kcalls = plain ? 0 : UINT64_MAX;
	close(out);
	close(errs);
	return err;
}

static int startup_plain(struct wl *w, struct result *r)
{
	return startup_run(w, r, NULL, false);
}

static int startup_cc(struct wl *w, struct result *r)
{
	return startup_run(w, r, "kernel", false);
}

static int startup_user(struct wl *w, struct result *r)
{
	return startup_run(w, r, "user", false);
}

static int startup_verify(struct wl *w, struct result *r)
{
	return startup_run(w, r, "kernel", true);
}

static const struct method startup_methods[] = {
	{ "cc", startup_cc, "cc-head, its compound cached: one process" },
	{ "cc-verify", startup_verify, "cc-head, COSY_CACHE=0: one process, verifying" },
	{ "cc-user", startup_user, "cc-head, COSY_MODE=user: the same binary, no compound" },
	{ "plain", startup_plain, "cc-head.plain: one process" },
};

static int run_cc(struct wl *w, struct result *r) { return cc_run(w, r, false); }
static int run_plain(struct wl *w, struct result *r) { return cc_run(w, r, true); }

#define CC_METHODS \
	{ "cc", run_cc, "the same C, one region built by cosy-cc" }, \
	{ "plain", run_plain, "the same C built by cc" }

/*
 * The floor: the same workload as plain kernel C in one ioctl of the
 * test-only tests/floor/cosy_floor.ko (the same VFS calls, no BPF, no
 * guard).  Its time over the compound's is cosy's efficiency.
 */
static int floor_fd = -1;

static bool floor_open_dev(void)
{
	if (floor_fd < 0)
		floor_fd = open("/dev/cosy-floor", O_RDWR | O_CLOEXEC);
	return floor_fd >= 0;
}

/* Run q with names[0..n) back to back as its strings. */
static int floor_call(struct result *r, struct cosy_floor_req *q, char *const *names,
		      unsigned long n)
{
	size_t len = 0, l;
	unsigned long i;
	char *blob;
	int err = 0;

	for (i = 0; i < n; i++)
		len += strlen(names[i]) + 1;
	blob = malloc(len ? len : 1);
	if (!blob)
		return -ENOMEM;
	for (i = 0, len = 0; i < n; i++, len += l) {
		l = strlen(names[i]) + 1;
		memcpy(blob + len, names[i], l);
	}
	q->names = (uintptr_t)blob;
	q->names_len = len;
	if (ioctl(floor_fd, COSY_FLOOR_RUN, q))
		err = -errno;
	free(blob);
	r->value = q->result;
	r->syscalls = 1;
	r->kcalls = q->calls;
	return err;
}

/* ---- cp ----------------------------------------------------------------- */

static int cp_cosy_entry(struct wl *w, struct result *r, const char *entry)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct cp_args a = { .src_off = 0, .dst_off = 2048, .buf_off = 4096,
			     .chunk = w->chunk, .mode = 0644 };
	char *seg = cosy_compound__data(w->c, NULL);
	int err;

	snprintf(seg, 2048, "%s", w->argv[0]);
	snprintf(seg + 2048, 2048, "%s", w->argv[1]);
	err = run_entry(w, entry, &a, sizeof(a), &ro, r);
	r->value = a.copied;
	return err;
}

static int cp_cosy(struct wl *w, struct result *r) { return cp_cosy_entry(w, r, "cp"); }
static int cp_cosy_copy(struct wl *w, struct result *r) { return cp_cosy_entry(w, r, "cp_copy"); }

int open_pair(struct wl *w, int *in, int *out, struct result *r)
{
	*in = open(w->argv[0], O_RDONLY);
	*out = open(w->argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	r->syscalls += 2;
	if (*in < 0 || *out < 0) {
		int err = -errno;

		if (*in >= 0)
			close(*in);
		if (*out >= 0)
			close(*out);
		return err;
	}
	return 0;
}

int close_pair(int in, int out, struct result *r)
{
	int err = 0;

	close(in);
	if (close(out))
		err = -errno;
	r->syscalls += 2;
	return err;
}

static int cp_loop(struct wl *w, struct result *r)
{
	char *buf = aligned_alloc(4096, (w->chunk + 4095) & ~4095ul);
	ssize_t n, m, done;
	int in, out, err;

	if (!buf)
		return -ENOMEM;
	err = open_pair(w, &in, &out, r);
	while (!err) {
		n = read(in, buf, w->chunk);
		r->syscalls++;
		if (n <= 0) {
			err = n < 0 ? -errno : 0;
			break;
		}
		for (done = 0; done < n; done += m) {
			m = write(out, buf + done, n - done);
			r->syscalls++;
			if (m < 0) {
				err = -errno;
				break;
			}
		}
		r->value += n;
	}
	if (in >= 0)
		err = close_pair(in, out, r) ?: err;
	free(buf);
	return err;
}

static ssize_t xfer_cfr(int in, int out)
{
	return copy_file_range(in, NULL, out, NULL, 1 << 30, 0);
}

static ssize_t xfer_sendfile(int in, int out)
{
	return sendfile(out, in, NULL, 1 << 30);
}

/* The in-kernel copies user space already has: call until 0. */
static int cp_xfer(struct wl *w, struct result *r, ssize_t (*xfer)(int, int))
{
	int in, out, err = open_pair(w, &in, &out, r);
	ssize_t n;

	while (!err) {
		n = xfer(in, out);
		r->syscalls++;
		if (n <= 0) {
			err = n < 0 ? -errno : 0;
			break;
		}
		r->value += n;
	}
	if (in >= 0)
		err = close_pair(in, out, r) ?: err;
	return err;
}

static int cp_cfr(struct wl *w, struct result *r) { return cp_xfer(w, r, xfer_cfr); }
static int cp_sendfile(struct wl *w, struct result *r) { return cp_xfer(w, r, xfer_sendfile); }

static int cp_gnu(struct wl *w, struct result *r)
{
	char *argv[] = { "cp", w->argv[0], w->argv[1], NULL };
	int err = run_tool(argv, NULL, 0);

	r->value = file_size(w->argv[1]);
	r->syscalls = UINT64_MAX;
	return err;
}

static int cp_floor(struct wl *w, struct result *r)
{
	struct cosy_floor_req q = { .op = COSY_FLOOR_CP, .chunk = w->chunk };
	char *names[] = { w->argv[1], w->argv[0] };

	return floor_call(r, &q, names, 2);
}

static const struct method cp_methods[] = {
	{ "cosy", cp_cosy, "compound, CHUNK bytes through the segment" },
	{ "cosy-copy", cp_cosy_copy, "compound, cosy_copy(): in-kernel" },
	{ "loop", cp_loop, "read/write loop" },
	{ "uring", cp_uring, "io_uring: linked read->write pairs (variant, depth: -U)" },
	{ "cfr", cp_cfr, "copy_file_range" },
	{ "sendfile", cp_sendfile, "sendfile" },
	{ "gnu", cp_gnu, "GNU cp" },
	{ "floor", cp_floor, "the same VFS calls as plain kernel C (cosy_floor.ko)" },
	CC_METHODS,
};

/* ---- cat-many ------------------------------------------------------------ */

static int cat_run(struct wl *w, struct result *r, __u32 open_flags)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct cat_many_args a = { .nfiles = w->n, .table_off = 0, .chunk = w->chunk,
				   .open_flags = open_flags };
	char *seg = cosy_compound__data(w->c, NULL);
	size_t pos = w->n * 4;
	unsigned long i;
	int err;

	for (i = 0; i < w->n; i++) {
		size_t l = strlen(w->paths[i]) + 1;

		((uint32_t *)seg)[i] = pos;
		memcpy(seg + pos, w->paths[i], l);
		pos += l;
	}
	a.dst_off = pos;
	memcpy(seg + pos, w->argv[2], strlen(w->argv[2]) + 1);
	a.buf_off = (pos + 4096 + 4095) & ~4095ul;
	if (a.buf_off + w->chunk > CAT_SEG_SIZE)
		return -ENOSPC;
	err = run_entry(w, "cat_many", &a, sizeof(a), &ro, r);
	r->value = a.copied;
	return err;
}

static int cat_cosy(struct wl *w, struct result *r)
{
	return cat_run(w, r, COSY_O_PRIVATE);
}

static int cat_cosy_fdtable(struct wl *w, struct result *r)
{
	return cat_run(w, r, 0);
}

#define FAST_LOOKUP_PARAM "/sys/module/cosy/parameters/fast_lookup"

/* cosy.ko's fast_lookup parameter to `on`: 0, or -errno. */
static int set_fast_lookup(bool on)
{
	int fd = open(FAST_LOOKUP_PARAM, O_WRONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, on ? "1" : "0", 1) != 1)
		err = -errno;
	close(fd);
	return err;
}

/* Method fn with every open and fstatat walking its path as the syscalls do. */
static int walking(int (*fn)(struct wl *, struct result *), struct wl *w, struct result *r)
{
	int err = set_fast_lookup(false);

	if (!err)
		err = fn(w, r);
	if (set_fast_lookup(true) && !err)
		err = -EIO;
	return err;
}

/* The fd table, and every open walking its path: the compound before both. */
static int cat_cosy_walk(struct wl *w, struct result *r)
{
	return walking(cat_cosy_fdtable, w, r);
}

static int cat_loop(struct wl *w, struct result *r)
{
	char *buf = aligned_alloc(4096, (w->chunk + 4095) & ~4095ul);
	int out, in, err = 0;
	unsigned long i;
	ssize_t n;

	out = open(w->argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	r->syscalls++;
	if (out < 0 || !buf) {
		free(buf);
		return out < 0 ? -errno : -ENOMEM;
	}
	for (i = 0; i < w->n && !err; i++) {
		in = open(w->paths[i], O_RDONLY);
		r->syscalls++;
		if (in < 0) {
			err = -errno;
			break;
		}
		while ((n = read(in, buf, w->chunk)) > 0) {
			r->syscalls++;
			if (write(out, buf, n) != n) {
				err = -EIO;
				break;
			}
			r->syscalls++;
			r->value += n;
		}
		r->syscalls++;
		if (n < 0)
			err = -errno;
		close(in);
		r->syscalls++;
	}
	close(out);
	r->syscalls++;
	free(buf);
	return err;
}

static int cat_gnu(struct wl *w, struct result *r)
{
	char **argv = calloc(w->n + 2, sizeof(*argv));
	unsigned long i;
	int err;

	if (!argv)
		return -ENOMEM;
	argv[0] = "cat";
	for (i = 0; i < w->n; i++)
		argv[i + 1] = w->paths[i];
	err = run_tool(argv, w->argv[2], 0);
	free(argv);
	r->value = file_size(w->argv[2]);
	r->syscalls = UINT64_MAX;
	return err;
}

static int cat_floor(struct wl *w, struct result *r)
{
	struct cosy_floor_req q = { .op = COSY_FLOOR_CAT, .chunk = w->chunk, .n = w->n };
	char **names = malloc((w->n + 1) * sizeof(*names));
	int err;

	if (!names)
		return -ENOMEM;
	names[0] = w->argv[2];
	memcpy(names + 1, w->paths, w->n * sizeof(*names));
	err = floor_call(r, &q, names, w->n + 1);
	free(names);
	return err;
}

static const struct method cat_methods[] = {
	{ "cosy", cat_cosy, "compound: open/read/write/close per file, session handles" },
	{ "cosy-fdtable", cat_cosy_fdtable, "the same, each file in the fd table as open(2) puts it" },
	{ "cosy-walk", cat_cosy_walk, "the same, and each open walks its path (fast_lookup=0)" },
	{ "loop", cat_loop, "open/read/write/close loop" },
	{ "uring", cat_uring, "io_uring: openat, read, write, close per file (-U)" },
	{ "gnu", cat_gnu, "GNU cat" },
	{ "floor", cat_floor, "the same VFS calls as plain kernel C (cosy_floor.ko)" },
	CC_METHODS,
};

/* ---- grep-c -------------------------------------------------------------- */

#define GREP_CHUNK (256u << 10)

static int grep_cosy(struct wl *w, struct result *r)
{
	COSY_OPTS(cosy_run_opts, ro);
	const char *pat = w->argv[1];
	struct grep_c_args a = { .path_off = 0, .req_off = 4096, .buf_off = 8192,
				 .chunk = GREP_CHUNK };
	char *seg = cosy_compound__data(w->c, NULL);
	struct cosy_grep_req *req = (void *)(seg + a.req_off);
	int err;

	snprintf(seg, 2048, "%s", w->argv[0]);
	memset(req, 0, sizeof(*req));
	req->pat_off = 2048;
	req->pat_len = strlen(pat);
	memcpy(seg + 2048, pat, req->pat_len);
	err = run_entry(w, "grep_c", &a, sizeof(a), &ro, r);
	r->value = a.matches;
	return err;
}

/*
 * The same algorithm in user space, with glibc's memmem/memchr: read a
 * chunk, jump from each occurrence to the end of its line, carry the
 * unfinished last line over to the next read.
 */
static int grep_loop(struct wl *w, struct result *r)
{
	const char *pat = w->argv[1];
	size_t m = strlen(pat), have = 0, cap = GREP_CHUNK;
	char *buf = malloc(cap), *p, *end, *occ, *nl;
	bool matched = false, eof = false;
	ssize_t n;
	int fd;

	fd = open(w->argv[0], O_RDONLY);
	r->syscalls++;
	if (fd < 0 || !buf) {
		free(buf);
		return fd < 0 ? -errno : -ENOMEM;
	}
	while (!eof) {
		n = read(fd, buf + have, cap - have);
		r->syscalls++;
		if (n < 0) {
			free(buf);
			close(fd);
			return -errno;
		}
		eof = n == 0;
		have += n;
		p = buf;
		end = buf + have;
		if (matched || !m) {
			while ((nl = memchr(p, '\n', end - p))) {
				r->value++;
				p = nl + 1;
				matched = false;
				if (m)
					break;
			}
			if (!nl && p < end) {
				matched = true;
				p = end;
			}
		}
		while (m && !matched && (occ = memmem(p, end - p, pat, m))) {
			nl = memchr(occ, '\n', end - occ);
			if (!nl) {
				matched = true;
				p = end;
				break;
			}
			r->value++;
			p = nl + 1;
		}
		if (eof) {
			r->value += matched;
			break;
		}
		/* Keep what a straddling match needs; the rest was scanned. */
		if (!matched && (size_t)(end - p) >= m)
			p = end - (m ? m - 1 : 0);
		memmove(buf, p, end - p);
		have = end - p;
	}
	close(fd);
	r->syscalls++;
	free(buf);
	return 0;
}

static int grep_gnu(struct wl *w, struct result *r)
{
	char *argv[] = { "grep", "-c", "-F", "--", w->argv[1], w->argv[0], NULL };
	int err;
	FILE *f = run_tool_output(argv, &err, 1);	/* 1: no line matched */

	if (f && fscanf(f, "%" SCNu64, &r->value) != 1)
		err = err ?: -EIO;
	if (f)
		fclose(f);
	r->syscalls = UINT64_MAX;
	return err;
}

static int grep_floor(struct wl *w, struct result *r)
{
	struct cosy_floor_req q = { .op = COSY_FLOOR_GREP, .chunk = GREP_CHUNK };
	char *names[] = { w->argv[0], w->argv[1] };

	return floor_call(r, &q, names, 2);
}

static const struct method grep_methods[] = {
	{ "cosy", grep_cosy, "compound: pread + cosy_grep() in place" },
	{ "loop", grep_loop, "read loop + memmem in user space" },
	{ "gnu", grep_gnu, "GNU grep -c -F" },
	{ "floor", grep_floor, "pread + the same scan as plain kernel C (cosy_floor.ko)" },
	CC_METHODS,
};

/* ---- ls-l ---------------------------------------------------------------- */

#define LS_BUF_OFF	4096u
#define LS_BUF_LEN	(64u << 10)
#define LS_OUT_OFF	(LS_BUF_OFF + LS_BUF_LEN + 4096)
#define LS_MAX		((LS_SEG_SIZE - LS_OUT_OFF) / sizeof(struct ls_rec))

/* What to do with each run's records (ls_print prints them); NULL: count. */
typedef int (*ls_sink_fn)(const char *seg, unsigned n);

/*
 * As many runs as the directory needs: a run fills the segment with up
 * to LS_MAX records and says where the next one starts.
 */
static int ls_cosy_runs(struct wl *w, struct result *r, ls_sink_fn sink)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct ls_l_args a = { .dir_off = 0, .buf_off = LS_BUF_OFF, .buf_len = LS_BUF_LEN,
			       .out_off = LS_OUT_OFF, .max_entries = LS_MAX };
	char *seg = cosy_compound__data(w->c, NULL);
	uint64_t runs = 0, kcalls = 0;
	int err;

	snprintf(seg, 4096, "%s", w->argv[0]);
	do {
		a.start = a.next;
		err = run_entry(w, "ls_l", &a, sizeof(a), &ro, r);
		runs++;
		kcalls += r->kcalls;
		if (!err && sink)
			err = sink(seg, a.nentries);
		r->value += a.nentries;
		if (!err && a.truncated && !a.nentries)
			err = -E2BIG;	/* no progress: an entry that fits no record */
	} while (!err && a.truncated);
	r->syscalls = runs;
	r->kcalls = kcalls;
	return err;
}

static int ls_cosy(struct wl *w, struct result *r)
{
	return ls_cosy_runs(w, r, NULL);
}

static int ls_cosy_walk(struct wl *w, struct result *r)
{
	return walking(ls_cosy, w, r);
}

static int ls_loop(struct wl *w, struct result *r)
{
	char buf[64 << 10];
	struct stat st;
	long n, pos;
	int fd;

	fd = open(w->argv[0], O_RDONLY | O_DIRECTORY);
	r->syscalls++;
	if (fd < 0)
		return -errno;
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
		r->syscalls++;
		for (pos = 0; pos < n;) {
			struct dirent64 *de = (void *)(buf + pos);

			pos += de->d_reclen;
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW);
			r->syscalls++;
			r->value++;
		}
	}
	r->syscalls++;
	close(fd);
	r->syscalls++;
	return n < 0 ? -errno : 0;
}

static int ls_gnu(struct wl *w, struct result *r)
{
	char *argv[] = { "ls", "-lnA", w->argv[0], NULL };
	int err, c;
	FILE *f = run_tool_output(argv, &err, 0);

	r->value = 0;
	while (f && (c = fgetc(f)) != EOF)
		r->value += c == '\n';
	if (r->value)
		r->value--;	/* "total N" */
	if (f)
		fclose(f);
	r->syscalls = UINT64_MAX;
	return err;
}

static int ls_floor(struct wl *w, struct result *r)
{
	struct cosy_floor_req q = { .op = COSY_FLOOR_LS, .chunk = LS_BUF_LEN };

	return floor_call(r, &q, &w->argv[0], 1);
}

static const struct method ls_methods[] = {
	{ "cosy", ls_cosy, "compound: getdents + lstat per entry into records" },
	{ "cosy-walk", ls_cosy_walk, "the same, each lstat walking its path (fast_lookup=0)" },
	{ "loop", ls_loop, "getdents64 + fstatat loop" },
	{ "uring", ls_uring, "getdents64 syscalls + io_uring statx batches (-U)" },
	{ "gnu", ls_gnu, "GNU ls -lnA" },
	{ "floor", ls_floor, "getdents + lstat as plain kernel C (cosy_floor.ko)" },
	CC_METHODS,
};

/* ls -lnA --time-style=+%s, from the compound's records (for the tests). */
static int ls_print_recs(const char *seg, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		const struct ls_rec *e = (const void *)(seg + LS_OUT_OFF + i * sizeof(*e));
		const struct cosy_stat *st = &e->st;
		char m[11] = "?---------";
		const char *t = "?-dlcbps";
		unsigned fmt = st->mode & S_IFMT;
		int k;

		m[0] = fmt == S_IFREG ? '-' : fmt == S_IFDIR ? 'd' : fmt == S_IFLNK ? 'l' :
		       fmt == S_IFCHR ? 'c' : fmt == S_IFBLK ? 'b' : fmt == S_IFIFO ? 'p' :
		       fmt == S_IFSOCK ? 's' : t[0];
		for (k = 0; k < 9; k++)
			if (st->mode & (0400 >> k))
				m[1 + k] = "rwxrwxrwx"[k];
		if (st->mode & S_ISUID)
			m[3] = m[3] == 'x' ? 's' : 'S';
		if (st->mode & S_ISGID)
			m[6] = m[6] == 'x' ? 's' : 'S';
		if (st->mode & S_ISVTX)
			m[9] = m[9] == 'x' ? 't' : 'T';
		if (e->err) {
			fprintf(stderr, "Error: lstat %s: %s\n", e->name, strerror(-e->err));
			return e->err;
		}
		printf("%s %u %u %u %llu %lld %s\n", m, st->nlink, st->uid, st->gid,
		       (unsigned long long)st->size, (long long)(st->mtime_ns / 1000000000),
		       e->name);
	}
	return 0;
}

static int ls_print(struct wl *w)
{
	struct result r = {};

	return ls_cosy_runs(w, &r, ls_print_recs);
}

/* ---- burst --------------------------------------------------------------- */

int burst_fd = -1;
/* burst's empty file, in the working directory (cc-burst reads it too) */
#define BURST_FILE "burst.empty"

static int burst_cosy(struct wl *w, struct result *r)
{
	struct burst_args a = { .fd = burst_fd, .n = w->n };
	COSY_OPTS(cosy_run_opts, ro, .grant_fds = &burst_fd, .ngrant = 1);
	int err;

	err = run_entry(w, "burst", &a, sizeof(a), &ro, r);
	r->value = a.done;
	return err;
}

/*
 * The same compound through /dev/cosy, as a process without CAP_BPF runs
 * it: the one an administrator approved as "burst" (cosy-load approve).
 */
static struct cosy_compound *burst_dev_c;

static struct cosy_compound *burst_dev_open(void)
{
	if (!burst_dev_c) {
		setenv("COSY_VIA", "dev", 1);
		burst_dev_c = cosy_compound__open_pinned("burst", NULL);
		unsetenv("COSY_VIA");
	}
	return burst_dev_c;
}

static int burst_cosy_dev(struct wl *w, struct result *r)
{
	struct cosy_compound *saved = w->c;
	int err;

	w->c = burst_dev_open();
	if (!w->c) {
		w->c = saved;
		return -errno;
	}
	err = burst_cosy(w, r);
	w->c = saved;
	return err;
}

static int burst_loop(struct wl *w, struct result *r)
{
	char c;
	unsigned long i;

	for (i = 0; i < w->n; i++) {
		if (read(burst_fd, &c, 0))
			return -errno;
		r->value++;
	}
	r->syscalls = w->n;
	return 0;
}

/*
 * burst taken apart (bpf/burst_parts.bpf.c): the same loop calling a kfunc
 * that does nothing, then one that runs only the guard.
 */
static struct cosy_compound *burst_parts;

static int burst_part(struct wl *w, struct result *r, const char *entry)
{
	struct cosy_compound *saved = w->c;
	struct burst_args a = { .fd = burst_fd, .n = w->n };
	COSY_OPTS(cosy_run_opts, ro);
	int err;

	if (!burst_parts && !(burst_parts = load("burst_parts")))
		return -ENOENT;
	w->c = burst_parts;
	err = run_entry(w, entry, &a, sizeof(a), &ro, r);
	r->value = a.done;
	w->c = saved;
	return err;
}

static int burst_nop(struct wl *w, struct result *r) { return burst_part(w, r, "burst_nop"); }
static int burst_guard(struct wl *w, struct result *r) { return burst_part(w, r, "burst_guard"); }

static int burst_floor(struct wl *w, struct result *r)
{
	struct cosy_floor_req q = { .op = COSY_FLOOR_BURST, .fd = burst_fd, .n = w->n };

	return floor_call(r, &q, NULL, 0);
}

static const struct method burst_methods[] = {
	{ "cosy", burst_cosy, "compound: N cosy_read(0 bytes)" },
	{ "cosy-dev", burst_cosy_dev, "the same through /dev/cosy (approved as 'burst')" },
	{ "loop", burst_loop, "N read(fd, buf, 0)" },
	{ "uring", burst_uring, "io_uring: 0-byte reads, a batch per submit (-U)" },
	{ "cosy-nop", burst_nop, "the loop calling a kfunc that does nothing" },
	{ "cosy-guard", burst_guard, "the loop calling a kfunc that runs the guard only" },
	{ "floor", burst_floor, "N 0-byte reads as plain kernel C (cosy_floor.ko)" },
	CC_METHODS,
};

/* ---- du: a whole program ------------------------------------------------- */

/*
 * du -s of a tree: the walk alone in this process (cosy: the compound;
 * loop: nftw), and whole processes from exec to exit: GNU du, cosy-du with
 * the compound pinned as "du" (attach only), cosy-du verifying it in the
 * process (COSY_CACHE=0), cosy-du -l (its nftw walk).
 */
static int du_cosy(struct wl *w, struct result *r)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct du_args a = { .root_off = 0 };
	char *seg = cosy_compound__data(w->c, NULL);
	int err;

	if (snprintf(seg, COSY_PATH_MAX, "%s", w->argv[0]) >= (int)COSY_PATH_MAX)
		return -ENAMETOOLONG;
	err = run_entry(w, "du", &a, sizeof(a), &ro, r);
	r->value = a.blocks;
	if (!err && a.errors)
		err = -EIO;	/* du would have complained: not this benchmark's tree */
	return err;
}

static int du_loop_method(struct wl *w, struct result *r)
{
	struct du_loop_result lr;
	int err = du_loop(w->argv[0], &lr, false);

	r->value = lr.blocks;
	r->syscalls = UINT64_MAX;
	return err ?: lr.errors ? -EIO : 0;
}

/* Run a du-like program, its first number is the result: -errno or 0. */
static int du_proc(struct result *r, char **argv, const char *cache)
{
	unsigned long long v;
	int err, rc;
	FILE *f;

	if (cache)
		setenv("COSY_CACHE", cache, 1);
	f = run_tool_output(argv, &err, 0);
	if (cache)
		unsetenv("COSY_CACHE");
	rc = f && fscanf(f, "%llu", &v) == 1;
	if (f)
		fclose(f);
	if (!err && !rc) {
		fprintf(stderr, "Error: %s printed no block count\n", argv[0]);
		err = -EPROTO;
	}
	r->value = rc ? v : 0;
	r->syscalls = UINT64_MAX;
	return err;
}

static char du_prog[PATH_MAX];

static bool is_pinned(const char *name)
{
	struct cosy_compound *c = cosy_compound__open_pinned(name, NULL);

	cosy_compound__close(c);
	return c != NULL;
}

static bool du_pinned(void) { return is_pinned("du"); }
static bool pack_pinned(void) { return is_pinned("pack"); }

static int du_gnu(struct wl *w, struct result *r)
{
	char *argv[] = { "du", "-s", "-B512", w->argv[0], NULL };

	return du_proc(r, argv, NULL);
}

static int du_proc_pinned(struct wl *w, struct result *r)
{
	char *argv[] = { du_prog, w->argv[0], NULL };

	return du_proc(r, argv, NULL);
}

static int du_proc_verify(struct wl *w, struct result *r)
{
	char *argv[] = { du_prog, w->argv[0], NULL };

	return du_proc(r, argv, "0");
}

static int du_proc_loop(struct wl *w, struct result *r)
{
	char *argv[] = { du_prog, "-l", w->argv[0], NULL };

	return du_proc(r, argv, NULL);
}

static const struct method du_methods[] = {
	{ "cosy", du_cosy, "compound: the walk in one crossing (load excluded)" },
	{ "loop", du_loop_method, "nftw walk, lstat per entry" },
	{ "gnu", du_gnu, "GNU du -s -B512, process exec to exit" },
	{ "proc", du_proc_pinned, "cosy-du, exec to exit, compound pinned (attach)" },
	{ "proc-verify", du_proc_verify, "cosy-du, exec to exit, verifier in the process" },
	{ "proc-loop", du_proc_loop, "cosy-du -l (nftw), exec to exit" },
};

/* ---- pack: a whole program ----------------------------------------------- */

/*
 * tar -c of N small files into one: the archiving alone in this process
 * (cosy: the compound, one run; loop: pack_loop.h), and whole processes
 * from exec to exit: GNU tar, cosy-pack with the compound pinned as
 * "pack", cosy-pack verifying it (COSY_CACHE=0), cosy-pack -l.  The result
 * is the files archived.
 */
static int pack_cosy(struct wl *w, struct result *r)
{
	struct pack_args a = { .table_off = PACK_TABLE_OFF, .nfiles = w->n,
			       .work_off = PACK_WORK_OFF, .stat_off = PACK_STAT_OFF,
			       .buf_off = PACK_BUF_OFF, .buf_len = PACK_BUF_LEN, .finish = 1 };
	size_t size, pos = PACK_TABLE_OFF + 4 * w->n;
	char *seg = cosy_compound__data(w->c, &size);
	int out, err;
	unsigned long i;

	for (i = 0; i < w->n; i++) {
		size_t l = strlen(w->paths[i]) + 1;

		if (pos + l > size)
			return -E2BIG;	/* cosy-pack takes such lists in several runs */
		((uint32_t *)(seg + PACK_TABLE_OFF))[i] = pos;
		memcpy(seg + pos, w->paths[i], l);
		pos += l;
	}
	out = open(w->argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0)
		return -errno;
	a.out_fd = out;
	{
		COSY_OPTS(cosy_run_opts, ro, .grant_fds = &out, .ngrant = 1);

		err = run_entry(w, "pack", &a, sizeof(a), &ro, r);
	}
	r->syscalls += 2;
	if (close(out) && !err)
		err = -errno;
	r->value = a.done;
	return err;
}

static int pack_loop_method(struct wl *w, struct result *r)
{
	char *buf = malloc(PACK_BUF_LEN);
	uint64_t written = 0;
	int out, err = 0, mid;
	unsigned long i;

	out = open(w->argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0 || !buf) {
		err = out < 0 ? -errno : -ENOMEM;
		if (out >= 0)
			close(out);
		free(buf);
		return err;
	}
	for (i = 0; i < w->n && !err; i++) {
		err = pack_one(out, w->paths[i], buf, PACK_BUF_LEN, &written, &mid);
		r->value += !err;
	}
	err = err ?: pack_finish(out, &written);
	if (close(out) && !err)
		err = -errno;
	free(buf);
	r->syscalls = UINT64_MAX;
	return err;
}

/* argv: the program and its options, then OUT and the paths. */
static int pack_proc(struct wl *w, struct result *r, char **opts, int nopts, const char *cache)
{
	char **argv = calloc(nopts + w->n + 2, sizeof(*argv));
	int err;

	if (!argv)
		return -ENOMEM;
	memcpy(argv, opts, nopts * sizeof(*argv));
	argv[nopts] = w->argv[2];
	memcpy(argv + nopts + 1, w->paths, w->n * sizeof(*argv));
	if (cache)
		setenv("COSY_CACHE", cache, 1);
	err = run_tool(argv, NULL, 0);
	if (cache)
		unsetenv("COSY_CACHE");
	free(argv);
	/* all archived, or the tool exits non-zero: then -ECHILD */
	r->value = err ? 0 : w->n;
	r->syscalls = UINT64_MAX;
	return err;
}

static char pack_prog[PATH_MAX];

static int pack_gnu(struct wl *w, struct result *r)
{
	char *opts[] = { "tar", "--format=ustar", "-cf" };

	return pack_proc(w, r, opts, 3, NULL);
}

static int pack_proc_pinned(struct wl *w, struct result *r)
{
	char *opts[] = { pack_prog };

	return pack_proc(w, r, opts, 1, NULL);
}

static int pack_proc_verify(struct wl *w, struct result *r)
{
	char *opts[] = { pack_prog };

	return pack_proc(w, r, opts, 1, "0");
}

static int pack_proc_loop(struct wl *w, struct result *r)
{
	char *opts[] = { pack_prog, "-l" };

	return pack_proc(w, r, opts, 2, NULL);
}

static const struct method pack_methods[] = {
	{ "cosy", pack_cosy, "compound: open/fstat/header/read/write/close per file, one run" },
	{ "loop", pack_loop_method, "the same as plain C (pack_loop.h)" },
	{ "gnu", pack_gnu, "GNU tar --format=ustar -cf, exec to exit" },
	{ "proc", pack_proc_pinned, "cosy-pack, exec to exit, compound pinned (attach)" },
	{ "proc-verify", pack_proc_verify, "cosy-pack, exec to exit, verifier in the process" },
	{ "proc-loop", pack_proc_loop, "cosy-pack -l, exec to exit" },
};

/*
 * tr, append, reverse: what a compiled region's loops cost (issue 11's
 * bars), with no hand-written compound to compare: the cosy-cc build
 * against the same C built by cc.
 */
static const struct method cc_only_methods[] = {
	CC_METHODS,
};

/* ---- driver -------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* A counter for printing, or `none` where it was not counted (UINT64_MAX). */
static const char *count_str(uint64_t v, const char *none)
{
	static char bufs[4][24];
	static int next;
	char *b = bufs[next++ % 4];

	if (v == UINT64_MAX)
		return none;
	snprintf(b, sizeof(bufs[0]), "%llu", (unsigned long long)v);
	return b;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static bool is_uring(method_fn fn)
{
	return fn == cp_uring || fn == cat_uring || fn == ls_uring || fn == burst_uring;
}

/*
 * One run of a method: its result and ms, cold first if asked; io_uring's
 * punts counted outside the clock.  0, or 1 with the error printed.
 */
static int run_here(struct wl *w, const struct method *m, bool cold, struct result *r, double *ms)
{
	bool up = is_uring(m->fn);
	double t0, t1;
	int err;

	memset(r, 0, sizeof(*r));
	if (cold && (err = drop_caches())) {
		fprintf(stderr, "Error: -C: cannot drop caches: %s\n", strerror(-err));
		return 1;
	}
	if (up)
		bench_punts_start();
	t0 = tool_now_ms();
	err = m->fn(w, r);
	t1 = tool_now_ms();
	r->punts = up ? bench_punts_stop() : UINT64_MAX;
	if (err) {
		fprintf(stderr, "Error: %s/%s: %s\n", w->name, m->name, strerror(-err));
		return 1;
	}
	*ms = r->timed ? r->ms : t1 - t0;
	return 0;
}

/*
 * io_uring runs in a child of its own, forked at its first run and fed one
 * run at a time.  A ring's io-wq workers share the fd table of the task
 * that submitted and outlive the ring (the last one stays until the task
 * exits), so in this process every later read(2) and every cosy kfunc
 * would take the file's position lock, as a process with threads must,
 * and a single-threaded program never does; the floor's reads never take
 * it at all.
 */
struct uring_req {
	int method;
	bool cold;
	struct bench_uring_cfg cfg;
};

struct uring_rep {
	int rc;
	double ms;
	struct result r;
};

static int uring_to = -1, uring_from = -1;
static pid_t uring_pid = -1;

static void uring_child_stop(void)
{
	if (uring_pid < 0)
		return;
	close(uring_to);	/* its next read sees the end and it exits */
	close(uring_from);
	waitpid(uring_pid, NULL, 0);
	uring_pid = -1;
}

static void uring_child(struct wl *w, int in, int out)
{
	struct uring_req q;
	struct uring_rep a;

	/*
	 * The fd table fork() copied holds every file of this process once
	 * more, and a file someone else holds takes the position lock on
	 * each read.  burst's file, the one this process reads on and on,
	 * is opened anew here; the others are opened by each run.
	 */
	if (burst_fd >= 0) {
		int fd = open(BURST_FILE, O_RDWR | O_CLOEXEC);

		if (fd < 0 || dup2(fd, burst_fd) < 0) {
			fprintf(stderr, "cosy-bench: io_uring's " BURST_FILE ": %s\n", strerror(errno));
			_exit(1);
		}
		close(fd);
	}
	while (read(in, &q, sizeof(q)) == sizeof(q)) {
		if (q.method < 0 || q.method >= w->nmethods)
			_exit(1);
		bench_uring = q.cfg;
		memset(&a, 0, sizeof(a));
		a.rc = run_here(w, &w->methods[q.method], q.cold, &a.r, &a.ms);
		fflush(NULL);
		if (write(out, &a, sizeof(a)) != sizeof(a))
			_exit(1);
	}
	_exit(0);
}

static int run_uring(struct wl *w, const struct method *m, bool cold, struct result *r, double *ms)
{
	struct uring_req q = { .method = (int)(m - w->methods), .cold = cold, .cfg = bench_uring };
	struct uring_rep a;
	int to[2], from[2];

	if (uring_pid < 0) {
		if (pipe2(to, O_CLOEXEC) || pipe2(from, O_CLOEXEC)) {
			fprintf(stderr, "Error: %s/%s: pipe: %s\n", w->name, m->name, strerror(errno));
			return 1;
		}
		fflush(NULL);
		uring_pid = fork();	/* not bench_fork(): it runs no process of its own */
		if (uring_pid < 0) {
			fprintf(stderr, "Error: %s/%s: fork: %s\n", w->name, m->name, strerror(errno));
			return 1;
		}
		if (!uring_pid) {
			close(to[1]);
			close(from[0]);
			uring_child(w, to[0], from[1]);
		}
		close(to[0]);
		close(from[1]);
		uring_to = to[1];
		uring_from = from[0];
		atexit(uring_child_stop);
	}
	if (write(uring_to, &q, sizeof(q)) != sizeof(q) ||
	    read(uring_from, &a, sizeof(a)) != sizeof(a)) {
		fprintf(stderr, "Error: %s/%s: the io_uring process died\n", w->name, m->name);
		uring_child_stop();
		return 1;
	}
	*r = a.r;
	*ms = a.ms;
	return a.rc;
}

static int run_once(struct wl *w, const struct method *m, bool cold, struct result *r, double *ms)
{
	return is_uring(m->fn) ? run_uring(w, m, cold, r, ms) : run_here(w, m, cold, r, ms);
}

/*
 * io_uring at its best, as its authors would ask: both variants at each
 * depth, one warm-up and SWEEP_REPS runs each, the fastest median kept in
 * bench_uring for the timed reps.  Entries made, or -1 on a failed run.
 */
#define SWEEP_REPS 3
#define SWEEP_MAX 6

struct sweep {
	struct bench_uring_cfg cfg;
	double median_ms;
	uint64_t punts;
};

static int uring_sweep(struct wl *w, const struct method *m, bool cold, struct sweep *sw)
{
	static const unsigned qds[] = { 8, 32, 128 };
	double v[SWEEP_REPS];
	struct result r;
	int n = 0, best = 0, t, q, i;

	for (t = 0; t < 2; t++) {
		for (q = 0; q < (int)(sizeof(qds) / sizeof(qds[0])); q++, n++) {
			sw[n].cfg.tuned = t;
			sw[n].cfg.qd = qds[q];
			bench_uring = sw[n].cfg;
			for (i = -1; i < SWEEP_REPS; i++)
				if (run_once(w, m, cold, &r, &v[i < 0 ? 0 : i]))
					return -1;
			sw[n].median_ms = median(v, SWEEP_REPS);
			sw[n].punts = r.punts;
			if (sw[n].median_ms < sw[best].median_ms)
				best = n;
		}
	}
	bench_uring = sw[best].cfg;
	return n;
}

static void usage(FILE *f)
{
	fputs("Usage: cosy-bench [-r REPS] [-w WARMUP] [-m METHOD,...] [-j] [-C] [-I] [-U URING]\n"
	      "                  WORKLOAD ARGS...\n"
	      "  -C, --cold   sync and drop the caches before every run (root; not for tmpfs)\n"
	      "  -I, --interleave\n"
	      "               one rep runs every method in turn; without it the warm-up reps\n"
	      "               do, and then the timed reps run in three groups, each after\n"
	      "               one untimed rep of its own: the in-process methods, io_uring,\n"
	      "               and those that start processes (GNU tools, cc builds)\n"
	      "  -U, --uring { basic | tuned }:QD\n"
	      "               the io_uring baseline's variant and queue depth (1-256); without\n"
	      "               it, method uring is swept over both variants at depths 8, 32\n"
	      "               and 128 (1 warm-up + 3 runs each) and the fastest is kept\n"
	      "WORKLOAD := { cp SRC DST CHUNK | cat-many DIR N OUT | grep-c FILE PATTERN |\n"
	      "              ls-l DIR | burst N | tr IN OUT | append LOG N | du DIR |\n"
	      "              pack DIR N OUT |\n"
	      "              reverse IN OUT BLOCK | startup FILE N }\n"
	      "       cosy-bench --print ls-l DIR\n", f);
}

static int setup(struct wl *w, int argc, char **argv)
{
	char *end;
	int i;

	w->name = argv[0];
	for (i = 1; i < argc && i <= 4; i++)
		w->argv[i - 1] = argv[i];
	w->nargs = i - 1;
	if (!strcmp(w->name, "cp") && argc == 4) {
		w->chunk = strtoul(argv[3], &end, 0);
		if (*end || !w->chunk || w->chunk > CP_SEG_SIZE - 8192)
			return -EINVAL;
		w->methods = cp_methods;
		w->nmethods = sizeof(cp_methods) / sizeof(cp_methods[0]);
		w->c = load("cp");
	} else if ((!strcmp(w->name, "cat-many") || !strcmp(w->name, "pack")) && argc == 4) {
		/* DIR N OUT: DIR/f00000.. */
		w->n = strtoul(argv[2], &end, 0);
		if (*end || !w->n || w->n > 100000)
			return -EINVAL;
		w->chunk = 64 << 10;
		w->paths = calloc(w->n, sizeof(*w->paths));
		if (!w->paths)
			return -ENOMEM;
		for (unsigned long k = 0; k < w->n; k++)
			if (asprintf(&w->paths[k], "%s/f%05lu", argv[1], k) < 0)
				return -ENOMEM;
		if (!strcmp(w->name, "pack")) {
			w->methods = pack_methods;
			w->nmethods = sizeof(pack_methods) / sizeof(pack_methods[0]);
			w->c = load("pack");
		} else {
			w->methods = cat_methods;
			w->nmethods = sizeof(cat_methods) / sizeof(cat_methods[0]);
			w->c = load("cat_many");
		}
	} else if (!strcmp(w->name, "grep-c") && argc == 3) {
		if (strlen(argv[2]) > 1024)
			return -EINVAL;
		w->methods = grep_methods;
		w->nmethods = sizeof(grep_methods) / sizeof(grep_methods[0]);
		w->c = load("grep_c");
	} else if (!strcmp(w->name, "ls-l") && argc == 2) {
		w->methods = ls_methods;
		w->nmethods = sizeof(ls_methods) / sizeof(ls_methods[0]);
		w->c = load("ls_l");
	} else if (!strcmp(w->name, "burst") && argc == 2) {
		w->n = strtoul(argv[1], &end, 0);
		if (*end || !w->n || w->n > (1u << 23))
			return -EINVAL;
		/* An empty regular file: every read returns 0 at once.  (Not
		 * /dev/zero: kernel_read() refuses files with both ->read and
		 * ->read_iter.) */
		burst_fd = open(BURST_FILE, O_RDWR | O_CREAT | O_TRUNC, 0600);
		if (burst_fd < 0)
			return -errno;
		w->methods = burst_methods;
		w->nmethods = sizeof(burst_methods) / sizeof(burst_methods[0]);
		w->c = load("burst");
	} else if (!strcmp(w->name, "du") && argc == 2) {
		w->methods = du_methods;
		w->nmethods = sizeof(du_methods) / sizeof(du_methods[0]);
		w->c = load("du");
	} else if (!strcmp(w->name, "startup") && argc == 3) {
		w->n = strtoul(argv[2], &end, 0);
		if (*end || !w->n || w->n > 100000)
			return -EINVAL;
		w->methods = startup_methods;
		w->nmethods = sizeof(startup_methods) / sizeof(startup_methods[0]);
		return 0;
	} else if ((!strcmp(w->name, "tr") && argc == 3) ||
		   (!strcmp(w->name, "append") && argc == 3) ||
		   (!strcmp(w->name, "reverse") && argc == 4)) {
		w->methods = cc_only_methods;
		w->nmethods = sizeof(cc_only_methods) / sizeof(cc_only_methods[0]);
		return 0;
	} else {
		return -EINVAL;
	}
	return w->c ? 0 : -ENOENT;
}

/* Every method run must have produced the same result: 0, or 1 with why */
static int same_results(const struct wl *w, const bool *use, const struct result *last)
{
	int first = 0, m;

	while (first < w->nmethods && !use[first])
		first++;
	for (m = first + 1; m < w->nmethods; m++) {
		if (use[m] && last[m].value != last[first].value) {
			fprintf(stderr, "Error: %s: %s gives %llu, %s gives %llu\n", w->name,
				w->methods[first].name, (unsigned long long)last[first].value,
				w->methods[m].name, (unsigned long long)last[m].value);
			return 1;
		}
	}
	return 0;
}

/*
 * One rep: every method of `run` once, in turn, its time in ms[m][rep]
 * unless rep < 0 (untimed); a method that started a process is marked in
 * procs.  0, or 1 when a run failed or the methods disagree.
 */
static int one_rep(struct wl *w, const bool *run, bool cold, int rep,
		   double (*ms)[MAX_REPS], struct result *last, bool *procs)
{
	for (int m = 0; m < w->nmethods; m++) {
		unsigned long f0 = forks;
		double t;

		if (!run[m])
			continue;
		if (run_once(w, &w->methods[m], cold, &last[m], &t))
			return 1;
		procs[m] |= forks != f0;
		if (rep >= 0)
			ms[m][rep] = t;
	}
	return same_results(w, run, last);
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "reps", required_argument, NULL, 'r' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "methods", required_argument, NULL, 'm' },
		{ "json", no_argument, NULL, 'j' },
		{ "cold", no_argument, NULL, 'C' },
		{ "print", no_argument, NULL, 'P' },
		{ "uring", required_argument, NULL, 'U' },
		{ "interleave", no_argument, NULL, 'I' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	static double ms[MAX_METHODS][MAX_REPS];
	static struct result last[MAX_METHODS];
	bool json = false, print = false, cold = false, uring_fixed = false, use[MAX_METHODS];
	bool interleave = false, procs[MAX_METHODS] = { 0 };
	int phase, nphases = 1;
	struct sweep sweep[SWEEP_MAX];
	int nsweep = 0, uring = -1;
	const char *only = NULL;
	int reps = 5, warmup = 1, opt, i, m, err, nused = 0;
	struct wl w = {};

	while ((opt = getopt_long(argc, argv, "+r:w:m:jCIU:h", lopts, NULL)) != -1) {
		switch (opt) {
		case 'r': reps = atoi(optarg); break;
		case 'w': warmup = atoi(optarg); break;
		case 'm': only = optarg; break;
		case 'j': json = true; break;
		/* the examples/cc programs cool down between their own runs */
		case 'C': cold = true; setenv("COSY_BENCH_COLD", "1", 1); break;
		case 'P': print = true; break;
		case 'I': interleave = true; break;
		case 'U':
			if (bench_uring_parse(optarg, &bench_uring)) {
				fprintf(stderr, "Error: -U %s: want basic:QD or tuned:QD, QD 1-%d\n",
					optarg, BENCH_URING_QD_MAX);
				return 2;
			}
			uring_fixed = true;
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (reps < 1 || reps > MAX_REPS || warmup < 0 || optind >= argc) {
		usage(stderr);
		return 2;
	}
	err = setup(&w, argc - optind, argv + optind);
	if (err == -EINVAL) {
		usage(stderr);
		return 2;
	}
	if (err)
		return 1;
	if (print)
		return strcmp(w.name, "ls-l") ? 2 : ls_print(&w) ? 1 : 0;
	for (m = 0; m < w.nmethods; m++) {
		char key[64];

		snprintf(key, sizeof(key), ",%s,", w.methods[m].name);
		use[m] = true;
		if (only) {
			char list[256];

			snprintf(list, sizeof(list), ",%s,", only);
			use[m] = strstr(list, key) != NULL;
		}
		/* cc and plain need examples/cc's programs: not asked for, not built, not run */
		if (use[m] && !only && (w.methods[m].fn == run_cc || w.methods[m].fn == run_plain)) {
			char prog[PATH_MAX];

			if (cc_prog(w.name, w.methods[m].fn == run_plain, prog, sizeof(prog))) {
				fprintf(stderr, "cosy-bench: %s: no cc-%s%s next to cosy-bench or on "
					"PATH: method %s skipped\n", w.name, w.name,
					w.methods[m].fn == run_plain ? ".plain" : "", w.methods[m].name);
				use[m] = false;
			}
		}
		/* cosy-du's methods need cosy-du; proc, the compound pinned as "du" */
		if (use[m] && w.methods[m].fn == du_proc_pinned && !du_pinned()) {
			fprintf(stderr, "cosy-bench: du: no compound pinned as \"du\" (cosy-load load "
				"du.bpf.o name du)%s\n", only ? "" : ": method proc skipped");
			if (only)
				return 1;
			use[m] = false;
		}
		if (use[m] && (w.methods[m].fn == du_proc_pinned || w.methods[m].fn == du_proc_verify ||
			       w.methods[m].fn == du_proc_loop) &&
		    !du_prog[0] && find_prog("cosy-du", du_prog, sizeof(du_prog))) {
			fprintf(stderr, "cosy-bench: du: no cosy-du next to cosy-bench or on PATH\n");
			return 1;
		}
		if (use[m] && w.methods[m].fn == pack_proc_pinned && !pack_pinned()) {
			fprintf(stderr, "cosy-bench: pack: no compound pinned as \"pack\" (cosy-load "
				"load pack.bpf.o name pack)%s\n", only ? "" : ": method proc skipped");
			if (only)
				return 1;
			use[m] = false;
		}
		if (use[m] && (w.methods[m].fn == pack_proc_pinned ||
			       w.methods[m].fn == pack_proc_verify || w.methods[m].fn == pack_proc_loop) &&
		    !pack_prog[0] && find_prog("cosy-pack", pack_prog, sizeof(pack_prog))) {
			fprintf(stderr, "cosy-bench: pack: no cosy-pack next to cosy-bench or on PATH\n");
			return 1;
		}
		/* cosy-dev needs an approval: not asked for, not there, not run */
		if (use[m] && !only && w.methods[m].fn == burst_cosy_dev && !burst_dev_open()) {
			fprintf(stderr, "cosy-bench: burst: no approval 'burst' to attach to: method "
				"cosy-dev skipped\n");
			use[m] = false;
		}
		/* cosy-walk sets cosy.ko's fast_lookup: not writable, not run */
		if (use[m] && (w.methods[m].fn == cat_cosy_walk || w.methods[m].fn == ls_cosy_walk) &&
		    access(FAST_LOOKUP_PARAM, W_OK)) {
			fprintf(stderr, "cosy-bench: %s: %s: %s%s\n", w.name, FAST_LOOKUP_PARAM,
				strerror(errno), only ? "" : ": method cosy-walk skipped");
			if (only)
				return 1;
			use[m] = false;
		}
		/* floor needs tests/floor's module: not loaded, not run (an error if asked for) */
		if (use[m] && !strcmp(w.methods[m].name, "floor") && !floor_open_dev()) {
			fprintf(stderr, "cosy-bench: %s: /dev/cosy-floor: %s (insmod cosy_floor.ko)%s\n",
				w.name, strerror(errno), only ? "" : ": method floor skipped");
			if (only)
				return 1;
			use[m] = false;
		}
		nused += use[m];
	}
	if (!nused) {
		fprintf(stderr, "cosy-bench: %s: no method %s\n", w.name, only ? only : "to run");
		return 2;
	}

	for (m = 0; m < w.nmethods; m++)
		if (use[m] && is_uring(w.methods[m].fn))
			uring = m;
	if (uring >= 0 && !uring_fixed) {
		nsweep = uring_sweep(&w, &w.methods[uring], cold, sweep);
		if (nsweep < 0)
			return 1;
	}
	/*
	 * Under TCG one method can slow the runs that follow it: after the
	 * io_uring baseline (its io-wq workers) cosy's burst took 1.2-1.6x as
	 * long as alone, and the loop 1.4-1.7x; a run after another process
	 * may pay too.  Interleaving every method rep by rep charged that to
	 * whichever came next.  Unless -I: the warm-up reps run every method
	 * in turn and find which ones start processes; then the timed reps run
	 * in three groups, one after the other, each interleaved within itself
	 * and started by one untimed rep: the in-process methods, io_uring,
	 * and the methods that start processes.
	 */
	if (!interleave && warmup > 0)
		nphases = 3;
	for (i = 0; i < (nphases > 1 ? warmup : 0); i++) {
		if (one_rep(&w, use, cold, -1, ms, last, procs))
			return 1;
		fprintf(stderr, "cosy-bench: %s rep %d/%d (warm-up)\n", w.name, i + 1, warmup + reps);
	}
	for (phase = 0; phase < nphases; phase++) {
		bool run[MAX_METHODS], any = false;

		for (m = 0; m < w.nmethods; m++) {
			run[m] = use[m] && (nphases == 1 ||
					    (procs[m] ? 2 : is_uring(w.methods[m].fn)) == phase);
			any |= run[m];
		}
		if (!any)
			continue;
		/* -I: the warm-up reps as before, interleaved and untimed */
		for (i = nphases == 1 ? -warmup : -1; i < reps; i++) {
			if (one_rep(&w, run, cold, i, ms, last, procs))
				return 1;
			if (i >= 0 || nphases == 1)
				fprintf(stderr, "cosy-bench: %s rep %d/%d%s\n", w.name,
					warmup + i + 1, warmup + reps,
					i < 0 ? " (warm-up)" : nphases == 1 ? "" :
					phase == 2 ? " (process methods)" :
					phase == 1 ? " (io_uring)" : " (in-process methods)");
		}
	}
	/* and the groups agree with each other */
	if (same_results(&w, use, last))
		return 1;

	if (json) {
		printf("{\"workload\":\"%s\",\"reps\":%d,\"warmup\":%d,\"order\":\"%s\"", w.name,
		       reps, warmup, nphases > 1 ? "apart" : "interleaved");
		if (uring >= 0) {
			char cfg[32];

			bench_uring_str(&bench_uring, cfg, sizeof(cfg));
			printf(",\"uring\":{\"cfg\":\"%s\",\"sweep\":[", cfg);
			for (i = 0; i < nsweep; i++) {
				bench_uring_str(&sweep[i].cfg, cfg, sizeof(cfg));
				printf("%s{\"cfg\":\"%s\",\"median_ms\":%.4f,\"punts\":%s}",
				       i ? "," : "", cfg, sweep[i].median_ms,
				       count_str(sweep[i].punts, "null"));
			}
			printf("]}");
		}
		printf(",\"methods\":[");
	} else {
		printf("%-10s %12s %12s %11s %10s %10s %10s %8s  %s\n", "method", "result",
		       "syscalls", "kfunc_calls", "min_ms", "median_ms", "max_ms", "punts", "what");
	}
	for (m = 0, i = 0; m < w.nmethods; m++) {
		double *v = ms[m], med;

		if (!use[m])
			continue;
		med = median(v, reps);
		if (json) {
			printf("%s{\"method\":\"%s\",\"result\":%llu,\"syscalls\":%s",
			       i++ ? "," : "", w.methods[m].name, (unsigned long long)last[m].value,
			       count_str(last[m].syscalls, "null"));
			printf(",\"kfunc_calls\":%s,\"process\":%s", count_str(last[m].kcalls, "null"),
			       procs[m] ? "true" : "false");
			printf(",\"min_ms\":%.4f,\"median_ms\":%.4f,\"max_ms\":%.4f,\"punts\":%s,"
			       "\"what\":\"%s\"}", v[0], med, v[reps - 1],
			       count_str(last[m].punts, "null"), w.methods[m].note);
		} else {
			printf("%-10s %12llu %12s %11s %10.3f %10.3f %10.3f %8s  %s\n",
			       w.methods[m].name, (unsigned long long)last[m].value,
			       count_str(last[m].syscalls, "n/a"), count_str(last[m].kcalls, "n/a"),
			       v[0], med, v[reps - 1], count_str(last[m].punts, "n/a"),
			       w.methods[m].note);
		}
	}
	if (!json && uring >= 0) {
		char cfg[32];

		bench_uring_str(&bench_uring, cfg, sizeof(cfg));
		printf("uring: %s (%s)", cfg, nsweep ? "the sweep's fastest:" : "-U");
		for (i = 0; i < nsweep; i++) {
			bench_uring_str(&sweep[i].cfg, cfg, sizeof(cfg));
			printf(" %s %.3f ms", cfg, sweep[i].median_ms);
		}
		printf("\n");
	}
	if (json)
		printf("]}\n");
	cosy_compound__close(w.c);
	return 0;
}
