#!/bin/sh
# cosy-load verify on the hostile objects (bpf/hostile/) that hold a single
# program: a __failure one must exit 1 and name the rejected source line
# (FILE.bpf.c:LINE:COL: error: ..., then the verifier's words in a
# "note:" line naming the entry), or, when libbpf or libcosy refuse the
# object before the verifier sees it, say so in one "Error:" line; a
# __success one must exit 0.  Objects and outcomes come from the tags, via
# `t_verifier --list`.  Objects of several SEC("?syscall") programs are
# t_verifier's alone: cosy-load verify loads whole objects.
set -u
n=0 bad=0 lines=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
not_ok() { n=$((n + 1)); bad=$((bad + 1)); echo "not ok $n $*"; sed 's/^/#   /' _err; }

tv=${COSY_TESTS_DIR:-$(dirname "$0")}/t_verifier
"$tv" --list >_list 2>_err || { cat _err; echo "# t_verifier --list failed"; exit 1; }
[ -s _list ] || { echo "# no hostile objects in ${COSY_BPF_DIR:-.}/hostile"; exit 1; }

# OBJECT_PATH NPROGS PROGRAM OUTCOME
while read -r obj nprogs prog outcome; do
	[ "$nprogs" = 1 ] || continue
	file=${obj##*/}
	src=${file%.o}.c
	cosy-load verify "$obj" >_out 2>_err
	rc=$?
	case $outcome in
	success)
		if [ $rc = 0 ] && grep -q "verified" _out; then
			ok "$file: verified"
		else
			not_ok "$file: a __success program, verify exited $rc"
		fi
		;;
	failure)
		if [ $rc != 1 ]; then
			not_ok "$file: a __failure program, verify exited $rc, expected 1"
		elif grep -q "^[^ ]*/$src:[0-9][0-9]*:[0-9][0-9]*: error: " _err &&
		     grep -q ": note: the verifier rejects entry '$prog': " _err; then
			lines=$((lines + 1))
			ok "$file: $(head -n 1 _err | sed 's|^.*/||')"
		elif grep -q "^Error: $obj: " _err && ! grep -q "verifier" _err; then
			ok "$file: refused before the verifier: $(head -n 1 _err | cut -c1-100)"
		elif grep -q "^$obj: error: ; " _err; then
			# The "reason" is a source line of the log: the log outgrew
			# what libcosy keeps (64 KiB, loader/load.c) and lost its end,
			# where the verifier says why.
			not_ok "$file: verify lost the reason (a log longer than libcosy keeps)"
		else
			not_ok "$file: verify neither named a source line nor said why"
		fi
		;;
	*)
		not_ok "$file: program '$prog' is $outcome"
		;;
	esac
done <_list

if [ "$lines" -ge 5 ]; then
	ok "$lines objects rejected with their source line"
else
	: >_err
	not_ok "only $lines objects rejected with their source line, want at least 5"
fi

# An object of SEC("?syscall") programs only: libbpf loads none of them by
# default, so there was nothing to verify; cosy-load verify must not say
# "verified".
multi=$(awk '$2 > 1 { print $1; exit }' _list)
if [ -n "$multi" ]; then
	cosy-load verify "$multi" >_out 2>_err
	if grep -q "verified" _out; then
		cat _out >>_err
		not_ok "verify of ${multi##*/} (only ?syscall programs, none loaded) says verified"
	else
		ok "verify of ${multi##*/} does not claim programs it did not load"
	fi
fi
echo "# $n checks, $bad failed"
[ "$bad" = 0 ]
