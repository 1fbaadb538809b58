# Manual pages and installation.
#
#   make man         $(B)/man/NAME.N from every docs/NAME.N.rst (rst2man)
#   make install     libcosy (static, shared, headers, pkg-config), the tools
#                    in $(B)/bin, the BPF objects, the manual pages, and the
#                    module's sources as a DKMS tree
#   make uninstall   removes what install put there
#
# Both honour DESTDIR (staging, e.g. for packages) and PREFIX; the DKMS tree
# always goes to $(DESTDIR)/usr/src/cosy-$(VERSION), where dkms looks.

VERSION    ?= 0.1
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
# vmlinux.h for compounds built against the installed headers (libcosy.pc's
# vmlinux_h); fixed, for cosy-cc looks there too (PREFIX/share/cosy).
COSY_DATADIR = $(PREFIX)/share/cosy
COSY_BPFDIR ?= $(PREFIX)/lib/cosy/bpf
DKMSDIR    ?= /usr/src/cosy-$(VERSION)
RST2MAN    ?= rst2man
INSTALL    ?= install

MAN_SRCS   := $(wildcard docs/*.[1-8].rst)
MAN_PAGES  := $(patsubst docs/%.rst,$(B)/man/%,$(MAN_SRCS))
# hostile.h holds the verifier suite's test tags: not an interface.
COSY_HDRS  := $(filter-out include/cosy/hostile.h,$(wildcard include/cosy/*.h))
DKMS_SRCS  := $(wildcard kmod_helpers/*.c kmod_helpers/*.h) \
	      kmod_helpers/Kbuild kmod_helpers/Makefile
# dkms.conf's PRE_BUILD and what it runs (module BTF for 6.1's headers).
DKMS_PROGS := kmod_helpers/pre-build.sh scripts/kernel-prep.sh

# One line per installed file, like the rest of the build; V=1 shows the
# commands instead.
ifeq ($(V),1)
install_say =
else
install_say = printf '  %-8s %s\n' "$(1)" "$(2)";
endif

.PHONY: man install uninstall install-vars

# --- manual pages ------------------------------------------------------------

man: $(MAN_PAGES)

$(B)/man/%: docs/%.rst
	@mkdir -p $(@D)
	@command -v $(RST2MAN) >/dev/null || \
		{ echo "error: $(RST2MAN) not found: apt-get install python3-docutils" >&2; exit 1; }
	$(call msg,RST2MAN,$@)
	$(Q)$(RST2MAN) --halt=warning $< > $@.tmp && mv $@.tmp $@

# --- generated files -----------------------------------------------------------

# The values baked into libcosy.pc and dkms.conf.  The stamp changes only
# when they do, so `make install PREFIX=/usr` after a /usr/local install
# regenerates them, and nothing else.
INSTALL_VARS = $(VERSION) $(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(COSY_DATADIR) $(BPF_TARGET_CFLAGS)
SUBST = sed -e 's|@VERSION@|$(VERSION)|g' -e 's|@PREFIX@|$(PREFIX)|g' \
	    -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
	    -e 's|@COSY_DATADIR@|$(COSY_DATADIR)|g' -e 's|@BPF_TARGET_CFLAGS@|$(BPF_TARGET_CFLAGS)|g'

$(B)/install/vars: install-vars
	@mkdir -p $(@D)
	@echo '$(INSTALL_VARS)' | cmp -s - $@ 2>/dev/null || echo '$(INSTALL_VARS)' > $@

$(B)/lib/libcosy.pc: loader/libcosy.pc.in $(B)/install/vars
	@mkdir -p $(@D)
	$(call msg,GEN,$@)
	$(Q)$(SUBST) $< > $@

$(B)/install/dkms.conf: kmod_helpers/dkms.conf $(B)/install/vars
	$(call msg,GEN,$@)
	$(Q)$(SUBST) $< > $@

$(B)/install/cosy-approvals.service: docs/cosy-approvals.service.in $(B)/install/vars
	@mkdir -p $(@D)
	$(call msg,GEN,$@)
	$(Q)$(SUBST) $< > $@

# --- install -------------------------------------------------------------------

# install -D -m MODE SRC DST, announced.  Make-level, for sources known when
# the makefiles are read; what the build makes is installed by shell loops.
define install1
	$(call msg,INSTALL,$(3))
	$(Q)$(INSTALL) -D -m $(1) $(2) $(3)

endef

# examples/cc's benchmark programs (cc-*) stay in the tree: generic names.
install: lib bins bpf man cosycc $(B)/lib/libcosy.pc $(B)/install/dkms.conf \
	 $(B)/install/cosy-approvals.service
	$(call install1,0644,$(B)/lib/libcosy.a,$(DESTDIR)$(LIBDIR)/libcosy.a)
	$(call install1,0755,$(B)/lib/libcosy.so,$(DESTDIR)$(LIBDIR)/libcosy.so.$(VERSION))
	$(Q)ln -sfn libcosy.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libcosy.so.$(SOMAJOR)
	$(Q)ln -sfn libcosy.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libcosy.so
	$(call install1,0644,$(B)/lib/libcosy.pc,$(DESTDIR)$(LIBDIR)/pkgconfig/libcosy.pc)
	$(foreach h,$(COSY_HDRS),$(call install1,0644,$(h),$(DESTDIR)$(INCLUDEDIR)/cosy/$(notdir $(h))))
	$(Q)for f in $(B)/bin/*; do \
		[ -f "$$f" ] || continue; \
		case "$${f##*/}" in cc-*) continue ;; esac; \
		$(call install_say,INSTALL,$(DESTDIR)$(BINDIR)/$${f##*/}) \
		$(INSTALL) -D -m 0755 "$$f" "$(DESTDIR)$(BINDIR)/$${f##*/}" || exit 1; \
	done
	$(Q)for f in $(B)/bpf/*.bpf.o; do \
		[ -f "$$f" ] || continue; \
		$(call install_say,INSTALL,$(DESTDIR)$(COSY_BPFDIR)/$${f##*/}) \
		$(INSTALL) -D -m 0644 "$$f" "$(DESTDIR)$(COSY_BPFDIR)/$${f##*/}" || exit 1; \
	done
	$(foreach p,$(MAN_PAGES),$(call install1,0644,$(p),$(DESTDIR)$(MANDIR)/man$(patsubst .%,%,$(suffix $(p)))/$(notdir $(p))))
	$(foreach f,$(DKMS_SRCS),$(call install1,0644,$(f),$(DESTDIR)$(DKMSDIR)/$(notdir $(f))))
	$(foreach f,$(DKMS_PROGS),$(call install1,0755,$(f),$(DESTDIR)$(DKMSDIR)/$(notdir $(f))))
	$(foreach h,$(COSY_HDRS),$(call install1,0644,$(h),$(DESTDIR)$(DKMSDIR)/include/cosy/$(notdir $(h))))
	$(call install1,0644,$(B)/install/dkms.conf,$(DESTDIR)$(DKMSDIR)/dkms.conf)
	$(call install1,0755,$(B)/libexec/cosy-cc,$(DESTDIR)$(PREFIX)/libexec/cosy-cc)
	$(call install1,0644,$(B)/lib/libcosy-region.a,$(DESTDIR)$(LIBDIR)/libcosy-region.a)
	$(foreach h,$(wildcard compiler/runtime/*.h),$(call install1,0644,$(h),$(DESTDIR)$(INCLUDEDIR)/cosy/$(notdir $(h))))
	$(call install1,0644,$(B)/bpf/vmlinux.h,$(DESTDIR)$(COSY_DATADIR)/vmlinux.h)
	$(call install1,0755,scripts/cosy-approvals,$(DESTDIR)$(PREFIX)/sbin/cosy-approvals)
	$(call install1,0644,$(B)/install/cosy-approvals.service,$(DESTDIR)$(PREFIX)/lib/systemd/system/cosy-approvals.service)
	$(Q)[ -n "$(DESTDIR)" ] || [ "$$(id -u)" != 0 ] || ! command -v ldconfig >/dev/null || ldconfig

# What install put there: the files it installs from sources, plus the tools
# and BPF objects the build makes now (or made, if they are still there).
uninstall:
	$(call msg,RM,$(DESTDIR)$(LIBDIR)/libcosy.*)
	$(Q)rm -f $(DESTDIR)$(LIBDIR)/libcosy.a $(DESTDIR)$(LIBDIR)/libcosy.so \
		$(DESTDIR)$(LIBDIR)/libcosy.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libcosy.so.$(VERSION) \
		$(DESTDIR)$(LIBDIR)/pkgconfig/libcosy.pc
	$(call msg,RM,$(DESTDIR)$(INCLUDEDIR)/cosy)
	$(Q)rm -f $(addprefix $(DESTDIR)$(INCLUDEDIR)/cosy/,$(notdir $(COSY_HDRS) $(wildcard compiler/runtime/*.h)))
	$(Q)rm -f $(DESTDIR)$(INCLUDEDIR)/cosy/hostile.h	# installed by cosy 0.1 before it was test-only
	$(Q)rm -f $(DESTDIR)$(PREFIX)/libexec/cosy-cc $(DESTDIR)$(LIBDIR)/libcosy-region.a \
		$(DESTDIR)$(COSY_DATADIR)/vmlinux.h
	$(Q)rmdir $(DESTDIR)$(PREFIX)/libexec $(DESTDIR)$(COSY_DATADIR) 2>/dev/null || true
	$(call msg,RM,$(DESTDIR)$(PREFIX)/sbin/cosy-approvals and its unit)
	$(Q)rm -f $(DESTDIR)$(PREFIX)/sbin/cosy-approvals \
		$(DESTDIR)$(PREFIX)/lib/systemd/system/cosy-approvals.service
	$(Q)rmdir $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/lib/systemd/system \
		$(DESTDIR)$(PREFIX)/lib/systemd 2>/dev/null || true
	$(Q)rmdir $(DESTDIR)$(INCLUDEDIR)/cosy 2>/dev/null || true
	$(call msg,RM,$(DESTDIR)$(BINDIR)/cosy-*)
	$(Q)rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(sort $(notdir $(BINS) $(wildcard $(B)/bin/*))))
	$(call msg,RM,$(DESTDIR)$(COSY_BPFDIR))
	$(Q)rm -f $(addprefix $(DESTDIR)$(COSY_BPFDIR)/,$(sort $(notdir $(BPF_OBJS) $(wildcard $(B)/bpf/*.bpf.o))))
	$(Q)rmdir $(DESTDIR)$(COSY_BPFDIR) $(dir $(DESTDIR)$(COSY_BPFDIR)) 2>/dev/null || true
	$(call msg,RM,$(DESTDIR)$(MANDIR)/man*/...)
	$(Q)rm -f $(foreach p,$(MAN_PAGES),$(DESTDIR)$(MANDIR)/man$(patsubst .%,%,$(suffix $(p)))/$(notdir $(p)))
	$(call msg,RM,$(DESTDIR)$(DKMSDIR))
	$(Q)[ -n "$(DESTDIR)" ] || ! command -v dkms >/dev/null || \
		[ -z "$$(dkms status cosy/$(VERSION) 2>/dev/null)" ] || \
		echo "note: dkms still knows cosy/$(VERSION): run 'dkms remove cosy/$(VERSION) --all'" >&2
	$(Q)rm -rf $(DESTDIR)$(DKMSDIR)
	$(Q)[ -n "$(DESTDIR)" ] || [ "$$(id -u)" != 0 ] || ! command -v ldconfig >/dev/null || ldconfig
