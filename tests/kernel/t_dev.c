// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * /dev/cosy: compounds an administrator approved, run by ordinary users
 * (uid 1000 and friends, no capabilities, unprivileged_bpf_disabled set)
 * through libcosy unchanged, and everything such a user may try with the
 * device: requests out of order or out of range, revoke in the middle of a
 * loop of runs, closing or unmapping during a run, fork, many users at once.
 * The approval path must refuse every pointer-leak FINDING of the verifier
 * suite, which root's loader accepts.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/capability.h>

#include <cosy/dev.h>
#include "testlib.h"
#include "burst.h"
#include "cp.h"

#define DIR_ "/tmp/tdev"

/* Is `name` approved?  (COSY_DEV_INFO by name, as root) */
static bool approved(const char *name)
{
	struct cosy_dev_info info = {};
	int dev = open(COSY_DEV_PATH, O_RDONLY), r;

	snprintf(info.name, sizeof(info.name), "%s", name);
	r = dev >= 0 ? ioctl(dev, COSY_DEV_INFO, &info) : -1;
	if (dev >= 0)
		close(dev);
	return r == 0;
}

static unsigned sum_file(const char *path)
{
	unsigned char buf[4096];
	unsigned s = 0;
	ssize_t r, i;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return 0;
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < r; i++)
			s = s * 31 + buf[i];
	close(fd);
	return s;
}

/*
 * Run fn(arg) in a child as uid/gid with these supplementary groups and
 * no capabilities at all; its exit status (0: passed).
 */
static int as_user(uid_t uid, gid_t gid, int ngroups, const gid_t *groups,
		   int (*fn)(void *), void *arg)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return 100;
	if (!pid) {
		struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
		struct __user_cap_data_struct d[2];

		if (setgroups(ngroups, groups) || setresgid(gid, gid, gid) ||
		    setresuid(uid, uid, uid)) {
			printf("#   cannot become %u: %s\n", uid, strerror(errno));
			_exit(101);
		}
		if (syscall(SYS_capget, &h, d) || d[0].effective || d[1].effective ||
		    d[0].permitted || d[1].permitted) {
			printf("#   uid %u still has capabilities\n", uid);
			_exit(102);
		}
		fflush(stdout);
		_exit(fn(arg));
	}
	if (waitpid(pid, &st, 0) != pid)
		return 103;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int as_1000(int (*fn)(void *), void *arg)
{
	gid_t g = 1000;

	return as_user(1000, 1000, 1, &g, fn, arg);
}

