#!/usr/bin/env bash
# debug-kernel.sh [--print-dir]: build (once per machine) the test-only
# debug kernel that `make test-debug` boots: Debian's linux-source-6.1 with
# tinyconfig + tests/vm/debug.config (KASAN, lockdep, DEBUG_ATOMIC_SLEEP,
# DEBUG_LIST, KFENCE, a 10 s soft-lockup limit, BTF).
#
# The tree is cached outside the clone, in $COSY_CACHE (default
# /var/cache/cosy), under a key made of the source package's version and a
# hash of the config fragment, so a clone, CI run or `make clean` reuses it.
# First build: ~40 min on 2 cores (2301 s measured).  Prints the tree's path on stdout.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
frag=$here/tests/vm/debug.config
cache=${COSY_CACHE:-/var/cache/cosy}
die() { echo "debug-kernel: error: $*" >&2; exit 1; }
say() { echo "debug-kernel: $*" >&2; }

tarball=/usr/src/linux-source-6.1.tar.xz
[ -r "$tarball" ] || die "$tarball missing: install linux-source-6.1 (make deps)"
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || stat -c %Y "$tarball")
key=$srcver-$(sha256sum "$frag" | cut -c1-12)
dir=$cache/debug-kernel/$key
tree=$dir/linux

if [ "${1:-}" = --print-dir ]; then
	echo "$tree"
	exit 0
fi

mkdir -p "$dir"
# One builder at a time per key; others wait and then find it built.
exec 9>"$dir/.lock"
flock 9
if [ -f "$dir/done" ]; then
	echo "$tree"
	exit 0
fi

t0=$(date +%s)
say "building the debug kernel in $tree (once per machine, ~40 min on 2 cores)"
rm -rf "$tree" "$dir/src.tmp"
mkdir -p "$dir/src.tmp"
tar -C "$dir/src.tmp" -xJf "$tarball"
mv "$dir/src.tmp/linux-source-6.1" "$tree"
rmdir "$dir/src.tmp"
log=$dir/build.log
: >"$log"
(
	cd "$tree"
	make tinyconfig
	scripts/kconfig/merge_config.sh -m .config "$frag"
	make olddefconfig
) >>"$log" 2>&1 || { tail -n 30 "$log" >&2; die "configuring failed (log: $log)"; }
# Every option of the fragment must have survived olddefconfig.
missing=$(grep -E '^CONFIG_' "$frag" | while IFS= read -r l; do
	grep -qxF "$l" "$tree/.config" || echo "$l"
done)
[ -z "$missing" ] || die "options dropped by olddefconfig: $missing"

jobs=$(nproc)
say "compiling with -j$jobs (log: $log)"
( cd "$tree" && make -j"$jobs" bzImage modules && make -C tools/bpf/resolve_btfids ) >>"$log" 2>&1 &
pid=$!
# Progress on long runs: the count of objects built so far, every minute.
while kill -0 "$pid" 2>/dev/null; do
	sleep 60
	kill -0 "$pid" 2>/dev/null || break
	say "$(( ($(date +%s) - t0) / 60 )) min: $(find "$tree" -name '*.o' | wc -l) objects built"
done
wait "$pid" || { tail -n 30 "$log" >&2; die "build failed (log: $log)"; }
[ -s "$tree/arch/x86/boot/bzImage" ] || die "no bzImage after the build (log: $log)"
# grep reads all of objdump's output: with grep -q and pipefail, objdump's
# SIGPIPE fails the test (its 5.6 kB come in two writes).
objdump -h "$tree/vmlinux" | grep '\.BTF ' >/dev/null || die "vmlinux has no .BTF section (pahole missing?)"
touch "$dir/done"
say "built in $(( $(date +%s) - t0 )) s"
echo "$tree"
