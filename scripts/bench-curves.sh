#!/usr/bin/env bash
# bench-curves.sh GUEST_OUTPUT OUTDIR: the growth curves of a `make
# bench-curves` run (BENCH-JSON lines labelled WORKLOAD@N): OUTDIR/curves.txt
# (per workload and size, each method's median and the loop's and
# io_uring's time over cosy's), the break-even size per workload (from
# which N on cosy beats the loop, and io_uring, at every size measured),
# OUTDIR/curves.json, and one log-log plot per workload (WORKLOAD.png).
set -euo pipefail
in=$1 out=$2
bench_tool=bench-curves
# shellcheck source=scripts/bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
mkdir -p "$out"
bench_check_rc "$in"
env=$(bench_env "$in")
mapfile -t docs < <(sed -n 's/^BENCH-JSON \({"workload":"[^"@]*@[0-9]*"\)/\1/p' "$in")
[[ ${#docs[@]} -gt 0 ]] || { echo "bench-curves: no curve results in $in" >&2; exit 1; }
bench_wrap "$(printf '"date":"%s","guest":%s,"note":"QEMU TCG guest: emulated, compare ratios only"' \
	"$(date -u +%FT%TZ)" "${env:-null}")" points "${docs[@]}" > "$out/curves.json"

# workload n method median_ms min_ms max_ms (the label WORKLOAD@N split)
rows=$(printf '%s\n' "${docs[@]}" | bench_rows median_ms min_ms max_ms | sed 's/^\([^@ ]*\)@\([0-9]*\) /\1 \2 /')

{
	echo "cosy growth curves, $(date -u +%F), QEMU TCG guest (emulated): compare ratios, not times"
	[[ -n $env ]] && echo "guest: $env"
	awk '
	{ key = $1 SUBSEP $2; med[key, $3] = $4
	  if (!($1 in seen)) { seen[$1] = 1; ws[++nw] = $1 }
	  if (!(key in seenn)) { seenn[key] = 1; ns[$1, ++nn[$1]] = $2 } }
	function breakeven(w, b,    i, k, from, lo, hi, dl, dh, t, x) {
		# the smallest measured N from which cosy is faster at every larger N
		from = ""
		for (i = nn[w]; i >= 1; i--) {
			k = w SUBSEP ns[w, i]
			if (!(med[k, b] > 0 && med[k, "cosy"] > 0))
				continue
			if (med[k, "cosy"] < med[k, b])
				from = ns[w, i]
			else
				break
		}
		if (from == "")
			return "never, at the sizes measured"
		if (from == ns[w, 1])
			return "at every size measured (from " from ")"
		# where the two curves cross, interpolated in log-log between the
		# last size cosy lost at and the first it won from
		for (i = 2; i <= nn[w]; i++)
			if (ns[w, i] == from)
				break
		lo = w SUBSEP ns[w, i - 1]; hi = w SUBSEP from
		dl = log(med[lo, b] / med[lo, "cosy"]); dh = log(med[hi, b] / med[hi, "cosy"])
		t = (dh - dl) != 0 ? -dl / (dh - dl) : 0
		x = exp(log(ns[w, i - 1]) + t * (log(from) - log(ns[w, i - 1])))
		return sprintf("from N = %s (the curves cross near N = %.3g)", from, x)
	}
	END {
		unit["burst"] = "calls"; unit["cat-many"] = "files"; unit["ls-l"] = "entries"
		unit["cp"] = "bytes"
		for (i = 1; i <= nw; i++) {
			w = ws[i]
			printf "\n%s (N = %s; median ms)\n", w, unit[w]
			printf "%12s %11s %11s %11s %11s %10s %10s\n", "N", "cosy", "loop", "uring",
			       "floor", "loop/cosy", "uring/cosy"
			for (j = 1; j <= nn[w]; j++) {
				k = w SUBSEP ns[w, j]; c = med[k, "cosy"]
				fl = med[k, "floor"] > 0 ? sprintf("%.3f", med[k, "floor"]) : "-"
				rl = c > 0 ? med[k, "loop"] / c : 0
				ru = c > 0 ? med[k, "uring"] / c : 0
				printf "%12s %11.3f %11.3f %11.3f %11s %9.2fx %9.2fx\n", ns[w, j], c,
				       med[k, "loop"], med[k, "uring"], fl, rl, ru
			}
			printf "break-even: cosy beats the loop %s; io_uring %s\n", breakeven(w, "loop"),
			       breakeven(w, "uring")
		}
	}' <<<"$rows"
} | tee "$out/curves.txt"

if command -v gnuplot >/dev/null; then
	for w in $(awk '{ print $1 }' <<<"$rows" | uniq); do
		for m in cosy loop uring floor; do
			awk -v w="$w" -v m="$m" '$1 == w && $3 == m { print $2, $4 }' <<<"$rows" \
				> "$out/$w.$m.dat"
		done
		# a method that did not run (no floor module) has no line
		plot=()
		for m in "cosy:#4472c4:cosy" "loop:#a5a5a5:syscall loop" "uring:#5b9bd5:io_uring" \
			"floor:#70ad47:floor (plain kernel C)"; do
			IFS=: read -r name color title <<<"$m"
			[[ -s $out/$w.$name.dat ]] &&
				plot+=("\"$out/$w.$name.dat\" using 1:2 with linespoints lw 2 lc rgb \"$color\" title \"$title\"")
		done
		gnuplot <<-GP
		set terminal pngcairo size 720,460 font ",10" noenhanced
		set output "$out/$w.png"
		set title "cosy: $w, median time against size (log-log; QEMU TCG guest, ratios only)"
		set logscale xy
		set xlabel "N"
		set ylabel "ms per run"
		set grid
		set key top left
		plot $(IFS=,; echo "${plot[*]}")
		GP
		rm -f "$out/$w".*.dat
	done
	echo "plots: $out/*.png"
else
	echo "bench-curves: gnuplot not installed: no plots" >&2
fi
echo "results: $out/curves.json"
