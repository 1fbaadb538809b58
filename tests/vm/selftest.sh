#!/usr/bin/env bash
# Self-test of vm.sh/init without the cosy module: builds a scratch build dir
# under /tmp with trivial guest tests and checks results and exit statuses.
# Boots about six VMs, ~30 s in total.
set -uo pipefail

VM=$(cd "$(dirname "$0")" && pwd)/vm.sh
B=$(mktemp -d /tmp/cosy-vm-selftest.XXXXXX)
trap 'rm -rf "$B"' EXIT
failures=0
check() { # check DESCRIPTION COMMAND...
	if "${@:2}"; then echo "ok    $1"; else echo "FAIL  $1"; failures=$((failures + 1)); fi
}

mkdir -p "$B/vmtests"
t() { printf '#!/bin/sh\n%s\n' "$2" >"$B/vmtests/$1" && chmod +x "$B/vmtests/$1"; }
# shellcheck disable=SC2016 # expanded in the guest
t a_pass 'echo "in $(pwd)"; [ -z "$(ls /work)" ]'
t b_skip 'exit 77'
t c_fail 'echo failing >&2; exit 3'
t d_warn 'echo "WARNING: x" >/dev/kmsg'
t d_hung 'echo "INFO: task x:1 blocked for more than 60 seconds." >/dev/kmsg'
echo 'not a test' >"$B/vmtests/e_data"

out=$(COSY_VM_NO_MODULE=1 "$VM" test --build "$B" 2>&1)
rc=$?
check "test: exit 1 with failures" [ $rc = 1 ]
check "test: summary line" grep -qx '1 passed, 3 failed, 1 skipped' <<<"$out"
check "test: pass line" grep -q '^PASS  a_pass' <<<"$out"
check "test: skip line" grep -q '^SKIP  b_skip' <<<"$out"
check "test: exit status failure" grep -q '^FAIL  c_fail' <<<"$out"
check "test: dmesg WARNING trips" grep -q '^FAIL  d_warn.*WARNING: x' <<<"$out"
check "test: dmesg hung task trips" grep -q '^FAIL  d_hung.*blocked for more than' <<<"$out"

out=$(COSY_VM_NO_MODULE=1 "$VM" test --build "$B" --filter 'a*' 2>&1)
check "test --filter: exit 0" [ $? = 0 ]
check "test --filter: one test" grep -qx '1 passed, 0 failed, 0 skipped' <<<"$out"

out=$("$VM" test --build "$B" 2>&1)
check "test without module: exit 1" [ $? = 1 ]
check "test without module: fatal" grep -q 'fatal: no cosy module' <<<"$out"

echo 'hello file' >"$B/f.txt"
out=$("$VM" run --build "$B" --files "$(command -v bpftool || echo /usr/sbin/bpftool) $B/f.txt" \
	--cmd './bpftool version && cat f.txt && exit 42' 2>/dev/null)
check "run: exit status propagates" [ $? = 42 ]
check "run: dynamic --files binary works" grep -q 'bpftool v' <<<"$out"
check "run: plain file copied" grep -qx 'hello file' <<<"$out"

"$VM" run --build "$B" --cmd 'echo c >/proc/sysrq-trigger' >/dev/null 2>&1
check "run: kernel panic gives 125" [ $? = 125 ]

"$VM" run --build "$B" >/dev/null 2>&1
check "usage error gives 2" [ $? = 2 ]

echo "$failures failure(s)"
[ $failures = 0 ]
