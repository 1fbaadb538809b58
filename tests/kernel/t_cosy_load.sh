#!/bin/sh
# cosy-load, every command and the errors users meet, and tracing with
# bpftool: run_cnt, the cosy_stats map, tracelog of a COSY_TRACE build.
set -u
n=0
fail() { echo "# FAIL: $*"; exit 1; }
ok() { n=$((n + 1)); echo "ok $n $*"; }
# expect STATUS CMD...: run CMD, keep its stdout/stderr in _out/_err
expect() {
	want=$1; shift
	"$@" >_out 2>_err
	got=$?
	[ "$got" = "$want" ] || { cat _out _err; fail "'$*' exited $got, expected $want"; }
}
has() { grep -q -- "$2" "$1" || { cat "$1"; fail "$1 lacks '$2'"; }; }
. "$COSY_TESTS_DIR/lib.sh"

B=$COSY_BPF_DIR
cleanup() { cosy-load unload cp >/dev/null 2>&1; cosy-load unload cpt >/dev/null 2>&1; }
cleanup
# A failed check must not leave pins that hold the module for later tests.
trap cleanup EXIT

# load / list / show
expect 0 cosy-load load "$B/cp.bpf.o"
has _out "cp: 2 entries"
[ -e /sys/fs/bpf/cosy/cp/cp ] && [ -e /sys/fs/bpf/cosy/cp/cosy_stats ] || fail "pins missing"
ok "load pins programs and stats under /sys/fs/bpf/cosy/cp"
expect 1 cosy-load load "$B/cp.bpf.o"
has _err "already pinned as 'cp'"
ok "load of a taken name fails and says what to do"
expect 0 cosy-load -j list
has _out '"name":"cp"'
has _out '"entry":"cp"'
ok "list -j"
expect 0 cosy-load show cp
has _out "kfuncs:.*cosy_session_begin"
has _out "kfuncs:.*cosy_read"
ok "show lists the kfuncs the compound calls"

# run from the shell, with BPF stats on so bpftool shows run_cnt
sysctl -w kernel.bpf_stats_enabled=1 >/dev/null
head -c 300000 /dev/urandom > in
expect 0 cosy-load run cp src_off=str:in dst_off=str:out buf_off=0 chunk=4096 mode=0644
cmp in out || fail "cosy-load run cp: copy differs"
has _out "copied = 300000"
ok "run cp with str: arguments copies the file"
expect 0 cosy-load -j run cp src_off=str:in dst_off=str:out2 buf_off=0 chunk=65536 mode=0600
has _out '"retval":0'
has _out '"bytes_read":300000'
cmp in out2 || fail "second copy differs"
ok "run -j reports retval, args and guard counters"
expect 1 cosy-load run cp src_off=str:missing dst_off=str:o3 buf_off=0 chunk=4096 mode=0600
has _err "No such file or directory"
has _out "first failure: open"
ok "run of a failing compound exits 1 with the errno and the failing step"
expect 2 cosy-load run cp nosuchfield=1
has _err "no field 'nosuchfield'"
expect 2 cosy-load run cp chunk=banana
has _err "not an integer"
expect 2 cosy-load run cp chunk=99999999999
has _err "does not fit"
ok "run argument errors are usage errors"
expect 1 cosy-load -t 10000 -c 3 run cp src_off=str:in dst_off=str:o4 buf_off=0 chunk=16 mode=0600
has _out "stopped: calls budget"
ok "budgets from the command line stop the run"

id=$(bpftool -j prog show pinned /sys/fs/bpf/cosy/cp/cp | sed 's/.*"id":\([0-9]*\).*/\1/')
cnt=$(bpftool prog show id "$id" | sed -n 's/.*run_cnt \([0-9]*\).*/\1/p')
[ "${cnt:-0}" -ge 4 ] || { bpftool prog show id "$id"; fail "run_cnt $cnt < 4"; }
ok "bpftool prog show: run_cnt $cnt after the runs"
bpftool map dump pinned /sys/fs/bpf/cosy/cp/cosy_stats > _out || fail "map dump"
has _out '"runs": 4'
has _out '"bytes_written": 600000'
ok "bpftool map dump shows the guard totals"

# Where str: and file: values land (cosy-load(8), SEGMENT LAYOUT): from the
# segment's end (cp's is 1 MiB) down, 8-aligned, in the order given.
printf 'in\0' >srcname
expect 0 cosy-load run cp src_off=file:srcname dst_off=str:out6 buf_off=0 chunk=4096 mode=0644
has _out "src_off = 1048568"
has _out "dst_off = 1048560"
cmp in out6 || fail "copy with a file: path differs"
ok "file: and str: values go below the segment's end, 8-aligned, in order"

# tracing build.  The verifier turns the bpf_trace_printk trace event on
# for a program that calls bpf_trace_printk(), but from a workqueue, a
# moment after the load: a run before that prints nothing.  So wait for
# the event (bounded, 60 s), as a user must when the first trace build is
# loaded after boot.
expect 0 cosy-load load "$B/cp_trace.bpf.o" name cpt
tracefs=/sys/kernel/tracing
[ -e $tracefs/trace ] || tracefs=/sys/kernel/debug/tracing
event=$tracefs/events/bpf_trace/bpf_trace_printk/enable
i=0
until [ "$(cat $event)" = 1 ]; do
	i=$((i + 1))
	[ $i -le 600 ] || fail "$event still $(cat $event) 60 s after loading a compound that calls bpf_trace_printk()"
	sleep 0.1
