# Tools and examples.  Statically linked, so the same binary runs on the
# host and in the guest's busybox initramfs.
BIN_NAMES := cosy-cp
BINS := $(addprefix $(B)/bin/,$(BIN_NAMES))

bins: $(BINS)

$(B)/bin/%: $(B)/obj/examples/%.o $(B)/lib/libcosy.a
	@mkdir -p $(@D)
	$(call msg,LD,$@)
	$(Q)$(CC) -static -o $@ $< $(B)/lib/libcosy.a $(LIBBPF_STATIC)
