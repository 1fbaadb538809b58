#!/bin/sh
# cosy-cc's host tests, found, not listed:
#
#   lower/*.c    golden tests of the lowering.  Expected lines sit next to the
#                input, in comments:
#                  // BPF: TEXT    a line of the generated NAME.bpf.c holds TEXT
#                  // HOST: TEXT   a line of the rewritten source holds TEXT
#                  // INFO: TEXT   a line of `cosy-cc -v` holds TEXT
#                  // NOT-BPF: TEXT  no line of NAME.bpf.c holds TEXT
#                BPF/HOST/INFO lines match in order (as FileCheck's CHECK).
#                Each case must also compile (the compound with -Werror).
#   reject/*.c   one refused construct per file; the comment
#                  // EXPECT: FILE:LINE:COL: error: MESSAGE
#                is the first line cosy-cc must print, and it must exit 1;
#                  // ONCE: TEXT
#                a line cosy-cc must print exactly once.
#   guest/*.c    the guest test programs, run here on the host: without
#                cosy.ko every region falls back, and the output must be the
#                plain cc build's.
#
# usage: tests/compiler/run.sh BUILD_DIR [CASE-GLOB]
# Prints one line per failure and "N passed, N failed"; exits 1 on failure.
set -u
B=${1:?usage: run.sh BUILD_DIR [GLOB]}
GLOB=${2:-*}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
B=$(cd "$B" && pwd)
CC_COSY=$B/bin/cosy-cc
T=$(mktemp -d "${TMPDIR:-/tmp}/cosycc-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0 failed=0

bad() {
	failed=$((failed + 1))
	echo "FAIL $1: $2"
	[ -n "${3:-}" ] && [ -f "$3" ] && sed 's/^/    | /' "$3" | head -n 20
	return 0
}

# check_lines KIND FILE CASE: every "// KIND: text" of CASE in FILE, in order
check_lines() {
	kind=$1 file=$2 case=$3
	grep -o "// $kind: .*" "$case" | sed "s|^// $kind: ||" >"$T/want" || true
	[ -s "$T/want" ] || return 0
	# the rewritten source holds the case's own comments: never a match
	awk -v wantf="$T/want" -v self="// $kind: " '
		BEGIN { n = 0; while ((getline l < wantf) > 0) want[n++] = l; i = 0 }
		i < n && index($0, want[i]) && !index($0, self) { i++ }
		END { if (i < n) { print want[i]; exit 1 } }' "$file" >"$T/missing" && return 0
	bad "${case#"$HERE"/}" "no $kind line with: $(cat "$T/missing")" "$file"
	return 1
}

check_absent() {
	kind=$1 file=$2 case=$3
	grep -o "// NOT-$kind: .*" "$case" | sed "s|^// NOT-$kind: ||" | while IFS= read -r text; do
		if grep -qF -- "$text" "$file"; then
			echo "$text"
		fi
	done >"$T/present"
	[ -s "$T/present" ] || return 0
	bad "${case#"$HERE"/}" "$kind holds what it must not: $(head -n 1 "$T/present")"
	return 1
}

# --- golden lowering -----------------------------------------------------------
for c in "$HERE"/lower/$GLOB.c; do
	[ -f "$c" ] || continue
	name=${c#"$HERE"/}
	rm -rf "$T/gen" && mkdir -p "$T/gen"
	if ! (cd "$HERE/lower" && COSY_CC_BPF_CFLAGS=-Werror "$CC_COSY" -v -c -O2 -Wall -Werror \
		-I"$ROOT/include" --emit-bpf "$T/gen" -o "$T/gen/out.o" "${c##*/}") \
		>"$T/log" 2>&1; then
		bad "$name" "cosy-cc failed" "$T/log"
		continue
	fi
	bpf=$(ls "$T"/gen/*.bpf.c 2>/dev/null | head -n 1)
	host=$(ls "$T"/gen/*.host.c 2>/dev/null | head -n 1)
	if [ -z "$bpf" ] || [ -z "$host" ]; then
		bad "$name" "no generated sources" "$T/log"
		continue
	fi
	# the expectations themselves are copied into the generated files: not them
	cat "$T"/gen/*.bpf.c | grep -v '// \(NOT-\)\?\(BPF\|HOST\|INFO\):' >"$T/all.bpf.c"
	grep -v '// \(NOT-\)\?\(BPF\|HOST\|INFO\):' "$host" >"$T/host.c"
	host=$T/host.c
	check_lines BPF "$T/all.bpf.c" "$c" && check_lines HOST "$host" "$c" &&
		check_lines INFO "$T/log" "$c" && check_absent BPF "$T/all.bpf.c" "$c" &&
		pass=$((pass + 1))
done

# --- refusals --------------------------------------------------------------------
# once_ok CASE: each "// ONCE: TEXT" of CASE is in exactly one line of $T/log
once_ok() {
	grep -o '// ONCE: .*' "$1" | sed 's|^// ONCE: ||' | while IFS= read -r text; do
		[ "$(grep -cF -- "$text" "$T/log")" = 1 ] || exit 1
	done
}

for c in "$HERE"/reject/$GLOB.c; do
	[ -f "$c" ] || continue
	name=${c#"$HERE"/}
	want=$(grep -o '// EXPECT: .*' "$c" | sed 's|^// EXPECT: ||')
	if [ -z "$want" ]; then
		bad "$name" "no // EXPECT: line"
		continue
	fi
	(cd "$HERE/reject" && "$CC_COSY" -c -I"$ROOT/include" -o "$T/out.o" "${c##*/}") \
		>"$T/log" 2>&1
	rc=$?
	got=$(head -n 1 "$T/log")
	if [ "$rc" != 1 ]; then
		bad "$name" "exit status $rc, expected 1" "$T/log"
	elif [ "$got" != "$want" ]; then
		bad "$name" "first line differs:
    want: $want
    got:  $got"
	elif [ -e "$T/out.o" ]; then
		bad "$name" "an object was written despite the error"
	elif ! once_ok "$c"; then
		bad "$name" "a // ONCE: line is not printed exactly once" "$T/log"
	else
		pass=$((pass + 1))
	fi
	rm -f "$T/out.o"
done

# --- the driver: behaves as cc ------------------------------------------------------
# check NAME COMMAND...: one passed or failed check, the command's output kept
check() {
	name=$1; shift
	if "$@" >"$T/log" 2>&1; then
		pass=$((pass + 1))
	else
		bad "driver: $name" "failed: $*" "$T/log"
	fi
}
if [ "$GLOB" = "*" ]; then
	D=$HERE/driver
	mkdir -p "$T/drv" && cd "$T/drv" || exit 1
	check "-c per file, then link the objects" sh -c "
		'$CC_COSY' -c -O2 -Wall -Werror -I'$ROOT/include' '$D/sum.c' '$D/count.c' &&
		'$CC_COSY' -c -O2 -Wall -Werror -I'$ROOT/include' '$D/main.c' -o main.o &&
		test -f sum.o && test -f count.o && test -f main.o &&
		'$CC_COSY' -o prog main.o sum.o count.o && ./prog > out &&
		grep -qx '4950 1' out && grep -qx 'last path: user' out"
	# Without cosy.ko the region says so before any load: loading to find
	# out made libbpf parse the kernel's BTF, ~45 ms in every process.
	if [ ! -e /sys/kernel/btf/cosy ] && [ -e /sys/kernel/btf/vmlinux ]; then
		check "without the module, a region falls back at once, saying why" sh -c "
			COSY_VERBOSE=1 ./prog 2>err >/dev/null &&
			grep -q 'runs in user space: the cosy module is not loaded' err"
	fi
	check "one command compiles and links three files" sh -c "
		'$CC_COSY' -O2 -I'$ROOT/include' -o prog2 '$D/main.c' '$D/sum.c' '$D/count.c' &&
		./prog2 | grep -qx '4950 1'"
	check "-D reaches libclang and the host compiler alike" sh -c "
		'$CC_COSY' -DTWICE -I'$ROOT/include' -o prog3 '$D/main.c' '$D/sum.c' '$D/count.c' &&
		./prog3 | grep -qx '9900 1'"
	check "the plain cc build of the same sources agrees" sh -c "
		cc -I'$ROOT/include' -o plain '$D/main.c' '$D/sum.c' '$D/count.c' &&
		./plain | grep -qx '4950 1'"
	check "-E preprocesses only, regions untouched" sh -c "
		'$CC_COSY' -E -I'$ROOT/include' '$D/sum.c' > sum.i && grep -q 'cosy_region_sum' sum.i &&
		! grep -q 'cosy_rgn_enter' sum.i"
	check "--emit-bpf keeps the compounds and the host source" sh -c "
		'$CC_COSY' -c -I'$ROOT/include' --emit-bpf gen '$D/count.c' &&
		test -f gen/count.bpf.c && test -f gen/count.bpf.o && test -f gen/count.host.c &&
		file gen/count.bpf.o | grep -q 'eBPF'"
	# -w quiets the program's own expressions in the compound too
	cat >selfcmp.c <<'EOF_SELFCMP'
#include <cosy/cosy.h>
long selfcmp(long n)
{
	long k = 0;

	COSY_START(selfcmp)
	k = n == n;
	COSY_END()
	return k;
}
EOF_SELFCMP
	check "-w reaches the compound's compile; without it, its warning shows" sh -c "
		'$CC_COSY' -c -Wall -I'$ROOT/include' selfcmp.c 2>warn.log &&
		grep -q 'self-comparison' warn.log &&
		'$CC_COSY' -c -w -I'$ROOT/include' selfcmp.c 2>nowarn.log && ! test -s nowarn.log"
	# region names are unique per file: another file's 'count' has its own compound
	cat >count2.c <<'EOF_COUNT2'
#include <cosy/cosy.h>
long count_down(long n)
{
	long k = 0;

	COSY_START(count)
	while (n-- > 0)
		k += 3;
	COSY_END()
	return k;
}
EOF_COUNT2
	check "two files' regions of one name keep apart compounds" sh -c "
		'$CC_COSY' -c -I'$ROOT/include' --emit-bpf gen2 '$D/count.c' count2.c &&
		grep -q 'gen2/count.bpf.o' gen2/count.host.c &&
		grep -q 'gen2/count-2.bpf.o' gen2/count2.host.c &&
		grep -q 'k += 3' gen2/count-2.bpf.c && ! grep -q 'k += 3' gen2/count.bpf.c"
	# the runtime attaches to the pin of this name: it must stand for the object
	cat >fnv.c <<'EOF_FNV'
#include <stdio.h>
int main(void)
{
	unsigned long long h = 0xcbf29ce484222325ull;
	long n = 0;
	int c;

	while ((c = getchar()) != EOF) {
		h = (h ^ (unsigned char)c) * 0x100000001b3ull;
		n++;
	}
	printf("cc-count-%lx-%016llx\n", n, h);
	return 0;
}
EOF_FNV
	check "the cache name is the object's size and FNV-1a hash" sh -c "
		cc -o fnv fnv.c && ./fnv < gen/count.bpf.o > want &&
		grep -qF \"\$(cat want)\" gen/count.host.c"
	check "-v shows the steps" sh -c "
		'$CC_COSY' -v -c -I'$ROOT/include' '$D/count.c' 2>&1 |
		grep -q 'cosy-cc: run: clang -g -O2 -target bpf -mcpu=v2 -D__TARGET_ARCH_x86'"
	check "a parse error is clang's, with exit status 1" sh -c "
		'$CC_COSY' -c '$D/broken.c'; test \$? = 1 &&
		'$CC_COSY' -c '$D/broken.c' 2>&1 | grep -q \"broken.c:2:22: error: use of undeclared identifier 'undeclared_name'\""
	# gcc only warns about an undeclared function; clang 16+ refuse it: say why
	cat >strict.c <<'EOF_STRICT'
#include <string.h>
int has_ab(const char *b, unsigned long n)
{
	return memmem(b, n, "ab", 2) != 0;
}
EOF_STRICT
	check "-std=c11 hiding memmem: clang's error and a note on _GNU_SOURCE" sh -c "
		'$CC_COSY' -std=c11 -c strict.c 2>&1; test \$? = 1 &&
		'$CC_COSY' -std=c11 -c strict.c 2>&1 | grep -q \"undeclared function 'memmem'\" &&
		'$CC_COSY' -std=c11 -c strict.c 2>&1 | grep -q 'note: .*define _GNU_SOURCE' &&
		'$CC_COSY' -std=c11 -D_GNU_SOURCE -c strict.c"
	cat >nohdr.c <<'EOF_NOHDR'
#define _GNU_SOURCE
#include <unistd.h>
long entries(int dfd, char *b, unsigned long n)
{
	return getdents64(dfd, b, n);
}
EOF_NOHDR
	check "getdents64 without <dirent.h>: the note names the header" sh -c "
		'$CC_COSY' -c nohdr.c 2>&1 | grep -q 'note: .*getdents64() in <dirent.h>.*#include <dirent.h>'"
	printf '#include <stdio.h>\nint main(void) { return puts(cosy_region_path_str(1)); }\n' >nortn.c
	check "cosy_region_path_str without <cosy_region.h>: the note names it" sh -c "
		'$CC_COSY' -c nortn.c 2>&1 | grep -q 'note: cosy_region_path_str() is .*<cosy_region.h>'"
	# a region in a header of the program's: refused where it is, not run as plain C unsaid
	cat >inhdr.h <<'EOF_INHDR'
#include <unistd.h>
#include <cosy/cosy.h>
static inline long one_read(int fd, char *b)
{
	long n;

	COSY_START(hdr)
	n = read(fd, b, 1);
	COSY_END()
	return n;
}
EOF_INHDR
	printf '#include "inhdr.h"\nint main(void) { char c; return (int)one_read(0, &c); }\n' >inhdr.c
	check "a region in an included header: an error at its line there" sh -c "
		'$CC_COSY' -I'$ROOT/include' -c inhdr.c 2>err.txt; test \$? = 1 &&
		grep -q \"inhdr.h:7:2: error: region 'hdr' is in an included file\" err.txt"
	check "-MMD names the original source, not the rewritten copy" sh -c "
		'$CC_COSY' -c -MMD -I'$ROOT/include' '$D/count.c' -o dep.o && test -f dep.d &&
		grep -q '$D/count.c' dep.d && ! grep -q 'cosy-cc\.' dep.d"
	check "two builds of one program: the same object and binary (one pin)" sh -c "
		'$CC_COSY' -c -O2 -I'$ROOT/include' '$D/count.c' -o rep1.o && '$CC_COSY' -c -O2 -I'$ROOT/include' '$D/count.c' -o rep2.o &&
		cmp -s rep1.o rep2.o"
	check "--help, --version, no argument" sh -c "
		'$CC_COSY' --help | grep -q 'usage: cosy-cc' && '$CC_COSY' --version | grep -q 'libclang' &&
		{ '$CC_COSY' 2>/dev/null; test \$? = 2; }"
	cd "$HERE" || exit 1
fi

# --- the guest programs on the host: every region falls back ----------------------
if [ "$GLOB" = "*" ]; then
	for c in "$HERE"/guest/*.c; do
		[ -f "$c" ] || continue
		p=${c##*/}
		p=${p%.c}
		name="guest/$p (host fallback)"
		std=	# as compiler/build.mk's COSYCC_GUEST_STD_NAME
		[ "$p" = assert_strict ] && std="-std=c11 -D_POSIX_C_SOURCE=200809L"
		# shellcheck disable=SC2086 # $std is words
		if ! "$CC_COSY" -O2 -Wall -Wextra -Werror $std -I"$ROOT/include" -o "$T/$p" "$c" >"$T/log" 2>&1 ||
			! cc -O2 -Wall -Wextra -Werror $std -I"$ROOT/include" -o "$T/$p.plain" "$c" >>"$T/log" 2>&1; then
			bad "$name" "does not build" "$T/log"
			continue
		fi
		mkdir -p "$T/d1" "$T/d2"
		case $p in
		cp) head -c 70000 /dev/urandom >"$T/in"; a1="$T/in $T/d1/out"; a2="$T/in $T/d2/out" ;;
		loophelp) a1="$T/input.txt $T/input.txt" a2=$a1 ;;
		linecount | numcat) a1="$T/input.txt $T/nope $T/input.txt" a2=$a1 ;;
		dotdot) mkdir -p "$T/dd/sub"; printf x >"$T/dd/f"; a1="$T/dd .. f sub/../f nope" a2=$a1 ;;
		wordfreq | strings | nlc) a1=$T/input.txt a2=$a1 ;;
		nlw) a1="5 $T/input.txt" a2=$a1 ;;
		paste | comm) a1="$T/input.txt $T/input.txt" a2=$a1 ;;
		fdtab) a1="$T/input.txt $T/d1/o1 $T/d1/o2" a2="$T/input.txt $T/d2/o1 $T/d2/o2" ;;
		spin) a1=5000 a2=5000 ;;
		stdin) a1='' a2='' ;;
		procread) a1="a bc" a2="a bc" ;;
		argstr) a1="$T/input.txt o" a2="$T/input.txt o" ;;
		table) printf 12345 >"$T/a"; a1=$T a2=$T ;;
		catargs) a1="$T/input.txt $T/nope $T/input.txt" a2=$a1 ;;
		report) a1="$T/input.txt $T/nope $T $T/input.txt" a2=$a1 ;;
		printf) a1="$T $T/input.txt $T/nope" a2=$a1 ;;
		tails) a1="ret $T/input.txt $T/d1/out" a2="ret $T/input.txt $T/d2/out" ;;
		tails_on) a1="goto $T/input.txt" a2=$a1 ;;
		strcopy) mkdir -p "$T/sc"; printf abc >"$T/sc/f"; a1=$T/sc a2=$T/sc ;;
		dirlist) mkdir -p "$T/dl/sub"; printf abc >"$T/dl/f"; a1="$T/dl $T/nope $T/input.txt" a2=$a1 ;;
		filetype) a1="$T $T/input.txt $T/nope /dev/null" a2=$a1 ;;
		showlines) a1="fox $T/input.txt $T/nope $T/input.txt" a2=$a1 ;;
		optfile) a1='' a2='' ;;
		cutsel) a1="1,3,10- $T/input.txt $T/nope" a2=$a1 ;;
		fold) a1="7 $T/input.txt" a2=$a1 ;;
		numfmt) a1=-1 a2=-1 ;;
		numparse) a1="0 $T/input.txt" a2=$a1 ;;
		strtok) a1="16 $T/input.txt" a2=$a1 ;;
		argnum) a1="12x 0z" a2=$a1 ;;
		errmsg) a1="$T/input.txt $T $T/input.txt" a2=$a1 ;;
		extents) a1=$T/input.txt a2=$a1 ;;
		outparam) a1="apart $T/input.txt $T/nope $T" a2=$a1 ;;
		bigfmt) a1=5000 a2=5000 ;;
		mixout) a1="$T/input.txt 80" a2=$a1 ;;
		stdinmix) a1=two a2=two ;;
		getchar) a1="2 x" a2=$a1 ;;
		fgets) a1="300 2 x" a2=$a1 ;;
		fread) a1="7 3 10 x" a2=$a1 ;;
		tac) a1=$T/input.txt a2=$a1 ;;
		fopen) a1="l 300 fox $T/input.txt $T/nope $T" a2=$a1 ;;
		fwrite) a1="c 1 $T/d1/out $T/input.txt $T/nope" a2="c 1 $T/d2/out $T/input.txt $T/nope" ;;
		fwclose) a1="$T/d1/out $T/input.txt" a2="$T/d2/out $T/input.txt" ;;
		fwmany) a1="$T/d1/out $T/input.txt" a2="$T/d2/out $T/input.txt" ;;
		rot13) a1="$T/input.txt $T/d1/out" a2="$T/input.txt $T/d2/out" ;;
		perrno) a1="$T/input.txt $T/nope" a2=$a1 ;;
		fgrep) a1="fox $T/input.txt $T/nope $T/input.txt" a2=$a1 ;;
		longscan) a1=2 a2=2 ;;
		manyfds) mkdir -p "$T/mf"; for i in 0 1 2; do printf $i >"$T/mf/f$i"; done; a1="3 $T/mf" a2=$a1 ;;
		lentdir) mkdir -p "$T/ld/sub"; printf abc >"$T/ld/f"; a1="1 2 $T/ld $T/nope" a2=$a1 ;;
		wc | tokens | helpers | hexput) a1=$T/input.txt a2=$T/input.txt ;;
		ctype) a1="$T/input.txt $T/d1/out" a2="$T/input.txt $T/d2/out" ;;
		assert) a1="$T/d1 100" a2="$T/d2 100" ;;
		assert_strict) a1="$T/input.txt 100" a2="$T/input.txt 100" ;;
		*) a1=$T/d1 a2=$T/d2 ;;
		esac
		echo "the quick brown fox jumps over the lazy dog" >"$T/input.txt"
		# shellcheck disable=SC2086 # the arguments are words
		COSY_MODE=auto "$T/$p" $a1 <"$T/input.txt" >"$T/o1" 2>"$T/e1"
		r1=$?
		# shellcheck disable=SC2086
		"$T/$p.plain" $a2 <"$T/input.txt" >"$T/o2" 2>"$T/e2"
		r2=$?
		if [ "$r1" != "$r2" ] || ! cmp -s "$T/o1" "$T/o2"; then
			diff "$T/o1" "$T/o2" >"$T/diff"
			bad "$name" "output or status ($r1, $r2) differs from plain cc" "$T/diff"
		elif grep -q ': kernel$\|^path=kernel' "$T/e1"; then
			bad "$name" "a region claims to have run in the kernel on the host"
		elif [ "$p" = cp ] && ! cmp -s "$T/in" "$T/d1/out"; then
			bad "$name" "the fallback copy differs"
		else
			pass=$((pass + 1))
		fi
		# COSY_MODE=kernel must refuse loudly where the compound cannot run
		# shellcheck disable=SC2086
		COSY_MODE=kernel "$T/$p" $a1 <"$T/input.txt" >/dev/null 2>"$T/e3"
		r3=$?
		if [ "$r3" != 4 ] || ! grep -q "cannot run in the kernel" "$T/e3"; then
			bad "$name: COSY_MODE=kernel" "exit $r3, expected 4 and a reason" "$T/e3"
		else
			pass=$((pass + 1))
		fi
		rm -rf "$T/d1" "$T/d2"
	done
fi

echo "$pass passed, $failed failed"
[ "$failed" = 0 ]
