#!/bin/sh
# Runs in the guest: copy a generated file with the cp compound and with a
# plain read/write loop, side by side and interleaved, and print the table.
#   demo-guest.sh [SIZE_MB [REPS [CHUNK...]]]
set -eu
size_mb=${1:-16}
reps=${2:-5}
shift 2 2>/dev/null || shift $#
chunks=${*:-4096}

echo "cosy demo: cp of a ${size_mb} MiB file, compound (one crossing) vs read/write loop"
echo "guest: $(uname -r), $(nproc) vCPU, QEMU TCG (emulated: compare ratios, not absolute times)"
head -c $((size_mb * 1024 * 1024)) /dev/urandom > in
for chunk in $chunks; do
	echo
	cosy-cp -m both -r "$reps" -c "$chunk" in out
	cmp in out
	echo "output verified with cmp: identical"
done
