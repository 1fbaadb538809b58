/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * cosy-cc internals.  The pipeline, one source file at a time:
 *
 *   unit.c     libclang: parse, find the regions (annotate("cosy:region:NAME"))
 *   ir.c       a region's cursors -> a small IR of restricted C; anything
 *              outside the subset is refused here with a diagnostic
 *   analyze.c  variables: live-in / live-out, fds to grant, segment layout
 *   bpf.c      IR -> NAME.bpf.c (the compound)
 *   host.c     the source with each region replaced by marshalling, the
 *              libcosy run and the original block as the fallback
 *   driver.c   command line, temporary files, clang -target bpf, host cc
 */
#ifndef COSY_CC_H
#define COSY_CC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <clang-c/Index.h>

/* --- util.c ------------------------------------------------------------- */

struct sbuf {
	char *s;
	size_t len, cap;
};

void sb_putc(struct sbuf *b, char c);
void sb_puts(struct sbuf *b, const char *s);
void sb_putn(struct sbuf *b, const char *s, size_t n);
__attribute__((format(printf, 2, 3))) void sb_printf(struct sbuf *b, const char *fmt, ...);
void sb_vprintf(struct sbuf *b, const char *fmt, va_list ap);
void sb_free(struct sbuf *b);
void c_string(struct sbuf *o, const char *s, size_t n);	/* as a C literal */

void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
__attribute__((format(printf, 1, 2))) char *xasprintf(const char *fmt, ...);
/* 64-bit FNV-1a of n bytes at p, going on from h (0xcbf29ce484222325 to start). */
unsigned long long fnv1a(unsigned long long h, const void *p, size_t n);
/* Append `item` to a growable array of pointers. */
void ptrvec_push(void ***v, unsigned *n, void *item);

/* Whole file into memory (NUL-terminated); NULL and errno on failure. */
char *read_file(const char *path, size_t *len);
int write_file(const char *path, const char *data, size_t len);

