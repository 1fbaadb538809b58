/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The kfuncs cosy.ko registers for BPF_PROG_TYPE_SYSCALL programs.  One
 * header for both sides: the module defines them, compounds call them.
 *
 * Every call but cosy_session_begin/end(), cosy_errno() and cosy_stopped()
 * goes through the segmentation guard (see guard.h): offsets and lengths
 * are relative to the segment, fds must be owned by the session or granted
 * by the caller, and each call is charged against the run's budgets.
 * Returns are as the syscalls they mirror: >= 0 on success, -errno on
 * failure.  cosy-kfuncs(7) documents each one.
 *
 * Flags (registered in the module): begin is KF_ACQUIRE | KF_RET_NULL, end
 * is KF_RELEASE, so the verifier proves every path ends the session and
 * checks for NULL; the rest take the session as a KF_TRUSTED_ARGS pointer.
 * All but cosy_errno() and cosy_stopped() are KF_SLEEPABLE (SEC("syscall")
 * programs are sleepable).
 */
#ifndef COSY_KFUNCS_H
#define COSY_KFUNCS_H

#include "abi.h"

#if defined(__bpf__)
/*
 * libbpf 1.1 rejects a kfunc whose prototype uses a forward-declared struct
 * ("func_proto ... incompatible with kernel"), so the BPF side sees a
 * complete, opaque stand-in; the module's real layout is private.
 */
struct cosy_session {
	__u64 __opaque;
};
#define COSY_KFUNC extern __attribute__((section(".ksyms")))
#else
struct cosy_session;
#define COSY_KFUNC
#endif

/*
 * Begin a session: `ctx` is the run's struct cosy_ctx (the args' first
 * member; ctx__sz its size), naming the segment, budgets and granted fds.
 */
COSY_KFUNC struct cosy_session *cosy_session_begin(void *ctx, __u32 ctx__sz);
/* End it: closes the fds it still owns, writes the report to the ctx. */
COSY_KFUNC void cosy_session_end(struct cosy_session *s);

/*
 * Direct access to segment[off, off + rdwr_buf_size) (a constant), or NULL
 * if that is outside the segment.  The pointer dies with the session: the
 * verifier refuses any use after cosy_session_end().
 *
 * The return type is a pointer to a struct declared nowhere: for such a
 * pointer every verifier from 6.1 on gives the compound rdwr_buf_size bytes
 * of memory, whereas 6.12 reads a `void *` return as a plain number.  (An
 * incomplete struct on both sides also satisfies libbpf's prototype check.)
 * Compounds see a `void *`: the macro below adds the cast.
 */
struct cosy_bytes;
COSY_KFUNC struct cosy_bytes *cosy_data(struct cosy_session *s, __u32 off,
					const __u32 rdwr_buf_size);
#if defined(__bpf__)
#define cosy_data(s, off, size) ((void *)cosy_data(s, off, size))
#endif
/*
 * The same without the guard (no charge, no stop): one element at an
 * offset computed at run time, for compounds approved for /dev/cosy, which
 * may not add a variable to a pointer into the segment.
 */
COSY_KFUNC struct cosy_bytes *cosy_at(struct cosy_session *s, __u32 off,
				      const __u32 rdwr_buf_size);
#if defined(__bpf__)
#define cosy_at(s, off, size) ((void *)cosy_at(s, off, size))
#endif

/*
 * open(2) of the NUL-terminated path at data offset `path_off`; with
 * COSY_O_PRIVATE in flags, a session handle instead of an fd (abi.h).
 */
