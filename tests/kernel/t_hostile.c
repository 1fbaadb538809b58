// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Issue 9: what a hostile or careless compound, or its own application,
 * could do to the kernel through the kfuncs, one case per rule R1..R12 of
 * the fixed guard (cases named rN_...; the ext4 ones are in t_hostile_fs.c).
 * Each asserts the rule's exact errno or outcome; on a module without the
 * fix each fails: a wrong errno, a kfunc that waits forever (such cases run
 * in a child that a timer kills, see tl_in_child()), a soft lockup or RCU
 * stall, or an oops.  Cases that oops such a module come last, so that a
 * run of the whole file reports the others first; TL_ONLY=NAME runs one
 * alone.  The rules are those of notes/spec-issue9.md.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <signal.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/btf.h>

#include "probe_run.h"
#include "hostile/context.h"
#include "hostile/fd_race.h"
#include "hostile/runs.h"
#include "libcosy_internal.h"	/* struct cosy_compound: the probe's segment fd */

static int probe_seg_fd(void)
{
	return tl_compound("probe")->seg->fd;
}

/* ---- R1: the segment is a plain, writable, one-entry mmappable array ---- */

/* A segment-shaped map (64 KiB value, one entry) with extra map_flags. */
static int seg_map(__u32 extra_flags)
{
	LIBBPF_OPTS(bpf_map_create_opts, mo, .map_flags = BPF_F_MMAPABLE | extra_flags);

	return bpf_map_create(BPF_MAP_TYPE_ARRAY, "hostile_seg", 4, PROBE_SEG_SIZE, 1, &mo);
}

/* One probe run on segment `fd` that writes into it; its return value. */
static int run_on_segment(int fd)
{
	reset();
	step(COSY_OP_MEMCPY, 0, DSZ / 2, 64)->pos = 0;
	return run_raw(fd);
}

/* Another fd of map `fd`, by id, opened with `open_flags` (0: read-write). */
static int fd_by_id(int fd, __u32 open_flags)
{
	LIBBPF_OPTS(bpf_get_fd_by_id_opts, o, .open_flags = open_flags);
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);

	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return -errno;
	return bpf_map_get_fd_by_id_opts(info.id, &o);
}

/*
 * Map flags the map keeps (BPF_F_RDONLY and BPF_F_WRONLY it does not: they
 * only set the mode of the creating fd, see the next case).  Each map is
 * also reached through a second read-write fd, by id, as another process
 * would.
 */
TL_CASE(r1_segment_with_other_map_flags_is_einval)
{
	static const struct {
		__u32 flag;
		const char *name;
	} kinds[] = {
		{ BPF_F_RDONLY_PROG, "BPF_F_RDONLY_PROG" },
		{ BPF_F_WRONLY_PROG, "BPF_F_WRONLY_PROG" },
		{ BPF_F_NUMA_NODE, "BPF_F_NUMA_NODE" },
	};
	unsigned i, j;
	int fds[2], r, bad = 0;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		fds[0] = seg_map(kinds[i].flag);
		TL_CHECK(fds[0] >= 0, "map with %s: %s", kinds[i].name, strerror(errno));
		fds[1] = fd_by_id(fds[0], 0);
		TL_CHECK(fds[1] >= 0, "fd by id: %s", strerror(-fds[1]));
		for (j = 0; j < 2; j++) {
			r = run_on_segment(fds[j]);
			if (r == -EINVAL && pa.cosy.begin_err == -EINVAL)
				continue;
			printf("#   segment map with %s (%s fd): run returned %d, begin_err %d, "
			       "expected -EINVAL\n", kinds[i].name, j ? "second" : "creating",
			       r, pa.cosy.begin_err);
			bad++;
		}
		close(fds[0]);
		close(fds[1]);
	}
	TL_EQ(bad, 0);
	return 0;
}

TL_CASE(r1_segment_of_the_wrong_map_type_is_einval)
{
	LIBBPF_OPTS(bpf_map_create_opts, mo);
	int fd, r;

	fd = bpf_map_create(BPF_MAP_TYPE_HASH, "hostile_hash", 4, PROBE_SEG_SIZE, 1, &mo);
	TL_CHECK(fd >= 0, "hash map: %s", strerror(errno));
	r = run_on_segment(fd);
	close(fd);
	TL_EQ(r, -EINVAL);
	fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "hostile_ring", 0, 0, PROBE_SEG_SIZE, &mo);
	TL_CHECK(fd >= 0, "ringbuf: %s", strerror(errno));
	r = run_on_segment(fd);
	close(fd);
	TL_EQ(r, -EINVAL);
	return 0;
}

/*
 * A good segment map, reached through an fd that is not read-write: a
 * read-only fd by id or from a pin, and the creating fds of BPF_F_RDONLY
 * and BPF_F_WRONLY maps.  (notes/spec-issue9.md lists those two flags
 * under -EINVAL, but the kernel keeps neither in map_flags, 6.1
 * bpf_map_flags_retain_permanent(): all a module can see is the fd.)
 */
TL_CASE(r1_segment_fd_without_write_permission_is_eacces)
{
	const char *pin = "/sys/fs/bpf/cosy_t_hostile_seg";
	LIBBPF_OPTS(bpf_obj_get_opts, by_pin, .file_flags = BPF_F_RDONLY);
	int fd, ro_fd, r[4];

	fd = seg_map(0);
	TL_CHECK(fd >= 0, "map: %s", strerror(errno));
	TL_EQ(run_on_segment(fd), 0);	/* the writable fd is a segment */
	ro_fd = fd_by_id(fd, BPF_F_RDONLY);
	TL_CHECK(ro_fd >= 0, "read-only fd by id: %s", strerror(-ro_fd));
	r[0] = run_on_segment(ro_fd);
	close(ro_fd);
	unlink(pin);
	TL_EQ(bpf_obj_pin(fd, pin), 0);
	ro_fd = bpf_obj_get_opts(pin, &by_pin);
	unlink(pin);
	close(fd);
	TL_CHECK(ro_fd >= 0, "read-only fd from a pin: %s", strerror(errno));
	r[1] = run_on_segment(ro_fd);
	close(ro_fd);
	fd = seg_map(BPF_F_RDONLY);
	TL_CHECK(fd >= 0, "map with BPF_F_RDONLY: %s", strerror(errno));
	r[2] = run_on_segment(fd);
	close(fd);
	fd = seg_map(BPF_F_WRONLY);
	TL_CHECK(fd >= 0, "map with BPF_F_WRONLY: %s", strerror(errno));
	r[3] = run_on_segment(fd);
	close(fd);
	TL_EQ(r[0], -EACCES);
	TL_EQ(r[1], -EACCES);
	TL_EQ(r[2], -EACCES);
	TL_EQ(r[3], -EACCES);
	return 0;
}

TL_CASE(r1_frozen_segment_is_eperm)
{
	int fd = seg_map(0), r;

	TL_CHECK(fd >= 0, "map: %s", strerror(errno));
	TL_EQ(bpf_map_freeze(fd), 0);
	r = run_on_segment(fd);
	close(fd);
	TL_EQ(r, -EPERM);
	TL_EQ(pa.cosy.begin_err, -EPERM);
	return 0;
}

/*
 * A segment-shaped map whose value ends in a special field the kernel owns
 * (struct bpf_spin_lock or struct bpf_timer, recognised by BTF name and
 * size), described by BTF built here.
 */
static int seg_map_with_field(const char *field, __u32 field_size)
{
	LIBBPF_OPTS(bpf_map_create_opts, mo, .map_flags = BPF_F_MMAPABLE);
	const __u32 data = PROBE_SEG_SIZE - 16;	/* 8-aligned, room for either field */
	struct btf *btf = btf__new_empty();
	int u32_id, char_id, arr_id, fld_id, val_id, fd = -ENOMEM;

	if (!btf)
		return -ENOMEM;
	u32_id = btf__add_int(btf, "unsigned int", 4, 0);
	char_id = btf__add_int(btf, "char", 1, BTF_INT_CHAR);
	arr_id = btf__add_array(btf, u32_id, char_id, data);
	fld_id = btf__add_struct(btf, field, field_size);	/* members do not matter */
	val_id = btf__add_struct(btf, "hostile_value", PROBE_SEG_SIZE);
	if (u32_id < 0 || char_id < 0 || arr_id < 0 || fld_id < 0 || val_id < 0 ||
	    btf__add_field(btf, "data", arr_id, 0, 0) ||
	    btf__add_field(btf, "special", fld_id, data * 8, 0))
		goto out;
	fd = btf__load_into_kernel(btf);
	if (fd)
		goto out;
	mo.btf_fd = btf__fd(btf);
	mo.btf_key_type_id = u32_id;
	mo.btf_value_type_id = val_id;
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "hostile_seg", 4, PROBE_SEG_SIZE, 1, &mo);
	if (fd < 0)
		fd = -errno;
out:
	btf__free(btf);
	return fd;
}

TL_CASE(r1_segment_with_spin_lock_or_timer_is_einval)
{
	int lock, timer, r1, r2;

	lock = seg_map_with_field("bpf_spin_lock", 4);
	TL_CHECK(lock >= 0, "map with a bpf_spin_lock: %s", strerror(-lock));
	r1 = run_on_segment(lock);
	close(lock);
	timer = seg_map_with_field("bpf_timer", 16);
	TL_CHECK(timer >= 0, "map with a bpf_timer: %s", strerror(-timer));
	r2 = run_on_segment(timer);
	close(timer);
	TL_EQ(r1, -EINVAL);
	TL_EQ(r2, -EINVAL);
	return 0;
}

struct freezer {
	int fd;
	const volatile unsigned char *watch;	/* a read-only mapping of the segment */
	int err;				/* bpf_map_freeze() during the run */
	bool saw_run;
};

