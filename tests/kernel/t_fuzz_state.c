// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A stateful fuzzer for the guard.  t_fuzz varies kfunc arguments inside a
 * well-formed session; this one varies the state around the session, where
 * issue 9's crashes came from.  Each iteration picks, from a generator
 * seeded by (seed, iteration), so that one iteration replays alone:
 *
 *  - the segment: libcosy's, a fresh or a small one, or a map the guard
 *    must refuse (read-only fd, RDONLY_PROG / WRONLY_PROG / RDONLY /
 *    INNER_MAP flags, frozen, a loaded program's .rodata, not mmappable,
 *    hash, ringbuf, per-CPU, bpf_spin_lock or bpf_timer in the value, two
 *    entries, a closed fd, a file);
 *  - the fds it grants: regular files (one executable), directories,
 *    O_PATH fds of a file, a symlink and a directory, FIFO, pipe and
 *    socketpair ends, /dev/null, /dev/zero, both sides of a pty,
 *    /proc/self/status, a sysfs file, an fd closed just before;
 *  - up to 8 probe steps, any op, sane and hostile arguments;
 *  - what other threads of the process do meanwhile: close, dup2 over,
 *    lseek, read, getdents, fcntl(F_SETFL) on the granted fds, munmap or
 *    mremap of the segment, BPF_MAP_FREEZE of it, closing the session's
 *    fds and reopening their numbers, signals, feeding the peers, and a
 *    read stalled on userfaultfd that holds a file's f_pos_lock;
 *  - or, instead of the probe, sessions begun in a loop (one budget per
 *    run) or kfuncs called from a bpf_timer callback (softirq), from
 *    bpf/hostile/fuzz_state.bpf.c.
 *
 * Each iteration runs in a forked child, so that a run stuck in the kernel
 * is a finding and not a stuck test: past COSY_FUZZ_HANG_MS the parent
 * reports a hang and SIGKILLs it (a run's own time budget is 200 ms).
 *
 * The oracle, with the rules of issue 9 (R1..R12): every result is >= 0
 * and sane, or an errno of the op's set below; the outcomes the rules fix
 * exactly (R1 refusals, R2 grep at the segment end, R3 waiting for
 * f_pos_lock, R4 ENOTDIR, R5 no session in a callback, R7 one budget per
 * run, R8 /dev/null works and fds stay blocking, R12 d_off); no
 * kernel-internal errno (ERESTARTSYS and co); no hang; no fd leaked or
 * closed behind the caller's back.  The harness checks dmesg after the
 * test; an oops panics the guest (that is the finding).
 *
 * A state is (segment kind, kind of the step's fd, op, result errno,
 * concurrent actions).  The case prints iterations, kfunc calls
 * (stats.calls summed), distinct states and findings, and fails on any.
 *
 * Environment:
 *   COSY_FUZZ_SEED=N       the generator's seed (default 1)
 *   COSY_FUZZ_SECONDS=S    time budget (default 40)
 *   COSY_FUZZ_ITERS=N      exactly N iterations instead
 *   COSY_FUZZ_ONLY=I       iteration I alone (replay a finding)
 *   COSY_FUZZ_TRACE=1      print each plan before running it
 *   COSY_FUZZ_EXCLUDE='a b' never pick these segment kinds, fd kinds, ops,
 *                          actions or iteration kinds (names as printed),
 *                          to get past a known crash
 *   COSY_FUZZ_HANG_MS=MS   a run that takes longer is a hang (default 2500)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "testlib.h"
#include "probe.h"
#include "fuzz_state.h"
#include "libcosy_internal.h"	/* struct cosy_segment: the real segment's fd and mapping */

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))
#define FZ_SEG_BIG	(64u * 1024)
#define FZ_BUDGET_NS	(200ull * 1000 * 1000)
#define FZ_BUDGET_BYTES	(4ull << 20)	/* random writes must not fill the guest's RAM */
#define FZ_FILE_SIZE	10000
#define FZ_BIGDIR_N	200
#define FZ_SYSFS	"/sys/kernel/uevent_seqnum"

/* ---- names: segment kinds, fd kinds, actions, iteration kinds ---------- */

#define SEG_KINDS(X) X(real) X(fresh) X(small) X(odd) X(rdonly_fd) X(rdonly_pin) \
	X(wronly_fd) X(rdonly_prog) X(wronly_prog) X(map_rdonly) X(inner_map) X(frozen) \
	X(rodata) X(nommap) X(hash) X(ringbuf) X(percpu) X(spinlock) X(timer) \
	X(two_entries) X(closed_seg) X(notmap)
#define FD_KINDS(X) X(reg) X(reg_x) X(dir) X(bigdir) X(opath_file) X(opath_link) \
	X(opath_dir) X(fifo_r) X(fifo_w) X(fifo_rw) X(pipe_r) X(pipe_w) X(sock_a) X(sock_b) \
	X(devnull) X(devzero) X(pty_master) X(pty_slave) X(proc) X(sysfs) X(closed)
#define ACT_KINDS(X) X(close) X(dup2) X(lseek) X(read) X(getdents) X(setfl) X(munmap) \
	X(mremap) X(freeze) X(steal) X(reuse) X(signal) X(feed) X(trunc) X(uffd)
#define ITER_KINDS(X) X(probe) X(loop) X(timercb)

#define FZ_ENUM_SEG(x) SEG_##x,
#define FZ_ENUM_FD(x) FD_##x,
#define FZ_ENUM_ACT(x) ACT_##x,
#define FZ_ENUM_IT(x) IT_##x,
#define FZ_NAME(x) #x,
enum { SEG_KINDS(FZ_ENUM_SEG) SEG__N };
enum { FD_KINDS(FZ_ENUM_FD) FD__N };
enum { ACT_KINDS(FZ_ENUM_ACT) ACT__N };
enum { ITER_KINDS(FZ_ENUM_IT) IT__N };
static const char *const seg_names[] = { SEG_KINDS(FZ_NAME) };
static const char *const fd_names[] = { FD_KINDS(FZ_NAME) };
static const char *const act_names[] = { ACT_KINDS(FZ_NAME) };
static const char *const it_names[] = { ITER_KINDS(FZ_NAME) };

/* Ops the probe knows, by enum cosy_op; others it answers -EINVAL. */
static const char *const op_names[] = {
	[COSY_OP_OPEN] = "open", [COSY_OP_CLOSE] = "close", [COSY_OP_READ] = "read",
	[COSY_OP_WRITE] = "write", [COSY_OP_PREAD] = "pread", [COSY_OP_PWRITE] = "pwrite",
	[COSY_OP_LSEEK] = "lseek", [COSY_OP_KEEP] = "keep", [COSY_OP_CHECK] = "check",
	[COSY_OP_DATA] = "data", [COSY_OP_OPENAT] = "openat", [COSY_OP_FSTAT] = "fstat",
	[COSY_OP_FSTATAT] = "fstatat", [COSY_OP_GETDENTS] = "getdents", [COSY_OP_COPY] = "copy",
	[COSY_OP_GREP] = "grep", [COSY_OP_MEMCPY] = "memcpy",
};
#define OP_UNKNOWN 99	/* the probe answers -EINVAL without a kfunc call */

static const char *op_name(__u32 op)
{
	return op < ARRAY_LEN(op_names) && op_names[op] ? op_names[op] : "unknown";
}

/* Is the fd kind a directory (a valid dirfd for a relative path)? */
static bool fd_is_dir(int k)
{
	return k == FD_dir || k == FD_bigdir || k == FD_opath_dir;
}

/* ---- the generator ------------------------------------------------------ */

struct rng {
	__u64 s;
};

