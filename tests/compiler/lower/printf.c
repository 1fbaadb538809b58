/*
 * printf() and co.: a piece of text and numbers is one bpf_snprintf()
 * into the piece scratch (its format in .rodata, '%' doubled, a byte
 * outside printable ASCII as a %c argument), then a copy into the stdout
 * buffer; putchar() (a %c alone) stores its byte there itself; a %s is found by its NUL in its variable and copied from there,
 * padded by spaces for a width.  fd 1 is granted; the host learns where
 * the stdout buffer is.
 */
#include <stdio.h>
#include <cosy/cosy.h>
void f(int n, const char *name)
{
	char word[32] = "word";

	COSY_START(r)
	for (int i = 0; i < n; i++) {
		printf("%-8s|%5ld 100%% é\n", word, (long)i);
		puts(name);
		putchar('.');
	}
	COSY_END()
}
// INFO: 1 fds granted
// BPF: static const char cosy_fmt0[] = "|%5ld 100%% %c%c\n";
// BPF: static const char cosy_fmt1[] = "\n";
// BPF: static const char cosy_fmt2[] __attribute__((unused)) = "%c";
// BPF: __u64 __d[3] = { (__u64)(((long)((long)V->v_i))), (__u64)(195), (__u64)(169) }; long __r = bpf_snprintf((char *)F->b_stdout_piece, 256, cosy_fmt0, __d, 24);
// BPF: cosy_rgn_out(&F->st, &V->st, (__u32 *)F->b_stdout_buf, 4152, 4096, 1, 8512 + (__u32)__o, (__u32)__k, 17, 0)) return 1; if ((__u64)__k < 8 && cosy_rgn_out_fill(
// BPF: __k = cosy_memchr(F->st.s, 56 + (__u32)__o, (__u32)(4096UL - __o), 0);
// BPF: __u8 __c = (__u8)(((int)46)); __u32 __o, __k = 1; if (cosy_rgn_out_room(&F->st, &V->st, (__u32 *)F->b_stdout_buf, 4152, 4096, 1, 1, 19, &__o)) return 1; if (__k) { __u64 __i = COSY_RGN_IDX(&V->st, __o, 4096, 19); COSY_RGN_ATV(__u8, F->b_stdout_buf, 4152, COSY_RGN_OUT_HEAD + __i) = __c;
// NOT-BPF: cosy_fmt2, __d
// HOST: 4152, 4096
// HOST: const long long __cosy_g[] = { 1LL };
