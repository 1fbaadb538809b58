// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * The segmentation guard, one case per rule: the probe compound is told to
 * break the rule and must get the documented errno (include/cosy/guard.h,
 * include/cosy/abi.h).  testlib checks that no case changes the fd count
 * unless it says so; the harness checks dmesg after the file.
 */
#define _GNU_SOURCE	/* O_DIRECT */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe_run.h"
#include "libcosy_internal.h"	/* struct cosy_segment, to fake a small one */

/* --- range: every (offset, length) inside the data area, no wrap-around --- */

TL_CASE(range_inside_passes)
{
	reset();
	TL_EQ(tl_make_file("f", 8192, 1), 0);
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	step(COSY_OP_PREAD, PROBE_FD_LAST, DSZ - 100, 100);
	step(COSY_OP_PREAD, PROBE_FD_LAST, DSZ, 0);
	step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	TL_EQ(run(), 0);
	TL_EQ(pa.res[1], 100);
	TL_EQ(pa.res[2], 0);
	TL_EQ(pa.res[3], 0);
	return 0;
}

static int range_case(__u32 op, __u32 off, __u32 len)
{
	reset();
	TL_EQ(tl_make_file("f", 8192, 1), 0);
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDWR;
	step(op, PROBE_FD_LAST, off, len);
	step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	TL_EQ(run(), 0);
	TL_CHECK(pa.res[0] >= 0, "open: %lld", (long long)pa.res[0]);
	TL_EQ(pa.res[1], -EFAULT);
	TL_EQ(ro.fail_err, -EFAULT);
	TL_EQ(ro.fail_op, op);
	return 0;
}

TL_CASE(range_read_past_end_is_efault) { return range_case(COSY_OP_READ, DSZ - 10, 11); }
TL_CASE(range_write_past_end_is_efault) { return range_case(COSY_OP_WRITE, DSZ - 4095, 4096); }
TL_CASE(range_pread_offset_past_end_is_efault) { return range_case(COSY_OP_PREAD, DSZ + 1, 0); }
TL_CASE(range_pwrite_huge_len_is_efault) { return range_case(COSY_OP_PWRITE, 0, DSZ + 1); }
/* off + len wraps to a small number in 32 bits: must not pass. */
TL_CASE(range_wraparound_is_efault) { return range_case(COSY_OP_READ, 0xfffff000u, 0x2000u); }
TL_CASE(range_max_offset_is_efault) { return range_case(COSY_OP_WRITE, 0xffffffffu, 1); }
TL_CASE(range_memset_past_end_is_efault) { return range_case(COSY_OP_MEMSET, DSZ - 4095, 4096); }
TL_CASE(range_memset_wraparound_is_efault) { return range_case(COSY_OP_MEMSET, 0xfffff000u, 0x2000u); }

/* cosy_memset() fills exactly its slice, with (unsigned char)c; a refused one writes nothing. */
TL_CASE(memset_fills_its_slice_only)
{
	reset();
	memset(data(), 'x', DSZ);
	step(COSY_OP_MEMSET, 0, 100, 50)->flags = 0x141;	/* 'A' as unsigned char */
	step(COSY_OP_MEMSET, 0, DSZ - 1, 1)->flags = 0;
	step(COSY_OP_MEMSET, 0, DSZ - 1, 2)->flags = 0;		/* one byte past: nothing */
	step(COSY_OP_MEMSET, 0, 200, 0)->flags = 0;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], 0);
	TL_EQ(pa.res[1], 0);
	TL_EQ(pa.res[2], -EFAULT);
	TL_EQ(pa.res[3], 0);
	TL_CHECK(data()[99] == 'x' && data()[100] == 'A' && data()[149] == 'A' &&
		 data()[150] == 'x', "the slice [100, 150) is not exactly 'A'");
	TL_CHECK(data()[DSZ - 2] == 'x' && data()[DSZ - 1] == 0, "the last byte");
	for (__u32 i = 0; i < DSZ; i++)
		if ((i < 100 || i >= 150) && i < DSZ - 1 && data()[i] != 'x')
			TL_CHECK(0, "byte %u changed", i);
	return 0;
}

/* Direct access (cosy_data) obeys the same bounds. */
TL_CASE(range_direct_access_inside_and_outside)
{
	reset();
	data()[100] = 42;
	data()[DSZ - 16] = 7;
	step(COSY_OP_DATA, 0, 100, 0);
	step(COSY_OP_DATA, 0, DSZ - 16, 0);
	step(COSY_OP_DATA, 0, DSZ - 15, 0);	/* 16 bytes from here overrun */
	step(COSY_OP_DATA, 0, 0xfffffff8u, 0);	/* and wrap */
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], 42);
	TL_EQ(pa.res[1], 7);
	TL_EQ(pa.res[2], -EFAULT);
	TL_EQ(pa.res[3], -EFAULT);
	return 0;
}

/*
 * cosy_data() says only NULL; cosy_errno() says why: -EFAULT for a slice
 * outside the segment, the stop's errno once the run is stopped.  Neither
 * it nor cosy_stopped() is a call (the probe asks both after every step).
 */
