/*
 * strcpy, strcat (the destination's NUL found first, in the same loop,
 * then the copy from it) and strncpy (n bytes, NULs after the source's; n
 * past the destination traps): byte scans that copy, each a callback.  A
 * destination whose place holds a search of its own (path + strlen(path),
 * a memchr kfunc for the NUL) is computed once, before the scan.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <cosy/cosy.h>
int f(const char *dir, const char *name)
{
	char path[64], key[8];
	int fd;

	COSY_START(sc)
	strcpy(path, dir);
	strcat(path, "/");
	strcat(path, name);
	strcat(path + strlen(path), "");
	strncpy(key, name, sizeof(key) - 1);
	fd = open(path, O_RDONLY);
	COSY_END()
	return fd + key[0];
}
// BPF: strcpy, one byte per bpf_loop() iteration
// BPF: strcat, one byte per bpf_loop() iteration
// BPF: V->sc.a2 += i;
// BPF: strncpy, one byte per bpf_loop() iteration
// BPF: if (V->sc.a1 == ~0ULL) {
// BPF: __u64 __s2 = (__u64)(((unsigned long)({ __u64 __o = (__u64)(0); __s64 __k; if (__o >= 64UL) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 21); __k = cosy_memchr(F->st.s,
// BPF: if (!COSY_RGN_FITS(V->sc.a2, __n, 8UL)) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 22);
