#!/usr/bin/env bash
# tests/install/dkms.sh [KERNEL...]: `make install` into a temporary DESTDIR,
# then `dkms build` of the DKMS tree it put in DESTDIR/usr/src/cosy-VERSION,
# with dkms's own script and a private dkms tree, for each KERNEL of the
# matrix (default: 6.1 6.12 latest):
#   6.1     Debian 12's installed headers, found by dkms as on a user's
#           machine (/lib/modules/KVER/build); dkms.conf's PRE_BUILD must
#           prepare module BTF (kernel-prep.sh)
#   6.12    the headers scripts/kernel.sh unpacks (--kernelsourcedir);
#           they carry vmlinux and resolve_btfids: nothing is prepared
#   latest  the same, chrooted into the newest trixie build root under
#           COSY_CACHE (scripts/kernel.sh exec); skipped if there is none
# Each must give a cosy.ko with a .BTF section and the kernel's vermagic.
# And for 6.1 without linux-source (hidden in a private mount namespace):
# the build must fail and name the package to install.
#
# The 6.1 prep (~30-60 s, mostly building resolve_btfids) is kept in
# COSY_CACHE/dkms-test, passed to the tree's Makefile as KPREP (dkms hands
# its environment to make), keyed by the tree's build files: any change to
# them prepares afresh.  dkms signs with a key made in the temporary dir.
#
# Run from the repository root after `make all`, as root (dkms's chroot for
# latest, the mount namespace).  Environment: MAKE, B, COSY_CACHE.  Prints
# one line per check and "N passed, M failed, K skipped"; exits 0 only if
# nothing failed.
set -euo pipefail

MAKE=${MAKE:-make}
B=${B:-build}
VERSION=0.1
CACHE=${COSY_CACHE:-/var/cache/cosy}
ARCH=$(uname -m)

die() { echo "dkms.sh: error: $*" >&2; exit 2; }

passed=0 failed=0 skipped=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
skip() { skipped=$((skipped + 1)); echo "skip $1"; }
bad() {
	local l
	failed=$((failed + 1))
	echo "FAIL $1"
	shift
	for l in "$@"; do printf '%s\n' "$l" | sed 's/^/     /'; done
}
finish() {
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
	exit
}

if [ ! -f scripts/kernel.sh ] || [ ! -f kmod_helpers/dkms.conf ]; then
	die "run me from the cosy repository root"
