# BPF objects, built once for every kernel: compiled against a vmlinux.h
# from the oldest kernel of the matrix (BTF_PREP: 6.1's BTF, or with KVER=
# that kernel's own; never the host's /sys/kernel/btf/vmlinux), relocated
# by libbpf (CO-RE) when loaded.
BPF_SRCS := $(wildcard bpf/*.bpf.c)
BPF_OBJS := $(patsubst bpf/%.bpf.c,$(B)/bpf/%.bpf.o,$(BPF_SRCS))
# Compounds also built with tracing on (bpf_printk, see cosy_trace()).
BPF_TRACED := cp
BPF_OBJS += $(patsubst %,$(B)/bpf/%_trace.bpf.o,$(BPF_TRACED))
# Hostile compounds: objects the verifier or the guard must stop.
BPF_OBJS += $(patsubst bpf/hostile/%.bpf.c,$(B)/bpf/hostile/%.bpf.o,$(wildcard bpf/hostile/*.bpf.c))
# What any compound needs, ours or a user's (libcosy.pc's bpf_cflags, see
# cosy-kfuncs(7)): BTF (-g: libbpf finds kfuncs and libcosy the args struct
# through it), -O2 (the verifier cannot follow unoptimised BPF), the target.
BPF_TARGET_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_x86
BPF_CFLAGS := $(BPF_TARGET_CFLAGS) -Wall -Werror -I$(B)/bpf -Iinclude -Ibpf

bpf: $(BPF_OBJS)

$(B)/bpf/vmlinux.h: $(BTF_PREP)/ready
	@mkdir -p $(@D)
	$(call msg,GEN,$@)
	$(Q)$(BPFTOOL) btf dump file $(BTF_PREP)/vmlinux.btf format c > $@.tmp && mv $@.tmp $@

$(B)/bpf/%.bpf.o: bpf/%.bpf.c $(B)/bpf/vmlinux.h $(wildcard bpf/*.h bpf/hostile/*.h include/cosy/*.h)
	@mkdir -p $(@D)
	$(call msg,BPF,$<)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(B)/bpf/%_trace.bpf.o: bpf/%.bpf.c $(B)/bpf/vmlinux.h $(wildcard bpf/*.h include/cosy/*.h)
	$(call msg,BPF,$< [trace])
	$(Q)$(CLANG) $(BPF_CFLAGS) -DCOSY_TRACE -c $< -o $@
