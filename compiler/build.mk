# cosy-cc: the compiler driver (libclang), its runtime, its tests.
#
#   $(B)/libexec/cosy-cc        the driver, linked with libclang (LLVM_DIR)
#   $(B)/bin/cosy-cc            a two-line wrapper that runs it: the guest
#                               harness copies $(B)/bin/* with their shared
#                               libraries, and libclang brings 200 MB of LLVM
#   $(B)/lib/libcosy-region.a   the runtime programs built with cosy-cc link
#   $(B)/vmtests/cosycc/        guest test programs, each built three ways:
#                               NAME (cosy-cc), NAME.plain (cc), static
#   make test-cosycc            host tests: golden lowering, refusals, fallback

# The newest libclang installed: from 17 on it names operators itself, so
# operators from macros over variables (MIN(a, b), S_ISDIR(m)) lower too.
LLVM_DIR    ?= $(or $(patsubst %/include/clang-c/Index.h,%,$(firstword $(wildcard \
	$(foreach v,22 21 20 19 18 17 16 15 14,/usr/lib/llvm-$(v)/include/clang-c/Index.h)))),/usr/lib/llvm-14)
COSYCC_PREFIX ?= $(or $(PREFIX),/usr/local)

COSYCC_SRCS := $(wildcard compiler/*.c)
COSYCC_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(COSYCC_SRCS))
COSYRT_OBJS := $(B)/obj/compiler/runtime/cosy_region.o
COSYCC      := $(B)/bin/cosy-cc

$(COSYCC_OBJS): CPPFLAGS_ALL += -I$(LLVM_DIR)/include \
	-DCOSY_CC_TREE='"$(abspath .)"' -DCOSY_CC_TREE_BUILD='"$(abspath $(B))"' \
	-DCOSY_CC_PREFIX='"$(COSYCC_PREFIX)"' -DCOSY_CC_LLVM_LIBDIR='"$(LLVM_DIR)/lib"' -DCOSY_CC_VERSION='"$(VERSION)"'
$(COSYRT_OBJS): CPPFLAGS_ALL += -Icompiler/runtime

.PHONY: cosycc test-cosycc
cosycc: $(COSYCC) $(B)/lib/libcosy-region.a
bins: cosycc

$(B)/libexec/cosy-cc: $(COSYCC_OBJS)
	@mkdir -p $(@D)
	$(call msg,LD,$@)
	$(Q)$(CC) -o $@ $(COSYCC_OBJS) -L$(LLVM_DIR)/lib -Wl,-rpath,$(LLVM_DIR)/lib -lclang -ldl

$(COSYCC): $(B)/libexec/cosy-cc
	@mkdir -p $(@D)
	$(call msg,GEN,$@)
	$(Q)printf '#!/bin/sh\n# cosy-cc (the real one links libclang, see compiler/build.mk)\nexec "$$(dirname "$$0")/../libexec/cosy-cc" "$$@"\n' > $@ && chmod 0755 $@

$(B)/lib/libcosy-region.a: $(COSYRT_OBJS)
	@mkdir -p $(@D)
	$(call msg,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

# What a program built with cosy-cc from this tree depends on.
COSYCC_DEPS := $(COSYCC) $(B)/lib/libcosy-region.a $(B)/lib/libcosy.a \
	$(wildcard compiler/runtime/*.h include/cosy/*.h)

# --- guest test programs: tests/compiler/guest/NAME.c ---------------------------
COSYCC_GUEST_SRCS := $(wildcard tests/compiler/guest/*.c)
COSYCC_GUEST := $(patsubst tests/compiler/guest/%.c,$(B)/vmtests/cosycc/%,$(COSYCC_GUEST_SRCS))
COSYCC_GUEST += $(patsubst tests/compiler/guest/%.c,$(B)/vmtests/cosycc/%.plain,$(COSYCC_GUEST_SRCS))
vmtests: $(COSYCC_GUEST)

# a guest program's own C dialect, for both builds (none: gnu17, the default)
COSYCC_GUEST_STD_assert_strict := -std=c11 -D_POSIX_C_SOURCE=200809L

$(B)/vmtests/cosycc/%: tests/compiler/guest/%.c $(COSYCC_DEPS)
	@mkdir -p $(@D)
	$(call msg,COSYCC,$@)
	$(Q)rm -rf $(B)/compiler/gen/$* $@.bpf
	$(Q)$(COSYCC) -static -O2 -g -Wall -Wextra -Werror $(COSYCC_GUEST_STD_$*) -Iinclude \
		--emit-bpf $(B)/compiler/gen/$* -o $@ $<
	@# its region objects beside it, for the guest tests that approve them
	$(Q)mkdir -p $@.bpf && cp $(B)/compiler/gen/$*/*.bpf.o $@.bpf/

$(B)/vmtests/cosycc/%.plain: tests/compiler/guest/%.c
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) -static -O2 -g -Wall -Wextra -Werror $(COSYCC_GUEST_STD_$*) -Iinclude -o $@ $<

# --- host tests -------------------------------------------------------------------
test-cosycc: $(COSYCC_DEPS)
	$(Q)tests/compiler/run.sh $(B)

# --- libFuzzer on the front end (make fuzz-cosycc [FUZZ_SECONDS=600]) -------------
FUZZ_SECONDS ?= 600
FUZZ_SRCS := $(filter-out compiler/driver.c,$(COSYCC_SRCS)) compiler/fuzz/fuzz_frontend.c
$(B)/fuzz/fuzz-cosycc: $(FUZZ_SRCS) $(wildcard compiler/*.h)
	@mkdir -p $(@D)
	$(call msg,FUZZ,$@)
	$(Q)$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-I$(LLVM_DIR)/include -Icompiler -Iinclude -DFUZZ_TREE='"$(abspath .)"' \
		-DFUZZ_RESOURCE_DIR='"$(shell $(CLANG) -print-resource-dir)"' \
		-o $@ $(FUZZ_SRCS) -L$(LLVM_DIR)/lib -Wl,-rpath,$(LLVM_DIR)/lib -lclang

.PHONY: fuzz-cosycc
fuzz-cosycc: $(B)/fuzz/fuzz-cosycc
	@mkdir -p $(B)/fuzz/corpus $(B)/fuzz/crashes
	$(Q)cp -n tests/compiler/lower/*.c tests/compiler/reject/*.c $(B)/fuzz/corpus/ 2>/dev/null; true
	$(Q)ASAN_OPTIONS=detect_leaks=0 $(B)/fuzz/fuzz-cosycc -max_total_time=$(FUZZ_SECONDS) \
		-max_len=8192 -timeout=20 -close_fd_mask=2 -artifact_prefix=$(B)/fuzz/crashes/ \
		-print_final_stats=1 $(B)/fuzz/corpus tests/compiler/fuzz-regressions
