#!/bin/sh
# Runs in the guest (make bench): every workload, every method, same data,
# repetitions in three groups (cosy-bench's default; -I would interleave
# all): the in-process methods, io_uring, the methods that start processes.  Each workload's result is one JSON line tagged
# BENCH-JSON for the host (scripts/bench-report.sh); tables go to stdout.
#   bench-guest.sh [-f tmpfs|ext4] [-c warm|cold] REPS SIZE_MB NFILES NENTRIES NBURST [WORKLOAD...]
# A WORKLOAD curve:NAME:N1,N2,... (make bench-curves) sweeps burst (calls),
# cat-many (4 KiB files), ls-l (entries) or cp (bytes, 4 KiB chunks) over
# those sizes with cosy, the loop, io_uring (tuned, depth 32: no sweep per
# size) and the floor: one BENCH-JSON line per size, labelled NAME@N
# (scripts/bench-curves.sh).  du walks a tree of 10 x NENTRIES entries and
# pack archives 10 x NFILES files: whole programs, exec to exit.
# -f: where the data lives: tmpfs (the cwd, init's /work) or ext4 on the
#     virtio disk whose serial is cosy-disk (vm.sh --disk), mounted at
#     /mnt/bench.  -c cold: every timed run starts with the caches dropped
#     (cosy-bench -C); warm: the data stays cached from its creation or the
#     warm-up rep on.
set -eu
fs=tmpfs cache=warm
while getopts f:c: opt; do
	case $opt in
	f) fs=$OPTARG ;;
	c) cache=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
reps=$1 size_mb=$2 nfiles=$3 nentries=$4 nburst=$5
shift 5
only=${*:-"burst cat-many ls-l grep-c cp cp64k du pack tr append reverse startup"}
say() { echo "== $*" >&2; }
die() { echo "bench-guest: error: $*" >&2; exit 1; }
cold=
case $fs-$cache in
ext4-warm | tmpfs-warm) ;;
ext4-cold) cold=-C ;;
tmpfs-cold) die "-c cold needs -f ext4: tmpfs files live in the page cache, nothing to drop" ;;
*) die "want -f tmpfs|ext4 and -c warm|cold, not '$fs' and '$cache'" ;;
esac
run() {	# label, then cosy-bench options and workload
	label=$1
	shift
	cosy-bench -j -r "$reps" -w 1 $cold "$@" > bench.json
	echo "BENCH-JSON $(sed "s/^{\"workload\":\"[^\"]*\"/{\"workload\":\"$label\"/" bench.json)"
}

# io-wq punts are counted from a tracepoint (cosy-bench's io_uring baselines).
[ -d /sys/kernel/tracing/events ] || mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null ||
	say "no tracefs: io-wq punts not counted"
# The floor (tests/floor): cosy-bench's method floor, where it is built.
if [ -f /cosy/kmod/cosy_floor.ko ] && [ ! -e /dev/cosy-floor ]; then
	insmod /cosy/kmod/cosy_floor.ko || say "cosy_floor.ko did not load: no floor"
