#!/bin/sh
# examples/cc: the bench workloads as plain C, one region each.  The cosy-cc
# build (cc-NAME) must run its region in the kernel (COSY_MODE=kernel, and
# -v says path=kernel for every run) and the cc build (cc-NAME.plain) must
# do the same work; both are checked against GNU coreutils on the same
# data, as t_workloads.sh checks the hand-written compounds.  Then the same
# through cosy-bench's cc and plain methods.
set -u
P=/cosy/bin	# cc-NAME, cc-NAME.plain and the host's GNU tools
GNU=/cosy/bin	# (the busybox shell prefers its own applets)
n=0
fail() { echo "# FAIL: $*"; exit 1; }
ok() { n=$((n + 1)); echo "ok $n $*"; }
[ -x "$P/cc-cp.plain" ] || { echo "# SKIP: $P/cc-cp.plain not built"; exit 77; }

# The compounds the cosy-cc builds cache hold cosy.ko: unpin them when the
# test ends, however it ends, so that later tests can unload the module.
unpin() {
	for d in /sys/fs/bpf/cosy/cc-cp-* /sys/fs/bpf/cosy/cc-cat_many-* /sys/fs/bpf/cosy/cc-grep_c-* \
		/sys/fs/bpf/cosy/cc-ls_l-* /sys/fs/bpf/cosy/cc-burst-* /sys/fs/bpf/cosy/cc-tr-* \
		/sys/fs/bpf/cosy/cc-append-* /sys/fs/bpf/cosy/cc-reverse-* /sys/fs/bpf/cosy/cc-head-*; do
		[ -e "$d" ] && { cosy-load unload "${d##*/}" >/dev/null || echo "# cannot unload ${d##*/}"; }
	done
}
trap unpin EXIT

# run TAG CMD...: stdout to TAG.out, stderr to TAG.err, status to TAG.rc
run() {
	tag=$1; shift
	"$@" >"$tag.out" 2>"$tag.err"
	echo $? >"$tag.rc"
}
# kernel TAG NAME ARGS...: the cosy-cc build, its region in the kernel
kernel() {
	tag=$1 name=$2; shift 2
	run "$tag" env COSY_MODE=kernel "$P/cc-$name" -v "$@"
	[ "$(cat "$tag.rc")" = 0 ] || { cat "$tag.err"; fail "cc-$name $*: exit $(cat "$tag.rc")"; }
	grep -q '^path=' "$tag.err" || { cat "$tag.err"; fail "cc-$name $*: no path= line"; }
	! grep '^path=' "$tag.err" | grep -qv '^path=kernel$' ||
		{ cat "$tag.err"; fail "cc-$name $*: a run did not take the kernel path"; }
}
# plain TAG NAME ARGS...: the cc build
plain() {
	tag=$1 name=$2; shift 2
	run "$tag" "$P/cc-$name.plain" "$@"
	[ "$(cat "$tag.rc")" = 0 ] || { cat "$tag.err"; fail "cc-$name.plain $*: exit $(cat "$tag.rc")"; }
}
# says TAG LINE: TAG.out is that one line
says() {
	[ "$(cat "$1.out")" = "$2" ] || fail "$1: '$(cat "$1.out")', expected '$2'"
}

# --- cp -----------------------------------------------------------------------------
head -c 3145739 /dev/urandom >big
head -c 4097 big >odd
: >empty
for f in big odd empty; do
	size=$(wc -c <$f)
	for chunk in 4096 65536; do
		kernel k cp $f out.k $chunk
		plain p cp $f out.p $chunk
		cmp $f out.k || fail "cc-cp $f $chunk: the copy differs"
		cmp $f out.p || fail "cc-cp.plain $f $chunk: the copy differs"
		says k "bytes $size"
		says p "bytes $size"
		rm -f out.k out.p
	done
done
ok "cp of 3 MiB, 4097 and 0 bytes, 4 KiB and 64 KiB chunks: both builds byte-identical"