#define U_CHECK(cond, fmt, ...)							\
	do {									\
		if (!(cond)) {							\
			printf("#   %s:%d: uid %u: check failed: %s: " fmt "\n",	\
			       __FILE__, __LINE__, getuid(), #cond, ##__VA_ARGS__);	\
			return 1;						\
		}								\
	} while (0)

/* One cp run through libcosy: src to dst in the handle's segment. */
static int run_cp(struct cosy_compound *c, struct cosy_segment *seg, const char *src,
		  const char *dst, struct cp_args *a, struct cosy_run_opts *ro)
{
	char *mem = seg ? cosy_segment__data(seg, NULL) : cosy_compound__data(c, NULL);

	*a = (struct cp_args){ .src_off = 0, .dst_off = 512, .buf_off = 4096,
			       .chunk = 4096, .mode = 0600 };
	snprintf(mem, 512, "%s", src);
	snprintf(mem + 512, 512, "%s", dst);
	ro->segment = seg;
	return cosy_compound__run(c, "cp", a, sizeof(*a), ro);
}

/* --- setup ----------------------------------------------------------------- */

/* BPF programs loaded now (root): every approval's must be gone at the end */
static int count_progs(void)
{
	union bpf_attr attr = {};
	int n = 0;

	while (!syscall(SYS_bpf, BPF_PROG_GET_NEXT_ID, &attr, sizeof(attr))) {
		attr.start_id = attr.next_id;
		n++;
	}
	return n;
}

static int progs_at_setup = -1;

TL_CASE(setup)
{
	FILE *f = fopen("/proc/sys/kernel/unprivileged_bpf_disabled", "r+");
	int v = -1, fd;

	progs_at_setup = count_progs();
	TL_CHECK(f, "%s", strerror(errno));
	TL_EQ(fscanf(f, "%d", &v), 1);
	if (!v) {
		rewind(f);
		fprintf(f, "2\n");
	}
	fclose(f);
	TL_EQ(chmod(COSY_DEV_PATH, 0666), 0);
	mkdir(DIR_, 0777);
	TL_EQ(chmod(DIR_, 01777), 0);
	fd = open(DIR_ "/empty", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	TL_CHECK(fd >= 0, "");
	close(fd);
	TL_EQ(tl_sh("cosy-load approve $COSY_BPF_DIR/burst.bpf.o name t-burst user 1000 >/dev/null"),
	      0);
	TL_EQ(tl_sh("cosy-load approve $COSY_BPF_DIR/cp.bpf.o name t-cp group 1000 >/dev/null"), 0);
	TL_CHECK(approved("t-cp"), "t-cp not listed");
	return 0;
}

static int u_burst(void *arg)
{
	int fd = open(DIR_ "/empty", O_RDONLY);
	COSY_OPTS(cosy_run_opts, ro, .grant_fds = &fd, .ngrant = 1);
	struct burst_args a = { .fd = fd, .n = 1000 };
	struct cosy_compound *c;

	(void)arg;
	U_CHECK(fd >= 0, "");
	c = cosy_compound__open_pinned("t-burst", NULL);
	U_CHECK(c, "%s", strerror(errno));
	U_CHECK(!strcmp(cosy_compound__via(c), COSY_DEV_PATH), "via %s", cosy_compound__via(c));
	U_CHECK(cosy_compound__run(c, NULL, &a, sizeof(a), &ro) == 0, "%s", strerror(errno));
	U_CHECK(ro.retval == 0 && a.done == 1000 && ro.stats.calls >= 1000,
		"retval %d done %llu calls %llu", ro.retval, (unsigned long long)a.done,
		(unsigned long long)ro.stats.calls);
	cosy_compound__close(c);
	close(fd);
	return 0;
}

/* On every kernel: a compound every verifier takes, run by a user. */
TL_CASE(user_runs_burst)
{
	TL_EQ(as_1000(u_burst, NULL), 0);
	return 0;
}

/* --- what an ordinary user may and may not do ------------------------------ */

static int u_admin(void *arg)
{
	struct cosy_dev_approve req = {};
	char name[COSY_DEV_NAME_MAX] = "t-cp";
	int dev = open(COSY_DEV_PATH, O_RDWR);

	(void)arg;
	U_CHECK(dev >= 0, "%s", strerror(errno));
	U_CHECK(ioctl(dev, COSY_DEV_APPROVE, &req) && errno == EPERM, "%s", strerror(errno));
	U_CHECK(ioctl(dev, COSY_DEV_REVOKE, name) && errno == EPERM, "%s", strerror(errno));
	close(dev);
	return 0;
}

/*
 * Every bench compound passes the unprivileged rules, 6.1's included: their
 * loop state is kept in 8-byte fields and set with cosy_loop_set() for it.
 */
TL_CASE(bench_compounds_are_approvable)
{
	static const char *const objs[] = { "cat_many", "grep_c", "ls_l" };
	unsigned i;

	for (i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
		TL_EQ(tl_sh("cosy-load approve $COSY_BPF_DIR/%s.bpf.o name t-b user 1000 >/dev/null",
			 objs[i]), 0);
		TL_CHECK(approved("t-b"), "%s not listed", objs[i]);
		TL_EQ(tl_sh("cosy-load revoke t-b >/dev/null"), 0);
	}
	return 0;
}

/*
 * Bad approvals from root: each refused with its errno, and none may leave
 * anything behind (a half-made approval put on its way out).
 */
TL_CASE(bad_approvals)
{
	struct cosy_dev_prog p = { .entry = "x", .insn_cnt = 2, .args_size = 256 };
	struct cosy_dev_approve req = { .name = "t-bad", .nprogs = 1, .nuids = 1,
					.uids = { 1000 }, .seg_size = 4096 };
	int dev = open(COSY_DEV_PATH, O_RDWR);

	TL_CHECK(dev >= 0, "%s", strerror(errno));
	req.progs = 16;		/* unmapped */
	TL_CHECK(ioctl(dev, COSY_DEV_APPROVE, &req) && errno == EFAULT, "%s", strerror(errno));
	req.progs = (__u64)(unsigned long)&p;
	p.insns = 16;
	TL_CHECK(ioctl(dev, COSY_DEV_APPROVE, &req) && errno == EFAULT, "%s", strerror(errno));
	req.btf = 16;
	req.btf_size = 100;
	TL_CHECK(ioctl(dev, COSY_DEV_APPROVE, &req) && errno == EFAULT, "%s", strerror(errno));
	req.btf_size = COSY_DEV_BTF_MAX + 1;
	TL_CHECK(ioctl(dev, COSY_DEV_APPROVE, &req) && errno == EINVAL, "%s", strerror(errno));
	strcpy(req.name, "bad name");
	req.btf_size = 0;
	TL_CHECK(ioctl(dev, COSY_DEV_APPROVE, &req) && errno == EINVAL, "%s", strerror(errno));
	close(dev);
	TL_CHECK(!approved("t-bad"), "");
	TL_CHECK(!tl_kernel_log_has("refcount_t"), "an approval put twice or never");
	return 0;
}

TL_CASE(user_may_not_approve)
{
	TL_EQ(as_1000(u_admin, NULL), 0);
	TL_CHECK(approved("t-cp"), "revoked by a user");
	return 0;
}

static int u_cp(void *arg)
{
	union bpf_attr attr = { .map_type = BPF_MAP_TYPE_ARRAY, .key_size = 4,
				.value_size = 8, .max_entries = 1 };
	COSY_OPTS(cosy_run_opts, ro);
	struct cosy_compound *c;
	struct cp_args a;
	unsigned want;

	(void)arg;
	/* no bpf(2) for this user at all */
	U_CHECK(syscall(__NR_bpf, BPF_MAP_CREATE, &attr, sizeof(attr)) < 0 && errno == EPERM,
		"bpf(2) worked");
	U_CHECK(tl_make_file(DIR_ "/u.in", 300001, 7) == 0, "");
	want = sum_file(DIR_ "/u.in");
	c = cosy_compound__open_pinned("t-cp", NULL);
	U_CHECK(c, "open_pinned: %s", strerror(errno));
	U_CHECK(!strcmp(cosy_compound__via(c), COSY_DEV_PATH), "via %s", cosy_compound__via(c));
	U_CHECK(cosy_compound__args_size(c, "cp") == sizeof(struct cp_args), "");
	U_CHECK(run_cp(c, NULL, DIR_ "/u.in", DIR_ "/u.out", &a, &ro) == 0, "%s",
		strerror(errno));
	U_CHECK(ro.retval == 0 && a.copied == 300001, "retval %d copied %lld", ro.retval,
		(long long)a.copied);
	U_CHECK(sum_file(DIR_ "/u.out") == want, "copy differs");
	/* root's 0600 file: the user's own credentials say no */
	U_CHECK(run_cp(c, NULL, DIR_ "/secret", DIR_ "/u.stolen", &a, &ro) == 0, "");
	U_CHECK(ro.retval != 0 && ro.fail_err == -EACCES && ro.fail_op == COSY_OP_OPEN,
		"retval %d fail %d op %d", ro.retval, ro.fail_err, ro.fail_op);
	U_CHECK(access(DIR_ "/u.stolen", F_OK) && errno == ENOENT, "");
	/* a handle that runs through the device cannot be pinned */
	U_CHECK(cosy_compound__pin(c, "t-cp2", NULL) == -EINVAL, "");
	cosy_compound__close(c);
	unlink(DIR_ "/u.in");
	unlink(DIR_ "/u.out");
	return 0;
}

TL_CASE(user_runs_cp)
{
	TL_EQ(tl_make_file(DIR_ "/secret", 1000, 1), 0);
	TL_EQ(chmod(DIR_ "/secret", 0600), 0);
	TL_EQ(as_1000(u_cp, NULL), 0);
	unlink(DIR_ "/secret");
	return 0;
}

/* a shell command as the user: its exit status */
static int u_sh(void *arg)
{
	int st = system(arg);

	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/*
 * cosy-load run of an approved compound, as the user: the args fields
 * named by the BTF the approval keeps (the user may not fetch it by id),
 * the strings placed in the device's segment, and the same copy as root's.
 * The user's root-owned 0600 file stays out of reach.
 */
TL_CASE(user_runs_cosy_load_run)
{
	static const char run[] = "cosy-load run t-cp src_off=str:%s dst_off=str:%s "
				  "buf_off=0 chunk=4096 mode=0644 >%s/cl.out 2>&1";
	char cmd[512];

	TL_EQ(tl_make_file(DIR_ "/cl.in", 300000, 7), 0);
	TL_EQ(chmod(DIR_ "/cl.in", 0644), 0);
	snprintf(cmd, sizeof(cmd), run, DIR_ "/cl.in", DIR_ "/cl.copy", DIR_);
	TL_EQ(as_1000(u_sh, cmd), 0);
	TL_EQ(tl_sh("sed 's/^/#   /' %s/cl.out; grep -q '^  via /dev/cosy' %s/cl.out && "
		 "grep -q 'retval 0$' %s/cl.out && grep -q '^  copied = 300000$' %s/cl.out",
		 DIR_, DIR_, DIR_, DIR_), 0);
	TL_EQ(tl_cmp_files(DIR_ "/cl.in", DIR_ "/cl.copy"), 0);
	/* root's 0600 file: the kernel says no to the user (exit 1, EACCES) */
	TL_EQ(tl_make_file(DIR_ "/cl.secret", 1000, 1), 0);
	TL_EQ(chmod(DIR_ "/cl.secret", 0600), 0);
	snprintf(cmd, sizeof(cmd), run, DIR_ "/cl.secret", DIR_ "/cl.leak", DIR_);
	TL_EQ(as_1000(u_sh, cmd), 1);
	TL_EQ(tl_sh("sed 's/^/#   /' %s/cl.out; grep -q 'Permission denied' %s/cl.out", DIR_, DIR_),
	      0);
	TL_CHECK(access(DIR_ "/cl.leak", F_OK), "the output was created");
	/* an unknown field is named, from the approval's BTF */
	TL_EQ(as_1000(u_sh, "cosy-load run t-cp nosuch=1 2>" DIR_ "/cl.out"), 2);
	TL_EQ(tl_sh("grep -q \"has no field 'nosuch'\" %s/cl.out", DIR_), 0);
	unlink(DIR_ "/cl.secret");
	return 0;
}

/* open_pinned() of t-cp and of an unapproved name: the errnos expected */
static int u_refused(void *arg)
{
	const int *want = arg;
	struct cosy_compound *c = cosy_compound__open_pinned("t-cp", NULL);
	struct cosy_dev_btf b = { .name = "t-cp" };
	char buf[256];
	int dev;

	U_CHECK(!c && errno == want[0], "%s", c ? "attached" : strerror(errno));
	/* nor the approval's BTF */
	dev = open(COSY_DEV_PATH, O_RDONLY);
	if (dev >= 0) {
		b.buf = (__u64)(unsigned long)buf;
		b.size = sizeof(buf);
		U_CHECK(ioctl(dev, COSY_DEV_BTF, &b) && errno == EACCES, "BTF: %s",
			strerror(errno));
		close(dev);
	}
	c = cosy_compound__open_pinned("t-nope", NULL);
	U_CHECK(!c && errno == want[1], "%s", c ? "attached" : strerror(errno));
	return 0;
}

static int u_one_run(void *arg)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct cosy_compound *c = cosy_compound__open_pinned("t-cp", NULL);
	struct cp_args a;
	char out[64];

	U_CHECK(c, "%s", strerror(errno));
	snprintf(out, sizeof(out), DIR_ "/one.%u", getuid());
	U_CHECK(run_cp(c, NULL, (char *)arg, out, &a, &ro) == 0 && ro.retval == 0, "");
	U_CHECK(sum_file(out) == sum_file(arg), "");
	unlink(out);
	cosy_compound__close(c);
	return 0;
}

TL_CASE(who_may_run)
{
	static const int outsider[2] = { EACCES, EPERM }, closed[2] = { EACCES, EACCES };
	gid_t in = 1000, out = 1001;

	TL_EQ(tl_make_file(DIR_ "/pub", 5000, 3), 0);
	TL_EQ(chmod(DIR_ "/pub", 0644), 0);
	/* outside the group: refused; an unapproved name: refused, differently */
	TL_EQ(as_user(1001, 1001, 1, &out, u_refused, (void *)outsider), 0);
	/* in the group by a supplementary group */
	TL_EQ(as_user(1002, 1002, 1, &in, u_one_run, DIR_ "/pub"), 0);
	/* in the group, but the device is closed to the user */
	TL_EQ(chmod(COSY_DEV_PATH, 0600), 0);
	TL_EQ(as_user(1000, 1000, 1, &in, u_refused, (void *)closed), 0);
	TL_EQ(chmod(COSY_DEV_PATH, 0666), 0);
	unlink(DIR_ "/pub");
	return 0;
}

/* --- an attachment handed to another user (SCM_RIGHTS) ------------------------ */

static int scm_sv[2] = { -1, -1 };

static int u_attach_and_send(void *arg)
{
	struct cosy_dev_attach at = { .name = "t-burst" };
	char cbuf[CMSG_SPACE(sizeof(int))] = {}, byte = 'x';
	struct iovec iov = { &byte, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);
	int dev = open(COSY_DEV_PATH, O_RDWR);

	(void)arg;
	U_CHECK(dev >= 0, "%s", strerror(errno));
	U_CHECK(ioctl(dev, COSY_DEV_ATTACH, &at) == 0, "%s", strerror(errno));
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &dev, sizeof(int));
	U_CHECK(sendmsg(scm_sv[0], &msg, 0) == 1, "%s", strerror(errno));
	return 0;
}

/* Receive the attachment and run through it: errno *arg expected. */
static int u_recv_and_run(void *arg)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = {}, byte;
	struct iovec iov = { &byte, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cosy_dev_run run = {};
	struct cmsghdr *cm;
	int dev = -1;

	U_CHECK(recvmsg(scm_sv[1], &msg, 0) == 1, "%s", strerror(errno));
	cm = CMSG_FIRSTHDR(&msg);
	U_CHECK(cm && cm->cmsg_type == SCM_RIGHTS, "no fd came");
	memcpy(&dev, CMSG_DATA(cm), sizeof(int));
	U_CHECK(ioctl(dev, COSY_DEV_RUN, &run) && errno == *(int *)arg, "run: %s",
		strerror(errno));
	close(dev);
	return 0;
}

/*
 * An approved user attaches and passes the open device to a user who is
 * not approved: the module checks the caller at every run, not the opener,
 * so the outsider is refused (EACCES).  The same fd passed to an approved
 * user gets as far as the args (EINVAL: none given).
 */
TL_CASE(attachment_passed_to_an_outsider)
{
	static const int eacces = EACCES, einval = EINVAL;
	gid_t g1001 = 1001, g1000 = 1000;

	TL_EQ(socketpair(AF_UNIX, SOCK_DGRAM, 0, scm_sv), 0);
	TL_EQ(as_1000(u_attach_and_send, NULL), 0);
	TL_EQ(as_user(1001, 1001, 1, &g1001, u_recv_and_run, (void *)&eacces), 0);
	TL_EQ(as_1000(u_attach_and_send, NULL), 0);
	TL_EQ(as_user(1000, 1000, 1, &g1000, u_recv_and_run, (void *)&einval), 0);
	close(scm_sv[0]);
	close(scm_sv[1]);
	return 0;
}

/* --- bad requests ------------------------------------------------------------ */

static int u_bad(void *arg)
{
	struct cosy_dev_attach at = { .name = "t-cp" };
	struct cosy_dev_run run = {};
	long page = sysconf(_SC_PAGESIZE);
	struct rlimit rl, small;
	struct cp_args a = {};
	int dev = open(COSY_DEV_PATH, O_RDWR);
	char *seg;
	void *m;

	(void)arg;
	U_CHECK(dev >= 0, "");
	/* before the attach */
	U_CHECK(ioctl(dev, COSY_DEV_RUN, &run) && errno == EBADFD, "%s", strerror(errno));
	m = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, dev, 0);
	U_CHECK(m == MAP_FAILED && errno == EBADFD, "%s", strerror(errno));
	U_CHECK(ioctl(dev, _IO(COSY_DEV_IOC_MAGIC, 99)) && errno == ENOTTY, "");
	U_CHECK(ioctl(dev, COSY_DEV_ATTACH, (void *)16) && errno == EFAULT, "");
	/* sizes */
	at.seg_size = 100;
	U_CHECK(ioctl(dev, COSY_DEV_ATTACH, &at) && errno == EINVAL, "%s", strerror(errno));
	at.seg_size = COSY_SEG_MAX + 1ull;
	U_CHECK(ioctl(dev, COSY_DEV_ATTACH, &at) && errno == E2BIG, "%s", strerror(errno));
	/* the segment counts against the user's locked memory */
	U_CHECK(getrlimit(RLIMIT_MEMLOCK, &rl) == 0, "");
	small = rl;
	small.rlim_cur = 64 << 10;
	U_CHECK(setrlimit(RLIMIT_MEMLOCK, &small) == 0, "");
	at.seg_size = 0;
	U_CHECK(ioctl(dev, COSY_DEV_ATTACH, &at) && errno == ENOMEM, "%s", strerror(errno));
	U_CHECK(setrlimit(RLIMIT_MEMLOCK, &rl) == 0, "");
	U_CHECK(ioctl(dev, COSY_DEV_ATTACH, &at) == 0, "%s", strerror(errno));
	U_CHECK(at.seg_size == CP_SEG_SIZE && at.nprogs == 2, "%llu %u",
		(unsigned long long)at.seg_size, at.nprogs);
	U_CHECK(ioctl(dev, COSY_DEV_ATTACH, &at) && errno == EBUSY, "%s", strerror(errno));
	/* mappings */
	m = mmap(NULL, CP_SEG_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, dev, 0);
	U_CHECK(m == MAP_FAILED && errno == EINVAL, "private: %s", strerror(errno));
	m = mmap(NULL, CP_SEG_SIZE + page, PROT_READ | PROT_WRITE, MAP_SHARED, dev, 0);
	U_CHECK(m == MAP_FAILED && errno == EINVAL, "too long: %s", strerror(errno));
	m = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, dev, page);
	U_CHECK(m == MAP_FAILED && errno == EINVAL, "offset: %s", strerror(errno));
	m = mmap(NULL, page, PROT_READ | PROT_EXEC, MAP_SHARED, dev, 0);
	U_CHECK(m == MAP_FAILED && errno == EPERM, "exec: %s", strerror(errno));
	seg = mmap(NULL, CP_SEG_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, dev, 0);
	U_CHECK(seg != MAP_FAILED, "%s", strerror(errno));
	U_CHECK(mprotect(seg, page, PROT_READ | PROT_EXEC) && errno == EACCES, "mprotect exec");
	/* runs */
	run.args = (__u64)(unsigned long)&a;
	run.args_size = sizeof(a);
	run.entry = 2;
	U_CHECK(ioctl(dev, COSY_DEV_RUN, &run) && errno == EINVAL, "entry 2: %s", strerror(errno));
	run.entry = 0;
	run.flags = 1;
	U_CHECK(ioctl(dev, COSY_DEV_RUN, &run) && errno == EINVAL, "flags: %s", strerror(errno));
	run.flags = 0;
	run.args_size = 8;
	U_CHECK(ioctl(dev, COSY_DEV_RUN, &run) && errno == EINVAL, "small: %s", strerror(errno));
	run.args_size = sizeof(a);
	run.args = 16;
	U_CHECK(ioctl(dev, COSY_DEV_RUN, &run) && errno == EFAULT, "args: %s", strerror(errno));
	/* a ctx the module vets: the device's segment whatever seg_fd says */
	run.args = (__u64)(unsigned long)&a;
	a.cosy.magic = COSY_CTX_MAGIC;
	a.cosy.abi_version = COSY_ABI_VERSION;
	a.cosy.seg_fd = 0;
	a.src_off = CP_SEG_SIZE - 3;	/* a path running off the segment's end */
	a.dst_off = 512;
	a.buf_off = 4096;
	a.chunk = 4096;
	memset(seg + CP_SEG_SIZE - 3, 'x', 3);
	snprintf(seg + 512, 512, DIR_ "/bad.out");
	U_CHECK(ioctl(dev, COSY_DEV_RUN, &run) == 0, "%s", strerror(errno));
	U_CHECK(run.retval != 0 && a.cosy.fail_err == -EFAULT, "retval %u fail %d", run.retval,
		a.cosy.fail_err);
	/* a wrong magic: the begin refuses it, nothing runs */
	a.cosy.magic = 0;
	a.src_off = 0;
	snprintf(seg, 512, "/etc/passwd");
	U_CHECK(ioctl(dev, COSY_DEV_RUN, &run) == 0 && run.retval != 0 &&
		a.cosy.begin_err == -EPROTO, "begin_err %d", a.cosy.begin_err);
	U_CHECK(access(DIR_ "/bad.out", F_OK) && errno == ENOENT, "");
	munmap(seg, CP_SEG_SIZE);
	close(dev);
	return 0;
}

