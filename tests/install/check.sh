#!/bin/sh
# tests/install/check.sh: `make install` into a temporary DESTDIR with
# PREFIX=/usr, then check what landed there: the files, pkg-config, a
# program built and run against the installed libcosy, the manual pages,
# the DKMS tree, the library's exports, and `make uninstall`.
#
# Run from the repository root after `make all` (or `make lib bins bpf`).
# Environment: MAKE (default make), B (build directory, default build).
# Prints one line per check and a final "N passed, M failed"; exits 0 only
# if every check passed.
set -u

MAKE=${MAKE:-make}
B=${B:-build}
VERSION=0.1
PREFIX=/usr

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

if [ ! -f loader/libcosy.map ] || [ ! -f docs/build.mk ]; then
	echo "check.sh: run me from the cosy repository root" >&2
	exit 2
fi

tmp=$(mktemp -d /tmp/cosy-install.XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
D=$tmp/root		# the DESTDIR
W=$tmp/work		# scratch: test programs, logs
mkdir -p "$D" "$W"
U=$D$PREFIX

# man_example SECTION PAGE.rst: the first literal block (after a "::")
# of a manual page's SECTION, unindented: the program it prints.
man_example() {
	awk -v sec="$1" '
		$0 == sec { ex = 1; next }
		ex && /::$/ && !code { code = 1; next }
		code && /^[^ ]/ { exit }
		code { sub(/^    /, ""); print }
	' "$2"
}

# --- make install ------------------------------------------------------------

if $MAKE --no-print-directory install B="$B" DESTDIR="$D" PREFIX="$PREFIX" \
	>"$W/install.log" 2>&1; then
	ok "make install DESTDIR=... PREFIX=$PREFIX"
else
	bad "make install DESTDIR=... PREFIX=$PREFIX failed:" "$(tail -n 15 "$W/install.log")"
	finish
fi

# --- the files -----------------------------------------------------------------

# expect_same SRC DST: DST installed, a copy of SRC.
missing=
expect_same() {
	if [ ! -f "$2" ]; then
		missing="$missing ${2#"$D"}"
	elif ! cmp -s "$1" "$2"; then
		missing="$missing ${2#"$D"}(differs-from-$1)"
	fi
}
report() {
	if [ -z "$missing" ]; then
		ok "$1"
	else
		# shellcheck disable=SC2086
		bad "$1: missing or wrong:" $missing
	fi
	missing=
}

# libcosy: archive, versioned shared object with its two links, pkg-config.
expect_same "$B/lib/libcosy.a" "$U/lib/libcosy.a"
expect_same "$B/lib/libcosy.so" "$U/lib/libcosy.so.$VERSION"
[ -L "$U/lib/libcosy.so.0" ] && [ "$(readlink "$U/lib/libcosy.so.0")" = "libcosy.so.$VERSION" ] \
	|| missing="$missing $PREFIX/lib/libcosy.so.0(->libcosy.so.$VERSION)"
[ -L "$U/lib/libcosy.so" ] && [ "$(readlink -f "$U/lib/libcosy.so")" = "$(readlink -f "$U/lib/libcosy.so.$VERSION")" ] \
	|| missing="$missing $PREFIX/lib/libcosy.so(->libcosy.so.0)"
[ -f "$U/lib/pkgconfig/libcosy.pc" ] || missing="$missing $PREFIX/lib/pkgconfig/libcosy.pc"
soname=$(readelf -d "$U/lib/libcosy.so.$VERSION" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libcosy.so.0 ] || missing="$missing SONAME=${soname:-none}(expected-libcosy.so.0)"
report "libcosy: libcosy.a, libcosy.so.$VERSION, libcosy.so.0, libcosy.so, libcosy.pc"

# Every public header; hostile.h (the verifier suite's tags) is test-only.
for h in include/cosy/*.h; do
	[ "$h" = include/cosy/hostile.h ] && continue
	expect_same "$h" "$U/include/cosy/${h##*/}"
done
[ ! -e "$U/include/cosy/hostile.h" ] || missing="$missing $PREFIX/include/cosy/hostile.h(test-only:-must-not-be-installed)"
report "headers in $PREFIX/include/cosy (hostile.h not among them)"

n=0
for f in "$B"/bin/*; do
	[ -f "$f" ] || continue
	case ${f##*/} in
	cc-*)	# examples/cc's benchmark programs stay in the tree
		[ ! -e "$U/bin/${f##*/}" ] ||
			missing="$missing $PREFIX/bin/${f##*/}(benchmark-program:-must-not-be-installed)"
		continue ;;
	esac
	n=$((n + 1))
	expect_same "$f" "$U/bin/${f##*/}"
	[ -x "$U/bin/${f##*/}" ] || missing="$missing $PREFIX/bin/${f##*/}(not-executable)"