TL_CASE(data_null_says_why)
{
	reset();
	data()[100] = 42;
	ro.budget_calls = 3;
	step(COSY_OP_DATA, 0, DSZ - 15, 0);	/* 16 bytes from here overrun */
	step(COSY_OP_CHECK, 0, 0, 0);
	step(COSY_OP_DATA, 0, 100, 0);		/* the third call: inside */
	step(COSY_OP_DATA, 0, 100, 0);		/* the fourth: past the budget */
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], -EFAULT);
	TL_EQ(pa.errs[0], -EFAULT);
	TL_EQ(pa.errs[1], 0);			/* a success clears it */
	TL_EQ(pa.res[2], 42);
	TL_EQ(pa.res[3], -EDQUOT);
	TL_EQ(pa.errs[3], -EDQUOT);
	TL_EQ(pa.stopped, COSY_STOP_CALLS);
	TL_EQ(ro.stats.calls, 3);
	TL_EQ(ro.stop_reason, COSY_STOP_CALLS);
	TL_EQ(ro.fail_op, COSY_OP_DATA);	/* the first failure: the overrun */
	TL_EQ(ro.fail_err, -EFAULT);
	return 0;
}

/*
 * The same errno with and without a stop: -EFBIG from the file size limit
 * (RLIMIT_FSIZE) and from the bytes budget.  cosy_stopped() tells them
 * apart.  In a child: the limit and SIGXFSZ stay there.
 */
static int efbig_twice(void)
{
	struct rlimit lim;

	signal(SIGXFSZ, SIG_IGN);
	TL_EQ(getrlimit(RLIMIT_FSIZE, &lim), 0);
	lim.rlim_cur = 4096;
	TL_EQ(setrlimit(RLIMIT_FSIZE, &lim), 0);
	reset();
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_WRONLY | O_CREAT | O_TRUNC;
	pa.steps[0].mode = 0644;
	step(COSY_OP_PWRITE, PROBE_FD_LAST, 4096, 100)->pos = 8192;
	step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	TL_EQ(run(), 0);
	TL_EQ(pa.res[1], -EFBIG);
	TL_EQ(pa.errs[1], -EFBIG);
	TL_EQ(pa.res[2], 0);
	TL_EQ(pa.stopped, COSY_STOP_NONE);
	TL_EQ(ro.stop_reason, COSY_STOP_NONE);

	reset();
	ro.budget_bytes = 10;
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_WRONLY;
	step(COSY_OP_PWRITE, PROBE_FD_LAST, 4096, 100)->pos = 0;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[1], -EFBIG);
	TL_EQ(pa.errs[1], -EFBIG);
	TL_EQ(pa.stopped, COSY_STOP_BYTES);
	TL_EQ(ro.stop_reason, COSY_STOP_BYTES);
	return 0;
}

TL_CASE(stopped_tells_a_stop_from_the_same_errno)
{
	return tl_in_child(efbig_twice, 60);
}

/* --- the segment: the caller's own mmappable one-entry array, by fd --- */

TL_CASE(segment_fd_that_is_not_a_segment_is_refused)
{
	int fd = open("/proc/self/status", O_RDONLY);

	reset();
	TL_CHECK(fd >= 0, "open");
	step(COSY_OP_CHECK, 0, 0, 0);
	/* libcosy fills seg_fd; a raw run shows what the module does with junk. */
	pa.cosy.magic = COSY_CTX_MAGIC;
	pa.cosy.abi_version = COSY_ABI_VERSION;
	pa.cosy.seg_fd = fd;
	{
		LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = &pa, .ctx_size_in = sizeof(pa));

		TL_EQ(bpf_prog_test_run_opts(cosy_compound__prog_fd(tl_compound("probe"), "probe"), &t), 0);
		TL_EQ((int)t.retval, -EINVAL);	/* an fd, but not a map */
		TL_EQ(pa.cosy.begin_err, -EINVAL);
	}
	pa.cosy.seg_fd = -1;
	pa.cosy.begin_err = 0;
	{
		LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = &pa, .ctx_size_in = sizeof(pa));

		TL_EQ(bpf_prog_test_run_opts(cosy_compound__prog_fd(tl_compound("probe"), "probe"), &t), 0);
		TL_EQ((int)t.retval, -EBADF);
	}
	pa.cosy.abi_version = 1;	/* an older libcosy */
	pa.cosy.begin_err = 0;
	{
		LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = &pa, .ctx_size_in = sizeof(pa));

		TL_EQ(bpf_prog_test_run_opts(cosy_compound__prog_fd(tl_compound("probe"), "probe"), &t), 0);
		TL_EQ((int)t.retval, -EPROTO);
	}
	close(fd);
	return 0;
}

TL_CASE(segment_map_of_the_wrong_kind_is_einval)
{
	LIBBPF_OPTS(bpf_map_create_opts, mo);
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "notmmap", 4, PROBE_SEG_SIZE, 1, &mo);

	reset();
	TL_CHECK(fd >= 0, "map create: %s", strerror(errno));
	step(COSY_OP_CHECK, 0, 0, 0);
	pa.cosy.magic = COSY_CTX_MAGIC;
	pa.cosy.abi_version = COSY_ABI_VERSION;
	pa.cosy.seg_fd = fd;	/* an array, but not mmappable */
	{
		LIBBPF_OPTS(bpf_test_run_opts, t, .ctx_in = &pa, .ctx_size_in = sizeof(pa));

		TL_EQ(bpf_prog_test_run_opts(cosy_compound__prog_fd(tl_compound("probe"), "probe"), &t), 0);
		TL_EQ((int)t.retval, -EINVAL);
	}
	close(fd);
	return 0;
}