fi
floor=
if [ -e /dev/cosy-floor ]; then floor=,floor; fi
mnt=$PWD
if [ "$fs" = ext4 ]; then
	dev=
	for s in /sys/block/vd*/serial; do
		[ "$(cat "$s" 2>/dev/null)" = cosy-disk ] || continue
		dev=${s%/serial}
		dev=/dev/${dev##*/}
	done
	[ -n "$dev" ] || die "no virtio disk with serial cosy-disk (vm.sh --disk; virtio_blk loaded?)"
	mnt=/mnt/bench
	mkdir -p "$mnt"
	mount -t ext4 "$dev" "$mnt" || die "cannot mount $dev (ext4) on $mnt"
	cd "$mnt"
fi
# What the data sits on, for the reader: the last mount at $mnt is the one
# in use; "sched" is the block device's I/O scheduler (null for tmpfs).
# shellcheck disable=SC2046 # mount fields have no spaces
set -- $(awk -v m="$mnt" '$2 == m { d = $1; t = $3; o = $4 } END { print d, t, o }' /proc/mounts)
mdev=$1 mtype=$2 mopts=$3
[ "$mtype" = "$fs" ] || die "$mnt is $mtype, not $fs"
msize=$(df -Pk "$mnt" | awk 'NR == 2 { print int($2 / 1024) }')
sched=null
if [ "$fs" = ext4 ]; then
	sched=$(sed 's/.*\[\(.*\)\].*/\1/' "/sys/block/${mdev##*/}/queue/scheduler")
	say "data on $mdev ($mtype, $mopts, I/O scheduler $sched) at $mnt, $cache caches"
	sched=\"$sched\"
else
	say "data on $mtype ($mopts) at $mnt, $cache caches"
fi
df -h "$mnt" >&2

echo "BENCH-ENV {\"kernel\":\"$(uname -r)\",\"vcpus\":$(nproc),\"fs\":\"$fs\",\"cache\":\"$cache\",\"data\":{\"dev\":\"$mdev\",\"type\":\"$mtype\",\"mount_opts\":\"$mopts\",\"fs_size_mb\":$msize,\"sched\":$sched},\"reps\":$reps,\"size_mb\":$size_mb,\"nfiles\":$nfiles,\"nentries\":$nentries,\"nburst\":$nburst}"
# make_files DIR FROM TO: DIR/f00000.. 4 KiB each, FROM to TO-1 (one awk,
# no process per file: 10^5 files in seconds, not minutes).
make_files() {
	mkdir -p "$1"
	awk -v d="$1" -v a="$2" -v b="$3" 'BEGIN { s = "cosy"; while (length(s) < 4096) s = s s
		s = substr(s, 1, 4095) "\n"
		for (i = a; i < b; i++) { f = sprintf("%s/f%05d", d, i); printf "%s", s > f; close(f) } }'
}
# make_entries DIR FROM TO: empty files DIR/entryFROM.. (ls-l's directory).
make_entries() {
	mkdir -p "$1"
	awk -v d="$1" -v a="$2" -v b="$3" 'BEGIN {
		for (i = a; i < b; i++) { f = d "/entry" i; printf "" > f; close(f) } }'
}
# make_tree DIR N: about N entries for du: three levels of ten directories,
# N/1000 files of 0..5 KiB in each of the 1000 leaves (one awk for the files).
make_tree() {
	awk -v d="$1" 'BEGIN { for (i = 0; i < 1000; i++)
		printf "%s/d%d/d%d/d%d\n", d, i / 100, i / 10 % 10, i % 10 }' | xargs mkdir -p
	awk -v d="$1" -v per=$(($2 / 1000 > 1 ? $2 / 1000 - 1 : 1)) 'BEGIN { s = "du";
		while (length(s) < 5000) s = s s
		for (i = 0; i < 1000; i++) for (f = 0; f < per; f++) {
			p = sprintf("%s/d%d/d%d/d%d/f%d", d, i / 100, i / 10 % 10, i % 10, f)
			printf "%s", substr(s, 1, (i * 31 + f * 397) % 5000) > p; close(p) } }'
}
curve() {	# NAME SIZES
	name=$1 have=0
	for n in $(echo "$2" | tr , ' '); do
		case $name in
		burst) args="burst $n" ;;
		cat-many)
			[ "$n" -le 100000 ] || die "curve: cat-many takes at most 100000 files"
			[ "$have" -ge "$n" ] || make_files cfiles "$have" "$n"
			have=$((have > n ? have : n))
			args="cat-many cfiles $n cat.out" ;;
		ls-l)
			[ "$have" -ge "$n" ] || make_entries cdir "$have" "$n"
			have=$((have > n ? have : n))
			args="ls-l cdir" ;;
		cp)
			head -c "$n" /dev/urandom > cbig
			args="cp cbig cbig.out 4096" ;;
		*) die "curve: no workload '$name' (burst, cat-many, ls-l, cp)" ;;
		esac
		[ "$name" != ls-l ] || [ "$have" -eq "$n" ] || die "curve: ls-l sizes must rise"
		say "curve: $name at $n"
		# shellcheck disable=SC2086 # args are words
		run "$name@$n" -m "cosy,loop,uring$floor" -U tuned:32 $args
	done
	rm -rf cfiles cdir cbig cbig.out cat.out burst.empty
}