done
[ "$n" -gt 0 ] || missing="$missing (nothing-in-$B/bin:-run-make-all-first)"
report "tools in $PREFIX/bin ($n; examples/cc's cc-* not among them)"

n=0
for f in "$B"/bpf/*.bpf.o; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	expect_same "$f" "$U/lib/cosy/bpf/${f##*/}"
done
[ "$n" -gt 0 ] || missing="$missing (no-$B/bpf/*.bpf.o:-run-make-all-first)"
report "BPF objects in $PREFIX/lib/cosy/bpf ($n)"

pages=
for r in docs/*.[1-8].rst; do
	[ -f "$r" ] || continue
	p=${r##*/}
	p=${p%.rst}
	sec=${p##*.}
	pages="$pages $U/share/man/man$sec/$p"
	[ -s "$U/share/man/man$sec/$p" ] || missing="$missing $PREFIX/share/man/man$sec/$p"
done
[ -s "$U/share/man/man3/libcosy.3" ] || missing="$missing $PREFIX/share/man/man3/libcosy.3"
report "manual pages in $PREFIX/share/man"

K=$D/usr/src/cosy-$VERSION
for f in kmod_helpers/*.c kmod_helpers/*.h kmod_helpers/Kbuild kmod_helpers/Makefile; do
	expect_same "$f" "$K/${f##*/}"
done
for h in include/cosy/*.h; do
	[ "$h" = include/cosy/hostile.h ] && continue
	expect_same "$h" "$K/include/cosy/${h##*/}"
done
[ ! -e "$K/include/cosy/hostile.h" ] || missing="$missing /usr/src/cosy-$VERSION/include/cosy/hostile.h(test-only)"
# PRE_BUILD and what it runs: module BTF for headers without a vmlinux.
for f in kmod_helpers/pre-build.sh scripts/kernel-prep.sh; do
	expect_same "$f" "$K/${f##*/}"
	[ -x "$K/${f##*/}" ] || missing="$missing /usr/src/cosy-$VERSION/${f##*/}(not-executable)"
done
[ -f "$K/dkms.conf" ] || missing="$missing /usr/src/cosy-$VERSION/dkms.conf"
report "DKMS tree in /usr/src/cosy-$VERSION (sources, Kbuild, Makefile, include/cosy, pre-build.sh, kernel-prep.sh, dkms.conf)"

# --- pkg-config ----------------------------------------------------------------

pc() {
	PKG_CONFIG_PATH=$U/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$D \
		pkg-config "$@"
}
if ! command -v pkg-config >/dev/null; then
	bad "pkg-config: not installed (apt-get install pkg-config)"
	flags=
elif ! flags=$(pc --cflags --libs libcosy 2>"$W/pc.err"); then
	bad "pkg-config --cflags --libs libcosy failed:" "$(cat "$W/pc.err")"
	flags=
else
	why=
	case " $flags " in *" -I$U/include "*) ;; *) why="$why no -I$U/include;" ;; esac
	case " $flags " in *" -L$U/lib "*) ;; *) why="$why no -L$U/lib;" ;; esac
	case " $flags " in *" -lcosy "*) ;; *) why="$why no -lcosy;" ;; esac
	ver=$(pc --modversion libcosy 2>/dev/null)
	[ "$ver" = "$VERSION" ] || why="$why version '$ver', expected $VERSION;"
	grep -q '@[A-Z]*@' "$U/lib/pkgconfig/libcosy.pc" && why="$why unsubstituted @...@ in libcosy.pc;"
	if [ -z "$why" ]; then
		ok "pkg-config libcosy: $flags"
	else
		bad "pkg-config libcosy:$why" "flags: $flags"
	fi
fi

