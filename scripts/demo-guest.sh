#!/bin/sh
# Runs in the guest: an administrator loads and pins the cp compound with
# cosy-load; the application (cosy-cp) attaches to it by name and copies a
# generated file with it and with a plain read/write loop, side by side and
# interleaved, and prints the table.
#   demo-guest.sh [SIZE_MB [REPS [CHUNK...]]]
set -eu
size_mb=${1:-32}
reps=${2:-7}
shift 2 2>/dev/null || shift $#
chunks=${*:-4096}

echo "cosy demo: cp of a ${size_mb} MiB file, compound (one crossing) vs read/write loop"
echo "guest: $(uname -r), $(nproc) vCPU, QEMU TCG (emulated: compare ratios, not absolute times)"
echo
echo "# administrator: cosy-load load \$COSY_BPF_DIR/cp.bpf.o name cp"
cosy-load load "$COSY_BPF_DIR/cp.bpf.o" name cp
head -c $((size_mb * 1024 * 1024)) /dev/urandom > in
for chunk in $chunks; do
	echo
	echo "# application: cosy-cp -n cp -m both -r $reps -c $chunk in out"
	cosy-cp -n cp -m both -r "$reps" -c "$chunk" in out
	cmp in out
	echo "output verified with cmp: identical"
done
echo
cosy-load show cp
cosy-load unload cp
