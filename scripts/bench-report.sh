#!/usr/bin/env bash
# bench-report.sh GUEST_OUTPUT OUTDIR: turn the BENCH-JSON lines of a bench
# run into OUTDIR/results.json (one document), OUTDIR/summary.txt (the table,
# with the speedup of each cosy method and of cc over every baseline =
# baseline median / its median; then cc against the hand-written cosy
# compound and against plain, the same C built by cc) and one PNG per
# workload (gnuplot: median with min..max).
set -euo pipefail
in=$1 out=$2
bench_tool=bench-report
# shellcheck source=scripts/bench-lib.sh
. "$(dirname "$0")/bench-lib.sh"
mkdir -p "$out"
bench_check_rc "$in"
env=$(bench_env "$in")
mapfile -t docs < <(sed -n 's/^BENCH-JSON //p' "$in")
[[ ${#docs[@]} -gt 0 ]] || { echo "bench-report: no results in $in" >&2; exit 1; }
bench_wrap "$(printf '"date":"%s","machine":"%s","guest":%s,"note":"QEMU TCG guest: emulated, compare ratios only"' \
	"$(date -u +%FT%TZ)" "$(nproc) cpu $(uname -m) host, kernel $(uname -r)" "${env:-null}")" \
	workloads "${docs[@]}" > "$out/results.json"

# One row per method: workload method result syscalls kfunc_calls min median max punts
rows=$(printf '%s\n' "${docs[@]}" | bench_rows result syscalls kfunc_calls min_ms median_ms max_ms punts)
# For scripts/bench-matrix.sh: the same rows, kernel first.
# jget KEY: a string value of the guest's BENCH-ENV line.
jget() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$env"; }
kver=$(jget kernel)
awk -v k="${kver:-unknown}" '{ print k, $0 }' <<<"$rows" > "$out/rows.txt"

{
	echo "cosy benchmarks, $(date -u +%F), QEMU TCG guest (emulated): compare ratios, not times"
	[[ -n $env ]] && echo "guest: $env"
	# Where the data was and how cold (runs before FS= and CACHE= had tmpfs, warm).
	fs=$(jget fs) cache=$(jget cache)
	case ${fs:-tmpfs} in
	ext4) echo "data: ext4 on $(jget dev) (virtio-blk, $(jget mount_opts)), ${cache:-warm} caches" ;;
	*) echo "data: ${fs:-tmpfs} (in memory), ${cache:-warm} caches" ;;
	esac
	[[ $cache != cold ]] || echo "cold: sync + drop_caches before every timed run (cosy-bench -C)"
	if printf '%s\n' "${docs[@]}" | grep -q '"order":"apart"'; then
		echo "order: three groups one after the other, each interleaved within itself: in-process methods, io_uring, methods that start processes (gnu, cc, plain, proc*)"
	fi
	printf '\n%-9s %-10s %11s %10s %10s %10s %11s %7s  %s\n' workload method median_ms min_ms max_ms \
		syscalls kfunc_calls punts "speedup of cosy and cc vs this (this median / theirs)"
	# cosy*: hand-written compounds (but cosy-nop and cosy-guard, parts of
	# burst taken apart); cc: cosy-cc's build of examples/cc's C.
	# A cosy row shows nothing, cc's row cosy's speedup over it, any
	# other row (a baseline, plain included) both.
	awk '
	{ w[NR] = $1; m[NR] = $2; med[NR] = $7; row[NR] = $0
	  if (($2 ~ /^cosy/ && $2 !~ /^cosy-(nop|guard)$/) || $2 == "cc") {
		cm[$1, $2] = $7; comps[$1] = comps[$1] " " $2 } }
	END {
		for (i = 1; i <= NR; i++) {
			split(row[i], f, " ")
			s = ""
			if (m[i] !~ /^cosy/) {
				n = split(comps[w[i]], c, " ")
				for (k = 1; k <= n; k++)
					if (c[k] != m[i] && cm[w[i], c[k]] > 0)
						s = s sprintf("%s %.2fx  ", c[k], med[i] / cm[w[i], c[k]])
			}
			printf "%-9s %-10s %11.3f %10.3f %10.3f %10s %11s %7s  %s\n", f[1], f[2], f[7], f[6],
			       f[8], f[4] == "null" ? "n/a" : f[4], f[5] == "null" ? "n/a" : f[5],
			       f[9] == "null" ? "-" : f[9], s
		}
	}' <<<"$rows"
	# io_uring as its authors would run it: each variant and depth of the
	# sweep (cosy-bench without -U), the one kept for the table, and how
	# many requests each run handed to io-wq workers.
	printf '%s\n' "${docs[@]}" | awk '
	/"uring":\{"cfg":/ {
		w = $0; sub(/.*"workload":"/, "", w); sub(/".*/, "", w)
		u = $0; sub(/.*"uring":\{"cfg":"/, "", u); kept = u; sub(/".*/, "", kept)
		sub(/\]\}.*/, "", u)
		n = split(u, e, /\{"cfg":"/)
		if (n < 2)
			next
		if (!hdr++) {
			printf "\nio_uring swept (basic: plain fds and buffers, waves; tuned: registered\n"
			printf "files or direct descriptors and buffers, SINGLE_ISSUER|DEFER_TASKRUN,\n"
			printf "rolling window; depth = requests in flight): median ms of 3 runs, and\n"
			printf "io-wq punts per run (requests io_uring could not complete inline)\n"
		}
		line = sprintf("%-9s", w)
		for (i = 2; i <= n; i++) {
			c = e[i]; sub(/".*/, "", c)
			ms = e[i]; sub(/.*"median_ms":/, "", ms); sub(/,.*/, "", ms)
			pu = e[i]; sub(/.*"punts":/, "", pu); sub(/[,}].*/, "", pu)
			line = line sprintf("  %s%s %.2f/%s", c == kept ? "*" : "", c, ms, pu == "null" ? "-" : pu)
		}
		print line "  (* kept)"
	}'
	# Whole programs (du, pack): each started and waited for, exec to exit,
	# with the compound pinned (proc: attach only) or verified in the
	# process (proc-verify); their plain build (proc-loop) and the GNU tool;
	# and the work alone inside one process (cosy, loop: load excluded).
	awk '
	{ med[$1, $2] = $7; if (!($1 in seen)) { seen[$1] = 1; ws[++nw] = $1 } }
	END {
		for (i = 1; i <= nw; i++)
			if (med[ws[i], "proc"] > 0 || med[ws[i], "proc-verify"] > 0)
				has = 1
		if (!has)
			exit
		printf "\nwhole programs, exec to exit (median ms): the compound pinned (proc) or\n"
		printf "verified in the process (proc-verify), the same program'"'"'s plain code\n"
		printf "(proc-loop), the GNU tool; then the work alone in one process, load\n"
		printf "excluded (cosy, loop); x = the plain program'"'"'s time / cosy'"'"'s\n"
		printf "%-9s %9s %9s %11s %9s %9s %9s   %-10s %-10s %-10s\n", "workload", "proc",
		       "proc-loop", "proc-verify", "gnu", "cosy", "loop", "vs plain", "vs gnu", "walk only"
		for (i = 1; i <= nw; i++) {
			w = ws[i]; p = med[w, "proc"]; pv = med[w, "proc-verify"]
			if (p <= 0 && pv <= 0)
				continue
			pl = med[w, "proc-loop"]; g = med[w, "gnu"]; c = med[w, "cosy"]; l = med[w, "loop"]
			a = p > 0 && pl > 0 ? sprintf("%.2fx", pl / p) : "-"
			b = p > 0 && g > 0 ? sprintf("%.2fx", g / p) : "-"
			d = c > 0 && l > 0 ? sprintf("%.2fx", l / c) : "-"
			printf "%-9s %9.1f %9.1f %11.1f %9.1f %9.1f %9.1f   %-10s %-10s %-10s\n", w, p, pl,
			       pv, g, c, l, a, b, d
		}
	}' <<<"$rows"
	# The region cosy-cc compiled from plain C, per workload: its time against
	# the hand-written compound's (within 10 %?) and its speedup over the
	# same C built by cc (faster?).
	awk '
	{ med[$1, $2] = $7; if (!($1 in seen)) { seen[$1] = 1; ws[++nw] = $1 } }
	END {
		for (i = 1; i <= nw; i++)
			if (med[ws[i], "cc"] > 0)
				has = 1
		if (!has)
			exit
		printf "\ncc (the workload as plain C, one region built by cosy-cc): its median against\n"
		printf "the hand-written compound (cc/cosy: within 10 %%?) and its speedup over the\n"
		printf "same C built by cc (plain/cc: faster?)\n"
		printf "%-9s %9s  %-13s %9s\n", "workload", "cc/cosy", "", "plain/cc"
		for (i = 1; i <= nw; i++) {
			w = ws[i]; cc = med[w, "cc"]; co = med[w, "cosy"]; pl = med[w, "plain"]
			if (cc <= 0)
				continue
			a = co > 0 ? sprintf("%8.2fx", cc / co) : sprintf("%9s", "-")
			va = co <= 0 ? "" : cc < co ? "faster" : cc / co <= 1.10 ? "within 10 %" : "over 10 %"
			b = pl > 0 ? sprintf("%8.2fx", pl / cc) : sprintf("%9s", "-")
			vb = pl <= 0 ? "" : pl > cc ? "faster" : "not faster"
			# a whole short process: the bar is to cost no more than 10 % over plain
			if (w == "startup" && pl > 0)
				vb = cc / pl <= 1.10 ? "within 10 % of plain" : "over 10 % of plain"
			printf "%-9s %s  %-13s %s  %s\n", w, a, va, b, vb
		}
	}' <<<"$rows"
	# The floor (tests/floor/cosy_floor.ko: the compound's VFS calls as
	# plain kernel C, one ioctl): how close each compound is to it, and
	# what it adds, split into a fixed cost per run (burst-1: one call)
	# and a cost per kfunc call (the rest, over the compound's calls).
	awk '
	{ med[$1, $2] = $7; mn[$1, $2] = $6; kc[$1, $2] = $5
	  if (!($1 in seen)) { seen[$1] = 1; ws[++nw] = $1 } }
	END {
		for (i = 1; i <= nw; i++)
			if (med[ws[i], "floor"] > 0 && med[ws[i], "cosy"] > 0)
				has = 1
		if (!has)
			exit
		fixed = 0
		if (med["burst-1", "floor"] > 0 && med["burst-1", "cosy"] > 0)
			fixed = med["burst-1", "cosy"] - med["burst-1", "floor"]
		printf "\nthe floor (the same VFS calls as plain kernel C, no BPF, no guard):\n"
		printf "efficiency = floor / cosy (1.0: cosy adds nothing; bar 0.9 on burst,\n"
		printf "cat-many, cp, grep-c); what cosy adds = fixed per run (burst-1: cosy - floor,\n"
		printf "%.3f ms) + per kfunc call (the rest / cosy'"'"'s kfunc calls); the same\n", fixed
		printf "efficiency from the fastest reps (min) shows how much is noise\n"
		printf "%-9s %10s %10s %10s  %-9s %12s %10s\n", "workload", "floor_ms", "cosy_ms",
		       "efficiency", "", "us/kfunc", "eff(min)"
		for (i = 1; i <= nw; i++) {
			w = ws[i]; fl = med[w, "floor"]; co = med[w, "cosy"]
			if (fl <= 0 || co <= 0)
				continue
			e = fl / co
			v = ""
			if (w ~ /^(burst|cat-many|cp|grep-c)$/)
				v = e >= 0.9 ? "bar met" : "under 0.9"
			per = "-"
			if (kc[w, "cosy"] > 0 && w != "burst-1")
				per = sprintf("%.3f", (co - fl - fixed) * 1000 / kc[w, "cosy"])
			em = mn[w, "cosy"] > 0 ? mn[w, "floor"] / mn[w, "cosy"] : 0
			printf "%-9s %10.3f %10.3f %9.2f   %-9s %12s %9.2f\n", w, fl, co, e, v, per, em
		}
		# burst taken apart (bpf/burst_parts.bpf.c), per call: the loop and
		# a kfunc call, the guard, then the read path over the floor'"'"'s read.
		n = kc["burst", "cosy"]; nop = med["burst", "cosy-nop"]; gd = med["burst", "cosy-guard"]
		if (n > 0 && nop > 0 && gd > 0 && med["burst", "floor"] > 0) {
			us = 1000 / n
			printf "\nburst per call, us (cosy %.3f = loop and kfunc call %.3f + guard %.3f +\n",
			       med["burst", "cosy"] * us, nop * us, (gd - nop) * us
			printf "read path %.3f, against the floor'"'"'s read %.3f)\n",
			       (med["burst", "cosy"] - gd) * us, med["burst", "floor"] * us
		}
	}' <<<"$rows"
} | tee "$out/summary.txt"

if command -v gnuplot >/dev/null; then
	# The plot to look at first: the hand-written compound's speedup over
	# each baseline per workload (log scale), and its efficiency against
	# the floor (bar 0.9).
	awk '
	{ med[$1, $2] = $7; if (!($1 in seen)) { seen[$1] = 1; ws[++nw] = $1 } }
	END {
		for (i = 1; i <= nw; i++) {
			w = ws[i]; co = med[w, "cosy"]
			if (co <= 0 || w == "burst-1")
				continue
			line = w
			n = split("loop uring gnu cfr", b, " ")
			# whole programs: processes against processes (the GNU tool is one)
			if (med[w, "proc"] > 0) {
				co = med[w, "proc"]
				med[w, "loop"] = med[w, "proc-loop"]
				line = w "(exec)"
			}
			for (k = 1; k <= n; k++)
				line = line " " (med[w, b[k]] > 0 ? med[w, b[k]] / co : "?")
			line = line " " (med[w, "floor"] > 0 ? med[w, "floor"] / co : "?")
			print line
		}
	}' <<<"$rows" > "$out/summary.dat"
	if [[ -s $out/summary.dat ]]; then
		gnuplot <<-GP
		set terminal pngcairo size 1000,420 font ",10" noenhanced
		set output "$out/summary.png"
		set datafile missing "?"
		set multiplot layout 1,2 title "cosy: $(sed -n 's/.*"kernel":"\([^"]*\)".*/\1/p' <<<"$env"), $(sed -n 's/.*"fs":"\([^"]*\)","cache":"\([^"]*\)".*/\1 \2/p' <<<"$env") (QEMU TCG guest: ratios only)"
		set style data histograms
		set style histogram clustered gap 1
		set style fill solid 0.7 border -1
		set grid ytics
		set xtics nomirror rotate by -30 offset -1,0
		set key top left
		set title "speedup of the compound over each baseline (baseline / cosy)"
		set logscale y 2
		plot "$out/summary.dat" using 2:xtic(1) title "read/write loop" lc rgb "#a5a5a5", \
		     "" using 3 title "io_uring" lc rgb "#5b9bd5", "" using 4 title "GNU tool" lc rgb "#ed7d31", \
		     "" using 5 title "copy_file_range" lc rgb "#70ad47", 1 with lines lc rgb "black" notitle
		unset logscale y
		set title "efficiency against the in-kernel floor (floor / cosy; bar 0.9)"
		set yrange [0:1.5]
		set key top right
		plot "$out/summary.dat" using 6:xtic(1) title "floor / cosy" lc rgb "#4472c4", \
		     0.9 with lines lc rgb "red" title "bar 0.9"
		unset multiplot
		GP
	fi
	for w in $(awk '{print $1}' <<<"$rows" | uniq); do
		awk -v w="$w" '$1 != w { next }
			{ c = 10855845 }		# grey: baselines
			$2 ~ /^cosy/ { c = 4485828 }	# blue: hand-written compounds
			$2 == "cc" { c = 15564081 }	# orange: cosy-cc build
			$2 == "plain" { c = 16036227 }	# light orange: its cc build
			$2 == "floor" { c = 3381555 }	# green: the in-kernel floor
			{ print $2, $7, $6, $8, c }' <<<"$rows" > "$out/$w.dat"
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
		plot "$out/$w.dat" using 0:2:5:xtic(1) with boxes lc rgb variable, \
		     "" using 0:2:3:4 with yerrorbars lc rgb "black" pt 0
		GP
	done
	echo "plots: $out/*.png"
else
	echo "bench-report: gnuplot not installed: no plots" >&2
fi
echo "results: $out/results.json"
