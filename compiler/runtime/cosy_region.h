/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * cosy-cc's runtime: what a program built with cosy-cc may ask about its
 * regions, and the calls the code cosy-cc writes into it makes.
 *
 * Programs built with cosy-cc see __COSY_CC__ defined and this header on
 * the include path:
 *
 *	#ifdef __COSY_CC__
 *	#include <cosy_region.h>
 *	printf("ran: %s\n", cosy_region_path_str(cosy_region_last_path()));
 *	#endif
 *
 * Environment (read once, at the first region):
 *   COSY_MODE=auto|kernel|user|check
 *	auto (default): the compound when it can run, else the original code;
 *	kernel: the compound or nothing (exit status COSY_REGION_EXIT_NOKERNEL);
 *	user: always the original code;
 *	check: both, the compound first, then compare live-out variables,
 *	buffers and errno (exit status COSY_REGION_EXIT_MISMATCH on a difference).
 *   COSY_BUDGET_TIME_NS, COSY_BUDGET_CALLS, COSY_BUDGET_BYTES: a run's
 *	budgets (unset: the module's defaults; 0: never run in the kernel).
 *   COSY_ON_STOP=exit|continue: a region stopped by a budget ends the
 *	program (exit status COSY_REGION_EXIT_STOP, the default), or the
 *	program continues after the region with errno set to the budget's errno.
 *   COSY_VERBOSE=1: say on stderr why a region ran in user space.
 *
 * This header includes no libc header: generated code includes it at the
 * top of a translation unit, before the program's own feature macros.
 */
#ifndef COSY_REGION_H
#define COSY_REGION_H

#include <cosy/abi.h>

/* A region's entry in its compound: this prefix and the region's name. */
#define COSY_RGN_ENTRY_PREFIX	"rgn__"
#define COSY_RGN_UNPRIV_PREFIX	"rgnu__"	/* the same entry for /dev/cosy */
#define COSY_RGN_MAX_FDS	64	/* fds a region may leave open (= COSY_MAX_FDS) */
#define COSY_RGN_MAX_MEM	32	/* buffers + strings from outside one region */
#define COSY_RGN_ST_SIZE	48	/* struct cosy_rgn_st, first in the segment */
/* A pointer is a byte offset into its variable; a null one is this. */
#define COSY_RGN_NULL		(-0x7fffffffffffffffLL - 1)
#define COSY_RGN_SCAN_SIZE	32	/* struct cosy_rgn_scan, next if the region scans */
#define COSY_RGN_STAT_SIZE	144	/* x86-64's struct stat (cosy_rgn_stat_out) */
#define COSY_RGN_OUT_HEAD	8	/* an output buffer's count, before its bytes;
					 * stderr's: then its quiet flag; a FILE's:
					 * then its error flag */
#define COSY_RGN_IN_BUF		4096	/* stdin's buffer, and a FILE's: glibc's for a
					 * file on most file systems (st_blksize) */
#define COSY_RGN_OUT_SINK	(-1)	/* the fd of snprintf()'s sink: none */
#define COSY_RGN_OUT_FILE	(-2)	/* the fd of a FILE's output buffer: the
					 * one its fopen() stored before the count */
/*
 * strerror() and perror() in a region: the messages of errors 0 to
 * COSY_RGN_ERRMSG_N - 1, as the program's own strerror() words them,
 * each in a slot of COSY_RGN_ERRMSG_SLOT bytes with its NUL.  The runtime
 * writes the table into the segment; a message that does not fit makes
 * the region run in user space.
 */
#define COSY_RGN_ERRMSG_N	134	/* Linux's errnos end at 133 (EHWPOISON) */
#define COSY_RGN_ERRMSG_SLOT	64

/* A region run's outcome (args.rgn_status), set by the compound. */
enum cosy_rgn_status {
	COSY_RGN_OK = 0,
	COSY_RGN_STOP,		/* a budget or a fatal signal stopped the session */
	COSY_RGN_TRAP_BOUNDS,	/* buf[i] outside the buffer */
	COSY_RGN_TRAP_DIV,	/* integer division by zero or overflow */
	COSY_RGN_TRAP_LOOPS,	/* a loop ran COSY_MAX_LOOPS iterations */
	COSY_RGN_TRAP_SEG,	/* the segment did not map (never expected) */
	COSY_RGN_RETURN,	/* a `return` in the region: the function returns */
	COSY_RGN_JUMP,		/* a goto out of a loop, on its way (never seen outside) */
	COSY_RGN_YIELD,		/* asked to yield: run it again, it goes on (st.resume) */
	COSY_RGN_TRAP_ASSERT,	/* an assert() failed (rgn_line: its line) */
	COSY_RGN_HOST,		/* left for statements only user space runs (rgn_line: which) */
	COSY_RGN_WAIT,		/* an open the module would not wait on where open(2)
				 * or the I/O would (rgn_line: its line): see
				 * COSY_O_REFUSE_WAIT */
};

/* After struct cosy_ctx, at the head of every region's args struct. */
struct cosy_rgn_hdr {
	__s32 rgn_errno;	/* in: errno at entry; out: errno at the end */
	__s32 rgn_status;	/* out: enum cosy_rgn_status */
	__u32 rgn_line;		/* out: the source line of a stop or trap */
	__u32 rgn_nfds;		/* out: fds opened and left open (segment fd table) */
	__u64 rgn_set;		/* out: which maybe-assigned variables were assigned */
};

/* At the head of every region's variables (in the segment), its control state. */
struct cosy_rgn_st {
	__s32 err;		/* the region's errno */
	__s32 status;		/* enum cosy_rgn_status */
	__u32 line;		/* where it stopped */
	__u32 nfds;		/* entries in the fd table */
	__u32 lexit;		/* the innermost loop ended (not out of iterations) */
	__u32 jump;		/* the label a goto out of a loop goes to */
	__u64 set;		/* variables assigned that may not be (rgn_set) */
	__u32 resume;		/* 0, or the loop a yield left: the next run goes on there */
	__u32 keep;		/* set by the runtime: fds a yield may leave open */
	/*
	 * Set by the runtime before each run to the region's cookie, cleared
	 * by the compound as it starts: a compound that finds another value
	 * runs on a segment that is not its region's, or is not the
	 * program's own compound (the process closed cosy's fds and the
	 * numbers now name another region's objects), and returns -ESTALE
	 * before doing anything.
	 */
	__u64 armed;
};

/*
 * The open flags open(2) knows, x86-64's VALID_OPEN_FLAGS (the same since
 * 3.11): a region's open drops the others as open(2) does, where
 * cosy_open() would say -EINVAL as openat2(2) does.  Bit 30, cosy's
 * COSY_O_PRIVATE, is not among them.
 */
#define COSY_RGN_OPEN_FLAGS	037777703

#ifndef __bpf__

#ifdef __cplusplus
extern "C" {
#endif

enum cosy_region_path {
	COSY_REGION_NONE = 0,	/* no region ran yet in this thread */
	COSY_REGION_KERNEL,	/* the compound ran, in one crossing */
	COSY_REGION_USER,	/* the original code ran (fallback, or COSY_MODE=user) */
	COSY_REGION_CHECKED,	/* both ran and agreed (COSY_MODE=check) */
	COSY_REGION_STOPPED,	/* the compound was stopped by a budget (COSY_ON_STOP=continue) */
};

#define COSY_REGION_EXIT_STOP		3	/* a budget stopped a region */
#define COSY_REGION_EXIT_NOKERNEL	4	/* COSY_MODE=kernel|check, and the compound cannot run */
#define COSY_REGION_EXIT_MISMATCH	5	/* COSY_MODE=check found a difference */

/* How the last region this thread entered ran (enum cosy_region_path). */
int cosy_region_last_path(void);
/* "kernel", "user", "checked", "stopped", "none". */
const char *cosy_region_path_str(int path);
/* Why the last region ran in user space ("" when it did not). */
const char *cosy_region_last_why(void);

/* --- used by the code cosy-cc generates; not an API ---------------------- */

enum {
	COSY_RGN_IN = 1,	/* copy into the segment before the run */
	COSY_RGN_OUT = 2,	/* copy back after it */
	COSY_RGN_STR = 4,	/* a NUL-terminated string: size is its slot */
	COSY_RGN_STAT_TIMES = 8, /* struct stats: check skips st_atim..st_ctim */
	COSY_RGN_STRTAB = 16,	/* an array of char *: each string into a slot of
				 * COSY_RGN_STRTAB_SLOT bytes (size / that many) */
	COSY_RGN_STRVEC = 32,	/* with STRTAB: a NULL-terminated vector (argv),
				 * up to size / COSY_RGN_STRTAB_SLOT strings */
	COSY_RGN_ALIAS = 64,	/* a variable the host copies itself: not copied
				 * here, only held against the ones below */
	COSY_RGN_DEREF = 128,	/* with ALIAS: *p, an out-parameter; it must not
				 * overlap any other entry (each is copied apart) */
};
#define COSY_RGN_STRTAB_SLOT	256u

/*
 * A grant the region may close: an open fd it holds is handed over to the
 * compound (grant_own).  An int fd fits in the low 32 bits of the entry,
 * as a value; this flag sits above them.
 */
#define COSY_RGN_CLOSABLE_BIT	(1LL << 40)
#define COSY_RGN_CLOSABLE(fd)	((long long)(unsigned int)(fd) | COSY_RGN_CLOSABLE_BIT)
/*
 * A grant the compound reads ahead of what the program takes (getchar()'s
 * buffer): the host seeks back over the rest after the run, so the fd
 * must seek, or the region runs in user space.
 */
#define COSY_RGN_SEEK_BIT	(1LL << 41)
#define COSY_RGN_SEEK(fd)	((long long)(unsigned int)(fd) | COSY_RGN_SEEK_BIT)

struct cosy_rgn_mem {
	const void *host;
	__u32 off;		/* in the segment */
	__u32 size;
	__u32 flags;
	const char *name;
};

/* An assert() in a region: what __assert_fail() prints when it fails. */
struct cosy_rgn_assert {
	unsigned line;
	const char *expr, *file, *func;
};

struct cosy_rgn {
	const char *name;
	const char *file;
	unsigned line;
	const char *obj, *obj_end;	/* the compound, embedded */
	__u32 fdt_off;			/* the fd table in the segment */
	__u32 vars_size;		/* the variables, at the segment's start */
	__u32 flags;			/* COSY_RGN_F_* */
	void *priv;			/* the runtime's state, made at first entry */
	const char *cache_name;		/* pinned under it: cc-NAME-SIZE-FNV64 of obj */
	unsigned long args_size;	/* its entry's args struct */
	__u32 seg_size;			/* its COSY_COMPOUND() */
	__u64 cookie;			/* what the compound expects in st.armed */
	const struct cosy_rgn_assert *asserts;	/* its assert()s, by line */
	unsigned nasserts;
	/*
	 * printf() and co.: its stdout buffer in the segment (the count of
	 * bytes buffered, a __u32, then out_cap bytes), or out_cap 0
	 */
	__u32 out_off, out_cap;
	/*
	 * fprintf(stderr, ...), perror() and co.: its stderr buffer (as the
	 * stdout one; written out at the end of each call, as stdio writes an
	 * unbuffered stream), or err_cap 0; and the messages strerror()
	 * prints, or errmsg_off 0
	 */
	__u32 err_off, err_cap, errmsg_off;
	/*
	 * getchar(), fgets(), fread() and co. of stdin: its buffer in the
	 * segment (COSY_RGN_IN_BUF bytes), which begins with what stdio's
	 * held, and the offsets in the args of its read position and count
	 * (longs); or in_off 0
	 */
	__u32 in_off;
	unsigned long in_pos_arg, in_len_arg;
};

/* struct cosy_rgn.flags: what cosy-cc saw in the region */
#define COSY_RGN_F_APPENDS	1	/* it may open a file O_APPEND (or with flags
					 * not known when compiling) */
#define COSY_RGN_F_UNLINKS	2	/* it unlinks names */
#define COSY_RGN_F_TRUNCATES	4	/* it calls ftruncate() */
#define COSY_RGN_F_EXCL		8	/* it creates files with O_EXCL (fopen()'s "x") */
#define COSY_RGN_F_RDWR		16	/* it opens files O_RDWR (or with flags not
					 * known when compiling) */