# several runs: one time_ms= and one path= line each; then check mode
kernel k cp -n 3 -T big out.k 4096
[ "$(grep -c '^time_ms=[0-9]*\.[0-9][0-9][0-9]$' k.err)" = 3 ] || { cat k.err; fail "cc-cp -n 3 -T: not 3 time_ms= lines"; }
[ "$(grep -c '^path=kernel$' k.err)" = 3 ] || { cat k.err; fail "cc-cp -n 3: not 3 runs in the kernel"; }
cmp big out.k || fail "cc-cp -n 3: the copy differs"
run c env COSY_MODE=check "$P/cc-cp" -v big out.c 65536
[ "$(cat c.rc)" = 0 ] || { cat c.err; fail "cc-cp, COSY_MODE=check: exit $(cat c.rc)"; }
grep -q '^path=checked$' c.err || { cat c.err; fail "cc-cp, COSY_MODE=check: not checked"; }
cmp big out.c || fail "cc-cp, COSY_MODE=check: the copy differs"
ok "cp -n 3 -T: three timed runs in the kernel; COSY_MODE=check agrees"

# errors: exit 1 naming the file, as the plain build does
run k env COSY_MODE=kernel "$P/cc-cp" missing out.k 4096
run p "$P/cc-cp.plain" missing out.p 4096
[ "$(cat k.rc) $(cat p.rc)" = "1 1" ] || fail "cp of a missing file: exit $(cat k.rc) and $(cat p.rc)"
grep -q "^missing: No such file or directory$" k.err || { cat k.err; fail "cc-cp: missing file not named"; }
cmp -s k.err p.err || { cat k.err p.err; fail "cp of a missing file: the builds say different things"; }
run u "$P/cc-cp" big out.u 65537
[ "$(cat u.rc)" = 2 ] && grep -q "^usage: cc-cp" u.err || fail "cc-cp with CHUNK 65537: exit $(cat u.rc), not a usage error"
ok "cp: a missing input exits 1 naming it ($(cat k.err)), a bad CHUNK 2"

# --- cat-many -----------------------------------------------------------------------
mkdir files
i=0
while [ $i -lt 200 ]; do
	head -c $((i * 677 % 70001)) /dev/urandom >"files/f$(printf %05d $i)"
	i=$((i + 1))
done
$GNU/cat files/f* >cat.gnu
size=$(wc -c <cat.gnu)
kernel k cat-many files 200 cat.k
cmp cat.gnu cat.k || fail "cc-cat-many: output differs from GNU cat"
says k "bytes $size"
plain p cat-many files 200 cat.p
cmp cat.gnu cat.p || fail "cc-cat-many.plain: output differs from GNU cat"
says p "bytes $size"
run k env COSY_MODE=kernel "$P/cc-cat-many" files 201 cat.k
[ "$(cat k.rc)" = 1 ] && grep -q "^files/f00200: No such file or directory$" k.err ||
	{ cat k.err; fail "cat-many of 201 files: exit $(cat k.rc)"; }
ok "cat-many of 200 files (0..70000 B) == GNU cat, $size bytes; a missing f00200 is named"
# An input that is a FIFO without a writer: open(2) would wait for one,
# the module does not.  The region has truncated OUT and written f00000
# to it, which cannot be taken back and done again by the program's code:
# it stops, exit 3, saying why, rather than read the FIFO as empty.
mkdir fifos && cp files/f00001 fifos/f00000 && mkfifo fifos/f00001
run k timeout 60 "$P/cc-cat-many" fifos 2 cat.f
[ "$(cat k.rc)" = 3 ] || { cat k.err; fail "cat-many with a FIFO: exit $(cat k.rc), expected 3"; }
grep -q "stopped at line [0-9]*: it opened a file that open(2) or its reads and writes would wait on .* after work that cannot be undone" k.err ||
	{ cat k.err; fail "cat-many with a FIFO: the stop is not explained"; }
cmp -s files/f00001 cat.f || fail "cat-many with a FIFO: OUT is not f00000 alone"
ok "cat-many stops (exit 3) at a FIFO it cannot wait on after writing: $(grep -o 'stopped at line [0-9]*' k.err)"

# --- grep-c --------------------------------------------------------------------------
# Lines of every length, a 600 KB line, no final newline (t_workloads.sh's
# text); then an occurrence across the first 256 KiB read's end, and a
# line that matches in one read and ends in the next.
awk 'BEGIN { srand(7); for (i = 0; i < 40000; i++) { l = ""; n = int(rand() * 80);
	for (j = 0; j < n; j++) l = l sprintf("%c", 97 + int(rand() * 6));
	if (i % 7 == 0) l = l "needle"; print l } }' >text
