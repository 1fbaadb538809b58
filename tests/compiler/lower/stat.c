/*
 * stat, lstat, fstat, fstatat into a struct stat: the kfunc fills the
 * region's struct cosy_stat slot, cosy_rgn_stat_out() writes x86-64's
 * struct stat from it; S_ISDIR() over a member lowers as the C it is.
 * openat() with a directory fd uses cosy_openat.  COSY_MODE=check does
 * not compare a struct stat's times (COSY_RGN_STAT_TIMES).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cosy/cosy.h>
long f(const char *path, int dirfd)
{
	struct stat st;
	struct stat sts[2];
	long total = 0;
	int fd, dirs = 0;

	COSY_START(r)
	if (stat(path, &st) == 0)
		total += st.st_size;
	if (lstat("link", &sts[1]) == 0 && S_ISLNK(sts[1].st_mode))
		dirs++;
	fd = openat(dirfd, "file", O_RDONLY);
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		total += st.st_blocks;
	if (fstatat(dirfd, "sub", &sts[0], AT_SYMLINK_NOFOLLOW) == 0)
		dirs += S_ISDIR(sts[0].st_mode);
	if (fd >= 0)
		close(fd);
	COSY_END()
	return total + dirs;
}
// BPF: what the stat kfuncs fill (struct cosy_stat)
// BPF: __u8 *__sp = F->b_st + 0; const int __spok = 1; __u64 __o = (__u64)((COSY_RGN_AT(unsigned char, F->b_path, 4095UL) ? 9223372036854775808UL : 0UL)); long __r = -EFAULT; if (__spok && __o < 4096) __r = cosy_fstatat(F->st.s, COSY_AT_FDCWD, 416 + (__u32)__o, 328, 0); if (__r == 0 && __spok) cosy_rgn_stat_out(__sp, F->st.cst);
// BPF: V->v_total += COSY_RGN_AT(long, F->b_st, 48UL);
// BPF: __u8 *__sp = F->b_sts + 144; const int __spok = 1; long __r = -EFAULT; if (__spok) __r = cosy_fstatat(F->st.s, COSY_AT_FDCWD, 4512, 328, COSY_AT_SYMLINK_NOFOLLOW);
// BPF: cosy_openat(F->st.s, (int)V->v_dirfd, 4520, __fl | COSY_O_REFUSE_WAIT, 0);
// BPF: cosy_fstat(F->st.s, (int)V->v_fd, 328);
// BPF: cosy_fstatat(F->st.s, (int)V->v_dirfd, 4528, 328, (int)256);
// BPF: cst = (struct cosy_stat *)cosy_seg(f.st.s, 328, sizeof(struct cosy_stat));
// HOST: { &st, 4536, 144, COSY_RGN_IN | COSY_RGN_OUT | COSY_RGN_STAT_TIMES, "st" },
// HOST: { sts, 4680, 288, COSY_RGN_IN | COSY_RGN_OUT | COSY_RGN_STAT_TIMES, "sts" },
// HOST: (long long)dirfd