TL_CASE(segment_too_small_for_the_compound_is_refused)
{
	struct cosy_segment *small;

	reset();
	/* libcosy refuses before the kernel could see out-of-range offsets. */
	small = cosy_segment__new(tl_compound("probe"));
	TL_CHECK(small != NULL, "segment");
	small->size = PROBE_SEG_SIZE / 2;	/* pretend */
	ro.segment = small;
	step(COSY_OP_CHECK, 0, 0, 0);
	TL_EQ(cosy_compound__run(tl_compound("probe"), "probe", &pa, sizeof(pa), &ro), -ENOSPC);
	small->size = PROBE_SEG_SIZE;
	cosy_segment__free(small);
	return 0;
}

/* --- paths: NUL-terminated inside the segment, at most PATH_MAX --- */

TL_CASE(path_unterminated_at_segment_end_is_efault)
{
	reset();
	memset(data() + DSZ - 64, 'a', 64);
	step(COSY_OP_OPEN, 0, DSZ - 64, 0)->flags = O_RDONLY;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], -EFAULT);
	return 0;
}

TL_CASE(path_offset_outside_segment_is_efault)
{
	reset();
	step(COSY_OP_OPEN, 0, DSZ, 0)->flags = O_RDONLY;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], -EFAULT);
	return 0;
}

TL_CASE(path_longer_than_path_max_is_enametoolong)
{
	reset();
	memset(data(), 'a', COSY_PATH_MAX);
	data()[COSY_PATH_MAX] = 0;		/* terminated, but one byte too far */
	step(COSY_OP_OPEN, 0, 0, 0)->flags = O_RDONLY;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], -ENAMETOOLONG);
	return 0;
}

TL_CASE(path_of_path_max_minus_one_opens)
{
	char *p = data();
	int i;

	reset();
	/* "././.../f": 4095 characters, legal for the VFS too. */
	for (i = 0; i < (int)COSY_PATH_MAX - 2; i += 2)
		memcpy(p + i, "./", 2);
	p[COSY_PATH_MAX - 2] = 'f';
	p[COSY_PATH_MAX - 1] = 0;
	TL_EQ(strlen(p), COSY_PATH_MAX - 1);
	TL_EQ(tl_make_file("f", 10, 1), 0);
	step(COSY_OP_OPEN, 0, 0, 0)->flags = O_RDONLY;
	step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	TL_EQ(run(), 0);
	TL_CHECK(pa.res[0] >= 0, "open: %lld", (long long)pa.res[0]);
	TL_EQ(pa.res[1], 0);
	return 0;
}

/*
 * cosy.ko copies a path shorter than 128 bytes to the stack as it scans it
 * and a longer one to the heap: names of 126 to 129 characters, at odd
 * offsets, all open the file they name.
 */
TL_CASE(path_around_the_stack_copy_opens)
{
	char *p;
	int len, i, k = 0;

	reset();
	TL_EQ(tl_make_file("f", 10, 1), 0);
	TL_EQ(tl_make_file("ff", 10, 1), 0);
	for (len = 126; len <= 129; len++, k++) {
		p = data() + 1 + k * 256;
		for (i = 0; len - i > 2; i += 2)
			memcpy(p + i, "./", 2);
		memcpy(p + i, "ff", len - i);	/* "f" or "ff" */
		p[len] = 0;
		TL_EQ(strlen(p), len);
		step(COSY_OP_OPEN, 0, p - data(), 0)->flags = O_RDONLY;
		step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	}
	TL_EQ(run(), 0);
	for (i = 0; i < 2 * k; i += 2) {
		TL_CHECK(pa.res[i] >= 0, "open of %d characters: %lld", 126 + i / 2,
			 (long long)pa.res[i]);
		TL_EQ(pa.res[i + 1], 0);
	}
	return 0;
}

TL_CASE(path_empty_is_enoent)
{
	reset();
	data()[0] = 0;
	step(COSY_OP_OPEN, 0, 0, 0)->flags = O_RDONLY;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], -ENOENT);
	return 0;
}

/* --- fds: owned by the session or granted for the run, nothing else --- */

TL_CASE(fd_not_owned_is_ebadf)
{
	int fd;

	reset();
	TL_EQ(tl_make_file("f", 100, 1), 0);
	fd = open("f", O_RDONLY);
	TL_CHECK(fd >= 0, "open");
	step(COSY_OP_READ, fd, 0, 10);		/* the caller's, not granted */
	step(COSY_OP_LSEEK, 0, 0, 0);		/* stdin */
	TL_EQ(run(), 0);
	close(fd);
	TL_EQ(pa.res[0], -EBADF);
	TL_EQ(pa.res[1], -EBADF);
	return 0;
}

TL_CASE(fd_granted_is_usable_and_stays_open)
{
	int fd, fds[1];

	reset();
	TL_EQ(tl_make_file("f", 100, 1), 0);
	fd = open("f", O_RDONLY);
	TL_CHECK(fd >= 0, "open");
	fds[0] = fd;
	ro.grant_fds = fds;
	ro.ngrant = 1;
	step(COSY_OP_READ, fd, 0, 10);
	step(COSY_OP_CLOSE, fd, 0, 0);		/* not the compound's to close */
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], 10);
	TL_EQ(pa.res[1], -EBADF);
	TL_CHECK(fcntl(fd, F_GETFD) >= 0, "granted fd closed by the compound");
	close(fd);
	return 0;
}