TL_CASE(bad_requests)
{
	TL_EQ(as_1000(u_bad, NULL), 0);
	return 0;
}

/* --- revoke, close, unmap, fork, many users ---------------------------------- */

static int rv_pipe[2];

static int u_revoked(void *arg)
{
	struct cosy_compound *c = cosy_compound__open_pinned("t-rv", NULL);
	int ok = 0, refused = 0, i, fd = open(DIR_ "/empty", O_RDONLY);
	COSY_OPTS(cosy_run_opts, ro, .grant_fds = &fd, .ngrant = 1);

	(void)arg;
	U_CHECK(c && fd >= 0, "%s", strerror(errno));
	for (i = 0; i < 100000 && refused < 3; i++) {
		struct burst_args a = { .fd = fd, .n = 10 };
		int r = cosy_compound__run(c, NULL, &a, sizeof(a), &ro);

		if (!r) {
			U_CHECK(!refused, "a run after the revoke ran");
			U_CHECK(ro.retval == 0 && a.done == 10, "");
			if (++ok == 20)
				U_CHECK(write(rv_pipe[1], "g", 1) == 1, "");
		} else {
			U_CHECK(errno == EPERM, "%s", strerror(errno));
			refused++;
		}
	}
	U_CHECK(ok >= 20 && refused == 3, "ok %d refused %d", ok, refused);
	cosy_compound__close(c);
	close(fd);
	c = cosy_compound__open_pinned("t-rv", NULL);
	U_CHECK(!c && errno == EPERM, "attached after the revoke");
	return 0;
}

