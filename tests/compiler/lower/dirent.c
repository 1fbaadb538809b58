/*
 * <dirent.h>'s streams: each DIR * is a pointer into a buffer of the
 * region's own (glibc's 32 KiB and 256 bytes of room for the last
 * record's d_name), with its fd, the records' extent and the next one's
 * offset beside it.  opendir() is open() with glibc's flags, readdir()
 * a getdents64() into that buffer when the records are used up and a
 * pointer to the next one (its d_reclen read, checked, in the buffer),
 * closedir() close(), dirfd() the fd.  A DIR * and a struct dirent *
 * declared before the region and used only in it need nothing copied.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <cosy/cosy.h>
long f(const char *path)
{
	DIR *top;
	struct dirent *e;
	struct stat st;
	long n = 0, sum = 0;

	COSY_START(r)
	top = opendir(path);
	if (top != NULL) {
		while ((e = readdir(top)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			sum += e->d_ino + e->d_off + e->d_reclen + (e->d_type == DT_DIR);
			if (fstatat(dirfd(top), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
				sum += st.st_size;
			n++;
		}
		closedir(top);
	}
	DIR *sub = opendir("sub");
	if (!sub)
		n = -1;
	else if (sub)
		n += readdir(sub) == NULL;
	if (sub != NULL)
		closedir(sub);
	COSY_END()
	return n + sum;
}
// BPF: __r = cosy_getdents(F->st.s, (int)R->v_top_fd, 4616, (__u32)__n); cosy_rgn_ret(&V->st, __r); }))), (((V->v_top_len < 0L) && (V->st.err == 2)) ? ((V->st.err = V->v_top_errno), (V->v_top_len = 0L)) : 0L)))) : 0L), ((V->v_top_pos < V->v_top_len) ? ((V->v_top_cur = V->v_top_pos), ((V->v_top_pos += COSY_RGN_ATV(unsigned short, F->b_top_buf, 4616, 16UL + COSY_RGN_IDX(&V->st, V->v_top_cur, 32768UL,
// BPF: 19UL + COSY_RGN_IDX(&V->st, V->v_e, 33005UL,
// BPF: cosy_fstatat(F->st.s, (int)R->v_top_fd,
// BPF: V->v_top = (((V->v_top_fd = ((int)({ __u64 __o = (__u64)((COSY_RGN_AT(unsigned char, F->b_path, 4095UL) ? 9223372036854775808UL : 0UL)); int __fl = (int)591872;
// BPF: int __fd = (int)V->v_top_fd; long __r = cosy_close(F->st.s, __fd);
// BPF: V->v_sub = (((V->v_sub_fd = ((int)({ int __fl = (int)591872;
// BPF: int __fd = (int)V->v_sub_fd; long __r = cosy_close(F->st.s, __fd);
// INFO: region r (dirent.c:22): 2 live-in, 4 live-out variables, 3 buffers
