# cosy-load gen skeleton FILE [name NAME]: a typed header for one compound,
# bpftool's convention (> NAME.skel.h).  What it gives an application for cp:
# the args struct, the segment's slots, open/run/destroy, the object embedded.
$ cosy-load gen skeleton $B/bpf/cp.bpf.o > cp.skel.h && grep -E '^(struct [a-z_]+ \{|#define [A-Z_]+__|static inline)' cp.skel.h
> struct cp_args {
> #define CP__SEG_SIZE 1048576u
> #define CP__SLOT_SRC_OFF 0u
> #define CP__SLOT_SRC_SIZE 4096u
> #define CP__SLOT_DST_OFF 4096u
> #define CP__SLOT_DST_SIZE 4096u
> #define CP__SLOT_BUF_OFF 8192u
> #define CP__SLOT_BUF_SIZE 1040384u
> #define CP__SLOTS_END 1048576u
> struct cp_skel {
> static inline const void *cp__elf_bytes(size_t *sz);
> static inline void cp__destroy(struct cp_skel *s)
> static inline struct cp_skel *cp__from_compound(struct cosy_compound *c)
> static inline struct cp_skel *cp__open(const struct cosy_open_opts *opts)
> static inline struct cp_skel *cp__open_file(const char *path, const struct cosy_open_opts *opts)
> static inline struct cp_skel *cp__open_pinned(const char *name, const struct cosy_open_opts *opts)
> static inline char *cp__slot_src_ptr(const struct cp_skel *s)
> static inline int cp__set_src_str(struct cp_skel *s, const char *str)
> static inline int cp__set_src_buf(struct cp_skel *s, const void *buf, size_t len)
> static inline char *cp__slot_dst_ptr(const struct cp_skel *s)
> static inline int cp__set_dst_str(struct cp_skel *s, const char *str)
> static inline int cp__set_dst_buf(struct cp_skel *s, const void *buf, size_t len)
> static inline char *cp__slot_buf_ptr(const struct cp_skel *s)
> static inline int cp__set_buf_str(struct cp_skel *s, const char *str)
> static inline int cp__set_buf_buf(struct cp_skel *s, const void *buf, size_t len)
> static inline int cp__run_cp(struct cp_skel *s, struct cp_args *a, struct cosy_run_opts *opts)
> static inline int cp__run_cp_copy(struct cp_skel *s, struct cp_args *a, struct cosy_run_opts *opts)
> static inline const void *cp__elf_bytes(size_t *sz)

# Args fields marked COSY_SLOT_OFF() are set by the run functions, never by hand.
$ grep -E '^	a->' cp.skel.h | sort | uniq -c
>       2 	a->buf_off = CP__SLOT_BUF_OFF;
>       2 	a->dst_off = CP__SLOT_DST_OFF;
>       2 	a->src_off = CP__SLOT_SRC_OFF;

# An application builds against it alone, warnings as errors, and links.
$ cc -Wall -Wextra -Werror -I$SRC/include -I. -o use_cp $SRC/tests/cli/gen/use_cp.c $B/lib/libcosy.a -lbpf -lelf -lz && test -x use_cp

# So does the skeleton of every compound in the tree (nested structs, no slots).
$ for o in $B/bpf/*.bpf.o; do cosy-load gen skeleton $o > s.h && echo '#include "s.h"' | cc -Wall -Wextra -Werror -I$SRC/include -I. -x c -c -o /dev/null - || echo "FAIL $o"; done

# Slots: declaration order, 8-aligned, a page or larger on a page.  Layouts
# BTF does not spell out (an aligned member, a packed struct) still compile
# to the object's, padded or packed (the static asserts check it).
$ bpfcc c.o $SRC/tests/cli/gen/cases.bpf.c && cosy-load gen skeleton c.o > c.skel.h && echo '#include "c.skel.h"' | cc -Wall -Wextra -Werror -I$SRC/include -I. -x c -c -o /dev/null - && grep -E '^#define C__|^struct good_args|name_off;|__cosy_pad|packed' c.skel.h
> 	char __cosy_pad0[12];
> 	char __cosy_pad1[12];
> } __attribute__((packed));
> struct good_args {
> 	__u32 name_off;	/* slot name: set by c__run_*() */
> 	char __cosy_pad0[15];
> 	char __cosy_pad1[11];
> #define C__SEG_SIZE 8192u
> #define C__SLOT_NAME_OFF 0u
> #define C__SLOT_NAME_SIZE 64u
> #define C__SLOTS_END 64u

# The name: the file's without .bpf.o, made an identifier, or given.
$ cp $B/bpf/cp.bpf.o my-cp.bpf.o && cosy-load gen skeleton my-cp.bpf.o | grep -c '^struct my_cp_skel {'
> 1

$ cosy-load gen skeleton $B/bpf/cp.bpf.o name copier | grep -c '^static inline int copier__run_cp(struct copier_skel'
> 1

$ cp $B/bpf/cp.bpf.o 2cp.bpf.o && cosy-load gen skeleton 2cp.bpf.o
! Error: 2cp.bpf.o: '2cp' is not a C identifier: give the skeleton's name with: name NAME
? 1

# What it refuses, naming the object and what is missing; nothing on stdout.
$ cosy-load gen skeleton nosuch.bpf.o
! Error: nosuch.bpf.o: cannot open compound object: No such file or directory
? 1

$ echo 'not an object' > junk.bpf.o; cosy-load gen skeleton junk.bpf.o
! Error: junk.bpf.o: cannot open compound object: BPF object format invalid
? 1

$ bpfcc nobtf.bpf.o $SRC/bpf/cp.bpf.c -g0 && cosy-load gen skeleton nobtf.bpf.o
! Error: nobtf.bpf.o: no BTF: the skeleton is made from the compound's BTF (build it with clang -g)
? 1

$ cosy-load gen skeleton $B/bpf/hostile/calls.bpf.o 2>&1 | sed "s|$B|B|"
> Error: B/bpf/hostile/calls.bpf.o: no SEC("syscall") entry point
? 1

$ bpfcc c.o $SRC/tests/cli/gen/cases.bpf.c -DNO_COMPOUND && cosy-load gen skeleton c.o
! Error: c.o: not a compound: declare it with COSY_COMPOUND(size) from <cosy/cosy.bpf.h>
? 1

$ bpfcc c.o $SRC/tests/cli/gen/cases.bpf.c -DCTX_NOT_FIRST && cosy-load gen skeleton c.o
! Error: c.o: entry 'bad' must take a pointer to a struct whose first member is struct cosy_ctx
? 1

$ bpfcc c.o $SRC/tests/cli/gen/cases.bpf.c -DSLOT_TOO_BIG && cosy-load gen skeleton c.o
! Error: c.o: slot 'page' (8192 bytes at 4096) does not fit in the segment: COSY_COMPOUND() declares 8192 bytes
? 1

$ bpfcc c.o $SRC/tests/cli/gen/cases.bpf.c -DUNKNOWN_SLOT && cosy-load gen skeleton c.o
! Error: c.o: struct good_args field x_off: COSY_SLOT_OFF(nosuch) names no slot: declare it with COSY_SLOT(nosuch, size)
? 1

$ bpfcc c.o $SRC/tests/cli/gen/cases.bpf.c -DNOT_INTEGER && cosy-load gen skeleton c.o
! Error: c.o: struct good_args field q: COSY_SLOT_OFF(name) on a field that is not a __u32 or __u64
? 1

# Usage errors exit 2.
$ cosy-load gen 2>&1 | sed -n 1p
> Error: gen: expected skeleton FILE [name NAME]
? 2

$ cosy-load gen object x.bpf.o 2>&1 | sed -n 1p
> Error: gen: expected skeleton FILE [name NAME]
? 2

$ cosy-load gen skeleton 2>&1 | sed -n 1p
> Error: gen skeleton: expected FILE [name NAME]
? 2

$ cosy-load gen skeleton x.bpf.o name 2>&1 | sed -n 1p
> Error: gen skeleton: expected FILE [name NAME]
? 2

$ cosy-load gen skeleton x.bpf.o name my-cp 2>&1 | sed -n 1p
> Error: gen skeleton: name 'my-cp' is not a C identifier
? 2

$ cosy-load -j gen skeleton x.bpf.o
> {"error":"gen skeleton writes C, not JSON: drop -j/-p"}
? 2