/* Freeze the segment once the run has visibly started writing to it. */
static void *freezer_thread(void *arg)
{
	struct freezer *f = arg;
	double end = now_s() + 10;

	while (now_s() < end && f->watch[DSZ / 2] != 0xab)
		;
	f->saw_run = f->watch[DSZ / 2] == 0xab;
	f->err = bpf_map_freeze(f->fd);
	return NULL;
}

TL_CASE(r1_freeze_during_a_session_is_ebusy)
{
	static unsigned char value[PROBE_SEG_SIZE];
	struct freezer f = { .err = 1 };
	pthread_t t;
	__u32 zero = 0;
	void *map;
	int r;

	f.fd = seg_map(0);
	TL_CHECK(f.fd >= 0, "map: %s", strerror(errno));
	memset(value, 0xab, DSZ / 2);
	memset(value + DSZ / 2, 0, DSZ / 2);
	TL_EQ(bpf_map_update_elem(f.fd, &zero, value, 0), 0);
	/* Read-only: a writable mapping alone would make the freeze fail (-EBUSY). */
	map = mmap(NULL, PROBE_SEG_SIZE, PROT_READ, MAP_SHARED, f.fd, 0);
	TL_CHECK(map != MAP_FAILED, "mmap: %s", strerror(errno));
	f.watch = map;
	reset();
	ro.budget_time_ns = 2ull * 1000 * 1000 * 1000;	/* the run lasts 2 s */
	ro.budget_calls = COSY_MAX_LOOPS;
	step(COSY_OP_MEMCPY, 0, DSZ / 2, DSZ / 2)->pos = 0;
	pa.repeat = COSY_MAX_LOOPS;
	TL_EQ(pthread_create(&t, NULL, freezer_thread, &f), 0);
	r = run_raw(f.fd);
	pthread_join(t, NULL);
	munmap(map, PROBE_SEG_SIZE);
	TL_EQ(r, 0);
	TL_CHECK(f.saw_run, "the run never wrote to its segment");
	TL_EQ(pa.last, -ETIME);	/* the session still held the segment when it froze */
	TL_EQ(f.err, -EBUSY);
	/* The session is over: now the map may freeze. */
	TL_EQ(bpf_map_freeze(f.fd), 0);
	close(f.fd);
	return 0;
}

static void on_sigusr1(int sig)
{
	(void)sig;
}

struct poke {
	pthread_t target;
	double after;
	double sent;		/* now_s() when it was sent */
};

static void *poke_thread(void *arg)
{
	struct poke *p = arg;

	usleep(p->after * 1e6);
	p->sent = now_s();
	pthread_kill(p->target, SIGUSR1);
	return NULL;
}

/* ---- R3: read/write/lseek/getdents hold the file's f_pos_lock ---------- */

/*
 * Another thread of the caller inside read(2) of `fd`, holding its
 * f_pos_lock at position 0: its buffer is a userfaultfd-registered page,
 * so it waits in the copy to user space until pos_lock_release().
 */
struct pos_lock {
	int fd, uffd;
	char *page;
	pthread_t reader;
	ssize_t got;
	double release_after;	/* > 0: a thread releases it after that many s */
	pthread_t releaser;
};

static void *pos_lock_reader(void *arg)
{
	struct pos_lock *h = arg;

	h->got = read(h->fd, h->page, 4096);
	return NULL;
}

static int pos_lock_release(struct pos_lock *h)
{
	static char zeros[4096] __attribute__((aligned(4096)));
	struct uffdio_copy cp = {
		.dst = (unsigned long)h->page, .src = (unsigned long)zeros, .len = 4096,
	};

	return ioctl(h->uffd, UFFDIO_COPY, &cp) ? -errno : 0;
}

static void *pos_lock_releaser(void *arg)
{
	struct pos_lock *h = arg;

	usleep(h->release_after * 1e6);
	pos_lock_release(h);
	return NULL;
}

/* 0, 77 (no userfaultfd in this kernel) or 1, with a message. */
static int pos_lock_hold(struct pos_lock *h, int fd)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	struct pollfd p;
	struct uffd_msg msg;

	h->fd = fd;
	h->uffd = syscall(SYS_userfaultfd, O_CLOEXEC);
	if (h->uffd < 0 && errno == ENOSYS)
		TL_SKIP("no userfaultfd in this kernel");
	TL_CHECK(h->uffd >= 0, "userfaultfd: %s", strerror(errno));
	TL_EQ(ioctl(h->uffd, UFFDIO_API, &api), 0);
	h->page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TL_CHECK(h->page != MAP_FAILED, "mmap");
	reg.range.start = (unsigned long)h->page;
	reg.range.len = 4096;
	TL_EQ(ioctl(h->uffd, UFFDIO_REGISTER, &reg), 0);
	TL_EQ(pthread_create(&h->reader, NULL, pos_lock_reader, h), 0);
	/* Its fault arrives from inside read(2): from then on it holds the lock. */
	p = (struct pollfd){ .fd = h->uffd, .events = POLLIN };
	TL_EQ(poll(&p, 1, 5000), 1);
	TL_EQ(read(h->uffd, &msg, sizeof(msg)), sizeof(msg));
	TL_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
	if (h->release_after > 0)
		TL_EQ(pthread_create(&h->releaser, NULL, pos_lock_releaser, h), 0);
	return 0;
}

static void pos_lock_done(struct pos_lock *h)
{
	if (h->release_after > 0)
		pthread_join(h->releaser, NULL);
	else
		pos_lock_release(h);
	pthread_join(h->reader, NULL);
	munmap(h->page, 4096);
	close(h->uffd);
}

/*
 * The compound reads `fd` (granted) while another thread holds its
 * f_pos_lock; `poke`, if any, signals this thread during the run.
 */
static int pos_lock_case(struct pos_lock *h, __u64 budget_ns, double *took, struct poke *poke)
{
	pthread_t t;
	int fd, r;
	double t0;

	TL_EQ(tl_make_file("f", 16384, 9), 0);
	fd = open("f", O_RDONLY);
	TL_CHECK(fd >= 0, "open");
	r = pos_lock_hold(h, fd);
	if (r) {
		close(fd);
		return r;
	}
	reset();
	memset(data(), 0, 4096);
	ro.grant_fds = &h->fd;
	ro.ngrant = 1;
	ro.budget_time_ns = budget_ns;
	step(COSY_OP_READ, fd, 0, 4096);
	if (poke)
		TL_EQ(pthread_create(&t, NULL, poke_thread, poke), 0);
	t0 = now_s();
	r = run();
	*took = now_s() - t0;
	if (poke)
		pthread_join(t, NULL);
	pos_lock_done(h);
	TL_EQ(r, 0);
	TL_EQ(h->got, 4096);
	return 0;
}

/* With a short budget the read waits for the lock and stops: nothing read. */
TL_CASE(r3_read_waits_for_f_pos_lock_within_the_budget)
{
	struct pos_lock h = {};
	double took;
	int r = pos_lock_case(&h, 300 * 1000 * 1000, &took, NULL);

	close(h.fd);
	if (r)
		return r;
	TL_EQ(pa.res[0], -ETIME);
	TL_EQ(ro.stop_reason, COSY_STOP_TIME);
	TL_EQ(ro.stats.bytes_read, 0);
	TL_CHECK(took < 5, "took %.1f s for a 0.3 s budget", took);
	return 0;
}

/* Released during the run: the compound reads on from where read(2) left off. */
TL_CASE(r3_read_after_f_pos_lock_continues_at_the_new_position)
{
	struct pos_lock h = { .release_after = 0.5 };
	char want[4096];
	double took;
	int r = pos_lock_case(&h, 5ull * 1000 * 1000 * 1000, &took, NULL);

	if (!r)
		r = pread(h.fd, want, sizeof(want), 4096) == sizeof(want) ? 0 : 1;
	close(h.fd);
	if (r)
		return r;
	TL_EQ(pa.res[0], 4096);
	TL_CHECK(!memcmp(data(), want, 4096), "read bytes other than [4096, 8192) of the file");
	TL_CHECK(took >= 0.4, "returned after %.2f s, before the lock was free", took);
	return 0;
}

/* Threads: N of /proc/self/status, or -1. */
static int thread_count(void)
{
	char line[128];
	FILE *f = fopen("/proc/self/status", "r");
	int n = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	fclose(f);
	return n;
}

/*
 * The lock held by another process that shares the file (fork(), not a
 * thread): the caller is single-threaded and its fd table its own, so only
 * the file's references tell that someone else can reach it.  The read
 * must still wait for the lock and stop at the budget.
 */
