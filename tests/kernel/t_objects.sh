#!/bin/sh
# One set of compounds for every kernel: the BPF objects in the guest are
# byte for byte the ones the host built once (objects.sha256, written at
# build time next to this test), and each compound verifies and loads on
# this guest's kernel (CO-RE relocates them).  `make test-matrix` compares
# the digest line below across kernels.
set -u
fail() { echo "# FAIL: $*"; exit 1; }
sums=$(cd "$(dirname "$0")" && pwd)/objects.sha256
[ -s "$sums" ] || fail "no $sums: the build writes it"
(cd "$COSY_BPF_DIR" && sha256sum -c "$sums") >_sums 2>&1 ||
	{ cat _sums; fail "the guest's objects differ from the host's"; }
n=0
for obj in "$COSY_BPF_DIR"/*.bpf.o; do
	out=$(cosy-load verify "$obj" 2>&1) || { echo "$out"; fail "${obj##*/} does not verify on $(uname -r)"; }
	n=$((n + 1))
done
[ "$n" -ge 5 ] || fail "only $n compounds found"
echo "# $n compounds verified on $(uname -r)"
echo "# objects-sha256 $(sha256sum <"$sums" | cut -d' ' -f1) $(wc -l <"$sums") files"
rm -f _sums