done
expect 0 cosy-load run cpt src_off=str:in dst_off=str:o5 buf_off=0 chunk=4096 mode=0600
# The run is over, so its line is in the trace buffer (checked first, in
# the trace file, which does not consume).  tracelog streams trace_pipe
# until it is stopped, and writes its stdout (a file) in 4 KiB blocks or at
# exit: stop it once it has printed the line, not after a fixed time.
# bpftool prints all that one read of trace_pipe returned before it reads
# again, so it has once a read that began after the line was consumed has
# returned: wait until the line has left the trace file, write a marker,
# and wait until the marker has left it too.  Each wait is bounded (60 s).
line="cosy: cp: 300000 bytes copied, err 0"
gone() {	# gone TEXT: TEXT has left the trace buffer (60 s at most)
	i=0
	while grep -q "$1" $tracefs/trace; do
		i=$((i + 1))
		[ $i -le 600 ] || return 1
		sleep 0.1
	done
}
grep -q "$line" $tracefs/trace || { cat $tracefs/trace; fail "the run's trace line is not in $tracefs/trace"; }
bpftool prog tracelog >trace 2>trace.err &
tl=$!
gone "$line" && echo "cosy-test: tracelog marker" >$tracefs/trace_marker && gone "cosy-test: tracelog marker"
read_rc=$?
kill $tl 2>/dev/null
wait $tl
[ $read_rc = 0 ] || { cat trace.err; fail "bpftool prog tracelog did not read the trace buffer in 60 s"; }
has trace "$line"
ok "bpftool prog tracelog shows the COSY_TRACE build's lines"

# verify
expect 0 cosy-load verify "$B/probe.bpf.o"
has _out "verified"
expect 1 cosy-load verify "$B/hostile/no_session_end.bpf.o"
has _err "no_session_end.bpf.c:[0-9]*:[0-9]*: error: the session begun at line [0-9]* is not ended"
has _err "no_session_end.bpf.c:[0-9]*:[0-9]*: note: the verifier rejects entry 'no_session_end': \(Unreleased reference\|.*would lead to reference leak\)"
ok "verify names the rejected line: $(head -n1 _err)"
expect 1 cosy-load -j verify "$B/hostile/no_session_end.bpf.o"
has _out '"source_line":'
has _out '"hint":"the session begun at line'
has _out '"error":"Unreleased reference'
ok "verify -j"
# load (as root) of what the verifier refuses: its reason, never "needs
# CAP_BPF" (the verifier answers EACCES too)
expect 1 cosy-load load "$B/hostile/no_session_end.bpf.o" name refused
has _err "verifier rejected it: \(Unreleased reference\|.*would lead to reference leak\)"
grep -q "CAP_BPF" _err && { cat _err; fail "a verifier rejection reported as a capability problem"; }
ok "load as root names the verifier's reason: $(grep verifier _err | head -n1 | cut -c1-90)"

# The first loop anyone writes (a C loop bounded by an argument): the
# verifier gives up after 8193 jumps, at the end of a log of megabytes
# that libbpf hands over as one message; load still says why.
expect 1 cosy-load load "$B/hostile/loop_unbounded.bpf.o" name toocomplex
has _err "verifier rejected it: The sequence of 8193 jumps is too complex"
ok "load of a too complex loop names the reason"

# unload, and what users meet next
expect 0 cosy-load unload cp
expect 0 cosy-load unload cpt
[ ! -e /sys/fs/bpf/cosy/cp ] || fail "pin dir left behind"
expect 1 cosy-load show cp
has _err "no compound is pinned as 'cp'"
expect 1 cosy-load -j run cp
has _out '"error":"no compound is pinned as'
ok "a name not pinned: clear error, JSON error document"
expect 1 cosy-load verify /nonexistent.bpf.o
expect 2 cosy-load frobnicate
has _err "unknown command"
expect 2 cosy-load load
ok "bad commands are usage errors"

# a user without CAP_BPF
grep -q '^nobody:' /etc/passwd 2>/dev/null || {
	mkdir -p /etc
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd
	echo 'nobody:x:65534:' >>/etc/group
}
chmod 755 .
su -p -s /bin/sh nobody -c "cosy-load load $B/cp.bpf.o name asuser" >_out 2>_err
[ $? = 1 ] || { cat _out _err; fail "load as nobody did not exit 1"; }
has _err "needs CAP_BPF"
ok "load without CAP_BPF says it needs CAP_BPF: $(head -n1 _err | cut -c1-90)"

# the module missing: the programs loaded above hold it a while after they
# are unpinned or closed (lib.sh)
cosy_wait_unused || fail "the module is still held after every compound was unloaded"
rmmod cosy || fail "rmmod refused with /sys/module/cosy/refcnt 0"
expect 1 cosy-load load "$B/cp.bpf.o"
has _err "cosy module is not loaded"
ok "load without the module says to load it"
insmod /cosy/kmod/cosy.ko || fail "insmod"
echo "# $n checks passed"
