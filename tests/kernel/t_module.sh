#!/bin/sh
# The module's life cycle: refused unload while a compound that uses its
# kfuncs is pinned, clean unload once it is gone, BTF back after a reload,
# and a compound working again after it.
set -u
fail() { echo "# FAIL: $*"; exit 1; }
. "$COSY_TESTS_DIR/lib.sh"
ko=/cosy/kmod/cosy.ko
pin=/sys/fs/bpf/t_module_cp

[ -d /sys/kernel/btf/cosy ] || [ -f /sys/kernel/btf/cosy ] || fail "no module BTF at start"

# A pinned compound holds the module: rmmod must be refused, not crash.
bpftool prog load "$COSY_BPF_DIR/cp.bpf.o" "$pin" || fail "bpftool could not load cp.bpf.o"
if rmmod cosy 2>/dev/null; then
	rm -f "$pin"
	fail "rmmod succeeded while a compound was pinned"
fi
rm -f "$pin"

# The program's module reference goes a while after the pin (lib.sh).
cosy_wait_unused || fail "the module is still held after the compound was unpinned"
rmmod cosy || fail "rmmod refused with /sys/module/cosy/refcnt 0"
[ ! -e /sys/kernel/btf/cosy ] || fail "BTF still present after rmmod"

insmod "$ko" || fail "insmod after rmmod failed"
[ -e /sys/kernel/btf/cosy ] || fail "no BTF after reload"

head -c 100000 /dev/urandom > in || fail "cannot make input"
cosy-cp in out || fail "cp compound failed after reload"
cmp in out || fail "copy differs after reload"
echo "# unload refused while pinned, reload ok, compound ok"
