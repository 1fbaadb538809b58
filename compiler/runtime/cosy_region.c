// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-cc's runtime (libcosy-region.a): choosing the path a region takes,
 * marshalling through libcosy, the fallback, and COSY_MODE=check.
 *
 * A region's compound is opened lazily, once per process (again after a
 * fork: the segment is MAP_SHARED and must not be shared with the parent);
 * runs of one region are serialised by its lock, because they share its
 * segment.  libcosy's messages are captured, never printed: they are the
 * reason a region fell back, which COSY_VERBOSE=1 shows.
 */
#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cosy/cosy.h>

#include "cosy_region.h"

enum mode { MODE_AUTO, MODE_KERNEL, MODE_USER, MODE_CHECK };

/* A budget no run reaches (2^62 calls or bytes): the module's cap rules. */
#define COSY_RGN_UNBOUNDED	(1ull << 62)

static struct {
	enum mode mode;
	bool budget_zero;
	const char *zero_var;
	__u64 time_ns, calls, bytes;
	__u64 run_calls, run_bytes;	/* what a run asks for (see read_config()) */
	bool on_stop_continue;
	bool verbose;
	bool cache;		/* COSY_CACHE: pin compounds for later runs */
} cfg;

static pthread_once_t cfg_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;

struct state {
	pthread_mutex_t lock;
	struct cosy_compound *c;
	pid_t pid;		/* the process that opened c */
	int open_err;		/* it could not be opened: -errno */
	char why[1024];		/* ... and why */
	bool said;		/* COSY_VERBOSE: said why, once */
	bool said_check;	/* COSY_MODE=check: said what it cannot compare */
	bool said_append;	/* ... and that appends happen twice */
	bool said_unlink;	/* ... and that the second run finds names gone */
	bool said_truncate;	/* ... and files already cut */
	bool said_excl;		/* ... and files already made */
	bool said_rdwr;		/* ... and files already rewritten */
	unsigned yields;	/* the last run's yields (COSY_VERBOSE: say_yields()) */
	const char *how;	/* how the compound was opened (COSY_VERBOSE) */
	char entry[160];	/* the region's entry in the compound */
	const char *errmsg_seg;	/* the segment strerror()'s table was written into */
	/* printf() and co.: what stdout held when the region began (out_take()) */
	unsigned out_nheld;
	char out_held[BUFSIZ];
	/* getchar() and co.: what stdin held (in_take()) */
	unsigned in_nheld;
	char in_held[COSY_RGN_IN_BUF];
	/* COSY_MODE=check, one run */
	unsigned ndiff;
	char diffs[1024];
};

static __thread int last_path;
static bool said_continue;	/* and stop_exit_status() registered */
static __thread char last_why[1024];
static __thread char *capture;	/* libcosy's last warning goes here */
static __thread size_t capture_size;

/* --- configuration -------------------------------------------------------------- */