fi
kernels=("$@")
[ ${#kernels[@]} -gt 0 ] || kernels=(6.1 6.12 latest)

tmp=$(mktemp -d /tmp/cosy-dkms.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
D=$tmp/root		# the DESTDIR
W=$tmp/work		# logs, signing key
mkdir -p "$D" "$W"
T=$D/usr/src/cosy-$VERSION

DKMS=$(command -v dkms || true)
if [ -z "$DKMS" ]; then
	bad "dkms: not installed (apt-get install dkms; scripts/deps.sh installs it)"
	finish
fi

if $MAKE --no-print-directory install B="$B" DESTDIR="$D" PREFIX=/usr >"$W/install.log" 2>&1; then
	ok "make install DESTDIR=... PREFIX=/usr"
else
	bad "make install DESTDIR=... PREFIX=/usr failed:" "$(tail -n 15 "$W/install.log")"
	finish
fi

# The prep cache for this tree's build files.  Other checkouts may test
# other versions: entries go after a week unused.  A lock keeps two runs
# from preparing into one entry at once.
key=$(cd "$T" && cat Makefile Kbuild dkms.conf pre-build.sh kernel-prep.sh | sha256sum | cut -c1-16)
prep_cache=$CACHE/dkms-test/prep-$key
if mkdir -p "$prep_cache" 2>/dev/null; then
	touch "$prep_cache"
	find "$CACHE/dkms-test" -mindepth 1 -maxdepth 1 -name 'prep-*' -mtime +7 -exec rm -rf {} +
else
	prep_cache=$tmp/prep
	mkdir -p "$prep_cache"
fi

# dkms runs as from a user's shell, not with make's variables (`make
# test-unit` runs this), nor with a KPREP of the caller's.
clean_env=(-u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u KPREP)

# mkvar FILE NAME: a variable from a kernel.sh env file.
mkvar() { sed -n "s/^$2 := //p" "$1"; }

# dkms_build NAME KVER KDIR ROOT [ENV...]: `dkms build` for KVER in a dkms
# tree of its own, on the host (ROOT empty) or chrooted into build root
# ROOT; KDIR empty lets dkms find the headers itself.  Output in
# $W/NAME.out; sets tree, secs.
dkms_build() {
	local name=$1 kver=$2 kdir=$3 root=$4 t0 args
	shift 4
	tree=$tmp/dkms-$name
	mkdir -p "$tree"
	args=(build -m cosy -v "$VERSION" -k "$kver" --dkmstree "$tree" --sourcetree "$D/usr/src")
	[ -z "$kdir" ] || args+=(--kernelsourcedir "$kdir")
	t0=$(date +%s)
	if [ -z "$root" ]; then
		env "${clean_env[@]}" "$@" mok_signing_key="$W/mok.key" mok_certificate="$W/mok.pub" \
			"$DKMS" "${args[@]}" >"$W/$name.out" 2>&1
	else
		# dkms is a bash script: run the host's inside the root.
		mkdir -p "$tmp/bin"
		cp "$DKMS" "$tmp/bin/dkms"
		scripts/kernel.sh exec "$root" "$tmp" -- env "$@" \
			mok_signing_key="$W/mok.key" mok_certificate="$W/mok.pub" \
			bash "$tmp/bin/dkms" "${args[@]}" >"$W/$name.out" 2>&1
	fi
	local rc=$?
	secs=$(($(date +%s) - t0))
	# kernel.sh exec leaves its mount point behind, empty.
	[ -z "$root" ] || rmdir "$root$tmp" 2>/dev/null || true
	return $rc
}

# check_kernel NAME KVER KDIR ROOT PREPARED [ENV...]: build for KVER, check
# the module, and that make built it against a prepared objtree (PREPARED
# yes) or KDIR itself (no).
check_kernel() {
	local name=$1 kver=$2 kdir=$3 root=$4 prepared=$5 ko log how vermagic why=
	shift 5
	if ! dkms_build "$name" "$kver" "$kdir" "$root" "$@"; then
		bad "$name ($kver): dkms build failed after ${secs} s:" "$(tail -n 12 "$W/$name.out")" \
			"make.log:" "$(tail -n 15 "$tree/cosy/$VERSION/build/make.log" 2>/dev/null)"
		return
	fi
	ko=$tree/cosy/$VERSION/$kver/$ARCH/module/cosy.ko
	log=$tree/cosy/$VERSION/$kver/$ARCH/log/make.log
	if [ ! -f "$ko" ]; then
		bad "$name ($kver): dkms build succeeded but left no $ko:" "$(tail -n 12 "$W/$name.out")"
		return
	fi
	objdump -h "$ko" | grep '\.BTF ' >/dev/null || why="$why no .BTF section (its kfuncs would not exist);"
	vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null || true)
	case "$vermagic" in "$kver "*) ;; *) why="$why vermagic '$vermagic', expected '$kver ...';" ;; esac
	if [ "$prepared" = yes ]; then
		grep -q "^make -C .*/objtree M=.* RESOLVE_BTFIDS=" "$log" \
			|| why="$why make did not build against a prepared objtree;"
		if grep -q 'kernel-prep: ready' "$W/$name.out"; then
			how="module BTF prepared by PRE_BUILD"
		else
			how="module BTF from the prep cached in $prep_cache"
		fi
	else
		grep -qF "make -C ${kdir:-/lib/modules/$kver/build} M=" "$log" \
			|| why="$why make did not build against $kdir itself;"
		! grep -q 'kernel-prep' "$W/$name.out" || why="$why PRE_BUILD prepared module BTF, needlessly;"
		how="KDIR as it is"
	fi
	if [ -n "$why" ]; then
		bad "$name ($kver):$why" "make.log:" "$(head -n 4 "$log")"
	else
		ok "$name ($kver): dkms build in ${secs} s, $how: cosy.ko has .BTF, vermagic $kver"
	fi
}