x300k() { head -c 300000 /dev/zero | tr '\0' x; }
{ x300k; printf needle; x300k; printf '\nlast needle'; } >>text
{ yes 'abc def' | head -c 262141; printf 'needle\nabc\n'; } >across
{ yes 'abc def' | head -c 262130; printf 'needle and the rest\nneedle\n'; } >late
for f in text across late; do
	for pat in needle abc a "" "needle xx" zzzzzz; do
		want=$($GNU/grep -c -F -- "$pat" $f)
		kernel k grep-c $f "$pat"
		says k "matches $want"
		plain p grep-c $f "$pat"
		says p "matches $want"
	done
done
[ "$($GNU/grep -c -F needle across) $($GNU/grep -c -F needle late)" = "1 2" ] ||
	fail "grep-c: the test files are not what they should be"
ok "grep-c == GNU grep -c -F for 6 patterns over 3 texts, across 256 KiB reads"

# --- ls-l ----------------------------------------------------------------------------
# More entries than the region's array (2048): it runs more than once.
mklisting() {	# mklisting DIR: 3000 files and a few of every kind
	mkdir "$1" "$1/sub"
	(cd "$1" && seq 1 3000 | sed 's/^/entry/' | xargs touch)
	head -c 1234 /dev/urandom >"$1/file1"
	chmod 600 "$1/entry1"; chmod 755 "$1/entry2"; chmod 4711 "$1/entry3"; chmod 2640 "$1/entry6"
	chmod 1777 "$1/sub"
	touch -d @1000000000 "$1/entry4"
	mkfifo "$1/fifo"
	ln -s entry5 "$1/link"
	ln "$1/file1" "$1/hardlink"
}
# GNU prints "link -> entry5", aligns columns and sorts; cc-ls-l does not.
gnu_ls() { $GNU/ls -lnA --time-style=+%s "$1" | tail -n +2 | sed 's/ -> .*//' | tr -s ' ' | sort -k7; }
check_ls() {	# check_ls DIR WHERE
	gnu_ls "$1" >ls.gnu
	total=$(wc -l <ls.gnu)
	[ "$total" -gt 3000 ] || fail "ls-l $2: GNU ls lists $total entries"
	kernel k ls-l -l "$1"
	[ "$(grep -c '^path=' k.err)" = 1 ] || { cat k.err; fail "cc-ls-l -v: not one path= line"; }
	sort -k7 k.out >ls.k
	diff ls.k ls.gnu >ls.diff || { head ls.diff; fail "cc-ls-l $2 differs from GNU ls -lnA"; }
	kernel k ls-l -n 2 "$1"
	says k "entries $total"
	plain p ls-l -l "$1"
	sort -k7 p.out >ls.p
	diff ls.p ls.gnu >ls.diff || { head ls.diff; fail "cc-ls-l.plain $2 differs from GNU ls -lnA"; }
	plain p ls-l "$1"
	says p "entries $total"
	ok "ls-l of $total entries on $2 (region runs of 2048: more than one) == GNU ls -lnA fields"
}
mklisting tree
check_ls tree tmpfs
# ext4 with dir_index: the directory's offsets are hashes, where the next run resumes
if [ -r /cosy/ext4.img ] && mkdir ext && cp /cosy/ext4.img e.img && mount -t ext4 -o loop e.img ext; then
	mklisting ext/tree
	check_ls ext/tree ext4
	umount ext
else
	echo "# no /cosy/ext4.img or cannot mount it: ls-l on tmpfs only"
fi

# --- burst -----------------------------------------------------------------------------
kernel k burst -n 2 -T 20000
says k "reads 20000"
[ "$(grep -c '^time_ms=' k.err)" = 2 ] || { cat k.err; fail "cc-burst -n 2 -T: not 2 time_ms= lines"; }
run c env COSY_MODE=check "$P/cc-burst" -v 5000
[ "$(cat c.rc)" = 0 ] && grep -q '^path=checked$' c.err ||
	{ cat c.err; fail "cc-burst, COSY_MODE=check: exit $(cat c.rc)"; }
plain p burst 20000
says p "reads 20000"
[ -f burst.empty ] && [ ! -s burst.empty ] || fail "burst: no empty burst.empty"
ok "burst: 20000 zero-byte reads in the kernel and in user space; COSY_MODE=check agrees"

# --- tr, append, reverse: the loop-cost programs ------------------------------------
head -c 300000 /dev/urandom | base64 -w 77 >text.in
busybox tr a-z A-Z <text.in >text.want
kernel k tr text.in text.k
plain p tr text.in text.p
cmp text.want text.k || fail "cc-tr: output differs from tr a-z A-Z"
cmp text.want text.p || fail "cc-tr.plain: output differs from tr a-z A-Z"
says k "bytes $(wc -c <text.in)"
ok "tr a-z A-Z of $(wc -c <text.in) bytes: a per-byte loop in the kernel == busybox tr"

