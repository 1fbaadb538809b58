#!/usr/bin/env bash
# bench-matrix.sh OUTDIR BENCHDIR...: one table of every kernel's bench run
# side by side (each BENCHDIR is a `make bench KERNEL=...` output with the
# rows.txt bench-report.sh writes).  Per workload and cosy method, the
# speedup over each baseline (baseline median / cosy median), one column
# per kernel.  Ratios only: the runs are TCG guests, each kernel's ratios
# measured within its own boot.  All runs must share one setup (FS and
# CACHE of make bench), which the heading names.  Writes OUTDIR/matrix.txt
# and prints it.
set -euo pipefail
(($# >= 2)) || { echo "usage: bench-matrix.sh OUTDIR BENCHDIR..." >&2; exit 2; }
out=$1
shift
mkdir -p "$out"
setups=()
for d in "$@"; do
	[[ -s $d/rows.txt ]] || { echo "bench-matrix: no $d/rows.txt (run make bench)" >&2; exit 1; }
	# runs from before make bench's FS= and CACHE= were on tmpfs, warm
	fs=$(sed -n 's/.*"fs":"\([^"]*\)".*/\1/p' "$d/results.json" 2>/dev/null)
	cache=$(sed -n 's/.*"cache":"\([^"]*\)".*/\1/p' "$d/results.json" 2>/dev/null)
	setups+=("data on ${fs:-tmpfs}, ${cache:-warm} caches")
done
mapfile -t setups < <(printf '%s\n' "${setups[@]}" | sort -u)
if ((${#setups[@]} > 1)); then
	echo "bench-matrix: the runs differ in setup: $(printf '%s; ' "${setups[@]}" | sed 's/; $//')" >&2
	exit 1
fi
{
	echo "cosy speedup (baseline median / cosy median) per kernel, ${setups[0]}, QEMU TCG guests: ratios only"
	cat "${@/%//rows.txt}" | awk '
	# kernel workload method result syscalls kfunc_calls min median max
	{
		k = $1; w = $2; m = $3
		if (!(k in seenk)) { seenk[k] = 1; ks[++nk] = k }
		key = w SUBSEP m
		if (!(key in seenwm)) { seenwm[key] = 1; wm[++nwm] = key }
		med[k, w, m] = $8
		if (m ~ /^cosy/ && !(key in isc)) { isc[key] = 1; cosm[w] = cosm[w] " " m }
	}
	END {
		printf "%-9s %-22s", "workload", "cosy method vs"
		for (i = 1; i <= nk; i++) printf " %24s", ks[i]
		printf "\n"
		for (j = 1; j <= nwm; j++) {
			split(wm[j], p, SUBSEP); w = p[1]; b = p[2]
			if (b ~ /^cosy/) continue
			n = split(cosm[w], c, " ")
			for (x = 1; x <= n; x++) {
				printf "%-9s %-22s", w, c[x] " vs " b
				for (i = 1; i <= nk; i++) {
					bm = med[ks[i], w, b]; cm = med[ks[i], w, c[x]]
					if (bm == "" || cm == "" || cm == 0) printf " %24s", "-"
					else printf " %23.2fx", bm / cm
				}
				printf "\n"
			}
		}
	}'
} | tee "$out/matrix.txt"
