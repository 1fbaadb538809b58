#!/usr/bin/env bash
# kernel.sh - the kernels cosy is built and tested for (`make KERNEL=...`).
#
#   kernel.sh env KERNEL OUT.mk [PREFIX]
#                                 resolve KERNEL, fetch what it needs (cached),
#                                 write make variables for it to OUT.mk
#   kernel.sh exec ROOT DIR... -- CMD...
#                                 run CMD in build root ROOT, with each DIR
#                                 bind-mounted at its own path
#   kernel.sh list                the matrix, one "NAME SUITE" per line
#
# KERNEL is one of:
#   6.1     Debian 12's kernel, installed from the system's apt sources
#           (scripts/deps.sh: linux-image-cloud-amd64, linux-headers-...)
#   6.12    the newest 6.12 LTS in bookworm-backports
#   latest  the newest kernel in trixie-backports (7.x today)
# 6.12 and latest come through a private apt configuration under the cache:
# nothing is installed, the system's sources are untouched.  Their versions
# are resolved from the package lists (the linux-image-cloud-amd64
# metapackage's newest dependency), never written down here.
#
# latest's headers need trixie's gcc-14 and glibc >= 2.38, which Debian 12
# lacks, so its module is built in a trixie build root (mmdebstrap, made
# once and cached) holding those headers; `exec` runs kbuild there.
#
# Cache: $COSY_CACHE (default /var/cache/cosy)/kernel/.  The package lists
# are refreshed when older than a day; a resolved kernel is kept.  Written
# variables: KVER, KDIR (headers as the host sees them), KIMAGE (vmlinuz),
# KMODS (its /lib/modules/KVER, modules uncompressed), KROOT (build root or
# empty), each with PREFIX in front if given.
set -euo pipefail

CACHE=${COSY_CACHE:-/var/cache/cosy}/kernel
MIRROR=${COSY_DEBIAN_MIRROR:-http://deb.debian.org/debian}

die() { echo "kernel.sh: error: $*" >&2; exit 1; }
say() { echo "kernel.sh: $*" >&2; }

# The matrix: name, suite, extra suite for resolving dependencies.
suite_of() {
	case $1 in
	6.1) echo bookworm ;;
	6.12) echo bookworm-backports ;;
	latest) echo trixie-backports ;;
	*) die "unknown KERNEL '$1' (want one of: 6.1 6.12 latest)" ;;
	esac
}

# ---- private apt ------------------------------------------------------------
# apt_for SUITE: fill the array APT with apt options that use only our own
# sources list, lists and archive cache for SUITE (and its base suite).
apt_for() {
	local suite=$1 d=$CACHE/apt/$1 base=${1%-backports}
	mkdir -p "$d/lists/partial" "$d/archives/partial" "$d/etc"
	{
		echo "deb [arch=amd64] $MIRROR $base main"
		[[ $suite == "$base" ]] || echo "deb [arch=amd64] $MIRROR $suite main"
	} >"$d/etc/sources.list"
	APT=(-o "Dir::Etc::SourceList=$d/etc/sources.list" -o Dir::Etc::SourceParts=/nonexistent
		-o "Dir::Etc::Preferences=/nonexistent" -o "Dir::Etc::PreferencesParts=/nonexistent"
		-o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d" -o "Dir::Cache::Archives=$d/archives"
		-o Dir::State::status=/dev/null -o APT::Architectures=amd64
		-o Acquire::Languages=none -o Debug::NoLocking=1)
	if [[ -z $(find "$d/lists" -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null) ]]; then
		say "updating package lists for $suite"
		apt-get -q "${APT[@]}" update >"$d/update.log" 2>&1 \
			|| { tail -n 5 "$d/update.log" >&2; die "apt-get update for $suite failed"; }
	fi
}