TL_CASE(r3_read_waits_for_f_pos_lock_held_by_another_process)
{
	int fd, held[2], done[2], st, r;
	char c = 0;
	pid_t pid;

	TL_EQ(tl_make_file("f", 16384, 9), 0);
	fd = open("f", O_RDONLY);
	TL_CHECK(fd >= 0, "open");
	TL_EQ(pipe(held), 0);
	TL_EQ(pipe(done), 0);
	pid = fork();
	TL_CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (!pid) {
		struct pos_lock h = {};

		close(held[0]);
		close(done[1]);
		r = pos_lock_hold(&h, fd);
		c = r == 77 ? 's' : r ? 'n' : 'y';
		if (write(held[1], &c, 1) != 1 || r)
			_exit(r ? r : 1);
		if (read(done[0], &c, 1) != 1)
			_exit(1);
		pos_lock_done(&h);
		_exit(h.got == 4096 ? 0 : 1);
	}
	close(held[1]);
	close(done[0]);
	r = read(held[0], &c, 1) == 1 && c == 'y' ? 0 : 1;
	if (!r) {
		reset();
		ro.grant_fds = &fd;
		ro.ngrant = 1;
		ro.budget_time_ns = 300 * 1000 * 1000;
		step(COSY_OP_READ, fd, 0, 4096);
		r = run() ? 2 : 0;
		if (write(done[1], "x", 1) != 1)
			r = 1;
	}
	close(done[1]);
	close(held[0]);
	close(fd);
	TL_EQ(waitpid(pid, &st, 0), pid);
	if (c == 's')
		TL_SKIP("no userfaultfd in this kernel");
	TL_CHECK(c == 'y', "the child did not hold the lock (%c)", c);
	TL_EQ(r, 0);
	TL_CHECK(WIFEXITED(st) && !WEXITSTATUS(st), "child status %#x", st);
	TL_EQ(thread_count(), 1);	/* else the fd table alone would take the lock */
	TL_EQ(pa.res[0], -ETIME);
	TL_EQ(ro.stop_reason, COSY_STOP_TIME);
	TL_EQ(ro.stats.bytes_read, 0);
	return 0;
}

/*
 * A copy takes both files' position locks, in address order.  Another
 * thread holds one of them, in turn each: in one of the two runs the
 * compound waits in the queue for its second lock while holding the first
 * (lockdep's subclass 1, checked on the debug kernel).  Released after
 * 0.5 s, the copy goes on and copies.
 */
TL_CASE(r3_copy_waits_for_either_file_pos_lock)
{
	for (int which = 0; which < 2; which++) {
		struct pos_lock h = { .release_after = 0.5 };
		double t0, took;
		int in, out, r;

		TL_EQ(tl_make_file("f", 16384, 9), 0);
		TL_EQ(tl_make_file("g", 16384, 3), 0);
		in = open("f", O_RDONLY);
		out = open("g", O_RDWR);	/* readable: the holder reads it */
		TL_CHECK(in >= 0 && out >= 0, "open");
		r = pos_lock_hold(&h, which ? out : in);
		if (r) {
			close(in);
			close(out);
			return r;
		}
		reset();
		ro.grant_fds = (int[]){ in, out };
		ro.ngrant = 2;
		step(COSY_OP_COPY, in, 0, 4096)->mode = out;
		t0 = now_s();
		r = run();
		took = now_s() - t0;
		pos_lock_done(&h);
		close(in);
		close(out);
		TL_EQ(r, 0);
		TL_EQ(h.got, 4096);
		TL_CHECK(pa.res[0] == 4096, "holding the %s file's lock: copy %lld",
			 which ? "output" : "input", (long long)pa.res[0]);
		TL_CHECK(took >= 0.4, "holding the %s file's lock: returned after %.2f s, before "
			 "the lock was free", which ? "output" : "input", took);
	}
	return 0;
}

/*
 * A signal the program handles arrives while the compound waits for the
 * position lock: the wait goes on to the budget (-ETIME), neither cut
 * short nor turned into -EINTR.
 */
static int pos_lock_signalled(void)
{
	struct sigaction sa = { .sa_handler = on_sigusr1 };	/* no SA_RESTART */
	struct poke poke = { .target = pthread_self(), .after = 0.3 };
	struct pos_lock h = {};
	double took;
	int r;

	TL_CHECK(tl_compound("probe"), "load");	/* before the clock starts */
	TL_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	r = pos_lock_case(&h, 1500ull * 1000 * 1000, &took, &poke);
	close(h.fd);
	if (r)
		return r;
	TL_EQ(pa.res[0], -ETIME);
	TL_EQ(ro.stop_reason, COSY_STOP_TIME);
	TL_CHECK(took >= 1.4, "the wait ended after %.2f s of a 1.5 s budget", took);
	TL_CHECK(took < 6, "took %.1f s for a 1.5 s budget", took);
	return 0;
}

TL_CASE(r3_a_handled_signal_does_not_end_a_wait_for_f_pos_lock)
{
	return tl_in_child(pos_lock_signalled, 20);
}

/*
 * Another process sharing the file (by fork) waits for its position lock,
 * held here, with a 60 s budget, and is killed: it dies at once.
 */
TL_CASE(r3_a_kill_ends_a_wait_for_f_pos_lock)
{
	struct pos_lock h = {};
	double t_kill, took;
	int fd, r, status;
	pid_t pid;

	TL_EQ(tl_make_file("f", 16384, 9), 0);
	fd = open("f", O_RDONLY);
	TL_CHECK(fd >= 0, "open");
	r = pos_lock_hold(&h, fd);
	if (r) {
		close(fd);
		return r;
	}
	reset();
	ro.budget_time_ns = 60ull * 1000 * 1000 * 1000;
	step(COSY_OP_READ, fd, 0, 4096);
	pid = fork();
	TL_CHECK(pid >= 0, "fork");
	if (pid == 0) {
		run_granted(fd);
		_exit(3);	/* the run ended by itself */
	}
	usleep(500 * 1000);
	TL_EQ(waitpid(pid, &status, WNOHANG), 0);
	t_kill = now_s();
	TL_EQ(kill(pid, SIGKILL), 0);
	TL_EQ(waitpid(pid, &status, 0), pid);
	took = now_s() - t_kill;
	pos_lock_done(&h);
	close(fd);
	TL_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x", status);
	TL_CHECK(took < 2, "dead %.2f s after the kill", took);
	TL_EQ(h.got, 4096);
	return 0;
}

/* ---- R5: a session begins only in the caller's own task ------------------ */

TL_CASE(r5_session_in_a_timer_callback_is_refused)
{
	struct context_args a = { .delay_ns = 20 * 1000 * 1000 };
	struct context_timer v = {};
	int prog, timers, i;
	__u32 zero = 0;
	double end;

	/* 7.x refuses a sleepable kfunc in the timer callback at load. */
	switch (tl_prog_refused_with("hostile/context", "context_timer_begins_session",
				     "program must be sleepable to call sleepable kfunc")) {
	case 1:
		printf("#   refused at load by this kernel's verifier\n");
		return 0;
	case -1:
		return 1;
	}
	prog = tl_prog_fd("hostile/context", "context_timer_begins_session", "context_timers",
			  &timers);
	TL_CHECK(prog >= 0, "load");
	/* A ctx that would pass every other check: this process's segment. */
	v.ctx.magic = COSY_CTX_MAGIC;
	v.ctx.abi_version = COSY_ABI_VERSION;
	v.ctx.seg_fd = probe_seg_fd();
	TL_EQ(bpf_map_update_elem(timers, &zero, &v, 0), 0);
	a.cosy = v.ctx;
	{
		LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = &a, .ctx_size_in = sizeof(a));

		TL_EQ(bpf_prog_test_run_opts(prog, &t), 0);
		TL_EQ((int)t.retval, 0);
	}
	/*
	 * Spin in user space meanwhile: the timer softirq then most likely
	 * runs on this task's way out of the interrupt, with this task's fd
	 * table as `current`'s, where a guard without the context check
	 * finds the segment and begins.
	 */
	end = now_s() + 0.2;
	while (now_s() < end)
		;
	for (i = 0; i < 100; i++) {
		TL_EQ(bpf_map_lookup_elem(timers, &zero, &v), 0);
		if (v.ran)
			break;
		usleep(10 * 1000);
	}
	TL_CHECK(v.ran, "the timer callback never ran");
	TL_EQ(v.got_session, 0);
	TL_EQ(v.begin_err, -EPERM);
	return 0;
}

/* ---- R6: every kfunc may reschedule --------------------------------------- */

/*
 * 30 s of 32 KiB memcpy calls in one run, past the 20 s soft-lockup limit
 * (10 s on the debug kernel) and the 4 s period of the watchdog's checks,
 * and past RCU's 21 s stall timeout: a run that never reschedules is
 * reported (soft lockup or RCU stall, whichever comes first) 20 to 24 s in.
 */
TL_CASE(r6_long_run_of_memcpy_calls_reschedules)
{
	double t0;

	reset();
	ro.budget_time_ns = 30ull * 1000 * 1000 * 1000;
	ro.budget_calls = COSY_MAX_LOOPS;
	step(COSY_OP_MEMCPY, 0, DSZ / 2, DSZ / 2)->pos = 0;
	pa.repeat = COSY_MAX_LOOPS;
	t0 = now_s();
	TL_EQ(run(), 0);
	printf("#   %llu calls in %.1f s\n", (unsigned long long)ro.stats.calls, now_s() - t0);
	TL_EQ(pa.last, -ETIME);
	TL_EQ(ro.stop_reason, COSY_STOP_TIME);
	/* Either watchdog may speak first; both mean the CPU never rescheduled. */
	TL_CHECK(!tl_kernel_log_has("soft lockup"), "the kernel log reports a soft lockup");
	TL_CHECK(!tl_kernel_log_has("detected stall"), "the kernel log reports an RCU stall");
	return 0;
}

/* ---- R7: budgets are the run's, shared by all its sessions ---------------- */

static int runs_run(const char *prog_name, struct runs_args *a, __u64 budget_calls)
{
	struct cosy_segment *seg = cosy_segment_create(4096);
	int prog = tl_prog_fd("hostile/runs", prog_name, NULL, NULL), err;

	if (prog < 0 || !seg) {
		cosy_segment__free(seg);
		return -ENOEXEC;
	}
	a->cosy.magic = COSY_CTX_MAGIC;
	a->cosy.abi_version = COSY_ABI_VERSION;
	a->cosy.seg_fd = seg->fd;
	a->cosy.budget.calls = budget_calls;
	{
		LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = a, .ctx_size_in = sizeof(*a));

		err = bpf_prog_test_run_opts(prog, &t);
		err = err ? -errno : (int)t.retval;
	}
	cosy_segment__free(seg);
	return err;
}