static __u64 rnext(struct rng *r)	/* splitmix64 */
{
	__u64 z = (r->s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static __u32 rn(struct rng *r, __u32 n)
{
	return n ? rnext(r) % n : 0;
}

static bool rp(struct rng *r, unsigned pct)
{
	return rn(r, 100) < pct;
}

/* COSY_FUZZ_EXCLUDE: names never picked. */
static char fz_exclude[512];

static bool excluded(const char *name)
{
	const char *p = fz_exclude;
	size_t n = strlen(name);

	while ((p = strstr(p, name))) {
		if ((p == fz_exclude || p[-1] == ' ' || p[-1] == ',') &&
		    (p[n] == 0 || p[n] == ' ' || p[n] == ','))
			return true;
		p += n;
	}
	return false;
}

/* Pick one of names[0..n) that is not excluded (-1 if all are). */
static int pick_name(struct rng *r, const char *const *names, int n)
{
	int i, k = rn(r, n);

	for (i = 0; i < n; i++, k = (k + 1) % n)
		if (!excluded(names[k]))
			return k;
	return -1;
}

/* ---- the plan of one iteration ------------------------------------------ */

enum { REF_GRANT, REF_LAST, REF_LIT, REF_NEXT };	/* how a step names an fd */

struct fz_step {
	__u32 op;
	__u8 ref, ref2;		/* the fd; cosy_copy's out fd */
	__s32 lit, lit2;	/* grant index, literal fd, or offset from the next free fd */
	__u32 off, len;
	__s64 pos;
	__s32 flags, mode;
};

struct fz_act {
	__u8 kind;
	__u8 target;		/* grant index */
	__u8 repeat;		/* until the run ends, not once */
	__u32 delay_us;		/* after the run starts */
	__u32 arg;
};

struct fz_req {
	__u32 pat_off, pat_len, eof;
};

/* Where things live in a segment of `size` bytes. */
struct fz_layout {
	__u32 size, slot, nslot, req0, pat0, stat0, data0;
	bool tiny;		/* too small for a layout: offsets only */
};

#define FZ_NSLOT	12
#define FZ_NREQ		4
#define FZ_STAT_SZ	((__u32)sizeof(struct cosy_stat))

struct fz_plan {
	__u64 iter;
	__u8 type;		/* IT_* */
	__u8 seg;		/* SEG_* */
	bool seg_mmap;		/* fresh: mmapped in the child (then freeze is EBUSY) */
	__u8 ngrant;
	__u8 grant[COSY_MAX_GRANT];
	bool peer_closed;	/* ends not granted are closed: EOF / EPIPE / EIO */
	struct fz_step steps[PROBE_MAX_STEPS];
	__u32 nsteps, repeat;
	__u8 nact;
	struct fz_act act[2];
	__u64 budget_calls;
	/* segment contents */
	__u8 slot_path[FZ_NSLOT];
	bool long_path, tail_path;
	struct fz_req req[FZ_NREQ];
	__u8 pat[FZ_NREQ];
	bool poison;		/* timer / spinlock / rodata: overwrite what the value holds */
	/* loop and timer iterations */
	__u32 nsess, per, nested;
	__u32 timer_delay_us;
	bool timer_spin;	/* busy in user space while the timer fires (current is us) */
	struct fz_layout L;
};

static __u32 act_mask(const struct fz_plan *p)
{
	__u32 m = 0;
	int i;

	for (i = 0; i < p->nact; i++)
		m |= 1u << p->act[i].kind;
	return m;
}

static bool has_act(const struct fz_plan *p, int kind)
{
	return act_mask(p) & (1u << kind);
}

static const char *const fz_paths[] = {
	"f", "x", "d", "d/a", "d/sub", "big", "l", "ld", "labs", "lloop", "fifo",
	"/dev/null", "/dev/zero", "/proc/self/status", FZ_SYSFS, "nonexistent", "..", ".",
	"/", "", "new", "a", "sub", "../f", "sub/..", "e007",
};
#define FZ_PATH_NEW	20	/* "new": the only name O_CREAT may create */

static const char *const fz_pats[] = { "a", "ab", "\n", "e0", "", "xyz", "A", "0" };

static __u32 seg_size_of(int kind)
{
	switch (kind) {
	case SEG_small:
	case SEG_hash:
	case SEG_percpu:
		return 4096;
	case SEG_odd:
		return 1000;
	case SEG_rodata:
		return 8;	/* fuzz_state.bpf.o's .rodata: two __u32 */
	case SEG_ringbuf:
		return 0;
	default:
		return FZ_SEG_BIG;
	}
}

static void layout(struct fz_layout *L, __u32 size)
{
	memset(L, 0, sizeof(*L));
	L->size = size;
	if (size < 1000) {
		L->tiny = true;
		return;
	}
	L->slot = size >= 16384 ? 128 : 32;
	L->nslot = FZ_NSLOT;
	L->req0 = L->slot * L->nslot;
	L->pat0 = L->req0 + FZ_NREQ * 32;
	L->stat0 = L->pat0 + FZ_NREQ * 16;
	L->data0 = (L->stat0 + 4 * FZ_STAT_SZ + 63) & ~63u;
}

static __u32 edge_off(struct rng *r, const struct fz_layout *L)
{
	const __u32 s = L->size;
	const __u32 e[] = { 0, 1, 7, 8, L->data0, s / 2, s - 64, s - 16, s - 8, s - 1, s, s + 1,
			    s + 4096, 0x7fffffff, 0x80000000u, 0xfffffff0u, 0xffffffffu };

	return e[rn(r, ARRAY_LEN(e))];
}

static __u32 edge_len(struct rng *r, const struct fz_layout *L)
{
	const __u32 s = L->size;
	const __u32 e[] = { 0, 1, 8, 63, 64, 512, 4096, 16384, s - L->data0, s - 1, s, s + 1,
			    0x7fffffff, 0xffffffffu, 1u << 20 };

	return e[rn(r, ARRAY_LEN(e))];
}

/* A sane (offset, length) inside the data area, 8-aligned. */
static void sane_range(struct rng *r, const struct fz_layout *L, __u32 *off, __u32 *len,
		       __u32 maxlen)
{
	__u32 room = L->size - L->data0;

	if (L->tiny) {
		*off = 0;
		*len = rn(r, L->size + 1);
		return;
	}
	*off = L->data0 + (rn(r, room) & ~7u);
	*len = rn(r, L->size - *off + 1);
	if (*len > maxlen)
		*len = maxlen;
	if (rp(r, 20))		/* right up to the end */
		*off = L->size - *len;
}

/* Which fd a step uses: a grant mostly, sometimes the latest open or junk. */
static void pick_fd(struct rng *r, const struct fz_plan *p, __u8 *ref, __s32 *lit, int dirs_pct)
{
	static const __s32 lits[] = { -1, 0, 1, 2, 3, 100, 1023, 0x7fffffff, -100 };
	__u32 x = rn(r, 100);
	int i;

	if (p->ngrant && x < 65) {
		*ref = REF_GRANT;
		*lit = rn(r, p->ngrant);
		if (rp(r, dirs_pct))	/* prefer a directory (or what poses as one) */
			for (i = 0; i < p->ngrant; i++)
				if (fd_is_dir(p->grant[(*lit + i) % p->ngrant])) {
					*lit = (*lit + i) % p->ngrant;
					break;
				}
	} else if (x < 80) {
		*ref = REF_LAST;
	} else if (x < 90) {
		*ref = REF_NEXT;	/* the number the session's next open gets */
		*lit = rn(r, 3);
	} else {
		*ref = REF_LIT;
		*lit = lits[rn(r, ARRAY_LEN(lits))];
	}
}

/* An *at() call's dirfd: as pick_fd(), and sometimes AT_FDCWD. */
static void pick_dirfd(struct rng *r, const struct fz_plan *p, struct fz_step *st, int dirs_pct)
{
	pick_fd(r, p, &st->ref, &st->lit, dirs_pct);
	if (rp(r, 12)) {
		st->ref = REF_LIT;
		st->lit = COSY_AT_FDCWD;
	}
}

static __u32 path_slot_off(struct rng *r, const struct fz_plan *p, int *slot)
{
	const struct fz_layout *L = &p->L;
	__u32 x = rn(r, 100);

	*slot = -1;
	if (L->tiny)
		return edge_off(r, L);
	if (x < 80) {
		*slot = rn(r, L->nslot);
		return *slot * L->slot;
	}
	if (x < 86 && p->long_path)
		return L->data0;		/* PATH_MAX and more, terminated */
	if (x < 92 && p->tail_path)
		return L->size - 64;		/* runs off the end, unterminated */
	return edge_off(r, L);
}

static __s32 open_flags(struct rng *r, int slot, const struct fz_plan *p)
{
	static const struct {
		unsigned pct;
		__s32 flag;
	} some[] = { { 20, O_NONBLOCK }, { 10, O_DIRECTORY }, { 10, O_NOFOLLOW }, { 8, O_PATH },
		     { 8, O_APPEND }, { 10, O_CLOEXEC }, { 30, COSY_O_PRIVATE } };
	__s32 f = rn(r, 3);	/* O_RDONLY, O_WRONLY, O_RDWR */
	unsigned i;

	for (i = 0; i < ARRAY_LEN(some); i++)
		if (rp(r, some[i].pct))
			f |= some[i].flag;
	if (slot >= 0 && p->slot_path[slot] == FZ_PATH_NEW && rp(r, 60))
		f |= O_CREAT | (rp(r, 30) ? O_EXCL : 0);
	if (slot >= 0 && p->slot_path[slot] == FZ_PATH_NEW && rp(r, 20))
		f |= O_TRUNC;
	if (rp(r, 3))
		f |= O_DIRECT;
	if (rp(r, 3))
		f = O_TMPFILE | O_RDWR;
	if (rp(r, 3))		/* junk, but nothing that creates or truncates */
		f = (__s32)rnext(r) & ~(O_CREAT | O_TRUNC | O_TMPFILE);
	return f;
}

static void gen_step(struct rng *r, struct fz_plan *p, struct fz_step *st, int op)
{
	const struct fz_layout *L = &p->L;
	bool sane = rp(r, 65);
	int slot;

	memset(st, 0, sizeof(*st));
	st->op = op;
	pick_fd(r, p, &st->ref, &st->lit, 0);
	switch (op) {
	case COSY_OP_OPEN:
		st->off = path_slot_off(r, p, &slot);
		st->flags = open_flags(r, slot, p);
		st->mode = rp(r, 80) ? 0644 : (__s32)rnext(r);
		break;
	case COSY_OP_OPENAT:
		pick_dirfd(r, p, st, 60);
		st->off = path_slot_off(r, p, &slot);
		st->flags = open_flags(r, slot, p);
		st->mode = 0600;
		break;
	case COSY_OP_FSTATAT:
		pick_dirfd(r, p, st, 50);
		st->off = path_slot_off(r, p, &slot);
		st->len = sane && !L->tiny ? L->stat0 + rn(r, 4) * FZ_STAT_SZ
			: (rp(r, 50) ? L->size - FZ_STAT_SZ + rn(r, 2) * 4 : edge_off(r, L));
		st->flags = rp(r, 50) ? 0 : rp(r, 60) ? COSY_AT_SYMLINK_NOFOLLOW
						      : (rp(r, 50) ? 0x1000 : (__s32)rnext(r));
		break;
	case COSY_OP_FSTAT:
		st->off = sane && !L->tiny ? L->stat0 + rn(r, 4) * FZ_STAT_SZ : edge_off(r, L);
		break;
	case COSY_OP_READ:
	case COSY_OP_WRITE:
	case COSY_OP_PREAD:
	case COSY_OP_PWRITE:
		if (sane)
			sane_range(r, L, &st->off, &st->len, rp(r, 50) ? 4096 : 65536);
		else {
			st->off = edge_off(r, L);
			st->len = edge_len(r, L);
		}
		{
			const __s64 pos[] = { 0, 1, 4095, FZ_FILE_SIZE, 1ll << 40, -1, INT64_MAX };

			st->pos = rp(r, 70) ? pos[rn(r, ARRAY_LEN(pos))] : (__s64)rnext(r);
		}
		break;
	case COSY_OP_LSEEK: {
		const __s64 pos[] = { 0, 1, -1, FZ_FILE_SIZE, 1ll << 40, INT64_MIN, INT64_MAX, 2, 100 };

		st->pos = pos[rn(r, ARRAY_LEN(pos))];
		st->flags = rp(r, 85) ? (__s32)rn(r, 5) : (rp(r, 50) ? 99 : -1);
		break;
	}
	case COSY_OP_GETDENTS:
		pick_fd(r, p, &st->ref, &st->lit, 60);
		if (sane) {
			const __u32 lens[] = { 24, 64, 512, 4096, 32768 };

			sane_range(r, L, &st->off, &st->len, lens[rn(r, ARRAY_LEN(lens))]);
			st->off &= ~7u;
		} else {
			st->off = rp(r, 50) ? L->data0 + 1 + rn(r, 7) : edge_off(r, L);
			st->len = edge_len(r, L);
		}
		break;
	case COSY_OP_COPY: {
		const __u32 lens[] = { 0, 1, 4096, 65536, COSY_COPY_MAX + 1, 0xffffffffu };

		pick_fd(r, p, &st->ref2, &st->lit2, 0);
		st->len = lens[rn(r, ARRAY_LEN(lens))];
		break;
	}
	case COSY_OP_GREP:
		if (sane)
			sane_range(r, L, &st->off, &st->len, 65536);
		else {
			st->off = edge_off(r, L);
			st->len = edge_len(r, L);
		}
		if (!L->tiny && rp(r, 75))
			st->pos = L->req0 + 32 * rn(r, FZ_NREQ);
		else {
			const __u32 e[] = { L->req0 + 4, L->size - 32, L->size - 24, L->size,
					    0xfffffff8u };

			st->pos = e[rn(r, ARRAY_LEN(e))];
		}
		break;
	case COSY_OP_MEMCPY:
		if (sane) {
			sane_range(r, L, &st->off, &st->len, 32768);
			st->pos = L->data0 + rn(r, L->size - L->data0 - st->len + 1);
		} else {
			st->off = rp(r, 50) ? L->size - st->len : edge_off(r, L);
			st->len = edge_len(r, L);
			st->pos = edge_off(r, L);
			if (rp(r, 30))
				st->off = L->size - st->len;
		}
		break;
	case COSY_OP_DATA:
		st->off = rp(r, 40) ? L->size - 16 + rn(r, 2) : edge_off(r, L);
		break;
	case COSY_OP_CLOSE:
	case COSY_OP_KEEP:
		if (rp(r, 60))
			st->ref = REF_LAST;
		break;
	default:
		break;
	}
}

static const int fz_ops[] = {
	COSY_OP_OPEN, COSY_OP_OPENAT, COSY_OP_CLOSE, COSY_OP_KEEP, COSY_OP_READ, COSY_OP_WRITE,
	COSY_OP_PREAD, COSY_OP_PWRITE, COSY_OP_LSEEK, COSY_OP_FSTAT, COSY_OP_FSTATAT,
	COSY_OP_GETDENTS, COSY_OP_COPY, COSY_OP_GREP, COSY_OP_MEMCPY, COSY_OP_DATA,
	COSY_OP_CHECK, COSY_OP_READ, COSY_OP_FSTATAT, COSY_OP_OPENAT, COSY_OP_GETDENTS,
	COSY_OP_GREP, OP_UNKNOWN,
};

static int pick_op(struct rng *r)
{
	int i, k = rn(r, ARRAY_LEN(fz_ops));

	for (i = 0; i < (int)ARRAY_LEN(fz_ops); i++, k = (k + 1) % ARRAY_LEN(fz_ops))
		if (!excluded(op_name(fz_ops[k])))
			return fz_ops[k];
	return COSY_OP_CHECK;
}

/* A grant of one of `kinds` (added if there is room); its index, or -1. */
static int want_grant(struct rng *r, struct fz_plan *p, const __u8 *kinds, int n)
{
	int i, k;

	for (i = 0; i < p->ngrant; i++)
		for (k = 0; k < n; k++)
			if (p->grant[i] == kinds[k])
				return i;
	if (p->ngrant == COSY_MAX_GRANT)
		return -1;
	k = kinds[rn(r, n)];
	if (excluded(fd_names[k]))
		return -1;
	p->grant[p->ngrant] = k;
	return p->ngrant++;
}

/* Put a path in some slot; its offset. */
static __u32 want_path(struct rng *r, struct fz_plan *p, const char *const *paths, int n)
{
	const char *want = paths[rn(r, n)];
	int k = rn(r, FZ_NSLOT);
	unsigned i;

	for (i = 0; i < ARRAY_LEN(fz_paths); i++)
		if (!strcmp(fz_paths[i], want))
			p->slot_path[k] = i;
	return k * p->L.slot;
}

/*
 * Step i becomes one of the shapes whose outcome a rule fixes: an open
 * kept (R8: blocking), grep with an empty pattern at the segment end (R2),
 * getdents of a fresh directory (R12), *at() from a non-directory (R4),
 * I/O on /dev/null or /dev/zero (R8).  Random steps find these too, rarely.
 */
static void idiom(struct rng *r, struct fz_plan *p, int i)
{
	static const char *const open_paths[] = { "fifo", "f", "d", "/dev/null", "x", "l" };
	static const char *const rel_paths[] = { "a", "f", ".", "..", "sub", "e007", "lloop" };
	static const __u8 dirs[] = { FD_dir, FD_bigdir };
	static const __u8 nondirs[] = { FD_reg, FD_reg_x, FD_opath_file, FD_opath_link,
					FD_fifo_r, FD_pipe_r, FD_sock_a, FD_devnull, FD_proc,
					FD_pty_slave };
	static const __u8 devs[] = { FD_devnull, FD_devzero };
	const struct fz_layout *L = &p->L;
	struct fz_step *st = &p->steps[i];
	int g, j, which = rn(r, 5);
	const int ops[] = { COSY_OP_OPEN, COSY_OP_GREP, COSY_OP_GETDENTS, COSY_OP_FSTATAT,
			    COSY_OP_READ };

	if (L->tiny || excluded(op_name(ops[which])))
		return;
	switch (which) {
	case 0:		/* open, keep (the fd must be blocking unless O_NONBLOCK) */
		if (i + 1 >= PROBE_MAX_STEPS || excluded("keep"))
			return;
		gen_step(r, p, st, COSY_OP_OPEN);
		st->off = want_path(r, p, open_paths, ARRAY_LEN(open_paths));
		st->flags = rn(r, 3) | (rp(r, 20) ? O_NONBLOCK : 0);
		gen_step(r, p, st + 1, COSY_OP_KEEP);
		st[1].ref = REF_LAST;
		if (i + 2 > (int)p->nsteps)
			p->nsteps = i + 2;
		break;
	case 1:		/* grep, pattern of length 0 at the very end of the segment */
		gen_step(r, p, st, COSY_OP_GREP);
		sane_range(r, L, &st->off, &st->len, 65536);
		j = rn(r, FZ_NREQ);
		st->pos = L->req0 + 32 * j;
		p->req[j].pat_off = L->size;
		p->req[j].pat_len = 0;
		break;
	case 2:		/* getdents of a directory nobody read yet */
		g = want_grant(r, p, dirs, ARRAY_LEN(dirs));
		if (g < 0)
			return;
		gen_step(r, p, st, COSY_OP_GETDENTS);
		st->ref = REF_GRANT;
		st->lit = g;
		st->off = L->data0;
		st->len = (const __u32[]){ 64, 512, 4096, 32768 }[rn(r, 4)];
		if (st->off + st->len > L->size)
			st->len = (L->size - st->off) & ~7u;
		break;
	case 3:		/* fstatat / openat of a relative path from a non-directory */
		g = want_grant(r, p, nondirs, ARRAY_LEN(nondirs));
		if (g < 0)
			return;
		gen_step(r, p, st, rp(r, 50) ? COSY_OP_FSTATAT : COSY_OP_OPENAT);
		if (excluded(op_name(st->op)))
			st->op = COSY_OP_FSTATAT;
		st->ref = REF_GRANT;
		st->lit = g;
		st->off = want_path(r, p, rel_paths, ARRAY_LEN(rel_paths));
		st->flags = st->op == COSY_OP_FSTATAT ? (rp(r, 50) ? COSY_AT_SYMLINK_NOFOLLOW : 0)
						      : (__s32)rn(r, 3);
		st->len = L->stat0;
		break;
	case 4:		/* read or write /dev/null, /dev/zero */
		g = want_grant(r, p, devs, ARRAY_LEN(devs));
		if (g < 0)
			return;
		gen_step(r, p, st, (const int[]){ COSY_OP_READ, COSY_OP_WRITE, COSY_OP_PREAD,
						  COSY_OP_PWRITE }[rn(r, 4)]);
		if (excluded(op_name(st->op)))
			st->op = COSY_OP_READ;
		st->ref = REF_GRANT;
		st->lit = g;
		sane_range(r, L, &st->off, &st->len, 65536);
		st->pos = rn(r, 100000);
		break;
	}
}

static bool seg_has_field(int seg)
{
	return seg == SEG_timer || seg == SEG_spinlock || seg == SEG_rodata;
}

/* Half-open ranges; a step's segment writes, for "is this input still what we wrote". */
struct fz_range {
	__u64 a, b;
};

static void step_writes(const struct fz_step *st, struct fz_range *w)
{
	__u64 off = st->off, len = st->len;

	w->a = w->b = 0;
	switch (st->op) {
	case COSY_OP_READ:
	case COSY_OP_PREAD:
	case COSY_OP_GETDENTS:
	case COSY_OP_MEMCPY:
		w->a = off, w->b = off + len;
		break;
	case COSY_OP_FSTAT:
		w->a = off, w->b = off + FZ_STAT_SZ;
		break;
	case COSY_OP_FSTATAT:
		w->a = len, w->b = len + FZ_STAT_SZ;
		break;
	case COSY_OP_GREP:
		w->a = (__u32)st->pos, w->b = (__u32)st->pos + sizeof(struct cosy_grep_req);
		break;
	}
}

static __u64 fz_seed;
static int fz_trace;
static bool fz_no_timercb;	/* the kernel refuses fs_timer_arm at load (7.x) */

static void plan_make(struct fz_plan *p, __u64 iter)
{
	struct rng r = { fz_seed * 0x100000001b3ull ^ (iter + 1) * 0x9e3779b97f4a7c15ull };
	int i, k;

	memset(p, 0, sizeof(*p));
	p->iter = iter;
	rnext(&r);
	k = rn(&r, 100);
	p->type = k < 84 ? IT_probe : k < 92 ? IT_loop : IT_timercb;
	if (excluded(it_names[p->type]) || (p->type == IT_timercb && fz_no_timercb))
		p->type = IT_probe;
	/* Half the time libcosy's segment, else any kind. */
	k = rp(&r, 45) ? SEG_real : pick_name(&r, seg_names, SEG__N);
	if (k < 0 || excluded(seg_names[k]))
		k = SEG_real;
	p->seg = p->type == IT_probe ? k : SEG_real;
	p->seg_mmap = rp(&r, 50);
	layout(&p->L, seg_size_of(p->seg));
	p->budget_calls = rp(&r, 10) ? 1 + rn(&r, 20) : 0;

	if (p->type == IT_loop) {
		p->nsess = 1 + rn(&r, 12);
		p->per = 1 + rn(&r, 16);
		p->nested = rp(&r, 30);
		p->budget_calls = 1 + rn(&r, 40);
		return;
	}
	if (p->type == IT_timercb) {
		p->timer_delay_us = rp(&r, 50) ? 0 : rn(&r, 5000);
		p->timer_spin = rp(&r, 60);
		p->slot_path[0] = rn(&r, 3);	/* f, x or d */
		return;
	}

	/* Grants: none to four, any kinds. */
	p->ngrant = rn(&r, 5);
	for (i = 0; i < p->ngrant; i++) {
		k = pick_name(&r, fd_names, FD__N);
		p->grant[i] = k < 0 ? FD_reg : k;
	}
	p->peer_closed = rp(&r, 15);

	/* Segment contents. */
	for (i = 0; i < FZ_NSLOT; i++)
		p->slot_path[i] = rn(&r, ARRAY_LEN(fz_paths));
	p->long_path = p->L.size >= p->L.data0 + COSY_PATH_MAX + 16 && rp(&r, 30);
	p->tail_path = rp(&r, 30);
	for (i = 0; i < FZ_NREQ; i++) {
		const __u32 s = p->L.size;
		const __u32 offs[] = { p->L.pat0 + 16 * i, p->L.pat0 + 16 * i, s, s, s - 1, s - 2,
				       0, p->L.data0, 0xfffffff0u, s + 1 };
		const __u32 lens[] = { 0, 1, 2, 3, 8, 4096, 4097, s };

		p->req[i].pat_off = offs[rn(&r, ARRAY_LEN(offs))];
		p->req[i].pat_len = lens[rn(&r, ARRAY_LEN(lens))];
		if (p->req[i].pat_off == p->L.pat0 + 16 * i && rp(&r, 70))
			p->req[i].pat_len = strlen(fz_pats[i * 2 % ARRAY_LEN(fz_pats)]);
		p->req[i].eof = rp(&r, 50);
		p->pat[i] = rn(&r, ARRAY_LEN(fz_pats));
	}

	/* Steps: random, and often an idiom whose outcome a rule fixes exactly. */
	p->nsteps = 1 + rn(&r, PROBE_MAX_STEPS);
	for (i = 0; i < (int)p->nsteps; i++)
		gen_step(&r, p, &p->steps[i], pick_op(&r));
	for (k = rn(&r, 3); k > 0; k--)
		if (rp(&r, 60))
			idiom(&r, p, rn(&r, p->nsteps));
	p->repeat = 1;
	if (rp(&r, 20))
		p->repeat = 2 + rn(&r, 70);

	/* What the value holds (a timer, a lock, constants a program relies on): overwrite it. */
	if (seg_has_field(p->seg) && rp(&r, 80)) {
		p->poison = true;
		if (p->nsteps == PROBE_MAX_STEPS)
			p->nsteps--;
		memmove(&p->steps[1], &p->steps[0], p->nsteps * sizeof(p->steps[0]));
		p->nsteps++;
		memset(&p->steps[0], 0, sizeof(p->steps[0]));
		p->steps[0].op = COSY_OP_MEMCPY;	/* 8 bytes of the data part over offset 0 */
		p->steps[0].off = 0;
		p->steps[0].pos = 64;
		p->steps[0].len = 8;
		if (p->seg == SEG_rodata) {		/* 8 bytes of file over .rodata */
			p->steps[0].op = COSY_OP_PREAD;
			p->steps[0].ref = REF_GRANT;
			p->steps[0].lit = 0;
			p->steps[0].len = 8;
			p->steps[0].pos = 16;
			if (!p->ngrant)
				p->ngrant = 1;
			p->grant[0] = FD_reg;
		}
	}

	/* Concurrent actions: none, one or two. */
	k = rn(&r, 100);
	p->nact = k < 35 ? 0 : k < 80 ? 1 : 2;
	for (i = 0; i < p->nact; i++) {
		struct fz_act *a = &p->act[i];
		const __u32 delays[] = { 0, 0, 100, 1000, 5000, 20000, 60000 };
		int kind = pick_name(&r, act_names, ACT__N);

		if (kind < 0) {
			p->nact = i;
			break;
		}
		a->kind = kind;
		a->target = rn(&r, p->ngrant ? p->ngrant : 1);
		if (kind == ACT_uffd) {
			/* A read that faults on its buffer: a regular file or a directory. */
			for (k = 0; k < p->ngrant; k++) {
				int g = p->grant[(a->target + k) % p->ngrant];

				if (g == FD_reg || g == FD_reg_x || g == FD_dir || g == FD_bigdir)
					break;
			}
			if (k == p->ngrant || (i && p->act[0].kind == ACT_uffd)) {
				a->kind = ACT_lseek;	/* one stalled reader at most */
			} else {
				a->target = (a->target + k) % p->ngrant;
			}
		}
		a->repeat = rp(&r, 40);
		a->delay_us = delays[rn(&r, ARRAY_LEN(delays))];
		a->arg = rnext(&r);
	}
	/* A read stalled in the kernel holding a file's position lock (R3). */
	if (p->nact < 2 && rp(&r, 15) && !excluded("uffd") && !has_act(p, ACT_uffd)) {
		for (k = 0; k < p->ngrant; k++)
			if (p->grant[k] == FD_reg || p->grant[k] == FD_reg_x ||
			    p->grant[k] == FD_dir || p->grant[k] == FD_bigdir)
				break;
		if (k < p->ngrant)
			p->act[p->nact++] = (struct fz_act){ .kind = ACT_uffd, .target = k };
	}
	/* Keep the session alive while they act: a long last step. */
	if (p->nact && rp(&r, 50) && !p->L.tiny) {
		struct fz_step *st = &p->steps[p->nsteps - 1];

		if (p->nsteps < PROBE_MAX_STEPS)
			st++, p->nsteps++;
		memset(st, 0, sizeof(*st));
		st->op = COSY_OP_MEMCPY;
		st->off = p->L.data0;
		st->len = (p->L.size - p->L.data0) / 2;
		st->pos = p->L.data0 + st->len;
		p->repeat = 1000;
	}
	/* The file a stalled read(2) holds the position lock of: use it. */
	for (i = 0; i < p->nact; i++)
		if (p->act[i].kind == ACT_uffd && rp(&r, 70)) {
			const int ops[] = { COSY_OP_READ, COSY_OP_LSEEK, COSY_OP_GETDENTS, COSY_OP_WRITE };
			struct fz_step *st = &p->steps[rn(&r, p->nsteps)];

			if (st->op == COSY_OP_MEMCPY && p->repeat > 1)
				break;	/* the hold step */
			gen_step(&r, p, st, ops[rn(&r, ARRAY_LEN(ops))]);
			if (excluded(op_name(st->op)))
				st->op = COSY_OP_CHECK;
			st->ref = REF_GRANT;
			st->lit = p->act[i].target;
		}
	/* A kept fd must be findable from the results: KEEP is never repeated. */
	if (p->steps[p->nsteps - 1].op == COSY_OP_KEEP)
		p->repeat = 1;
	/* A stalled getdents holds the directory's i_rwsem shared: no O_CREAT then. */
	for (i = 0; i < p->nact; i++)
		if (p->act[i].kind == ACT_uffd)
			for (k = 0; k < (int)p->nsteps; k++)
				p->steps[k].flags &= p->steps[k].op == COSY_OP_OPEN ||
						     p->steps[k].op == COSY_OP_OPENAT
						     ? ~O_CREAT : ~0;
	/*
	 * A timer's value: only the poison step writes the pointer word.  A
	 * nonzero lock word (bytes 8..15) would make the map's free spin with
	 * interrupts off, a hung CPU the harness cannot report.
	 */
	if (p->seg == SEG_timer)
		for (i = p->poison; i < (int)p->nsteps; i++) {
			struct fz_range w;

			step_writes(&p->steps[i], &w);
			if (w.a < 16 && w.b > 0)
				p->steps[i].op = COSY_OP_CHECK;
		}
}

static int plan_str(const struct fz_plan *p, char *buf, size_t size)
{
	size_t n = 0;
	int i;

#define PUT(...) (n += snprintf(buf + n, n < size ? size - n : 0, __VA_ARGS__))
	PUT("iter %llu %s seg=%s(%u)%s", (unsigned long long)p->iter, it_names[p->type],
	    seg_names[p->seg], p->L.size, p->seg == SEG_fresh && p->seg_mmap ? "+mmap" : "");
	if (p->type == IT_loop) {
		PUT(" nsess=%u per=%u nested=%u calls=%llu", p->nsess, p->per, p->nested,
		    (unsigned long long)p->budget_calls);
		return n;
	}
	if (p->type == IT_timercb) {
		PUT(" delay=%uus %s path=%s", p->timer_delay_us, p->timer_spin ? "spin" : "sleep",
		    fz_paths[p->slot_path[0]]);
		return n;
	}
	PUT(" grants=[");
	for (i = 0; i < p->ngrant; i++)
		PUT("%s%s", i ? "," : "", fd_names[p->grant[i]]);
	PUT("]%s steps=[", p->peer_closed ? " peers-closed" : "");
	for (i = 0; i < (int)p->nsteps; i++) {
		const struct fz_step *st = &p->steps[i];

		PUT("%s%s ", i ? " | " : "", op_name(st->op));
		switch (st->ref) {
		case REF_GRANT: PUT("g%d", st->lit); break;
		case REF_LAST: PUT("last"); break;
		case REF_NEXT: PUT("next+%d", st->lit); break;
		default: PUT("fd%d", st->lit); break;
		}
		PUT(" off=%#x len=%#x pos=%#llx fl=%#x", st->off, st->len,
		    (unsigned long long)st->pos, st->flags);
		if (st->op == COSY_OP_COPY)
			PUT(" out=%s%d", st->ref2 == REF_GRANT ? "g" : st->ref2 == REF_LAST ? "last" :
					 "fd", st->lit2);
		if (st->op == COSY_OP_GREP && !p->L.tiny && st->pos >= p->L.req0 &&
		    st->pos < p->L.pat0 && (st->pos - p->L.req0) % 32 == 0) {
			const struct fz_req *q = &p->req[(st->pos - p->L.req0) / 32];

			PUT(" {pat %#x/%u eof %u}", q->pat_off, q->pat_len, q->eof);
		}
		if ((st->op == COSY_OP_OPEN || st->op == COSY_OP_OPENAT ||
		     st->op == COSY_OP_FSTATAT) && !p->L.tiny && st->off < p->L.req0 &&
		    st->off % p->L.slot == 0)
			PUT(" \"%s\"", fz_paths[p->slot_path[st->off / p->L.slot]]);
	}
	PUT("] x%u", p->repeat);
	if (p->budget_calls)
		PUT(" calls=%llu", (unsigned long long)p->budget_calls);
	for (i = 0; i < p->nact; i++)
		PUT(" +%s(g%u,%uus%s)", act_names[p->act[i].kind], p->act[i].target,
		    p->act[i].delay_us, p->act[i].repeat ? ",repeat" : "");
#undef PUT
	return n;
}

/* ---- what the child reports ---------------------------------------------- */

#define FZ_MAX_FIND	6
#define FZ_MAX_SIG	24

/* Precise checks, counted when their preconditions held: what the run could have caught. */
#define CHECKS(X) X(R1_refuse) X(R1_freeze) X(R2_grep) X(R2_grep_end) X(R3_fpos) \
	X(R4_notdir) X(R5_softirq) X(R7_budget) X(R8_dev) X(R8_blocking) X(R12_doff)
#define FZ_ENUM_CK(x) CK_##x,
enum { CHECKS(FZ_ENUM_CK) CK__N };
static const char *const check_names[] = { CHECKS(FZ_NAME) };

struct fz_result {
	volatile int phase;		/* 1: running the compound, 2: ran, 3: done */
	int ran;			/* the compound ran (run returned) */
	__u64 calls;			/* stats.calls */
	int nfind;
	char key[FZ_MAX_FIND][48];	/* a finding's kind, for counting */
	char text[FZ_MAX_FIND][256];
	int nsig;
	__u64 sig[FZ_MAX_SIG];
	char note[160];			/* not a finding: e.g. a mischief thread stuck */
	unsigned checked[CK__N];
};

static struct fz_result *res_shm;

__attribute__((format(printf, 2, 3)))
static void finding(const char *key, const char *fmt, ...)
{
	struct fz_result *R = res_shm;
	va_list ap;

	if (R->nfind >= FZ_MAX_FIND)
		return;
	snprintf(R->key[R->nfind], sizeof(R->key[0]), "%s", key);
	va_start(ap, fmt);
	vsnprintf(R->text[R->nfind], sizeof(R->text[0]), fmt, ap);
	va_end(ap);
	R->nfind++;
}

static void add_sig(__u64 a, __u64 b, __u64 c, __u64 d, __u64 e)
{
	struct fz_result *R = res_shm;

	if (R->nsig < FZ_MAX_SIG)
		R->sig[R->nsig++] = (((((a * 64 + b) * 128 + c) * 8192) + d) << 16) + e + 1;
}

/* ---- fixed resources of the parent, inherited by every child ----------- */

static struct {
	struct cosy_compound *probe;
	int probe_fd;
	int real_fd;			/* libcosy's segment */
	char *real_mem;
	size_t real_map_len;
	struct bpf_object *hobj;	/* bpf/hostile/fuzz_state.bpf.o */
	int loop_fd, timer_fd, rodata_use_fd, timers_map, rodata_map;
	__u8 rodata_orig[8];
	struct btf *btf;
	int btf_timer, btf_spin;	/* value BTF for the special-field maps */
	__u32 btf_key, btf_val_timer, btf_val_spin;
	char sysfs[64];
} G;

/* ---- the child: resources of one iteration -------------------------------- */

#define FZ_MAX_REG 64

struct fz_reg {
	int fd;
	bool open;
	int kind;		/* FD_* or -1 for helpers */
};

static struct {
	const struct fz_plan *p;
	pthread_mutex_t mu;
	struct fz_reg reg[FZ_MAX_REG];
	int nreg;
	int grant_fd[COSY_MAX_GRANT];
	int grant_reg[COSY_MAX_GRANT];	/* index in reg[] */
	unsigned char baseline[8192 / 8];	/* fds open before the iteration */
	int next_free;
	int seg_fd;
	void *seg_mem;			/* the child's mapping of the segment, if any */
	size_t seg_len;
	int devnull;			/* dup2 source */
	int peer[FD__N];		/* the other end of each pair kind, if open */
	atomic_int go, done;
	pthread_barrier_t start;
	pthread_t main_thread;
	struct timespec t_go;
	/* the uffd-stalled reader */
	int uffd, uffd_target;
	bool uffd_locked, uffd_started;
	void *uffd_buf;
	char init[FZ_SEG_BIG];		/* what seg_fill() wrote */
} C;

static int reg_add(int fd, int kind)
{
	int i;

	if (fd < 0)
		return fd;
	for (i = 0; i < C.nreg && C.reg[i].open; i++)
		;
	if (i == FZ_MAX_REG) {	/* cannot happen: 8 grants, their peers, a few helpers */
		snprintf(res_shm->note, sizeof(res_shm->note), "fd registry full");
		return fd;
	}
	C.reg[i] = (struct fz_reg){ .fd = fd, .open = true, .kind = kind };
	if (i == C.nreg)
		C.nreg++;
	return fd;
}

static struct fz_reg *reg_find(int fd)
{
	int i;

	for (i = C.nreg - 1; i >= 0; i--)
		if (C.reg[i].fd == fd && C.reg[i].open)
			return &C.reg[i];
	return NULL;
}

static bool in_baseline(int fd)
{
	return fd >= 0 && fd < 8192 && (C.baseline[fd / 8] & (1 << fd % 8));
}

static void fd_scan(unsigned char *bits)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int self = d ? dirfd(d) : -1;

	memset(bits, 0, 8192 / 8);
	while (d && (e = readdir(d))) {
		int fd = atoi(e->d_name);

		if (e->d_name[0] != '.' && fd != self && fd < 8192)
			bits[fd / 8] |= 1 << fd % 8;
	}
	if (d)
		closedir(d);
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1e3 + (t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* --- segments --- */

static int map_new(enum bpf_map_type type, __u32 key, __u32 val, __u32 n, __u32 flags,
		   int btf, __u32 btf_val)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = flags);

	if (btf >= 0) {
		o.btf_fd = btf;
		o.btf_key_type_id = G.btf_key;
		o.btf_value_type_id = btf_val;
	}
	return bpf_map_create(type, "fz_seg", key, val, n, &o);
}

static int map_id(int fd)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);

	return bpf_obj_get_info_by_fd(fd, &info, &len) ? -1 : (int)info.id;
}

