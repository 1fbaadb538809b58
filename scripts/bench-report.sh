#!/usr/bin/env bash
# bench-report.sh GUEST_OUTPUT OUTDIR: turn the BENCH-JSON lines of a bench
# run into OUTDIR/results.json (one document), OUTDIR/summary.txt (the table,
# with each cosy method's speedup over every baseline = baseline median /
# cosy median) and one PNG per workload (gnuplot: median with min..max).
set -euo pipefail
in=$1 out=$2
mkdir -p "$out"
rc=$(sed -n 's/^BENCH-RC //p' "$in" | tail -n1)
if [[ ${rc:-1} != 0 ]]; then
	echo "bench-report: the guest run failed (status ${rc:-unknown}): see $in" >&2
	exit 1
fi
env=$(sed -n 's/^BENCH-ENV //p' "$in" | tail -n1)
mapfile -t docs < <(sed -n 's/^BENCH-JSON //p' "$in")
[[ ${#docs[@]} -gt 0 ]] || { echo "bench-report: no results in $in" >&2; exit 1; }

{
	printf '{"date":"%s","machine":"%s","guest":%s,"note":"QEMU TCG guest: emulated, compare ratios only","workloads":[' \
		"$(date -u +%FT%TZ)" "$(nproc) cpu $(uname -m) host, kernel $(uname -r)" "${env:-null}"
	(IFS=,; printf '%s' "${docs[*]}")
	printf ']}\n'
} > "$out/results.json"

# One row per method: workload method result syscalls kfunc_calls min median max
rows=$(printf '%s\n' "${docs[@]}" | awk '
{
	w = $0; sub(/.*"workload":"/, "", w); sub(/".*/, "", w)
	n = split($0, parts, /\{"method":"/)
	for (i = 2; i <= n; i++) {
		p = parts[i]; m = p; sub(/".*/, "", m)
		printf "%s %s", w, m
		split("result syscalls kfunc_calls min_ms median_ms max_ms", keys, " ")
		for (k = 1; k <= 6; k++) {
			v = p; sub(".*\"" keys[k] "\":", "", v); sub(/[,}].*/, "", v)
			printf " %s", v
		}
		printf "\n"
	}
}')
# For scripts/bench-matrix.sh: the same rows, kernel first.
kver=$(sed -n 's/.*"kernel":"\([^"]*\)".*/\1/p' <<<"$env")
awk -v k="${kver:-unknown}" '{ print k, $0 }' <<<"$rows" > "$out/rows.txt"

{
	echo "cosy benchmarks, $(date -u +%F), QEMU TCG guest (emulated): compare ratios, not times"
	[[ -n $env ]] && echo "guest: $env"
	printf '\n%-9s %-10s %11s %10s %10s %10s %11s  %s\n' workload method median_ms min_ms max_ms \
		syscalls kfunc_calls "cosy speedup vs this (baseline/cosy median)"
	awk '
	{ w[NR] = $1; m[NR] = $2; med[NR] = $7; row[NR] = $0
	  if ($2 ~ /^cosy/) { cm[$1, $2] = $7; cosys[$1] = cosys[$1] " " $2 } }
	END {
		for (i = 1; i <= NR; i++) {
			split(row[i], f, " ")
			s = ""
			if (m[i] !~ /^cosy/) {
				n = split(cosys[w[i]], c, " ")
				for (k = 1; k <= n; k++)
					s = s sprintf("%s %.2fx  ", c[k], med[i] / cm[w[i], c[k]])
			}
			printf "%-9s %-10s %11.3f %10.3f %10.3f %10s %11s  %s\n", f[1], f[2], f[7], f[6], f[8],
			       f[4] == "null" ? "n/a" : f[4], f[5], s
		}
	}' <<<"$rows"
} | tee "$out/summary.txt"

if command -v gnuplot >/dev/null; then
	for w in $(awk '{print $1}' <<<"$rows" | uniq); do
		awk -v w="$w" '$1 == w { print $2, $7, $6, $8 }' <<<"$rows" > "$out/$w.dat"
		gnuplot <<-GP
		set terminal pngcairo size 720,420 font ",10"
		set output "$out/$w.png"
		set title "cosy: $w (median, min..max; QEMU TCG guest, ratios only)"
		set ylabel "ms per run"
		set yrange [0:*]
		set style fill solid 0.6 border -1
		set boxwidth 0.6
		set xtics nomirror
		set grid ytics
		unset key
		plot "$out/$w.dat" using 0:2:xtic(1) with boxes lc rgb "#4472c4", \
		     "" using 0:2:3:4 with yerrorbars lc rgb "black" pt 0
		GP
	done
	echo "plots: $out/*.png"
else
	echo "bench-report: gnuplot not installed: no plots" >&2
fi
echo "results: $out/results.json"