/* 100 sessions of 10 calls each, 50 calls for the run: a later begin fails. */
TL_CASE(r7_sessions_of_a_run_share_its_calls_budget)
{
	struct runs_args a;
	int run_no;

	for (run_no = 0; run_no < 2; run_no++) {	/* the second run starts afresh */
		memset(&a, 0, sizeof(a));
		a.nsessions = 100;
		a.checks = 10;
		TL_EQ(runs_run("runs_sessions_in_a_loop", &a, 50), 0);
		printf("#   run %d: %u sessions began, %u did not (first %d), %u calls ok, "
		       "first failure %d\n", run_no, a.begun, a.failed_begins, a.first_begin_err,
		       a.ok_calls, a.first_call_err);
		TL_CHECK(a.ok_calls <= 50, "%u calls succeeded with a budget of 50", a.ok_calls);
		TL_CHECK(a.ok_calls >= 40, "only %u calls succeeded", a.ok_calls);
		TL_CHECK(a.failed_begins > 0, "every begin succeeded");
		TL_EQ(a.first_begin_err, -EDQUOT);
		TL_EQ(a.cosy.stop_err, -EDQUOT);
		TL_EQ(a.cosy.stop_reason, COSY_STOP_CALLS);
		TL_CHECK(a.cosy.stats.calls <= 50, "stats.calls %llu",
			 (unsigned long long)a.cosy.stats.calls);
	}
	return 0;
}

/* A session still open when another one spends the budget is stopped too. */
TL_CASE(r7_stop_reaches_every_open_session_of_the_run)
{
	struct runs_args a;
	int run_no;

	for (run_no = 0; run_no < 2; run_no++) {
		memset(&a, 0, sizeof(a));
		a.checks = 60;
		TL_EQ(runs_run("runs_two_sessions", &a, 50), 0);
		TL_EQ(a.begun, 2);
		TL_CHECK(a.ok_calls <= 50 && a.ok_calls >= 40, "%u calls succeeded, budget 50",
			 a.ok_calls);
		TL_EQ(a.first_call_err, -EDQUOT);
		TL_EQ(a.other_session_err, -EDQUOT);
	}
	return 0;
}

/* ---- R8: no waiting on a peer ---------------------------------------------- */

/* Each case runs in a child killed after this long: a kfunc that waits hangs. */
#define PEER_TIMEOUT_S 5

static int fifo_open_rdonly(void)
{
	int fd, fl;

	reset();
	TL_EQ(mkfifo("fifo_r", 0644), 0);
	step(COSY_OP_OPEN, 0, path_at(0, "fifo_r"), 0)->flags = O_RDONLY;
	step(COSY_OP_READ, PROBE_FD_LAST, 4096, 100);	/* no writer: end of file */
	step(COSY_OP_KEEP, PROBE_FD_LAST, 0, 0);
	TL_EQ(run(), 0);
	fd = pa.res[0];
	TL_CHECK(fd >= 0, "open: %d", fd);
	TL_EQ(pa.res[1], 0);
	TL_EQ(pa.res[2], fd);	/* keep: the fd the caller holds, this very one */
	fl = fcntl(fd, F_GETFL);
	TL_CHECK(fl >= 0 && !(fl & O_NONBLOCK), "the fd handed back is non-blocking: %#x", fl);
	return 0;
}

TL_CASE(r8_fifo_open_without_writer_does_not_wait)
{
	return tl_in_child(fifo_open_rdonly, PEER_TIMEOUT_S);
}

static int fifo_open_wronly(void)
{
	reset();
	TL_EQ(mkfifo("fifo_w", 0644), 0);
	step(COSY_OP_OPEN, 0, path_at(0, "fifo_w"), 0)->flags = O_WRONLY;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], -ENXIO);
	return 0;
}

TL_CASE(r8_fifo_open_for_writing_without_reader_is_enxio)
{
	return tl_in_child(fifo_open_wronly, PEER_TIMEOUT_S);
}

static int pipe_read_empty(void)
{
	int p[2];

	TL_EQ(pipe(p), 0);	/* the write end stays open: no end of file */
	reset();
	step(COSY_OP_READ, p[0], 0, 100);
	TL_EQ(run_granted(p[0]), 0);
	TL_EQ(pa.res[0], -EAGAIN);
	TL_CHECK(!(fcntl(p[0], F_GETFL) & O_NONBLOCK), "the granted fd became non-blocking");
	return 0;
}

TL_CASE(r8_read_of_an_empty_pipe_is_eagain)
{
	return tl_in_child(pipe_read_empty, PEER_TIMEOUT_S);
}

static int pipe_write_full(void)
{
	static char buf[4096];
	int p[2];

	TL_EQ(pipe(p), 0);
	TL_EQ(fcntl(p[1], F_SETFL, O_NONBLOCK), 0);
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	TL_EQ(errno, EAGAIN);
	TL_EQ(fcntl(p[1], F_SETFL, 0), 0);	/* blocking again, and full */
	reset();
	step(COSY_OP_WRITE, p[1], 0, 4096);
	TL_EQ(run_granted(p[1]), 0);
	TL_EQ(pa.res[0], -EAGAIN);
	TL_CHECK(!(fcntl(p[1], F_GETFL) & O_NONBLOCK), "the granted fd became non-blocking");
	return 0;
}

TL_CASE(r8_write_to_a_full_pipe_is_eagain)
{
	return tl_in_child(pipe_write_full, PEER_TIMEOUT_S);
}

static int socket_read_empty(void)
{
	int sv[2];

	TL_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	reset();
	step(COSY_OP_READ, sv[0], 0, 100);
	TL_EQ(run_granted(sv[0]), 0);
	TL_EQ(pa.res[0], -EAGAIN);
	return 0;
}

TL_CASE(r8_read_of_a_quiet_socket_is_eagain)
{
	return tl_in_child(socket_read_empty, PEER_TIMEOUT_S);
}

static int tty_read(void)
{
	int m, s, fds[2];

	m = posix_openpt(O_RDWR | O_NOCTTY);
	TL_CHECK(m >= 0, "posix_openpt: %s", strerror(errno));
	TL_EQ(grantpt(m), 0);
	TL_EQ(unlockpt(m), 0);
	s = open(ptsname(m), O_RDWR | O_NOCTTY);
	TL_CHECK(s >= 0, "open %s: %s", ptsname(m), strerror(errno));
	reset();
	fds[0] = s;
	fds[1] = m;
	ro.grant_fds = fds;
	ro.ngrant = 2;
	step(COSY_OP_READ, s, 0, 100);
	step(COSY_OP_READ, m, 0, 100);
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], -EAGAIN);
	TL_EQ(pa.res[1], -EAGAIN);
	return 0;
}

TL_CASE(r8_read_of_a_quiet_tty_is_eagain)
{
	return tl_in_child(tty_read, PEER_TIMEOUT_S);
}

/*
 * A signal with a handler arrives while the compound reads an empty pipe:
 * a read that waited would come back with -ERESTARTSYS (-512), an errno
 * user space never sees and the compound cannot handle.
 */
static int pipe_read_signalled(void)
{
	struct sigaction sa = { .sa_handler = on_sigusr1 };	/* no SA_RESTART */
	struct poke poke = { .target = pthread_self(), .after = 0.3 };
	pthread_t t;
	int p[2], r;

	TL_CHECK(tl_compound("probe"), "load");	/* before the clock starts */
	TL_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	TL_EQ(pipe(p), 0);
	reset();
	step(COSY_OP_READ, p[0], 0, 100);
	TL_EQ(pthread_create(&t, NULL, poke_thread, &poke), 0);
	r = run_granted(p[0]);
	pthread_join(t, NULL);
	TL_EQ(r, 0);
	TL_CHECK(pa.res[0] > -512 || pa.res[0] < -516, "the compound got %lld (-ERESTART*)",
		 (long long)pa.res[0]);
	TL_EQ(pa.res[0], -EAGAIN);
	return 0;
}

TL_CASE(r8_a_signal_never_hands_the_compound_erestartsys)
{
	return tl_in_child(pipe_read_signalled, PEER_TIMEOUT_S);
}

TL_CASE(r8_dev_null_and_dev_zero_work)
{
	reset();
	memset(data() + 4096, 0xff, 100);
	step(COSY_OP_OPEN, 0, path_at(0, "/dev/null"), 0)->flags = O_WRONLY;
	step(COSY_OP_WRITE, PROBE_FD_LAST, 4096, 100);
	step(COSY_OP_OPEN, 0, path_at(64, "/dev/zero"), 0)->flags = O_RDONLY;
	step(COSY_OP_READ, PROBE_FD_LAST, 4096, 100);
	TL_EQ(run(), 0);
	TL_CHECK(pa.res[0] >= 0 && pa.res[2] >= 0, "opens: %lld %lld",
		 (long long)pa.res[0], (long long)pa.res[2]);
	TL_EQ(pa.res[1], 100);
	TL_EQ(pa.res[3], 100);
	TL_CHECK(data()[4096] == 0 && data()[4195] == 0, "/dev/zero gave no zeros");
	return 0;
}

/*
 * COSY_O_REFUSE_WAIT: what open(2) or its I/O would wait on is not opened
 * (-EAGAIN, nothing done); regular files and the memory devices the
 * module does without waiting are; O_NONBLOCK asks for no waiting, so the
 * flag does nothing then.
 */