/* The segment of the plan's kind; its fd, or -1 (noted) if the kernel refused. */
static int seg_create(const struct fz_plan *p)
{
	const __u32 S = FZ_SEG_BIG, M = BPF_F_MMAPABLE;
	LIBBPF_OPTS(bpf_get_fd_by_id_opts, io);
	LIBBPF_OPTS(bpf_obj_get_opts, go);
	char pin[64];
	int fd = -1, tmp;

	switch (p->seg) {
	case SEG_real:
		return G.real_fd;
	case SEG_fresh:
		fd = reg_add(map_new(BPF_MAP_TYPE_ARRAY, 4, S, 1, M, -1, 0), -1);
		if (fd >= 0 && p->seg_mmap) {
			C.seg_mem = mmap(NULL, S, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
			C.seg_len = S;
			if (C.seg_mem == MAP_FAILED)
				C.seg_mem = NULL;
		}
		return fd;
	case SEG_small:
	case SEG_odd:
		return reg_add(map_new(BPF_MAP_TYPE_ARRAY, 4, p->L.size, 1, M, -1, 0), -1);
	case SEG_rdonly_fd:
	case SEG_wronly_fd:
		io.open_flags = p->seg == SEG_rdonly_fd ? BPF_F_RDONLY : BPF_F_WRONLY;
		return reg_add(bpf_map_get_fd_by_id_opts(map_id(G.real_fd), &io), -1);
	case SEG_rdonly_pin:
		tmp = reg_add(map_new(BPF_MAP_TYPE_ARRAY, 4, S, 1, M, -1, 0), -1);
		snprintf(pin, sizeof(pin), "/sys/fs/bpf/cosy_fuzz_%d", getpid());
		if (tmp < 0 || bpf_obj_pin(tmp, pin))
			return -1;
		go.file_flags = BPF_F_RDONLY;
		fd = reg_add(bpf_obj_get_opts(pin, &go), -1);
		unlink(pin);
		return fd;
	case SEG_rdonly_prog:
		return reg_add(map_new(BPF_MAP_TYPE_ARRAY, 4, S, 1, M | BPF_F_RDONLY_PROG, -1, 0), -1);
	case SEG_wronly_prog:
		return reg_add(map_new(BPF_MAP_TYPE_ARRAY, 4, S, 1, M | BPF_F_WRONLY_PROG, -1, 0), -1);
	case SEG_map_rdonly:
		return reg_add(map_new(BPF_MAP_TYPE_ARRAY, 4, S, 1, M | BPF_F_RDONLY, -1, 0), -1);
	case SEG_inner_map:
		return reg_add(map_new(BPF_MAP_TYPE_ARRAY, 4, S, 1, M | BPF_F_INNER_MAP, -1, 0), -1);
	case SEG_frozen:
		/* Filled first (below would be too late), then frozen. */
		fd = reg_add(map_new(BPF_MAP_TYPE_ARRAY, 4, S, 1, M, -1, 0), -1);
		return fd;
	case SEG_rodata:
		return G.rodata_map;
	case SEG_nommap:
		return reg_add(map_new(BPF_MAP_TYPE_ARRAY, 4, S, 1, 0, -1, 0), -1);
	case SEG_hash:
		return reg_add(map_new(BPF_MAP_TYPE_HASH, 4, p->L.size, 1, 0, -1, 0), -1);
	case SEG_ringbuf:
		return reg_add(map_new(BPF_MAP_TYPE_RINGBUF, 0, 0, 4096, 0, -1, 0), -1);
	case SEG_percpu:
		return reg_add(map_new(BPF_MAP_TYPE_PERCPU_ARRAY, 4, p->L.size, 1, 0, -1, 0), -1);
	case SEG_spinlock:
		return reg_add(map_new(BPF_MAP_TYPE_ARRAY, 4, S, 1, M, G.btf_spin, G.btf_val_spin), -1);
	case SEG_timer:
		return reg_add(map_new(BPF_MAP_TYPE_ARRAY, 4, S, 1, M, G.btf_timer, G.btf_val_timer), -1);
	case SEG_two_entries:
		return reg_add(map_new(BPF_MAP_TYPE_ARRAY, 4, S, 2, M, -1, 0), -1);
	case SEG_closed_seg:
		return -1;	/* numbered after the grants, see child_run() */
	case SEG_notmap:
		return reg_add(open("f", O_RDONLY), -1);
	}
	return -1;
}

/* The segment's contents, as the plan says: paths, grep requests, text. */
static void seg_fill(const struct fz_plan *p, int fd)
{
	const struct fz_layout *L = &p->L;
	static char buf[FZ_SEG_BIG];
	__u32 i, zero = 0;
	char *d;

	if (L->tiny || L->size > sizeof(buf))
		return;
	memset(buf, 0, L->size);
	for (i = 0; i < L->nslot; i++)
		snprintf(buf + i * L->slot, L->slot, "%s", fz_paths[p->slot_path[i]]);
	for (i = 0; i < FZ_NREQ; i++) {
		struct cosy_grep_req q = { .pat_off = p->req[i].pat_off, .pat_len = p->req[i].pat_len,
					   .eof = p->req[i].eof };

		memcpy(buf + L->req0 + 32 * i, &q, sizeof(q));
		memcpy(buf + L->pat0 + 16 * i, fz_pats[p->pat[i]], strlen(fz_pats[p->pat[i]]));
	}
	/* Text with newlines for grep, no NUL: an open of it runs to the end. */
	for (i = L->data0, d = buf; i < L->size; i++)
		d[i] = i % 61 == 60 ? '\n' : 'a' + (i * 7 + i / 61) % 26;
	if (p->long_path) {
		for (i = 0; i < COSY_PATH_MAX + 8; i += 2)
			memcpy(buf + L->data0 + i, "./", 2);
		buf[L->data0 + COSY_PATH_MAX + 8] = 0;
	}
	if (p->tail_path)
		memset(buf + L->size - 64, 'b', 64);
	/* A non-canonical pointer for the poison step (copied over offset 0). */
	if (p->poison)
		*(__u64 *)(buf + 64) = 0xdead4ead00c05100ull;
	memcpy(C.init, buf, L->size);
	if (p->seg == SEG_real) {
		/* The child's copy of the parent's mapping: same pages. */
		memcpy(G.real_mem, buf, L->size);
		return;
	}
	if (C.seg_mem)
		memcpy(C.seg_mem, buf, L->size);
	else
		bpf_map_update_elem(fd, &zero, buf, BPF_ANY);	/* skips a timer or lock */
}

/* --- grants --- */

static int pty_open(int *slave)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	*slave = -1;
	if (m < 0 || grantpt(m) || unlockpt(m)) {
		if (m >= 0)
			close(m);
		return -1;
	}
	*slave = open(ptsname(m), O_RDWR | O_NOCTTY);
	return m;
}

