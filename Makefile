# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# cosy: one non-recursive build (kbuild is the only sub-make), everything
# under $(B)/.  `make help` lists the targets; V=1 shows full commands.

B       ?= build
# The target kernel: Debian's cloud flavor for the guest by default, its
# ABI number read from what is installed.  KVER=$(uname -r) builds for the
# running kernel of a real machine; KDIR= points at other headers.
KVER    ?= $(shell ls /boot/vmlinuz-*-cloud-amd64 2>/dev/null | sed 's|/boot/vmlinuz-||' | sort -V | tail -n1)
KDIR    ?= $(firstword $(wildcard /lib/modules/$(KVER)/build /usr/src/linux-headers-$(KVER)))
KPREP   := $(B)/kernel/$(KVER)

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
	test-debug test-stress demo bench guest-run clean check-kver vmtools

help:
	@echo 'cosy make targets:'
	@echo '  demo        set up (apt-get), build, boot the guest, run cp: compound vs loop'
	@echo '  test        all tests: host unit tests, then guest tests'
	@echo '  test-debug  guest tests on a KASAN+lockdep kernel (built once per machine: ~20 min)'
	@echo '  test-stress make test STRESS_RUNS=5 times with every CPU kept busy; fails if any run fails'
	@echo '  bench       cp benchmark in the guest (64 MiB, 4 KiB and 64 KiB chunks)'
	@echo '  guest-run   CMD=... [FILES=...]: run a command in the guest, module loaded'
	@echo '  cosycc test-cosycc              the cosy-cc compiler and its host tests'
	@echo '  all         build module, BPF objects, libcosy, tools, tests'
	@echo '  kmod bpf lib bins vmtests unit   build one part'
	@echo '  test-unit test-vm                run one half of the tests'
	@echo '  deps        install missing Debian packages (root)'
	@echo '  man install uninstall           man pages; PREFIX=/usr/local DESTDIR= (DKMS tree in /usr/src)'
	@echo '  clean'
	@echo 'variables: KVER=$(KVER) KDIR=$(KDIR) B=$(B) V=1 REPS= SIZE_MB= STRESS_RUNS='
	@echo '           KIMAGE= (guest kernel image) VM_ARGS= (tests/vm/vm.sh options)'
	@echo '           COSY_CACHE=/var/cache/cosy (environment: where the debug kernel is kept)'

deps:
	$(Q)scripts/deps.sh

check-kver:
	@test -n "$(KVER)" || { echo "error: no target kernel: install linux-image-cloud-amd64 (make deps) or pass KVER=" >&2; exit 1; }
	@test -n "$(KDIR)" || { echo "error: no headers for $(KVER): install linux-headers-$(KVER) or pass KDIR=" >&2; exit 1; }

include kmod_helpers/build.mk
include bpf/build.mk
include loader/build.mk
include examples/build.mk
include tests/build.mk
include compiler/build.mk
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
