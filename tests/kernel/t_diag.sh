#!/bin/sh
# The catalogue of typical mistakes (tests/diag/*.bpf.c), on this kernel:
# each object must be refused, and both cosy-load verify and libcosy (via
# cosy-load load) must name the mistake as the source's "expect:" line
# says (a glob), at the line marked HERE when the source has one.  The
# verifier's own words differ from kernel to kernel; these must not.
set -u
n=0 bad=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
not_ok() { n=$((n + 1)); bad=$((bad + 1)); echo "not ok $n $*"; sed 's/^/#   /' _err; }

D=${COSY_TESTS_DIR:-$(dirname "$0")}/diag
set -- "$D"/*.bpf.o
[ -e "$1" ] || { echo "# no objects in $D"; exit 1; }
[ $# -ge 15 ] || { echo "# only $# mistakes in the catalogue, want at least 15"; exit 1; }

for obj; do
	src=${obj%.o}.c
	name=${obj##*/}
	name=${name%.bpf.o}
	expect=$(sed -n 's/^ \* expect: //p' "$src")
	here=$(grep -nF '/* HERE' "$src" | cut -d: -f1)
	[ -n "$expect" ] || { : >_err; not_ok "$name: no expect: line"; continue; }

	cosy-load verify "$obj" >_out 2>_err
	rc=$?
	first=$(head -n 1 _err)
	if [ $rc != 1 ]; then
		not_ok "$name: verify exited $rc, expected 1"
		continue
	fi
	# shellcheck disable=SC2254 # expect is a glob on purpose
	case $first in
	*$expect*) ;;
	*) not_ok "$name: verify does not say '$expect'"; continue ;;
	esac
	if [ -n "$here" ]; then
		case $first in
		*/$name.bpf.c:$here:*) ;;
		*) not_ok "$name: verify does not name line $here"; continue ;;
		esac
	fi
	ok "$name: $(echo "$first" | sed 's|^[^ ]*/||' | cut -c1-150)"

	cosy-load load "$obj" name diag_$name >_out 2>_err
	rc=$?
	cosy-load unload diag_$name >/dev/null 2>&1
	msg=$(cat _err)
	if [ $rc = 0 ]; then
		not_ok "$name: cosy-load load accepted it"
		continue
	fi
	case $msg in
	*$expect*) ;;
	*) not_ok "$name: libcosy's message does not say '$expect'"; continue ;;
	esac
	if [ -n "$here" ]; then
		case $msg in
		*/$name.bpf.c:$here:*) ;;
		*) not_ok "$name: libcosy's message does not name line $here"; continue ;;
		esac
	fi
	ok "$name: libcosy says it too"
done
echo "# $n checks, $bad failed"
[ "$bad" = 0 ]
