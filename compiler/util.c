// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* cosy-cc: strings, files, processes, messages. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cosycc.h"

static void oom(void)
{
	fputs("cosy-cc: error: out of memory\n", stderr);
	exit(1);
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		oom();
	return d;
}

unsigned long long fnv1a(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

char *xasprintf(const char *fmt, ...)
{
	struct sbuf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	return b.s;
}

void ptrvec_push(void ***v, unsigned *n, void *item)
{
	/* grow at powers of two */
	if ((*n & (*n - 1)) == 0)
		*v = xrealloc(*v, sizeof(**v) * (*n ? *n * 2 : 1));
	(*v)[(*n)++] = item;
}

/* --- string buffers ------------------------------------------------------ */

static void sb_grow(struct sbuf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	b->cap = (b->len + more + 1) * 2;
	b->s = xrealloc(b->s, b->cap);
}

void sb_putn(struct sbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void sb_puts(struct sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

void sb_putc(struct sbuf *b, char c)
{
	sb_putn(b, &c, 1);
}

void sb_vprintf(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	sb_grow(b, n);
	vsnprintf(b->s + b->len, n + 1, fmt, ap);
	b->len += n;
}

void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

void sb_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* --- files --------------------------------------------------------------- */

char *read_file(const char *path, size_t *len)
{
	struct sbuf b = { 0 };
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	sb_grow(&b, 0);
	b.s[0] = 0;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = errno;
			close(fd);
			sb_free(&b);
			errno = n;
			return NULL;
		}
		sb_putn(&b, chunk, n);
	}
	close(fd);
	if (len)
		*len = b.len;
	return b.s;
}

int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t done = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (done < len) {
		n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			n = errno;
			close(fd);
			errno = n;
			return -1;
		}
		done += n;
	}
	return close(fd);
}

/* --- commands ------------------------------------------------------------ */

void av_push(struct argv *a, const char *s)
{
	if (a->n + 2 > a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->v = xrealloc(a->v, a->cap * sizeof(*a->v));
	}
	a->v[a->n++] = xstrdup(s);
	a->v[a->n] = NULL;
}

void av_pushf(struct argv *a, const char *fmt, ...)
{
	struct sbuf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	av_push(a, b.s);
	sb_free(&b);
}

void av_free(struct argv *a)
{
	for (unsigned i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}

/* Quote for the verbose echo only when needed, so it can be pasted. */
static void echo_arg(const char *s)
{
	if (*s && !strpbrk(s, " \t\n'\"\\$`*?[]{}()<>|&;#~")) {
		fputs(s, stderr);
		return;
	}
	fputc('\'', stderr);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stderr);
		else
			fputc(*s, stderr);
	}
	fputc('\'', stderr);
}

int run_cmd(struct argv *a, bool verbose)
{
	int status;
	pid_t pid;

	if (verbose) {
		fputs("cosy-cc: run:", stderr);
		for (unsigned i = 0; i < a->n; i++) {
			fputc(' ', stderr);
			echo_arg(a->v[i]);
		}
		fputc('\n', stderr);
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		tool_error("cannot start %s: %s", a->v[0], strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execvp(a->v[0], a->v);
		fprintf(stderr, "cosy-cc: error: cannot run %s: %s\n", a->v[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* --- messages ------------------------------------------------------------ */

void tool_error(const char *fmt, ...)
{
	va_list ap;

	fputs("cosy-cc: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void tool_note(const char *fmt, ...)
{
	va_list ap;

	fputs("cosy-cc: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* --- types ---------------------------------------------------------------- */

static const struct {
	const char *name;
	bool sign;
	unsigned size;
} ct_info[] = {
	[CT_NONE] = { "void", false, 0 },
	[CT_BOOL] = { "_Bool", false, 1 },
	[CT_SCHAR] = { "signed char", true, 1 },
	[CT_UCHAR] = { "unsigned char", false, 1 },
	[CT_SHORT] = { "short", true, 2 },
	[CT_USHORT] = { "unsigned short", false, 2 },
	[CT_INT] = { "int", true, 4 },
	[CT_UINT] = { "unsigned int", false, 4 },
	[CT_LONG] = { "long", true, 8 },
	[CT_ULONG] = { "unsigned long", false, 8 },
	[CT_LLONG] = { "long long", true, 8 },
	[CT_ULLONG] = { "unsigned long long", false, 8 },
};

const char *ct_name(enum ctype t)
{
	return ct_info[t].name;
}

bool ct_signed(enum ctype t)
{
	return ct_info[t].sign;
}

unsigned ct_size(enum ctype t)
{
	return ct_info[t].size;
}

static const char *const op_names[] = {
	[OP_NONE] = "", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_DIV] = "/",
	[OP_MOD] = "%", [OP_SHL] = "<<", [OP_SHR] = ">>", [OP_AND] = "&", [OP_OR] = "|",
	[OP_XOR] = "^", [OP_LAND] = "&&", [OP_LOR] = "||", [OP_EQ] = "==", [OP_NE] = "!=",
	[OP_LT] = "<", [OP_GT] = ">", [OP_LE] = "<=", [OP_GE] = ">=", [OP_NOT] = "!",
	[OP_BITNOT] = "~", [OP_NEG] = "-", [OP_PLUS] = "+", [OP_INC] = "++", [OP_DEC] = "--",
};

const char *op_str(enum op op)
{
	return op_names[op];
}

static const char *const sysc_names[] = {
	[SC_OPEN] = "open", [SC_OPENAT] = "openat", [SC_CREAT] = "creat",
	[SC_READ] = "read", [SC_WRITE] = "write", [SC_PREAD] = "pread",
	[SC_PWRITE] = "pwrite", [SC_LSEEK] = "lseek", [SC_CLOSE] = "close",
	[SC_STAT] = "stat", [SC_LSTAT] = "lstat", [SC_FSTAT] = "fstat",
	[SC_FSTATAT] = "fstatat", [SC_GETDENTS] = "getdents64", [SC_FGETS] = "fgets", [SC_MEMCPY] = "memcpy", [SC_MEMSET] = "memset",
	[SC_STRLEN] = "strlen", [SC_MEMCMP] = "memcmp", [SC_MEMCHR] = "memchr",
	[SC_MEMMEM] = "memmem", [SC_UNLINK] = "unlink", [SC_FSYNC] = "fsync",
	[SC_FTRUNCATE] = "ftruncate", [SC_STRCMP] = "strcmp", [SC_STRNCMP] = "strncmp", [SC_STRCPY] = "strcpy",
	[SC_STRTOL] = "strtol", [SC_STRSPN] = "strspn",
	[SC_STRCHR] = "strchr", [SC_OUTFMT] = "printf", [SC_OUTSTR] = "printf",
	[SC_OUTERR] = "strerror", [SC_OUTFLUSH] = "fflush", [SC_SNPRINTF] = "snprintf",
};

/*
 * Bytes as a C string literal, quotes and all: " and \ escaped, \n and
 * \t as such, the rest outside printable ASCII in octal.
 */
void c_string(struct sbuf *o, const char *s, size_t n)
{
	sb_putc(o, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			sb_printf(o, "\\%c", c);
		else if (c == '\n' || c == '\t')
			sb_puts(o, c == '\n' ? "\\n" : "\\t");
		else if (c >= 0x20 && c < 0x7f)
			sb_putc(o, c);
		else
			sb_printf(o, "\\%03o", c);
	}
	sb_putc(o, '"');
}

const char *sysc_name(enum sysc sc)
{
	return sysc_names[sc];
}
