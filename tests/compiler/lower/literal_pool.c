/*
 * A pointer that takes one of several string literals (a switch, a ?:,
 * a separator that starts as "" and becomes ", "), as stat(1)-like
 * programs name a kind of file: the literals go one after another into
 * the region's pool, each with its NUL, and the pointer is an offset into
 * it; the same literal twice is there once.
 */
#include <stdio.h>
#include <cosy/cosy.h>
int f(int kind, int x)
{
	COSY_START(pool)
	const char *type, *sep = "";

	switch (kind) {
	case 1: type = "dir"; break;
	case 2: type = "file"; break;
	default: type = "dir"; break;
	}
	const char *ex = x ? "yes" : "no";
	printf("%s%s %s\n", sep, type, ex);
	sep = ", ";
	printf("%s\n", sep);
	COSY_END()
	return 0;
}
// BPF: 88      20  literal pool: the strings pointers take, copied in
// BPF: V->v_sep = ((long)0UL);
// BPF: V->v_type = ((long)1UL);
// BPF: V->v_type = ((long)5UL);
// BPF: V->v_type = ((long)1UL);
// BPF: V->v_ex = (V->v_x ? ((long)10UL) : ((long)14UL));
// BPF: V->v_sep = ((long)17UL);
// HOST: { "\000dir\000file\000yes\000no\000, ", 88, 20, COSY_RGN_IN, "literal" }