static void warn(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	fputs("cosy: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	errno = saved;
}

static void budget(const char *name, __u64 *dst)
{
	const char *v = getenv(name);
	char *end;
	unsigned long long x;

	if (!v || !*v)
		return;
	errno = 0;
	x = strtoull(v, &end, 0);
	if (errno || *end || v[0] == '-') {
		warn("%s=%s is not a number: ignored", name, v);
		return;
	}
	if (x == 0) {
		cfg.budget_zero = true;
		cfg.zero_var = name;
	}
	*dst = x;
}

static void read_config(void)
{
	const char *m = getenv("COSY_MODE"), *s = getenv("COSY_ON_STOP");

	cfg.mode = MODE_AUTO;
	if (m && *m) {
		if (!strcmp(m, "kernel"))
			cfg.mode = MODE_KERNEL;
		else if (!strcmp(m, "user"))
			cfg.mode = MODE_USER;
		else if (!strcmp(m, "check"))
			cfg.mode = MODE_CHECK;
		else if (strcmp(m, "auto"))
			warn("COSY_MODE=%s: not auto, kernel, user or check: using auto", m);
	}
	if (s && *s) {
		if (!strcmp(s, "continue"))
			cfg.on_stop_continue = true;
		else if (strcmp(s, "exit"))
			warn("COSY_ON_STOP=%s: not exit or continue: using exit", s);
	}
	budget("COSY_BUDGET_TIME_NS", &cfg.time_ns);
	budget("COSY_BUDGET_CALLS", &cfg.calls);
	budget("COSY_BUDGET_BYTES", &cfg.bytes);
	/*
	 * A correct program may make millions of system calls, move more than
	 * 4 GiB and run for minutes in one region, and a stop cannot fall
	 * back: its side effects are done.  Unset, the budgets bound nothing
	 * but one run in the kernel (the module's defaults and caps): a region
	 * yields every slice and goes on (run_resumed()), and a runaway one
	 * runs as its C loop would, until a signal ends it.
	 */
	cfg.run_calls = cfg.calls ? cfg.calls : COSY_RGN_UNBOUNDED;
	cfg.run_bytes = cfg.bytes ? cfg.bytes : COSY_RGN_UNBOUNDED;
	cfg.verbose = getenv("COSY_VERBOSE") && strcmp(getenv("COSY_VERBOSE"), "0");
	cfg.cache = !getenv("COSY_CACHE") || strcmp(getenv("COSY_CACHE"), "0");
}

/* --- the public API -------------------------------------------------------------- */

int cosy_region_last_path(void)
{
	return last_path;
}

const char *cosy_region_path_str(int path)
{
	switch (path) {
	case COSY_REGION_KERNEL: return "kernel";
	case COSY_REGION_USER: return "user";
	case COSY_REGION_CHECKED: return "checked";
	case COSY_REGION_STOPPED: return "stopped";
	default: return "none";
	}
}

const char *cosy_region_last_why(void)
{
	return last_why;
}

int cosy_rgn_errno(void)
{
	return errno;
}

/* --- helpers ------------------------------------------------------------------ */

static struct state *state_of(struct cosy_rgn *r)
{
	struct state *s = __atomic_load_n((struct state **)&r->priv, __ATOMIC_ACQUIRE);

	if (s)
		return s;
	pthread_mutex_lock(&state_lock);
	s = r->priv;
	if (!s) {
		s = calloc(1, sizeof(*s));
		if (s) {
			pthread_mutex_init(&s->lock, NULL);
			__atomic_store_n((struct state **)&r->priv, s, __ATOMIC_RELEASE);
		}
	}
	pthread_mutex_unlock(&state_lock);
	return s;
}

static int capture_print(enum cosy_print_level level, const char *fmt, va_list ap)
{
	if (level == COSY_WARN && capture && capture_size) {
		size_t n;

		vsnprintf(capture, capture_size, fmt, ap);
		/* "cosy: " is ours to print */
		if (!strncmp(capture, "cosy: ", 6))
			memmove(capture, capture + 6, strlen(capture + 6) + 1);
		n = strlen(capture);
		while (n && capture[n - 1] == '\n')
			capture[--n] = 0;
	}
	return 0;
}

/* The region runs in user space this time, and why. */
static int go_user(struct cosy_rgn *r, struct state *s, bool locked, const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	vsnprintf(last_why, sizeof(last_why), fmt, ap);
	va_end(ap);
	if (cfg.mode == MODE_KERNEL || cfg.mode == MODE_CHECK) {
		static bool exiting;

		warn("region %s (%s:%u) cannot run in the kernel (COSY_MODE=%s): %s", r->name,
		     r->file, r->line, cfg.mode == MODE_KERNEL ? "kernel" : "check", last_why);
		/*
		 * A region in an atexit() handler, run by this exit(), ends
		 * there, streams flushed: a second exit() is undefined (sweep 22)
		 */
		if (__atomic_exchange_n(&exiting, true, __ATOMIC_RELAXED)) {
			fflush(NULL);
			_exit(COSY_REGION_EXIT_NOKERNEL);
		}
		exit(COSY_REGION_EXIT_NOKERNEL);
	}
	if (cfg.verbose && s && !s->said) {
		s->said = true;
		warn("region %s (%s:%u) runs in user space: %s", r->name, r->file, r->line,
		     last_why);
	}
	if (locked && s)
		pthread_mutex_unlock(&s->lock);
	last_path = COSY_REGION_USER;
	errno = saved;
	return COSY_REGION_USER;
}

/*
 * What the verifier refused stays refused while the kernel and the module
 * stay the same, and verifying again costs every process up to the
 * verifier's whole budget (a million instructions: seconds).  A refusal
 * is remembered beside the pins, as an empty directory NAME-refused-ID
 * (ID: the module's cosy_module_id(), new at each load; a reboot empties
 * the BPF file system, which refuses names with a dot).  Its path in buf;
 * true if it is there.
 */
static bool refused_before(const char *root, const char *name, char *buf, size_t size)
{
	struct stat st;
	int id = cosy_module_id();

	buf[0] = 0;
	if (id < 0 || (size_t)snprintf(buf, size, "%s/%s-refused-%d", root ? root : COSY_PIN_ROOT,
					name, id) >= size) {
		buf[0] = 0;
		return false;
	}
	return !stat(buf, &st) && S_ISDIR(st.st_mode);
}

/* Open the compound (once per process); 0 or -errno with s->why set. */
/*
 * No module (sysfs shows kernel BTF, and none of cosy's): say so, and
 * -ENOENT.  Finding it out by loading costs libbpf a parse of the
 * kernel's BTF, tens of milliseconds in every process.  Asked only when
 * no pinned compound opened: a pinned one holds the module loaded, and
 * the lookup in sysfs is a tenth of what attaching to it costs.
 */
static bool module_missing(struct state *s)
{
	if (!access("/sys/kernel/btf/cosy", F_OK) || errno != ENOENT ||
	    access("/sys/kernel/btf/vmlinux", F_OK))
		return false;
	snprintf(s->why, sizeof(s->why), "the cosy module is not loaded (or has no BTF): "
		 "run 'modprobe cosy' (or 'insmod cosy.ko') first");
	s->open_err = -ENOENT;
	return true;
}

static int open_compound(struct cosy_rgn *r, struct state *s)
{
	const char *root = secure_getenv("COSY_PIN_ROOT");	/* not for set-id programs */
	const char *name = r->cache_name;	/* cosy-cc's cache_name() */
	char pinned_why[256] = "", memo[PATH_MAX] = "";
	cosy_print_fn_t old;

	if (s->c && s->pid == getpid())
		return 0;
	if (s->c) {
		/* a forked child: its own compound and segment */
		cosy_compound__close(s->c);
		s->c = NULL;
		s->open_err = 0;
	}
	s->errmsg_seg = NULL;	/* a new segment: no table in it yet */
	if (s->open_err && s->pid == getpid())
		return s->open_err;
	s->pid = getpid();
	snprintf(s->entry, sizeof(s->entry), COSY_RGN_ENTRY_PREFIX "%s", r->name);
	{
		COSY_OPTS(cosy_open_opts, oo, .name = r->name,
			  .pin_root = root && *root ? root : NULL);
		/* what the pin of this name holds, known from this build */
		COSY_OPTS(cosy_open_opts, po, .name = r->name,
			  .pin_root = root && *root ? root : NULL, .entry = s->entry,
			  .args_size = r->args_size, .seg_size = r->seg_size);

		old = cosy_set_print(capture_print);
		capture = s->why;
		capture_size = sizeof(s->why);
		s->why[0] = 0;
		/* verified by an earlier run: attach (no verifier) */
		s->c = cfg.cache ? cosy_compound__open_pinned(name, &po) : NULL;
		if (s->c && !strcmp(cosy_compound__via(s->c), "bpf(2)")) {
			s->how = "attached to the compound an earlier run pinned";
		} else if (s->c) {
			s->how = "attached through /dev/cosy to the compound approved";
		} else if (module_missing(s)) {
			/* s->why says so */
		} else if (cfg.cache && refused_before(root && *root ? root : NULL, name, memo,
							 sizeof(memo))) {
			snprintf(s->why, sizeof(s->why), "the verifier refused its compound in an "
				 "earlier run under this load of cosy.ko (%s remembers it: "
				 "'cosy-load unload %s' forgets it; COSY_CACHE=0 verifies again "
				 "and shows why)", memo, strrchr(memo, '/') + 1);
			s->open_err = -EACCES;
		} else {
			sigset_t all, old_mask;

			/*
			 * The verifier gives up (EAGAIN) on any signal the thread
			 * may take, and libbpf's retries meet the next tick of a
			 * program's interval timer: hold them off for the load;
			 * they arrive after it (SIGKILL and SIGSTOP cannot wait).
			 */
			sigfillset(&all);
			pthread_sigmask(SIG_BLOCK, &all, &old_mask);
			s->why[0] = 0;
			s->c = cosy_compound__open_mem(r->obj, r->obj_end - r->obj, &oo);
			s->open_err = s->c ? 0 : -errno;
			pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
			s->how = "verified";
			/*
			 * Only a refusal: not a missing module or CAP_BPF, nor a
			 * verifier stopped early (EAGAIN: a signal came; ENOMEM).
			 */
			if (!s->c && cfg.cache && memo[0] &&
			    (s->open_err == -EACCES || s->open_err == -EINVAL ||
			     s->open_err == -E2BIG) &&
			    strstr(s->why, "the verifier rejected it")) {
				*strrchr(memo, '/') = 0;	/* the root, as a pin makes it */
				if (!mkdir(memo, 0755) || errno == EEXIST) {
					memo[strlen(memo)] = '/';
					mkdir(memo, 0700);
				}
			}
		}
		/* keep it for later runs; another process may have done it since */
		if (s->c && cfg.cache && !strcmp(s->how, "verified")) {
			capture = pinned_why;
			capture_size = sizeof(pinned_why);
			if (!cosy_compound__pin(s->c, name, &oo))
				s->how = "verified and pinned for later runs";
			else
				s->how = "verified (not pinned)";
		}
		cosy_set_print(old);
		capture = NULL;
	}
	if (s->open_err && !s->why[0])
		snprintf(s->why, sizeof(s->why), "cannot load the compound: %s",
			 strerror(-s->open_err));
	else if (s->open_err && strstr(s->why, "the verifier rejected it")) {
		/*
		 * The verifier's refusal, with advice for hand-written
		 * compounds: the source here is cosy-cc's, not the program's.
		 * That advice ("NAME: ADVICE\n    the verifier rejected it:
		 * ...") goes, the verifier's own words stay.
		 */
		char *rej = strstr(s->why, "\n    the verifier rejected it"), *hint = strstr(s->why, ": ");
		size_t n;

		if (rej && hint && hint < rej)
			memmove(hint + 2, rej + 5, strlen(rej + 5) + 1);
		n = strlen(s->why);

		snprintf(s->why + n, sizeof(s->why) - n, "\n    cosy-cc wrote this compound: its "
			 "refusal is a limit of cosy-cc's lowering, not an error in %s; please "
			 "report it (COSY_MODE=auto runs the region in user space)", r->file);
	}
	if (!s->open_err && cfg.verbose)
		warn("region %s (%s:%u): %s as %s%s%s", r->name, r->file, r->line, s->how, name,
		     pinned_why[0] ? ": " : "", pinned_why);
	return s->open_err;
}

/* --- entering a region ------------------------------------------------------------ */

int cosy_rgn_enter(struct cosy_rgn *r)
{
	struct state *s;
	int saved = errno;

	pthread_once(&cfg_once, read_config);
	last_why[0] = 0;
	if (cfg.mode == MODE_USER) {
		snprintf(last_why, sizeof(last_why), "COSY_MODE=user");
		last_path = COSY_REGION_USER;
		return COSY_REGION_USER;
	}
	s = state_of(r);
	if (!s)
		return go_user(r, NULL, false, "out of memory");
	if (cfg.budget_zero)
		return go_user(r, s, false, "%s=0", cfg.zero_var);
	pthread_mutex_lock(&s->lock);
	if (open_compound(r, s)) {
		errno = saved;
		return go_user(r, s, true, "%s", s->why);
	}
	errno = saved;
	return cfg.mode == MODE_CHECK ? COSY_REGION_CHECKED : COSY_REGION_KERNEL;
}

static bool overlaps(const void *a, size_t an, const void *b, size_t bn)
{
	const char *x = a, *y = b;

	return x < y + bn && y < x + an;
}

/* The buffer the region writes that string p (len bytes, its NUL after) lies in, or NULL. */
static const char *written_under(const struct cosy_rgn_mem *mem, unsigned nmem, const char *p,
				 size_t len)
{
	for (unsigned j = 0; j < nmem; j++)
		if ((mem[j].flags & COSY_RGN_OUT) && overlaps(p, len + 1, mem[j].host, mem[j].size))
			return mem[j].name;
	return NULL;
}

/*
 * The strings of a table: all its slots, or for a vector (argv) those
 * before its NULL; -1 if that NULL is not within the slots.  A vector is
 * only read up to its NULL, or one past the slots.
 */
static long strtab_len(const struct cosy_rgn_mem *m)
{
	const char *const *tab = m->host;
	unsigned long n = m->size / COSY_RGN_STRTAB_SLOT, k;

	if (!(m->flags & COSY_RGN_STRVEC))
		return (long)n;
	for (k = 0; k <= n && tab[k]; k++)
		;
	return k <= n ? (long)k : -1;
}

static struct cosy_rgn_hdr *hdr_of(void *args)
{
	return (struct cosy_rgn_hdr *)((char *)args + sizeof(struct cosy_ctx));
}

/*
 * COSY_ON_STOP=continue: the program goes on after a stopped region, with
 * whatever the region had done.  It must not look like a success: at exit
 * a status of 0 becomes COSY_REGION_EXIT_STOP (streams flushed first).
 */
static void stop_exit_status(int status, void *arg)
{
	(void)arg;
	if (status == 0) {
		fflush(NULL);
		_exit(COSY_REGION_EXIT_STOP);
	}
}

static void report_stop(struct cosy_rgn *r, struct cosy_ctx *cx, struct cosy_rgn_hdr *h)
{
	const char *var = NULL, *unit = "";
	unsigned long long val = 0;
	char where[32] = "";

	if (h->rgn_line)
		snprintf(where, sizeof(where), " at line %u", h->rgn_line);
	if (cx->stop_reason == COSY_STOP_WAIT) {
		warn("region %s (%s:%u) stopped%s: it opened a file that open(2) or its reads and "
		     "writes would wait on (a FIFO, a pipe, a terminal) and the kernel path "
		     "cannot, named a path that climbs above its directory fd in a way the "
		     "kernel path does not walk, or opened more files at once than a compound "
		     "may hold (%u), after work that cannot be undone (or a yield, after which "
		     "the runtime cannot tell); COSY_MODE=user runs it as written",
		     r->name, r->file, r->line, where, COSY_MAX_FDS);
		return;
	}
	if (h->rgn_status == COSY_RGN_TRAP_LOOPS) {
		warn("region %s (%s:%u) stopped%s: a loop ran more than %u iterations, the most "
		     "a compound's loop may run (bpf_loop())", r->name, r->file, r->line, where,
		     COSY_MAX_LOOPS);
		return;
	}
	switch (cx->stop_reason) {
	case COSY_STOP_TIME:
		var = "COSY_BUDGET_TIME_NS";
		val = cfg.time_ns ? cfg.time_ns : COSY_DEFAULT_TIME_NS;
		unit = " ns";
		break;
	case COSY_STOP_CALLS:
		var = "COSY_BUDGET_CALLS";
		val = cfg.run_calls;
		unit = " calls";
		break;
	case COSY_STOP_BYTES:
		var = "COSY_BUDGET_BYTES";
		val = cfg.run_bytes;
		unit = " bytes";
		break;
	case COSY_STOP_NONE:
		warn("region %s (%s:%u) stopped%s", r->name, r->file, r->line, where);
		return;
	default:
		break;
	}
	if (cx->stop_reason == COSY_STOP_TIME && !cfg.time_ns)
		warn("region %s (%s:%u) stopped%s: one run in the kernel lasted the cosy module's "
		     "%llu s without a chance to yield (a call that waited that long, or a loop "
		     "with more fds open than a run can be handed back, %u with the program's); "
		     "COSY_BUDGET_TIME_NS is unset", r->name, r->file, r->line, where,
		     COSY_DEFAULT_TIME_NS / 1000000000ull, COSY_MAX_GRANT);
	else if (var && val == COSY_RGN_UNBOUNDED)
		warn("region %s (%s:%u) stopped%s: its %s budget is spent (%s): %s is unset, so "
		     "the cosy module's cap applies (its max_* parameters)", r->name, r->file,
		     r->line, where, cosy_stop_str(cx->stop_reason), strerror(-cx->stop_err), var);
	else if (var)
		warn("region %s (%s:%u) stopped%s: its %s budget is spent (%s): %s is %llu%s; "
		     "raise it to let the region finish", r->name, r->file, r->line, where,
		     cosy_stop_str(cx->stop_reason), strerror(-cx->stop_err), var, val, unit);
	else
		warn("region %s (%s:%u) stopped%s: %s (%s)", r->name, r->file, r->line, where,
		     cx->stop_reason == COSY_STOP_SIGNAL ? "a fatal signal is pending" :
		     cosy_stop_str(cx->stop_reason), strerror(-cx->stop_err));
}

/*
 * A kfunc never waits: the module reads and writes pipes, FIFOs and
 * sockets without blocking (-EAGAIN where user space would wait) and
 * character devices only where the driver can do it without waiting.  A
 * program's fd of such a kind, opened to block, would not behave as in
 * user space: the region runs there instead, before any side effect.
 * NULL if the kernel path behaves the same, else why not.
 */
static const char *fd_kind_differs(int fd)
{
	struct stat st;
	int fl;

	if (fstat(fd, &st))
		return NULL;	/* EBADF in both paths */
	if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode))
		return NULL;
	/* /dev/null and /dev/zero: the module does them without waiting */
	if (S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 &&
	    (minor(st.st_rdev) == 3 || minor(st.st_rdev) == 5))
		return NULL;
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0 && (fl & O_NONBLOCK))
		return NULL;	/* -EAGAIN in both paths */
	if (S_ISCHR(st.st_mode))
		return isatty(fd) ? "is a terminal, which the kernel path would not wait on" :
				    "is a character device the kernel path might not wait on";
	if (S_ISFIFO(st.st_mode))
		return "is a pipe or FIFO, which the kernel path would not wait on";
	if (S_ISSOCK(st.st_mode))
		return "is a socket, which the kernel path would not wait on";
	return "is of a kind the kernel path does not do";
}

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ull + (__u64)ts.tv_nsec;
}