/*
 * An fd handed over (grant_own): the session may close it as if it had
 * opened it, keeps it only with cosy_keep(), and closes it when it ends
 * otherwise.  What a region's next run gets back after a yield.
 */
/* Grant fds[0] and fds[1], the bits of `own` handed over; a fresh probe. */
static void grant_two(int *fds, __u32 own)
{
	reset();
	ro.grant_fds = fds;
	ro.ngrant = 2;
	ro.grant_own = own;
}

/* fds[0] and fds[1]: two read-only fds of a fresh 100-byte file f. */
static int two_fds_of_f(int *fds)
{
	TL_EQ(tl_make_file("f", 100, 1), 0);
	fds[0] = open("f", O_RDONLY);
	fds[1] = open("f", O_RDONLY);
	TL_CHECK(fds[0] >= 0 && fds[1] >= 0, "open");
	return 0;
}

TL_CASE(fd_handed_over_is_the_sessions)
{
	int fds[2];

	TL_EQ(two_fds_of_f(fds), 0);
	grant_two(fds, 2);			/* fds[1] only */
	step(COSY_OP_CLOSE, fds[0], 0, 0);	/* lent: not its to close */
	step(COSY_OP_CLOSE, fds[1], 0, 0);
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], -EBADF);
	TL_EQ(pa.res[1], 0);
	TL_CHECK(fcntl(fds[0], F_GETFD) >= 0, "a lent fd was closed");
	TL_CHECK(fcntl(fds[1], F_GETFD) < 0, "fd %d, handed over and closed, is open", fds[1]);

	/* neither closed nor kept: closed at the session's end, as an open's */
	fds[1] = open("f", O_RDONLY);
	grant_two(fds, 2);
	step(COSY_OP_READ, fds[1], 0, 10);
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], 10);
	TL_EQ(ro.stats.fds_reaped, 1);
	TL_CHECK(fcntl(fds[1], F_GETFD) < 0, "fd %d, handed over, outlived the session", fds[1]);

	/* kept: the caller's again */
	fds[1] = open("f", O_RDONLY);
	grant_two(fds, 2);
	step(COSY_OP_KEEP, fds[1], 0, 0);
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], fds[1]);
	TL_EQ(ro.stats.fds_reaped, 0);
	TL_CHECK(fcntl(fds[1], F_GETFD) >= 0, "fd %d, kept, was closed", fds[1]);

	/* one fd twice, once handed over: refused, it would outlive its close */
	close(fds[0]);
	fds[0] = fds[1];
	grant_two(fds, 1);
	step(COSY_OP_CHECK, 0, 0, 0);
	TL_EQ(run(), -EINVAL);
	TL_EQ(ro.begin_err, -EINVAL);
	TL_CHECK(fcntl(fds[1], F_GETFD) >= 0, "a refused grant closed the fd");
	close(fds[1]);
	return 0;
}

/*
 * A stopped run still hands back what it holds: after the call budget is
 * spent, cosy_keep() of an fd handed over, and of one the compound opened,
 * succeeds (uncharged) and the fds stay open; any other call, and a keep
 * of what the session does not own, gets the stop's errno.
 */
TL_CASE(stopped_run_still_hands_back_its_fds)
{
	int fds[2];

	TL_EQ(two_fds_of_f(fds), 0);
	grant_two(fds, 2);			/* fds[1] handed over */
	ro.budget_calls = 2;
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	step(COSY_OP_CHECK, 0, 0, 0);
	step(COSY_OP_CHECK, 0, 0, 0);		/* the 3rd call: over the budget */
	step(COSY_OP_KEEP, fds[1], 0, 0);
	step(COSY_OP_KEEP, PROBE_FD_LAST, 0, 0);
	step(COSY_OP_KEEP, fds[0], 0, 0);	/* lent, not owned */
	step(COSY_OP_READ, fds[1], 4096, 10);
	TL_EQ(run(), 0);
	TL_CHECK(pa.res[0] >= 0, "open: %lld", (long long)pa.res[0]);
	TL_EQ(pa.res[2], -EDQUOT);
	TL_EQ(pa.res[3], fds[1]);
	TL_EQ(pa.res[4], pa.res[0]);
	TL_EQ(pa.res[5], -EDQUOT);
	TL_EQ(pa.res[6], -EDQUOT);
	TL_EQ(ro.stop_reason, COSY_STOP_CALLS);
	TL_EQ(ro.stats.fds_reaped, 0);
	TL_CHECK(fcntl(fds[1], F_GETFD) >= 0, "fd %d, handed over and kept, was closed", fds[1]);
	TL_CHECK(fcntl((int)pa.res[0], F_GETFD) >= 0, "fd %lld, opened and kept, was closed",
		 (long long)pa.res[0]);
	close((int)pa.res[0]);
	close(fds[0]);
	close(fds[1]);
	return 0;
}

struct swap {
	int n, theirs;
	volatile int running, swapped;
};