/* argv-style command lines */
struct argv {
	char **v;
	unsigned n, cap;
};
void av_push(struct argv *a, const char *s);
void av_pushf(struct argv *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void av_free(struct argv *a);
/* Run a command, wait; its exit status, or -1.  verbose: echo it to stderr. */
int run_cmd(struct argv *a, bool verbose);

/* "cosy-cc: error: ..." on stderr */
__attribute__((format(printf, 1, 2))) void tool_error(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void tool_note(const char *fmt, ...);

/* --- source locations and diagnostics ------------------------------------ */

struct loc {
	const char *file;	/* as clang names it (the path given on the command line) */
	unsigned line, col, off;
};

struct unit;

/*
 * `file:line:col: error: MSG`, then the source line and a caret, as clang
 * prints them.  Counts the error in the unit.
 */
__attribute__((format(printf, 3, 4)))
void diag_error(struct unit *u, struct loc loc, const char *fmt, ...);
__attribute__((format(printf, 3, 4)))
void diag_note(struct unit *u, struct loc loc, const char *fmt, ...);

/* --- types -------------------------------------------------------------- */

/* The integer types a region may use (x86-64 and BPF agree on all of them). */
enum ctype {
	CT_NONE = 0,
	CT_BOOL,
	CT_SCHAR,
	CT_UCHAR,
	CT_SHORT,
	CT_USHORT,
	CT_INT,
	CT_UINT,
	CT_LONG,
	CT_ULONG,
	CT_LLONG,
	CT_ULLONG,
};

const char *ct_name(enum ctype t);	/* "unsigned long" ... */
bool ct_signed(enum ctype t);
unsigned ct_size(enum ctype t);

/* --- the IR ------------------------------------------------------------- */

enum var_kind {
	VK_SCALAR,	/* an integer variable */
	VK_BUF,		/* memory: an array of integers or of structs, a struct, a
			 * scalar whose address is taken, a string literal as data */
	VK_STR,		/* a NUL-terminated string: const char * or a literal path */
};

/* A variable a host-computed path reads: all of it (size 0), or a member's bytes. */
struct hread {
	CXCursor decl;
	unsigned long off, size;
};

struct var {
	char *name;		/* in the source; NULL for literals */
	char *field;		/* its member in the args/frame structs */
	enum var_kind kind;
	enum ctype ct;		/* scalars: the type; integer arrays: the element type;
				 * other memory: CT_UCHAR */
	unsigned long size;	/* buffers: bytes */
	unsigned long elsize;	/* arrays: bytes of an element (1 otherwise) */
	bool by_addr;		/* a struct or scalar: the program passes &name, not name */
	bool unused;		/* dropped from the region's variables (file_unread()) */
	bool scalar_mem;	/* a scalar whose address the region takes: in memory */
	bool scanned;		/* a byte scan reads it, or a literal is indexed: the frame
				 * holds a pointer to it */
	bool strtab;		/* an array of char * from outside (names[i] as a path):
				 * each string in a slot of COSY_RGN_STRTAB_SLOT bytes */
	bool strvec;		/* ... a char ** from outside (argv[i], i the region's):
				 * its strings up to the NULL, at most STRTAB_MAX */
	unsigned tab_slots;	/* ... the slots the host fills; after them, TAB_LITS
				 * slots for literals a pointer into it may also take
				 * (i < argc ? argv[i] : "-") ... */
	unsigned ntab_lits;	/* ... of which these are taken */
	struct var *in_tab;	/* a literal in such a slot: the table ... */
	unsigned tab_slot;	/* ... and the slot, from its first literal slot */
	struct var *blk;	/* a FILE's output buffer: the block it lies in
				 * (region->fobufs), not a variable of its own ... */
	unsigned long blk_off;	/* ... at this offset */
	struct var *lit_tab;	/* a pointer: the table its literals go into, if any
				 * of its assignments takes a table's string ... */
	bool lit_tab_known;	/* ... once looked for */
	bool lit_pool;		/* the region's literal pool (lit: its strings) */
	struct dirst *dir;	/* a DIR * (opendir()): its stream's hidden state */
	struct instream *file;	/* a FILE * (fopen()): its stream's hidden state */
	bool instream;		/* one of a <stdio.h> stream's hidden variables, which
				 * fgets()'s callback reads and writes in memory */
	bool dirbuf;		/* a DIR's getdents64 buffer, which readdir() points into */
	bool stat_times;	/* a struct stat (or an array of them) that a stat call
				 * fills: COSY_MODE=check does not compare its times */
	bool is_ptr;		/* a pointer into one memory variable, kept as a byte
				 * offset into it (a VK_SCALAR of CT_LONG) ... */
	struct var *target;	/* ... which one (bound by its first assignment) ... */
	unsigned long pscale;	/* ... and the size of what it points to */
	bool null_seen;		/* assigned NULL (before any target, too) */
	unsigned bind_refused;	/* the line of a refused assignment of it, or 0 ... */
	bool bind_said;		/* ... which a use of it has pointed back to */
	char *hval;		/* the host's value for it, where not its name (a DIR *
				 * from before the region: its fd, and NULL or not) */
	bool hout;		/* out to the host, which reads it (no variable of its own) */
	bool deref;		/* *p, p a pointer to an integer from before the region
				 * that the region does not set (an out-parameter):
				 * name "(*p)", copied in and back by the host as a
				 * variable; deref_of is p's declaration */
	bool is_null;		/* p itself, as a pointer value: 0, or COSY_RGN_NULL when
				 * the program passed NULL (if (err) *err = e;); and its
				 * target, memory the region has not (no pointer binds it) */
	CXCursor deref_of;
	char *hexpr;		/* a path the program computes (argv[1]): its text, which
				 * the host evaluates before the run ... */
	struct hread *hreads;	/* ... and the variables it reads, whose bytes it reads
				 * the region must not write */
	unsigned nhreads;
	bool outside;		/* declared before the region: marshalled in/out */
	bool global;		/* static storage duration */
	bool is_const;
	char *lit;		/* string literals: the bytes, with the NUL */
	size_t litlen;		/* ... and their count */
	bool read;		/* the region reads it */
	bool written;		/* the region may write it */
	bool live_in;		/* its value at entry may be read */
	bool fd_grant;		/* its value at entry may be used as an fd ... */
	bool fd_closable;	/* ... and closed by the region: an open fd it holds
				 * is handed over (grant_own) and seeds the fd table */
	struct fd_place {	/* memory with fd_grant: where it holds fds (fds[i]) */
		unsigned long off;
		enum ctype ct;
	} *fd_places;
	unsigned nfd_places;
	bool maybe;		/* written, but not on every path: copied back only if it was */
	bool is_ret;		/* the value a `return` in the region returns (no name) */
	bool inl;		/* a parameter or local of a helper function inlined at
				 * one call (each call has its own) */
	unsigned setbit;	/* ... and its bit in rgn_set */
	unsigned seg_off;	/* buffers and strings: offset in the segment */
	struct loc loc;		/* declaration (or first use of a literal) */
	CXCursor decl;
};

/*
 * A directory stream of <dirent.h>, lowered to variables of the region's
 * own: the fd, the records in buf[0, len) and the next one at pos (cur:
 * the one readdir() returns, err: errno across a refill).  The DIR *
 * itself is a pointer into buf (NULL when opendir() failed).
 */
struct dirst {
	struct var *fd, *pos, *len, *cur, *err, *buf;
	/*
	 * lent: the program opened it before the region; the compound reads
	 * its fd, and the host moves the stream to the d_off of the last
	 * record readdir() returned (doff, when got).
	 */
	bool lent;
	struct var *doff, *got;
};

/*
 * A <stdio.h> stream through a buffer of the region's own: stdin (fd
 * NULL: fd 0; its flags and its bytes read ahead are stdio's again after
 * the run), or a FILE * the region opens with fopen() (fd: the file's).
 * Read, buf holds what was read ahead, [pos, len) of it not yet taken;
 * eof and err are the stream's flags.  Written (a FILE opened "w" or
 * "a"), obuf is its output buffer: its fd (OUT_FILE_SKIP bytes), then as
 * stdout's (COSY_RGN_OUT_HEAD + OUT_SIZE bytes), the word after the count
 * its error flag, set by a failed write.
 */
struct instream {
	struct var *fd, *buf, *pos, *len, *eof, *err;
	struct var *obuf;	/* a FILE opened for writing: its buffer, else NULL */
	struct var *fflushed;	/* fclose() of one: did its last flush fail (-1) */
	char dir;		/* what fopen() opened it for so far: 'r', 'w', or 0 */
	bool read;		/* a read call or fopen(..., "r") uses buf, pos, len, eof, err */
};

enum node_kind {
	/* expressions */
	E_CONST,	/* ival */
	E_VAR,		/* var (scalar) */
	E_ERRNO,	/* errno */
	E_ELEM,		/* memory: *(ct *)(var + ival + sum kids[k] * scale[k]),
			 * each kids[k] < count[k] checked (buf[i], s.f, a[i].f[j]) */
	E_UNARY,	/* op a: - + ! ~ ++ -- (prefix) */
	E_POST,		/* a op: ++ -- */
	E_BINARY,	/* a op b */
	E_ASSIGN,	/* a op= b (op OP_NONE: plain =) */
	E_COND,		/* a ? b : c */
	E_CAST,		/* (ct) a */
	E_CALL,		/* a system call, see enum sysc */
	E_COMMA,	/* a, b */
	E_COPY,		/* a = b of structs or arrays (E_ELEMs), ival bytes; a statement */
	E_TRAP,		/* the region stops with status ival at loc.line (a failed assert());
			 * of type void */
	E_SCRATCH,	/* scratch word ival (0 to 3) of the byte scans, as a long: what
			 * the scan of the call it is under left there (strtol's end) */
	/* statements */
	S_EXPR,		/* a; */
	S_DECL,		/* var [= a]; */
	S_IF,		/* if (a) b else c */
	S_WHILE,	/* while (a) b */
	S_DO,		/* do b while (a) */
	S_FOR,		/* for (d; a; c) b */
	S_BREAK,	/* ival 1: leaves a switch, not a loop */
	S_CONTINUE,
	S_RETURN,	/* return [a]: leaves the region and its function */
	S_HOST,		/* leaves the region: host tail ival runs in user space */
	S_GOTO,		/* goto (forward) label ival; op 1: in the label's loop body */
	S_LABEL,	/* label ival: b (of a block: the top level's, or a loop body's) */
	S_SWITCH,	/* switch (a) b */
	S_CASE,		/* case ival: b (b is the statement the label is on) */
	S_DEFAULT,	/* default: b */
	S_BLOCK,	/* kids */
	S_NULL,
};

enum op {
	OP_NONE = 0,
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_SHL, OP_SHR,
	OP_AND, OP_OR, OP_XOR, OP_LAND, OP_LOR,
	OP_EQ, OP_NE, OP_LT, OP_GT, OP_LE, OP_GE,
	OP_NOT, OP_BITNOT, OP_NEG, OP_PLUS, OP_INC, OP_DEC,
};

const char *op_str(enum op op);

/*
 * The calls a region can make.  Up to SC_CREAT they give an fd the region
 * owns; from SC_READ on, kids[0] is an fd argument (a variable or a
 * constant: the fds to grant).
 */
enum sysc {
	SC_OPEN,	/* buf = path, kids: flags, mode */
	SC_OPENAT,	/* as open; c = the directory fd (AT_FDCWD or an fd) */
	SC_CREAT,	/* as open, flags O_CREAT|O_WRONLY|O_TRUNC */
	SC_STAT,	/* buf + a = path, buf2 + b = the struct stat */
	SC_LSTAT,
	SC_UNLINK,	/* unlink, unlinkat(dirfd, path, 0): buf + a = path; c = dirfd or NULL */
	SC_READ,	/* kids: fd, count; buf + a = the memory */
	SC_WRITE,
	SC_PREAD,	/* kids: fd, count, pos */
	SC_PWRITE,
	SC_LSEEK,	/* kids: fd, offset, whence */
	SC_CLOSE,	/* kids: fd */
	SC_FSTAT,	/* kids: fd; buf2 + b = the struct stat */
	SC_GETDENTS,	/* getdents64: as read */
	SC_FGETS,	/* fgets(buf + a, kids[1], stream), kids[0] its fd: a line
			 * through the stream's buffer (in); a scan; a pointer into buf
			 * or NULL.  ival 1: fread(buf + a, kids[1], kids[2], stream),
			 * the items taken */
	SC_FSYNC,	/* fsync, fdatasync (ival 1): kids: fd */
	SC_FTRUNCATE,	/* kids: fd, length */
	SC_FSTATAT,	/* kids: dirfd, flags; buf + a = path; buf2 + b = the struct stat */
	/* <string.h>, on memory in the segment: no fd */
	SC_MEMCPY,	/* memcpy, memmove: buf + a = dst, buf2 + b = src, kids: n */
	SC_MEMSET,	/* buf + a = dst, kids: c, n */
	SC_STRLEN,	/* buf + a = the string; a memchr kfunc for its NUL */
	SC_MEMCMP,	/* buf + a, buf2 + b, kids: n; a scan */
	SC_MEMCHR,	/* buf + a, kids: c, n; a pointer into buf (node->ptr) or NULL */
	SC_MEMMEM,	/* buf + a, buf2 + b = the needle, kids: n, needle length; as memchr */
	SC_STRCMP,	/* buf + a, buf2 + b: the strings; a scan */
	SC_STRNCMP,	/* as strcmp, kids: n */
	SC_STRCHR,	/* strchr, strrchr (ival 1): buf + a, kids: c; a scan; as memchr */
	SC_STRCPY,	/* strcpy, strncpy (ival 1, kids: n), strcat (ival 2): buf + a =
			 * dst, buf2 + b = src; a scan */
	SC_STRTOL,	/* strtol, strtoll, atoi ... (strtoul, strtoull: ival 1): buf + a
			 * = the string, kids: base; a scan; c: the store of its end
			 * (an E_ASSIGN of E_SCRATCH 1 to the char * variable), or NULL */
	SC_STRSPN,	/* strspn, strcspn (ival 1), strpbrk (ival 2: a pointer into buf or
			 * NULL): buf + a = the string, kids: the set's 256 bits, four
			 * constants (bit c of kids[c / 64]); a scan */
	/*
	 * <stdio.h>'s output to stdout or stderr (out_fd 1 or 2), into the
	 * region's buffer for it: last, and together (sysc_out())
	 */
	SC_OUTFMT,	/* a piece of a printf(): region's fmts[ival], kids: its arguments;
			 * with OUTFMT_WIDTH, one conversion padded to the width
			 * its last kid gives (%*d), OUTFMT_LEFT: '-' */
	SC_OUTSTR,	/* a %s: buf + a = the string; ival: its width, OUTSTR_LEFT: '-',
			 * OUTSTR_PREC: at most kids[0] bytes (%.*s) */
	SC_OUTERR,	/* strerror(kids[0]) as a %s; ival: the format for an unknown one */
	SC_OUTFLUSH,	/* the end of a call to stderr, or fflush(stdout): its buffer
			 * written out */
	SC_SNPRINTF,	/* the end of a snprintf(): what fits of the sink into buf + a
			 * (kids[0]: the size), its value the whole length; ival
			 * SNP_STMT: a statement, SNP_SPRINTF: sprintf(), no size (all
			 * of it must fit in buf from a, else the region traps) */
};

#define OUTSTR_LEFT	0x10000	/* SC_OUTSTR's ival: left-justified (%-10s) */
#define OUTSTR_COLON	0x20000	/* SC_OUTSTR's ival: ": " after it unless empty (perror) */
#define OUTSTR_LEN	0x40000	/* SC_OUTSTR's ival: kids[0] bytes, not up to a NUL (fwrite) */
#define OUTSTR_PREC	0x80000	/* SC_OUTSTR's ival: up to a NUL, at most kids[0] (%.*s) */
#define OUTSTR_WDYN	0x100000	/* SC_OUTSTR's ival: padded to the width kids[0] (%*s) */
#define OUTFMT_WIDTH	0x40000000LL	/* SC_OUTFMT's ival: the last kid is a width */
#define OUTFMT_LEFT	0x20000000LL	/* ... and the piece is left-justified */
#define OUT_FILE	3	/* out_fd of a FILE the region writes: its fd is a variable's */
#define SNP_STMT	1	/* SC_SNPRINTF's ival: its value is not used */
#define SNP_SPRINTF	2	/* ... sprintf(): no size, an overflow traps */
#define OUTFLUSH_RESET	1	/* SC_OUTFLUSH's ival of a FILE: fopen() for writing (its
				 * fd kept, the buffer empty, no error) ... */
#define OUTFLUSH_FERROR	2	/* ... ferror(): its error flag ... */
#define OUTFLUSH_CLEARERR	3	/* ... clearerr(): the flag cleared */
#define OUT_FILE_SKIP	8	/* a FILE's output buffer: its fd, then as stdout's */
#define OUT_FILE_WORDS	2	/* ... OUT_FILE_SKIP in __u32s */
#define STR_(x)	#x
#define STR(x)	STR_(x)		/* a macro's value as a string literal */
#define OUT_SIZE	4096u	/* the region's stdout buffer, as glibc's for a file */
#define OUT_PIECE	256u	/* the most one SC_OUTFMT prints, its NUL included */
#define ERR_SIZE	1024u	/* the region's stderr buffer: a message, usually */
#define SNP_SIZE	4096u	/* snprintf()'s sink: what one call can store, at least, */
#define SNP_MAX		(1u << 20)	/* ... and at most: the largest destination's size */

/* The directory fd of an *at() call that keeps it in c (openat, unlinkat). */
#define sysc_dirfd(n) ((n)->sc == SC_OPENAT || (n)->sc == SC_UNLINK ? (n)->c : NULL)

/* Does the call take an fd as kids[0]? */
/* x rounded up to 8: the segment's alignment of a variable */
static inline unsigned align8(unsigned x)
{
	return (x + 7) & ~7u;
}

static inline bool sysc_fd_arg(enum sysc sc)
{
	return sc >= SC_READ && sc <= SC_FSTATAT;
}

/* Is the call a piece of <stdio.h> output (printf, fprintf, snprintf, perror)? */
static inline bool sysc_out(enum sysc sc)
{
	return sc >= SC_OUTFMT && sc <= SC_SNPRINTF;
}

/* Is the call a byte scan, a bpf_loop() callback of its own? */
static inline bool sysc_scan(enum sysc sc)
{
	return sc == SC_MEMCMP || sc == SC_STRCMP || sc == SC_STRNCMP ||
	       sc == SC_STRCHR || sc == SC_STRCPY || sc == SC_STRTOL || sc == SC_STRSPN ||
	       sc == SC_FGETS;
}

const char *sysc_name(enum sysc sc);

struct node {
	enum node_kind k;
	enum op op;
	enum ctype ct;		/* expressions: the C type of the value */
	struct loc loc;
	struct node *a, *b, *c, *d;
	struct node **kids;
	unsigned nkids;
	struct var *var;	/* E_VAR, E_ELEM, S_DECL */
	long long ival;		/* E_CONST (as the bits of ct) */
	enum sysc sc;		/* E_CALL */
	struct var *buf;	/* E_CALL: the buffer, or the path string */
	struct var *buf2;	/* E_CALL: the struct stat of the stat calls */
	struct instream *in;	/* SC_FGETS: the stream it reads; SC_OUT* with out_fd
				 * OUT_FILE: the FILE it writes */
	unsigned loop_id;	/* loops: number of its callback */
	unsigned long *scale, *count;	/* E_ELEM: per index in kids */
	unsigned long sum;	/* E_ELEM: nonzero: the whole offset is checked < sum, and
				 * the pointer among the kids (count 0) only in it */
	struct var *ptr;	/* a pointer value (a byte offset): into which variable */
	int out_fd;		/* SC_OUT*: 1 (stdout), 2 (stderr), -1 (snprintf's sink),
				 * OUT_FILE (a FILE the region opened for writing: in) */
};

/* The target of a null pointer constant: it compares with every pointer. */
extern struct var null_target;

/* A `return` in a region: the fallback's copy returns through its exit. */
struct ret_edit {
	unsigned start, end;	/* the statement, without its ';' (byte offsets) */
	unsigned estart, eend;	/* its expression; estart == eend: none */
};

/*
 * Statements that leave the region and run in user space after it (a
 * block's last ones, from a call the compound cannot make): their text.
 */
struct host_tail {
	unsigned start, end;	/* byte offsets, the last ';' included */
	unsigned line;
	bool goes_on;		/* the original goes on after it (break, goto out, its end) */
};

/* An assert() in a region: __assert_fail()'s arguments, as C source. */
struct rgn_assert {
	unsigned line;
	char *expr;		/* its string literal, quotes and all */
	char *file;		/* ... and __FILE__'s */
	char *func;		/* the function's name */
};

struct region {
	char *name;
	CXCursor func;		/* the function the region is in */
	struct loc loc;		/* the COSY_START */
	struct loc end_loc;	/* the COSY_END */
	/* byte offsets into the file: [start, end) is COSY_START(...) ... COSY_END() */
	unsigned start_off, end_off;
	unsigned body_off, body_end;	/* the text between the markers */
	CXCursor body_cursor;	/* the inner compound statement */
	struct node *body;	/* S_BLOCK */
	struct var **vars;
	unsigned nvars;
	unsigned nloops;
	unsigned nscans;	/* byte scans (strlen, memcmp) */
	unsigned nlabels;	/* labels a goto may reach */
	bool loop_gotos;	/* a goto leaves a loop (its callback): the body dispatches */
	unsigned seg_size;	/* bytes of segment data a run needs */
	unsigned vars_size;	/* the variables, at the segment's start */
	unsigned fdt_off;	/* the table of fds the region opened */
	bool opens;		/* has an fd table: calls open/openat/creat, or ... */
	bool closes_grant;	/* ... may close a program's fd, handed over to it */
	bool appends;		/* ... maybe with O_APPEND (flags not constant, too) */
	bool unlinks;		/* calls unlink/unlinkat: check mode's second run differs */
	bool truncates;		/* calls ftruncate: the same */
	bool excl;		/* creates files with O_EXCL ("wx"): the same */
	bool rdwr;		/* opens files O_RDWR: the same (its writes are read again) */
	bool stats;		/* calls a stat: a struct cosy_stat slot at stat_off */
	unsigned stat_off;
	unsigned nbufs, nstrs, ngrants;
	long long *cgrants;	/* constant fds the compound uses (write(1, ...)) */
	struct var *ret;	/* its return value, when it returns one */
	struct ret_edit *rets;	/* its returns, in source order */
	unsigned nrets;
	struct host_tail *tails;	/* S_HOST ival i is tails[i - 1] */
	unsigned ntails;
	unsigned ncgrants;
	unsigned long long cookie;	/* st.armed's value for its compound (emit_bpf) */
	struct rgn_assert *asserts;	/* its assert()s: what the runtime prints */
	unsigned nasserts;
	/* printf() and co.: the stdout buffer and a piece's scratch (or NULL) */
	struct var *out, *outfmt;
	/* fprintf(stderr, ...) and co.: the stderr buffer; strerror()'s messages */
	struct var *err, *errmsg;
	struct var *snp;	/* snprintf(): the sink each call formats into */
	/* strtok(): the pointer it keeps (into tok_buf), a token's start and end */
	struct var *tok_save, *tok_buf, *tok_t, *tok_e;
	struct var *fobufs;	/* the output buffers of the FILEs it writes, one block */
	/* getchar(): stdin's bytes read ahead, and where the region took them to */
	struct instream in;
	char **fmts;		/* the SC_OUTFMTs' formats, as bpf_snprintf() takes them */
	unsigned nfmts;
	int errors;
};

/* --- unit.c: one source file --------------------------------------------- */

struct range {
	unsigned start, end;
};

struct unit {
	const char *path;	/* as given */
	char *text;		/* its bytes */
	size_t len;
	CXIndex index;
	CXTranslationUnit tu;
	CXFile file;
	struct region **regions;
	unsigned nregions;
	struct range *macros;	/* macro expansions in this file */
	unsigned nmacros;
	int errors;
	int shown;		/* errors printed: one already printed is not again */
	unsigned long long *seen;	/* ... (hashes of place and text) */
	unsigned nseen;
};

/*
 * Parse `path` with the given clang arguments.  NULL after printing
 * diagnostics when it does not parse.
 */
struct unit *unit_parse(const char *path, struct argv *clang_args, bool verbose);
/* A cursor's children, in order (free .v); push_kid is the visitor. */
struct kids {
	CXCursor *v;
	unsigned n;
};
struct kids children(CXCursor c);
enum CXChildVisitResult push_kid(CXCursor c, CXCursor parent, CXClientData data);
void unit_free(struct unit *u);
/* Find the regions (errors for nested and malformed ones). */
int unit_find_regions(struct unit *u);
/* The expansion location of a cursor / source location. */
struct loc unit_loc(struct unit *u, CXSourceLocation l);
struct loc cursor_loc(struct unit *u, CXCursor c);
/* Is [start, end) of a cursor inside a macro expansion of this file? */
bool unit_in_macro(struct unit *u, CXCursor c);
/* The text of one source line (without the newline). */
const char *unit_line(struct unit *u, unsigned line, size_t *len);

/* --- ir.c --------------------------------------------------------------- */

/* Build r->body; refusals are reported and counted in r->errors. */
int ir_build(struct unit *u, struct region *r);

/* --- analyze.c ---------------------------------------------------------- */

int analyze_region(struct unit *u, struct region *r);
/* Lines of a region's layout, for comments. */
bool node_is_expr(const struct node *n);
/* Does n or a node under it satisfy pred? */
bool any_node(const struct node *n, bool (*pred)(const struct node *, const void *),
	      const void *arg);
/* Only reads and arithmetic: evaluating n changes nothing. */
bool writes_nothing(const struct node *n);

/* --- bpf.c -------------------------------------------------------------- */

/* The compound's source. */
void emit_bpf(struct unit *u, struct region *r, struct sbuf *out);

/* --- host.c ------------------------------------------------------------- */

/*
 * The rewritten source; objs[i]: the absolute path of region i's object,
 * cache_names[i]: the name its compound is pinned under (cache_name()).
 */
void emit_host(struct unit *u, char **objs, char **cache_names, struct sbuf *out);

/* The args struct, identical in the compound and the host code. */
void emit_args_struct(struct region *r, struct sbuf *out);

#endif /* COSY_CC_H */