/* Open one fd of `kind`; a pair kind opens both ends, the other one kept as a peer. */
static int grant_open(int kind)
{
	static const __u8 fifos[2] = { FD_fifo_r, FD_fifo_w }, pipes[2] = { FD_pipe_r, FD_pipe_w },
			  socks[2] = { FD_sock_a, FD_sock_b },
			  ptys[2] = { FD_pty_master, FD_pty_slave };
	int fds[2], fd = -1, other;
	const __u8 *pair = NULL;

	switch (kind) {
	case FD_reg: fd = open("f", O_RDWR); break;
	case FD_reg_x: fd = open("x", O_RDONLY); break;
	case FD_dir: fd = open("d", O_RDONLY | O_DIRECTORY); break;
	case FD_bigdir: fd = open("big", O_RDONLY | O_DIRECTORY); break;
	case FD_opath_file: fd = open("f", O_PATH); break;
	case FD_opath_link: fd = open("l", O_PATH | O_NOFOLLOW); break;
	case FD_opath_dir: fd = open("d", O_PATH); break;
	case FD_fifo_r:
		fd = open("fifo", O_RDONLY | O_NONBLOCK);
		if (fd >= 0)	/* blocking from now on */
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		break;
	case FD_fifo_w:
		/* Opening a writer needs a reader: the peer (closed after, if asked). */
		fds[0] = open("fifo", O_RDONLY | O_NONBLOCK);
		fds[1] = open("fifo", O_WRONLY);
		pair = fifos;
		break;
	case FD_fifo_rw: fd = open("fifo", O_RDWR); break;
	case FD_pipe_r:
	case FD_pipe_w:
		if (pipe(fds))
			return -1;
		pair = pipes;
		break;
	case FD_sock_a:
	case FD_sock_b:
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds))
			return -1;
		pair = socks;
		break;
	case FD_pty_master:
	case FD_pty_slave:
		fds[0] = pty_open(&fds[1]);
		pair = ptys;
		break;
	case FD_devnull: fd = open("/dev/null", O_RDWR); break;
	case FD_devzero: fd = open("/dev/zero", O_RDWR); break;
	case FD_proc: fd = open("/proc/self/status", O_RDONLY); break;
	case FD_sysfs: fd = open(G.sysfs, O_RDONLY); break;
	case FD_closed:
		fd = open("/dev/null", O_RDONLY);
		close(fd);
		return fd;	/* not registered: closed */
	}
	if (pair) {
		fd = fds[kind == pair[1]];
		other = fds[kind == pair[0]];
		if (C.p->peer_closed)
			close(other);
		else
			C.peer[kind] = reg_add(other, pair[kind == pair[0]]);
	}
	return reg_add(fd, kind);
}