# The variables for compounds (cosy-kfuncs(7)): where vmlinux.h is, and
# the clang flags, which must build a compound against the installed
# headers alone.
if [ -n "$flags" ]; then
	why=
	vmh=$(pc --variable=vmlinux_h libcosy 2>/dev/null)
	[ "$vmh" = "$U/share/cosy/vmlinux.h" ] || why="$why vmlinux_h '$vmh', expected $U/share/cosy/vmlinux.h;"
	[ -f "$vmh" ] && cmp -s "$vmh" "$B/bpf/vmlinux.h" || why="$why $vmh is not $B/bpf/vmlinux.h;"
	bflags=$(pc --variable=bpf_cflags libcosy 2>/dev/null)
	for f in -g -O2 "-target bpf" "-I$U/include" "-I$U/share/cosy" \
		"$(sed -n 's/^BPF_TARGET_CFLAGS := //p' bpf/build.mk)"; do
		case " $bflags " in *" $f "*) ;; *) why="$why bpf_cflags lacks '$f';" ;; esac
	done
	if [ -z "$why" ]; then
		ok "pkg-config libcosy: vmlinux_h=$vmh, bpf_cflags=$bflags"
	else
		bad "pkg-config libcosy variables:$why"
	fi
	# The EXAMPLES of cosy-kfuncs(7), as printed there, is such a compound.
	man_example EXAMPLES docs/cosy-kfuncs.7.rst >"$W/head.bpf.c"
	# shellcheck disable=SC2086
	if ! grep -q 'SEC("syscall")' "$W/head.bpf.c"; then
		bad "the EXAMPLES of cosy-kfuncs(7): no compound found in docs/cosy-kfuncs.7.rst"
	elif ! (cd "$W" && ${CLANG:-clang} $bflags -Wall -Werror -c head.bpf.c -o head.bpf.o) \
		>"$W/bpf.log" 2>&1; then
		bad "the EXAMPLES of cosy-kfuncs(7) does not build with bpf_cflags and the installed headers:" \
			"$(cat "$W/bpf.log")"
	elif ! ${BPFTOOL:-bpftool} btf dump file "$W/head.bpf.o" 2>/dev/null | grep -q "'cosy_errno'"; then
		bad "the compound built with bpf_cflags has no BTF for the kfuncs it calls"
	else
		ok "the EXAMPLES of cosy-kfuncs(7) builds with \$(pkg-config --variable=bpf_cflags libcosy) alone"
	fi
fi

# --- a program against the installed library -----------------------------------

cat >"$W/hello.c" <<'EOF'
#include <stdio.h>
#include <cosy/cosy.h>

int main(void)
{
	puts(cosy_op_str(COSY_OP_READ));
	return 0;
}
EOF
CC=${CC:-cc}
# shellcheck disable=SC2086
if [ -z "$flags" ]; then
	bad "a program using <cosy/cosy.h>: no pkg-config flags to build it with"
elif ! $CC -Wall -Wextra -Werror -o "$W/hello" "$W/hello.c" $flags >"$W/cc.log" 2>&1; then
	bad "a program using <cosy/cosy.h> does not build with the pkg-config flags:" "$(cat "$W/cc.log")"
else
	out=$(LD_LIBRARY_PATH=$U/lib "$W/hello" 2>&1)
	lib=$(LD_LIBRARY_PATH=$U/lib ldd "$W/hello" 2>/dev/null | sed -n 's/.*libcosy\.so\.0 => \([^ ]*\).*/\1/p')
	if [ "$out" != read ]; then
		bad "the program built against the installed libcosy printed '$out', expected 'read'"
	elif [ "$lib" != "$U/lib/libcosy.so.0" ]; then
		bad "the program built against the installed libcosy loads '${lib:-nothing}', not $U/lib/libcosy.so.0"
	else
		ok "a program built with pkg-config's flags runs against the installed libcosy.so.0 and prints 'read'"
	fi
fi

# The EXAMPLE of libcosy(3), as printed there, builds too (running it needs
# the module and a pinned compound).
man_example EXAMPLE docs/libcosy.3.rst >"$W/example.c"
# shellcheck disable=SC2086
if [ -z "$flags" ]; then
	bad "the EXAMPLE of libcosy(3): no pkg-config flags to build it with"
elif ! grep -q 'main' "$W/example.c"; then
	bad "the EXAMPLE of libcosy(3): no program found in docs/libcosy.3.rst"
elif ! $CC -Wall -Wextra -Werror -Ibpf -o "$W/example" "$W/example.c" $flags >"$W/ex.log" 2>&1; then
	bad "the EXAMPLE of libcosy(3) does not build:" "$(cat "$W/ex.log")"
else
	ok "the EXAMPLE of libcosy(3) builds against the installed library"
fi

# --- manual pages render without warnings -----------------------------------------

if ! command -v man >/dev/null; then
	bad "man: not installed (apt-get install man-db)"
else
	for p in $pages; do
		# --warnings: groff's warnings too (an undefined macro, say),
		# which plain `man -l` does not show.
		if MANWIDTH=80 man --warnings -l "$p" >/dev/null 2>"$W/man.err" && [ ! -s "$W/man.err" ]; then
			ok "man --warnings -l ${p#"$D"} renders without warnings"
		else
			bad "man --warnings -l ${p#"$D"} warns or fails:" "$(head -n 10 "$W/man.err")"
		fi
	done
fi

# --- dkms.conf -------------------------------------------------------------------

