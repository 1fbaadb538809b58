# Tests.  Host: Criterion unit tests (tests/unit/test_*.c, one binary each).
# Guest: every tests/kernel/t_*.c (static binary) and t_*.sh becomes a test
# in $(B)/vmtests, which tests/vm/vm.sh finds and runs in the QEMU guest.
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/tests/unit/%,$(UNIT_SRCS))
VMT_C     := $(wildcard tests/kernel/t_*.c)
VMT_SH    := $(wildcard tests/kernel/t_*.sh)
VMTESTS   := $(patsubst tests/kernel/%.c,$(B)/vmtests/%,$(VMT_C)) \
	     $(patsubst tests/kernel/%,$(B)/vmtests/%,$(VMT_SH)) $(B)/vmtests/lib.sh
VM_ARGS   ?=
VM        := tests/vm/vm.sh
# The guest boots the target kernel (KIMAGE, from scripts/kernel.sh or
# KVER=) with the cosy.ko built for it and loop.ko (and for make bench
# FS=ext4 the virtio-blk driver) from its modules.
VMKERNEL   = --kernel $(KIMAGE) --kmod $(KMOD) --modules '$(KMODS)'

unit: $(UNIT_BINS)
vmtests: $(VMTESTS) $(B)/vmtests/objects.sha256 vmtools

# What t_objects.sh checks the guest's BPF objects against.
$(B)/vmtests/objects.sha256: $(BPF_OBJS)
	@mkdir -p $(@D)
	$(Q)(cd $(B)/bpf && sha256sum $(patsubst $(B)/bpf/%,%,$(BPF_OBJS))) > $@.tmp && mv $@.tmp $@

# GNU tools for the guest (its userland is busybox): the workloads are
# checked against them and benchmarked with them.
VMTOOLS := cp cat grep ls du tar strace
vmtools: $(B)/vmtools/perf-hold
	@mkdir -p $(B)/vmtools
	$(Q)for t in $(VMTOOLS); do p=$$(command -v $$t) && cp -L "$$p" $(B)/vmtools/; done; true

# Started by the guest's init: see tests/vm/perf_hold.c.
$(B)/vmtools/perf-hold: tests/vm/perf_hold.c
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) $(CFLAGS) -static -o $@ $<

# test_bpf_errno reads include/cosy/cosy.bpf.h from the source tree.
$(B)/obj/tests/unit/test_bpf_errno.o: CPPFLAGS_ALL += -DCOSY_SRC_TREE='"$(abspath .)"'

# test_strto runs cosy-cc's strtol() scan, a runtime header, on the host.
$(B)/obj/tests/unit/test_strto.o: CPPFLAGS_ALL += -Icompiler/runtime

# Unit tests may test any host-side object: they link the CLI's pure parts too.
UNIT_LINK := $(filter-out %/cosy-load.o %/capture.o,$(CLI_OBJS)) $(B)/lib/libcosy.a

$(B)/tests/unit/%: $(B)/obj/tests/unit/%.o $(UNIT_LINK)
	@mkdir -p $(@D)
	$(call msg,LD,$@)
	$(Q)$(CC) -o $@ $< $(UNIT_LINK) -lcriterion -lbpf -lelf

$(UNIT_BINS): $(B)/lib/libcosy.a

# test_skel builds against the skeleton the build generates, as an
# application would, with warnings as errors; it reads the objects too.
$(B)/obj/tests/unit/test_skel.o: $(B)/skel/cp.skel.h $(B)/bpf/cp_trace.bpf.o $(B)/bpf/hostile/calls.bpf.o
$(B)/obj/tests/unit/test_skel.o: CPPFLAGS_ALL += -I$(B)/skel -DCOSY_TEST_BPF_DIR='"$(abspath $(B)/bpf)"'
$(B)/obj/tests/unit/test_skel.o: WARN += -Werror

$(B)/vmtests/%: $(B)/obj/tests/kernel/%.o $(B)/obj/tests/kernel/testlib.o $(B)/lib/libcosy.a
	@mkdir -p $(@D)
	$(call msg,LD,$@)
	$(Q)$(CC) -static -pthread -o $@ $< $(B)/obj/tests/kernel/testlib.o $(EXTRA_LIBS) \
		$(B)/lib/libcosy.a $(LIBBPF_STATIC)