/* Budget left of `total` (0: unset) after `used`; at least 1 when some is left. */
static __u64 budget_left(__u64 total, __u64 unset, __u64 used, bool *spent)
{
	if (!total)
		return unset;
	if (used >= total) {
		*spent = true;
		return 1;
	}
	return total - used;
}

/* What run_resumed() says of a region's runs. */
enum run_result {
	RUN_DONE = 0,		/* it ran: its outcome in the header and the ctx */
	RUN_NOT_BEGUN,		/* the first run could not begin (s->why) */
	RUN_UNARMED,		/* ... because the compound found its segment
				 * not armed for it (-ESTALE): another's fds */
	RUN_WAIT,		/* the first run met a file it would not wait on
				 * (COSY_RGN_WAIT) before doing anything for good */
};

/*
 * Run the compound, and again after each yield (COSY_RGN_YIELD) until it
 * ends: each run goes on from the loop the last left, with the segment as
 * it was, the program's fds and those the compound opened and left open
 * (handed over: it may close them).  Between two runs the thread is back
 * in user space, where its signals are handled (a SIGINT handler runs, a
 * SIGSTOP stops it).  The budgets the program set hold for the whole
 * region.  After a yield, a failure to go on is a stop (RUN_DONE).
 */
static enum run_result run_resumed(struct cosy_rgn *r, struct state *s, void *args,
				   unsigned long size, const int *fds, int nfds)
{
	struct cosy_ctx *cx = args;
	struct cosy_rgn_hdr *h = hdr_of(args);
	char *seg = cosy_compound__data(s->c, NULL);
	struct cosy_rgn_st *st = (struct cosy_rgn_st *)seg;
	const int *fdt = (const int *)(seg + r->fdt_off);
	__u64 calls = 0, bytes = 0, t0 = now_ns();
	int grant[COSY_MAX_GRANT];
	unsigned nruns = 0;

	for (;;) {
		__u64 elapsed = now_ns() - t0;
		bool spent = false;
		unsigned ngrant = 0, own = 0;
		int err;

		COSY_OPTS(cosy_run_opts, ro, .may_yield = true);
		ro.budget_time_ns = budget_left(cfg.time_ns, 0, elapsed, &spent);
		ro.budget_calls = budget_left(cfg.calls, COSY_RGN_UNBOUNDED, calls, &spent);
		ro.budget_bytes = budget_left(cfg.bytes, COSY_RGN_UNBOUNDED, bytes, &spent);
		for (int i = 0; i < nfds; i++)
			grant[ngrant++] = fds[i];
		/*
		 * its fd table, handed over: the program's fds it may close,
		 * then the fds it opened and left open when it yielded
		 */
		for (unsigned k = 0; k < st->nfds && k < COSY_RGN_MAX_FDS; k++)
			if (fdt[k] >= 0 && ngrant < COSY_MAX_GRANT) {
				own |= 1u << ngrant;
				grant[ngrant++] = fdt[k];
			}
		ro.grant_fds = ngrant ? grant : NULL;
		ro.ngrant = ngrant;
		ro.grant_own = own;
		st->keep = COSY_MAX_GRANT - (unsigned)nfds;
		st->armed = r->cookie;	/* the compound clears it: this run's, once */
		if (spent) {
			/* a budget of the program's ran out between two runs */
			h->rgn_status = COSY_RGN_STOP;
			cx->stop_reason = cfg.time_ns && elapsed >= cfg.time_ns ? COSY_STOP_TIME :
					  cfg.calls && calls >= cfg.calls ? COSY_STOP_CALLS :
					  COSY_STOP_BYTES;
			cx->stop_err = cx->stop_reason == COSY_STOP_TIME ? -ETIME :
				       cx->stop_reason == COSY_STOP_CALLS ? -EDQUOT : -EFBIG;
			return RUN_DONE;
		}
		{
			cosy_print_fn_t old;

			capture = s->why;
			capture_size = sizeof(s->why);
			s->why[0] = 0;
			old = cosy_set_print(capture_print);
			err = cosy_compound__run(s->c, s->entry, args, size, &ro);
			cosy_set_print(old);
			capture = NULL;
		}
		if (!err && ro.retval == -ESTALE) {
			snprintf(s->why, sizeof(s->why), "its compound ran on a segment not armed "
				 "for it (the program closed cosy's fds, and their numbers name "
				 "other objects now)");
			err = ro.retval;
		} else if (!err && ro.retval < 0) {
			snprintf(s->why, sizeof(s->why), "the session did not begin: %s",
				 strerror(-ro.retval));
			err = ro.retval;
		} else if (err && !s->why[0]) {
			snprintf(s->why, sizeof(s->why), "%s", strerror(-err));
		}
		if (err && !nruns)
			return err == -ESTALE ? RUN_UNARMED : RUN_NOT_BEGUN;
		if (err) {
			/* its side effects are done: no way back to the original */
			warn("region %s (%s:%u) could not go on after yielding: %s", r->name,
			     r->file, r->line, s->why);
			h->rgn_status = COSY_RGN_STOP;
			cx->stop_reason = COSY_STOP_NONE;
			return RUN_DONE;
		}
		if (h->rgn_status == COSY_RGN_WAIT && !cx->stop_reason) {
			if (!nruns)
				return RUN_WAIT;
			/* what an earlier run did is done: a stop, as the module's */
			cx->stop_reason = COSY_STOP_WAIT;
			cx->stop_err = -EAGAIN;
		}
		nruns++;
		calls += ro.stats.calls;
		bytes += ro.stats.bytes_read + ro.stats.bytes_written;
		if (h->rgn_status != COSY_RGN_YIELD || cx->stop_reason)
			break;
	}
	s->yields = nruns - 1;
	return RUN_DONE;
}