conf=$K/dkms.conf
why=
[ -f "$conf" ] || why=" missing;"
if [ -z "$why" ]; then
	grep -q '@VERSION@' "$conf" && why="$why @VERSION@ left in it;"
	# dkms sources it with bash, kernelver and kernel_source_dir set.
	vals=$(kernelver=6.1.0-0-amd64 kernel_source_dir=/lib/modules/6.1.0-0-amd64/build bash -c '
		. "$1" || exit 1
		printf "%s|%s|%s|%s|%s|%s|%s|%s\n" "$PACKAGE_NAME" "$PACKAGE_VERSION" \
			"${BUILT_MODULE_NAME[0]}" "${DEST_MODULE_LOCATION[0]}" "$AUTOINSTALL" \
			"${MAKE[0]}" "$CLEAN" "$PRE_BUILD"' sh "$conf" 2>&1)
	old_ifs=$IFS
	IFS='|'
	# shellcheck disable=SC2086
	set -- $vals
	IFS=$old_ifs
	[ "${1:-}" = cosy ] || why="$why PACKAGE_NAME='${1:-}';"
	[ "${2:-}" = "$VERSION" ] || why="$why PACKAGE_VERSION='${2:-}', expected $VERSION;"
	[ "${3:-}" = cosy ] || why="$why BUILT_MODULE_NAME[0]='${3:-}';"
	[ "${4:-}" = /updates/dkms ] || why="$why DEST_MODULE_LOCATION[0]='${4:-}';"
	[ "${5:-}" = yes ] || why="$why AUTOINSTALL='${5:-}';"
	case "${6:-}" in *KDIR=/lib/modules/6.1.0-0-amd64/build*) ;; *) why="$why MAKE[0]='${6:-}' lacks KDIR=\${kernel_source_dir};" ;; esac
	[ -n "${7:-}" ] || why="$why no CLEAN;"
	# dkms runs PRE_BUILD as a path in its copy of the tree.
	[ "${8:-}" = "pre-build.sh 6.1.0-0-amd64 /lib/modules/6.1.0-0-amd64/build" ] \
		|| why="$why PRE_BUILD='${8:-}', expected pre-build.sh \${kernelver} \${kernel_source_dir};"
fi
if [ -z "$why" ]; then
	ok "dkms.conf: cosy $VERSION, PRE_BUILD=${8}, MAKE[0]=${6}"
else
	bad "/usr/src/cosy-$VERSION/dkms.conf:$why"
fi

# --- exports -----------------------------------------------------------------------

so=$U/lib/libcosy.so.$VERSION
# The map's global: names, and its version node.
sed -n '/global:/,/local:/p' loader/libcosy.map | sed -n 's/^[[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\);.*/\1/p' \
	| sort >"$W/map.syms"
node=$(sed -n 's/^\([A-Za-z_][A-Za-z0-9_.]*\)[[:space:]]*{.*/\1/p' loader/libcosy.map | head -n 1)
# nm: "ADDR T name@@NODE"; the node itself shows up as an absolute symbol.
if ! nm -D --defined-only "$so" >"$W/nm.out" 2>&1; then
	bad "nm -D $PREFIX/lib/libcosy.so.$VERSION failed:" "$(cat "$W/nm.out")"
else
	awk -v node="$node" '$3 != node { print $3 }' "$W/nm.out" | sort >"$W/so.syms.v"
	sed 's/@.*//' "$W/so.syms.v" | sort >"$W/so.syms"
	extra=$(comm -13 "$W/map.syms" "$W/so.syms" | tr '\n' ' ')
	lacking=$(comm -23 "$W/map.syms" "$W/so.syms" | tr '\n' ' ')
	unversioned=$(grep -v "@@$node\$" "$W/so.syms.v" | tr '\n' ' ')
	if [ ! -s "$W/map.syms" ]; then
		bad "exports: no symbols found in loader/libcosy.map"
	elif [ -z "$extra$lacking$unversioned" ]; then
		ok "exports: libcosy.so.$VERSION defines exactly the $(wc -l <"$W/map.syms") symbols of libcosy.map, all @@$node"
	else
		bad "exports differ from loader/libcosy.map:" \
			"exported, not in the map: ${extra:-none}" \
			"in the map, not exported: ${lacking:-none}" \
			"not versioned @@$node: ${unversioned:-none}"
	fi
fi

# --- make uninstall ------------------------------------------------------------------

if ! $MAKE --no-print-directory uninstall B="$B" DESTDIR="$D" PREFIX="$PREFIX" \
	>"$W/uninstall.log" 2>&1; then
	bad "make uninstall failed:" "$(tail -n 15 "$W/uninstall.log")"
else
	left=$(cd "$D" && find . ! -type d | sed 's|^\.||' | head -n 20)
	if [ -z "$left" ]; then
		ok "make uninstall removes every file install put there"
	else
		# shellcheck disable=SC2086
		bad "make uninstall left files behind:" $left
	fi
fi

finish