static int refuse_wait_kinds(void)
{
	static const struct {
		const char *path;
		int flags;
		bool refused;
	} cases[] = {
		{ "fifo_rw", O_RDONLY, true },
		{ "fifo_rw", O_WRONLY, true },		/* no reader: open(2) waits */
		{ "fifo_rw", O_RDONLY | O_NONBLOCK, false },
		{ "/dev/tty", O_RDWR, true },		/* a terminal, not even opened */
		{ "/dev/full", O_WRONLY, true },	/* no non-waiting writes */
		{ "/dev/null", O_WRONLY, false },
		{ "/dev/zero", O_RDONLY, false },
		{ "/dev/urandom", O_RDONLY, false },
		{ "plain", O_RDONLY, false },
		{ "plain", O_WRONLY | O_TRUNC, false },
		{ "new", O_WRONLY | O_CREAT, false },
		{ "sub/..", O_RDONLY | O_DIRECTORY, false },
	};
	unsigned i;

	TL_EQ(mkfifo("fifo_rw", 0644), 0);
	TL_EQ(close(open("plain", O_WRONLY | O_CREAT, 0644)), 0);
	TL_EQ(mkdir("sub", 0755), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct stat st;

		if (cases[i].path[0] == '/' && stat(cases[i].path, &st)) {
			printf("#   no %s here\n", cases[i].path);
			continue;
		}
		reset();
		step(COSY_OP_OPEN, 0, path_at(0, cases[i].path), 0)->flags =
			cases[i].flags | COSY_O_REFUSE_WAIT;
		TL_EQ(run(), 0);
		if (cases[i].refused)
			TL_CHECK(pa.res[0] == -EAGAIN && !ro.stop_reason,
				 "%s (%#x): %lld, stop %u; expected -EAGAIN, no stop", cases[i].path,
				 cases[i].flags, (long long)pa.res[0], ro.stop_reason);
		else
			TL_CHECK(pa.res[0] >= 0, "%s (%#x): %lld, expected an fd", cases[i].path,
				 cases[i].flags, (long long)pa.res[0]);
	}
	return 0;
}

TL_CASE(r8_refuse_wait_refuses_what_open_or_its_io_would_wait_on)
{
	return tl_in_child(refuse_wait_kinds, PEER_TIMEOUT_S);
}

/*
 * A writer waits in open(2) for the FIFO's reader.  A refused open must
 * not be that reader, even for a moment: the writer would come out of its
 * open and write to a FIFO nobody reads (EPIPE), and the program's own
 * open, which the compound leaves the work to, would wait for ever.
 */
static int refuse_wait_leaves_a_waiting_writer(void)
{
	int st, fd;
	pid_t w;

	TL_EQ(mkfifo("fifo_ww", 0644), 0);
	w = fork();
	TL_CHECK(w >= 0, "fork: %s", strerror(errno));
	if (w == 0) {
		fd = open("fifo_ww", O_WRONLY);
		_exit(fd < 0 ? 1 : write(fd, "x", 1) == 1 ? 0 : 2);
	}
	usleep(200 * 1000);	/* the writer is in open(2) by now */
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "fifo_ww"), 0)->flags = O_RDONLY | COSY_O_REFUSE_WAIT;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], -EAGAIN);
	usleep(200 * 1000);
	TL_CHECK(waitpid(w, &st, WNOHANG) == 0, "the writer left open(2): status %#x", st);
	fd = open("fifo_ww", O_RDONLY);		/* the reader it waits for */
	TL_CHECK(fd >= 0, "open: %s", strerror(errno));
	TL_EQ(waitpid(w, &st, 0), w);
	close(fd);
	TL_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the writer: status %#x", st);
	return 0;
}

TL_CASE(r8_refuse_wait_never_wakes_a_writer_waiting_for_a_reader)
{
	return tl_in_child(refuse_wait_leaves_a_waiting_writer, PEER_TIMEOUT_S);
}

/*
 * Once the run has done what cannot be undone (written a file, moved the
 * caller's offset, unlinked), a refused open stops it: COSY_STOP_WAIT,
 * and every later call fails.  Reads of a file it opened itself, and
 * pread of the caller's, change nothing: the open is only refused.
 */
static int refuse_wait_after_effects(void)
{
	/* what each case of the switch below does first */
	static const struct {
		const char *what;
		bool effect;
	} before[] = {
		{ "read of its own file", false },
		{ "pread of the caller's file", false },
		{ "write", true },
		{ "lseek of the caller's fd", true },
		{ "read of the caller's fd", true },
		{ "unlink", true },
		{ "open with O_CREAT", true },
	};
	unsigned i;
	int fd;

	TL_EQ(mkfifo("fifo_fx", 0644), 0);
	fd = open("data", O_RDWR | O_CREAT | O_TRUNC, 0644);
	TL_CHECK(fd >= 0, "open: %s", strerror(errno));
	TL_EQ(write(fd, "0123456789", 10), 10);
	for (i = 0; i < sizeof(before) / sizeof(before[0]); i++) {
		struct probe_step *s;

		TL_EQ(close(open("victim", O_WRONLY | O_CREAT, 0644)), 0);
		TL_EQ(lseek(fd, 0, SEEK_SET), 0);
		reset();
		path_at(0, "data");
		path_at(64, "fifo_fx");
		path_at(128, "victim");
		switch (i) {
		case 0:
			step(COSY_OP_OPEN, 0, 0, 0)->flags = O_RDONLY;
			step(COSY_OP_READ, PROBE_FD_LAST, 4096, 4);
			break;
		case 1:
			step(COSY_OP_PREAD, fd, 4096, 4)->pos = 2;
			break;
		case 2:
			step(COSY_OP_WRITE, fd, 4096, 4);
			break;
		case 3:
			step(COSY_OP_LSEEK, fd, 0, 0)->pos = 3;
			break;
		case 4:
			step(COSY_OP_READ, fd, 4096, 4);
			break;
		case 5:
			step(COSY_OP_UNLINK, COSY_AT_FDCWD, 128, 0);
			break;
		default:
			step(COSY_OP_OPEN, 0, 128, 0)->flags = O_WRONLY | O_CREAT;
			break;
		}
		s = step(COSY_OP_OPEN, 0, 64, 0);
		s->flags = O_RDONLY | COSY_O_REFUSE_WAIT;
		step(COSY_OP_CHECK, 0, 0, 0);
		TL_EQ(run_granted(fd), 0);
		TL_CHECK(pa.res[pa.nsteps - 3] >= 0, "%s: %lld", before[i].what,
			 (long long)pa.res[pa.nsteps - 3]);
		TL_CHECK(pa.res[pa.nsteps - 2] == -EAGAIN, "after a %s the open says %lld",
			 before[i].what, (long long)pa.res[pa.nsteps - 2]);
		if (before[i].effect) {
			TL_CHECK(ro.stop_reason == COSY_STOP_WAIT && ro.stop_err == -EAGAIN,
				 "after a %s: stop %u (%d), expected COSY_STOP_WAIT", before[i].what,
				 ro.stop_reason, ro.stop_err);
			TL_CHECK(pa.res[pa.nsteps - 1] == -EAGAIN, "after the stop a call says %lld",
				 (long long)pa.res[pa.nsteps - 1]);
		} else {
			TL_CHECK(!ro.stop_reason, "after a %s: stop %u, expected none",
				 before[i].what, ro.stop_reason);
			TL_EQ(pa.res[pa.nsteps - 1], 0);
		}
	}
	close(fd);
	return 0;
}

TL_CASE(r8_refuse_wait_after_what_cannot_be_undone_stops_the_run)
{
	return tl_in_child(refuse_wait_after_effects, PEER_TIMEOUT_S);
}

struct swapper {
	atomic_int stop;
	long swaps;
};

/* Swap a regular file and a FIFO under one name, as fast as it goes. */
static void *swap_thread(void *arg)
{
	struct swapper *w = arg;

	while (!atomic_load(&w->stop))
		if (!syscall(SYS_renameat2, AT_FDCWD, "sw", AT_FDCWD, "sw_other", 2 /* EXCHANGE */))
			w->swaps++;
	return NULL;
}

/*
 * Another thread of the caller makes the name a FIFO and a regular file
 * in turn, between the module's look at it and its open: an open with
 * COSY_O_REFUSE_WAIT ends in -EAGAIN or in a regular file, never in a
 * FIFO it hands back.
 */
static int refuse_wait_name_swapped(void)
{
	struct swapper w = {};
	long runs = 0, fds = 0, refused = 0, bad = 0;
	double t0 = now_s();
	pthread_t t;

	TL_EQ(mkfifo("sw", 0644), 0);
	TL_EQ(close(open("sw_other", O_WRONLY | O_CREAT, 0644)), 0);
	TL_EQ(pthread_create(&t, NULL, swap_thread, &w), 0);
	while (now_s() - t0 < 2 && !bad) {
		const struct cosy_stat *st = (const struct cosy_stat *)(data() + 4096);

		reset();
		step(COSY_OP_OPEN, 0, path_at(0, "sw"), 0)->flags = O_RDONLY | COSY_O_REFUSE_WAIT;
		step(COSY_OP_FSTAT, PROBE_FD_LAST, 4096, 0);
		TL_EQ(run(), 0);
		runs++;
		if (pa.res[0] == -EAGAIN && !ro.stop_reason) {
			refused++;
		} else if (pa.res[0] >= 0 && pa.res[1] == 0 && S_ISREG(st->mode)) {
			fds++;
		} else if (bad++ < 5) {
			printf("#   run %ld: open %lld, fstat %lld, mode %#o, stop %u\n", runs,
			       (long long)pa.res[0], (long long)pa.res[1], st->mode, ro.stop_reason);
		}
	}
	atomic_store(&w.stop, 1);
	pthread_join(t, NULL);
	printf("#   %ld runs, %ld swaps: %ld regular files opened, %ld refused\n", runs, w.swaps,
	       fds, refused);
	TL_EQ(bad, 0);
	TL_CHECK(fds > 0 && refused > 0, "the swaps never showed both kinds");
	return 0;
}

