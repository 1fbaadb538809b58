#!/bin/sh
# The workload compounds against GNU coreutils on the same data: cp and
# cat-many byte for byte, grep-c's count, ls-l's fields (type, mode, links,
# owner, size, mtime, name).  cosy-bench also fails by itself if any method
# disagrees with the others.
set -u
fail() { echo "# FAIL: $*"; exit 1; }
n=0
ok() { n=$((n + 1)); echo "ok $n $*"; }
GNU=/cosy/bin	# the host's GNU tools (the busybox shell prefers its applets)

head -c 3000001 /dev/urandom > big
# 1-byte chunks: 400k calls, within the default call budget; cosy-bench asks
# for the module's time cap (the KASAN kernel under load overran 10 s).
head -c 200001 big > small
cosy-bench -r 1 -w 0 -m cosy,gnu cp small c.1 1 >/dev/null || fail "cp chunk 1"
cmp small c.1 || fail "cp chunk 1 differs"
for chunk in 4096 65536; do
	cosy-bench -r 1 -w 0 -m cosy,gnu cp big c.$chunk "$chunk" >/dev/null || fail "cp chunk $chunk"
	cmp big c.$chunk || fail "cp chunk $chunk differs"
done
cosy-bench -r 1 -w 0 -m cosy-copy cp big c.copy 4096 >/dev/null || fail "cp_copy"
cmp big c.copy || fail "cp_copy differs"
ok "cp (1 B, 4 KiB, 64 KiB chunks) and cp_copy are byte-identical to the input and to GNU cp"

mkdir files
i=0
while [ $i -lt 300 ]; do
	head -c $((i * 37 % 9000)) /dev/urandom > files/f$(printf %05d $i)
	i=$((i + 1))
done
cosy-bench -r 1 -w 0 -m cosy cat-many files 300 cat.cosy >/dev/null || fail "cat-many"
$GNU/cat files/f* > cat.gnu
cmp cat.cosy cat.gnu || fail "cat-many differs from GNU cat"
ok "cat-many of 300 files (0..8999 B, several chunks) == GNU cat"
# The same with fds in the table, then with every open walking its path.
for m in cosy-fdtable cosy-walk; do
	cosy-bench -r 1 -w 0 -m $m cat-many files 300 cat.$m >/dev/null || fail "cat-many $m"
	cmp cat.$m cat.gnu || fail "cat-many $m differs from GNU cat"
done
[ "$(cat /sys/module/cosy/parameters/fast_lookup)" = Y ] || fail "cosy-walk left fast_lookup off"
ok "cat-many: cosy-fdtable and cosy-walk == GNU cat, fast_lookup back on"

# Lines of every length, a pattern straddling 256 KiB chunk cuts, no final newline.
awk 'BEGIN { srand(7); for (i = 0; i < 40000; i++) { l = ""; n = int(rand() * 80);
	for (j = 0; j < n; j++) l = l sprintf("%c", 97 + int(rand() * 6));
	if (i % 7 == 0) l = l "needle"; print l } }' > text
x300k() { head -c 300000 /dev/zero | tr '\0' x; }
{ x300k; printf needle; x300k; printf '\nlast needle'; } >> text
for pat in needle abc a "" "needle xx" zzzzzz; do
	want=$($GNU/grep -c -F -- "$pat" text)
	got=$(cosy-bench -j -r 1 -w 0 -m cosy grep-c text "$pat" | sed 's/.*"result":\([0-9]*\).*/\1/')
	[ "$got" = "$want" ] || fail "grep-c '$pat': cosy $got, GNU $want"
done
ok "grep-c == GNU grep -c -F for 6 patterns, incl. a 600 KB line and no final newline"

mkdir tree tree/sub
i=0
while [ $i -lt 500 ]; do
	head -c $i /dev/urandom > tree/file$i
	i=$((i + 1))
done
chmod 600 tree/file1; chmod 755 tree/file2; chmod 4711 tree/file3; chmod 2640 tree/file6
chmod 1777 tree/sub
touch -d @1000000000 tree/file4
mkfifo tree/fifo
ln -s file5 tree/link
cosy-bench --print ls-l tree | sort -k7 > ls.cosy || fail "ls-l"
# GNU prints "link -> file5"; the compound lists names only.
$GNU/ls -lnA --time-style=+%s tree | tail -n +2 | sed 's/ -> .*//' | tr -s ' ' | sort -k7 > ls.gnu
diff ls.cosy ls.gnu > ls.diff || { head ls.diff; fail "ls-l differs from GNU ls -lnA"; }
[ "$(wc -l < ls.cosy)" -eq 503 ] || fail "ls-l: $(wc -l < ls.cosy) entries"
ok "ls-l of 503 entries (files, dir, fifo, symlink, setuid) == GNU ls -lnA fields"

