/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The BPF-side runtime for compounds.  Include after vmlinux.h:
 *
 *	#include "vmlinux.h"
 *	#include <cosy/cosy.bpf.h>
 *	COSY_SEGMENT(64 * 1024);
 *
 *	SEC("syscall") int my_compound(struct my_args *a)
 *	{
 *		struct cosy_session *s = cosy_begin();
 *		if (!s)
 *			return cosy_begin_error();
 *		...
 *		cosy_session_end(s);
 *	}
 */
#ifndef COSY_BPF_H
#define COSY_BPF_H

#include <bpf/bpf_helpers.h>
#include "abi.h"
#include "kfuncs.h"

/*
 * The compound's shared segment: header + `data_size` bytes of data, one
 * mmappable array value that the application maps (zero copy).  Sizes, not
 * BTF types: a BTF key without a BTF value makes map creation fail with
 * EINVAL (libbpf then retries without BTF and says so).
 */
#define COSY_SEGMENT(data_size)							\
	struct {								\
		__uint(type, BPF_MAP_TYPE_ARRAY);				\
		__uint(map_flags, BPF_F_MMAPABLE);				\
		__uint(max_entries, 1);						\
		__uint(key_size, sizeof(__u32));				\
		__uint(value_size, COSY_SEG_HDR_SIZE + (data_size));		\
	} cosy_seg SEC(".maps");						\
	enum { COSY_DATA_SIZE = (data_size) }

static __always_inline struct cosy_seg_hdr *cosy_seg_get(void *map)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(map, &zero);
}

/* Begin a session on this compound's segment; NULL on failure. */
#define cosy_begin()								\
	({									\
		struct cosy_seg_hdr *__h = cosy_seg_get(&cosy_seg);		\
		__h ? cosy_session_begin(__h, COSY_SEG_HDR_SIZE + COSY_DATA_SIZE) \
		    : (struct cosy_session *)0;					\
	})

/* Why cosy_begin() failed, as -errno. */
#define cosy_begin_error()							\
	({									\
		struct cosy_seg_hdr *__h = cosy_seg_get(&cosy_seg);		\
		__h && __h->begin_err ? __h->begin_err : -EINVAL;		\
	})

/* Direct (verifier-checked) access to the data area, for inspecting data. */
#define cosy_data()								\
	({									\
		char *__h = (char *)cosy_seg_get(&cosy_seg);			\
		__h ? __h + COSY_SEG_HDR_SIZE : (char *)0;			\
	})

/*
 * vmlinux.h carries types, not macros: the uapi values compounds need
 * (x86-64 / asm-generic numbering, as the kernel's own uapi headers).
 */
#ifndef O_RDONLY
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_DIRECTORY	00200000
#define O_CLOEXEC	02000000
#endif
#ifndef SEEK_SET
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#endif
#ifndef EINVAL
#define EIO		5
#define EINVAL		22
#define EFBIG		27
#endif

#endif /* COSY_BPF_H */