/*
 * COSY_VERBOSE: how many times the last run yielded.  In check mode only
 * once the program's fds are back where the compound began: said before,
 * on a stderr that is a file, the original's reports would overwrite it.
 */
static void say_yields(struct cosy_rgn *r, struct state *s)
{
	if (cfg.verbose && s->yields)
		warn("region %s (%s:%u) yielded %u time%s: it ran in the kernel in %u parts",
		     r->name, r->file, r->line, s->yields, s->yields > 1 ? "s" : "",
		     s->yields + 1);
	s->yields = 0;
}

/*
 * strerror() and perror() in a region: the messages of the program's own
 * strerror(), made once (a program that calls setlocale() does so before
 * its work, as a rule), then written into each segment once.
 */
static char errmsg_tab[COSY_RGN_ERRMSG_N][COSY_RGN_ERRMSG_SLOT];
static char errmsg_why[128];	/* why one message cannot be printed from the table */
static pthread_once_t errmsg_once = PTHREAD_ONCE_INIT;

static void errmsg_make(void)
{
	int saved = errno;

	for (int i = 0; i < COSY_RGN_ERRMSG_N; i++) {
		const char *m = strerror(i);
		size_t n = m ? strlen(m) : 0;

		if (n >= COSY_RGN_ERRMSG_SLOT) {
			snprintf(errmsg_why, sizeof(errmsg_why), "strerror(%d) is longer than %d "
				 "bytes", i, COSY_RGN_ERRMSG_SLOT - 1);
			break;
		}
		memcpy(errmsg_tab[i], m, n);
	}
	errno = saved;
}

/* The table into the segment at `tab`: NULL, or why the region cannot print it. */
static const char *errmsg_table(struct state *s, char *tab)
{
	if (s->errmsg_seg == tab)
		return NULL;
	pthread_once(&errmsg_once, errmsg_make);
	if (errmsg_why[0])
		return errmsg_why;
	memcpy(tab, errmsg_tab, sizeof(errmsg_tab));
	s->errmsg_seg = tab;
	return NULL;
}

/* fd is not open: a stream on it moves no byte, whatever its buffer. */
static bool fd_closed(int fd)
{
	return fcntl(fd, F_GETFD) < 0 && errno == EBADF;
}

/*
 * The size of stream f's buffer (fd: its fd), or of the one glibc's first
 * read or write gives it (_IO_file_doallocate(): st_blksize, at most
 * BUFSIZ); 0 for a terminal's, which glibc line-buffers.
 */
static size_t stdio_bufsize(FILE *f, int fd)
{
	size_t bs = __fbufsize(f);
	struct stat st;

	if (bs)
		return bs;
	if (fstat(fd, &st))
		return BUFSIZ;
	if (S_ISCHR(st.st_mode) && isatty(fd))
		return 0;
	return st.st_blksize > 0 && st.st_blksize < BUFSIZ ? (size_t)st.st_blksize : BUFSIZ;
}

/*
 * printf() and co.: the compound goes on with stdout's buffer as glibc
 * keeps it, so that its bytes go out at the moments a plain build's do and
 * a write(1, ...) of the region lands among them where it lands there
 * (cosy_rgn_out()): what the program printed before the region and stdio
 * holds yet is taken out of stdio into s->out_held, for the segment.  The
 * compound's buffer is as large as glibc's for a file on most file systems
 * (st_blksize 4096), a pipe or /dev/null.  NULL, or why the compound
 * cannot (in why[why_size]): glibc writes a buffer of another size, or a
 * line-buffered or unbuffered stream, at other moments.
 */
static const char *out_take(struct cosy_rgn *r, struct state *s, char *why, size_t why_size)
{
	const char *err = NULL;
	size_t bs, n;

	s->out_nheld = 0;
	if (fileno(stdout) != 1)
		return "it prints to stdout, which is not fd 1";
	/* fd 1 closed: whatever stdio holds and the compound prints is lost, as in C */
	if (fd_closed(1))
		return NULL;
	flockfile(stdout);
	bs = stdio_bufsize(stdout, 1);
	if (fwide(stdout, -1) > 0) {
		err = "it prints to stdout, which is wide-oriented";
	} else if (__flbf(stdout) || !bs) {
		err = "stdout is line-buffered (a terminal, or setvbuf()), and the compound's bytes "
		      "would go out at other moments";
	} else if (bs == 1) {
		err = "stdout is unbuffered (setvbuf()), and the compound's bytes would go out at "
		      "other moments";
	} else if (bs != r->out_cap) {
		snprintf(why, why_size, "stdout's buffer is %zu bytes (the file's st_blksize, or "
			 "setvbuf()), not the compound's %u, and the compound's bytes would go out "
			 "at other moments", bs, r->out_cap);
		err = why;
	}
	n = err ? 0 : __fpending(stdout);
#ifdef __GLIBC__
	if (n && (n > bs || n > sizeof(s->out_held) ||
		  stdout->_IO_write_base != stdout->_IO_buf_base))
		err = "stdout's buffer is in a state the compound cannot take over";
	else if (n)
		memcpy(s->out_held, stdout->_IO_write_base, n);
#else
	if (n)		/* another C library: what it holds goes out first */
		fflush(stdout);
	n = 0;
#endif
	if (!err && n)
		__fpurge(stdout);
	funlockfile(stdout);
	if (err)
		return err;
	s->out_nheld = (unsigned)n;
	return NULL;
}