TL_CASE(r8_refuse_wait_under_a_thread_swapping_a_fifo_in_stays_refused)
{
	return tl_in_child(refuse_wait_name_swapped, PEER_TIMEOUT_S);
}

/*
 * A file under another process's read lease: open(2) for writing waits
 * for the holder to give it up (up to lease-break-time), so the refused
 * open says -EAGAIN, and stops nothing, or stops the run after a write;
 * an open for reading does not conflict and opens.
 */
static int refuse_wait_leased(void)
{
	int go[2], ready[2], fd, st;
	char c = 0;
	pid_t h;

	TL_EQ(close(open("leased", O_WRONLY | O_CREAT, 0644)), 0);
	TL_EQ(pipe(go), 0);
	TL_EQ(pipe(ready), 0);
	h = fork();
	TL_CHECK(h >= 0, "fork: %s", strerror(errno));
	if (h == 0) {
		signal(SIGIO, SIG_IGN);	/* the lease-break notice */
		fd = open("leased", O_RDONLY);
		c = fd >= 0 && !fcntl(fd, F_SETLEASE, F_RDLCK);
		if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) < 0)
			_exit(2);
		_exit(0);
	}
	TL_EQ(read(ready[0], &c, 1), 1);
	TL_CHECK(c == 1, "the holder could not take its lease");
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "leased"), 0)->flags = O_WRONLY | COSY_O_REFUSE_WAIT;
	step(COSY_OP_OPEN, 0, 0, 0)->flags = O_RDONLY | COSY_O_REFUSE_WAIT;
	TL_EQ(run(), 0);
	TL_CHECK(pa.res[0] == -EAGAIN && !ro.stop_reason, "open for writing: %lld, stop %u",
		 (long long)pa.res[0], ro.stop_reason);
	TL_CHECK(pa.res[1] >= 0, "open for reading: %lld", (long long)pa.res[1]);
	/* after a write it cannot undo, the same open stops the run */
	fd = open("out", O_WRONLY | O_CREAT, 0644);
	TL_CHECK(fd >= 0, "open: %s", strerror(errno));
	reset();
	step(COSY_OP_WRITE, fd, 4096, 4);
	step(COSY_OP_OPEN, 0, path_at(0, "leased"), 0)->flags = O_WRONLY | COSY_O_REFUSE_WAIT;
	TL_EQ(run_granted(fd), 0);
	close(fd);
	TL_EQ(write(go[1], &c, 1), 1);
	TL_EQ(waitpid(h, &st, 0), h);
	TL_EQ(pa.res[0], 4);
	TL_CHECK(pa.res[1] == -EAGAIN && ro.stop_reason == COSY_STOP_WAIT,
		 "open for writing after a write: %lld, stop %u", (long long)pa.res[1],
		 ro.stop_reason);
	return 0;
}

TL_CASE(r8_refuse_wait_of_a_leased_file_is_eagain)
{
	return tl_in_child(refuse_wait_leased, PEER_TIMEOUT_S);
}

/* cosy_copy() moves bytes between regular files only. */
TL_CASE(r8_copy_from_a_pipe_is_einval)
{
	int p[2], out;

	TL_EQ(pipe(p), 0);
	TL_EQ(write(p[1], "hello", 5), 5);
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "out"), 0)->flags = O_WRONLY | O_CREAT;
	step(COSY_OP_COPY, p[0], 0, 5)->mode = PROBE_FD_LAST;
	TL_EQ(run_granted(p[0]), 0);
	close(p[0]);
	close(p[1]);
	out = pa.res[0];
	TL_CHECK(out >= 0, "open: %d", out);
	TL_EQ(pa.res[1], -EINVAL);
	return 0;
}

/* ---- R10: close only what is still the session's, atomically -------------- */

/*
 * Another thread of the caller swaps its own file in under the number the
 * compound just opened (dup2(): close and install in one step) while the
 * compound closes that number, or its session's end does; the compound's
 * delay between open and close sweeps, so that some swaps land between a
 * guard's "is it still ours?" and its close.  The other thread's file must
 * survive every time.
 */
struct fd_race {
	int n;			/* the number the compound's opens get */
	ino_t ino_mine, ino_theirs;
	int theirs;		/* the other thread's file, dup2()ed onto n */
	const volatile struct fd_race_progress *progress;
	atomic_bool stop;
	long swapped, lost;
};

static void *fd_race_thread(void *arg)
{
	struct fd_race *r = arg;
	struct stat st;
	__u64 it;

	while (!atomic_load(&r->stop)) {
		if (fstat(r->n, &st) || st.st_ino != r->ino_mine)
			continue;
		it = r->progress->done;
		if (dup2(r->theirs, r->n) != r->n)
			continue;
		r->swapped++;
		/* Until the compound is done with the fd it opened there. */
		while (r->progress->done == it && !atomic_load(&r->stop))
			;
		if (fstat(r->n, &st) || st.st_ino != r->ino_theirs)
			r->lost++;	/* the compound closed our file */
		else
			close(r->n);
	}
	return NULL;
}

static int fd_race_case(const char *entry)
{
	struct fd_race_args a = { .run_ns = 4ull * 1000 * 1000 * 1000, .max_delay = 48 };
	struct cosy_segment *seg = cosy_segment_create(4096);
	struct fd_race r = {};
	struct stat st;
	void *progress;
	pthread_t t;
	int prog, map, err, rounds;

	prog = tl_prog_fd("hostile/fd_race", entry, "fd_race_progress", &map);
	TL_CHECK(prog >= 0 && seg, "load");
	progress = mmap(NULL, 4096, PROT_READ, MAP_SHARED, map, 0);
	TL_CHECK(progress != MAP_FAILED, "mmap: %s", strerror(errno));
	r.progress = progress;
	TL_EQ(tl_make_file("mine", 10, 1), 0);
	TL_EQ(tl_make_file("theirs", 10, 2), 0);
	TL_EQ(stat("mine", &st), 0);
	r.ino_mine = st.st_ino;
	r.theirs = open("theirs", O_RDONLY);
	TL_CHECK(r.theirs >= 0, "open");
	TL_EQ(fstat(r.theirs, &st), 0);
	r.ino_theirs = st.st_ino;
	r.n = fcntl(0, F_DUPFD, 0);	/* the lowest free number */
	TL_CHECK(r.n >= 0, "dup");
	close(r.n);
	memcpy(seg->mem, "mine", 5);
	a.path_off = 0;
	a.cosy.magic = COSY_CTX_MAGIC;
	a.cosy.abi_version = COSY_ABI_VERSION;
	a.cosy.seg_fd = seg->fd;
	a.cosy.budget.time_ns = 30ull * 1000 * 1000 * 1000;	/* a->run_ns decides */
	a.cosy.budget.calls = 1ull << 26;
	TL_EQ(pthread_create(&t, NULL, fd_race_thread, &r), 0);
	/*
	 * Runs of 4 s until the race happened often enough: a slower kernel
	 * (the debug one swaps ~15 times a second) gets more of them.
	 */
	for (rounds = 0, err = 0; !err && rounds < 6 && (rounds == 0 || r.swapped < 100); rounds++) {
		LIBBPF_OPTS(bpf_test_run_opts, tr, .ctx_in = &a, .ctx_size_in = sizeof(a));

		err = bpf_prog_test_run_opts(prog, &tr);
		err = err ? -errno : (int)tr.retval;
		if (!err && a.other_err)
			break;
	}
	atomic_store(&r.stop, true);
	pthread_join(t, NULL);
	/* Whatever the other thread left at n (a failed case) goes too. */
	if (!fstat(r.n, &st) && st.st_ino == r.ino_theirs)
		close(r.n);
	close(r.theirs);
	munmap(progress, 4096);
	cosy_segment__free(seg);
	printf("#   %d run(s), last: %u opens (%u closed, %u refused); the other thread swapped "
	       "%ld times, lost its file %ld times\n", rounds, a.iterations, a.closed, a.refused,
	       r.swapped, r.lost);
	TL_EQ(err, 0);
	TL_EQ(a.other_err, 0);
	TL_EQ(r.lost, 0);
	TL_CHECK(r.swapped >= 100, "the race hardly happened: the case tests little");
	return 0;
}

TL_CASE(r10_close_never_closes_another_threads_file)
{
	return fd_race_case("fd_race_close");
}

TL_CASE(r10_session_end_never_closes_another_threads_file)
{
	return fd_race_case("fd_race_reap");
}

/* ---- R12: what getdents and open report, as the syscalls do --------------- */

TL_CASE(r12_getdents_d_off_is_the_next_entrys_position)
{
	char name[32];
	int i;

	TL_EQ(mkdir("d", 0755), 0);
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "d/entry%02d", i);
		TL_EQ(tl_make_file(name, 1, i), 0);
	}
	return dents_compare("d");
}

TL_CASE(r12_open_is_reported_to_inotify)
{
	char buf[4096] __attribute__((aligned(8)));
	const struct inotify_event *ev;
	int in;
	ssize_t n;

	TL_EQ(mkdir("w", 0755), 0);
	TL_EQ(tl_make_file("w/f", 10, 1), 0);
	in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (in < 0 && errno == ENOSYS)
		TL_SKIP("no inotify in this kernel");
	TL_CHECK(in >= 0, "inotify_init1: %s", strerror(errno));
	TL_CHECK(inotify_add_watch(in, "w", IN_OPEN) >= 0, "inotify_add_watch");
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "w/f"), 0)->flags = O_RDONLY;
	step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	TL_EQ(run(), 0);
	TL_CHECK(pa.res[0] >= 0, "open: %lld", (long long)pa.res[0]);
	n = read(in, buf, sizeof(buf));
	close(in);
	TL_CHECK(n > 0, "no inotify event: %s", n < 0 ? strerror(errno) : "end of file");
	ev = (const void *)buf;
	TL_CHECK(ev->mask & IN_OPEN, "event mask %#x", ev->mask);
	TL_CHECK(ev->len && !strcmp(ev->name, "f"), "event for '%s'", ev->len ? ev->name : "");
	return 0;
}

