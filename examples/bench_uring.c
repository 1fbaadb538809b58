// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-bench's io_uring baselines, in two variants (struct bench_uring_cfg):
 * basic, the first port of each loop a user writes, and tuned, the way
 * liburing's authors would write it.  cosy-bench sweeps both over queue
 * depths and keeps the fastest, so a compound is never measured against a
 * strawman.  Every run also counts its io-wq punts: a request io_uring
 * could not complete inline (no non-blocking path for that file or op)
 * goes to a worker thread, and that is where io_uring's time goes.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "cosy-bench.h"

struct bench_uring_cfg bench_uring = { .tuned = true, .qd = 32 };

int bench_uring_parse(const char *s, struct bench_uring_cfg *cfg)
{
	const char *colon = strchr(s, ':');
	unsigned long qd;
	char *end;

	if (!colon)
		return -EINVAL;
	if (colon - s == 5 && !strncmp(s, "basic", 5))
		cfg->tuned = false;
	else if (colon - s == 5 && !strncmp(s, "tuned", 5))
		cfg->tuned = true;
	else
		return -EINVAL;
	errno = 0;
	qd = strtoul(colon + 1, &end, 10);
	if (errno || end == colon + 1 || *end || !qd || qd > BENCH_URING_QD_MAX)
		return -EINVAL;
	cfg->qd = qd;
	return 0;
}

void bench_uring_str(const struct bench_uring_cfg *cfg, char *buf, size_t len)
{
	snprintf(buf, len, "%s:%u", cfg->tuned ? "tuned" : "basic", cfg->qd);
}

/* ---- io-wq punts ------------------------------------------------------------ */

static int punt_fd = -2;	/* -2: not opened yet; -1: cannot count */

/* The tracepoint's id, from tracefs wherever it is mounted; -1 if none. */
static long punt_event_id(void)
{
	static const char *const roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	char path[128];
	long id = -1;
	unsigned i;

	for (i = 0; i < sizeof(roots) / sizeof(roots[0]) && id < 0; i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/events/io_uring/io_uring_queue_async_work/id",
			 roots[i]);
		f = fopen(path, "re");
		if (!f)
			continue;
		if (fscanf(f, "%ld", &id) != 1)
			id = -1;
		fclose(f);
	}
	return id;
}