TL_CASE(revoke_during_runs)
{
	pid_t pid;
	char g;
	int st;

	TL_EQ(tl_sh("cosy-load approve $COSY_BPF_DIR/burst.bpf.o name t-rv user 1000 >/dev/null"), 0);
	TL_EQ(pipe(rv_pipe), 0);
	pid = fork();
	TL_CHECK(pid >= 0, "");
	if (!pid)
		_exit(as_1000(u_revoked, NULL));
	close(rv_pipe[1]);
	TL_EQ(read(rv_pipe[0], &g, 1), 1);
	close(rv_pipe[0]);
	TL_EQ(tl_sh("cosy-load revoke t-rv"), 0);
	TL_CHECK(!approved("t-rv"), "still listed");
	TL_EQ(waitpid(pid, &st, 0), pid);
	TL_CHECK(WIFEXITED(st) && !WEXITSTATUS(st), "status %#x", st);
	return 0;
}

struct midrun {
	int dev;
	char *seg;
	struct burst_args a;
	struct cosy_dev_run run;
	int ret, err;
};

static void *midrun_thread(void *p)
{
	struct midrun *m = p;

	m->ret = ioctl(m->dev, COSY_DEV_RUN, &m->run);
	m->err = errno;
	return NULL;
}

/* m->dev attached to t-burst and its segment mapped; *fd an empty file. */
static int midrun_attach(struct midrun *m, int *fd)
{
	struct cosy_dev_attach at = { .name = "t-burst" };

	*fd = open(DIR_ "/empty", O_RDONLY);
	m->dev = open(COSY_DEV_PATH, O_RDWR);
	U_CHECK(*fd >= 0 && m->dev >= 0 && ioctl(m->dev, COSY_DEV_ATTACH, &at) == 0, "%s",
		strerror(errno));
	m->seg = mmap(NULL, BURST_SEG_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, m->dev, 0);
	U_CHECK(m->seg != MAP_FAILED, "");
	return 0;
}

