# shellcheck shell=bash
# Shared by bench-report.sh and bench-curves.sh: reading a guest run's
# output (bench-guest.sh's BENCH-RC, BENCH-ENV and BENCH-JSON lines).
# Sourced; each function fails the caller's `set -e` script with a message
# naming the tool ($bench_tool) and the file.

# bench_check_rc FILE: the guest's exit status must be 0.
bench_check_rc() {
	local rc
	rc=$(sed -n 's/^BENCH-RC //p' "$1" | tail -n1)
	if [[ ${rc:-1} != 0 ]]; then
		echo "$bench_tool: the guest run failed (status ${rc:-unknown}): see $1" >&2
		return 1
	fi
}

# bench_env FILE: the guest's BENCH-ENV document (empty if none).
bench_env() {
	sed -n 's/^BENCH-ENV //p' "$1" | tail -n1
}

# bench_wrap HEAD KEY DOC...: one JSON document, HEAD's fields then KEY: [DOC,...].
bench_wrap() {
	local head=$1 key=$2
	shift 2
	printf '{%s,"%s":[' "$head" "$key"
	(IFS=,; printf '%s' "$*")
	printf ']}\n'
}

# bench_rows KEY... < DOCS: one line per method of each cosy-bench JSON
# document: workload method, then each KEY's value (null where a document
# has no such key: runs made before it existed).
bench_rows() {
	awk -v keys="$*" '
	{
		w = $0; sub(/.*"workload":"/, "", w); sub(/".*/, "", w)
		nk = split(keys, key, " ")
		n = split($0, parts, /\{"method":"/)
		for (i = 2; i <= n; i++) {
			p = parts[i]; m = p; sub(/".*/, "", m)
			printf "%s %s", w, m
			for (k = 1; k <= nk; k++) {
				v = "null"
				if (index(p, "\"" key[k] "\":")) {
					v = p; sub(".*\"" key[k] "\":", "", v); sub(/[,}].*/, "", v)
				}
				printf " %s", v
			}
			printf "\n"
		}
	}'
}