for w in $only; do
	case $w in
	curve:*:*)
		w=${w#curve:}
		curve "${w%%:*}" "${w#*:}" ;;
	burst)
		# cosy-dev: the same compound through /dev/cosy, approved for root here
		cosy-load approve "$COSY_BPF_DIR/burst.bpf.o" name burst user 0 >/dev/null
		say "burst: $nburst zero-byte reads"
		run burst burst "$nburst"
		say "burst: one read, the fixed cost of a run (bpf(2) against /dev/cosy)"
		run burst-1 -m "cosy,cosy-dev,loop$floor" burst 1
		cosy-load revoke burst ;;
	cat-many)
		say "cat-many: $nfiles x 4 KiB files"
		make_files files 0 "$nfiles"
		run cat-many cat-many files "$nfiles" cat.out
		rm -rf files cat.out ;;
	du)
		ndu=$((nentries * 10))
		say "du: a tree of about $ndu entries, whole programs"
		make_tree tree "$ndu"
		# the compound cached, as an administrator would: cosy-du attaches to it
		cosy-load load "$COSY_BPF_DIR/du.bpf.o" name du >/dev/null
		run du du tree
		cosy-load unload du >/dev/null
		rm -rf tree ;;
	pack)
		npack=$((nfiles * 10))
		say "pack: $npack x 4 KiB files into one ustar archive, whole programs"
		make_files pfiles 0 "$npack"
		cosy-load load "$COSY_BPF_DIR/pack.bpf.o" name pack >/dev/null
		run pack pack pfiles "$npack" pack.out
		cosy-load unload pack >/dev/null
		rm -rf pfiles pack.out ;;
	ls-l)
		say "ls-l: $nentries entries"
		mkdir -p dir
		(cd dir && seq 1 "$nentries" | sed 's/^/entry/' | xargs touch)
		run ls-l ls-l dir
		rm -rf dir ;;
	grep-c)
		say "grep-c: $size_mb MiB of text"
		awk 'BEGIN { srand(3); for (i = 0; i < 20000; i++) { n = int(rand() * 100); l = "";
			for (j = 0; j < n; j += 5) l = l substr("lorem ipsum dolor sit amet ", 1 + int(rand() * 20), 5);
			if (i % 13 == 0) l = l " needle"; print l } }' > block
		: > text
		while [ "$(wc -c < text)" -lt $((size_mb * 1048576)) ]; do cat block >> text; done
		run grep-c grep-c text needle
		rm -f text block ;;
	cp)
		say "cp: $size_mb MiB, 4 KiB chunks"
		head -c $((size_mb * 1048576)) /dev/urandom > big
		run cp cp big big.out 4096
		rm -f big.out ;;
	cp64k)
		say "cp: $size_mb MiB, 64 KiB chunks"
		[ -f big ] || head -c $((size_mb * 1048576)) /dev/urandom > big
		run cp-64k -m cosy,loop,uring,cc,plain cp big big.out 65536
		rm -f big big.out ;;
	tr)
		say "tr a-z A-Z: 256 KiB of text, a byte at a time"
		head -c 196608 /dev/urandom | base64 -w 76 | head -c 262144 > text.in
		run tr tr text.in text.out
		rm -f text.in text.out ;;
	append)
		say "append: 10000 records of 15 bytes, O_APPEND"
		run append append records.log 10000
		rm -f records.log ;;
	reverse)
		say "reverse: 4 MiB in 4 KiB blocks, pread/pwrite"
		head -c 4194304 /dev/urandom > rev.in
		run reverse reverse rev.in rev.out 4096
		rm -f rev.in rev.out ;;
	startup)
		say "startup: a short program (one region, 3 calls) started 20 times, whole process"
		echo "the first line of a short file" > head.in
		run startup startup head.in 20
		rm -f head.in ;;
	esac
done
cd /
if [ "$fs" = ext4 ]; then
	umount "$mnt"
fi