/*
 * ... and back: what the compound left in its buffer goes into stdout's,
 * to be written when a plain build would write it (keep), or, when the
 * original runs instead or after it (COSY_MODE=check), what stdout held
 * goes back, from where the compound began.
 */
static void out_keep(struct cosy_rgn *r, struct state *s, char *seg, bool keep)
{
	__u32 *n = (__u32 *)(seg + r->out_off);
	__u32 len = *n < r->out_cap ? *n : r->out_cap;

	if (len && keep)
		fwrite(seg + r->out_off + COSY_RGN_OUT_HEAD, 1, len, stdout);
	else if (!keep && s->out_nheld)
		fwrite(s->out_held, 1, s->out_nheld, stdout);
	s->out_nheld = 0;
	*n = 0;
}

#ifdef __GLIBC__
#define IO_IN_BACKUP	0x0100	/* glibc's libio: reading ungetc()'s backup area */
#endif

/*
 * getchar() and co.: the compound reads fd 0 as glibc reads it, a buffer
 * of COSY_RGN_IN_BUF bytes at a time when the last is used up, beginning
 * with what stdio's own buffer holds, taken out of stdio here (into
 * s->in_held, for the segment; its count into the args).  After the run,
 * what it read ahead and did not take goes back into stdio's buffer and
 * fd 0 stays where the compound's reads left it: both are the plain
 * build's, for a read(0, ...), lseek() or getchar() after the region.
 * NULL, or why the compound cannot (in why[why_size]).
 */
static const char *in_take(struct cosy_rgn *r, struct state *s, void *args, char *why,
			   size_t why_size)
{
#ifdef __GLIBC__
	const char *err = NULL;
	size_t bs, n = 0;

	flockfile(stdin);
	bs = stdio_bufsize(stdin, 0);
	if (!bs) {
		err = "stdin is a terminal, which the compound does not read";
	} else if (stdin->_flags & IO_IN_BACKUP) {
		err = "stdin holds a byte pushed back with ungetc() that is not the one read";
	} else if (bs != COSY_RGN_IN_BUF && !fd_closed(0)) {
		snprintf(why, why_size, "stdin's buffer is %zu bytes (the file's st_blksize, or "
			 "setvbuf()), not the compound's %u, and fd 0 would stand elsewhere after "
			 "the region", bs, COSY_RGN_IN_BUF);
		err = why;
	} else if (stdin->_IO_read_ptr && stdin->_IO_read_end > stdin->_IO_read_ptr) {
		n = (size_t)(stdin->_IO_read_end - stdin->_IO_read_ptr);
		if (n > sizeof(s->in_held))
			err = "stdin's buffer holds more than the compound's";
		else
			memcpy(s->in_held, stdin->_IO_read_ptr, n);
	}
	if (!err && n)
		__fpurge(stdin);
	funlockfile(stdin);
	if (err)
		return err;
	s->in_nheld = (unsigned)n;
	*(long *)((char *)args + r->in_pos_arg) = 0;
	*(long *)((char *)args + r->in_len_arg) = (long)n;
	return NULL;
#else
	(void)r, (void)s, (void)args, (void)why, (void)why_size;
	return "it reads stdin, whose buffer in this C library the runtime does not know";
#endif
}

/*
 * n bytes read ahead back into stdin's buffer, as glibc's underflow leaves
 * what it read (fd 0 past them); its offset cache dropped, as fd 0 moved.
 */
static void in_give(const char *p, size_t n)
{
#ifdef __GLIBC__
	flockfile(stdin);
	if (!stdin->_IO_buf_base)
		setvbuf(stdin, NULL, _IOFBF, 0);	/* glibc's own buffer, as a read makes it */
	if (stdin->_IO_buf_base && n <= (size_t)(stdin->_IO_buf_end - stdin->_IO_buf_base)) {
		memcpy(stdin->_IO_buf_base, p, n);
		stdin->_IO_read_base = stdin->_IO_read_ptr = stdin->_IO_buf_base;
		stdin->_IO_read_end = stdin->_IO_buf_base + n;
		stdin->_IO_write_base = stdin->_IO_write_ptr = stdin->_IO_buf_base;
		stdin->_IO_write_end = stdin->_IO_buf_base;
		stdin->_offset = -1;
	} else if (n && lseek(0, -(off_t)n, SEEK_CUR) < 0) {
		warn("stdin read in a region: neither stdio's buffer nor fd 0 can take back the "
		     "%zu bytes read ahead (%s): the program's next read of stdin misses them", n,
		     strerror(errno));
	}
	funlockfile(stdin);
#else
	(void)p, (void)n;
#endif
}

/*
 * ... and back: what the compound read ahead and did not take (keep), or,
 * when the original runs instead or after it (COSY_MODE=check), what stdin
 * held, fd 0 where the region began (check mode seeks it back).
 */
static void in_keep(struct cosy_rgn *r, struct state *s, char *seg, void *args, bool keep)
{
	long pos = *(long *)((char *)args + r->in_pos_arg);
	long len = *(long *)((char *)args + r->in_len_arg);
	int saved = errno;

	if (!keep) {
		in_give(s->in_held, s->in_nheld);
	} else {
		if (len > COSY_RGN_IN_BUF)	/* the compound's: as it keeps them */
			len = COSY_RGN_IN_BUF;
		if (pos < 0 || pos > len)
			pos = len;
		in_give(seg + r->in_off + pos, (size_t)(len - pos));
	}
	s->in_nheld = 0;
	errno = saved;
}