/* Once the compound has read from fd n (its offset moved), put `theirs` there. */
static void *swap_after_read(void *p)
{
	struct swap *w = p;

	while (__atomic_load_n(&w->running, __ATOMIC_ACQUIRE))
		if (lseek(w->n, 0, SEEK_CUR) > 0) {
			if (dup2(w->theirs, w->n) == w->n)
				__atomic_store_n(&w->swapped, 1, __ATOMIC_RELEASE);
			break;
		}
	return NULL;
}

/*
 * An fd handed over that another thread closes and reuses mid-run: the
 * session reaps the file it was handed, never the other thread's file now
 * at that number.
 */
TL_CASE(fd_handed_over_and_reused_by_another_thread_is_left_alone)
{
	struct swap w = { .running = 1 };
	struct stat st, theirs;
	int fds[2];
	pthread_t t;

	TL_EQ(tl_make_file("mine", 100, 1), 0);
	TL_EQ(tl_make_file("theirs", 100, 2), 0);
	fds[0] = open("mine", O_RDONLY);
	fds[1] = open("mine", O_RDONLY);
	w.theirs = open("theirs", O_RDONLY);
	TL_CHECK(fds[0] >= 0 && fds[1] >= 0 && w.theirs >= 0, "open");
	TL_EQ(fstat(w.theirs, &theirs), 0);
	w.n = fds[1];
	grant_two(fds, 2);
	step(COSY_OP_READ, fds[1], 0, 10);
	step(COSY_OP_CHECK, 0, 0, 0);		/* long enough for the swap */
	pa.repeat = 1u << 20;
	ro.budget_calls = 1u << 22;
	TL_EQ(pthread_create(&t, NULL, swap_after_read, &w), 0);
	TL_EQ(run(), 0);
	__atomic_store_n(&w.running, 0, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	TL_EQ(pa.res[0], 10);
	TL_CHECK(w.swapped, "the other thread never saw the read");
	TL_CHECK(fstat(fds[1], &st) == 0 && st.st_ino == theirs.st_ino,
		 "fd %d is not the other thread's file after the session ended", fds[1]);
	/* the swap came during the run: it closed the number, the session had nothing to reap */
	TL_CHECK(ro.stats.fds_reaped == 0, "reaped %llu: the run ended before the swap",
		 (unsigned long long)ro.stats.fds_reaped);
	close(fds[1]);
	close(fds[0]);
	close(w.theirs);
	return 0;
}

/*
 * The segment's own map fd, handed over and closed by the compound: the
 * session holds the map, the program's mapping stays, the number is gone.
 */
TL_CASE(segment_fd_handed_over_and_closed_keeps_the_segment)
{
	struct cosy_segment *seg = cosy_segment_create(DSZ);
	int fds[1];

	TL_CHECK(seg, "segment: %s", strerror(errno));
	reset();
	fds[0] = seg->fd;
	ro.grant_fds = fds;
	ro.ngrant = 1;
	ro.grant_own = 1;
	memcpy(seg->mem, "hello", 6);
	step(COSY_OP_CLOSE, seg->fd, 0, 0);
	step(COSY_OP_DATA, 0, 1, 0);		/* its memory after the close: 'e' */
	TL_EQ(run_raw(seg->fd), 0);
	TL_EQ(pa.res[0], 0);
	TL_EQ(pa.res[1], 'e');
	TL_CHECK(fcntl(seg->fd, F_GETFD) < 0, "the segment's fd, closed in the run, is open");
	TL_EQ(memcmp(seg->mem, "hello", 6), 0);
	((char *)seg->mem)[0] = 'j';	/* still the program's mapping */
	munmap(seg->mem, seg->map_len);
	free(seg);
	return 0;
}

static int yield_us(const char *v)
{
	int fd = open("/sys/module/cosy/parameters/yield_us", O_WRONLY);
	int ok = fd >= 0 && write(fd, v, strlen(v)) == (ssize_t)strlen(v);

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static volatile sig_atomic_t alarms;
static volatile int running;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* SIGALRM to the test's thread every millisecond while it runs the probe */
static void *pester(void *arg)
{
	pthread_t main_thread = *(pthread_t *)arg;

	while (__atomic_load_n(&running, __ATOMIC_ACQUIRE)) {
		pthread_kill(main_thread, SIGALRM);
		usleep(1000);
	}
	return NULL;
}

/*
 * COSY_CTX_F_YIELD: cosy_check() answers 1 once the slice is over or a
 * signal waits, never on the run's first check, never without the flag.
 */
TL_CASE(check_asks_to_yield)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	pthread_t self = pthread_self(), t;

	TL_EQ(yield_us("0"), 0);
	reset();
	step(COSY_OP_CHECK, 0, 0, 0);
	step(COSY_OP_CHECK, 0, 0, 0);
	ro.may_yield = true;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], 0);		/* the first check: the run goes that far */
	TL_EQ(pa.res[1], 1);
	TL_EQ(ro.stop_reason, COSY_STOP_NONE);

	reset();			/* not asked for: never */
	step(COSY_OP_CHECK, 0, 0, 0);
	step(COSY_OP_CHECK, 0, 0, 0);
	pa.repeat = 100;
	TL_EQ(run(), 0);
	TL_EQ(pa.res[1], 0);

	/* signals arriving mid-run, the slice far away */
	TL_EQ(yield_us("100000000"), 0);
	sigaction(SIGALRM, &sa, NULL);
	reset();
	step(COSY_OP_CHECK, 0, 0, 0);
	step(COSY_OP_CHECK, 0, 0, 0);
	pa.repeat = 1u << 20;
	ro.may_yield = true;
	ro.budget_calls = 1u << 22;
	alarms = 0;
	running = 1;
	TL_EQ(pthread_create(&t, NULL, pester, &self), 0);
	usleep(5000);			/* a signal or more handled before */
	TL_EQ(run(), 0);
	__atomic_store_n(&running, 0, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	signal(SIGALRM, SIG_DFL);
	TL_EQ(yield_us("20000"), 0);
	TL_CHECK(alarms > 0, "no alarm handled");
	TL_EQ(pa.res[0], 0);
	/* the run ended with a signal waiting, unless it was quicker than 1 ms */
	TL_CHECK(pa.last == 1 || ro.stats.wall_ns < 1000000, "last check %lld after %llu ns",
		 (long long)pa.last, (unsigned long long)ro.stats.wall_ns);
	return 0;
}

