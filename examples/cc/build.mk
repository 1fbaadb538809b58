# examples/cc: the cosy-bench workloads as plain C, one region each, built
# two ways (cosy-bench's methods cc and plain run them):
#   $(B)/bin/cc-NAME        by cosy-cc: the region runs in the kernel
#   $(B)/bin/cc-NAME.plain  by cc: the same C, all of it in user space
# NAME is the file's name with dashes (cat_many.c: cc-cat-many).  Included
# after compiler/build.mk: the rules need COSYCC and COSYCC_DEPS.
CC_BENCH_SRCS  := $(wildcard examples/cc/*.c)
CC_BENCH_NAMES := $(subst _,-,$(basename $(notdir $(CC_BENCH_SRCS))))
CC_BENCH_FLAGS := -static -O2 -g -Wall -Wextra -Werror -Iinclude

bins: $(addprefix $(B)/bin/cc-,$(CC_BENCH_NAMES) $(addsuffix .plain,$(CC_BENCH_NAMES)))

# cc_bench_rules NAME SOURCE
define cc_bench_rules
$(B)/bin/cc-$(1): $(2) examples/cc/cc_bench.h examples/drop_caches.h $(COSYCC_DEPS)
	@mkdir -p $$(@D)
	$$(call msg,COSYCC,$$@)
	$$(Q)$(COSYCC) $(CC_BENCH_FLAGS) --emit-bpf $(B)/compiler/gen/cc-$(1) -o $$@ $(2)

$(B)/bin/cc-$(1).plain: $(2) examples/cc/cc_bench.h examples/drop_caches.h
	@mkdir -p $$(@D)
	$$(call msg,CC,$$@)
	$$(Q)$(CC) $(CC_BENCH_FLAGS) -o $$@ $(2)
endef
$(foreach s,$(CC_BENCH_SRCS),$(eval $(call cc_bench_rules,$(subst _,-,$(basename $(notdir $(s)))),$(s))))
