#!/usr/bin/env bash
# deps.sh [--check]: install (with apt-get) what building and testing cosy
# needs on Debian 12 / Ubuntu, saying what it installs.  --check only lists
# what is missing (exit 1 if anything is).
set -euo pipefail

# make -j runs this from several rules at once: one apt-get at a time,
# and the later ones find the packages installed.
if [ "${1:-}" != --check ] && command -v flock >/dev/null; then
	exec 9>"${TMPDIR:-/tmp}/cosy-deps.lock"
	flock 9
fi

pkgs=(
	make gcc clang llvm libbpf-dev bpftool pkg-config	# user space + BPF
	libelf-dev zlib1g-dev libzstd-dev			# static runners
	libcriterion-dev					# unit tests
	libclang-19-dev						# cosy-cc (14 works, 17+ reads macros)
	linux-source-6.1 dwarves flex bison bc kmod		# module BTF tooling
	dkms							# tests/install/dkms.sh
	lz4 xz-utils cpio busybox-static qemu-system-x86	# the guest
	e2fsprogs						# ext4 images: tests, make bench FS=ext4
	mmdebstrap						# KERNEL=latest: its build root
	liburing-dev gnuplot-nox strace				# benchmarks and baselines
	python3-docutils man-db					# man pages
)
# The guest kernel: Debian's cloud flavor, whatever ABI number is current.
kern=(linux-image-cloud-amd64 linux-headers-cloud-amd64)

missing=()
for p in "${pkgs[@]}" "${kern[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
		|| missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi
if [ "${1:-}" = --check ]; then
	echo "missing packages: ${missing[*]}"
	exit 1
fi
[ "$(id -u)" -eq 0 ] || { echo "deps: error: need root to install: ${missing[*]}" >&2; exit 1; }
echo "deps: installing with apt-get: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/cosy-deps.log 2>&1 \
	|| { tail -n 30 /tmp/cosy-deps.log >&2; echo "deps: error: apt-get install failed" >&2; exit 1; }
echo "deps: done"