TL_CASE(fd_grant_of_closed_fd_fails_begin)
{
	int fds[1] = { 987 };

	reset();
	ro.grant_fds = fds;
	ro.ngrant = 1;
	step(COSY_OP_CHECK, 0, 0, 0);
	TL_EQ(run(), -EBADF);
	TL_EQ(ro.begin_err, -EBADF);
	/* The run's first failure, where a kfunc's would be. */
	TL_EQ(ro.fail_op, COSY_OP_BEGIN);
	TL_EQ(ro.fail_err, -EBADF);
	return 0;
}

TL_CASE(fd_closed_twice_is_ebadf)
{
	reset();
	TL_EQ(tl_make_file("f", 100, 1), 0);
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	step(COSY_OP_CLOSE, PROBE_FD_LAST, 0, 0);
	step(COSY_OP_READ, PROBE_FD_LAST, 0, 1);	/* and no use after close */
	TL_EQ(run(), 0);
	TL_EQ(pa.res[1], 0);
	TL_EQ(pa.res[2], -EBADF);
	TL_EQ(pa.res[3], -EBADF);
	return 0;
}

TL_CASE(fd_left_open_is_closed_at_session_end)
{
	reset();
	TL_EQ(tl_make_file("f", 100, 1), 0);
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	TL_EQ(run(), 0);
	TL_CHECK(pa.res[0] >= 0 && pa.res[1] >= 0, "opens: %lld %lld",
		 (long long)pa.res[0], (long long)pa.res[1]);
	TL_EQ(ro.stats.fds_opened, 2);
	TL_EQ(ro.stats.fds_reaped, 2);
	TL_CHECK(fcntl(pa.res[0], F_GETFD) < 0, "fd %lld still open", (long long)pa.res[0]);
	return 0;	/* testlib: fd count unchanged */
}

TL_CASE_FLAGS(fd_kept_is_handed_to_the_caller, true)
{
	char buf[8];
	int fd;

	reset();
	TL_EQ(tl_make_file("f", 100, 7), 0);
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	step(COSY_OP_KEEP, PROBE_FD_LAST, 0, 0);
	step(COSY_OP_READ, PROBE_FD_LAST, 0, 1);	/* no longer the session's */
	TL_EQ(run(), 0);
	fd = pa.res[0];
	TL_EQ(pa.res[1], fd);	/* keep: the fd the caller holds, this very one */
	TL_EQ(pa.res[2], -EBADF);
	TL_EQ(ro.stats.fds_reaped, 0);
	TL_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
	TL_EQ(close(fd), 0);
	return 0;
}

TL_CASE(fd_table_full_is_emfile)
{
	reset();
	TL_EQ(tl_make_file("f", 1, 1), 0);
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	pa.repeat = COSY_MAX_FDS + 1;
	TL_EQ(run(), 0);
	TL_EQ(pa.last, -EMFILE);
	TL_EQ(ro.stats.fds_opened, COSY_MAX_FDS);
	TL_EQ(ro.stats.fds_reaped, COSY_MAX_FDS);
	return 0;
}

/*
 * cosy-cc's regions open with COSY_O_REFUSE_WAIT: a full table is
 * -ETOOMANYREFS (the region runs as written instead), with or without
 * O_NONBLOCK (opendir()'s), and once the run has done what cannot be
 * undone (here an O_CREAT open), the stop COSY_STOP_WAIT.
 */
TL_CASE(fd_table_full_refuse_wait_defers_or_stops)
{
	for (int effect = 0; effect < 2; effect++) {
		reset();
		TL_EQ(tl_make_file("f", 1, 1), 0);
		path_at(0, "f");
		path_at(64, "g");
		if (effect)
			step(COSY_OP_OPEN, 0, 64, 0)->flags = O_WRONLY | O_CREAT;
		step(COSY_OP_OPEN, 0, 0, 0)->flags = O_RDONLY | O_NONBLOCK | COSY_O_REFUSE_WAIT;
		pa.repeat = COSY_MAX_FDS + 1 - effect;
		TL_EQ(run(), 0);
		TL_EQ(ro.stats.fds_opened, COSY_MAX_FDS);
		TL_EQ(ro.stats.fds_reaped, COSY_MAX_FDS);
		if (effect) {
			TL_EQ(pa.last, -EAGAIN);
			TL_EQ(ro.stop_reason, COSY_STOP_WAIT);
		} else {
			TL_EQ(pa.last, -ETOOMANYREFS);
			TL_EQ(ro.stop_reason, COSY_STOP_NONE);
		}
	}
	return 0;
}

