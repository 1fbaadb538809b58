#!/bin/sh
# cosy-cp, the example built on cp's skeleton: its built-in object, an
# object file (-o) and a pin (-n) each copy byte for byte; a path longer
# than its slot and a compound that is not cp are refused.
set -u
fail() { echo "# FAIL: $*"; exit 1; }
n=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
pin=t_cosy_cp

head -c 1000003 /dev/urandom > in || fail "cannot make input"
cosy-cp in out.builtin > /dev/null || fail "built-in object"
cmp in out.builtin || fail "built-in object: copy differs"
ok "built-in object: byte-identical copy"

cosy-cp -o "$COSY_BPF_DIR/cp.bpf.o" -c 65536 in out.file > /dev/null || fail "-o"
cmp in out.file || fail "-o: copy differs"
ok "-o cp.bpf.o: byte-identical copy"

cosy-load load "$COSY_BPF_DIR/cp.bpf.o" name $pin > /dev/null || fail "cosy-load load"
cosy-cp -n $pin -m both -r 2 in out.pinned > /dev/null 2>&1
rc=$?
cosy-load unload $pin || fail "cosy-load unload"
[ $rc = 0 ] || fail "-n $pin: exit $rc"
cmp in out.pinned || fail "-n: copy differs"
ok "-n (pinned), against the loop: byte-identical copy"

long=$(head -c 4096 /dev/zero | tr '\0' p)	# 4096 bytes + NUL: one past the dst slot
if cosy-cp in "$long" > /dev/null 2> err; then fail "a 4097-byte path was taken"; fi
grep -q "File name too long" err || fail "long path: $(cat err)"
ok "a path longer than its slot: File name too long"

if cosy-cp -o "$COSY_BPF_DIR/burst.bpf.o" in out.burst > /dev/null 2> err; then
	fail "burst.bpf.o taken for cp"
fi
grep -q "Invalid argument" err || fail "burst.bpf.o: $(cat err)"
ok "a compound whose segment cannot hold cp's slots: refused"
