# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# cosy: one non-recursive build (kbuild is the only sub-make), everything
# under $(B)/.  `make help` lists the targets; V=1 shows full commands.

B       ?= build
# The target kernel.  KERNEL= picks one of the matrix (scripts/kernel.sh):
# 6.12 (bookworm-backports, the default), 6.1 (Debian 12's own) or latest
# (trixie-backports); it is fetched and cached on first use and the guest
# boots it.  KVER= (e.g. KVER=$(uname -r)) instead builds for an installed
# kernel of this machine, the way a user's own machine does; KDIR= points
# at other headers, KIMAGE= at another image for the guest.
KERNEL  ?= 6.12
KERNELS := 6.1 6.12 latest
# Goals that need no kernel: they must not fetch one.
NOKERNEL_GOALS := help deps clean man uninstall cosycc test-debug test-stress test-matrix bench-matrix
ifneq ($(filter $(KERNEL),$(KERNELS)),$(KERNEL))
$(error KERNEL=$(KERNEL): want one of $(KERNELS))
endif
ifneq ($(filter command line environment,$(origin KVER)),)
KDIR    ?= $(firstword $(wildcard /lib/modules/$(KVER)/build /usr/src/linux-headers-$(KVER)))
KIMAGE  ?= /boot/vmlinuz-$(KVER)
KMODS   ?= /lib/modules/$(KVER)
KROOT   :=
# A kernel of this machine: compounds are built against its own BTF.
BTF_KVER := $(KVER)
else ifneq ($(filter-out $(NOKERNEL_GOALS),$(or $(MAKECMDGOALS),all)),)
include $(B)/kernel/env-$(KERNEL).mk
# Compounds are built once, against the oldest kernel of the matrix (6.1),
# and load on every kernel through CO-RE (tests/kernel/t_same_objects.sh).
ifneq ($(KERNEL),6.1)
include $(B)/kernel/base-6.1.mk
else
BASE_KVER := $(KVER)
BASE_KDIR := $(KDIR)
endif
BTF_KVER := $(BASE_KVER)
endif
# scripts/kernel.sh resolves, fetches and caches (COSY_CACHE) a kernel of
# the matrix; the base kernel's variables get a BASE_ prefix.
# deps.sh first: on a fresh machine these are the first rules make runs,
# and resolving 6.1 needs Debian's kernel packages installed.
$(B)/kernel/env-%.mk: scripts/kernel.sh
	$(Q)scripts/deps.sh
	$(call msg,KERNEL,$*)
	$(Q)scripts/kernel.sh env $* $@
$(B)/kernel/base-%.mk: scripts/kernel.sh
	$(Q)scripts/deps.sh
	$(call msg,KERNEL,$* (compounds' BTF))
	$(Q)scripts/kernel.sh env $* $@ BASE_
KPREP   := $(B)/kernel/$(KVER)
BTF_PREP := $(B)/kernel/$(BTF_KVER)
# kernel-prep's KDIR for a given KVER.
kdir_of = $(if $(filter $(1),$(KVER)),$(KDIR),$(BASE_KDIR))

VERSION ?= 0.1
CC      ?= gcc
CLANG   ?= clang
BPFTOOL ?= bpftool
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Wno-unused-parameter
CPPFLAGS_ALL := -Iinclude -Ibpf -Iloader -DCOSY_VERSION='"$(VERSION)"'
LIBBPF_STATIC := -lbpf -lelf -lz -lzstd

ifeq ($(V),1)
Q :=
msg = @true
else
Q := @
msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

.DEFAULT_GOAL := all
.SECONDARY:
.DELETE_ON_ERROR:
.PHONY: all help deps kmod bpf lib bins vmtests unit test test-unit test-vm \
	test-debug test-matrix test-stress demo bench bench-matrix bench-curves bench-scan guest-run clean check-kver vmtools

help:
	@echo 'cosy make targets:'
	@echo '  demo        set up (apt-get), build, boot the guest, run cp: compound vs loop'
	@echo '  test        all tests: host unit tests, then guest tests'
	@echo '  test-debug  guest tests on a KASAN+lockdep kernel (built once per machine: ~40 min)'
	@echo '  test-matrix guest tests on every kernel: MATRIX="$(KERNELS)"'
	@echo '  test-stress make test STRESS_RUNS=5 times with every CPU kept busy; fails if any run fails'
	@echo '  bench       the benchmarks in the guest (results in build/bench/KVER/FS-CACHE/):'
	@echo '              FS=ext4 (a virtio disk, default) or tmpfs, CACHE=warm (default) or cold'
	@echo '              QUICK=1: 3 reps on a quarter of the data, a few minutes'
	@echo '  bench-matrix the benchmarks on every kernel, ratios side by side'
	@echo '  bench-curves each workload over sizes (burst to 10^6 calls, cp to 1 GiB...), log-log plots,'
	@echo '              the break-even size; QUICK=1 for fewer sizes (build/bench/KVER/curves-FS-CACHE/)'
	@echo '  bench-scan  grep'"'"'s scan per byte, cosy'"'"'s C against glibc memmem/memchr, natively (no guest)'
	@echo '  guest-run   CMD=... [FILES=...]: run a command in the guest, module loaded'
	@echo '  cosycc test-cosycc              the cosy-cc compiler and its host tests'
	@echo '  all         build module, BPF objects, libcosy, tools, tests'
	@echo '  kmod bpf lib bins vmtests unit   build one part'
	@echo '  test-unit test-vm                run one half of the tests'
	@echo '  deps        install missing Debian packages (root)'
	@echo '  man install uninstall           man pages; PREFIX=/usr/local DESTDIR= (DKMS tree in /usr/src)'
	@echo '  clean'
	@echo 'variables: KERNEL=$(KERNEL) (one of: $(KERNELS)) B=$(B) V=1 REPS= SIZE_MB= WORKLOADS= STRESS_RUNS='
	@echo '           KVER= KDIR= (build for a kernel installed here) KIMAGE= (guest kernel image)'
	@echo '           VM_ARGS= (tests/vm/vm.sh options)'
	@echo '           COSY_CACHE=/var/cache/cosy (environment: where kernels and the debug kernel are kept)'

deps:
	$(Q)scripts/deps.sh

check-kver:
	@test -n "$(KVER)" || { echo "error: no target kernel: pass KERNEL= (one of $(KERNELS)) or KVER= of an installed kernel" >&2; exit 1; }
	@test -n "$(KDIR)" || { echo "error: no headers for $(KVER): install linux-headers-$(KVER) or pass KDIR=" >&2; exit 1; }

include kmod_helpers/build.mk
include bpf/build.mk
include loader/build.mk
include examples/build.mk
include tests/build.mk
include compiler/build.mk
include examples/cc/build.mk
include docs/build.mk

all: kmod bpf lib bins vmtests unit

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call msg,CC,$<)
	$(Q)$(CC) $(CFLAGS) $(WARN) $(CPPFLAGS_ALL) -MMD -MP -c $< -o $@

$(B)/pic/%.o: %.c
	@mkdir -p $(@D)
	$(call msg,CC,$<)
	$(Q)$(CC) $(CFLAGS) $(WARN) $(CPPFLAGS_ALL) -fPIC -fvisibility=hidden -MMD -MP -c $< -o $@

-include $(shell find $(B)/obj $(B)/pic -name '*.d' 2>/dev/null)

clean:
	$(Q)rm -rf $(B)