int cosy_rgn_run(struct cosy_rgn *r, void *args, unsigned long size,
		 const struct cosy_rgn_mem *mem, unsigned nmem, const long long *grants,
		 unsigned ngrants)
{
	struct state *s = r->priv;
	struct cosy_ctx *cx = args;
	struct cosy_rgn_hdr *h = hdr_of(args);
	int entry_errno = errno, fds[COSY_MAX_GRANT], nfds, own[COSY_MAX_GRANT], nown;
	int wait_err;
	enum run_result ran;
	off_t pos[COSY_MAX_GRANT];
	bool reopened = false;
	const char *why;
	char whybuf[192];
	size_t seg_size;
	char *seg;

again:
	seg = cosy_compound__data(s->c, &seg_size);
	nfds = nown = 0;

	/*
	 * *p of an out-parameter is copied in and back as a variable of its
	 * own: memory another variable of the region also is (the program
	 * passed &total) would take two values; the original's code runs.
	 */
	for (unsigned i = 0; i < nmem; i++) {
		if (!(mem[i].flags & COSY_RGN_DEREF) || !mem[i].host)
			continue;
		for (unsigned j = 0; j < nmem; j++) {
			size_t n = mem[j].size;

			if (j == i || !mem[j].host || (mem[j].flags & COSY_RGN_STRTAB))
				continue;
			if (mem[j].flags & COSY_RGN_STR)
				n = strnlen(mem[j].host, mem[j].size - 1) + 1;
			if (overlaps(mem[i].host, mem[i].size, mem[j].host, n))
				return go_user(r, s, true, "%s is the memory of %s too, which the "
					       "compound keeps apart", mem[i].name, mem[j].name);
		}
	}

	/* strings: present, short enough, not in memory the region writes */
	for (unsigned i = 0; i < nmem; i++) {
		const struct cosy_rgn_mem *m = &mem[i];
		const char *buf;
		size_t len;

		if (m->off + (size_t)m->size > seg_size || r->vars_size > seg_size)
			return go_user(r, s, true, "the segment is smaller than the compound needs");
		if (m->flags & COSY_RGN_STRTAB) {
			/* a table of strings: each fits its slot, none is NULL */
			const char *const *tab = m->host;
			long n = strtab_len(m);

			if (n < 0)
				return go_user(r, s, true, "%s holds more than %u strings", m->name,
					       m->size / COSY_RGN_STRTAB_SLOT);
			for (unsigned k = 0; k < (unsigned long)n; k++) {
				const char *p = tab[k];

				if (!p)
					return go_user(r, s, true, "%s[%u] is NULL", m->name, k);
				len = strnlen(p, COSY_RGN_STRTAB_SLOT);
				if (len >= COSY_RGN_STRTAB_SLOT)
					return go_user(r, s, true, "string %s[%u] is longer than %u "
						       "bytes", m->name, k, COSY_RGN_STRTAB_SLOT - 1);
				if ((buf = written_under(mem, nmem, p, len)))
					return go_user(r, s, true, "string %s[%u] points into "
						       "buffer %s, which the region writes",
						       m->name, k, buf);
			}
			continue;
		}
		if (!(m->flags & COSY_RGN_STR) || (m->flags & COSY_RGN_IN))
			continue;
		if (!m->host)
			continue;	/* "(null)", marked NULL in its slot (below) */
		len = strnlen(m->host, m->size);
		if (len >= m->size)
			return go_user(r, s, true, "string %s is longer than %u bytes", m->name,
				       m->size - 1);
		if ((buf = written_under(mem, nmem, m->host, len)))
			return go_user(r, s, true, "string %s points into buffer %s, which "
				       "the region writes", m->name, buf);
	}
	/*
	 * The program's fds the compound may use: lent (fds), or, those the
	 * region may close, handed over (own), in its fd table as if it had
	 * opened them.  The ones it may close first: a number in both lists
	 * is handed over, once (the module refuses a handed-over fd twice).
	 */
	for (int pass = 0; pass < 2; pass++)
		for (unsigned i = 0; i < ngrants; i++) {
			long long fd = grants[i];
			bool closable = fd & COSY_RGN_CLOSABLE_BIT, seek = fd & COSY_RGN_SEEK_BIT;
			int k;

			if (closable != !pass)
				continue;
			if (closable || seek)
				fd = (int)(fd & 0xffffffffLL);
			if (seek && fcntl((int)fd, F_GETFD) >= 0 && lseek((int)fd, 0, SEEK_CUR) < 0)
				return go_user(r, s, true, "it reads fd %lld with getchar(), fgets() or "
					       "fread(), and that fd cannot seek back over the bytes "
					       "the compound reads ahead (a pipe, a terminal)", fd);
			if (fd < 0 || fd > INT_MAX || fcntl((int)fd, F_GETFD) < 0)
				continue;	/* not open: EBADF in both paths */
			if (closable && cfg.mode == MODE_CHECK)
				return go_user(r, s, true, "the region may close fd %lld, which the "
					       "program has open: the original, run after it, would "
					       "find it closed, so the runs cannot be compared", fd);
			if (closable && !r->fdt_off)
				return go_user(r, s, true, "the region may close fd %lld, and its "
					       "compound has no fd table (cosy-cc and libcosy differ)",
					       fd);
			for (k = 0; k < nown && own[k] != fd; k++)
				;
			if (k < nown)
				continue;
			for (k = 0; k < nfds && fds[k] != fd; k++)
				;
			if (k < nfds)
				continue;
			why = fd_kind_differs((int)fd);
			if (why)
				return go_user(r, s, true, "fd %lld %s", fd, why);
			if (nfds + nown == COSY_MAX_GRANT)
				return go_user(r, s, true, "it would need more than %u of the "
					       "program's fds", COSY_MAX_GRANT);
			if (closable)
				own[nown++] = (int)fd;
			else
				fds[nfds++] = (int)fd;
		}
	for (unsigned i = 0; i < nmem; i++) {
		const struct cosy_rgn_mem *m = &mem[i];

		if (m->flags & COSY_RGN_IN)
			memcpy(seg + m->off, m->host, m->size);
		else if (m->flags & COSY_RGN_STR) {
			/*
			 * Measured again and bounded by the slot: another thread
			 * may have lengthened the string since the check above.
			 */
			const char *str = m->host ? m->host : "(null)";
			size_t n = strnlen(str, m->size - 1);

			memcpy(seg + m->off, str, n);
			/* zeros after it, as cosy-cc(1) says, not an earlier run's bytes */
			memset(seg + m->off + n, 0, m->size - n);
			/*
			 * NULL: the slot's last byte says so (cosy-cc's
			 * str_offset()); a string's NUL is at or before it
			 */
			seg[m->off + m->size - 1] = !m->host;
		} else if (m->flags & COSY_RGN_STRTAB) {
			/* the same, per slot; a pointer read once (NULL now: "") */
			const char *const *tab = m->host;
			long len = strtab_len(m);
			unsigned k;

			/* another thread's change since the check: still within the slots */
			for (k = 0; len > 0 && k < (unsigned long)len; k++) {
				const char *p = tab[k];
				char *slot = seg + m->off + (size_t)k * COSY_RGN_STRTAB_SLOT;
				size_t n = p ? strnlen(p, COSY_RGN_STRTAB_SLOT - 1) : 0;

				memcpy(slot, p ? p : "", n);
				slot[n] = 0;
			}
			/* a vector's NULL: "" (open(2) of NULL would say EFAULT) */
			if (k < m->size / COSY_RGN_STRTAB_SLOT)
				seg[m->off + (size_t)k * COSY_RGN_STRTAB_SLOT] = 0;
		}
	}
	/* printf() and co.: stdout's buffer, taken over last (out_take()) */
	if (r->out_cap && r->out_off + (size_t)COSY_RGN_OUT_HEAD + r->out_cap > seg_size)
		return go_user(r, s, true, "the segment is smaller than the compound needs");
	/* fprintf(stderr, ...) and co.: the same for stderr and fd 2 */
	if (r->err_cap) {
		if (r->err_off + (size_t)COSY_RGN_OUT_HEAD + r->err_cap > seg_size)
			return go_user(r, s, true, "the segment is smaller than the compound needs");
		if (fileno(stderr) != 2)
			return go_user(r, s, true, "it prints to stderr, which is not fd 2");
		fflush(stderr);
		/*
		 * Oriented to bytes, as the region's first print to it would
		 * leave it: glibc's perror() on a stream not yet used writes
		 * through an fdopen() of dup(2), which fails with EINVAL where
		 * fd 2 is open for writing only and leaves errno so, where the
		 * compound's perror(), as glibc's on a stream in use, leaves
		 * errno as it was (check mode compares it).  A wide stderr
		 * would refuse the region's bytes: that is the original's to do.
		 */
		if (fwide(stderr, -1) > 0)
			return go_user(r, s, true, "it prints to stderr, which is wide-oriented");
	}
	if (r->errmsg_off) {
		if (r->errmsg_off + sizeof(errmsg_tab) > seg_size)
			return go_user(r, s, true, "the segment is smaller than the compound needs");
		why = errmsg_table(s, seg + r->errmsg_off);
		if (why)
			return go_user(r, s, true, "%s", why);
	}
	/*
	 * check: the original reads the program's files from where the
	 * compound began (-1: no offset, a pipe or terminal; or writes that
	 * append wherever the offset is)
	 */
	if (cfg.mode == MODE_CHECK)
		for (int i = 0; i < nfds; i++) {
			int fl = fcntl(fds[i], F_GETFL);

			pos[i] = fl < 0 || (fl & O_APPEND) ? -1 : lseek(fds[i], 0, SEEK_CUR);
		}
	/*
	 * stdout's buffer, for the compound to go on with (a FILE freopen()ed
	 * to another fd is not what it writes); from here to the run nothing
	 * fails, and a run that does not begin gives it back (out_keep())
	 */
	if (r->in_off && r->in_off + (size_t)COSY_RGN_IN_BUF > seg_size)
		return go_user(r, s, true, "the segment is smaller than the compound needs");
	if (r->in_off && (why = in_take(r, s, args, whybuf, sizeof(whybuf))))
		return go_user(r, s, true, "%s", why);
	if (r->out_cap && (why = out_take(r, s, whybuf, sizeof(whybuf)))) {
		if (r->in_off)
			in_keep(r, s, seg, args, false);
		return go_user(r, s, true, "%s", why);
	}
	/* the compound's variables start as C's automatic ones: unknown, here 0 */
	memset(seg, 0, r->vars_size);
	/* its fd table: the program's fds handed over (run_resumed() grants it) */
	for (int i = 0; i < nown; i++)
		((int *)(seg + r->fdt_off))[i] = own[i];
	((struct cosy_rgn_st *)seg)->nfds = (__u32)nown;
	if (r->out_cap) {
		__u32 *h = (__u32 *)(seg + r->out_off);

		memcpy(seg + r->out_off + COSY_RGN_OUT_HEAD, s->out_held, s->out_nheld);
		h[0] = s->out_nheld;
	}
	if (r->in_off)
		memcpy(seg + r->in_off, s->in_held, s->in_nheld);
	/* check: the original prints what it reports, the compound does not */
	if (r->err_cap) {
		((__u32 *)(seg + r->err_off))[0] = 0;
		((__u32 *)(seg + r->err_off))[1] = cfg.mode == MODE_CHECK;
	}
	h->rgn_errno = entry_errno;
	s->yields = 0;
	ran = run_resumed(r, s, args, size, fds, nfds);
	if (cfg.mode != MODE_CHECK || (h->rgn_status != COSY_RGN_OK &&
				       h->rgn_status != COSY_RGN_RETURN &&
				       h->rgn_status != COSY_RGN_HOST) || cx->stop_reason)
		say_yields(r, s);	/* no original runs after it */
	/*
	 * It did not run, maybe because the program closed cosy's fds
	 * (closefrom(3)) and the numbers are gone or name other objects:
	 * then open the compound again, once, and run there.  The old one's
	 * numbers are not closed unless they are still its own.
	 */
	if (ran != RUN_DONE && !reopened &&
	    (ran == RUN_UNARMED || cosy_compound__stale(s->c) > 0)) {
		if (cfg.verbose)
			warn("region %s (%s:%u): its compound's fds were closed under it (%s): "
			     "opening it again", r->name, r->file, r->line, s->why);
		if (r->out_cap)
			out_keep(r, s, seg, false);
		if (r->in_off)
			in_keep(r, s, seg, args, false);
		cosy_compound__abandon(s->c);
		s->c = NULL;
		reopened = true;
		if (open_compound(r, s)) {
			errno = entry_errno;
			return go_user(r, s, true, "%s", s->why);
		}
		goto again;
	}
	if (ran == RUN_WAIT) {
		/*
		 * Nothing it did shows: close what it opened (after the
		 * program's fds handed over, untouched), and run the original.
		 */
		int *fdt = (int *)(seg + r->fdt_off);

		for (unsigned i = (unsigned)nown; i < h->rgn_nfds && i < COSY_RGN_MAX_FDS; i++)
			if (fdt[i] >= 0)
				close(fdt[i]);
		if (r->out_cap)	/* what it printed, the original prints */
			out_keep(r, s, seg, false);
		if (r->in_off)	/* what it read, the original reads */
			in_keep(r, s, seg, args, false);
		wait_err = h->rgn_errno;
		errno = entry_errno;
		if (wait_err == EXDEV)
			return go_user(r, s, true, "at line %u it names a path that climbs above "
				       "its directory fd other than by leading \"..\" (a later "
				       "\"..\", an absolute symlink), which the kernel path does not "
				       "follow", h->rgn_line);
		if (wait_err == ETOOMANYREFS)
			return go_user(r, s, true, "at line %u it holds more files open at once "
				       "than a compound may (%u)", h->rgn_line, COSY_MAX_FDS);
		return go_user(r, s, true, "at line %u it opens a file that open(2) or its reads "
			       "and writes may wait on (a FIFO, a pipe, a terminal, a device that does "
			       "not offer I/O without waiting), which the kernel path does not",
			       h->rgn_line);
	}
	if (ran != RUN_DONE) {
		if (r->out_cap)
			out_keep(r, s, seg, false);
		if (r->in_off)
			in_keep(r, s, seg, args, false);
		errno = entry_errno;
		return go_user(r, s, true, "%s", s->why);
	}
	/* check: the original prints it all again, from where the compound began */
	if (r->out_cap)
		out_keep(r, s, seg, cfg.mode != MODE_CHECK);
	if (r->in_off)
		in_keep(r, s, seg, args, cfg.mode != MODE_CHECK);
	errno = entry_errno;
	switch (h->rgn_status) {
	case COSY_RGN_OK:
		break;
	case COSY_RGN_TRAP_BOUNDS:
		warn("region %s (%s:%u): a buffer index out of bounds at line %u", r->name,
		     r->file, r->line, h->rgn_line);
		abort();
	case COSY_RGN_TRAP_DIV:
		warn("region %s (%s:%u): integer division by zero or overflow at line %u",
		     r->name, r->file, r->line, h->rgn_line);
		signal(SIGFPE, SIG_DFL);
		raise(SIGFPE);
		abort();
	case COSY_RGN_TRAP_SEG:
		warn("region %s (%s:%u): the segment did not map", r->name, r->file, r->line);
		abort();
	case COSY_RGN_TRAP_ASSERT:
		/* as the original's assert() would: glibc's message, then abort() */
		for (unsigned i = 0; i < r->nasserts; i++)
			if (r->asserts[i].line == h->rgn_line)
				__assert_fail(r->asserts[i].expr, r->asserts[i].file,
					      r->asserts[i].line, r->asserts[i].func);
		warn("region %s (%s:%u): an assertion failed at line %u", r->name, r->file,
		     r->line, h->rgn_line);
		abort();
	default:
		break;
	}
	/* a `return` in the region ends it as its end does, and so do statements left to user space */
	if ((h->rgn_status != COSY_RGN_OK && h->rgn_status != COSY_RGN_RETURN &&
	     h->rgn_status != COSY_RGN_HOST) ||
	    cx->stop_reason) {
		report_stop(r, cx, h);
		if (!cfg.on_stop_continue || cfg.mode == MODE_CHECK)
			exit(COSY_REGION_EXIT_STOP);
		if (!__atomic_exchange_n(&said_continue, true, __ATOMIC_RELAXED)) {
			warn("COSY_ON_STOP=continue: the program goes on without the rest of "
			     "region %s's work; it will exit with status %d, not 0",
			     r->name, COSY_REGION_EXIT_STOP);
			on_exit(stop_exit_status, NULL);
		}
		last_path = COSY_REGION_STOPPED;
		if (!h->rgn_errno)
			h->rgn_errno = cx->stop_err ? -cx->stop_err : EINTR;
		return COSY_REGION_KERNEL;
	}
	if (cfg.mode == MODE_CHECK) {
		/* the original runs next: give it the fd numbers the compound left open */
		int *fdt = (int *)(seg + r->fdt_off);

		/*
		 * The program's fds go back to where the compound began, so
		 * that the original reads and writes what it did; one that
		 * cannot (a pipe, O_APPEND) sees both runs: say so, once.
		 */
		for (int i = 0; i < nfds; i++)
			if (pos[i] >= 0 && lseek(fds[i], pos[i], SEEK_SET) < 0)
				pos[i] = -1;
		say_yields(r, s);
		/*
		 * fd 2, where the region reports (fprintf(stderr, ...) and
		 * co.), is not named: the compound's reports were kept quiet
		 */
		int said = 0, first = -1;

		for (int i = 0; i < nfds; i++)
			if (!(fds[i] == 2 && r->err_cap)) {
				said++;
				first = first < 0 ? fds[i] : first;
			}
		if (said && !s->said_check) {
			bool unseekable = false;

			for (int i = 0; i < nfds; i++)
				unseekable |= pos[i] < 0 && !(fds[i] == 2 && r->err_cap);
			s->said_check = true;
			warn("COSY_MODE=check: region %s (%s:%u) uses %d of the program's fds "
			     "(fd %d%s): the original reads and writes them again from the "
			     "offset the compound began at%s", r->name, r->file, r->line, said,
			     first, said > 1 ? ", ..." : "",
			     unseekable ? "; one has no offset or appends (a pipe, a terminal, "
			     "O_APPEND): what goes through it happens twice and the runs may "
			     "differ" : "");
		}
		/* a file the region opens to append grows by both runs' writes */
		if ((r->flags & COSY_RGN_F_APPENDS) && !s->said_append) {
			s->said_append = true;
			warn("COSY_MODE=check: region %s (%s:%u) may open files with O_APPEND: "
			     "what it appends there happens twice and is not compared", r->name,
			     r->file, r->line);
		}
		/* the original runs after the compound removed the names */
		if ((r->flags & COSY_RGN_F_UNLINKS) && !s->said_unlink) {
			s->said_unlink = true;
			warn("COSY_MODE=check: region %s (%s:%u) unlinks names: the original runs "
			     "after the compound removed them, so its unlink() fails with ENOENT "
			     "and the runs may differ", r->name, r->file, r->line);
		}
		if ((r->flags & COSY_RGN_F_TRUNCATES) && !s->said_truncate) {
			s->said_truncate = true;
			warn("COSY_MODE=check: region %s (%s:%u) calls ftruncate(): the original "
			     "runs on files the compound already cut or grew, so the runs may "
			     "differ", r->name, r->file, r->line);
		}
		if ((r->flags & COSY_RGN_F_EXCL) && !s->said_excl) {
			s->said_excl = true;
			warn("COSY_MODE=check: region %s (%s:%u) creates files with O_EXCL "
			     "(fopen()'s \"x\"): the original runs after the compound made them, "
			     "so its open fails with EEXIST and the runs may differ", r->name,
			     r->file, r->line);
		}
		/* pread, change, pwrite back: the original changes what the compound wrote */
		if ((r->flags & COSY_RGN_F_RDWR) && !s->said_rdwr) {
			s->said_rdwr = true;
			warn("COSY_MODE=check: region %s (%s:%u) may open files for reading and "
			     "writing (O_RDWR): the original reads what the compound wrote there, "
			     "so a change it makes to a file's bytes happens twice and the runs may "
			     "differ", r->name, r->file, r->line);
		}

		for (unsigned i = 0; i < h->rgn_nfds && i < COSY_RGN_MAX_FDS; i++)
			close(fdt[i]);
		s->ndiff = 0;
		s->diffs[0] = 0;
		errno = entry_errno;
		return COSY_REGION_CHECKED;
	}
	last_path = COSY_REGION_KERNEL;
	return COSY_REGION_KERNEL;
}