/* burst, on every kernel: a long run (a million reads) the test pulls things from under */
static int u_midrun(void *arg)
{
	struct midrun m = {};
	pthread_t t;
	int dup_fd, fd;

	(void)arg;
	if (midrun_attach(&m, &fd))
		return 1;
	m.a = (struct burst_args){ .cosy = { .magic = COSY_CTX_MAGIC,
					     .abi_version = COSY_ABI_VERSION, .ngrant = 1,
					     .grant_fds = { fd }, .budget = { .calls = 4 << 20 } },
				   .fd = fd, .n = 1 << 20 };
	m.run = (struct cosy_dev_run){ .args = (__u64)(unsigned long)&m.a,
				       .args_size = sizeof(m.a) };
	dup_fd = dup(m.dev);
	U_CHECK(pthread_create(&t, NULL, midrun_thread, &m) == 0, "");
	usleep(20000);
	/* the segment and the device go while the run is under way */
	munmap(m.seg, BURST_SEG_SIZE);
	close(m.dev);
	pthread_join(t, NULL);
	U_CHECK(m.ret == 0 && m.run.retval == 0 && m.a.done == 1 << 20, "ret %d (%s) retval %u "
		"done %llu", m.ret, strerror(m.err), m.run.retval, (unsigned long long)m.a.done);
	U_CHECK(m.a.cosy.stats.wall_ns > 20 * 1000 * 1000, "the run took %llu ns: not long "
		"enough to be interrupted", (unsigned long long)m.a.cosy.stats.wall_ns);
	/* the closed number is not the device any more; the dup still is */
	m.a.n = 10;
	U_CHECK(ioctl(m.dev, COSY_DEV_RUN, &m.run) && errno == EBADF, "");
	U_CHECK(ioctl(dup_fd, COSY_DEV_RUN, &m.run) == 0 && m.a.done == 10, "%s", strerror(errno));
	close(dup_fd);
	close(fd);
	return 0;
}