COSY_KFUNC int cosy_open(struct cosy_session *s, __u32 path_off, int flags, int mode);
/* close(2) of an fd the session opened. */
COSY_KFUNC int cosy_close(struct cosy_session *s, int fd);
/* read(2)/write(2) of data[off, off + len). */
COSY_KFUNC long cosy_read(struct cosy_session *s, int fd, __u32 off, __u32 len);
COSY_KFUNC long cosy_write(struct cosy_session *s, int fd, __u32 off, __u32 len);
/* pread(2)/pwrite(2) at file position `pos`. */
COSY_KFUNC long cosy_pread(struct cosy_session *s, int fd, __u32 off, __u32 len, __s64 pos);
COSY_KFUNC long cosy_pwrite(struct cosy_session *s, int fd, __u32 off, __u32 len, __s64 pos);
/* lseek(2). */
COSY_KFUNC __s64 cosy_lseek(struct cosy_session *s, int fd, __s64 off, int whence);
/* openat(2): dirfd is COSY_AT_FDCWD or an fd the session may use. */
COSY_KFUNC int cosy_openat(struct cosy_session *s, int dirfd, __u32 path_off, int flags, int mode);
/* fstat(2) / fstatat(2) into a struct cosy_stat at segment offset st_off. */
COSY_KFUNC int cosy_fstat(struct cosy_session *s, int fd, __u32 st_off);
COSY_KFUNC int cosy_fstatat(struct cosy_session *s, int dirfd, __u32 path_off, __u32 st_off,
			    int flags);
/* getdents64(2) into segment[off, off + len); off must be 8-aligned. */
COSY_KFUNC long cosy_getdents(struct cosy_session *s, int fd, __u32 off, __u32 len);
/*
 * copy_file_range(2) from in_fd to out_fd at their file positions, up to
 * len (at most COSY_COPY_MAX) bytes: the data never enters the segment.
 */
COSY_KFUNC long cosy_copy(struct cosy_session *s, int in_fd, int out_fd, __u32 len);
/* Count lines containing a fixed string in segment[off, off + len): see abi.h. */
COSY_KFUNC int cosy_grep(struct cosy_session *s, __u32 off, __u32 len, __u32 req_off);
/* memmove() inside the segment. */
COSY_KFUNC int cosy_memcpy(struct cosy_session *s, __u32 dst_off, __u32 src_off, __u32 len);
/* memset() of segment[off, off + len) to (unsigned char)c. */
COSY_KFUNC int cosy_memset(struct cosy_session *s, __u32 off, int c, __u32 len);
/*
 * memchr()/memmem() in segment[off, off + len): the index from off of the
 * byte or pattern found, len when it is absent (an empty pattern is found
 * at 0), or -errno.
 */
COSY_KFUNC __s64 cosy_memchr(struct cosy_session *s, __u32 off, __u32 len, int c);
COSY_KFUNC __s64 cosy_memmem(struct cosy_session *s, __u32 off, __u32 len, __u32 pat_off,
			     __u32 pat_len);
/*
 * memccpy() inside the segment: from src_off to dst_off up to and with
 * the first (unsigned char)c, at most len bytes (overlap as memmove()).
 * The bytes copied when c was among them (1..len), 0 when it was not (all
 * len copied), or -errno.
 */
COSY_KFUNC __s64 cosy_memccpy(struct cosy_session *s, __u32 dst_off, __u32 src_off, int c,
			      __u32 len);

/*
 * unlinkat(2) with no flags: dirfd is COSY_AT_FDCWD or an fd the session
 * may use; the name itself goes (a symlink, not its target).
 */
COSY_KFUNC int cosy_unlinkat(struct cosy_session *s, int dirfd, __u32 path_off);
/* fsync(2), or fdatasync(2) when datasync is non-zero. */
COSY_KFUNC int cosy_fsync(struct cosy_session *s, int fd, int datasync);
/* ftruncate(2); the file's write permission is checked again (cosy-kfuncs(7)). */
COSY_KFUNC int cosy_ftruncate(struct cosy_session *s, int fd, __s64 length);

/*
 * Hand a file the session opened back to the caller: it stays open.
 * Returns the fd the caller now holds (a session handle gets a new one,
 * with O_CLOEXEC if it was opened with it), or -errno.
 */
COSY_KFUNC int cosy_keep(struct cosy_session *s, int fd);
/* Charge one call and report the session's state: 0 or the stop -errno. */
COSY_KFUNC int cosy_check(struct cosy_session *s);

/*
 * Not guarded calls (not charged, answered after a stop too): the -errno
 * the session's last guarded call returned, 0 if it succeeded (why
 * cosy_data() gave NULL: -EFAULT or the stop's errno) ...
 */
COSY_KFUNC int cosy_errno(struct cosy_session *s);
/* ... and the run's enum cosy_stop: COSY_STOP_NONE while it may go on. */
COSY_KFUNC __u32 cosy_stopped(struct cosy_session *s);

#endif /* COSY_KFUNCS_H */