kernel k append rec.k 10000
plain p append rec.p 10000
seq 0 9999 | awk '{ printf "record %07d\n", $1 }' >rec.want
cmp rec.want rec.k || fail "cc-append: the log differs"
cmp rec.want rec.p || fail "cc-append.plain: the log differs"
says k "bytes 150000"
ok "append: 10000 O_APPEND records, formatted in the region, as in user space"

head -c $((4096 * 37)) /dev/urandom >rev.in
kernel k reverse rev.in rev.k 4096
kernel k reverse rev.k rev.kk 4096
cmp rev.in rev.kk || fail "cc-reverse twice is not the identity"
cmp -s rev.in rev.k && fail "cc-reverse did not reorder the blocks"
head -c 10001 /dev/urandom >odd.in
kernel k reverse odd.in odd.k 4096
plain p reverse odd.in odd.p 4096
cmp odd.k odd.p || fail "cc-reverse of 10001 bytes differs from its plain build"
tail -c 1809 odd.in >odd.last
head -c 1809 odd.k >odd.first
cmp odd.last odd.first || fail "cc-reverse: the short last block does not come first"
ok "reverse: blocks in reverse order with fstat/pread/pwrite, as the plain build"

# --- head: a short program; the second process attaches to the first's pin -----------
unpin
head -c 100 big >h.in
printf 'short' >h.short
run k1 env COSY_MODE=kernel COSY_VERBOSE=1 "$P/cc-head" -v h.in 64
run k2 env COSY_MODE=kernel COSY_VERBOSE=1 "$P/cc-head" -v h.in 64
for t in k1 k2; do
	[ "$(cat $t.rc)" = 0 ] && grep -q '^path=kernel$' $t.err || { cat $t.err; fail "cc-head: $t"; }
	says $t "bytes 64"
done
grep -q 'verified and pinned for later runs as cc-head-' k1.err || { cat k1.err; fail "cc-head: the first process did not pin"; }
grep -q 'attached to the compound an earlier run pinned as cc-head-' k2.err ||
	{ cat k2.err; fail "cc-head: the second process did not attach to the pin"; }
kernel k head h.short 64
plain p head h.short 64
says k "bytes 5"
says p "bytes 5"
ok "head: the second process attaches to the compound the first pinned; as the plain build"

# --- through cosy-bench ---------------------------------------------------------------
# Its cc and plain methods run these programs; every method's result must agree.
bench() {	# bench METHODS WORKLOAD ARGS...
	m=$1; shift
	run b cosy-bench -r 1 -w 0 -m "cosy,$m" "$@"
	[ "$(cat b.rc)" = 0 ] || { cat b.out b.err; fail "cosy-bench -m cosy,$m $*: exit $(cat b.rc)"; }
	for x in $(echo "$m" | tr , ' '); do
		grep -q "^$x " b.out || { cat b.out; fail "cosy-bench $*: no $x row"; }
	done
}
bench cc,plain cp big out.b 65536
bench cc,plain cat-many files 200 cat.b
bench cc,plain grep-c text needle
bench cc,plain ls-l tree
bench cc,plain burst 3000
grep -q '^cc  *3000  *n/a  *n/a ' b.out || { cat b.out; fail "cosy-bench burst: the cc row is not 3000 n/a n/a"; }
for w in "tr text.in text.b" "append rec.b 2000" "reverse rev.in rev.b 4096"; do
	run b cosy-bench -r 1 -w 0 $w
	[ "$(cat b.rc)" = 0 ] || { cat b.out b.err; fail "cosy-bench $w: exit $(cat b.rc)"; }
	grep -q '^cc ' b.out && grep -q '^plain ' b.out || { cat b.out; fail "cosy-bench $w: no cc or plain row"; }
done
run b cosy-bench -r 1 -w 1 startup h.in 3
[ "$(cat b.rc)" = 0 ] || { cat b.out b.err; fail "cosy-bench startup: exit $(cat b.rc)"; }
for x in cc cc-verify cc-user plain; do
	grep -q "^$x  *64 " b.out || { cat b.out; fail "cosy-bench startup: no $x row of 64 bytes"; }
done
ok "cosy-bench's cc and plain methods agree with its cosy method on every workload"

echo "# $n checks passed"
