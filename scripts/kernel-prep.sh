#!/usr/bin/env bash
# kernel-prep.sh OUT KVER [KDIR]
#
# Prepares what kbuild needs to give cosy.ko its BTF, for kernel KVER:
#   OUT/objtree/        a private copy of KDIR with the kernel's raw BTF as `vmlinux`
#   OUT/vmlinux.btf     the same raw BTF (vmlinux.h and `bpftool -B` use it)
#   OUT/resolve_btfids  the tool kbuild runs on modules with BTF
#   OUT/ready           touched last: make's target for all of the above
#
# Why a private objtree: Debian's headers ship no vmlinux, so kbuild prints
# "Skipping BTF generation ... unavailability of vmlinux" and the module loads
# without BTF; register_btf_kfunc_id_set() then returns 0 and the kfuncs
# silently do not exist.  Raw BTF (not a full ELF) is enough for pahole and
# resolve_btfids.  Debian's linux-kbuild-6.1 has no resolve_btfids, so it is
# built from linux-source when the headers do not carry one.
#
# BTF source: the running kernel's /sys/kernel/btf/vmlinux when KVER is the
# running kernel (a user's own machine), else extracted from /boot/vmlinuz-KVER.
#
# Run by kmod_helpers/build.mk (make kmod) and by kmod_helpers/Makefile's
# `prep` (stand-alone and DKMS builds: make install ships this script in
# the DKMS tree, and dkms.conf's PRE_BUILD runs it through that target).
#
# KDIR may also be a full built kernel tree (a vmlinux with .BTF at its top,
# e.g. scripts/debug-kernel.sh's): then the BTF comes from that vmlinux,
# resolve_btfids from the tree if it was built there, and OUT/objtree is a
# symlink to the tree itself (copying 3 GB would gain nothing: kbuild only
# reads it for M= builds).  Redone on every call: the tree may be rebuilt.
set -euo pipefail

die() { echo "kernel-prep: error: $*" >&2; exit 1; }
say() { [ -n "${V:-}" ] && echo "kernel-prep: $*" >&2 || true; }

[ $# -ge 2 ] || { echo "usage: kernel-prep.sh OUT KVER [KDIR]" >&2; exit 2; }
out=$1 kver=$2 kdir=${3:-/lib/modules/$2/build}
[ -d "$kdir" ] || kdir=/usr/src/linux-headers-$kver
[ -f "$kdir/Makefile" ] || die "no kernel headers for $kver (looked in $kdir); install linux-headers-$kver"
mkdir -p "$out"
out=$(cd "$out" && pwd)

# grep reads all of objdump's output: with grep -q and pipefail, objdump's
# SIGPIPE fails the test (its 5.6 kB come in two writes).
full_tree=
if [ -f "$kdir/vmlinux" ] && objdump -h "$kdir/vmlinux" 2>/dev/null | grep '\.BTF ' >/dev/null; then
	full_tree=$(cd "$kdir" && pwd)
	say "$kdir is a built kernel tree: using its vmlinux"
	rm -f "$out/vmlinux.btf" "$out/resolve_btfids"
fi

# Kernel sources, unpacked only for the tools the headers lack: those of
# KVER's version if installed, else the newest (the tools barely change).
unpack_source() {
	[ -d "$out/src/tools" ] && return 0
	local tarball base mm
	mm=$(echo "$kver" | cut -d. -f1,2)
	tarball=/usr/src/linux-source-$mm.tar.xz
	[ -f "$tarball" ] || tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n1 || true)
	[ -n "$tarball" ] || die "$1 from the kernel sources: install linux-source-$mm"
	base=$(basename "$tarball" .tar.xz)
	say "unpacking tools from $tarball"
	rm -rf "$out/src" "$out/src.tmp"; mkdir -p "$out/src.tmp"
	tar -C "$out/src.tmp" -xJf "$tarball" "$base/tools" "$base/scripts" "$base/include/uapi" \
		|| die "cannot unpack $tarball"
	mv "$out/src.tmp/$base" "$out/src"; rmdir "$out/src.tmp"
}

# 1. Raw BTF of the target kernel.
if [ ! -s "$out/vmlinux.btf" ]; then
	if [ -n "$full_tree" ]; then
		objcopy -O binary --only-section=.BTF "$full_tree/vmlinux" "$out/vmlinux.btf.tmp"
	elif [ "$kver" = "$(uname -r)" ] && [ -r /sys/kernel/btf/vmlinux ]; then
		say "BTF from /sys/kernel/btf/vmlinux"
		cp /sys/kernel/btf/vmlinux "$out/vmlinux.btf.tmp"
	else
		img=/boot/vmlinuz-$kver
		[ -r "$img" ] || die "$img not found: install linux-image-$kver (or pass KVER= of an installed kernel)"
		unpack_source "reading the BTF of $img needs extract-vmlinux"
		say "extracting vmlinux from $img"
		sh "$out/src/scripts/extract-vmlinux" "$img" > "$out/vmlinux.elf.tmp" \
			|| die "extract-vmlinux failed on $img (lz4 and xz-utils installed?)"
		objcopy -O binary --only-section=.BTF "$out/vmlinux.elf.tmp" "$out/vmlinux.btf.tmp"
		rm -f "$out/vmlinux.elf.tmp"
	fi
	[ -s "$out/vmlinux.btf.tmp" ] || die "kernel $kver has no BTF (CONFIG_DEBUG_INFO_BTF=n?)"
	mv "$out/vmlinux.btf.tmp" "$out/vmlinux.btf"
fi

# 2. resolve_btfids.
if [ ! -x "$out/resolve_btfids" ]; then
	if [ -x "$kdir/tools/bpf/resolve_btfids/resolve_btfids" ]; then
		cp "$kdir/tools/bpf/resolve_btfids/resolve_btfids" "$out/"
	else
		unpack_source "$kdir has no resolve_btfids: it is built"
		say "building resolve_btfids"
		# Not with the caller's make variables (a kbuild caller's KVER,
		# KDIR, KERNELRELEASE...), and on every core: it is most of the
		# prep's time.
		env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -j"$(nproc)" \
			-C "$out/src/tools/bpf/resolve_btfids" >"$out/resolve_btfids.log" 2>&1 \
			|| { tail -n 20 "$out/resolve_btfids.log" >&2; die "building resolve_btfids failed (it needs gcc and libelf-dev)"; }
		cp "$out/src/tools/bpf/resolve_btfids/resolve_btfids" "$out/"
	fi
fi
rm -rf "$out/src"

# 3. Private objtree: the headers with the raw BTF as vmlinux.  Symlinks are
#    resolved (cp -L) except scripts/ and tools/, which kbuild runs in place.
#    A built tree already has all of it and is used in place.
if [ -n "$full_tree" ]; then
	rm -rf "$out/objtree"
	ln -s "$full_tree" "$out/objtree"
elif [ ! -f "$out/objtree/vmlinux" ] || [ -L "$out/objtree" ]; then
	rm -rf "$out/objtree.tmp"
	cp -a "$kdir/." "$out/objtree.tmp"
	for d in scripts tools; do
		t=$(readlink -f "$kdir/$d")
		rm -rf "$out/objtree.tmp/$d"
		ln -s "$t" "$out/objtree.tmp/$d"
	done
	cp "$out/vmlinux.btf" "$out/objtree.tmp/vmlinux"
	rm -rf "$out/objtree"
	mv "$out/objtree.tmp" "$out/objtree"
fi
touch "$out/ready"
say "ready: $out"
