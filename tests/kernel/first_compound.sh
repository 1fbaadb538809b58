#!/bin/sh
# first_compound.sh B OUT: the host half of README.md's "Your first
# compound", done as a reader would do it, so that the section cannot rot.
#
#  1. `make install` into a staging directory (B/first/stage), the reader's
#     installed cosy;
#  2. the files and commands of the section, taken from README.md: each
#     fenced block after a `<!-- first-compound: NAME -->` line goes to
#     OUT/NAME (blocks with the same NAME are appended in order);
#  3. build.sh, the section's build commands, run in OUT with pkg-config
#     finding the staged libcosy.pc (PKG_CONFIG_SYSROOT_DIR: every path it
#     prints points into the stage);
#  4. one more object, the compound with its NULL check removed, for the
#     section's "when the verifier says no".
#
# tests/kernel/t_first_compound.sh runs OUT/run.sh in the guest.  Called by
# tests/build.mk with MAKE set; writes OUT/.built last.
set -eu

B=$1
OUT=$2
MAKE=${MAKE:-make}
STAGE=$(pwd)/$B/first/stage
LOG=$B/first/log

die() {
	echo "first_compound.sh: $*" >&2
	[ ! -s "$LOG" ] || tail -n 30 "$LOG" >&2
	exit 1
}

rm -rf "$STAGE" "$OUT"
mkdir -p "$STAGE" "$OUT"
: >"$LOG"

"$MAKE" --no-print-directory install B="$B" DESTDIR="$STAGE" >>"$LOG" 2>&1 ||
	die "make install DESTDIR=$STAGE failed"
pc=$(find "$STAGE" -path '*/pkgconfig/libcosy.pc' | head -n 1)
[ -n "$pc" ] || die "no libcosy.pc in $STAGE"

awk -v dir="$OUT" '
	/^<!-- first-compound: [^ ]+ -->$/ { name = $3; next }
	name != "" && !inblock && /^```/ { inblock = 1; next }
	inblock && /^```$/ { inblock = 0; name = ""; next }
	inblock { print > (dir "/" name) }
' README.md
for f in linecount.h linecount.bpf.c linecount.c build.sh run.sh; do
	[ -s "$OUT/$f" ] || die "README.md has no '<!-- first-compound: $f -->' block"
done

(
	cd "$OUT"
	export PKG_CONFIG_PATH="${pc%/*}" PKG_CONFIG_SYSROOT_DIR="$STAGE"
	sh -ex build.sh
	# The section's deliberate mistake: begin's result used unchecked.
	mkdir broken
	sed '/if (!st.s)/,+1d' linecount.bpf.c >broken/linecount.bpf.c
	cp linecount.h broken/
	cmp -s linecount.bpf.c broken/linecount.bpf.c && { echo "no NULL check to remove" >&2; exit 1; }
	cd broken
	# shellcheck disable=SC2046 # the flags are words
	clang $(pkg-config --variable=bpf_cflags libcosy) -Wall -c linecount.bpf.c -o ../linecount_broken.bpf.o
) >>"$LOG" 2>&1 || die "building README.md's first compound failed"

# The application must be the dynamically linked kind a reader gets.
readelf -d "$OUT/linecount" | grep -q 'NEEDED.*\[libcosy\.so\.0\]' ||
	die "$OUT/linecount does not need libcosy.so.0: not linked as the README says"
touch "$OUT/.built"