void cosy_rgn_stdin_back(int eof, int err)
{
#ifdef _IO_EOF_SEEN	/* glibc's FILE, whose feof() and ferror() read these */
	/* the region began with stdio's flags: clearerr() in it cleared them */
	if (eof)
		stdin->_flags |= _IO_EOF_SEEN;
	else
		stdin->_flags &= ~_IO_EOF_SEEN;
	if (err)
		stdin->_flags |= _IO_ERR_SEEN;
	else
		stdin->_flags &= ~_IO_ERR_SEEN;
#else
	(void)eof;
	(void)err;
#endif
}

void cosy_rgn_leave(struct cosy_rgn *r, void *args, const struct cosy_rgn_mem *mem,
		    unsigned nmem)
{
	struct state *s = r->priv;
	char *seg = cosy_compound__data(s->c, NULL);

	for (unsigned i = 0; i < nmem; i++)
		if (mem[i].flags & COSY_RGN_OUT)
			memcpy((void *)mem[i].host, seg + mem[i].off, mem[i].size);
	pthread_mutex_unlock(&s->lock);
	errno = hdr_of(args)->rgn_errno;
}

/* An integer of `size` bytes at p, as the program's type reads it. */
static long long int_at(const void *p, unsigned long size, int is_signed)
{
	switch (size) {
	case 1: return is_signed ? *(const signed char *)p : *(const unsigned char *)p;
	case 2: return is_signed ? *(const short *)p : *(const unsigned short *)p;
	case 4: return is_signed ? *(const int *)p : (long long)*(const unsigned int *)p;
	default: return *(const long long *)p;
	}
}

