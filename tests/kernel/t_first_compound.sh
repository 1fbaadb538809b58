#!/bin/sh
# README.md's "Your first compound", end to end: tests/kernel/first_compound.sh
# built its files on the host with the README's own commands, against a
# staged `make install`; here the README's commands run (run.sh, taken
# from the README too) and what they print is checked against what the
# README shows.  The application is dynamically linked: it runs only if
# the guest has libcosy.so.0.
set -u
n=0
fail() { echo "# FAIL: $*"; exit 1; }
ok() { n=$((n + 1)); echo "ok $n $*"; }
has() { grep -q -- "$2" "$1" || { sed 's/^/# /' "$1"; fail "$1 lacks '$2'"; }; }

D=$COSY_TESTS_DIR/first
[ -f "$D/.built" ] || fail "$D/.built missing: tests/kernel/first_compound.sh did not run"
cp "$D"/linecount "$D"/*.bpf.o "$D"/run.sh .
cleanup() { cosy-load unload linecount >/dev/null 2>&1; }
cleanup
trap cleanup EXIT

grep -q 'libcosy\.so\.0' linecount || fail "linecount does not name libcosy.so.0"
[ -e /cosy/lib/libcosy.so.0 ] || fail "the guest has no libcosy.so.0"
ok "the application is dynamically linked and the guest has libcosy.so.0"

sh -e -x run.sh >out 2>&1
rc=$?
sed 's/^/# /' out
[ "$rc" = 0 ] || fail "the README's commands failed (exit status $rc)"
ok "every command of the section ran"

has out "linecount: 1 entry"
has out "lines = 1000"
has out "failed = -1"
ok "cosy-load verify, load and run"

has out "^      3 three$"
has out "^   1000 thousand$"
has out "^   1003 total$"
has out "^(1 crossing into the kernel, [0-9]* kfunc calls)$"
has out "linecount: nope: No such file or directory"
has out "exit status 1"
ok "the application counts what wc -l counts and reports a missing file"

has out "cosy: linecount: 2 files, 1003 lines, err 0"
has out "run_cnt 1"
has out '"runs": 1'
has out '"failures": 0'
ok "bpftool shows the trace line, the run count and the totals"

# The section's deliberate mistake: the verifier names the line.
cosy-load verify linecount_broken.bpf.o >vout 2>&1
[ $? = 1 ] || { sed 's/^/# /' vout; fail "verify of the compound without its NULL check did not fail"; }
sed 's/^/# /' vout
has vout "linecount.bpf.c:[0-9]*:[0-9]*: error: cosy_begin() returns NULL"
has vout "note: the verifier rejects entry 'linecount': "
ok "cosy-load verify names the line of the missing NULL check"
echo "# $n checks passed"