# deps_of PKG REGEX: the dependencies of PKG's newest version whose names
# match REGEX (first alternatives only), one per line.
deps_of() {
	apt-cache "${APT[@]}" show "$1" 2>/dev/null | awk -v re="$2" '
		/^Version: / { v = $2 }
		/^Depends: / {
			sub(/^Depends: /, ""); n = split($0, d, /, */)
			for (i = 1; i <= n; i++) {
				split(d[i], w, /[ |(]/)
				if (w[1] ~ re) print v, w[1]
			}
		}' | sort -V | awk '{ v[NR] = $1; p[NR] = $2 }
		END { for (i = 1; i <= NR; i++) if (v[i] == v[NR]) print p[i] }'
}
# newest_dep PKG REGEX: the first of those.
newest_dep() { deps_of "$@" | head -n 1; }

# fetch_unpack DEST PKG...: download PKGs (cached) and unpack them into DEST.
fetch_unpack() {
	local dest=$1 d=$CACHE/apt/$SUITE/archives p f
	shift
	(cd "$d" && apt-get -q "${APT[@]}" download "$@" >"$CACHE/apt/$SUITE/download.log" 2>&1) \
		|| { tail -n 5 "$CACHE/apt/$SUITE/download.log" >&2; die "downloading $* failed"; }
	for p in "$@"; do
		f=$(ls -t "$d/${p}_"*.deb 2>/dev/null | head -n 1)
		[[ -n $f ]] || die "downloaded $p but found no .deb for it in $d"
		dpkg-deb -x "$f" "$dest" || die "cannot unpack $f"
	done
}

# ---- the three kernels ---------------------------------------------------------
# Each sets KVER KDIR KIMAGE KMODS KROOT.

# Debian 12's own kernel, as scripts/deps.sh installed it.
resolve_system() {
	KVER=$( (compgen -G '/boot/vmlinuz-6.1.*-cloud-amd64' || :) | sed 's|^/boot/vmlinuz-||' | sort -V | tail -n 1)
	[[ -n $KVER ]] || die "no /boot/vmlinuz-6.1.*-cloud-amd64: run scripts/deps.sh (linux-image-cloud-amd64)"
	KDIR=/usr/src/linux-headers-$KVER KIMAGE=/boot/vmlinuz-$KVER KMODS=/lib/modules/$KVER KROOT=
	[[ -f $KDIR/Makefile ]] || die "no headers for $KVER: install linux-headers-$KVER"
}

# find_image ROOT: set KIMAGE and KMODS to where KVER's packages put them
# (/boot and /lib/modules, or from 7.x on both in /usr/lib/modules/KVER).
find_image() {
	local m
	for m in "$1/lib/modules/$KVER" "$1/usr/lib/modules/$KVER"; do
		[[ -d $m ]] && KMODS=$m
	done
	for KIMAGE in "$1/boot/vmlinuz-$KVER" "$KMODS/vmlinuz"; do
		[[ -r $KIMAGE ]] && return 0
	done
	die "no kernel image in the packages of $KVER (looked in $1/boot and $KMODS)"
}

# A kernel from a private suite: image (and headers, unless a build root
# holds them) unpacked into $CACHE/KVER/root.
resolve_private() {
	local image hdr common kbuild root parts
	apt_for "$SUITE"
	image=$(newest_dep linux-image-cloud-amd64 '^linux-image-[0-9].*-cloud-amd64$')
	[[ -n $image ]] || die "no linux-image-cloud-amd64 in $SUITE's package lists"
	KVER=${image#linux-image-}
	root=$CACHE/$KVER/root
	KROOT=
	if [[ ! -f $CACHE/$KVER/ready ]]; then
		say "fetching $KVER from $SUITE"
		rm -rf "$CACHE/$KVER"
		mkdir -p "$root"
		# From 7.x on the image package is empty: the kernel and its
		# modules are in linux-binary-KVER and linux-modules-KVER.
		mapfile -t parts < <(deps_of "$image" '^linux-(binary|modules)-' | grep -Fx \
			-e "linux-binary-$KVER" -e "linux-modules-$KVER" || true)
		if [[ $SUITE == trixie-* ]]; then
			fetch_unpack "$root" "$image" "${parts[@]}"
		else
			hdr=linux-headers-$KVER
			common=$(newest_dep "$hdr" '^linux-headers-.*-common$')
			kbuild=$(newest_dep "$hdr" '^linux-kbuild-')
			[[ -n $common && -n $kbuild ]] || die "cannot resolve $hdr's -common and kbuild packages"
			fetch_unpack "$root" "$image" "${parts[@]}" "$hdr" "$common" "$kbuild"
			# Unpacked, not installed: the headers' Makefile names the
			# -common tree by its absolute, installed path.
			sed -i "s|^include /usr/src/|include $root/usr/src/|" "$root/usr/src/$hdr/Makefile"
		fi
		find_image "$root"
		# busybox insmod loads plain .ko files only.
		find "$KMODS" -name '*.ko.xz' -exec xz -d {} + 2>/dev/null || true
		find "$KMODS" -name '*.ko.zst' -exec zstd -q -d --rm {} + 2>/dev/null || true
		touch "$CACHE/$KVER/ready"
	fi
	find_image "$root"
	if [[ $SUITE == trixie-* ]]; then
		KROOT=$(buildroot "$KVER")
		KDIR=$KROOT/usr/src/linux-headers-$KVER
	else
		KDIR=$root/usr/src/linux-headers-$KVER
	fi
}

# buildroot KVER: a trixie root with make and KVER's headers (and so gcc-14
# and pahole), made once; prints its path.
buildroot() {
	local kver=$1 r=$CACHE/buildroot/$1
	if [[ ! -f $r.ready ]]; then
		command -v mmdebstrap >/dev/null || die "mmdebstrap not installed (scripts/deps.sh installs it)"
		say "making a trixie build root for $kver in $r (once; a few minutes)"
		rm -rf "$r"
		mkdir -p "${r%/*}"
		mmdebstrap --variant=apt --include="make,binutils,linux-headers-$kver" \
			--aptopt='Acquire::Languages "none"' --dpkgopt='path-exclude=/usr/share/doc/*' \
			trixie "$r" "deb $MIRROR trixie main" "deb $MIRROR trixie-backports main" \
			>"$r.log" 2>&1 || { tail -n 20 "$r.log" >&2; die "mmdebstrap failed (log: $r.log)"; }
		touch "$r.ready"
	fi
	echo "$r"
}

# ---- commands ------------------------------------------------------------------
cmd=${1:-}
case $cmd in
env)
	[[ $# == 3 || $# == 4 ]] || die "usage: kernel.sh env KERNEL OUT.mk [PREFIX]"
	p=${4:-}
	SUITE=$(suite_of "$2")
	if [[ $2 == 6.1 ]]; then resolve_system; else resolve_private; fi
	mkdir -p "$(dirname "$3")"
	{
		echo "# $2 from $SUITE, written by scripts/kernel.sh"
		echo "${p}KVER := $KVER"
		echo "${p}KDIR := $KDIR"
		echo "${p}KIMAGE := $KIMAGE"
		echo "${p}KMODS := $KMODS"
		echo "${p}KROOT := $KROOT"
	} >"$3.tmp"
	mv "$3.tmp" "$3"
	;;
exec)
	shift
	(($# >= 3)) || die "usage: kernel.sh exec ROOT DIR... -- CMD..."
	root=$1 dirs=()
	shift
	while (($#)) && [[ $1 != -- ]]; do dirs+=("$(realpath "$1")"); shift; done
	[[ ${1:-} == -- ]] || die "exec: missing -- before the command"
	shift
	[[ -d $root/usr ]] || die "exec: $root is not a build root"
	# A private mount namespace: the bind mounts vanish with the command.
	script='set -e; r=$1; shift; n=$1; shift
		for ((i = 0; i < n; i++)); do mkdir -p "$r$1"; mount --bind "$1" "$r$1"; shift; done
		mount -t proc proc "$r/proc"
		exec chroot "$r" "$@"'
	exec unshare -m --propagation private bash -c "$script" kernel-exec "$root" "${#dirs[@]}" \
		"${dirs[@]}" env -i PATH=/usr/bin:/bin HOME=/ "$@"
	;;
list)
	for k in 6.1 6.12 latest; do echo "$k $(suite_of $k)"; done
	;;
*)
	die "usage: kernel.sh env KERNEL OUT.mk | exec ROOT DIR... -- CMD... | list"
	;;
esac