/* ---- R4: a relative *at() path needs a directory fd ----------------------- */

/* cosy_openat() and cosy_fstatat() of "x" relative to granted `dirfd`. */
static int at_case(int dirfd)
{
	int r;

	TL_CHECK(dirfd >= 0, "open: %s", strerror(errno));
	TL_CHECK(!mkdir("at", 0755) || errno == EEXIST, "mkdir: %s", strerror(errno));
	TL_EQ(tl_make_file("at/x", 10, 1), 0);
	reset();
	step(COSY_OP_OPENAT, dirfd, path_at(0, "x"), 0)->flags = O_RDONLY;
	step(COSY_OP_FSTATAT, dirfd, path_at(64, "x"), 4096);	/* the record at 4096 */
	r = run_granted(dirfd);
	close(dirfd);
	TL_EQ(r, 0);
	TL_EQ(pa.res[0], -ENOTDIR);
	TL_EQ(pa.res[1], -ENOTDIR);
	return 0;
}

TL_CASE(r4_at_relative_to_a_fifo_is_enotdir)
{
	TL_EQ(mkfifo("fifo_at", 0644), 0);
	return at_case(open("fifo_at", O_RDWR));
}

TL_CASE(r4_at_relative_to_a_file_is_enotdir)
{
	TL_EQ(tl_make_file("file_at", 10, 1), 0);
	return at_case(open("file_at", O_RDONLY));
}

TL_CASE(r4_at_relative_to_an_o_path_file_is_enotdir)
{
	TL_EQ(tl_make_file("file_at", 10, 1), 0);
	return at_case(open("file_at", O_PATH));
}

/* ---- cases that oops a module without the fix: keep them last ------------- */

/* R4: the x bits let a lookup in the file reach its (absent) ->lookup. */
TL_CASE(r4_at_relative_to_an_executable_file_is_enotdir)
{
	TL_EQ(tl_make_file("exec_at", 10, 1), 0);
	TL_EQ(chmod("exec_at", 0755), 0);
	return at_case(open("exec_at", O_RDONLY));
}

/* R4: a symlink to a directory, opened O_PATH without following it. */
TL_CASE(r4_at_relative_to_an_o_path_symlink_is_enotdir)
{
	TL_EQ(symlink("at", "lnk"), 0);
	return at_case(open("lnk", O_PATH | O_NOFOLLOW));
}

/* R2: an empty pattern at the very end of the segment reads no byte. */
TL_CASE(r2_grep_empty_pattern_at_segment_end_reads_nothing)
{
	struct cosy_grep_req *req = (struct cosy_grep_req *)data();

	reset();
	*req = (struct cosy_grep_req){ .pat_off = DSZ, .pat_len = 0, .eof = 1 };
	memcpy(data() + 1024, "ab\ncd\n", 6);
	step(COSY_OP_GREP, 0, 1024, 6)->pos = 0;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], 0);
	TL_EQ(req->matches, 2);
	return 0;
}

/* memchr/memmem: an index from off, len when absent; nothing read outside. */
TL_CASE(r2_memchr_memmem_find_within_their_slice_only)
{
	char *d = data();

	reset();
	memset(d, 'x', 256);
	memcpy(d + 100, "needle", 6);
	d[DSZ - 1] = 'z';
	step(COSY_OP_MEMCHR, 0, 0, 256)->flags = 'n';		/* found at 100 */
	step(COSY_OP_MEMCHR, 0, 101, 100)->flags = 'n';		/* absent: 100 */
	step(COSY_OP_MEMMEM, 0, 0, 256)->pos = 100;		/* "needle" at 100 */
	pa.steps[2].mode = 6;
	step(COSY_OP_MEMMEM, 0, 101, 155)->pos = 100;		/* absent: 155 */
	pa.steps[3].mode = 6;
	step(COSY_OP_MEMMEM, 0, 7, 3)->pos = DSZ;		/* empty pattern at the end: 0 */
	step(COSY_OP_MEMMEM, 0, 0, 4)->pos = 100;		/* pattern longer: 4 */
	pa.steps[5].mode = 6;
	step(COSY_OP_MEMCHR, 0, DSZ - 1, 1)->flags = 'z';	/* the last byte: 0 */
	step(COSY_OP_MEMCHR, 0, 5, 0)->flags = 'x';		/* empty: 0 = len */
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], 100);
	TL_EQ(pa.res[1], 100);
	TL_EQ(pa.res[2], 100);
	TL_EQ(pa.res[3], 155);
	TL_EQ(pa.res[4], 0);
	TL_EQ(pa.res[5], 4);
	TL_EQ(pa.res[6], 0);
	TL_EQ(pa.res[7], 0);
	return 0;
}

/*
 * memccpy: the bytes up to and with the byte, and their count; 0 when it
 * is absent and all len were copied; nothing written past len, overlap as
 * memmove(); the byte is c as an unsigned char, whatever int c is.
 */
TL_CASE(r2_memccpy_copies_up_to_its_byte_within_its_slices)
{
	char *d = data();

	reset();
	memset(d, '#', 8192);
	memcpy(d, "abc\ndef", 8);
	memcpy(d + 3000, "xyz\n", 4);
	step(COSY_OP_MEMCCPY, 0, 1000, 8)->pos = 0;		/* "abc\n": 4 */
	pa.steps[0].flags = '\n';
	step(COSY_OP_MEMCCPY, 0, 2000, 3)->pos = 0;		/* absent: 0, "abc" */
	pa.steps[1].flags = '\n';
	step(COSY_OP_MEMCCPY, 0, 2500, 4)->pos = 0;		/* the last byte: 4 */
	pa.steps[2].flags = '\n';
	step(COSY_OP_MEMCCPY, 0, 4000, 0)->pos = 0;		/* empty: 0 */
	pa.steps[3].flags = 'a';
	step(COSY_OP_MEMCCPY, 0, 3001, 4)->pos = 3000;	/* overlapping: 4 */
	pa.steps[4].flags = '\n';
	/* c as memccpy(3) takes it, converted to unsigned char: '\n' */
	step(COSY_OP_MEMCCPY, 0, 5000, 8)->pos = 0;		/* "abc\n": 4 */
	pa.steps[5].flags = '\n' + 256;
	step(COSY_OP_MEMCCPY, 0, 5500, 8)->pos = 0;		/* "abc\n": 4 */
	pa.steps[6].flags = '\n' - 256;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], 4);
	TL_CHECK(!memcmp(d + 1000, "abc\n#", 5), "found: %.5s", d + 1000);
	TL_EQ(pa.res[1], 0);
	TL_CHECK(!memcmp(d + 2000, "abc#", 4), "absent: %.4s", d + 2000);
	TL_EQ(pa.res[2], 4);
	TL_CHECK(!memcmp(d + 2500, "abc\n#", 5), "last byte: %.5s", d + 2500);
	TL_EQ(pa.res[3], 0);
	TL_EQ(d[4000], '#');
	TL_EQ(pa.res[4], 4);
	TL_CHECK(!memcmp(d + 3000, "xxyz\n#", 6), "overlap: %.6s", d + 3000);
	TL_EQ(pa.res[5], 4);
	TL_CHECK(!memcmp(d + 5000, "abc\n#", 5), "c = '\\n' + 256: %.5s", d + 5000);
	TL_EQ(pa.res[6], 4);
	TL_CHECK(!memcmp(d + 5500, "abc\n#", 5), "c = '\\n' - 256: %.5s", d + 5500);
	return 0;
}

/*
 * Patterns of 1 to 300 bytes (64 was once the limit of a copy to the
 * stack), ending at the segment's last byte, each with a decoy that
 * differs only in its last byte before the real one: the answer is
 * memmem(3)'s.
 */
TL_CASE(r2_memmem_patterns_short_and_long_match_memmem)
{
	static const __u32 lens[] = { 1, 2, 63, 64, 65, 300 };
	const __u32 hay = 4096;
	char *d = data();
	unsigned i;

	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		__u32 m = lens[i], pat_off = DSZ - m;
		char *pat = d + pat_off;
		void *want;

		reset();
		memset(d, '.', hay);
		for (__u32 k = 0; k < m; k++)
			pat[k] = (char)('A' + (k * 7 + i) % 26);
		memcpy(d + 500, pat, m);
		d[500 + m - 1] ^= 0x20;			/* the decoy */
		memcpy(d + 2000, pat, m);
		want = memmem(d, hay, pat, m);
		TL_CHECK(want == d + 2000, "len %u: memmem(3) itself finds %td", m,
			 want ? (char *)want - d : -1);
		step(COSY_OP_MEMMEM, 0, 0, hay)->pos = pat_off;
		pa.steps[0].mode = m;
		TL_EQ(run(), 0);
		TL_CHECK(pa.res[0] == 2000, "len %u: cosy_memmem %lld, memmem(3) 2000", m,
			 (long long)pa.res[0]);
	}
	return 0;
}

/*
 * A text of three letters, where every first byte is common: cosy_memmem
 * scans for pairs of the pattern's bytes (cosy_find()) and moves from pair
 * to pair.  The text ends at the segment's end, so a pair read one byte
 * too far leaves the map (KASAN on the debug kernel); the result must be
 * memmem(3)'s, found or not.
 */
