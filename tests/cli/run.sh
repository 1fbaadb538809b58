#!/usr/bin/env bash
# Golden transcripts for cosy-load: each tests/cli/*.t holds commands with
# the exact stdout (">"), stderr ("!") and exit status ("?") they must give,
# side by side.  They run on the host: nothing here needs the kernel (pins
# go to an empty COSY_PIN_ROOT; $SRC and $B name the tree and the build,
# bpfcc builds a compound object).  Also checks that `cosy-load help` is the
# SYNOPSIS of docs/cosy-load.8.rst, word for word.
#
# Commands run under pipefail, so a pipeline's status is its writer's too:
# never pipe into a reader that stops early (head, sed 1q, grep -q), or the
# writer's status is 141 (SIGPIPE) whenever the reader wins the race.  Give
# the whole output with "!" and ">" lines instead.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: run.sh BUILD_BIN_DIR}
bin=$(cd "$bin" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export COSY_PIN_ROOT=$tmp/pins PATH=$bin:$PATH
# For transcripts: the tree and the build (objects, libcosy, vmlinux.h).
export SRC=$(cd "$here/../.." && pwd) B=$(cd "$bin/.." && pwd)
pass=0 fail=0

# bpfcc OUT SRC [CFLAGS...]: build a compound object as bpf/build.mk does.
bpfcc() {
	local out=$1 src=$2
	shift 2
	${CLANG:-clang} -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wall -Werror \
		-I"$B/bpf" -I"$SRC/include" -I"$SRC/bpf" "$@" -c "$src" -o "$out"
}

check() {	# name cmd want_out want_err want_status
	local got_out got_err got_status
	got_out=$(cd "$tmp" && eval "$2" 2>"$tmp/stderr"; echo "?$?")
	got_status=${got_out##*\?}
	got_out=${got_out%\?*}
	got_out=${got_out%$'\n'}
	got_err=$(cat "$tmp/stderr")
	if [[ "$got_out" == "$3" && "$got_err" == "$4" && "$got_status" == "$5" ]]; then
		pass=$((pass + 1))
		return
	fi
	fail=$((fail + 1))
	echo "FAIL $1: \$ $2"
	[[ "$got_status" == "$5" ]] || echo "  exit status $got_status, expected $5"
	[[ "$got_out" == "$3" ]] || diff <(printf '%s' "$3") <(printf '%s' "$got_out") | sed 's/^/  stdout /'
	[[ "$got_err" == "$4" ]] || diff <(printf '%s' "$4") <(printf '%s' "$got_err") | sed 's/^/  stderr /'
}

for t in "$here"/*.t; do
	name=$(basename "$t" .t) cmd= out= err= status= n=0
	flush() {
		[[ -n $cmd ]] && check "$name#$n" "$cmd" "$out" "$err" "${status:-0}"
		cmd= out= err= status=
	}
	while IFS= read -r line || [[ -n $line ]]; do
		case $line in
		'$ '*) flush; n=$((n + 1)); cmd=${line#\$ } ;;
		'>'*) l=${line#>}; l=${l# }; out+=${out:+$'\n'}$l ;;
		'!'*) l=${line#!}; l=${l# }; err+=${err:+$'\n'}$l ;;
		'? '*) status=${line#? } ;;
		esac
	done <"$t"
	flush
done

# help == the man page's synopsis
syn=$(sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$here/../../docs/cosy-load.8.rst" | sed -n 's/^    //p')
check "help-is-synopsis" "cosy-load help" "$syn" "" 0

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
