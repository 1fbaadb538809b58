# cosy.ko, built by kbuild in $(B)/kmod from a copy of the sources (6.1's
# kbuild writes its objects next to the sources), against a private objtree
# that carries the target kernel's BTF (see scripts/kernel-prep.sh).
KMOD_SRCS := $(wildcard kmod_helpers/*.c kmod_helpers/*.h) kmod_helpers/Kbuild
KMOD_HDRS := $(wildcard include/cosy/*.h)

kmod: $(B)/kmod/cosy.ko

# KDIR may be a built kernel tree (make test-debug): then the objtree is a
# symlink to it (so its vmlinux cannot be the target: it is older than the
# script), and a rebuilt tree must redo the prep.
$(KPREP)/ready: scripts/kernel-prep.sh $(wildcard $(KDIR)/vmlinux) | check-kver
	$(call msg,PREP,kernel $(KVER))
	$(Q)V=$(V) scripts/kernel-prep.sh $(KPREP) $(KVER) $(KDIR)

$(B)/kmod/cosy.ko: $(KMOD_SRCS) $(KMOD_HDRS) $(KPREP)/ready
	@mkdir -p $(B)/kmod
	$(Q)cp $(KMOD_SRCS) $(B)/kmod/
	$(call msg,KBUILD,$@)
	$(Q)$(MAKE) -s -C $(KPREP)/objtree M=$(abspath $(B)/kmod) \
		COSY_INCLUDE=$(abspath include) \
		RESOLVE_BTFIDS=$(abspath $(KPREP)/resolve_btfids) modules $(if $(V),,>/dev/null)
	@objdump -h $@ | grep -q '\.BTF ' || \
		{ echo "error: $@ has no .BTF section: its kfuncs would silently not exist" >&2; \
		  rm -f $@; exit 1; }
