/*
 * strtol(p, &end, 10) is a scan of the string from p's offset: its value
 * the call's, end stored as an offset into the same array (scratch word
 * 1) after it; atoi(s) is strtol(s, NULL, 10), storing nothing.  A
 * variable base keeps the old end when glibc would refuse the base.
 */
#include <stdlib.h>
#include <unistd.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	char buf[64];
	long sum = 0, n = 0, off = 0;
	int base = argc;

	COSY_START(num)
	char *end = buf, *p = buf;
	n = read(0, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = 0;
		sum = strtol(p, &end, 10);
		sum += atoi(end);
		sum += (long)strtoul(buf + 1, &end, base);
		off = end - buf;
	}
	COSY_END()
	return (int)(sum + off);
}
// BPF: bpf_loop(64U, num_scan1, F, 0); if (V->st.status) return 1; if (!(V->sc.a2 & COSY_RGN_STRTO_END)) COSY_RGN_TRAP(&V->st, COSY_RGN_TRAP_BOUNDS, 21); __v = cosy_rgn_strto_value(&V->sc, 0, &V->st.err); V->sc.a1 += __s0; V->sc.a0 = 1; } (V->v_end = ((__s64)V->sc.a1)); __v; }));
// BPF: V->v_sum += ((long)((int)({ __u64 __s0 = (__u64)(V->v_end), __b = (__u64)(__s64)(10UL);
// BPF: __v = cosy_rgn_strto_value(&V->sc, 1, &V->st.err); V->sc.a1 += __s0; V->sc.a0 = 1; } (V->v_end = (((__s64)V->sc.a0) ? ((__s64)V->sc.a1) : V->v_end)); __v; })));
// BPF: 	return cosy_rgn_strto_step(&V->sc, i, c);
