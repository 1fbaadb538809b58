# cosy.ko, built by kbuild in $(B)/kmod/KVER from a copy of the sources
# (6.1's kbuild writes its objects next to the sources), against a private
# objtree that carries the target kernel's BTF (see scripts/kernel-prep.sh),
# or, for a kernel whose headers need a newer toolchain than this machine's
# (KROOT set by scripts/kernel.sh), inside that kernel's build root.
KMOD_SRCS := $(wildcard kmod_helpers/*.c kmod_helpers/*.h) kmod_helpers/Kbuild
KMOD_HDRS := $(wildcard include/cosy/*.h)
KMOD      := $(B)/kmod/$(KVER)/cosy.ko

kmod: $(KMOD)

# The raw BTF and kbuild objtree of a kernel.  KDIR may be a built kernel
# tree (make test-debug): then the objtree is a symlink to it (so its
# vmlinux cannot be the target: it is older than the script), and a rebuilt
# tree must redo the prep.
$(B)/kernel/%/ready: scripts/kernel-prep.sh | check-kver
	$(call msg,PREP,kernel $*)
	$(Q)V=$(V) scripts/kernel-prep.sh $(@D) $* $(call kdir_of,$*)
$(KPREP)/ready: $(wildcard $(KDIR)/vmlinux)

KBUILD_ARGS = M=$(abspath $(@D)) COSY_INCLUDE=$(abspath include) modules $(if $(V),,>/dev/null)
ifeq ($(KROOT),)
kbuild = $(MAKE) -s -C $(KPREP)/objtree RESOLVE_BTFIDS=$(abspath $(KPREP)/resolve_btfids) $(KBUILD_ARGS)
else
kbuild = scripts/kernel.sh exec $(KROOT) $(@D) include -- \
	make -s -C /usr/src/linux-headers-$(KVER) $(KBUILD_ARGS)
endif

$(KMOD): $(KMOD_SRCS) $(KMOD_HDRS) $(KPREP)/ready
	@mkdir -p $(@D)
	$(Q)cp $(KMOD_SRCS) $(@D)/
	$(call msg,KBUILD,$@)
	$(Q)$(kbuild)
	@objdump -h $@ | grep '\.BTF ' >/dev/null || \
		{ echo "error: $@ has no .BTF section: its kfuncs would silently not exist" >&2; \
		  rm -f $@; exit 1; }