void cosy_rgn_cmp(struct cosy_rgn *r, const char *name, void *user, void *kernel,
		  unsigned long size, int is_signed)
{
	struct state *s = r->priv;
	size_t n = strlen(s->diffs);

	if (!memcmp(user, kernel, size))
		return;
	s->ndiff++;
	if (is_signed || size < 8)
		snprintf(s->diffs + n, sizeof(s->diffs) - n, "  %s: kernel %lld, user %lld\n", name,
			 int_at(kernel, size, is_signed), int_at(user, size, is_signed));
	else
		snprintf(s->diffs + n, sizeof(s->diffs) - n, "  %s: kernel %llu, user %llu\n", name,
			 (unsigned long long)int_at(kernel, size, 0),
			 (unsigned long long)int_at(user, size, 0));
}

void cosy_rgn_cmp_ptr(struct cosy_rgn *r, const char *name, void *user, const void *base,
		      void *kernel)
{
	struct state *s = r->priv;
	size_t n = strlen(s->diffs);
	char kb[32], ub[32], *p;
	long off, koff;

	memcpy(&p, user, sizeof(p));
	off = p ? (long)(p - (const char *)base) : COSY_RGN_NULL;
	memcpy(&koff, kernel, sizeof(koff));
	if (off == koff)
		return;
	/* as the program sees them: NULL, or an offset in the variable */
	if (koff == COSY_RGN_NULL)
		snprintf(kb, sizeof(kb), "NULL");
	else
		snprintf(kb, sizeof(kb), "+%ld", koff);
	if (off == COSY_RGN_NULL)
		snprintf(ub, sizeof(ub), "NULL");
	else
		snprintf(ub, sizeof(ub), "+%ld", off);
	s->ndiff++;
	snprintf(s->diffs + n, sizeof(s->diffs) - n, "  %s: kernel %s, user %s (a pointer)\n",
		 name, kb, ub);
}

char *cosy_rgn_tab_ptr(char *const *strs, unsigned n, const char *const *lits, unsigned nlits,
		       long off)
{
	unsigned long k;

	if (off == COSY_RGN_NULL || off < 0)
		return NULL;
	k = (unsigned long)off / COSY_RGN_STRTAB_SLOT;
	if (k < n) {
		for (unsigned long i = 0; i < k; i++)
			if (!strs[i])
				return NULL;	/* past argv's NULL, where C reads on */
		return strs[k] ? strs[k] + off % COSY_RGN_STRTAB_SLOT : NULL;
	}
	if (k - n < nlits)
		return (char *)lits[k - n] + off % COSY_RGN_STRTAB_SLOT;
	return NULL;
}

void cosy_rgn_cmp_tab_ptr(struct cosy_rgn *r, const char *name, void *user, char *const *strs,
			  unsigned n, const char *const *lits, unsigned nlits, void *kernel)
{
	struct state *s = r->priv;
	size_t len = strlen(s->diffs);
	char kb[48] = "NULL", ub[48] = "NULL", *up, *kp;
	long koff;

	memcpy(&up, user, sizeof(up));
	memcpy(&koff, kernel, sizeof(koff));
	kp = cosy_rgn_tab_ptr(strs, n, lits, nlits, koff);
	if (up == kp || (up && kp && (unsigned long)koff / COSY_RGN_STRTAB_SLOT >= n &&
			 !strcmp(up, kp)))
		return;
	if (kp)
		snprintf(kb, sizeof(kb), "\"%.40s\"", kp);
	if (up)
		snprintf(ub, sizeof(ub), "\"%.40s\"", up);
	s->ndiff++;
	snprintf(s->diffs + len, sizeof(s->diffs) - len, "  %s: kernel %s, user %s (a pointer "
		 "into a table of strings)\n", name, kb, ub);
}

/*
 * Is byte k of an array of struct stat one of a time's?  Two runs of a
 * region see different times (the compound's read set the atime, its
 * write the mtime and ctime): check compares the rest of a stat.
 */
static bool stat_time_byte(size_t k)
{
	k %= sizeof(struct stat);
	return k >= offsetof(struct stat, st_atim) &&
	       k < offsetof(struct stat, st_ctim) + sizeof(struct timespec);
}

void cosy_rgn_check(struct cosy_rgn *r, void *args, int user_errno,
		    const struct cosy_rgn_mem *mem, unsigned nmem)
{
	struct state *s = r->priv;
	struct cosy_rgn_hdr *h = hdr_of(args);
	char *seg = cosy_compound__data(s->c, NULL);

	if (h->rgn_errno != user_errno) {
		size_t n = strlen(s->diffs);

		s->ndiff++;
		snprintf(s->diffs + n, sizeof(s->diffs) - n, "  errno: kernel %d (%s), user %d (%s)\n",
			 h->rgn_errno, strerror(h->rgn_errno), user_errno, strerror(user_errno));
	}
	for (unsigned i = 0; i < nmem; i++) {
		const struct cosy_rgn_mem *m = &mem[i];

		if (!(m->flags & COSY_RGN_OUT))
			continue;
		for (size_t k = 0; k < m->size; k++) {
			if ((m->flags & COSY_RGN_STAT_TIMES) && stat_time_byte(k))
				continue;
			if (seg[m->off + k] != ((const char *)m->host)[k]) {
				size_t n = strlen(s->diffs);

				s->ndiff++;
				snprintf(s->diffs + n, sizeof(s->diffs) - n,
					 "  %s[%zu]: kernel %d, user %d (first difference)\n", m->name,
					 k, seg[m->off + k], ((const char *)m->host)[k]);
				break;
			}
		}
	}
	if (s->ndiff) {
		warn("region %s (%s:%u): COSY_MODE=check: the compound and the original differ:\n%s",
		     r->name, r->file, r->line, s->diffs);
		exit(COSY_REGION_EXIT_MISMATCH);
	}
	last_path = COSY_REGION_CHECKED;
	pthread_mutex_unlock(&s->lock);
	errno = user_errno;
}