/* COSY_REGION_KERNEL or _CHECKED: marshal and run; _USER: run the original. */
int cosy_rgn_enter(struct cosy_rgn *r);
/* Marshal and run: KERNEL/CHECKED if the compound ran, USER if it could not. */
int cosy_rgn_run(struct cosy_rgn *r, void *args, unsigned long size,
		 const struct cosy_rgn_mem *mem, unsigned nmem, const long long *grants,
		 unsigned ngrants);
/*
 * stdin in a region (getchar(), fgets(), fread(), feof()): the runtime
 * hands the compound what stdio's buffer holds, and gives stdio back what
 * the compound read ahead and did not take, fd 0 left where the compound
 * left it, as glibc's reads leave it; after a KERNEL run the host sets
 * stdin's EOF and error flags as the compound left them (it began with
 * stdio's).
 */
void cosy_rgn_stdin_back(int eof, int err);
/* After a KERNEL run, live-outs copied: buffers back, errno, done. */
void cosy_rgn_leave(struct cosy_rgn *r, void *args, const struct cosy_rgn_mem *mem,
		    unsigned nmem);
/* errno, for code that cannot include <errno.h>. */
int cosy_rgn_errno(void);
/* COSY_MODE=check: compare one live-out variable (size bytes, signed or not). */
void cosy_rgn_cmp(struct cosy_rgn *r, const char *name, void *user, void *kernel,
		  unsigned long size, int is_signed);
