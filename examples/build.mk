# Tools and examples.  Statically linked, so the same binary runs on the
# host and in the guest's busybox initramfs.
BIN_NAMES := cosy-cp cosy-bench cosy-du cosy-pack
BINS := $(addprefix $(B)/bin/,$(BIN_NAMES))

CLI_SRCS := $(wildcard loader/cli/*.c)
CLI_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(CLI_SRCS))
BINS += $(B)/bin/cosy-load

bins: $(BINS)

$(B)/bin/cosy-load: $(CLI_OBJS) $(B)/lib/libcosy.a
	@mkdir -p $(@D)
	$(call msg,LD,$@)
	$(Q)$(CC) -static -Wl,--wrap=syscall -o $@ $(CLI_OBJS) $(B)/lib/libcosy.a $(LIBBPF_STATIC)

$(B)/bin/%: $(B)/obj/examples/%.o $(B)/lib/libcosy.a
	@mkdir -p $(@D)
	$(call msg,LD,$@)
	$(Q)$(CC) -static -o $@ $(filter %.o,$^) $(B)/lib/libcosy.a $(LIBBPF_STATIC) $(LDLIBS_$*)

# Where tools look for compounds when COSY_BPF_DIR is not set.
$(B)/obj/examples/%.o: CPPFLAGS_ALL += -DCOSY_BPF_DIR_DEFAULT='"$(COSY_BPFDIR)"'

# The io_uring baselines; the floor module's ioctl (tests/floor).
$(B)/bin/cosy-bench: $(B)/obj/examples/bench_uring.o
LDLIBS_cosy-bench := -luring
$(B)/obj/examples/cosy-bench.o: CPPFLAGS_ALL += -Itests/floor

# Skeletons (cosy-load gen skeleton, bpftool's convention): the typed header
# an application builds against, the object embedded; made by the cosy-load
# just built, never committed.
$(B)/skel/%.skel.h: $(B)/bpf/%.bpf.o $(B)/bin/cosy-load
	@mkdir -p $(@D)
	$(call msg,GEN,$@)
	$(Q)$(B)/bin/cosy-load gen skeleton $< > $@.tmp && mv $@.tmp $@

$(B)/obj/examples/cosy-cp.o: $(B)/skel/cp.skel.h
$(B)/obj/examples/cosy-cp.o: CPPFLAGS_ALL += -I$(B)/skel
$(B)/obj/examples/cosy-du.o: $(B)/skel/du.skel.h
$(B)/obj/examples/cosy-du.o: CPPFLAGS_ALL += -I$(B)/skel
$(B)/obj/examples/cosy-pack.o: $(B)/skel/pack.skel.h
$(B)/obj/examples/cosy-pack.o: CPPFLAGS_ALL += -I$(B)/skel