/* --- concurrent actions (other threads of the caller) --- */

struct fz_actor {
	const struct fz_act *a;
	pthread_t th;
	int ret, err;		/* the first attempt's result */
	long count;
	double t_ms;		/* when the first attempt ran, after go */
	bool started, stuck;
};

static int grant_fd_now(int idx)
{
	return idx < C.p->ngrant ? C.grant_fd[idx] : -1;
}

static int act_once(struct fz_actor *A)
{
	const struct fz_act *a = A->a;
	int fd = grant_fd_now(a->target), ret = 0, i, fl;
	struct fz_reg *e;
	char buf[1024];
	struct pollfd pf;

	switch (a->kind) {
	case ACT_close:
		pthread_mutex_lock(&C.mu);
		e = reg_find(fd);
		ret = e ? close(fd) : -1;
		if (e)
			e->open = false;
		pthread_mutex_unlock(&C.mu);
		break;
	case ACT_dup2:
		pthread_mutex_lock(&C.mu);
		if (fd >= 0) {
			int src = a->arg % 2 || C.p->ngrant < 2 ? C.devnull
						    : grant_fd_now((a->target + 1) % C.p->ngrant);

			ret = dup2(src, fd);
			if (ret >= 0 && !reg_find(fd))
				reg_add(fd, -1);
		}
		pthread_mutex_unlock(&C.mu);
		break;
	case ACT_lseek:
		ret = lseek(fd, a->arg % 20000, a->arg % 3);
		break;
	case ACT_read:
		pf = (struct pollfd){ .fd = fd, .events = POLLIN };
		ret = poll(&pf, 1, 0) == 1 && (pf.revents & POLLIN) ? read(fd, buf, 512) : 0;
		break;
	case ACT_getdents:
		ret = syscall(SYS_getdents64, fd, buf, sizeof(buf));
		break;
	case ACT_setfl:
		fl = fcntl(fd, F_GETFL);
		if (fl < 0) {
			ret = fl;
			break;
		}
		/* tmpfs has no direct I/O: O_DIRECT is refused there (EINVAL). */
		ret = fcntl(fd, F_SETFL, (fl ^ O_NONBLOCK) | O_DIRECT);
		if (ret < 0)
			ret = fcntl(fd, F_SETFL, fl ^ O_NONBLOCK);
		break;
	case ACT_munmap:
		ret = C.seg_mem ? munmap(C.seg_mem, C.seg_len) : -1;
		C.seg_mem = NULL;
		break;
	case ACT_mremap:
		if (C.seg_mem) {
			void *to = mmap(NULL, C.seg_len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			void *m = mremap(C.seg_mem, C.seg_len, C.seg_len,
					 MREMAP_MAYMOVE | MREMAP_FIXED, to);

			ret = m == MAP_FAILED ? -1 : 0;
			if (m != MAP_FAILED)
				C.seg_mem = m;
		}
		break;
	case ACT_freeze:
		ret = bpf_map_freeze(C.seg_fd);
		if (ret < 0)
			errno = -ret, ret = -1;
		break;
	case ACT_steal:
		/* Close what the session opened, then reuse the numbers. */
		pthread_mutex_lock(&C.mu);
		for (i = C.next_free; i < C.next_free + 16; i++)
			if (!in_baseline(i) && !reg_find(i) && fcntl(i, F_GETFD) >= 0) {
				close(i);
				reg_add(open("/dev/null", O_RDONLY), -1);
				ret++;
			}
		pthread_mutex_unlock(&C.mu);
		break;
	case ACT_reuse:
		pthread_mutex_lock(&C.mu);
		e = reg_find(fd);
		if (e) {
			close(fd);
			e->open = false;
			reg_add(open("f", O_RDONLY), -1);
		}
		pthread_mutex_unlock(&C.mu);
		break;
	case ACT_signal:
		ret = pthread_kill(C.main_thread, SIGUSR1);
		break;
	case ACT_feed:
		for (i = 0; i < FD__N; i++) {
			int w = C.peer[i] >= 0 ? C.peer[i] : -1;

			if (w < 0)
				continue;
			pf = (struct pollfd){ .fd = w, .events = POLLOUT };
			if (poll(&pf, 1, 0) == 1 && (pf.revents & POLLOUT))
				ret += write(w, "feed\nfeed\n", 10) > 0;
		}
		break;
	case ACT_trunc:
		ret = ftruncate(fd, a->arg % 20000);
		break;
	case ACT_uffd:
		break;	/* before the run, see uffd_stall() */
	}
	return ret;
}

static void *actor_main(void *arg)
{
	struct fz_actor *A = arg;
	struct timespec d;
	int r;

	pthread_barrier_wait(&C.start);
	if (A->a->delay_us) {
		d = (struct timespec){ A->a->delay_us / 1000000, A->a->delay_us % 1000000 * 1000 };
		nanosleep(&d, NULL);
	}
	do {
		errno = 0;
		r = act_once(A);
		if (!A->started) {
			A->started = true;
			A->ret = r;
			A->err = r < 0 ? errno : 0;
			A->t_ms = ms_since(&C.t_go);
		}
		A->count++;
		if (A->a->repeat) {
			d = (struct timespec){ 0, 200 * 1000 };
			nanosleep(&d, NULL);
		}
	} while (A->a->repeat && !atomic_load(&C.done) && A->count < 5000);
	return NULL;
}

/* A read into a userfaultfd-registered page: it stalls inside read(2) holding f_pos_lock. */
static void *uffd_reader(void *arg)
{
	int fd = (int)(intptr_t)arg;

	if (fd_is_dir(C.p->grant[C.uffd_target]))
		syscall(SYS_getdents64, fd, C.uffd_buf, 4096);
	else
		read(fd, C.uffd_buf, 4096);
	return NULL;
}

static pthread_t uffd_thread;

static void uffd_stall(int target)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register rg = {};
	struct uffd_msg msg;
	struct pollfd pf;
	int fd = grant_fd_now(target), dupfd;

	if (fd < 0 || !reg_find(fd))
		return;
	C.uffd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (C.uffd < 0 || ioctl(C.uffd, UFFDIO_API, &api))
		return;
	C.uffd_buf = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	rg.range.start = (unsigned long)C.uffd_buf;
	rg.range.len = 4096;
	rg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (C.uffd_buf == MAP_FAILED || ioctl(C.uffd, UFFDIO_REGISTER, &rg))
		return;
	/* A second reference to the file: fdget_pos() locks only shared files. */
	dupfd = reg_add(dup(fd), -1);
	C.uffd_target = target;
	if (pthread_create(&uffd_thread, NULL, uffd_reader, (void *)(intptr_t)dupfd))
		return;
	C.uffd_started = true;
	pf = (struct pollfd){ .fd = C.uffd, .events = POLLIN };
	if (poll(&pf, 1, 1000) == 1 && read(C.uffd, &msg, sizeof(msg)) == sizeof(msg) &&
	    msg.event == UFFD_EVENT_PAGEFAULT)
		C.uffd_locked = true;
	else
		C.uffd_locked = false;	/* e.g. at EOF: read returned without a fault */
	if (fz_trace)
		printf("#     uffd on g%d: %s\n", target, C.uffd_locked ? "stalled" : "not stalled");
}

/* Resolve the fault; false if the reader is still stuck (then we exit without it). */
static bool uffd_release(void)
{
	struct uffdio_zeropage z = { .range = { (unsigned long)C.uffd_buf, 4096 } };
	struct timespec dl;
	bool ok;

	if (C.uffd < 0 || !C.uffd_started)
		return true;
	ioctl(C.uffd, UFFDIO_ZEROPAGE, &z);
	clock_gettime(CLOCK_REALTIME, &dl);
	dl.tv_sec += 1;
	ok = !pthread_timedjoin_np(uffd_thread, NULL, &dl);
	if (!ok)
		snprintf(res_shm->note, sizeof(res_shm->note), "the stalled reader did not finish");
	close(C.uffd);
	C.uffd = -1;
	return ok;
}

/* ---- the oracle ------------------------------------------------------------ */

/* Errnos any guarded kfunc may return: the stops, and memory. */
static const int e_any[] = { ETIME, EDQUOT, EFBIG, EINTR, ENOMEM, 0 };

/*
 * Each op's errnos under issue 9's rules, for every fd kind above.  R8:
 * FIFOs, pipes, sockets, ttys never wait (EAGAIN), /dev/null and /dev/zero
 * work, copy is for regular files (EINVAL); R11: O_DIRECT is EOPNOTSUPP;
 * R4: ENOTDIR for a relative path from a non-directory; O_PATH fds are
 * EBADF for I/O (or what the op says of a file without the method).
 */
static const int e_open[] = { EFAULT, ENAMETOOLONG, ENOENT, EOPNOTSUPP, EINVAL, EMFILE, EBADF,
			      ENOTDIR, EISDIR, EACCES, EPERM, ELOOP, ENXIO, EEXIST, EROFS,
			      ETXTBSY, EXDEV, ENFILE, ENOSPC, ENODEV, 0 };
static const int e_fd[] = { EBADF, 0 };
static const int e_read[] = { EFAULT, EBADF, EISDIR, EINVAL, EAGAIN, EOPNOTSUPP, ESPIPE, EIO,
			      ECONNRESET, ENOTCONN, ENXIO, EOVERFLOW, 0 };
static const int e_write[] = { EFAULT, EBADF, EISDIR, EINVAL, EAGAIN, EOPNOTSUPP, ESPIPE, EIO,
			       EPIPE, ENOSPC, ECONNRESET, ENOTCONN, EACCES, EPERM, ENXIO, 0 };
static const int e_lseek[] = { EBADF, EINVAL, ESPIPE, ENXIO, EOVERFLOW, 0 };
static const int e_fstat[] = { EFAULT, EBADF, EOVERFLOW, 0 };
static const int e_fstatat[] = { EINVAL, EFAULT, ENAMETOOLONG, ENOENT, EBADF, ENOTDIR, EACCES,
				 ELOOP, EOVERFLOW, 0 };
static const int e_getdents[] = { EFAULT, EBADF, ENOTDIR, EINVAL, ENOENT, EAGAIN, 0 };
static const int e_copy[] = { EBADF, EINVAL, EISDIR, EXDEV, EOPNOTSUPP, ENOSPC, EOVERFLOW,
			      ETXTBSY, EIO, EAGAIN, 0 };
static const int e_grep[] = { EFAULT, EINVAL, 0 };
static const int e_memcpy[] = { EFAULT, 0 };
static const int e_none[] = { 0 };
static const int e_unknown[] = { EINVAL, 0 };

static const int *op_errnos(__u32 op)
{
	switch (op) {
	case COSY_OP_OPEN:
	case COSY_OP_OPENAT: return e_open;
	case COSY_OP_CLOSE:
	case COSY_OP_KEEP: return e_fd;
	case COSY_OP_READ:
	case COSY_OP_PREAD: return e_read;
	case COSY_OP_WRITE:
	case COSY_OP_PWRITE: return e_write;
	case COSY_OP_LSEEK: return e_lseek;
	case COSY_OP_FSTAT: return e_fstat;
	case COSY_OP_FSTATAT: return e_fstatat;
	case COSY_OP_GETDENTS: return e_getdents;
	case COSY_OP_COPY: return e_copy;
	case COSY_OP_GREP: return e_grep;
	case COSY_OP_MEMCPY:
	case COSY_OP_DATA: return e_memcpy;
	case COSY_OP_CHECK: return e_none;
	default: return e_unknown;
	}
}

static bool in_set(int err, const int *set)
{
	for (; *set; set++)
		if (*set == err)
			return true;
	return false;
}

static bool is_stop(long r)
{
	return in_set(-r, e_any);
}

/* Did a step before `i` (or `i` itself, repeated) write into [a, b)? */
static bool dirty(const struct fz_plan *p, int i, __u64 a, __u64 b)
{
	struct fz_range w;
	int j, last = p->nsteps - 1;

	for (j = 0; j <= i && j <= last; j++) {
		if (j == i && !(i == last && p->repeat > 1))
			break;
		step_writes(&p->steps[j], &w);
		if (w.a < b && a < w.b)
			return true;
	}
	return false;
}

