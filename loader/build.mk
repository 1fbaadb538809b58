# libcosy: static and shared, exports listed in libcosy.map.  The shared
# object's SONAME is libcosy.so.$(SOMAJOR): programs linked with -lcosy ask
# the dynamic loader for that name, so the build directory has it too (a
# link), and the guest (make guest-run) gets it with the rest of $(B)/lib.
SOMAJOR  := 0
LIB_SRCS := loader/libcosy.c loader/load.c loader/btf.c loader/diag.c loader/dev.c
LIB_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRCS))
LIB_PIC  := $(patsubst %.c,$(B)/pic/%.o,$(LIB_SRCS))

lib: $(B)/lib/libcosy.a $(B)/lib/libcosy.so $(B)/lib/libcosy.so.$(SOMAJOR)

$(B)/lib/libcosy.a: $(LIB_OBJS)
	@mkdir -p $(@D)
	$(call msg,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/lib/libcosy.so: $(LIB_PIC) loader/libcosy.map
	@mkdir -p $(@D)
	$(call msg,LD,$@)
	$(Q)$(CC) -shared -Wl,--version-script=loader/libcosy.map -Wl,-soname,libcosy.so.$(SOMAJOR) \
		-o $@ $(LIB_PIC) -lbpf

$(B)/lib/libcosy.so.$(SOMAJOR): $(B)/lib/libcosy.so
	$(Q)ln -sfn libcosy.so $@