/*
 * The same for a pointer variable (at `user`) into base's memory: as an
 * offset from base, COSY_RGN_NULL for NULL; by address, as the original
 * may leave it unassigned.
 */
void cosy_rgn_cmp_ptr(struct cosy_rgn *r, const char *name, void *user, const void *base,
		      void *kernel);
/*
 * A pointer into a table of strings (argv, names[i]) as the compound
 * keeps it, an offset into the table's slots of COSY_RGN_STRTAB_SLOT
 * bytes (COSY_RGN_NULL for NULL), back to the program's address: slot k
 * is strs[k] for k < n, literal lits[k - n] after them.  NULL for a slot
 * that is neither, and for one at or past a NULL of strs (argv[argc]).
 */
char *cosy_rgn_tab_ptr(char *const *strs, unsigned n, const char *const *lits, unsigned nlits,
		       long off);
/*
 * COSY_MODE=check: the same as cosy_rgn_cmp_ptr() for such a pointer: the
 * same address, or, in a literal's slot, the same string.
 */
void cosy_rgn_cmp_tab_ptr(struct cosy_rgn *r, const char *name, void *user, char *const *strs,
			  unsigned n, const char *const *lits, unsigned nlits, void *kernel);
/* COSY_MODE=check, after the original ran: compare, report, done. */
void cosy_rgn_check(struct cosy_rgn *r, void *args, int user_errno,
		    const struct cosy_rgn_mem *mem, unsigned nmem);

#ifdef __cplusplus
}
#endif

#endif /* !__bpf__ */

#endif /* COSY_REGION_H */