# More entries than one run's segment holds (11 706 records): the listing
# takes two runs, the second from where the first stopped, no name lost or
# doubled; on tmpfs (positions are cursors) and on ext4 (name hashes).
mkdir -p ext
{ cp /cosy/ext4.img ext.img && mount -o loop ext.img ext; } || fail "cannot loop-mount the ext4 image"
for where in . ext; do
	mkdir "$where/many" || fail "mkdir $where/many"
	awk -v d="$where/many" 'BEGIN { for (i = 0; i < 15000; i++) { f = d "/e" i; printf "" > f; close(f) } }'
	cosy-bench --print ls-l "$where/many" | awk '{ print $7 }' | sort > big.cosy || fail "ls-l big ($where)"
	$GNU/ls -A "$where/many" | sort > big.gnu
	[ "$(wc -l < big.gnu)" -eq 15000 ] || fail "only $(wc -l < big.gnu) files made in $where"
	cmp -s big.cosy big.gnu || { diff big.cosy big.gnu | head; fail "ls-l of 15000 entries in $where differs"; }
	cosy-bench -r 1 -w 0 -m cosy,cosy-walk,loop ls-l "$where/many" >/dev/null ||
		fail "ls-l bench big ($where)"
	rm -rf "$where/many"
done
umount ext
ok "ls-l of 15 000 entries (two runs) on tmpfs and ext4 == GNU ls -A, each name once"

cosy-bench -r 1 -w 0 burst 1000 >/dev/null || fail "burst"
ok "burst: compound, loop and io_uring agree"

# The io_uring baselines, both variants, at depths that split the work
# evenly and not: cosy-bench fails if one disagrees with the loop, and the
# copies are compared byte for byte; on tmpfs and on ext4.
[ -d /sys/kernel/tracing/events ] || mount -t tracefs tracefs /sys/kernel/tracing ||
	fail "cannot mount tracefs (io-wq punts are counted from a tracepoint)"
mount -o loop ext.img ext || fail "cannot loop-mount the ext4 image again"
cp -r files ext/files
for where in . ext; do
	for u in basic:1 basic:32 tuned:1 tuned:7 tuned:256; do
		what="io_uring -U $u in $where"
		cosy-bench -r 1 -w 0 -m loop,uring -U $u cp big "$where/u.cp" 4096 >/dev/null &&
			cmp big "$where/u.cp" || fail "$what: cp"
		cosy-bench -r 1 -w 0 -m loop,uring -U $u cat-many "$where/files" 300 "$where/u.cat" \
			>/dev/null && cmp "$where/u.cat" cat.gnu || fail "$what: cat-many"
		cosy-bench -r 1 -w 0 -m loop,uring -U $u ls-l "$where/files" >/dev/null || fail "$what: ls-l"
		(cd "$where" && cosy-bench -r 1 -w 0 -m loop,uring -U $u burst 1000 >/dev/null) ||
			fail "$what: burst"
	done
done
umount ext
ok "io_uring baselines (basic and tuned, depths 1, 7, 32, 256) agree with the loops on tmpfs and ext4"

# statx has no non-blocking path, so io_uring hands every one to io-wq:
# the punt counter must count exactly the entries listed.
for u in basic:8 tuned:8; do
	got=$(cosy-bench -j -r 1 -w 0 -m uring -U $u ls-l tree | sed 's/.*"punts":\([0-9a-z]*\).*/\1/')
	[ "$got" = 503 ] || fail "io_uring -U $u: ls-l of 503 entries counted $got io-wq punts"
done
ok "io-wq punts counted: one per statx"

# Without -U the baseline is swept: 2 variants x 3 depths, the fastest kept.
cosy-bench -j -r 1 -w 0 -m loop,uring burst 200 > sweep.json || fail "the io_uring sweep failed"
grep -q '"uring":{"cfg":"\(basic\|tuned\):[0-9]*","sweep":\[' sweep.json || fail "no io_uring sweep: $(cat sweep.json)"
[ "$(grep -o '"cfg"' sweep.json | wc -l)" -eq 7 ] || fail "the sweep is not 6 configurations: $(cat sweep.json)"
ok "io_uring swept over variants and depths when not told which"

# Methods that start processes (GNU cat) have their reps apart, after the
# others; -I interleaves them all again.  Every method still agrees.
cosy-bench -j -r 2 -w 1 -m cosy,loop,gnu cat-many files 300 ord.out > ord.json 2> ord.err ||
	fail "cosy-bench apart: $(cat ord.err)"
grep -q '"order":"apart"' ord.json || fail "not apart: $(cat ord.json)"
for m in cosy loop gnu; do
	want=false
	[ $m = gnu ] && want=true
	grep -q "\"method\":\"$m\",[^}]*\"process\":$want" ord.json ||
		fail "$m is not process:$want: $(cat ord.json)"
done
grep -n 'rep' ord.err | sed -n '1p;2p;3p;4p;5p' > ord.reps
sed -n 1p ord.reps | grep -q 'rep 1/3 (warm-up)' &&
	sed -n 2p ord.reps | grep -q 'rep 2/3 (in-process methods)' &&
	sed -n 3p ord.reps | grep -q 'rep 3/3 (in-process methods)' &&
	sed -n 4p ord.reps | grep -q 'rep 2/3 (process methods)' &&
	sed -n 5p ord.reps | grep -q 'rep 3/3 (process methods)' || fail "rep order: $(cat ord.err)"
cmp ord.out cat.gnu || fail "cat-many apart differs from GNU cat"
cosy-bench -j -I -r 1 -w 1 -m cosy,gnu cat-many files 300 ord.out > ord.json 2> ord.err ||
	fail "cosy-bench -I: $(cat ord.err)"
grep -q '"order":"interleaved"' ord.json || fail "-I not interleaved: $(cat ord.json)"
ok "process methods timed apart from in-process ones (-I: interleaved)"
echo "# $n checks passed"
