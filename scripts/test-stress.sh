#!/usr/bin/env bash
# test-stress.sh [CMD...]: run the whole test suite (`make test`, or CMD)
# STRESS_RUNS times in a row while busy loops keep every CPU of the machine
# loaded, and fail if any run fails.  A test that depends on timing (a fixed
# sleep, a race with a pipe's reader, an asynchronous release in the kernel)
# fails here sooner or later: the guest's CPUs get half of what they get on
# an idle machine, and the host's tools are descheduled at random points.
#
# Environment: STRESS_RUNS (5), STRESS_HOGS (busy loops: one per CPU),
# B (build dir: logs go to $B/stress/run.N.log), MAKE (make).
# Prints one line per run (PASS/FAIL, duration, load average at its end)
# and a summary; exit status 0 only if every run passed.
set -euo pipefail

die() { echo "test-stress: error: $*" >&2; exit 1; }

runs=${STRESS_RUNS:-5}
hogs=${STRESS_HOGS:-$(nproc)}
B=${B:-build}
MAKE=${MAKE:-make}
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "STRESS_RUNS='$runs': expected a positive count"
[[ $hogs =~ ^[0-9]+$ ]] || die "STRESS_HOGS='$hogs': expected a count"
command -v setsid >/dev/null || die "setsid not found (util-linux)"
if (($#)); then
	cmd=("$@")
else
	cmd=("$MAKE" --no-print-directory test B="$B")
fi
logs=$B/stress
mkdir -p "$logs"
rm -f "$logs"/run.*.log

# ---- the load ----------------------------------------------------------------
# Each hog is a shell busy loop that also checks, a few times a second,
# that this script is still alive: the trap below ends them, and they end
# themselves should this script die without running it (SIGKILL).
hog_pids=() run_pid=
hog() {
	# shellcheck disable=SC2016 # expanded by the hog's shell
	bash -c 'while kill -0 "$1" 2>/dev/null; do
		i=0; while ((i < 50000)); do i=$((i + 1)); done
	done' hog "$$" </dev/null >/dev/null 2>&1 &
	hog_pids+=($!)
}
# shellcheck disable=SC2317 # called from the trap
cleanup() {
	# The run is a session of its own (setsid): end all of it (make,
	# vm.sh, qemu...).  Then the hogs, by their ids.
	if [[ -n $run_pid ]]; then
		kill -TERM -- "-$run_pid" 2>/dev/null || true
		wait "$run_pid" 2>/dev/null || true
	fi
	if ((${#hog_pids[@]})); then
		kill -TERM "${hog_pids[@]}" 2>/dev/null || true
		wait "${hog_pids[@]}" 2>/dev/null || true
	fi
	return 0
}
trap cleanup EXIT
trap 'echo "test-stress: interrupted" >&2; exit 130' INT TERM HUP

read -r load _ </proc/loadavg
for ((h = 0; h < hogs; h++)); do hog; done
echo "test-stress: $runs run(s) of '${cmd[*]}' with $hogs busy loop(s) on $(nproc) CPU(s)" \
	"(load before: $load); logs in $logs/"

# ---- the runs ------------------------------------------------------------------
fmt() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
pass=0 fail=0 times=()
for ((r = 1; r <= runs; r++)); do
	log=$logs/run.$r.log
	t0=$SECONDS
	# A session of its own, so that the trap can end the whole run (a
	# background job is no process group leader: setsid does not fork,
	# and $! is the session's id).
	setsid "${cmd[@]}" </dev/null >"$log" 2>&1 &
	run_pid=$!
	rc=0
	wait "$run_pid" || rc=$?
	run_pid=
	dt=$((SECONDS - t0))
	times+=("$dt")
	read -r load _ </proc/loadavg
	if ((rc == 0)); then
		pass=$((pass + 1))
		printf 'run %d/%d: PASS  %s  (load %s)\n' "$r" "$runs" "$(fmt "$dt")" "$load"
	else
		fail=$((fail + 1))
		printf 'run %d/%d: FAIL  %s  (load %s, exit status %d, %s)\n' \
			"$r" "$runs" "$(fmt "$dt")" "$load" "$rc" "$log"
		# What failed: the suites' FAIL lines, else the end of the log.
		if grep -q 'FAIL' "$log"; then
			grep 'FAIL' "$log" | head -n 20 | sed 's/^/    /'
		else
			tail -n 10 "$log" | sed 's/^/    /'
		fi
	fi
done

min=${times[0]} max=${times[0]} sum=0
for t in "${times[@]}"; do
	((t < min)) && min=$t
	((t > max)) && max=$t
	sum=$((sum + t))
done
echo "test-stress: $pass passed, $fail failed of $runs run(s) under load;" \
	"time per run min $(fmt "$min"), mean $(fmt $((sum / runs))), max $(fmt "$max")"
((fail == 0))
