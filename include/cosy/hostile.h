/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Expected outcomes for hostile compounds (bpf/hostile/), declared on the
 * program itself.  The tags are BTF decl tags on the program's FUNC, so
 * they travel inside the object; tests/kernel/t_verifier.c reads them back
 * and loads each program alone.  Mark programs SEC("?syscall") (libbpf
 * then loads none by default); a program alone in its object may stay
 * SEC("syscall"), so that cosy-load verify, which loads whole objects,
 * shows its rejected line (tests/kernel/t_verifier_cli.sh checks that).
 *
 *	SEC("?syscall") __failure __msg("Unreleased reference")
 *	int leaks_session(struct args *a) { ... }
 *
 *	SEC("?syscall") __success __retval(-EBADF)
 *	int closes_what_it_does_not_own(struct args *a) { ... }
 *
 * __failure	loading must fail (give it at least one __msg)
 * __success	loading must succeed
 * __msg(m)	the load's log (the verifier's, or libbpf's when libbpf
 *		refuses the object before the kernel sees it) contains the
 *		substring m; several __msg must appear in the order written
 *		(identical ones on one program collapse into one: clang emits
 *		each distinct decl tag once)
 * __retval(v)	(with __success) one run returns v, an integer literal or a
 *		macro that expands to one; the runner gives the run a fresh
 *		segment of the object's COSY_COMPOUND() size and a valid
 *		struct cosy_ctx at the head of a zeroed args struct
 * __retval_since(V, v)	on kernels from version V ("6.7") on, v instead
 *
 * Needs clang >= 14 (BTF_KIND_DECL_TAG); -g is what emits it.
 */
#ifndef COSY_HOSTILE_H
#define COSY_HOSTILE_H

#define __cosy_str(x)	#x
#define __cosy_xstr(x)	__cosy_str(x)
#define __cosy_tag(s)	__attribute__((btf_decl_tag("cosy_" s)))

#define __failure	__cosy_tag("failure")
#define __success	__cosy_tag("success")
#define __msg(m)	__cosy_tag("msg=" m)
/* The log holds a or b: one check worded differently by two kernels. */
#define __msg_any(a, b)	__cosy_tag("msg=" a "||" b)
#define __retval(v)	__cosy_tag("retval=" __cosy_xstr(v))
/* From kernel version v ("7.0") on, the load succeeds / fails with msg. */
/* From kernel version v on, the run returns r instead of __retval's. */
#define __retval_since(v, r)	__cosy_tag("retval_since=" v ":" __cosy_xstr(r))
#define __success_since(v)	__cosy_tag("success_since=" v)
#define __failure_since(v, msg)	__cosy_tag("failure_since=" v ":" msg)

#endif /* COSY_HOSTILE_H */
