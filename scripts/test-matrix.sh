#!/usr/bin/env bash
# test-matrix.sh [KERNEL...]: the guest suite on every kernel of the matrix
# (default: 6.1 6.12 latest), from one build: the host-side parts and the
# BPF objects are built once, only cosy.ko per kernel.  Every kernel runs
# even if one fails; any failure fails the script.  Checks that the BPF
# objects were not rebuilt between kernels and that every guest verified
# exactly the ones the host built (t_objects.sh's digest line, against
# $B/vmtests/objects.sha256).  Prints a timed summary.
# Environment: MAKE (default make), B (default build), VM_ARGS.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

MAKE=${MAKE:-make}
B=${B:-build}
kernels=("$@")
((${#kernels[@]})) || kernels=(6.1 6.12 latest)
mkdir -p "$B/matrix"

digest_objects() { (cd "$B/bpf" && find . -name '*.bpf.o' -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16; }

failed=() summary=() seen=''
before=''
for k in "${kernels[@]}"; do
	log=$B/matrix/$k.log t0=$SECONDS rc=0
	echo "== matrix: KERNEL=$k (log: $log)"
	$MAKE --no-print-directory test-vm KERNEL="$k" B="$B" 2>&1 | tee "$log" || rc=$?
	took=$(printf '%dm%02ds' $(((SECONDS - t0) / 60)) $(((SECONDS - t0) % 60)))
	now=$(digest_objects)
	kver=$(sed -n 's/^KVER := //p' "$B/kernel/env-$k.mk" 2>/dev/null)
	guest=$(sed -n 's/^ *# objects-sha256 \([0-9a-f]*\).*/\1/p' "$log" | tail -n 1)
	note=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [[ -n $before && $now != "$before" ]]; then
		note+="; BPF objects were rebuilt for this kernel"
		((rc)) || rc=1
	fi
	host=$(sha256sum <"$B/vmtests/objects.sha256" 2>/dev/null | cut -d' ' -f1)
	if [[ -z $guest ]]; then
		note+="; no objects digest from the guest (t_objects.sh)"
		((rc)) || rc=1
	elif [[ $guest != "$host" ]]; then
		note+="; the guest verified other objects than the host built"
		((rc)) || rc=1
	fi
	before=$now seen=${guest:-$seen}
	if ((rc == 0)); then
		summary+=("$(printf 'ok      %8s  %-7s %s  %s' "$took" "$k" "$kver" "$note")")
	else
		summary+=("$(printf 'FAILED  %8s  %-7s %s  %s' "$took" "$k" "$kver" "$note")")
		failed+=("$k")
	fi
done

echo "== matrix: summary (objects $before, guest digest ${seen:-none})"
printf '   %s\n' "${summary[@]}"
if ((${#failed[@]})); then
	echo "== matrix: FAILED on: ${failed[*]}" >&2
	exit 1
fi
echo "== matrix: passed on ${kernels[*]}"