/* --- arguments the syscalls would refuse --- */

TL_CASE(open_o_direct_is_eopnotsupp_unknown_flags_einval)
{
	reset();
	TL_EQ(tl_make_file("f", 1, 1), 0);
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY | O_DIRECT;
	/* no O_* flag; 1 << 30 and 1 << 29 are cosy's own (COSY_O_PRIVATE, _REFUSE_WAIT) */
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY | (1 << 28);
	TL_EQ(run(), 0);
	TL_EQ(pa.res[0], -EOPNOTSUPP);	/* tmpfs itself would say EINVAL */
	TL_EQ(pa.res[1], -EINVAL);
	return 0;
}

TL_CASE(lseek_bad_whence_and_pread_negative_pos_are_einval)
{
	struct probe_step *s;

	reset();
	TL_EQ(tl_make_file("f", 100, 1), 0);
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	step(COSY_OP_LSEEK, PROBE_FD_LAST, 0, 0)->flags = 99;
	s = step(COSY_OP_PREAD, PROBE_FD_LAST, 0, 10);
	s->pos = -1;
	s = step(COSY_OP_LSEEK, PROBE_FD_LAST, 0, 0);
	s->pos = 42;
	s->flags = SEEK_SET;
	step(COSY_OP_READ, PROBE_FD_LAST, 0, 100);
	TL_EQ(run(), 0);
	TL_EQ(pa.res[1], -EINVAL);
	TL_EQ(pa.res[2], -EINVAL);
	TL_EQ(pa.res[3], 42);
	TL_EQ(pa.res[4], 58);	/* read() follows the file position */
	return 0;
}

TL_CASE(write_to_readonly_fd_is_ebadf)
{
	reset();
	TL_EQ(tl_make_file("f", 100, 1), 0);
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	step(COSY_OP_WRITE, PROBE_FD_LAST, 0, 10);
	TL_EQ(run(), 0);
	TL_EQ(pa.res[1], -EBADF);
	return 0;
}

/* --- budgets: once exceeded, this call and every later one fail fast --- */

TL_CASE(budget_calls_is_edquot)
{
	reset();
	ro.budget_calls = 100;
	step(COSY_OP_CHECK, 0, 0, 0);
	pa.repeat = 1000;
	TL_EQ(run(), 0);
	TL_EQ(pa.ncalls, 1000);
	TL_EQ(pa.last, -EDQUOT);
	TL_EQ(ro.stats.calls, 100);
	TL_EQ(ro.stop_err, -EDQUOT);
	TL_EQ(ro.stop_reason, COSY_STOP_CALLS);
	return 0;
}

TL_CASE(budget_bytes_is_efbig)
{
	reset();
	TL_EQ(tl_make_file("f", 65536, 1), 0);
	ro.budget_bytes = 10000;
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	step(COSY_OP_READ, PROBE_FD_LAST, 4096, 4096);
	pa.repeat = 10;
	TL_EQ(run(), 0);
	TL_EQ(pa.last, -EFBIG);
	TL_EQ(ro.stats.bytes_read, 8192);
	TL_EQ(ro.stop_reason, COSY_STOP_BYTES);
	TL_EQ(ro.stats.fds_reaped, 1);	/* the stop still closed the fd */
	return 0;
}

/* Stopped means stopped: a smaller call that would fit is refused too. */
TL_CASE(budget_stop_is_sticky)
{
	reset();
	TL_EQ(tl_make_file("f", 65536, 1), 0);
	ro.budget_bytes = 10000;
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	step(COSY_OP_READ, PROBE_FD_LAST, 4096, 4096);
	step(COSY_OP_READ, PROBE_FD_LAST, 4096, 4096);
	step(COSY_OP_READ, PROBE_FD_LAST, 4096, 4096);	/* 12288 > 10000: stop */
	step(COSY_OP_READ, PROBE_FD_LAST, 4096, 1);	/* would fit, but no */
	step(COSY_OP_CHECK, 0, 0, 0);
	TL_EQ(run(), 0);
	TL_EQ(pa.res[2], 4096);
	TL_EQ(pa.res[3], -EFBIG);
	TL_EQ(pa.res[4], -EFBIG);
	TL_EQ(pa.res[5], -EFBIG);
	TL_EQ(ro.stats.bytes_read, 8192);
	return 0;
}

TL_CASE(budget_time_is_etime)
{
	struct probe_step *s;
	double t0;

	reset();
	TL_EQ(tl_make_file("f", 4096, 1), 0);
	ro.budget_time_ns = 20 * 1000 * 1000;
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	s = step(COSY_OP_PREAD, PROBE_FD_LAST, 4096, 4096);
	pa.repeat = COSY_MAX_LOOPS;
	/*
	 * End at the stop, as a compound that checks its results does: the
	 * clock then measures the budget, not the probe calling on, millions
	 * of times, into a stopped run (seconds of CPU on a busy machine).
	 */
	pa.until_error = 1;
	t0 = now_s();
	TL_EQ(run(), 0);
	printf("#   stopped after %llu calls, %.3f s\n", (unsigned long long)ro.stats.calls,
	       now_s() - t0);
	TL_EQ(pa.last, -ETIME);
	TL_EQ(ro.stop_reason, COSY_STOP_TIME);
	TL_CHECK(ro.stats.calls < COSY_MAX_LOOPS, "calls %llu", (unsigned long long)ro.stats.calls);
	TL_CHECK(now_s() - t0 < 5, "run took %.1f s for a 20 ms budget", now_s() - t0);
	(void)s;
	return 0;
}