TL_CASE(close_and_unmap_during_a_run)
{
	TL_EQ(as_1000(u_midrun, NULL), 0);
	return 0;
}

/*
 * The device fd a run goes through, handed over to that run (grant_own):
 * the session reaps it while the ioctl is still on it.  The run ends as
 * usual, the number is closed, the mapping and the attachment's other fds
 * stay.
 */
static int u_own_device(void *arg)
{
	struct midrun m = {};
	int dup_fd, fd;

	(void)arg;
	if (midrun_attach(&m, &fd))
		return 1;
	dup_fd = dup(m.dev);
	U_CHECK(dup_fd >= 0, "");
	m.a = (struct burst_args){ .cosy = { .magic = COSY_CTX_MAGIC,
					     .abi_version = COSY_ABI_VERSION, .ngrant = 2,
					     .grant_fds = { fd, m.dev }, .grant_own = 2,
					     .budget = { .calls = 1 << 20 } },
				   .fd = fd, .n = 1000 };
	m.run = (struct cosy_dev_run){ .args = (__u64)(unsigned long)&m.a,
				       .args_size = sizeof(m.a) };
	m.ret = ioctl(m.dev, COSY_DEV_RUN, &m.run);
	U_CHECK(m.ret == 0 && m.run.retval == 0 && m.a.done == 1000, "ret %d (%s) retval %u "
		"done %llu", m.ret, strerror(errno), m.run.retval, (unsigned long long)m.a.done);
	U_CHECK(m.a.cosy.stats.fds_reaped == 1, "reaped %llu",
		(unsigned long long)m.a.cosy.stats.fds_reaped);
	U_CHECK(fcntl(m.dev, F_GETFD) < 0 && errno == EBADF, "the device fd outlived its run");
	m.seg[0] = 1;
	m.a.n = 10;
	m.a.cosy.ngrant = 1;
	m.a.cosy.grant_own = 0;
	U_CHECK(ioctl(dup_fd, COSY_DEV_RUN, &m.run) == 0 && m.run.retval == 0 && m.a.done == 10,
		"%s", strerror(errno));
	munmap(m.seg, BURST_SEG_SIZE);
	close(dup_fd);
	close(fd);
	return 0;
}

TL_CASE(device_fd_handed_over_to_its_own_run)
{
	TL_EQ(as_1000(u_own_device, NULL), 0);
	return 0;
}

static int u_fork(void *arg)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct cosy_compound *c = cosy_compound__open_pinned("t-cp", NULL);
	struct cp_args a;
	pid_t pid;
	int st;

	(void)arg;
	U_CHECK(c, "");
	U_CHECK(tl_make_file(DIR_ "/f.in", 70000, 11) == 0, "");
	pid = fork();
	if (!pid) {
		/* the child runs on the inherited attachment and mapping ... */
		_exit(run_cp(c, NULL, DIR_ "/f.in", DIR_ "/f.child", &a, &ro) || ro.retval ||
		      a.copied != 70000);
	}
	/* ... which the parent shares: one at a time, as with any shared buffer */
	U_CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && !WEXITSTATUS(st), "child");
	U_CHECK(run_cp(c, NULL, DIR_ "/f.in", DIR_ "/f.parent", &a, &ro) == 0 && !ro.retval, "");
	U_CHECK(sum_file(DIR_ "/f.child") == sum_file(DIR_ "/f.in") &&
		sum_file(DIR_ "/f.parent") == sum_file(DIR_ "/f.in"), "");
	cosy_compound__close(c);
	unlink(DIR_ "/f.in");
	unlink(DIR_ "/f.child");
	unlink(DIR_ "/f.parent");
	return 0;
}

TL_CASE(fork_after_attach)
{
	TL_EQ(as_1000(u_fork, NULL), 0);
	return 0;
}

static int u_many(void *arg)
{
	COSY_OPTS(cosy_run_opts, ro);
	struct cosy_compound *c = cosy_compound__open_pinned("t-cp", NULL);
	struct cosy_segment *seg;
	char in[64], out[64];
	struct cp_args a;
	unsigned want;
	int i, id = *(int *)arg;

	U_CHECK(c, "%s", strerror(errno));
	/* a second attachment of its own, as a thread would take */
	seg = cosy_segment__new(c);
	U_CHECK(seg, "%s", strerror(errno));
	snprintf(in, sizeof(in), DIR_ "/m.%d", id);
	U_CHECK(tl_make_file(in, 40000 + id * 777, id) == 0, "");
	want = sum_file(in);
	for (i = 0; i < 5; i++) {
		snprintf(out, sizeof(out), DIR_ "/m.%d.%d", id, i);
		U_CHECK(run_cp(c, i % 2 ? seg : NULL, in, out, &a, &ro) == 0 && !ro.retval, "");
		U_CHECK(sum_file(out) == want, "%s differs", out);
		unlink(out);
	}
	unlink(in);
	cosy_segment__free(seg);
	cosy_compound__close(c);
	return 0;
}