TL_CASE(r2_memmem_with_a_common_first_byte_matches_memmem)
{
	static const __u32 lens[] = { 2, 3, 5, 9, 40 };
	const __u32 hay = 4096, off = DSZ - hay;
	char *d = data(), *t = d + off;
	__u64 seed = 5;
	unsigned i;

	for (i = 0; i < 2 * sizeof(lens) / sizeof(lens[0]); i++) {
		__u32 m = lens[i / 2], at = i % 2 ? hay - m : hay / 2 + i;
		char *pat = d, *want;

		reset();
		for (__u32 k = 0; k < hay; k++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			t[k] = (char)('a' + (seed >> 33) % 3);
		}
		memcpy(pat, t + at, m);
		/* odd rounds: one byte no text has, so the pattern is absent */
		if (i % 2)
			pat[m - 1] = 'z';
		want = memmem(t, hay, pat, m);
		step(COSY_OP_MEMMEM, 0, off, hay)->pos = 0;
		pa.steps[0].mode = m;
		TL_EQ(run(), 0);
		TL_CHECK(pa.res[0] == (want ? want - t : (long long)hay),
			 "len %u: cosy_memmem %lld, memmem(3) %td", m, (long long)pa.res[0],
			 want ? want - t : -1);
	}
	return 0;
}

TL_CASE(r2_memchr_memmem_memccpy_outside_the_segment_are_efault)
{
	static const struct {
		__u32 op, off, len, pat_off, pat_len;
	} bad[] = {
		{ COSY_OP_MEMCHR, DSZ, 1, 0, 0 },
		{ COSY_OP_MEMCHR, DSZ - 1, 2, 0, 0 },
		{ COSY_OP_MEMCHR, 0xffffffffu, 2, 0, 0 },	/* off + len wraps */
		{ COSY_OP_MEMCHR, 1, 0xffffffffu, 0, 0 },
		{ COSY_OP_MEMMEM, 0, 16, DSZ - 1, 2 },		/* the pattern */
		{ COSY_OP_MEMMEM, 0, 16, 0xfffffff0u, 0x20 },	/* pat_off + pat_len wraps */
		{ COSY_OP_MEMMEM, DSZ - 8, 16, 0, 1 },		/* the haystack */
		{ COSY_OP_MEMMEM, 0, 16, DSZ + 1, 0 },		/* even empty, past the end */
		{ COSY_OP_MEMCCPY, DSZ - 2, 4, 0, 0 },		/* memccpy's destination */
		{ COSY_OP_MEMCCPY, 0, 4, DSZ - 2, 0 },		/* its source */
		{ COSY_OP_MEMCCPY, 0, 0x20, 0xfffffff0u, 0 },	/* src + len wraps */
		{ COSY_OP_MEMCCPY, 0xfffffff0u, 0x20, 0, 0 },	/* dst + len wraps */
		{ COSY_OP_MEMCCPY, DSZ + 1, 0, 0, 0 },		/* even empty, past the end */
	};
	unsigned i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		reset();
		step(bad[i].op, 0, bad[i].off, bad[i].len)->flags = 'a';
		pa.steps[0].pos = bad[i].pat_off;
		pa.steps[0].mode = bad[i].pat_len;
		TL_EQ(run(), 0);
		TL_CHECK(pa.res[0] == -EFAULT, "case %u: %lld, expected -EFAULT", i,
			 (long long)pa.res[0]);
	}
	return 0;
}

struct flipper {
	volatile char *seg;
	atomic_int stop;
};

/* Rewrite the haystack and the pattern under the search, byte by byte. */
static void *flip_thread(void *arg)
{
	struct flipper *f = arg;
	unsigned i = 0;

	while (!atomic_load(&f->stop)) {
		f->seg[i % (DSZ / 2)] ^= 0x21;
		i += 7;
	}
	return NULL;
}

/*
 * Another thread of the caller rewrites the segment (haystack and
 * pattern) while memchr and memmem run, thousands of times: every answer
 * stays an index inside the slice (or len), nothing is read outside it
 * (KASAN on the debug kernel), and the run ends at its budget.
 */
TL_CASE(r2_memchr_memmem_memccpy_under_a_rewriting_thread_stay_in_their_slice)
{
	static const int ops[] = { COSY_OP_MEMCHR, COSY_OP_MEMMEM, COSY_OP_MEMCCPY };
	static const char *const names[] = { "memchr", "memmem", "memccpy" };
	struct flipper f = { .seg = (volatile char *)data() };
	pthread_t t;
	unsigned i;
	int op, r;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		op = ops[i];
		reset();
		memset(data(), 'a', DSZ);
		ro.budget_time_ns = 200 * 1000 * 1000;
		ro.budget_calls = COSY_MAX_LOOPS;
		/* memccpy: from the rewritten half (4096 on) to the other one */
		step(op, 0, op == COSY_OP_MEMCCPY ? DSZ / 2 : 4096, DSZ / 2 - 4096)->flags = 'b';
		pa.steps[0].pos = op == COSY_OP_MEMCCPY ? 4096 : 0;	/* memmem's pattern at 0 */
		pa.steps[0].mode = 64;
		pa.repeat = COSY_MAX_LOOPS;
		pa.until_error = 1;
		atomic_store(&f.stop, 0);
		TL_EQ(pthread_create(&t, NULL, flip_thread, &f), 0);
		r = run();
		atomic_store(&f.stop, 1);
		pthread_join(t, NULL);
		TL_EQ(r, 0);
		TL_CHECK(pa.ncalls > 1, "%s ran once", names[i]);
		TL_CHECK(pa.last == -ETIME || (pa.last >= 0 && pa.last <= DSZ / 2 - 4096),
			 "%s: last result %lld", names[i], (long long)pa.last);
	}
	return 0;
}

/*
 * R6: a naive search costs the pattern's length at every position that
 * almost matches: "aaa...ab" in "aaa...a" is half a billion byte compares
 * in 64 KiB.  One call must still end at the time budget, not seconds later.
 */
TL_CASE(r6_memmem_with_a_long_pattern_stops_at_the_time_budget)
{
	const __u32 m = DSZ / 4;
	char *d = data();
	double t0, dt;

	reset();
	memset(d, 'a', DSZ);
	d[m - 1] = 'b';
	ro.budget_time_ns = 20 * 1000 * 1000;
	step(COSY_OP_MEMMEM, 0, m, DSZ - m)->pos = 0;
	pa.steps[0].mode = m;
	t0 = now_s();
	TL_EQ(run(), 0);
	dt = now_s() - t0;
	printf("#   the search ended after %.3f s: %lld\n", dt, (long long)pa.res[0]);
	TL_EQ(pa.res[0], -ETIME);
	TL_EQ(ro.stop_reason, COSY_STOP_TIME);
	TL_CHECK(dt < 5, "a 20 ms budget took %.1f s", dt);
	return 0;
}

/* The module copies a shorter path to its stack (COSY_PATH_STACK, cosy_internal.h). */
#define PATH_STACK 128

/* Move a path's end back and forth across the stack copy's limit. */
static void *path_flip_thread(void *arg)
{
	struct flipper *f = arg;
	unsigned i = 0;

	while (!atomic_load(&f->stop)) {
		/* the NUL at 127 (on the stack), 128 or 129 (kmalloc'ed) */
		f->seg[PATH_STACK - 1] = i & 1 ? 'n' : 0;
		f->seg[PATH_STACK] = i & 2 ? 'n' : 0;
		/* and a slash mid-way: a directory that does not exist either */
		f->seg[PATH_STACK / 2] = i & 4 ? '/' : 'n';
		i++;
	}
	return NULL;
}

/*
 * R2: another thread of the caller rewrites a path while the module copies
 * it, moving its end across COSY_PATH_STACK (where the copy goes from the
 * kfunc's stack to kmalloc) and a slash in and out of it.  No name it can
 * read exists, so every open, fstatat and unlink must say -ENOENT: never a
 * name longer than the segment holds, nor a read past the copy (KASAN on
 * the debug kernel).
 */
TL_CASE(r2_a_path_rewritten_across_the_stack_copy_limit_is_read_once)
{
	struct flipper f = { .seg = (volatile char *)data() };
	long runs = 0, bad = 0;
	double t0 = now_s();
	pthread_t t;
	int k;

	reset();
	memset(data(), 'n', PATH_STACK + 1);
	data()[PATH_STACK + 1] = 0;
	for (k = 0; k < PROBE_MAX_STEPS; k++)
		switch (k % 3) {
		case 0:
			step(COSY_OP_OPEN, 0, 0, 0)->flags = O_RDONLY;
			break;
		case 1:	/* the record at 4096 */
			step(COSY_OP_FSTATAT, COSY_AT_FDCWD, 0, 4096);
			break;
		default:
			step(COSY_OP_UNLINK, COSY_AT_FDCWD, 0, 0);
			break;
		}
	atomic_store(&f.stop, 0);
	TL_EQ(pthread_create(&t, NULL, path_flip_thread, &f), 0);
	while (now_s() - t0 < 2 && !bad) {
		TL_EQ(run(), 0);
		runs++;
		for (k = 0; k < PROBE_MAX_STEPS; k++)
			if (pa.res[k] != -ENOENT && bad++ < 5)
				printf("#   run %ld, step %d (op %u): %lld, expected -ENOENT\n", runs,
				       k, pa.steps[k].op, (long long)pa.res[k]);
	}
	atomic_store(&f.stop, 1);
	pthread_join(t, NULL);
	printf("#   %ld runs of %d path calls each\n", runs, PROBE_MAX_STEPS);
	TL_CHECK(runs > 10, "only %ld runs", runs);
	TL_EQ(bad, 0);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
