/*
 * Yield and resume: the body and each callback that runs a loop jump back
 * to the loop a yielded run left (V->st.resume); at its bpf_loop() call
 * the step a for loop owes runs, and a do/while tests its condition first.
 * A byte scan's guard never yields (loop 0).
 */
#include <string.h>
#include <cosy/cosy.h>
void f(int m, char *s)
{
	int i = 0, j, n = 0;
	char buf[64];

	strcpy(buf, s);
	COSY_START(r)
	do {
		for (j = 0; j < m; j++)
			n += j;
		i++;
	} while (i < m);
	n += strchr(buf, 0x2f) != NULL;
	COSY_END()
	(void)n;
}
// BPF: static long r_loop2(__u32 j, void *ctx)
// BPF: cosy_rgn_guard(&F->st, &V->st, j * COSY_RGN_CHUNK, COSY_RGN_LAST_CHUNK, 17, 2, 0)
// BPF: static long r_loop1(__u32 i, void *ctx)
// BPF: 	switch (V->st.resume) {
// BPF: 	case 2: goto cosy_r2;
// BPF: 	if (cosy_rgn_guard(&F->st, &V->st, i, COSY_RGN_LAST, 16, 1, 0))
// BPF: cosy_r2: __attribute__((unused));
// BPF: 	if (V->st.resume == 2) {
// BPF: 		(void)(V->v_j++);
// BPF: 	bpf_loop(COSY_MAX_LOOPS, r_loop2, F, 0);
// BPF: if (i && cosy_rgn_guard(&F->st, &V->st, i, ~0U, 21, 0, 0))
// BPF: static __noinline long r_body
// BPF: 	case 1: goto cosy_r1;
// BPF: 	case 2: goto cosy_r1;
// BPF: cosy_r1: __attribute__((unused));
// BPF: 	if (V->st.resume == 1) {
// BPF: 		if (!(V->v_i < V->v_m))
// BPF: 			goto cosy_d1;
// BPF: 	bpf_loop(COSY_MAX_LOOPS, r_loop1, F, 0);
// BPF: cosy_d1: __attribute__((unused));
// BPF: 	if (!V->st.resume) {