# README.md's "Your first compound", built as a reader builds it: from the
# README's own files and commands, against a staged `make install`
# (tests/kernel/first_compound.sh); t_first_compound.sh runs it in the
# guest.  The order-only prerequisites are what install needs, made here
# first so that the nested make only copies.
FIRST_DIR := $(B)/vmtests/first
vmtests: $(FIRST_DIR)/.built
$(FIRST_DIR)/.built: README.md tests/kernel/first_compound.sh loader/libcosy.pc.in \
		$(B)/lib/libcosy.so $(B)/bpf/vmlinux.h $(wildcard include/cosy/*.h) \
		| lib bins bpf man cosycc
	$(call msg,FIRST,README.md: Your first compound)
	+$(Q)MAKE="$(MAKE)" tests/kernel/first_compound.sh $(B) $(FIRST_DIR)

# The catalogue of typical mistakes (tests/diag/*.bpf.c): each built once
# like any compound, verified in the guest by t_diag.sh on every kernel,
# which checks the message libcosy and cosy-load give against the source's
# "expect:" line and HERE mark (the sources go along).
DIAG_SRCS := $(wildcard tests/diag/*.bpf.c)
DIAG_OBJS := $(patsubst tests/diag/%.c,$(B)/vmtests/diag/%.o,$(DIAG_SRCS)) \
	     $(patsubst tests/diag/%,$(B)/vmtests/diag/%,$(DIAG_SRCS))
vmtests: $(DIAG_OBJS)
$(B)/vmtests/diag/%.bpf.o: tests/diag/%.bpf.c $(B)/bpf/vmlinux.h $(wildcard include/cosy/*.h)
	@mkdir -p $(@D)
	$(call msg,BPF,$<)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@
$(B)/vmtests/diag/%.bpf.c: tests/diag/%.bpf.c
	@mkdir -p $(@D)
	$(Q)cp $< $@
# test_diag reads the catalogue's objects for their line info (after
# DIAG_OBJS is set: prerequisites are expanded where the rule is read).
$(B)/obj/tests/unit/test_diag.o: CPPFLAGS_ALL += -DCOSY_TEST_DIAG_DIR='"$(abspath $(B)/vmtests/diag)"'
$(B)/tests/unit/test_diag: | $(DIAG_OBJS)

# The benchmarks' floor (tests/floor): a test-only module for the target
# kernel, built like cosy.ko next to it and never installed; vm.sh takes
# it to the guest's /cosy/kmod, where t_floor and the benchmarks insmod it.
FLOOR_SRCS := $(wildcard tests/floor/*.c tests/floor/*.h) tests/floor/Kbuild \
	      kmod_helpers/cosy_compat.h kmod_helpers/cosy_work.h
FLOOR_KMOD := $(B)/kmod/$(KVER)/floor/cosy_floor.ko
vmtests: $(FLOOR_KMOD)
$(FLOOR_KMOD): $(FLOOR_SRCS) $(KMOD_HDRS) $(KPREP)/ready
	@mkdir -p $(@D)
	$(Q)cp $(FLOOR_SRCS) $(@D)/
	$(call msg,KBUILD,$@)
	$(Q)$(kbuild)
$(B)/obj/tests/kernel/t_floor.o: CPPFLAGS_ALL += -Itests/floor

# t_embedded links cp.bpf.o into itself.
$(B)/obj/tests/kernel/t_embedded.o: CPPFLAGS_ALL += -DCOSY_CP_OBJ='"$(abspath $(B)/bpf/cp.bpf.o)"'
$(B)/obj/tests/kernel/t_embedded.o: $(B)/bpf/cp.bpf.o

# t_refused makes a region by hand around an object the verifier refuses,
# and runs it through cosy-cc's runtime.
REFUSED_OBJ := $(B)/bpf/hostile/no_session_end.bpf.o
$(B)/obj/tests/kernel/t_refused.o: CPPFLAGS_ALL += -Icompiler/runtime \
	-DCOSY_REFUSED_OBJ='"$(abspath $(REFUSED_OBJ))"'
$(B)/obj/tests/kernel/t_refused.o: $(REFUSED_OBJ)
$(B)/vmtests/t_refused: $(B)/lib/libcosy-region.a
$(B)/vmtests/t_refused: EXTRA_LIBS := $(B)/lib/libcosy-region.a

# t_skel is an application of cp's skeleton.
$(B)/obj/tests/kernel/t_skel.o: $(B)/skel/cp.skel.h
$(B)/obj/tests/kernel/t_skel.o: CPPFLAGS_ALL += -I$(B)/skel

$(B)/vmtests/%.sh: tests/kernel/%.sh
	@mkdir -p $(@D)
	$(Q)install -m 0755 $< $@

# What the shell tests source: not executable, so the guest does not run it.
$(B)/vmtests/lib.sh: tests/kernel/lib.sh
	@mkdir -p $(@D)
	$(Q)install -m 0644 $< $@

test:
	$(Q)scripts/deps.sh
	$(Q)$(MAKE) --no-print-directory test-unit test-vm

test-unit: unit bins bpf cosycc $(B)/tests/bench_scan $(B)/tests/bench_scan_asan
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $$t --jobs=2; done
	@echo "== bench_scan: cosy's grep scan counts as glibc's (1 MiB, 3 patterns)"
	$(Q)for p in needle 'm dol' 'e'; do $(B)/tests/bench_scan -r 1 -s 1 "$$p" >/dev/null || exit 1; done
	@echo "== bench_scan -t: cosy_find finds what memmem finds (300 000 random searches, ASan+UBSan)"
	$(Q)$(B)/tests/bench_scan_asan -t 300000
	@echo "== tests/cli (golden transcripts)"; tests/cli/run.sh $(B)/bin
	@echo "== tests/install"; MAKE="$(MAKE)" tests/install/check.sh
	@echo "== tests/install/dkms.sh (the DKMS tree, every kernel)"; MAKE="$(MAKE)" B=$(B) tests/install/dkms.sh
	@echo "== tests/compiler (cosy-cc)"; tests/compiler/run.sh $(B)

test-vm: all
	$(Q)$(VM) test --build $(B) $(VMKERNEL) $(VM_ARGS)

# The guest suite again on the debug kernel (KASAN, KFENCE, lockdep,
# might_sleep checks, a 10 s soft-lockup limit): scripts/debug-kernel.sh
# builds it once per machine into $$COSY_CACHE, and everything is built for
# it in its own dir.  It runs the suite 2-3x slower than Debian's kernel
# (t_cosycc: over 600 s), so its limits are three times the usual.
# MAKEFLAGS stays out of the kernel's own make: it would carry our B, KDIR...
DEBUG_B ?= $(B)/debug
test-debug:
	$(Q)scripts/deps.sh
	$(Q)tree=$$(scripts/debug-kernel.sh) && \
	kver=$$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$$tree" kernelrelease) && \
	test -n "$$kver" && \
	$(MAKE) --no-print-directory test-vm B=$(DEBUG_B) KDIR="$$tree" KVER="$$kver" \
		KIMAGE="$$tree/arch/x86/boot/bzImage" KMODS= VM_ARGS="--time-scale 3 $(VM_ARGS)"

# The guest suite on every kernel of the matrix (MATRIX="6.1 6.12 latest"),
# one build, the same BPF objects: scripts/test-matrix.sh.
MATRIX ?= $(KERNELS)
test-matrix:
	$(Q)scripts/deps.sh
	$(Q)MAKE="$(MAKE)" B=$(B) VM_ARGS="$(VM_ARGS)" scripts/test-matrix.sh $(MATRIX)

# make test-stress [STRESS_RUNS=5]: the whole of `make test`, again and
# again, with a busy loop per CPU (scripts/test-stress.sh): timing-dependent
# tests fail there.
STRESS_RUNS ?= 5
test-stress:
	$(Q)STRESS_RUNS=$(STRESS_RUNS) B=$(B) MAKE="$(MAKE)" scripts/test-stress.sh

demo:
	$(Q)scripts/deps.sh
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(VM) run --build $(B) $(VMKERNEL) --files scripts/demo-guest.sh --cmd 'sh demo-guest.sh $(SIZE_MB)'

# make bench [FS=ext4|tmpfs] [CACHE=warm|cold] [REPS=7] [SIZE_MB=64] [NFILES=1000]
#            [NENTRIES=10000] [NBURST=100000] [WORKLOADS="burst cp ..."]
#            [ICOUNT=1 (deterministic, 1 vCPU)] [BENCH_DISK_MB=4096] [QUICK=1]
# FS=ext4 puts the data on ext4 on a virtio disk, as users' files are;
# tmpfs keeps it in the guest's memory.  CACHE=cold drops the guest's
# caches before every timed run (ext4 only: tmpfs files are the cache).
FS        ?= ext4
CACHE     ?= warm
BENCH_DISK_MB ?= $(if $(filter 1,$(QUICK)),1024,4096)
# QUICK=1: a look in a few minutes (3 reps, a quarter of the data or less).
ifeq ($(QUICK),1)
REPS      ?= 3
SIZE_MB   ?= 16
NFILES    ?= 250
NENTRIES  ?= 2500
NBURST    ?= 25000
endif
REPS      ?= 7
SIZE_MB   ?=
NFILES    ?= 1000
NENTRIES  ?= 10000
NBURST    ?= 100000
WORKLOADS ?=
# Each kernel's run goes to $(B)/bench/KVER/FS-CACHE/; make bench-matrix runs
# every kernel of MATRIX and puts their ratios side by side
# ($(B)/bench/FS-CACHE/matrix.txt).
BENCH_SETUP = $(FS)-$(CACHE)
BENCH_DIR = $(B)/bench/$(KVER)/$(BENCH_SETUP)
# The disk, made afresh for every run so that no run inherits another's
# layout or fragmentation: sparse, and with the inode tables and journal
# zeroed now (lazy_*_init=0), or the guest's ext4lazyinit thread would do
# it in the background while the benchmarks run.  Removed after the run:
# rewritten outputs land on new blocks (REPS=3 of cp and cat-many left
# 2.5 GB of it allocated).
ifneq ($(filter bench bench-matrix bench-curves,$(MAKECMDGOALS)),)
ifeq ($(BENCH_SETUP),tmpfs-cold)
$(error CACHE=cold needs FS=ext4: tmpfs files live in the page cache, nothing to drop)
endif
ifeq ($(filter $(BENCH_SETUP),ext4-warm ext4-cold tmpfs-warm),)
$(error want FS=ext4|tmpfs and CACHE=warm|cold, not FS=$(FS) CACHE=$(CACHE))
endif
endif

# $(call bench_guest,OUTDIR,bench-guest.sh's REPS and the rest[,VM.SH OPTIONS]):
# the disk (FS=ext4: room for 1.2 million inodes, the curves' 10^6-entry
# directory) in OUTDIR, the guest run, its output in OUTDIR/guest.log.
define bench_guest
	@mkdir -p $(1)
	$(Q)if [ $(FS) = ext4 ]; then \
		echo "  MKE2FS   $(1)/disk.img ($(BENCH_DISK_MB) MiB)"; \
		rm -f $(1)/disk.img && truncate -s $(BENCH_DISK_MB)M $(1)/disk.img && \
		PATH=$$PATH:/usr/sbin:/sbin mke2fs -q -F -t ext4 -L cosy-bench \
			-N 1200000 -E lazy_itable_init=0,lazy_journal_init=0 $(1)/disk.img; fi
	$(Q){ $(VM) run --build $(B) $(VMKERNEL) $(if $(ICOUNT),--icount) --qemu-timeout 3600 $(3) \
		$(if $(filter ext4,$(FS)),--disk $(1)/disk.img) --files scripts/bench-guest.sh \
		--cmd 'sh bench-guest.sh -f $(FS) -c $(CACHE) $(2)'; \
		echo "BENCH-RC $$?"; } | tee $(1)/guest.log | grep --line-buffered -v '^BENCH-'
	$(Q)rm -f $(1)/disk.img
endef

bench: all
	$(call bench_guest,$(BENCH_DIR),$(REPS) $(or $(SIZE_MB),64) $(NFILES) $(NENTRIES) $(NBURST) $(WORKLOADS))
	$(Q)scripts/bench-report.sh $(BENCH_DIR)/guest.log $(BENCH_DIR)

# make bench-curves [FS= CACHE= QUICK=1 CURVE_REPS=3]: each workload swept
# over sizes (CURVE_BURST calls, CURVE_CAT files, CURVE_LS entries, CURVE_CP
# bytes), cosy against the loop, io_uring and the floor: the table with the
# break-even size, log-log plots (scripts/bench-curves.sh) in
# $(B)/bench/KVER/curves-FS-CACHE/.  The guest gets 4 GiB: with FS=tmpfs the
# 1 GiB cp keeps input and output in it.
ifeq ($(QUICK),1)
CURVE_REPS  ?= 2
CURVE_BURST ?= 1,100,10000,1000000
CURVE_CAT   ?= 1,10,100,1000
CURVE_LS    ?= 10,1000,100000
CURVE_CP    ?= 4096,1048576,67108864
else
CURVE_REPS  ?= 3
CURVE_BURST ?= 1,10,100,1000,10000,100000,1000000
CURVE_CAT   ?= 1,10,100,1000,10000,100000
CURVE_LS    ?= 10,100,1000,10000,100000,1000000
CURVE_CP    ?= 4096,65536,1048576,16777216,268435456,1073741824
endif
CURVES_DIR = $(B)/bench/$(KVER)/curves-$(BENCH_SETUP)
bench-curves: all
	$(call bench_guest,$(CURVES_DIR),$(CURVE_REPS) 0 0 0 0 curve:burst:$(CURVE_BURST) \
		curve:cat-many:$(CURVE_CAT) curve:ls-l:$(CURVE_LS) curve:cp:$(CURVE_CP),--mem 4G)
	$(Q)scripts/bench-curves.sh $(CURVES_DIR)/guest.log $(CURVES_DIR)


# make bench-scan: grep's scan per byte, the C of cosy_grep (cosy_work.h)
# against glibc's memmem/memchr, natively on the host's CPU (no guest): a
# pattern with a rare first byte (make bench's "needle") and one whose
# first byte is common.
$(B)/tests/bench_scan: tests/scan/bench_scan.c kmod_helpers/cosy_work.h include/cosy/abi.h
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) -O2 -Wall -Wextra -Werror -Iinclude -o $@ $<
$(B)/tests/bench_scan_asan: tests/scan/bench_scan.c kmod_helpers/cosy_work.h include/cosy/abi.h
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra \
		-Werror -Iinclude -o $@ $<
bench-scan: $(B)/tests/bench_scan
	$(Q)$< needle && echo && $< 'm dol'

bench-matrix:
	$(Q)for k in $(MATRIX); do $(MAKE) --no-print-directory bench KERNEL=$$k || exit 1; done
	$(Q)scripts/bench-matrix.sh $(B)/bench/$(BENCH_SETUP) $(foreach k,$(MATRIX),$(B)/bench/$$(sed -n 's/^KVER := //p' $(B)/kernel/env-$(k).mk)/$(BENCH_SETUP))

# $(value ...) so that make never expands the $ in a user's command; the
# subst quotes it for the shell.
shq = '$(subst ','\'',$(1))'
guest-run: all
	@test -n $(call shq,$(value CMD)) || { echo "usage: make guest-run CMD='shell command' [FILES='host files']" >&2; exit 2; }
	$(Q)$(VM) run --build $(B) $(VMKERNEL) --cmd $(call shq,$(value CMD)) --files $(call shq,$(value FILES))

# The cc-head and cc-tr regions' objects, as cosy-cc --emit-bpf left them:
# t_dev approves them for an ordinary user and runs the binaries as that user.
vmtests: $(B)/vmtests/cc-head.bpf.o $(B)/vmtests/cc-tr.bpf.o
$(B)/vmtests/cc-head.bpf.o: $(B)/bin/cc-head
	@mkdir -p $(@D)
	$(Q)cp $(B)/compiler/gen/cc-head/head.bpf.o $@
$(B)/vmtests/cc-tr.bpf.o: $(B)/bin/cc-tr
	@mkdir -p $(@D)
	$(Q)cp $(B)/compiler/gen/cc-tr/tr.bpf.o $@

# The boot-time script that re-applies approvals, tried by t_dev with sh:
# not executable, or the guest would run it as a test.
vmtests: $(B)/vmtests/cosy-approvals.sh.in
$(B)/vmtests/cosy-approvals.sh.in: scripts/cosy-approvals
	@mkdir -p $(@D)
	$(Q)install -m 0644 $< $@