/* Did a later step write into [a, b) (after step i produced it)? */
static bool overwritten(const struct fz_plan *p, int i, __u64 a, __u64 b)
{
	struct fz_range w;
	int j;

	if (i == (int)p->nsteps - 1 && p->repeat > 1)
		return true;
	for (j = i + 1; j < (int)p->nsteps; j++) {
		step_writes(&p->steps[j], &w);
		if (w.a < b && a < w.b)
			return true;
	}
	return false;
}

/* Is grant `g` touched by an action that changes what its fd number is or does? */
static bool grant_touched(const struct fz_plan *p, int g)
{
	int i;

	for (i = 0; i < p->nact; i++)
		if (p->act[i].target == g &&
		    (p->act[i].kind == ACT_close || p->act[i].kind == ACT_dup2 ||
		     p->act[i].kind == ACT_reuse || p->act[i].kind == ACT_setfl ||
		     p->act[i].kind == ACT_lseek || p->act[i].kind == ACT_getdents ||
		     p->act[i].kind == ACT_read || p->act[i].kind == ACT_trunc ||
		     p->act[i].kind == ACT_uffd))
			return true;
	return false;
}

/* The path the plan put at `off`, or NULL if off is not a slot. */
static const char *slot_at(const struct fz_plan *p, __u32 off)
{
	if (p->L.tiny || off >= p->L.req0 || off % p->L.slot)
		return NULL;
	return fz_paths[p->slot_path[off / p->L.slot]];
}

static const char *errstr(long r)
{
	static char bufs[4][32];
	static int k;
	char *b = bufs[k++ % 4];

	if (r >= 0)
		snprintf(b, sizeof(bufs[0]), "%ld", r);
	else if (r >= -4095 && strerrorname_np(-r))
		snprintf(b, sizeof(bufs[0]), "-%s", strerrorname_np(-r));
	else
		snprintf(b, sizeof(bufs[0]), "%ld", r);
	return b;
}

static int fdkind_of(const struct fz_plan *p, __u8 ref, __s32 lit)
{
	if (ref == REF_GRANT && lit < p->ngrant)
		return p->grant[lit];
	return FD__N + ref;	/* last, literal, next */
}

/* The begin errnos the plan's segment and grants allow (0: begins). */
static bool begin_ok_err(const struct fz_plan *p, int err)
{
	bool closed_grant = false, racy = false;
	int i, want[2] = { 0, 1 };	/* 1: no second errno */

	for (i = 0; i < p->ngrant; i++)
		closed_grant |= p->grant[i] == FD_closed;
	for (i = 0; i < p->nact; i++)	/* a grant closed (or its number taken) before begin */
		racy |= p->act[i].kind == ACT_close || p->act[i].kind == ACT_reuse ||
			p->act[i].kind == ACT_steal || p->act[i].kind == ACT_dup2;
	switch (p->seg) {
	case SEG_real: case SEG_fresh: case SEG_small: case SEG_odd:
		break;
	case SEG_rdonly_fd: case SEG_rdonly_pin:
		want[0] = -EACCES;
		break;
	case SEG_wronly_fd: case SEG_map_rdonly:
		want[0] = -EACCES, want[1] = -EINVAL;
		break;
	case SEG_frozen:
		want[0] = -EPERM;
		break;
	case SEG_rodata:	/* RDONLY_PROG and frozen: either rule */
		want[0] = -EINVAL, want[1] = -EPERM;
		break;
	case SEG_closed_seg:
		want[0] = -EBADF;
		break;
	default:
		want[0] = -EINVAL;
		break;
	}
	if (has_act(p, ACT_freeze) && p->seg != SEG_real && err == -EPERM)
		return true;	/* frozen before the run began */
	if (!want[0]) {
		if (closed_grant)
			return err == -EBADF || (racy && err == 0);
		return err == 0 || (racy && err == -EBADF);
	}
	/* A bad segment and a closed grant: either may be reported. */
	return err == want[0] || err == want[1] || ((closed_grant || racy) && err == -EBADF);
}

/* getdents64(2) of the same directory from the start, to compare d_off (R12). */
static bool dents_match(int kind, const char *got, long n, __u32 len, char *why, size_t wsz)
{
	static char ref[65536];
	int fd = open(kind == FD_bigdir ? "big" : "d", O_RDONLY | O_DIRECTORY);
	long m, o;

	if (fd < 0)
		return true;
	m = syscall(SYS_getdents64, fd, ref, len < sizeof(ref) ? len : sizeof(ref));
	close(fd);
	if (m != n) {
		snprintf(why, wsz, "%ld bytes of records, getdents64(2) gives %ld", n, m);
		return false;
	}
	for (o = 0; o + 19 < n;) {
		const struct { __u64 ino; __s64 off; __u16 reclen; __u8 type; char name[]; }
			*a = (const void *)(got + o), *b = (const void *)(ref + o);

		if (a->off != b->off || a->ino != b->ino || strcmp(a->name, b->name)) {
			snprintf(why, wsz, "record \"%.32s\": d_off %lld, getdents64(2) says %lld",
				 a->name, (long long)a->off, (long long)b->off);
			return false;
		}
		if (!b->reclen)
			break;
		o += b->reclen;
	}
	return true;
}

/* ---- the child: run one plan ---------------------------------------------- */

static void on_usr1(int sig)
{
	(void)sig;
}

static int resolve(const struct fz_plan *p, __u8 ref, __s32 lit)
{
	switch (ref) {
	case REF_GRANT: return lit < p->ngrant ? C.grant_fd[lit] : -1;
	case REF_LAST: return PROBE_FD_LAST;
	case REF_NEXT: return C.next_free + lit;
	default: return lit;
	}
}

static int lowest_free(void)
{
	int fd = dup(0);

	if (fd >= 0)
		close(fd);
	return fd;
}

static void check_probe(const struct fz_plan *p, const struct probe_args *pa, int retval,
			const struct fz_actor *actors)
{
	const struct fz_layout *L = &p->L;
	int i, last_open = -1, begun = retval == 0;
	bool seg_good = p->seg == SEG_real || p->seg == SEG_fresh || p->seg == SEG_small ||
			p->seg == SEG_odd;
	__u32 am = act_mask(p);
	char buf[200];

	/* Begin: R1 says which segments and grants a session refuses, and how. */
	res_shm->checked[CK_R1_refuse] += !seg_good;
	if (!begin_ok_err(p, begun ? 0 : retval)) {
		char key[48];

		snprintf(key, sizeof(key), "%s:%s", begun ? "R1-accepted" : "begin", seg_names[p->seg]);
		finding(key, "segment %s, grants %d: begin %s (begin_err %s)", seg_names[p->seg],
			p->ngrant, begun ? "succeeded" : "failed", errstr(pa->cosy.begin_err));
	}
	add_sig(p->seg, FD__N + 4, COSY_OP_BEGIN, begun ? 0 : -retval, am);
	if (!begun)
		return;
	/* R1: freezing the segment while a session holds it is EBUSY. */
	for (i = 0; i < p->nact && seg_good; i++)
		if (p->act[i].kind == ACT_freeze && actors[i].started &&
		    actors[i].t_ms + 1 < pa->cosy.stats.wall_ns / 1e6 &&
		    ++res_shm->checked[CK_R1_freeze] && actors[i].ret == 0)
			finding("R1-freeze", "BPF_MAP_FREEZE of segment %s succeeded %.1f ms into a "
				"%.1f ms session", seg_names[p->seg], actors[i].t_ms,
				pa->cosy.stats.wall_ns / 1e6);

	for (i = 0; i < (int)p->nsteps; i++) {
		const struct fz_step *st = &p->steps[i];
		long r = pa->res[i];
		int fk = fdkind_of(p, st->ref, st->lit), g = st->ref == REF_GRANT ? st->lit : -1;
		int g2 = st->op == COSY_OP_COPY && st->ref2 == REF_GRANT ? st->lit2 : -1;
		bool gclean = g >= 0 && g < p->ngrant && !grant_touched(p, g);
		char key[48];

		add_sig(p->seg, fk, st->op, r < 0 ? (-r > 4095 ? 4095 : -r) : 0, am);
		/* Kernel-internal errnos (ERESTARTSYS, ENOTSUPP, ...) and junk. */
		if (r < -4095 || (r < 0 && -r >= 512)) {
			snprintf(key, sizeof(key), "internal-errno:%s", op_name(st->op));
			finding(key, "step %d %s on %s: %ld (kernel-internal errno)", i,
				op_name(st->op), fk < FD__N ? fd_names[fk] : "other", r);
			continue;
		}
		if (r < 0 && !is_stop(r) && !in_set(-r, op_errnos(st->op))) {
			snprintf(key, sizeof(key), "errno:%s:%s", op_name(st->op), errstr(r));
			finding(key, "step %d %s on %s: %s, not among the op's errnos", i,
				op_name(st->op), fk < FD__N ? fd_names[fk] : "other", errstr(r));
		}
		/* Results that are not results. */
		if (r >= 0) {
			bool bad = false;

			switch (st->op) {
			case COSY_OP_READ: case COSY_OP_WRITE: case COSY_OP_PREAD:
			case COSY_OP_PWRITE: case COSY_OP_GETDENTS:
				bad = r > st->len;
				break;
			case COSY_OP_COPY:
				bad = r > st->len || r > COSY_COPY_MAX;
				break;
			case COSY_OP_OPEN: case COSY_OP_OPENAT:
				/* an fd, or a session handle when asked for one */
				bad = st->flags & COSY_O_PRIVATE ?
				      r < COSY_PRIV_FD_BASE || r >= COSY_PRIV_FD_BASE + COSY_MAX_FDS :
				      r > 65536;
				break;
			case COSY_OP_KEEP:	/* the fd the caller now holds */
				bad = r > 65536;
				break;
			case COSY_OP_DATA:
				bad = r > 255;
				break;
			case COSY_OP_LSEEK:
				break;
			default:
				bad = r != 0;
			}
			if (bad) {
				snprintf(key, sizeof(key), "result:%s", op_name(st->op));
				finding(key, "step %d %s: result %ld out of range (len %u)", i,
					op_name(st->op), r, st->len);
			}
		}
		if ((st->op == COSY_OP_OPEN || st->op == COSY_OP_OPENAT) && r >= 0 &&
		    !(i == (int)p->nsteps - 1 && p->repeat > 1))
			last_open = i;
		/* R3: the f_pos_lock is held by a stalled read(2): these wait (-ETIME). */
		if (C.uffd_locked && (g == C.uffd_target || g2 == C.uffd_target) &&
		    (st->op == COSY_OP_READ || st->op == COSY_OP_WRITE ||
		     st->op == COSY_OP_LSEEK || st->op == COSY_OP_GETDENTS ||
		     st->op == COSY_OP_COPY) && ++res_shm->checked[CK_R3_fpos] && r >= 0) {
			snprintf(key, sizeof(key), "R3:%s", op_name(st->op));
			finding(key, "step %d %s on %s whose f_pos_lock another thread holds: %s, "
				"expected to wait (-ETIME)", i, op_name(st->op),
				fd_names[p->grant[C.uffd_target]], errstr(r));
		}
		/* A segment that should have been refused: only the generic checks. */
		if (is_stop(r) || !seg_good)
			continue;

		/* R2: a well-formed grep request succeeds, pat_len 0 at the very end too. */
		if (st->op == COSY_OP_GREP && !L->tiny && st->pos >= L->req0 && st->pos < L->pat0 &&
		    (st->pos - L->req0) % 32 == 0 && !dirty(p, i, st->pos, st->pos + 32) &&
		    (__u64)st->off + st->len <= L->size) {
			const struct fz_req *q = &p->req[(st->pos - L->req0) / 32];
			bool pat_ok = (__u64)q->pat_off + q->pat_len <= L->size &&
				      q->pat_len <= COSY_GREP_PAT_MAX &&
				      !dirty(p, i, q->pat_off, (__u64)q->pat_off + q->pat_len) &&
				      (q->eof || st->len > q->pat_len) &&
				      !memchr(C.init + q->pat_off, '\n', q->pat_len);

			if (pat_ok)
				res_shm->checked[q->pat_off == L->size ? CK_R2_grep_end : CK_R2_grep]++;
			if (pat_ok && r != 0)
				finding(q->pat_off == L->size ? "R2-grep-end" : "R2-grep",
					"step %d grep pat %#x/%u in a %u-byte segment: %s, expected 0",
					i, q->pat_off, q->pat_len, L->size, errstr(r));
		}
		/* R4: a relative path from a non-directory is ENOTDIR. */
		if ((st->op == COSY_OP_FSTATAT || st->op == COSY_OP_OPENAT) && gclean &&
		    !fd_is_dir(p->grant[g]) && p->grant[g] != FD_closed) {
			const char *path = slot_at(p, st->off);
			bool flags_ok = st->op == COSY_OP_FSTATAT
				? !(st->flags & ~COSY_AT_SYMLINK_NOFOLLOW) &&
				  !(st->len % 8) && (__u64)st->len + FZ_STAT_SZ <= L->size
				: !(st->flags & O_DIRECT) && st->flags == (st->flags & 0x3fffff);

			if (path && *path && *path != '/' && flags_ok &&
			    !dirty(p, i, st->off, st->off + L->slot) &&
			    ++res_shm->checked[CK_R4_notdir] && r != -ENOTDIR &&
			    !(r == -EMFILE || r == -EINVAL)) {
				snprintf(key, sizeof(key), "R4:%s:%s", op_name(st->op),
					 fd_names[p->grant[g]]);
				finding(key, "step %d %s(%s, \"%s\"): %s, expected -ENOTDIR", i,
					op_name(st->op), fd_names[p->grant[g]], path, errstr(r));
			}
		}
		/* R8: /dev/null and /dev/zero read and write. */
		if (gclean && (p->grant[g] == FD_devnull || p->grant[g] == FD_devzero) &&
		    (st->op == COSY_OP_READ || st->op == COSY_OP_WRITE || st->op == COSY_OP_PREAD ||
		     st->op == COSY_OP_PWRITE) && (__u64)st->off + st->len <= L->size &&
		    (st->op < COSY_OP_PREAD || (st->pos >= 0 && st->pos <= 1ll << 40)) &&
		    ++res_shm->checked[CK_R8_dev] && r < 0) {
			snprintf(key, sizeof(key), "R8:%s:%s", op_name(st->op), fd_names[p->grant[g]]);
			finding(key, "step %d %s on %s (len %u): %s, expected it to work", i,
				op_name(st->op), fd_names[p->grant[g]], st->len, errstr(r));
		}
		/* R12: records as getdents64(2) writes them, d_off the next entry's. */
		if (st->op == COSY_OP_GETDENTS && r > 0 && gclean &&
		    (p->grant[g] == FD_dir || p->grant[g] == FD_bigdir) &&
		    !overwritten(p, i, st->off, (__u64)st->off + r)) {
			static char seg[FZ_SEG_BIG];
			bool first = true, created = false;
			__u32 zero = 0;
			int j;

			for (j = 0; j < i; j++)
				first &= !((p->steps[j].op == COSY_OP_GETDENTS ||
					    p->steps[j].op == COSY_OP_LSEEK ||
					    p->steps[j].op == COSY_OP_READ) &&
					   p->steps[j].ref == REF_GRANT && p->steps[j].lit == g);
			for (j = 0; j < (int)p->nsteps; j++)
				created |= (p->steps[j].op == COSY_OP_OPEN ||
					    p->steps[j].op == COSY_OP_OPENAT) &&
					   (p->steps[j].flags & (O_CREAT | O_TMPFILE));
			if (first && !created && !(i == (int)p->nsteps - 1 && p->repeat > 1) &&
			    L->size <= sizeof(seg) && !bpf_map_lookup_elem(C.seg_fd, &zero, seg) &&
			    ++res_shm->checked[CK_R12_doff] && !dents_match(p->grant[g], seg + st->off, r, st->len, buf, sizeof(buf)))
				finding("R12-d_off", "step %d getdents on %s: %s", i,
					fd_names[p->grant[g]], buf);
		}
		/* R8: an fd the compound opened and kept is blocking unless it asked. */
		if (st->op == COSY_OP_KEEP && r >= 0 && st->ref == REF_LAST && last_open >= 0) {
			int fd = r, fl = fcntl(fd, F_GETFL);

			if (fl >= 0 && !(p->steps[last_open].flags & O_NONBLOCK) &&
			    !has_act(p, ACT_steal) && ++res_shm->checked[CK_R8_blocking] &&
			    (fl & O_NONBLOCK)) {
				snprintf(key, sizeof(key), "R8-nonblock:%s",
					 slot_at(p, p->steps[last_open].off) ?: "?");
				finding(key, "fd %d opened without O_NONBLOCK (\"%s\") is kept "
					"non-blocking", fd, slot_at(p, p->steps[last_open].off) ?: "?");
			}
		}
	}
}