TL_CASE(sixteen_processes_four_users)
{
	static const uid_t uids[4] = { 1000, 1002, 1003, 1004 };
	gid_t g = 1000;
	pid_t pids[16];
	int i, st, ids[16], bad = 0;

	for (i = 0; i < 16; i++) {
		ids[i] = i + 1;
		pids[i] = fork();
		TL_CHECK(pids[i] >= 0, "");
		if (!pids[i])
			_exit(as_user(uids[i % 4], uids[i % 4], 1, &g, u_many, &ids[i]));
	}
	for (i = 0; i < 16; i++)
		if (waitpid(pids[i], &st, 0) != pids[i] || !WIFEXITED(st) || WEXITSTATUS(st))
			bad++;
	TL_EQ(bad, 0);
	return 0;
}

/* --- what the approval path refuses -------------------------------------------- */

/* Does root's loader take program `prog` of `object`?  (in a child: no fd kept) */
static bool root_loads(const char *object, const char *prog)
{
	pid_t pid = fork();
	int st;

	if (!pid)
		_exit(tl_prog_fd(object, prog, NULL, NULL) < 0);
	return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && !WEXITSTATUS(st);
}

TL_CASE(approval_refuses_pointer_leaks)
{
	static const char *const findings[][2] = {
		{ "hostile/memory", "uninit_stack_read" },
		{ "hostile/memory", "pointer_returned" },
		{ "hostile/memory", "pointer_into_ctx" },
		{ "hostile/session", "session_read_internals" },
		{ "hostile/helpers", "helper_tracing_allowed" },
	};
	size_t i;

	for (i = 0; i < sizeof(findings) / sizeof(findings[0]); i++) {
		/* root's loader takes it (that is the finding) ... */
		if (!root_loads(findings[i][0], findings[i][1])) {
			printf("#   %s: refused as root on this kernel already\n", findings[i][1]);
			continue;
		}
		/* ... the module's unprivileged load does not */
		TL_EQ(tl_sh("cosy-load approve $COSY_BPF_DIR/%s.bpf.o name t-f entry %s user 1000",
			 findings[i][0], findings[i][1]), 1);
		TL_CHECK(!approved("t-f"), "%s approved", findings[i][1]);
	}
	/* a helper the device does not offer, in an otherwise good compound */
	TL_EQ(tl_sh("cosy-load approve $COSY_BPF_DIR/cp_trace.bpf.o name t-f user 1000"), 1);
	TL_CHECK(!approved("t-f"), "cp_trace approved");
	/*
	 * a timer, whose callback would call kfuncs from softirq, in no task
	 * of the caller's: the device offers no timer helper, so no approved
	 * compound runs anywhere but in the caller's ioctl
	 */
	TL_EQ(tl_sh("cosy-load approve $COSY_BPF_DIR/hostile/context.bpf.o name t-f user 1000"), 1);
	TL_CHECK(!approved("t-f"), "a timer approved");
	return 0;
}

static int u_maybe_null(void *arg)
{
	COSY_OPTS(cosy_run_opts, ro, .budget_calls = 10);
	struct cosy_compound *c = cosy_compound__open_pinned("t-mn", NULL);
	char args[168] = "";

	(void)arg;
	U_CHECK(c, "%s", strerror(errno));
	U_CHECK(cosy_compound__args_size(c, NULL) <= sizeof(args), "");
	U_CHECK(cosy_compound__run(c, NULL, args, cosy_compound__args_size(c, NULL), &ro) == 0,
		"%s", strerror(errno));
	/* the module's own NULL check: begin refused, the program returns 1 */
	U_CHECK(ro.retval == 1, "retval %d", ro.retval);
	cosy_compound__close(c);
	return 0;
}

/*
 * Not a pointer leak: a maybe-NULL map value as a session's ctx, which 6.1
 * and 6.12 accept under any rules (7.x refuses it).  Approved, it reaches
 * the module's NULL check and nothing else.
 */
TL_CASE(approved_maybe_null_ctx_is_refused_at_run)
{
	if (tl_sh("cosy-load approve $COSY_BPF_DIR/hostile/session.bpf.o name t-mn "
	       "entry session_ctx_maybe_null user 1000 >/dev/null"))
		TL_SKIP("refused at load on this kernel");
	TL_EQ(as_1000(u_maybe_null, NULL), 0);
	TL_EQ(tl_sh("cosy-load revoke t-mn"), 0);
	return 0;
}

/* --- a cosy-cc binary, as the user ------------------------------------------- */

struct exec_args {
	const char *out, *err;
	char *const *argv;
};