/*
 * A fatal signal ends a long run at the next kfunc.  Counted in reads, not
 * seconds (how long a process takes to die depends on the load): the run
 * reads a granted fd whose file description it shares with us, so the
 * file position shows its progress.  The run must be under way before the
 * kill, and read at most once after it (a read already past its checks).
 * Without the check it would read on to a budget: a minute, or 8M reads.
 */
TL_CASE(fatal_signal_stops_the_run)
{
	const off_t chunk = 4096;
	off_t pos, at_kill, at_death;
	double t_kill, end;
	int fd, status;
	pid_t pid;

	reset();
	fd = open("holes", O_RDWR | O_CREAT | O_TRUNC, 0644);
	TL_CHECK(fd >= 0, "open: %s", strerror(errno));
	/* One hole: more than COSY_MAX_LOOPS reads of `chunk`, all quick. */
	TL_EQ(ftruncate(fd, (off_t)COSY_MAX_LOOPS * chunk * 2), 0);
	ro.budget_time_ns = 120ull * 1000 * 1000 * 1000;
	ro.budget_calls = COSY_MAX_LOOPS;
	ro.budget_bytes = 1ull << 40;
	step(COSY_OP_READ, fd, 4096, chunk);
	pa.repeat = COSY_MAX_LOOPS;
	pa.until_error = 1;	/* the process ends soon after the run stops */
	pid = fork();
	TL_CHECK(pid >= 0, "fork");
	if (pid == 0) {
		run_granted(fd);
		_exit(3);	/* the run ended by itself */
	}
	end = now_s() + 60;
	while ((pos = lseek(fd, 0, SEEK_CUR)) < 16 * chunk && now_s() < end)
		usleep(1000);
	t_kill = now_s();
	TL_EQ(kill(pid, SIGKILL), 0);
	/* After the kill: waits for a read under way (the position lock). */
	at_kill = lseek(fd, 0, SEEK_CUR);
	TL_EQ(waitpid(pid, &status, 0), pid);
	at_death = lseek(fd, 0, SEEK_CUR);
	close(fd);
	printf("#   killed after %lld reads, %lld more after the kill, dead %.2f s after it\n",
	       (long long)(at_kill / chunk), (long long)((at_death - at_kill) / chunk),
	       now_s() - t_kill);
	TL_CHECK(pos >= 16 * chunk, "the run read %lld bytes in 60 s", (long long)pos);
	TL_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x", status);
	TL_CHECK(at_death - at_kill <= chunk, "the run read %lld bytes after the kill",
		 (long long)(at_death - at_kill));
	return 0;
}

/*
 * The session clock is local_clock(), which in the guest (the TSC marked
 * unstable) only moves within a tick of the last tick this CPU handled: a
 * short run measured 0 ns now and then, a 100-call one on a loaded machine
 * (its ticks come late), and a 5000-call one might too.  These runs read
 * until a 20 ms time budget stops them, counted in jiffies: they span
 * several ticks however fast or slow the machine is.
 */
static int preads_for_20_ms(bool time_kfuncs)
{
	reset();
	ro.time_kfuncs = time_kfuncs;
	ro.budget_time_ns = 20 * 1000 * 1000;
	step(COSY_OP_OPEN, 0, path_at(0, "f"), 0)->flags = O_RDONLY;
	step(COSY_OP_PREAD, PROBE_FD_LAST, 4096, 4096);
	pa.repeat = COSY_MAX_LOOPS;
	pa.until_error = 1;
	TL_EQ(run(), 0);
	TL_EQ(ro.stop_reason, COSY_STOP_TIME);
	return 0;
}

TL_CASE(time_in_kfuncs_is_measured_on_request)
{
	TL_EQ(tl_make_file("f", 4096, 1), 0);
	if (preads_for_20_ms(false))
		return 1;
	TL_EQ(ro.stats.kfunc_ns, 0);		/* off by default: no clock reads */
	TL_CHECK(ro.stats.wall_ns > 0, "wall_ns 0");
	if (preads_for_20_ms(true))
		return 1;
	TL_CHECK(ro.stats.kfunc_ns > 0 && ro.stats.kfunc_ns <= ro.stats.wall_ns,
		 "kfunc_ns %llu wall_ns %llu", (unsigned long long)ro.stats.kfunc_ns,
		 (unsigned long long)ro.stats.wall_ns);
	return 0;
}

TL_CASE(defaults_apply_when_budgets_are_zero)
{
	reset();
	step(COSY_OP_CHECK, 0, 0, 0);
	pa.repeat = 5000;
	TL_EQ(run(), 0);
	TL_EQ(pa.last, 0);
	TL_EQ(ro.stats.calls, 5000);
	TL_EQ(ro.stop_reason, COSY_STOP_NONE);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