void bench_punts_start(void)
{
	if (punt_fd == -2) {
		struct perf_event_attr a = {
			.type = PERF_TYPE_TRACEPOINT,
			.size = sizeof(a),
			.disabled = 1,
		};
		long id = punt_event_id();

		punt_fd = -1;
		if (id >= 0) {
			a.config = id;
			/* this thread, any CPU: the submitter is where io_uring punts */
			punt_fd = syscall(__NR_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
		}
		if (punt_fd < 0)
			fprintf(stderr, "cosy-bench: io-wq punts not counted (the "
				"io_uring_queue_async_work tracepoint: %s)\n",
				id < 0 ? "no tracefs with it mounted" : strerror(errno));
	}
	if (punt_fd >= 0) {
		ioctl(punt_fd, PERF_EVENT_IOC_RESET, 0);
		ioctl(punt_fd, PERF_EVENT_IOC_ENABLE, 0);
	}
}

uint64_t bench_punts_stop(void)
{
	uint64_t n;

	if (punt_fd < 0)
		return UINT64_MAX;
	ioctl(punt_fd, PERF_EVENT_IOC_DISABLE, 0);
	if (read(punt_fd, &n, sizeof(n)) != sizeof(n))
		return UINT64_MAX;
	return n;
}

/* ---- rings ------------------------------------------------------------------ */

/*
 * tuned: one thread submits and reaps, so the kernel may run completions
 * only when that thread waits (DEFER_TASKRUN, 6.1+), else at least not by
 * interrupting it (COOP_TASKRUN, 5.19+).  Older kernels get a plain ring.
 */
static int ring_init(struct io_uring *ring, unsigned entries, bool tuned)
{
	static const unsigned flags[] = {
		IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN,
		IORING_SETUP_COOP_TASKRUN,
	};
	unsigned i;
	int err;

	for (i = 0; tuned && i < sizeof(flags) / sizeof(flags[0]); i++) {
		struct io_uring_params p = { .flags = flags[i] };

		err = io_uring_queue_init_params(entries, ring, &p);
		if (err != -EINVAL)
			return err;
	}
	return io_uring_queue_init(entries, ring, 0);
}

static size_t page_up(size_t n)
{
	return (n + 4095) & ~(size_t)4095;
}

/* Reap every completion already posted: fn(ctx, cqe) for each; 0 or its first error. */
static int reap(struct io_uring *ring, int (*fn)(void *ctx, struct io_uring_cqe *cqe), void *ctx)
{
	struct io_uring_cqe *cqe;
	int err = 0, e;

	while (!io_uring_peek_cqe(ring, &cqe)) {
		e = fn(ctx, cqe);
		if (e && !err)
			err = e;
		io_uring_cqe_seen(ring, cqe);
	}
	return err;
}

/* Reap n completions already waited for: the first error among them, or 0. */
static int reap_n(struct io_uring *ring, unsigned n)
{
	struct io_uring_cqe *cqe;
	int err = 0;

	while (n-- && !io_uring_peek_cqe(ring, &cqe)) {
		if (cqe->res < 0 && !err)
			err = cqe->res;
		io_uring_cqe_seen(ring, cqe);
	}
	return err;
}

/* ---- cp ----------------------------------------------------------------------- */

/*
 * basic: waves of qd read->write pairs, linked, at explicit offsets.  The
 * size is known (fstat), so each read asks exactly what is there and a
 * short read cannot cancel its linked write.
 */
static int cp_uring_basic(struct wl *w, struct result *r)
{
	unsigned qd = bench_uring.qd;
	size_t stride = page_up(w->chunk);
	char *bufs = aligned_alloc(4096, qd * stride);
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	uint64_t size, off = 0;
	int in, out, err, inflight;
	struct stat st;
	unsigned i;

	if (!bufs)
		return -ENOMEM;
	err = open_pair(w, &in, &out, r);
	if (err) {
		free(bufs);
		return err;
	}
	err = io_uring_queue_init(2 * qd, &ring, 0);
	r->syscalls++;
	if (err)
		goto out;
	if (fstat(in, &st))
		err = -errno;
	r->syscalls++;
	size = st.st_size;
	while (off < size && !err) {
		for (i = 0, inflight = 0; i < qd && off < size; i++) {
			unsigned len = size - off < w->chunk ? size - off : w->chunk;

			sqe = io_uring_get_sqe(&ring);
			io_uring_prep_read(sqe, in, bufs + i * stride, len, off);
			sqe->flags |= IOSQE_IO_LINK;
			sqe = io_uring_get_sqe(&ring);
			io_uring_prep_write(sqe, out, bufs + i * stride, len, off);
			off += len;
			inflight += 2;
		}
		err = io_uring_submit_and_wait(&ring, inflight);
		r->syscalls++;
		if (err < 0)
			break;
		err = reap_n(&ring, inflight);
	}
	r->value = err ? 0 : off;
	io_uring_queue_exit(&ring);
	r->syscalls++;
out:
	err = close_pair(in, out, r) ?: err;
	free(bufs);
	return err;
}

/*
 * tuned: a rolling window of qd pairs on registered files and buffers;
 * a slot whose write completes takes the next chunk at once, so the ring
 * never drains between waves.  user_data: slot | write << 16 | len << 32.
 */
struct cp_ring {
	struct io_uring ring;
	char *bufs;
	size_t stride, chunk;
	uint64_t size, off, done;
	unsigned inflight;	/* pairs */
	bool failed;
};

static void cp_queue_pair(struct cp_ring *c, unsigned slot)
{
	unsigned len = c->size - c->off < c->chunk ? c->size - c->off : c->chunk;
	char *buf = c->bufs + slot * c->stride;
	struct io_uring_sqe *sqe;

	sqe = io_uring_get_sqe(&c->ring);
	io_uring_prep_read_fixed(sqe, 0, buf, len, c->off, 0);
	sqe->flags |= IOSQE_FIXED_FILE | IOSQE_IO_LINK;
	sqe->user_data = slot | (uint64_t)len << 32;
	sqe = io_uring_get_sqe(&c->ring);
	io_uring_prep_write_fixed(sqe, 1, buf, len, c->off, 0);
	sqe->flags |= IOSQE_FIXED_FILE;
	sqe->user_data = slot | 1u << 16 | (uint64_t)len << 32;
	c->off += len;
	c->inflight++;
}

static int cp_done(void *ctx, struct io_uring_cqe *cqe)
{
	struct cp_ring *c = ctx;
	unsigned slot = cqe->user_data & 0xffff, len = cqe->user_data >> 32;
	bool write = cqe->user_data & 1u << 16;

	if (cqe->res != (int)len) {
		c->failed = true;
		if (write)
			c->inflight--;
		return cqe->res < 0 ? cqe->res : -EIO;
	}
	if (!write)
		return 0;
	c->inflight--;
	c->done += len;
	if (c->off < c->size && !c->failed)
		cp_queue_pair(c, slot);
	return 0;
}

static int cp_uring_tuned(struct wl *w, struct result *r)
{
	struct cp_ring c = { .stride = page_up(w->chunk), .chunk = w->chunk };
	unsigned qd = bench_uring.qd, slot;
	struct iovec iov;
	int in, out, fds[2], err, e;
	struct stat st;

	c.bufs = aligned_alloc(4096, qd * c.stride);
	if (!c.bufs)
		return -ENOMEM;
	err = open_pair(w, &in, &out, r);
	if (err) {
		free(c.bufs);
		return err;
	}
	err = ring_init(&c.ring, 2 * qd, true);
	r->syscalls++;
	if (err)
		goto out;
	fds[0] = in;
	fds[1] = out;
	iov.iov_base = c.bufs;
	iov.iov_len = qd * c.stride;
	err = io_uring_register_files(&c.ring, fds, 2) ?: io_uring_register_buffers(&c.ring, &iov, 1);
	r->syscalls += 3;
	if (!err && fstat(in, &st))
		err = -errno;
	c.size = err ? 0 : st.st_size;
	for (slot = 0; slot < qd && c.off < c.size; slot++)
		cp_queue_pair(&c, slot);
	/* drain even after a failure: the kernel owns the buffers until then */
	while (c.inflight) {
		e = io_uring_submit_and_wait(&c.ring, 1);
		r->syscalls++;
		if (e < 0 && e != -EINTR) {
			err = err ?: e;
			break;
		}
		e = reap(&c.ring, cp_done, &c);
		err = err ?: e;
	}
	r->value = err ? 0 : c.done;
	io_uring_queue_exit(&c.ring);
out:
	err = close_pair(in, out, r) ?: err;
	free(c.bufs);
	return err;
}

int cp_uring(struct wl *w, struct result *r)
{
	return bench_uring.tuned ? cp_uring_tuned(w, r) : cp_uring_basic(w, r);
}

/* ---- cat-many ----------------------------------------------------------------- */

/*
 * basic: batches of qd files, openat -> read -> write -> close as four
 * waves (a write needs its read's length, so they cannot be linked).
 */
static int cat_uring_basic(struct wl *w, struct result *r)
{
	unsigned qd = bench_uring.qd;
	size_t stride = page_up(w->chunk);
	char *bufs = aligned_alloc(4096, qd * stride);
	int fds[BENCH_URING_QD_MAX], lens[BENCH_URING_QD_MAX], out, err = 0, k, b;
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	uint64_t off = 0;
	unsigned long i;

	out = open(w->argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	r->syscalls++;
	if (out < 0 || !bufs || io_uring_queue_init(qd, &ring, 0)) {
		if (out >= 0)
			close(out);
		free(bufs);
		return -EIO;
	}
	r->syscalls++;
	for (i = 0; i < w->n && !err; i += b) {
		b = w->n - i < qd ? w->n - i : qd;
		for (k = 0; k < b; k++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

			io_uring_prep_openat(sqe, AT_FDCWD, w->paths[i + k], O_RDONLY, 0);
			sqe->user_data = k;
		}
		io_uring_submit_and_wait(&ring, b);
		r->syscalls++;
		for (k = 0; k < b; k++) {
			io_uring_peek_cqe(&ring, &cqe);
			fds[cqe->user_data] = cqe->res;
			if (cqe->res < 0)
				err = cqe->res;
			io_uring_cqe_seen(&ring, cqe);
		}
		for (k = 0; k < b && !err; k++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

			io_uring_prep_read(sqe, fds[k], bufs + k * stride, w->chunk, 0);
			sqe->user_data = k;
		}
		if (!err) {
			io_uring_submit_and_wait(&ring, b);
			r->syscalls++;
		}
		for (k = 0; k < b && !err; k++) {
			io_uring_peek_cqe(&ring, &cqe);
			lens[cqe->user_data] = cqe->res;
			if (cqe->res < 0 || cqe->res == (int)w->chunk)
				err = cqe->res < 0 ? cqe->res : -EFBIG;	/* files > one chunk: not this workload */
			io_uring_cqe_seen(&ring, cqe);
		}
		for (k = 0; k < b && !err; k++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

			io_uring_prep_write(sqe, out, bufs + k * stride, lens[k], off);
			off += lens[k];
		}
		for (k = 0; k < b; k++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

			if (!sqe) {
				io_uring_submit(&ring);
				r->syscalls++;
				sqe = io_uring_get_sqe(&ring);
			}
			if (fds[k] >= 0)
				io_uring_prep_close(sqe, fds[k]);
			else
				io_uring_prep_nop(sqe);
		}
		io_uring_submit_and_wait(&ring, err ? b : 2 * b);
		r->syscalls++;
		k = reap_n(&ring, err ? b : 2 * b);
		err = err ?: k;
	}
	r->value = err ? 0 : off;
	io_uring_queue_exit(&ring);
	close(out);
	r->syscalls += 2;
	free(bufs);
	return err;
}

/*
 * tuned: each file is one hard-linked chain, openat into a direct
 * descriptor -> read_fixed -> close, so no fd ever enters the fd table;
 * the writes of one batch go in the same submit as the next batch's
 * chains (two buffer and descriptor sets take turns).  One io_uring_enter
 * per batch.  user_data: op << 24 | set << 16 | k.
 */
enum { CAT_OPEN, CAT_READ, CAT_CLOSE, CAT_WRITE };

struct cat_ring {
	struct io_uring ring;
	char *bufs;
	size_t stride, chunk;
	unsigned qd;
	int lens[2][BENCH_URING_QD_MAX];
	unsigned pending;
};

static char *cat_buf(struct cat_ring *c, unsigned set, unsigned k)
{
	return c->bufs + (set * c->qd + k) * c->stride;
}

static int cat_done(void *ctx, struct io_uring_cqe *cqe)
{
	struct cat_ring *c = ctx;
	unsigned op = cqe->user_data >> 24, set = cqe->user_data >> 16 & 0xff;
	unsigned k = cqe->user_data & 0xffff;

	c->pending--;
	if (cqe->res < 0)
		return cqe->res;
	if (op == CAT_READ) {
		c->lens[set][k] = cqe->res;
		if (cqe->res == (int)c->chunk)
			return -EFBIG;	/* files > one chunk: not this workload */
	}
	if (op == CAT_WRITE && cqe->res != c->lens[set][k])
		return -EIO;
	return 0;
}

static int cat_uring_tuned(struct wl *w, struct result *r)
{
	struct cat_ring c = { .stride = page_up(w->chunk), .chunk = w->chunk, .qd = bench_uring.qd };
	unsigned outslot = 2 * c.qd, set = 0, prev_b = 0, k, b;
	struct io_uring_sqe *sqe;
	uint64_t off = 0;
	unsigned long i = 0;
	struct iovec iov;
	int out, err, e;

	c.bufs = aligned_alloc(4096, 2 * c.qd * c.stride);
	out = open(w->argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	r->syscalls++;
	if (out < 0 || !c.bufs) {
		err = out < 0 ? -errno : -ENOMEM;
		if (out >= 0)
			close(out);
		free(c.bufs);
		return err;
	}
	err = ring_init(&c.ring, 4 * c.qd, true);
	r->syscalls++;
	if (err)
		goto out;
	iov.iov_base = c.bufs;
	iov.iov_len = 2 * c.qd * c.stride;
	err = io_uring_register_files_sparse(&c.ring, outslot + 1) ?:
	      io_uring_register_files_update(&c.ring, outslot, &out, 1);
	if (err > 0)
		err = 0;
	err = err ?: io_uring_register_buffers(&c.ring, &iov, 1);
	r->syscalls += 3;
	/* batch i's chains with batch i-1's writes; a last round writes only */
	while (!err && (i < w->n || prev_b)) {
		b = w->n - i < c.qd ? w->n - i : c.qd;
		for (k = 0; k < b; k++) {
			unsigned slot = set * c.qd + k;
			uint64_t ud = (uint64_t)set << 16 | k;

			sqe = io_uring_get_sqe(&c.ring);
			io_uring_prep_openat_direct(sqe, AT_FDCWD, w->paths[i + k], O_RDONLY, 0, slot);
			sqe->flags |= IOSQE_IO_HARDLINK;
			sqe->user_data = (uint64_t)CAT_OPEN << 24 | ud;
			sqe = io_uring_get_sqe(&c.ring);
			io_uring_prep_read_fixed(sqe, slot, cat_buf(&c, set, k), c.chunk, 0, 0);
			sqe->flags |= IOSQE_FIXED_FILE | IOSQE_IO_HARDLINK;
			sqe->user_data = (uint64_t)CAT_READ << 24 | ud;
			sqe = io_uring_get_sqe(&c.ring);
			io_uring_prep_close_direct(sqe, slot);
			sqe->user_data = (uint64_t)CAT_CLOSE << 24 | ud;
		}
		for (k = 0; k < prev_b; k++) {
			sqe = io_uring_get_sqe(&c.ring);
			io_uring_prep_write_fixed(sqe, outslot, cat_buf(&c, !set, k),
						  c.lens[!set][k], off, 0);
			sqe->flags |= IOSQE_FIXED_FILE;
			sqe->user_data = (uint64_t)CAT_WRITE << 24 | (uint64_t)!set << 16 | k;
			off += c.lens[!set][k];
		}
		c.pending = 3 * b + prev_b;
		e = io_uring_submit_and_wait(&c.ring, c.pending);
		r->syscalls++;
		if (e < 0)
			err = e;
		/* every request of the round completes before its buffers are reused */
		while (c.pending) {
			e = reap(&c.ring, cat_done, &c);
			err = err ?: e;
			if (c.pending && (e = io_uring_get_events(&c.ring)) < 0) {
				err = err ?: e;
				break;
			}
		}
		i += b;
		prev_b = b;
		set = !set;
	}
	r->value = err ? 0 : off;
	io_uring_queue_exit(&c.ring);
out:
	close(out);
	r->syscalls += 2;
	free(c.bufs);
	return err;
}

int cat_uring(struct wl *w, struct result *r)
{
	return bench_uring.tuned ? cat_uring_tuned(w, r) : cat_uring_basic(w, r);
}

/* ---- ls-l ------------------------------------------------------------------- */

/*
 * io_uring has no getdents: getdents64 syscalls, then statx in batches of
 * qd.  statx has no non-blocking path, so io_uring hands every one to an
 * io-wq worker: the punt count equals the entries.  tuned: the ring's
 * flags, and io-wq's workers bounded by the CPUs (unbounded, each batch
 * starts up to qd workers that contend for two vCPUs).
 */
int ls_uring(struct wl *w, struct result *r)
{
	unsigned qd = bench_uring.qd, q = 0;
	struct statx *sx = calloc(qd, sizeof(*sx));
	static char buf[64 << 10];
	struct io_uring ring;
	struct io_uring_cqe *cqe;
	long n = 0, pos;
	int fd, err;

	fd = open(w->argv[0], O_RDONLY | O_DIRECTORY);
	r->syscalls++;
	if (fd < 0 || !sx) {
		err = fd < 0 ? -errno : -ENOMEM;
		free(sx);
		if (fd >= 0)
			close(fd);
		return err;
	}
	err = ring_init(&ring, qd, bench_uring.tuned);
	r->syscalls++;
	if (!err && bench_uring.tuned) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		unsigned max[2] = { cpus > 0 ? cpus : 1, cpus > 0 ? cpus : 1 };

		err = io_uring_register_iowq_max_workers(&ring, max);
		r->syscalls++;
		if (err)
			io_uring_queue_exit(&ring);
	}
	if (err) {
		free(sx);
		close(fd);
		return err;
	}
	while (!err && (n = getdents64(fd, buf, sizeof(buf))) > 0) {
		r->syscalls++;
		for (pos = 0; pos < n;) {
			struct dirent64 *de = (void *)(buf + pos);
			struct io_uring_sqe *sqe;

			pos += de->d_reclen;
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
				sqe = io_uring_get_sqe(&ring);
				io_uring_prep_statx(sqe, fd, de->d_name, AT_SYMLINK_NOFOLLOW,
						    STATX_BASIC_STATS, &sx[q++]);
			}
			if (!q || (q < qd && pos < n))
				continue;
			/* names live in buf: complete before the next getdents */
			err = io_uring_submit_and_wait(&ring, q);
			r->syscalls++;
			if (err < 0)
				break;
			err = 0;
			while (q) {
				if (io_uring_peek_cqe(&ring, &cqe)) {
					err = -EIO;
					break;
				}
				if (cqe->res < 0)
					err = cqe->res;
				io_uring_cqe_seen(&ring, cqe);
				q--;
				r->value++;
			}
		}
	}
	if (n < 0)
		err = -errno;
	r->syscalls++;
	io_uring_queue_exit(&ring);
	close(fd);
	r->syscalls += 2;
	free(sx);
	return err;
}

/* ---- burst ------------------------------------------------------------------ */

/* N zero-byte reads, qd per submit; tuned: on a registered file. */
int burst_uring(struct wl *w, struct result *r)
{
	unsigned qd = bench_uring.qd, k, b;
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	unsigned long i = 0;
	int err, e;
	char c;

	err = ring_init(&ring, qd, bench_uring.tuned);
	if (err)
		return err;
	r->syscalls = 2;
	if (bench_uring.tuned) {
		err = io_uring_register_files(&ring, &burst_fd, 1);
		r->syscalls++;
	}
	while (i < w->n && !err) {
		b = w->n - i < qd ? w->n - i : qd;
		for (k = 0; k < b; k++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

			if (bench_uring.tuned) {
				io_uring_prep_read(sqe, 0, &c, 0, 0);
				sqe->flags |= IOSQE_FIXED_FILE;
			} else {
				io_uring_prep_read(sqe, burst_fd, &c, 0, 0);
			}
		}
		e = io_uring_submit_and_wait(&ring, b);
		r->syscalls++;
		if (e < 0) {
			err = e;
			break;
		}
		for (k = 0; k < b; k++) {
			if (io_uring_peek_cqe(&ring, &cqe)) {
				err = -EIO;
				break;
			}
			if (cqe->res)
				err = cqe->res < 0 ? cqe->res : -EIO;
			io_uring_cqe_seen(&ring, cqe);
			r->value++;
		}
		i += b;
	}
	io_uring_queue_exit(&ring);
	return err;
}