/* exec argv with stdout and stderr to files (as_user's fn: never returns) */
static int u_exec(void *arg)
{
	const struct exec_args *x = arg;
	int o = open(x->out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int e = open(x->err, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
		return 120;
	execvp(x->argv[0], x->argv);
	return 121;
}

/*
 * Run x as uid 1000 in kernel mode: it must say it attached through the
 * device, and `result` must be what the plain build made (`plain`).
 */
static int through_the_device(const struct exec_args *x, const char *plain, const char *result)
{
	int st;

	setenv("COSY_MODE", "kernel", 1);
	setenv("COSY_VERBOSE", "1", 1);
	st = as_1000(u_exec, (void *)x);
	unsetenv("COSY_MODE");
	unsetenv("COSY_VERBOSE");
	TL_EQ(st, 0);
	TL_EQ(tl_sh("sed 's/^/#   /' %s && grep -q 'through /dev/cosy' %s", x->err, x->err), 0);
	TL_EQ(tl_cmp_files(plain, result), 0);
	return 0;
}

TL_CASE(cosycc_binary_takes_the_device)
{
	char *argv[] = { "cc-head", DIR_ "/h.in", "100", NULL };
	struct exec_args x = { DIR_ "/h.user", DIR_ "/h.err", argv };
	char obj[256];

	snprintf(obj, sizeof(obj), "%s/cc-head.bpf.o", getenv("COSY_TESTS_DIR"));
	TL_EQ(tl_make_file(DIR_ "/h.in", 5000, 4), 0);
	TL_EQ(chmod(DIR_ "/h.in", 0644), 0);
	TL_EQ(tl_sh("cc-head.plain %s 100 >%s/h.plain", DIR_ "/h.in", DIR_), 0);
	/* not approved yet: the region runs in user space, the answer the same */
	setenv("COSY_VERBOSE", "1", 1);
	TL_EQ(as_1000(u_exec, &x), 0);
	TL_EQ(tl_cmp_files(DIR_ "/h.plain", DIR_ "/h.user"), 0);
	TL_EQ(tl_sh("sed 's/^/#   /' %s/h.err", DIR_), 0);
	unsetenv("COSY_VERBOSE");
	/* approved (named by the object's hash, as cosy-cc names it): the device */
	TL_EQ(tl_sh("cosy-load approve %s user 1000", obj), 0);
	x.out = DIR_ "/h.dev";
	return through_the_device(&x, DIR_ "/h.plain", DIR_ "/h.dev");
}

/*
 * A region that indexes its buffer (buf[i] in a per-byte loop): the
 * unprivileged verifier refuses a variable added to a pointer into the
 * segment, so approval takes the variant cosy-cc made for /dev/cosy, which
 * fetches each element with cosy_at().  Same output as the plain build.
 */
TL_CASE(cosycc_indexing_region_takes_the_device)
{
	char *argv[] = { "cc-tr", DIR_ "/t.in", DIR_ "/t.dev", NULL };
	struct exec_args x = { DIR_ "/t.out", DIR_ "/t.err", argv };

	TL_EQ(tl_make_file(DIR_ "/t.in", 200000, 9), 0);
	TL_EQ(chmod(DIR_ "/t.in", 0644), 0);
	TL_EQ(tl_sh("cc-tr.plain %s/t.in %s/t.plain >/dev/null", DIR_, DIR_), 0);
	TL_EQ(tl_sh("cosy-load approve $COSY_TESTS_DIR/cc-tr.bpf.o user 1000 | sed 's/^/#   /'"), 0);
	return through_the_device(&x, DIR_ "/t.plain", DIR_ "/t.dev");
}

/* --- the boot-time script ------------------------------------------------------ */

TL_CASE(boot_script_reapplies_approvals)
{
	const char *bpf = getenv("COSY_BPF_DIR");
	struct stat st;
	FILE *f;

	f = fopen(DIR_ "/approvals", "w");
	TL_CHECK(f && bpf, "");
	fprintf(f, "# what this machine approves\n\ndevice 0:1000 0660\n"
		"%s/burst.bpf.o name t-boot user 1000\n"
		"%s/cp_trace.bpf.o name t-bad user 1000\n", bpf, bpf);
	fclose(f);
	/* the refused line fails the run, and the others are applied all the same */
	TL_EQ(tl_sh("sh $COSY_TESTS_DIR/cosy-approvals.sh.in %s/approvals 2>%s/boot.err; st=$?; "
		 "sed 's/^/#   /' %s/boot.err; grep -q 'approvals:5: not approved' %s/boot.err "
		 "&& exit $st", DIR_, DIR_, DIR_, DIR_), 1);
	TL_CHECK(approved("t-boot") && !approved("t-bad"), "");
	TL_EQ(stat(COSY_DEV_PATH, &st), 0);
	TL_CHECK((st.st_mode & 07777) == 0660 && st.st_gid == 1000, "mode %o gid %u",
		 st.st_mode & 07777, st.st_gid);
	TL_EQ(tl_sh("cosy-load revoke t-boot"), 0);
	TL_EQ(chown(COSY_DEV_PATH, 0, 0), 0);
	TL_EQ(chmod(COSY_DEV_PATH, 0666), 0);
	unlink(DIR_ "/approvals");
	unlink(DIR_ "/boot.err");
	return 0;
}

/* --- nothing left behind ------------------------------------------------------ */

TL_CASE(revoke_all_and_no_leak)
{
	char line[512];
	int n = 0;
	FILE *f;

	TL_EQ(tl_sh("cosy-load -j list | tr ',' '\\n' | grep -o '\"name\":\"[^\"]*\"' | "
		 "cut -d'\"' -f4 | while read n; do cosy-load revoke $n 2>/dev/null; done; true"), 0);
	TL_CHECK(!approved("t-cp"), "");
	/* every segment the device allocated is freed with its last file */
	f = fopen("/proc/vmallocinfo", "r");
	TL_CHECK(f, "");
	while (fgets(line, sizeof(line), f))
		n += !!strstr(line, "cosy_dev_attach");
	fclose(f);
	TL_EQ(n, 0);
	/*
	 * and every approval's programs with its last reference: no more
	 * programs than at setup (the kernel frees them after an RCU grace
	 * period, and a program of an earlier test may go meanwhile)
	 */
	for (n = 0; n < 50 && count_progs() > progs_at_setup; n++)
		usleep(100 * 1000);
	if (count_progs() > progs_at_setup)
		tl_sh("bpftool prog show | sed 's/^/#   /'");
	TL_CHECK(count_progs() <= progs_at_setup, "%d programs, %d at setup", count_progs(),
		 progs_at_setup);
	TL_CHECK(!tl_kernel_log_has("WARNING") && !tl_kernel_log_has("BUG"), "kernel log");
	TL_EQ(chmod(COSY_DEV_PATH, 0600), 0);
	unlink(DIR_ "/empty");
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