/* The fds a run left open for the caller: what KEEP handed back. */
static int kept_fds(const struct fz_plan *p, const struct probe_args *pa, int *out, int max)
{
	int i, n = 0;

	for (i = 0; i < (int)p->nsteps; i++)
		if (p->steps[i].op == COSY_OP_KEEP && pa->res[i] >= 0 && n < max)
			out[n++] = pa->res[i];
	return n;
}

static void run_loop(const struct fz_plan *p)
{
	struct fs_loop_args a = {};
	LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = &a, .ctx_size_in = sizeof(a));

	a.cosy.magic = COSY_CTX_MAGIC;
	a.cosy.abi_version = COSY_ABI_VERSION;
	a.cosy.seg_fd = G.real_fd;
	a.cosy.budget.time_ns = FZ_BUDGET_NS;
	a.cosy.budget.calls = p->budget_calls;
	a.nsess = p->nsess;
	a.per = p->per;
	a.nested = p->nested;
	res_shm->phase = 1;
	if (bpf_prog_test_run_opts(G.loop_fd, &t)) {
		snprintf(res_shm->note, sizeof(res_shm->note), "loop run: %s", strerror(errno));
		return;
	}
	res_shm->phase = 2;
	res_shm->ran = 1;
	res_shm->calls = a.cosy.stats.calls;
	add_sig(SEG_real, FD__N + 5, a.nested ? 101 : 100,
		a.ok_calls > (__s64)p->budget_calls ? 1 : 0, (__u64)-a.refused_err);
	/* R7: one budget per run, whatever number of sessions it begins. */
	res_shm->checked[CK_R7_budget]++;
	if (a.ok_calls > (__s64)p->budget_calls || a.cosy.stats.calls > p->budget_calls)
		finding("R7-budget", "%u sessions (%u begun, nested %u) made %lld successful calls "
			"(stats.calls %llu) with a run budget of %llu calls", p->nsess, a.begun,
			p->nested, (long long)a.ok_calls, (unsigned long long)a.cosy.stats.calls,
			(unsigned long long)p->budget_calls);
	if (a.begun_after_stop)
		finding("R7-begin-after-stop", "%u sessions began after the run was stopped (%s)",
			a.begun_after_stop, errstr(a.stop_err));
	if (a.refused_err && a.stop_err && a.refused_err != a.stop_err)
		finding("R7-begin-errno", "a begin after the stop (%s) failed with %s, expected "
			"the stop's errno", errstr(a.stop_err), errstr(a.refused_err));
}

static void run_timercb(const struct fz_plan *p)
{
	struct fs_timer_args a = {};
	struct fs_timer_val v;
	LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = &a, .ctx_size_in = sizeof(a));
	struct timespec t0;
	__u32 zero = 0;
	int fired = 0;

	a.cosy.magic = COSY_CTX_MAGIC;
	a.cosy.abi_version = COSY_ABI_VERSION;
	a.cosy.seg_fd = G.real_fd;
	a.cosy.budget.time_ns = FZ_BUDGET_NS;
	a.path_off = 0;
	a.delay_ns = p->timer_delay_us * 1000ull;
	snprintf(G.real_mem, 64, "%s", fz_paths[p->slot_path[0]]);
	res_shm->phase = 1;
	if (bpf_prog_test_run_opts(G.timer_fd, &t) || t.retval) {
		snprintf(res_shm->note, sizeof(res_shm->note), "timer arm: %s / %d",
			 strerror(errno), (int)t.retval);
		return;
	}
	res_shm->phase = 2;
	res_shm->ran = 1;
	/* Spin (the timer interrupts this task) or sleep (it interrupts idle). */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (ms_since(&t0) < 1000) {
		if (!bpf_map_lookup_elem(G.timers_map, &zero, &v) && v.fired) {
			fired = 1;
			break;
		}
		if (!p->timer_spin)
			usleep(1000);
	}
	if (!fired) {
		snprintf(res_shm->note, sizeof(res_shm->note), "timer did not fire in 1 s");
		return;
	}
	usleep(2000);	/* the callback's last writes */
	bpf_map_lookup_elem(G.timers_map, &zero, &v);
	res_shm->calls = v.ctx.stats.calls;
	add_sig(SEG_real, FD__N + 6, 102, v.begun, (__u64)-v.begin_err);
	/* R5: no session outside the caller's own task context. */
	res_shm->checked[CK_R5_softirq]++;
	if (v.begun)
		finding("R5-softirq-session", "a session began in a bpf_timer callback (%s): "
			"check %s, open(\"%s\") %s, memcpy %s", p->timer_spin ? "interrupting the "
			"caller" : "interrupting idle", errstr(v.res[0]), fz_paths[p->slot_path[0]],
			errstr(v.res[1]), errstr(v.res[2]));
	else if (v.begin_err && v.begin_err != -EPERM)
		finding("R5-begin-errno", "begin in a bpf_timer callback failed with %s, "
			"expected -EPERM", errstr(v.begin_err));
}

static int child_run(const struct fz_plan *p)
{
	static struct probe_args pa;
	struct fz_actor actors[2] = {};
	unsigned char after[8192 / 8];
	int i, retval = 0, nkept, kept[PROBE_MAX_STEPS];
	bool stuck;
	LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = &pa, .ctx_size_in = sizeof(pa));
	struct sigaction sa = { .sa_handler = on_usr1 };

	signal(SIGPIPE, SIG_IGN);
	sigaction(SIGUSR1, &sa, NULL);
	memset(&C, 0, sizeof(C));
	C.p = p;
	C.uffd = -1;
	C.uffd_target = -1;
	for (i = 0; i < FD__N; i++)
		C.peer[i] = -1;
	pthread_mutex_init(&C.mu, NULL);
	C.main_thread = pthread_self();
	fd_scan(C.baseline);

	if (p->type == IT_loop) {
		run_loop(p);
		goto fds;
	}
	if (p->type == IT_timercb) {
		run_timercb(p);
		goto fds;
	}

	C.devnull = reg_add(open("/dev/null", O_RDWR), -1);
	C.seg_fd = seg_create(p);
	if (C.seg_fd < 0 && p->seg != SEG_closed_seg) {
		snprintf(res_shm->note, sizeof(res_shm->note), "segment %s: %s", seg_names[p->seg],
			 strerror(errno));
		goto fds;
	}
	if (p->seg == SEG_real) {
		C.seg_mem = G.real_mem;
		C.seg_len = G.real_map_len;
	}
	seg_fill(p, C.seg_fd);
	if (p->seg == SEG_frozen && bpf_map_freeze(C.seg_fd))
		snprintf(res_shm->note, sizeof(res_shm->note), "freeze: %s", strerror(errno));
	/* Closed fds last, so that no other open takes their numbers. */
	for (i = 0; i < p->ngrant; i++)
		if (p->grant[i] != FD_closed)
			C.grant_fd[i] = grant_open(p->grant[i]);
	/* The stalled reader goes first; the other actors start with the run. */
	for (i = 0; i < p->nact; i++)
		if (p->act[i].kind == ACT_uffd)
			uffd_stall(p->act[i].target);
	for (i = 0; i < p->ngrant; i++)
		if (p->grant[i] == FD_closed)
			C.grant_fd[i] = grant_open(FD_closed);
	if (p->seg == SEG_closed_seg)
		C.seg_fd = lowest_free();
	C.next_free = lowest_free();

	memset(&pa, 0, sizeof(pa));
	pa.cosy.magic = COSY_CTX_MAGIC;
	pa.cosy.abi_version = COSY_ABI_VERSION;
	pa.cosy.seg_fd = C.seg_fd;
	pa.cosy.ngrant = p->ngrant;
	pa.cosy.budget.time_ns = FZ_BUDGET_NS;
	pa.cosy.budget.bytes = FZ_BUDGET_BYTES;
	pa.cosy.budget.calls = p->budget_calls;
	for (i = 0; i < p->ngrant; i++)
		pa.cosy.grant_fds[i] = C.grant_fd[i];
	pa.nsteps = p->nsteps;
	pa.repeat = p->repeat;
	for (i = 0; i < (int)p->nsteps; i++) {
		const struct fz_step *st = &p->steps[i];

		pa.steps[i] = (struct probe_step){ .op = st->op, .fd = resolve(p, st->ref, st->lit),
						   .off = st->off, .len = st->len, .pos = st->pos,
						   .flags = st->flags, .mode = st->mode };
		if (st->op == COSY_OP_COPY)
			pa.steps[i].mode = resolve(p, st->ref2, st->lit2);
	}

	pthread_barrier_init(&C.start, NULL, 1 + p->nact);
	for (i = 0; i < p->nact; i++) {
		actors[i].a = &p->act[i];
		pthread_create(&actors[i].th, NULL, actor_main, &actors[i]);
	}
	pthread_barrier_wait(&C.start);
	clock_gettime(CLOCK_MONOTONIC, &C.t_go);
	res_shm->phase = 1;
	if (bpf_prog_test_run_opts(G.probe_fd, &t)) {
		snprintf(res_shm->note, sizeof(res_shm->note), "run: %s", strerror(errno));
		retval = -1000;
	} else {
		retval = (int)t.retval;
	}
	atomic_store(&C.done, 1);
	res_shm->phase = 2;
	res_shm->ran = retval != -1000;
	res_shm->calls = pa.cosy.stats.calls;
	stuck = !uffd_release();	/* first: an actor may wait for the position lock */
	for (i = 0; i < p->nact; i++) {
		struct timespec dl;

		clock_gettime(CLOCK_REALTIME, &dl);
		dl.tv_nsec += 500 * 1000 * 1000;
		if (dl.tv_nsec >= 1000000000)
			dl.tv_sec++, dl.tv_nsec -= 1000000000;
		if (pthread_timedjoin_np(actors[i].th, NULL, &dl)) {
			actors[i].stuck = true;
			snprintf(res_shm->note, sizeof(res_shm->note), "action %s stuck",
				 act_names[p->act[i].kind]);
		}
	}
	if (res_shm->ran)
		check_probe(p, &pa, retval, actors);
	/* A .rodata rewritten under a loaded program: the program now reads it. */
	if (p->seg == SEG_rodata && res_shm->ran) {
		__u8 now[8];
		__u32 zero = 0;

		if (!bpf_map_lookup_elem(G.rodata_map, &zero, now) &&
		    memcmp(now, G.rodata_orig, sizeof(now))) {
			LIBBPF_OPTS(bpf_test_run_opts, t2);

			finding("R1-rodata-rewritten", "the frozen, read-only .rodata of a loaded "
				"program was rewritten through the segment; running it");
			bpf_prog_test_run_opts(G.rodata_use_fd, &t2);
		}
	}
	for (i = 0; i < p->nact; i++)
		stuck |= actors[i].stuck;
	if (stuck) {		/* no fd accounting with a thread still inside a syscall */
		res_shm->phase = 3;
		_exit(0);
	}

	/* Kept fds: what R8 says of their flags was checked; now they are ours to close. */
	nkept = res_shm->ran && retval == 0 ? kept_fds(p, &pa, kept, PROBE_MAX_STEPS) : 0;
	for (i = 0; i < nkept; i++)
		if (!reg_find(kept[i]) && !in_baseline(kept[i]))
			reg_add(kept[i], -2);