# no_source KVER: dkms build for 6.1 where /usr/src holds no linux-source
# (a private mount namespace re-binds everything else): it must fail and
# say to install linux-source-6.1, in dkms's output and in make.log.
no_source() {
	local kver=$1 mm out
	mm=$(echo "$kver" | cut -d. -f1,2)
	if [ "$(id -u)" != 0 ]; then
		skip "6.1 without linux-source: needs root (a mount namespace)"
		return
	fi
	tree=$tmp/dkms-nosrc
	mkdir -p "$tree" "$tmp/usrsrc"
	# shellcheck disable=SC2016
	out=$(unshare -m --propagation private bash -c '
		set -e
		mount --bind /usr/src "$1"
		mount -t tmpfs none /usr/src
		for f in "$1"/*; do
			n=${f##*/}
			case $n in linux-source-*) continue ;; esac
			if [ -L "$f" ]; then cp -P "$f" /usr/src/
			elif [ -d "$f" ]; then mkdir "/usr/src/$n"; mount --bind "$f" "/usr/src/$n"
			else touch "/usr/src/$n"; mount --bind "$f" "/usr/src/$n"
			fi
		done
		shift
		exec "$@"' nosrc "$tmp/usrsrc" env "${clean_env[@]}" mok_signing_key="$W/mok.key" \
		mok_certificate="$W/mok.pub" "$DKMS" build -m cosy -v "$VERSION" -k "$kver" \
		--dkmstree "$tree" --sourcetree "$D/usr/src" 2>&1) && {
		bad "6.1 without linux-source: dkms build succeeded:" "$(tail -n 8 <<<"$out")"
		return
	}
	if ! grep -q "install linux-source-$mm" <<<"$out"; then
		bad "6.1 without linux-source: dkms's output does not say 'install linux-source-$mm':" \
			"$(tail -n 12 <<<"$out")"
	elif ! grep -q "install linux-source-$mm" "$tree/cosy/$VERSION/build/make.log" 2>/dev/null; then
		bad "6.1 without linux-source: make.log does not say 'install linux-source-$mm':" \
			"$(tail -n 8 "$tree/cosy/$VERSION/build/make.log" 2>/dev/null)"
	else
		ok "6.1 without linux-source: dkms build fails, PRE_BUILD and make.log say: $(grep -m1 -o "error: .*install linux-source-$mm" <<<"$out")"
	fi
}

for k in "${kernels[@]}"; do
	case $k in
	6.1|6.12)
		if ! scripts/kernel.sh env "$k" "$W/env-$k.mk" 2>"$W/env-$k.err"; then
			bad "$k: scripts/kernel.sh env $k failed:" "$(tail -n 5 "$W/env-$k.err")"
			continue
		fi
		kver=$(mkvar "$W/env-$k.mk" KVER)
		kdir=$(mkvar "$W/env-$k.mk" KDIR)
		;;&
	6.1)
		# As on a user's machine: dkms finds /lib/modules/KVER/build.
		[ ! -d "/lib/modules/$kver/build" ] || kdir=
		exec 9>"$prep_cache/.lock"
		flock 9
		check_kernel "$k" "$kver" "$kdir" "" yes KPREP="$prep_cache/$kver"
		exec 9>&-
		no_source "$kver"
		;;
	6.12)
		check_kernel "$k" "$kver" "$kdir" "" no
		;;
	latest)
		root=$(ls -d "$CACHE"/kernel/buildroot/*.ready 2>/dev/null | sort -V | tail -n 1 || true)
		if [ -z "$root" ]; then
			skip "latest: no trixie build root in $CACHE/kernel/buildroot (make KERNEL=latest kmod makes one)"
			continue
		elif [ "$(id -u)" != 0 ]; then
			skip "latest: needs root (chroot into its build root)"
			continue
		fi
		root=${root%.ready}
		kver=${root##*/}
		check_kernel "$k" "$kver" "/usr/src/linux-headers-$kver" "$root" no
		;;
	*)
		die "unknown kernel '$k' (want some of: 6.1 6.12 latest)"
		;;
	esac
done

finish