fds:
	/* Every fd we believe open closes; nothing else is left. */
	for (i = 0; i < C.nreg; i++)
		if (C.reg[i].open && close(C.reg[i].fd) && errno == EBADF &&
		    C.reg[i].kind != -2 && !has_act(p, ACT_steal))
			finding("R10-closed-behind", "fd %d (%s) was closed by someone else",
				C.reg[i].fd, C.reg[i].kind >= 0 ? fd_names[C.reg[i].kind] : "helper");
	fd_scan(after);
	for (i = 0; i < 8192; i++) {
		bool was = C.baseline[i / 8] & (1 << i % 8), is = after[i / 8] & (1 << i % 8);
		char link[64] = "", path[128] = "";

		if (was == is)
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%d", i);
		if (readlink(path, link, sizeof(link) - 1) < 0)
			strcpy(link, "?");
		if (is)
			finding("fd-leak", "fd %d (%s) left open", i, link);
		else
			finding("fd-closed", "the caller's fd %d was closed", i);
	}
	res_shm->phase = 3;
	return 0;
}

/* ---- the parent ------------------------------------------------------------ */

static int fixture(void)
{
	char name[32];
	int i;

	if (tl_make_file("f", FZ_FILE_SIZE, 1) || tl_make_file("x", FZ_FILE_SIZE, 2) ||
	    chmod("x", 0755) || mkdir("d", 0755) || tl_make_file("d/a", 100, 3) ||
	    mkdir("d/sub", 0755) || mkdir("big", 0755) || symlink("f", "l") ||
	    symlink("d", "ld") || symlink("/proc/self/status", "labs") ||
	    symlink("lloop", "lloop") || mkfifo("fifo", 0644))
		return -1;
	for (i = 0; i < FZ_BIGDIR_N; i++) {
		snprintf(name, sizeof(name), "big/e%03d", i);
		if (tl_make_file(name, 0, 0))
			return -1;
	}
	return 0;
}

/* Undo what an iteration may have done to the fixture. */
static void fixture_restore(void)
{
	static const char *const made[] = { "new", "d/new", "big/new", "d/sub/new" };
	unsigned i;

	truncate("f", FZ_FILE_SIZE);
	truncate("x", FZ_FILE_SIZE);
	chmod("x", 0755);
	for (i = 0; i < ARRAY_LEN(made); i++)
		unlink(made[i]);
}

static int btf_maps(void)
{
	struct btf *b = btf__new_empty();
	int u32, chr, arr, timer, lock, vt, vs;

	if (!b)
		return -1;
	u32 = btf__add_int(b, "unsigned int", 4, 0);
	chr = btf__add_int(b, "char", 1, BTF_INT_SIGNED);
	arr = btf__add_array(b, u32, chr, FZ_SEG_BIG - 16);
	/* The kernel knows these by name and size. */
	timer = btf__add_struct(b, "bpf_timer", 16);
	lock = btf__add_struct(b, "bpf_spin_lock", 4);
	vt = btf__add_struct(b, "fz_timer_val", FZ_SEG_BIG);
	btf__add_field(b, "t", timer, 0, 0);
	btf__add_field(b, "data", arr, 128, 0);
	vs = btf__add_struct(b, "fz_lock_val", FZ_SEG_BIG);
	btf__add_field(b, "l", lock, 0, 0);
	btf__add_field(b, "data", arr, 128, 0);
	if (vs < 0 || btf__load_into_kernel(b)) {
		btf__free(b);
		return -1;
	}
	G.btf = b;
	G.btf_timer = G.btf_spin = btf__fd(b);
	G.btf_key = u32;
	G.btf_val_timer = vt;
	G.btf_val_spin = vs;
	return 0;
}

static int hostile_load(void)
{
	const char *dir = getenv("COSY_BPF_DIR");
	struct bpf_program *prog;
	struct bpf_map *m;
	char path[512];
	__u32 zero = 0;

	snprintf(path, sizeof(path), "%s/hostile/fuzz_state.bpf.o", dir ? dir : ".");
	G.hobj = bpf_object__open_file(path, NULL);
	if (!G.hobj)
		return -errno;
	/* 7.x refuses the timer callback's session at load: no timer iterations. */
	switch (tl_prog_refused_with("hostile/fuzz_state", "fs_timer_arm",
				     "program must be sleepable to call sleepable kfunc")) {
	case 1:
		fz_no_timercb = true;
		printf("# no timercb iterations: this kernel refuses fs_timer_arm at load\n");
		break;
	case -1:
		return -EINVAL;
	}
	bpf_object__for_each_program(prog, G.hobj)
		bpf_program__set_autoload(prog, !fz_no_timercb ||
					  strcmp(bpf_program__name(prog), "fs_timer_arm"));
	if (bpf_object__load(G.hobj))
		return -errno;
	G.loop_fd = bpf_program__fd(bpf_object__find_program_by_name(G.hobj, "fs_loop_sessions"));
	G.timer_fd = bpf_program__fd(bpf_object__find_program_by_name(G.hobj, "fs_timer_arm"));
	G.rodata_use_fd = bpf_program__fd(bpf_object__find_program_by_name(G.hobj,
									   "fs_rodata_use"));
	G.timers_map = bpf_map__fd(bpf_object__find_map_by_name(G.hobj, "fs_timers"));
	bpf_object__for_each_map(m, G.hobj) {
		const char *n = bpf_map__name(m);

		if (strlen(n) >= 7 && !strcmp(n + strlen(n) - 7, ".rodata") &&
		    bpf_map__value_size(m) == seg_size_of(SEG_rodata))
			G.rodata_map = bpf_map__fd(m);
	}
	if (G.loop_fd < 0 || (G.timer_fd < 0 && !fz_no_timercb) || G.rodata_use_fd < 0 || G.timers_map < 0 ||
	    G.rodata_map <= 0)
		return -ENOENT;
	return bpf_map_lookup_elem(G.rodata_map, &zero, G.rodata_orig) ? -errno : 0;
}

/* Findings, counted by kind; the first few of each printed in full. */
#define FZ_MAX_KEYS 128
static struct {
	char key[48];
	unsigned long n;
} fz_keys[FZ_MAX_KEYS];
static int fz_nkeys;
static unsigned long fz_nfind, fz_nnotes, fz_checked[CK__N];

static void report(const struct fz_plan *p, const char *key, const char *text)
{
	char buf[1024];
	int i;

	fz_nfind++;
	for (i = 0; i < fz_nkeys && strcmp(fz_keys[i].key, key); i++)
		;
	if (i == fz_nkeys && fz_nkeys < FZ_MAX_KEYS)
		snprintf(fz_keys[fz_nkeys++].key, sizeof(fz_keys[0].key), "%s", key);
	if (i < FZ_MAX_KEYS && fz_keys[i].n++ >= 3)
		return;
	plan_str(p, buf, sizeof(buf));
	printf("#   FINDING [%s] %s\n#     %s\n", key, text, buf);
}

/* Distinct states: an open-addressing set of signatures. */
#define FZ_SET_BITS 17
static __u64 fz_set[1u << FZ_SET_BITS];
static unsigned long fz_nstates;

static void state_add(__u64 s)
{
	__u64 h = s * 0x9e3779b97f4a7c15ull;
	__u32 i = h >> (64 - FZ_SET_BITS);

	while (fz_set[i] && fz_set[i] != s)
		i = (i + 1) & ((1u << FZ_SET_BITS) - 1);
	if (!fz_set[i] && fz_nstates < (1u << FZ_SET_BITS) / 2) {
		fz_set[i] = s;
		fz_nstates++;
	}
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* Run one plan in a child; false if the child could not be ended (stop fuzzing). */
static bool iterate(const struct fz_plan *p, int hang_ms, unsigned long long *calls)
{
	struct pollfd pf;
	int status = 0, pidfd, i;
	char text[256];
	pid_t pid;

	memset(res_shm, 0, sizeof(*res_shm));
	pid = fork();
	if (pid < 0) {
		report(p, "fork", strerror(errno));
		return false;
	}
	if (pid == 0)
		_exit(child_run(p));
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	pf = (struct pollfd){ .fd = pidfd, .events = POLLIN };
	if (pidfd >= 0 && poll(&pf, 1, hang_ms) == 0 && res_shm->phase != 1)
		poll(&pf, 1, 5000);	/* after the run: its own threads may take a while */
	if (pidfd < 0 || !(pf.revents & POLLIN)) {
		snprintf(text, sizeof(text), "%s did not return in %d ms (phase %d)",
			 res_shm->phase == 1 ? "the run" : "the iteration", hang_ms, res_shm->phase);
		report(p, res_shm->phase == 1 ? "hang" : "hang-outside-run", text);
		kill(pid, SIGKILL);
		pf.revents = 0;
		if (pidfd >= 0 && poll(&pf, 1, 10000) == 0) {
			report(p, "unkillable", "SIGKILL did not end the child in 10 s: stopping");
			close(pidfd);
			return false;
		}
	}
	waitpid(pid, &status, 0);
	if (pidfd >= 0)
		close(pidfd);
	if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL) {
		snprintf(text, sizeof(text), "the child died of signal %d (%s) in phase %d",
			 WTERMSIG(status), strsignal(WTERMSIG(status)), res_shm->phase);
		report(p, "child-signal", text);
	}
	for (i = 0; i < res_shm->nfind && i < FZ_MAX_FIND; i++)
		report(p, res_shm->key[i], res_shm->text[i]);
	if (res_shm->note[0] && (fz_nnotes++ < 5 || fz_trace))	/* not findings */
		printf("#   note: iter %llu: %s\n", (unsigned long long)p->iter, res_shm->note);
	for (i = 0; i < res_shm->nsig && i < FZ_MAX_SIG; i++)
		state_add(res_shm->sig[i]);
	*calls += res_shm->calls;
	for (i = 0; i < CK__N; i++)
		fz_checked[i] += res_shm->checked[i];
	return true;
}

static double env_num(const char *name, double def)
{
	const char *v = getenv(name);

	return v && *v ? strtod(v, NULL) : def;
}

TL_CASE(stateful_fuzz)
{
	unsigned long long calls = 0, iters = 0, by_type[IT__N] = {};
	double seconds = env_num("COSY_FUZZ_SECONDS", 40), t0, last_progress;
	long want = env_num("COSY_FUZZ_ITERS", 0), only = env_num("COSY_FUZZ_ONLY", -1);
	int hang_ms = env_num("COSY_FUZZ_HANG_MS", 2500);
	const char *ex = getenv("COSY_FUZZ_EXCLUDE");
	struct cosy_segment *seg;
	struct fz_plan p;
	char buf[1024];
	int err, i;

	fz_seed = env_num("COSY_FUZZ_SEED", 1);
	fz_trace = env_num("COSY_FUZZ_TRACE", 0);
	snprintf(fz_exclude, sizeof(fz_exclude), "%s", ex ? ex : "");
	G.probe = tl_compound("probe");
	TL_CHECK(G.probe != NULL, "probe");
	G.probe_fd = cosy_compound__prog_fd(G.probe, "probe");
	seg = G.probe->seg;
	G.real_fd = seg->fd;
	G.real_mem = seg->mem;
	G.real_map_len = seg->map_len;
	TL_EQ(fixture(), 0);
	err = hostile_load();
	TL_CHECK(!err, "loading hostile/fuzz_state.bpf.o: %s", strerror(-err));
	TL_CHECK(!btf_maps(), "value BTF with bpf_timer / bpf_spin_lock: %s", strerror(errno));
	snprintf(G.sysfs, sizeof(G.sysfs), "%s", access(FZ_SYSFS, R_OK) ? "/sys/kernel/notes"
									: FZ_SYSFS);
	res_shm = mmap(NULL, sizeof(*res_shm), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		       -1, 0);
	TL_CHECK(res_shm != MAP_FAILED, "mmap");
	printf("#   seed %llu, %s%s%s\n", (unsigned long long)fz_seed,
	       only >= 0 ? "one iteration" : want ? "a fixed number of iterations" : "time budget",
	       *fz_exclude ? ", excluding: " : "", fz_exclude);

	t0 = last_progress = now_s();
	for (i = only >= 0 ? only : 0;; i++) {
		if (only >= 0 ? i > only : want ? i >= want : now_s() - t0 >= seconds)
			break;
		plan_make(&p, i);
		if (fz_trace) {
			plan_str(&p, buf, sizeof(buf));
			printf("#   %s\n", buf);
		}
		iters++;
		by_type[p.type]++;
		if (!iterate(&p, hang_ms, &calls))
			break;
		fixture_restore();
		if (now_s() - last_progress > 10) {
			last_progress = now_s();
			printf("#   ... %llu iterations, %llu calls, %lu states, %lu findings\n",
			       iters, calls, fz_nstates, fz_nfind);
		}
	}
	printf("#   seed %llu: %llu iterations (%llu probe, %llu loop, %llu timer) in %.0f s, "
	       "%llu kfunc calls, %lu distinct states, %lu findings (%lu iterations with a note)\n",
	       (unsigned long long)fz_seed, iters, by_type[IT_probe], by_type[IT_loop],
	       by_type[IT_timercb], now_s() - t0, calls, fz_nstates, fz_nfind, fz_nnotes);
	printf("#   precise checks made:");
	for (i = 0; i < CK__N; i++)
		printf(" %s %lu", check_names[i], fz_checked[i]);
	printf("\n");
	for (i = 0; i < fz_nkeys; i++)
		printf("#     %6lu x %s\n", fz_keys[i].n, fz_keys[i].key);
	munmap(res_shm, sizeof(*res_shm));
	bpf_object__close(G.hobj);
	btf__free(G.btf);
	TL_EQ(fz_nfind, 0);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
