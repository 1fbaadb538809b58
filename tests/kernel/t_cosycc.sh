#!/bin/sh
# Programs built with cosy-cc (on the host, by compiler/build.mk): the same
# source run as a compound (COSY_MODE=kernel), as its fallback
# (COSY_MODE=user), both compared (COSY_MODE=check), and built with plain cc
# (NAME.plain) must leave the same files, print the same lines and exit
# with the same status.  Then what only the kernel path has: budgets, the
# fallback when the module or CAP_BPF is missing.
set -u
P=$COSY_TESTS_DIR/cosycc
n=0
fail() { echo "# FAIL: $*"; exit 1; }
# The compounds the runs cache (cc-*) hold cosy.ko: a failing check must not
# leave them to fail the tests after this one.
unpin_all() {
	for d in /sys/fs/bpf/cosy/cc-*; do
		[ -e "$d" ] && cosy-load unload "${d##*/}" >/dev/null 2>&1
	done
	return 0
}
Y=/sys/module/cosy/parameters/yield_us
old_yield=$(cat $Y 2>/dev/null || echo 20000)
trap 'unpin_all; echo "$old_yield" >$Y 2>/dev/null' EXIT
ok() { n=$((n + 1)); echo "ok $n $*"; }
. "$COSY_TESTS_DIR/lib.sh"
[ -x "$P/cp" ] || { echo "# SKIP: $P/cp not built"; exit 77; }

# run TAG CMD...: stdout to TAG.out, stderr to TAG.err, status to TAG.rc
run() {
	tag=$1; shift
	"$@" >"$tag.out" 2>"$tag.err"
	echo $? >"$tag.rc"
}
same() {	# same A B: A.out/A.rc equal B.out/B.rc
	cmp -s "$1.out" "$2.out" || { diff "$1.out" "$2.out"; cat "$1.err" "$2.err"; fail "$1 and $2 print different lines"; }
	cmp -s "$1.rc" "$2.rc" || fail "$1 exits $(cat "$1.rc"), $2 exits $(cat "$2.rc")"
}
path_is() {	# path_is TAG PATH: the region ran that way
	grep -q "^path=$2" "$1.err" || { cat "$1.err"; fail "$1: not path=$2"; }
}
# agree PROG ARG...: in the kernel, checked, and the plain build: the same
agree() {
	prog=$1; shift
	run k env COSY_MODE=kernel "$P/$prog" "$@"
	run c env COSY_MODE=check "$P/$prog" "$@"
	run p "$P/$prog.plain" "$@"
	path_is k kernel
	path_is c checked
	same k p
	same c p
}
# agree_in FILE PROG ARG...: as agree, each run with stdin from FILE
agree_in() {
	stdin_=$1 prog=$2; shift 2
	run k env COSY_MODE=kernel "$P/$prog" "$@" <"$stdin_"
	run c env COSY_MODE=check "$P/$prog" "$@" <"$stdin_"
	run p "$P/$prog.plain" "$@" <"$stdin_"
	path_is k kernel
	path_is c checked
	same k p
	same c p
}

# --- the HotOS'03 copy: kernel, fallback, check, plain -------------------------
for size in 0 1 4095 4096 4097 65536 67108864; do
	head -c "$size" /dev/urandom >in
	run k env COSY_MODE=kernel "$P/cp" in out.k
	run u env COSY_MODE=user "$P/cp" in out.u
	run c env COSY_MODE=check "$P/cp" in out.c
	run p "$P/cp.plain" in out.p
	path_is k kernel
	path_is u user
	path_is c checked
	same k p
	same u p
	same c p
	for f in out.k out.u out.c out.p; do
		cmp -s in "$f" || fail "$size bytes: $f differs from the input"
	done
	[ "$(cat k.rc)" = 0 ] || { cat k.err; fail "$size bytes: exit $(cat k.rc)"; }
	rm -f in out.*
	ok "cp of $size bytes: compound, fallback, check and plain cc agree"
done

# a missing input: open fails, the rest runs on -1, errno as in user space
run k env COSY_MODE=kernel "$P/cp" missing out.k
run u env COSY_MODE=user "$P/cp" missing out.u
run p "$P/cp.plain" missing out.p
path_is k kernel
same k p
same u p
grep -q "ifd -1" k.out || fail "missing input: $(cat k.out)"
ok "cp of a missing file: same errno and results ($(cut -d' ' -f5- k.out))"

# a read-only output: EROFS from open(O_CREAT) in both
head -c 5000 /dev/urandom >in
mkdir ro && mount -t tmpfs -o ro tmpfs ro || fail "cannot mount a read-only tmpfs"
run k env COSY_MODE=kernel "$P/cp" in ro/out
run p "$P/cp.plain" in ro/out
umount ro
path_is k kernel
same k p
grep -q "ofd -1" k.out || fail "read-only output: $(cat k.out)"
ok "cp to a read-only file system: open fails, the rest as in user space"

# an existing output file is truncated, its mode kept
head -c 300 /dev/urandom >small
head -c 9000 /dev/urandom >out.k
chmod 0600 out.k
run k env COSY_MODE=kernel "$P/cp" small out.k
cmp -s small out.k || fail "existing output not truncated and rewritten"
[ "$(stat -c %a out.k)" = 600 ] || fail "mode of an existing output changed"
run k env COSY_MODE=kernel "$P/cp" small new.k
want=$(printf '%o' $((0644 & ~0$(umask))))
[ "$(stat -c %a new.k)" = "$want" ] || fail "new output mode $(stat -c %a new.k), want $want"
ok "cp: O_TRUNC on an existing output, 0644 & ~umask on a new one"

# --- every construct of the subset ---------------------------------------------------
mkdir dk du dc dp
run k env COSY_MODE=kernel "$P/features" dk
run u env COSY_MODE=user "$P/features" du
run c env COSY_MODE=check "$P/features" dc
run p "$P/features.plain" dp
same k p
same u p
# check mode runs the region twice; stdout, a file, is put back at the
# offset the compound began at, so the original's write lands on the
# compound's and the output is the plain build's
same c p
grep -q "region fds .* uses 2 of the program's fds (fd [0-9]*, ...): the original reads and writes them again from the offset the compound began at$" c.err ||
	{ cat c.err; fail "check does not say how it repeats stdout"; }
# regions that open files O_RDWR: the original reads what the compound wrote
grep -q "may open files for reading and writing (O_RDWR): the original reads what the compound wrote there" c.err ||
	{ cat c.err; fail "check does not say a file opened O_RDWR is changed twice"; }
# appended to (>>), stdout gets both runs' write, and check says so
mkdir da
COSY_MODE=check "$P/features" da >>ca.out 2>ca.err
[ "$(grep -c "hello from the region" ca.out)" = 2 ] || { cat ca.out ca.err; fail "check with stdout appended: the region's write not twice"; }
grep -q "region fds .* one has no offset or appends (a pipe, a terminal, O_APPEND)" ca.err ||
	{ cat ca.err; fail "check does not say stdout appends"; }
for r in arith loops switches files errors fds returns memory stats globals closes strings pointers dents gotos searches names compares splits dnames casts; do
	grep -q "^$r: kernel" k.err || { cat k.err; fail "region $r did not run in the kernel"; }
	grep -q "^$r: checked" c.err || { cat c.err; fail "region $r was not checked"; }
done
cmp -s dk/files.dat dp/files.dat || fail "features: files.dat differs"
grep -q "^returns: j=9 5=31 #=-3 none=-1 stopped=-1 missing=-2$" k.out || { cat k.out; fail "returns: wrong values"; }
grep -q "^memory: bytes=33 lines=3 classes=4,18,2,9 first=H last=10 most=32 x4 c=H r=341 saved=33,3$" k.out || { cat k.out; fail "memory: wrong values"; }
grep -q "^stats: size=200 reg=1 mode=640 same=1 lnk=1 lsize=8 blocks=1 dir=1 nlink=2 r1=0 r2=-1 errno=No such file or directory$" k.out || { cat k.out; fail "stats: wrong values"; }
grep -q "^casts: strchr / 1, strrchr / 5 . 11 x 2, strchr NUL 14$" k.out || { cat k.out; fail "casts: strchr/strrchr wrong"; }
grep -q "^casts: unknown open flags ignored: 1,1$" k.out || { cat k.out; fail "casts: open flags open(2) ignores made the open fail"; }
grep -q "^globals: n=15 reads=1 buf=Hello$" k.out || { cat k.out; fail "globals: wrong values"; }
grep -q "^closes: r1=0 r3=-2$" k.out || { cat k.out; fail "closes: wrong values"; }
grep -q "^strings: n=40,9,1 c=0,1,0 tmp=beta/42 line=hehelloworld buf=---$" k.out || { cat k.out; fail "strings: wrong values"; }
grep -q "^pointers: lines=3 words=5 copy=one two total=33 found=1 dist=10 q=four$" k.out || { cat k.out; fail "pointers: wrong values"; }
grep -q "^dents: entries=8 regs=6 dirs=1 bytes=835 more=1$" k.out || { cat k.out; fail "dents: wrong values"; }
grep -q "^gotos: W=70 7=280 none=-10 missing=-9$" k.out || { cat k.out; fail "gotos: wrong values"; }
grep -q "^names: t=0,-1 s=0,0 size=4 u=0,-1,-1,-1,0 e=2,2,21 gone=1$" k.out || { cat k.out; fail "names: wrong values"; }
grep -q "region names (.*) unlinks names" c.err || { cat c.err; fail "check mode did not say that region names unlinks"; }
grep -q "region names (.*) calls ftruncate(): the original runs on files the compound already cut" c.err || { cat c.err; fail "check mode did not say that region names truncates"; }
grep -q "^compares: -1 0 0 -1 -25 99 0 1 dots=2$" k.out || { cat k.out; fail "compares: wrong values"; }
grep -q "^splits: parts=4 total=112 bad=0 num=0002508 last=part.3$" k.out || { cat k.out; fail "splits: wrong values"; }
ok "21 regions (arithmetic, loops, switch, files, errno, fds, return, memory, stat, globals, close, string.h, pointers, getdents64, goto, searches, unlink/fsync/ftruncate, strcmp, a file per turn, d->d_name[k], casts of buf + off, strchr/strrchr) agree in every mode"

# The same 21 through /dev/cosy: each region object approved (cosy-load
# picks the variant cosy-cc made for unprivileged callers, which fetches an
# element at a variable offset with cosy_at()), run by root forced onto the
# device path.  Every region must attach there, and print what plain C does.
# 7.x's verifier gives up on one of them under the unprivileged rules (its
# 1M-instruction limit): that refusal is allowed, for that reason only, and
# the region then runs in user space with the same output.
refused=0
for o in "$P"/features.bpf/*.bpf.o; do
	if ! cosy-load approve "$o" user 0 >/dev/null 2>approve.err; then
		grep -q "BPF program is too large" approve.err || { cat approve.err; fail "$o: not approved for /dev/cosy"; }
		echo "# note: $(head -n 1 approve.err)"
		refused=$((refused + 1))
	fi
done
[ "$refused" -le 1 ] || fail "$refused regions refused for /dev/cosy"
mkdir dd
run d env COSY_VIA=dev COSY_MODE=kernel COSY_VERBOSE=1 "$P/features" dd
same d p
n_dev=$(grep -c "attached through /dev/cosy" d.err)
[ "$n_dev" = $((21 - refused)) ] || { cat d.err; fail "$n_dev of $((21 - refused)) approved regions attached through /dev/cosy"; }
cmp -s dd/files.dat dp/files.dat || fail "features through /dev/cosy: files.dat differs"
cosy-load -j list | tr ',' '\n' | grep -o '"name":"cc-[^"]*"' | cut -d'"' -f4 |
	while read -r a; do cosy-load revoke "$a" 2>/dev/null; done
ok "the 21 regions through /dev/cosy (the unprivileged variant; $refused refused) print the same"

# --- yields: a region goes on where it left off ---------------------------------------
# yield_us=0: every run is asked to yield at each cosy_check() but its
# first, once every 256 iterations of a loop.  Every loop of every region
# then goes back into the kernel from where the last run left it, with its
# fds (those the region opened are handed back to it) and its variables;
# the results must be plain C's all the same.
echo 0 >$Y || fail "cannot set $Y"
mkdir dy dyc
run y env COSY_MODE=kernel COSY_VERBOSE=1 "$P/features" dy
run yc env COSY_MODE=check "$P/features" dyc
head -c 3000000 /dev/urandom >in
run yk env COSY_MODE=kernel COSY_VERBOSE=1 "$P/cp" in out.y
mkdir rk rc rp
run rk env COSY_MODE=kernel COSY_VERBOSE=1 "$P/resume" rk 3000
run rc env COSY_MODE=check "$P/resume" rc 3000
echo "$old_yield" >$Y
run rp "$P/resume.plain" rp 3000
same rk rp
same rc rp
cmp -s rk/records rp/records || fail "resume: the records file differs"
grep -q "^shapes: kernel" rk.err || { cat rk.err; fail "resume: not in the kernel"; }
grep -q "^shapes: checked" rc.err || { cat rc.err; fail "resume: not checked"; }
nr=$(sed -n 's/.*region shapes .* yielded \([0-9]*\) times.*/\1/p' rk.err)
[ "${nr:-0}" -ge 20 ] || { cat rk.err; fail "resume: yielded ${nr:-0} times, expected every loop to"; }
same y p
same yc p
cmp -s dy/files.dat dp/files.dat || fail "features, yielding: files.dat differs"
for r in arith loops switches files errors fds returns memory stats globals closes strings pointers dents gotos searches names compares splits dnames casts; do
	grep -q "^$r: kernel" y.err || { cat y.err; fail "region $r did not run in the kernel when yielding"; }
	grep -q "^$r: checked" yc.err || { cat yc.err; fail "region $r was not checked when yielding"; }
done
ny=$(grep -c "yielded" y.err)
[ "$ny" -ge 2 ] || { cat y.err; fail "only $ny regions of features yielded with yield_us=0"; }
path_is yk kernel
cmp -s in out.y || fail "cp of 3 MB, yielding with its files open: the copy differs"
grep -q "yielded" yk.err || { cat yk.err; fail "cp did not yield"; }
rm -f in out.y
ok "yielding at every chance: loops of every shape ($nr yields), $ny regions of features and cp (files open) go on where they left off and agree with plain C"
# check mode puts stderr (a file here) back where the compound began when
# the region reports there: what cosy says of the run comes after that,
# whole, and the program's own line after the region (path=) after it (it
# was said before, and the path= line was written over it)
head -c 3000000 /dev/urandom >rin
echo 0 >$Y
run rc env COSY_MODE=check COSY_VERBOSE=1 "$P/rot13" rin rout
echo "$old_yield" >$Y
path_is rc checked
grep -q "^cosy: region rot (.*) yielded [0-9]* times*: it ran in the kernel in [0-9]* parts$" rc.err &&
	[ "$(grep -c yielded rc.err)" = 1 ] ||
	{ cat rc.err; fail "check mode: cosy's 'yielded' line is not whole in stderr"; }
tr 'a-zA-Z' 'n-za-mN-ZA-M' <rin | cmp -s - rout || fail "rot13: the output is not tr's"
rm -f rin rout
ok "check mode says how often a region that reports to stderr yielded after putting stderr back, and the line stays whole ($(grep -c . rc.err) lines)"

# --- a program that closes cosy's fds between runs (closefrom) ------------------
# Their numbers go to the other region's compound, then to the program's
# files: each run must notice, open its compound again and agree with plain C
# (cached: attached to the pins; COSY_CACHE=0: verified in the process).
# "swap" makes the worst case on purpose: sum's numbers name count's program
# and segment, which would run sum's args without an error.
mkdir -p dcf
run p "$P/closefrom.plain" dcf
run k env COSY_MODE=kernel "$P/closefrom" dcf	# pins both
same k p
for how in "1 swap" "1" "0"; do
	set -- $how
	run k env COSY_MODE=kernel COSY_VERBOSE=1 COSY_CACHE=$1 "$P/closefrom" dcf ${2:-}
	same k p
	for w in sum1 count1 sum2 count2 sum3 count3; do
		grep -q "^$w: kernel" k.err || { cat k.err; fail "closefrom ($how): $w did not run in the kernel"; }
	done
	nr=$(grep -c "opening it again" k.err)
	[ "$nr" -ge 3 ] || { cat k.err; fail "closefrom ($how): opened again $nr times, expected 3 (sum2, sum3, count3)"; }
	[ "${2:-}" != swap ] || grep -q "region sum .*segment not armed for it" k.err ||
		{ cat k.err; fail "closefrom (swap): sum's run did not find count's segment unarmed"; }
done
# the same through /dev/cosy: the device fds go, or (swap) sum's names
# count's attachment, whose run on count's segment finds it unarmed
for o in "$P"/closefrom.bpf/*.bpf.o; do
	cosy-load approve "$o" user 0 >/dev/null 2>approve.err || { cat approve.err; fail "$o: not approved"; }
done
for how in swap ""; do
	run k env COSY_VIA=dev COSY_MODE=kernel COSY_VERBOSE=1 "$P/closefrom" dcf $how
	same k p
	[ "$(grep -c 'attached through /dev/cosy' k.err)" -ge 5 ] || { cat k.err; fail "closefrom through /dev/cosy ($how): not attached through the device"; }
	[ "$(grep -c 'opening it again' k.err)" -ge 3 ] || { cat k.err; fail "closefrom through /dev/cosy ($how): opened again fewer than 3 times"; }
	[ "$how" != swap ] || grep -q "segment not armed for it" k.err ||
		{ cat k.err; fail "closefrom through /dev/cosy (swap): sum's run did not find count's segment unarmed"; }
done
cosy-load -j list | tr ',' '\n' | grep -o '"name":"cc-[^"]*"' | cut -d'"' -f4 |
	while read -r a; do cosy-load revoke "$a" 2>/dev/null; done
ok "a program closing cosy's fds, or reusing their numbers for the other region's: every region notices, opens its compound again and agrees with plain C, by bpf(2) and through /dev/cosy ($(tail -n 1 p.out))"

# --- assert(): true goes on, false stops the region and aborts as glibc's does ---
mkdir -p das
run k env COSY_MODE=kernel "$P/assert" das 100
run p "$P/assert.plain" das 100
grep -q "^copy_checked: kernel" k.err || { cat k.err; fail "assert: not in the kernel"; }
same k p
cmp -s das/in das/out || fail "assert: the copy differs"
for mode in kernel check; do
	rm -f das/out
	run k env COSY_MODE=$mode "$P/assert" das 99
	[ "$(cat k.rc)" = 134 ] || { cat k.err; fail "assert ($mode): exit $(cat k.rc), not 134 (SIGABRT)"; }
	[ ! -e das/out ] || fail "assert ($mode): the region went on past its failed assert (das/out made)"
	run p "$P/assert.plain" das 99
	# glibc's message, after the program's name
	sed -n 's/^[^:]*: \(.*Assertion .*\)$/\1/p' k.err >k.msg
	sed -n 's/^[^:]*: \(.*Assertion .*\)$/\1/p' p.err >p.msg
	[ -s k.msg ] && cmp -s k.msg p.msg || { cat k.err p.err; fail "assert ($mode): not the plain build's message"; }
	cmp -s k.rc p.rc || fail "assert ($mode): exit $(cat k.rc), the plain build $(cat p.rc)"
done
ok "assert() in a region: true goes on in the kernel; false stops it there and aborts with the plain build's message ($(cat k.msg))"

# strict ISO C (-std=c11): assert() is a conditional, ((c) ? (void) (0) : __assert_fail (...))
head -c 300 /dev/urandom >das/s300
run k env COSY_MODE=kernel "$P/assert_strict" das/s300 300
run p "$P/assert_strict.plain" das/s300 300
path_is k kernel
same k p
for mode in kernel check; do
	run k env COSY_MODE=$mode "$P/assert_strict" das/s300 299
	run p "$P/assert_strict.plain" das/s300 299
	[ "$(cat k.rc)" = 134 ] || { cat k.err; fail "assert_strict ($mode): exit $(cat k.rc), not 134 (SIGABRT)"; }
	sed -n 's/^[^:]*: \(.*Assertion .*\)$/\1/p' k.err >k.msg
	sed -n 's/^[^:]*: \(.*Assertion .*\)$/\1/p' p.err >p.msg
	[ -s k.msg ] && cmp -s k.msg p.msg || { cat k.err p.err; fail "assert_strict ($mode): not the plain build's message"; }
	same k p
done
ok "assert() under -std=c11 (a conditional): in the kernel, the plain build's message and abort ($(cat k.msg))"

# <ctype.h>: the class functions and toupper/tolower read the program's own
# tables (copied in at each run), in the C locale and in C.UTF-8.
i=0
while [ $i -lt 300 ]; do printf 'Word%d the QUICK brown\tfox  \n' $i; i=$((i + 1)); done >ct.in
head -c 20000 /dev/urandom >>ct.in
for loc in C C.UTF-8; do
	run k env LC_ALL=$loc COSY_MODE=kernel "$P/ctype" ct.in ct.k
	run c env LC_ALL=$loc COSY_MODE=check "$P/ctype" ct.in ct.c
	run p env LC_ALL=$loc "$P/ctype.plain" ct.in ct.p
	path_is k kernel
	path_is c checked
	same k p
	same c p
	cmp -s ct.k ct.p || fail "ctype, $loc: the rewritten file differs"
done
rm -f ct.*
ok "<ctype.h> in a region (is*() over -128..255 as glibc returns them, toupper/tolower, a word count) in C and C.UTF-8: $(tail -n 1 k.out)"

# Signals while a region runs: handled within a slice, as during the C loop.
run k env COSY_MODE=kernel "$P/interrupt" tick
path_is k kernel
grep -q "^timer ran$" k.out || { cat k.out k.err; fail "a 10 ms timer did not tick during the region: $(cat k.out)"; }
run k env COSY_MODE=kernel "$P/interrupt" forever
[ "$(cat k.rc)" = 0 ] && grep -q "^interrupted$" k.out ||
	{ cat k.out k.err; fail "a region that never ends: its program's alarm handler did not end it (exit $(cat k.rc))"; }
# More passes of a loop than bpf_loop() runs (2^23): a yield starts it again.
run k env COSY_MODE=kernel "$P/interrupt" passes 8400000
run p "$P/interrupt.plain" passes 8400000
path_is k kernel
same k p
ok "signals during a region: a 10 ms timer ticks, an alarm handler ends an endless loop; 8 400 000 passes ($(cat k.out))"

# an fd variable the region may close: -1 runs in the kernel, and so does
# the program's own open fd, handed over to the compound: closed there it
# is gone, left open it is the program's again (at the region's offset),
# its number reused by the region's open names that file after it. Check
# mode cannot compare a close the original would make again: it refuses.
mkdir cfd
run k env COSY_VERBOSE=1 "$P/closefd" cfd
run p "$P/closefd.plain" cfd
same k p
for w in minus1 mine kept reused drain; do
	grep -q "^$w: kernel" k.err || { cat k.err; fail "closefd: $w did not run in the kernel"; }
done
grep -q "^closefd: r1=0 r2=0 gone=1$" k.out || { cat k.out; fail "closefd: $(cat k.out)"; }
grep -q '^kept: r=4 read=3 "456" open=1$' k.out || { cat k.out; fail "closefd: $(cat k.out)"; }
grep -q '^reused: r=0 fd>=0:1 read=2 "01"$' k.out || { cat k.out; fail "closefd: $(cat k.out)"; }
grep -q '^drain: 1000 gone=1$' k.out || { cat k.out; fail "closefd: $(cat k.out)"; }
# yielding at every chance: the handed-over fd goes back to each run
echo 0 >$Y
run y env COSY_VERBOSE=1 COSY_MODE=kernel "$P/closefd" cfd
echo "$old_yield" >$Y
same y p
grep -q "region drain .*yielded" y.err || { cat y.err; fail "closefd: drain did not yield"; }
# and through /dev/cosy, the unprivileged verifier's variant
for o in "$P"/closefd.bpf/*.bpf.o; do
	cosy-load approve "$o" user 0 >/dev/null 2>approve.err || { cat approve.err; fail "$o: not approved"; }
done
run d env COSY_VIA=dev COSY_MODE=kernel COSY_VERBOSE=1 "$P/closefd" cfd
same d p
[ "$(grep -c "attached through /dev/cosy" d.err)" -ge 3 ] || { cat d.err; fail "closefd: not attached through /dev/cosy"; }
cosy-load -j list | tr ',' '\n' | grep -o '"name":"cc-[^"]*"' | cut -d'"' -f4 |
	while read -r a; do cosy-load revoke "$a" 2>/dev/null; done
run c env COSY_MODE=check "$P/closefd" cfd
[ "$(cat c.rc)" = 4 ] || { cat c.err; fail "closefd, check: exit $(cat c.rc), expected 4"; }
grep -q "may close fd [0-9]*, which the program has open: the original" c.err ||
	{ cat c.err; fail "closefd, check: no reason given"; }
ok "an fd variable the region closes, -1 or the program's, runs in the kernel; kept or reused as in C ($(tr '\n' ' ' <k.out))"

# O_APPEND inside a region: the same log in the kernel; check mode says it
# cannot compare what it appends (twice)
mkdir ak ap ac
run k env COSY_MODE=kernel "$P/append" ak
run p "$P/append.plain" ap
same k p
grep -q "^append: wrote 21, log 21 bytes$" k.out || { cat k.out k.err; fail "append: $(cat k.out)"; }
run c env COSY_MODE=check "$P/append" ac
[ "$(cat c.rc)" = 0 ] || { cat c.err; fail "check of an appending region exits $(cat c.rc)"; }
grep -q "COSY_MODE=check: region append .* may open files with O_APPEND: what it appends there happens twice and is not compared" c.err ||
	{ cat c.err; fail "check does not say it cannot compare appends"; }
ok "O_APPEND in a region: as in user space; check says appends happen twice ($(cat c.out))"

# a byte loop inside a read loop: wc
head -c 150000 /dev/urandom | od -An -tx1 -w30 >text   # ~450 kB of words and lines
run k env COSY_MODE=kernel "$P/wc" text
run p "$P/wc.plain" text
same k p
[ "$(cut -d' ' -f1 k.out)" = "$(wc -l <text)" ] || fail "wc: lines $(cat k.out), wc -l says $(wc -l <text)"
ok "wc over $(wc -c <text) bytes, byte by byte: $(cat k.out)"
run k env COSY_MODE=kernel "$P/wc" nosuchfile
run p "$P/wc.plain" nosuchfile
same k p
ok "wc of a missing file: same output and status"

# conditions that read a byte twice read it once, and never before their
# guard: a word of exactly 4096 bytes walks the scan to buf[n] (out of
# bounds), which only `i < n` keeps from being read
(cat text; echo "Mixed Case 42 words. And MORE"; printf 'A.\n') >tok.mixed
head -c 4096 /dev/zero | tr '\0' 'q' >tok.word
for f in tok.mixed tok.word /dev/null; do
	agree tokens "$f"
done
grep -q "^0 words 0 upper 0 digits 0 longest 0 cls" k.out || { cat k.out; fail "tokens of /dev/null: $(cat k.out)"; }
run k env COSY_MODE=kernel "$P/tokens" tok.word
grep -q "^1 words 0 upper 0 digits 4096 longest 0 cls" k.out || { cat k.out k.err; fail "tokens: $(cat k.out)"; }
ok "a tokenizer's conditions read each byte once, after their guards ($(cut -d' ' -f1-8 k.out))"

# file names as programs hold them: a table's rows, a struct's array, a
# pointer the region sets, &name[0], array + offset, and getdents64(2)'s
# struct linux_dirent64 (char d_name[]) as fstatat()'s path
for t in k c p; do
	mkdir "nd.$t" && printf 'zero\n' >"nd.$t/t.0" && printf 'one one\n' >"nd.$t/t.1" &&
		printf 'two two two\n' >"nd.$t/t.2" || fail "names: cannot make nd.$t"
done
run k env COSY_MODE=kernel "$P/names" nd.k
run c env COSY_MODE=check "$P/names" nd.c
run p "$P/names.plain" nd.p
path_is k kernel
path_is c checked
same k p
same c p
grep -q "^names: opened 6 read 25 wrote 5 entries 6 dots 2 bytes 30 digit 10$" k.out || { cat k.out k.err; fail "names: $(cat k.out)"; }
[ "$(cat nd.k/out)" = done ] || fail "names: nd.k/out holds '$(cat nd.k/out)'"
ok "paths from a table, a struct, a pointer, &name[0], array + offset and d_name[] ($(cat k.out))"

# --- COSY_MODE=check: the program's files read again; a difference fails loudly ---------
echo "abcdefghijklmnopqrstuvwxyz0123456789" >text
run k env COSY_MODE=kernel "$P/stdin" <text
run p "$P/stdin.plain" <text
same k p
run c env COSY_MODE=check "$P/stdin" <text
same c p
grep -q "COSY_MODE=check: region head .* uses 1 of the program's fds (fd 0): the original reads and writes them again from the offset the compound began at$" c.err ||
	{ cat c.err; fail "check does not say how it repeats stdin"; }
ok "COSY_MODE=check: stdin from a file is read again from the same offset: $(cat c.out)"
rm -f made.c made.p
run p "$P/stdin.plain" made.p <text
run c env COSY_MODE=check "$P/stdin" made.c <text
[ "$(cat c.rc)" = 5 ] || { cat c.out c.err; fail "check of a non-repeatable region exits $(cat c.rc), expected 5"; }
grep -q "the compound and the original differ" c.err || { cat c.err; fail "no difference reported"; }
grep -q "made: kernel 1, user 0" c.err || { cat c.err; fail "the difference is not named"; }
grep -q "at: kernel +3, user NULL (a pointer)" c.err || { cat c.err; fail "the pointer's difference is not named as the program sees it"; }
grep -q "region head (.*) creates files with O_EXCL" c.err || { cat c.err; fail "check mode did not say first that the region creates files with O_EXCL"; }
[ ! -s c.out ] || fail "the program went on after a difference"
ok "COSY_MODE=check: an O_EXCL create done twice differs, exit 5 ($(grep made: c.err | head -n 1))"

# --- devices: what a shell redirects to or from -----------------------------------
# The module does character-device I/O without waiting (IOCB_NOWAIT, which
# /dev/null and /dev/zero offer): a region copying to /dev/null, or reading
# /dev/zero or /dev/null on stdin, behaves as the plain build does.
head -c 70000 /dev/urandom >in
run k env COSY_MODE=kernel "$P/cp" in /dev/null
run p "$P/cp.plain" in /dev/null
path_is k kernel
same k p
ok "cp to /dev/null in the kernel: $(cut -c1-60 k.out)"
run k env COSY_MODE=kernel "$P/cp" /dev/null out.k
run p "$P/cp.plain" /dev/null out.p
path_is k kernel
same k p
cmp -s out.k out.p || fail "cp from /dev/null: outputs differ"
ok "cp from /dev/null in the kernel: $(cut -c1-60 k.out)"
for dev in /dev/zero /dev/null; do
	run k env COSY_MODE=kernel "$P/stdin" <$dev
	run p "$P/stdin.plain" <$dev
	same k p	# COSY_MODE=kernel: exit 4 if the compound could not run
	ok "a read(0) region with stdin from $dev: $(cat k.out | tr -d '\000')"
done
rm -f in out.*
# A pipe on stdin: user space waits for the writer, a kfunc would not
# (-EAGAIN): the region runs in user space, before any side effect, and
# says why; COSY_MODE=kernel refuses it.
(sleep 1; printf abc) | run k env COSY_VERBOSE=1 "$P/stdin"
printf abc | run p "$P/stdin.plain"
same k p
grep -q "runs in user space: fd 0 is a pipe" k.err || { cat k.err; fail "pipe: not said"; }
(sleep 1; printf abc) | run k env COSY_MODE=kernel "$P/stdin"
[ "$(cat k.rc)" = 4 ] || { cat k.err; fail "pipe, COSY_MODE=kernel: exit $(cat k.rc), expected 4"; }
ok "a read(0) region on a pipe waits for the writer in user space: $(cat p.out)"

# A FIFO, terminal or device the region opens itself, which open(2) or its
# reads and writes would wait on and the module would not: the compound
# does not open it (COSY_O_REFUSE_WAIT) and, having done nothing for good
# yet, hands the whole region to the program's code, which waits as
# written.  Without that, a FIFO whose writer comes late read as empty.
printf 'one\ntwo\n' >a
mkfifo ff
(sleep 1; printf 'three\n' >ff) &
run k env COSY_VERBOSE=1 "$P/catargs" a ff a
wait
(sleep 1; printf 'three\n' >ff) &
run p "$P/catargs.plain" a ff a
wait
same k p
path_is k user
grep -q "runs in user space: at line [0-9]* it opens a file that open(2) or its reads and writes may wait on (a FIFO, " k.err ||
	{ cat k.err; fail "FIFO: not said"; }
grep -q "climbs\|more files open" k.err && { cat k.err; fail "FIFO: the reason names causes that are not this one"; }
grep -q "^catargs: 3 files, 0 missing, 22 bytes, 5 lines" k.out || { cat k.out; fail "FIFO: $(cat k.out)"; }
ok "a region opening a FIFO with a late writer runs in user space: $(cut -c1-50 k.out)"
# ... and a pipe by its /proc name, as bash's <(cmd) hands one (/dev/fd/63)
(sleep 1; printf 'three\n') | run k env COSY_VERBOSE=1 "$P/catargs" a /proc/self/fd/0 a
printf 'three\n' | run p "$P/catargs.plain" a /proc/self/fd/0 a
same k p
path_is k user
grep -q "^catargs: 3 files, 0 missing, 22 bytes, 5 lines" k.out || { cat k.out; fail "pipe by name: $(cat k.out)"; }
ok "a region opening a pipe as /proc/self/fd/0 (<(cmd)) runs in user space: $(cut -c1-50 k.out)"
# ... a FIFO to write, without a reader yet (open(2) waits, the module's
# open says ENXIO) ...
head -c 10000 /dev/urandom >in
(sleep 1; cat ff >got.k) &
run k env COSY_VERBOSE=1 "$P/cp" in ff
wait
same_out=$(cat k.out)
(sleep 1; cat ff >got.p) &
run p "$P/cp.plain" in ff
wait
same k p
path_is k user
cmp -s in got.k || fail "cp to a FIFO: the reader got other bytes"
ok "cp to a FIFO whose reader comes late runs in user space: $same_out"
# ... and /dev/full, which has no non-waiting writes: ENOSPC, as written.
run k env COSY_VERBOSE=1 "$P/cp" in /dev/full
run p "$P/cp.plain" in /dev/full
same k p
path_is k user
grep -q "No space left on device" k.out || { cat k.out; fail "/dev/full: $(cat k.out)"; }
ok "cp to /dev/full says ENOSPC, as the plain build: $(cut -c1-60 k.out)"
rm -f a ff in got.k got.p

# /proc/PID files have ->read and no iterator, which a kernel buffer
# needs: the module reads a seq_file (status, stat) with seq_read_iter()
# and cmdline through the program's own mapping of the segment, so the
# region agrees with the plain build, 7-byte reads of stat included.
agree procread a bc
grep -q "^status lines [1-9][0-9]*, stat fields 52, cmdline args 3: a bc$" k.out ||
	{ cat k.out k.err; fail "procread: $(cat k.out)"; }
for o in "$P"/procread.bpf/*.bpf.o; do
	cosy-load approve "$o" user 0 >/dev/null 2>approve.err || { cat approve.err; fail "$o: not approved"; }
done
run d env COSY_VIA=dev COSY_MODE=kernel COSY_VERBOSE=1 "$P/procread" a bc
same d p
grep -q "attached through /dev/cosy" d.err || { cat d.err; fail "procread: not attached through /dev/cosy"; }
cosy-load -j list | tr ',' '\n' | grep -o '"name":"cc-procread[^"]*"' | cut -d'"' -f4 |
	while read -r a; do cosy-load revoke "$a" 2>/dev/null; done
ok "a region reading /proc/self/status, stat and cmdline, by bpf(2) and through /dev/cosy: $(cat k.out)"

# argv[2] and a const char * from before the region as memory a call only
# reads (memcmp at every offset, memcpy's source, write's data): string
# slots the host fills, as for paths.
printf 'abc abcd xabc\nabc' >argstr.in
agree argstr argstr.in abc
grep -q "^abc <- abc: 4 hits, wrote 7$" k.out || { cat k.out k.err; fail "argstr: $(cat k.out)"; }
ok "argv[2] read by memcmp, memcpy and write in the kernel: $(cat k.out)"

# a table of names (const char *files[]) indexed by the region's loop: the
# host copies the strings into slots; a name too long for its slot makes
# the region run in user space, saying so, with the plain build's output
mkdir td
printf 12345 >td/a
printf 1234567 >td/b
agree table td
grep -q "^table: total 17 missing 1 names 4 as 2$" k.out || { cat k.out k.err; fail "table: $(cat k.out)"; }
long=$(printf 'x%.0s' $(seq 300))
run k env COSY_VERBOSE=1 "$P/table" td "$long"
run p "$P/table.plain" td "$long"
same k p
grep -q "string files\[3\] is longer than 255 bytes" k.err || { cat k.err; fail "table: the long name's reason not given"; }
ok "a table of names indexed by the region's loop runs in the kernel; a name too long for its slot runs in user space ($(cat k.out))"

# the program's own helper functions, inlined at each call
head -c 300000 /dev/urandom >hr
seq 5000 | sed 's/$/ lorem ipsum AEIOU 98765/' >ht
for f in hr ht; do
	agree helpers "$f"
	grep -q "^helpers: .* seen $(wc -c <"$f")$" k.out || { cat k.out k.err; fail "helpers $f: $(cat k.out)"; }
done
ok "helper functions inlined in the kernel agree with the plain build ($(cat k.out))"
# helpers with effects (a global buffer, write(2) when it fills), each
# called as a statement: inlined effects and all
agree hexput hr
want=$((300000 * 2 + 300 * 31))	# two digits a byte, 31 newlines a 1000-byte read
[ "$(wc -c <k.out)" = "$want" ] || fail "hexput: $(wc -c <k.out) bytes, expected $want"
grep -q "^flushes $(((want + 4095) / 4096))$" k.err || { cat k.err; fail "hexput: flushes"; }
ok "helpers that write a global buffer and call write(2), inlined: the plain build's $(wc -c <k.out) bytes"
# helpers with loops, a switch, returns in loops and pointer parameters
# (cmp(1) factored as a C programmer does), inlined as statements: each
# verdict cmp gives, and the counts the helpers make over both chunks
cp ht ht2
printf 'X' | dd of=ht2 bs=1 seek=70000 conv=notrunc 2>/dev/null
head -c 50000 ht >ht3
agree loophelp ht ht2
grep -q "^ht ht2 differ: byte 70001, line $(($(head -c 70000 ht | wc -l) + 1))\$" k.out || { cat k.out; fail "loophelp: $(head -1 k.out)"; }
agree loophelp ht ht3
grep -q '^cmp: EOF on ht3 after byte 50000$' k.out || { cat k.out; fail "loophelp: $(head -1 k.out)"; }
agree loophelp ht ht
grep -q "^longest line in a chunk $(awk '{ print length }' ht | sort -n | tail -1), empty lines [0-9]*, chunks without a newline 0\$" k.out ||
	{ cat k.out; fail "loophelp: $(grep longest k.out)"; }
grep -q "^lines 5000 words 25000 digits $(tr -cd 0-9 <ht | wc -c) sum [0-9]* vowels in $((($(wc -c <ht) + 4095) / 4096)) chunks, first at 3\$" k.out ||
	{ cat k.out; fail "loophelp: $(tail -1 k.out)"; }
grep -q "^last newline at $(($(wc -c <ht) - 1))\$" k.out || { cat k.out; fail "loophelp: memrchr: $(grep "last newline" k.out)"; }
counts=$(grep '^lines' k.out | cut -c1-40)
printf 'a\n\nbb\n\n\nccc\n' >he
agree loophelp he he
grep -q '^longest line in a chunk 3, empty lines 3, chunks without a newline 0$' k.out || { cat k.out; fail "loophelp: $(grep longest k.out)"; }
printf '1a\n\n2\nb\n33\n3x' >hd
agree loophelp hd hd
grep -q '^lines starting with a digit 3$' k.out || { cat k.out; fail "loophelp: a helper in a for's condition: $(tail -1 k.out)"; }
head -c 5000 hr | tr -d '\n' >hn
agree loophelp hn hn
grep -q '^longest line in a chunk 0, empty lines 0, chunks without a newline 2$' k.out || { cat k.out; fail "loophelp, no newline: $(grep longest k.out)"; }
grep -q '^last newline at -1$' k.out || { cat k.out; fail "loophelp, no newline: memrchr found one"; }
run k env COSY_MODE=kernel "$P/loophelp" hr nope
run p "$P/loophelp.plain" hr nope
same k p
cmp -s k.err p.err || { diff k.err p.err; fail "loophelp: a missing file's report differs"; }
ok "helpers with loops, a switch, a return in two loops and pointer parameters, inlined as statements (in a while's and a for's condition too), and memrchr ($counts)"
# wc -l with its work in a helper that takes the path: argv[i] (the
# table of argv's strings), a string from before the region, a literal,
# a ?: of argv[3] and a literal
seq 100 >lc1
seq 7 >lc2
agree linecount lc1 nope lc2
grep -q '^    107 total (first 100, third 7, null 0, 1 missing)$' k.out || { cat k.out; fail "linecount: $(tail -1 k.out)"; }
[ "$(head -1 k.out)" = "  lines file" ] && [ "$(grep -c 'lines file' k.out)" = 1 ] ||
	{ cat k.out; fail "linecount: the header chosen by ?: is not printed once, first"; }
grep -v '^path=' k.err >k.rep
cmp -s k.rep p.err || { diff k.rep p.err; fail "linecount: stderr differs from the plain build's"; }
ok "a helper that opens and reads the path it is given (argv[i], a string from before the region, a literal, a ?: the host computes), and a header chosen by ?:, in the kernel: $(tail -1 k.out | tr -s ' ')"
# cat -n: the path a ?: of argv[i] and "-", a name that is NULL for
# stdin, put() (no loop) calling flush_out() (a loop), and a seek on the
# left of || before a helper with a loop, evaluated once
seq 12 >n1
printf 'x\n\ny\n' >n2
printf 'no newline' >n3
run k env COSY_MODE=kernel "$P/numcat" n1 nope n2 . n3
run p "$P/numcat.plain" n1 nope n2 . n3
path_is k kernel
same k p
grep -v '^path=' k.err >k.rep
cmp -s k.rep p.err || { diff k.rep p.err; fail "numcat: stderr differs from the plain build's"; }
grep -qx '16 lines, 4 seeks' k.rep || { cat k.rep; fail "numcat: the seek on the left of || did not run once per opened file"; }
cat n1 n2 | awk '{ printf "%6d\t%s\n", NR, $0 }' >n.want
head -15 k.out | cmp -s - n.want || { diff k.out n.want; fail "numcat: not cat -n's numbering"; }
run k env COSY_MODE=kernel "$P/numcat" <n2
run p "$P/numcat.plain" <n2
path_is k kernel
same k p
grep -qx '3 lines, 0 seeks' k.err || { cat k.err; fail "numcat: stdin"; }
ok "cat -n with the path a ?: of argv[i] and a literal, a name NULL for stdin, a helper calling a helper and a seek before || evaluated once, in the kernel"
# *at() from a directory fd to above it, as ls -a's ".." is: leading ".."
# the module walks (not the confined walk that stayed in the directory and
# printed its own inode for ".."); a later climb or an absolute symlink it
# does not walk, and the program's code runs
mkdir -p dd/sub
echo top >up.txt
echo inner >dd/f
ln -s "$PWD" dd/abs
run k env COSY_MODE=kernel "$P/dotdot" dd .. ../up.txt f ../dd/f ../dd/sub/..
run p "$P/dotdot.plain" dd .. ../up.txt f ../dd/f ../dd/sub/..
path_is k kernel
same k p
for climb in sub/../../up.txt abs/up.txt; do
	run k env COSY_VERBOSE=1 "$P/dotdot" dd f "$climb"
	run p "$P/dotdot.plain" dd f "$climb"
	path_is k user
	same k p
	grep -q "runs in user space: at line [0-9]* it names a path that climbs above its directory fd" k.err ||
		{ cat k.err; fail "dotdot $climb: not the fallback's reason"; }
done
echo gone >gone.txt
run k env COSY_MODE=kernel "$P/dotdot" dd -../gone.txt ../gone.txt
path_is k kernel
[ ! -e gone.txt ] && grep -q '^\.\./gone.txt: stat: No such file or directory$' k.out ||
	{ cat k.out; fail "dotdot: unlinkat(dfd, \"../gone.txt\") did not remove it"; }
ok "fstatat, openat and unlinkat from a directory fd to above it (leading ..) in the kernel; a later climb or an absolute symlink runs the program's code"
# fds kept in memory, as tee and paste keep them: an int array holding
# the program's fd from before the region (closed in it) and the fds the
# region opens, and a struct a helper reads through a pointer (r->fd);
# a failing write (/dev/full) is reported, closed and skipped
seq 3000 >ft
for tag in k p; do
	prog=$P/fdtab
	[ $tag = p ] && prog=$P/fdtab.plain
	rm -f fo1 fo2 fo3
	run $tag env COSY_MODE=kernel "$prog" ft fo1 fo2 nodir/x fo3
	for f in fo1 fo2 fo3; do
		cmp -s ft $f || fail "fdtab ($tag): $f is not a copy of the input"
	done
done
path_is k kernel
grep -v '^path=' k.err >k.rep
cmp -s k.rep p.err || { diff k.rep p.err; fail "fdtab: stderr differs from the plain build's"; }
same k p
grep -qx "$(wc -c <ft) bytes, 3000 lines, 3 outputs, first fd closed" k.out || { cat k.out; fail "fdtab: $(cat k.out)"; }
run k "$P/fdtab" ft fo1 /dev/full fo3
run p "$P/fdtab.plain" ft fo1 /dev/full fo3
same k p
grep -q '^fdtab: write to output 1: No space left on device$' k.err || { cat k.err; fail "fdtab: /dev/full's write error"; }
ok "fds in an int array (the program's, closed in the region, and the region's own) and in a struct member read through a helper's pointer, in the kernel: $(cat p.out)"
# paste(1) through a helper inlined twice that refills a struct's buffer
# through a pointer: 6.12's verifier refused its compound until the
# bounds tests stopped linking registers (COSY_RGN_UNLINK)
seq 2000 >pa
seq 1500 | sed 's/$/ lorem/' >pb
agree paste pa pb
awk 'BEGIN { for (i = 1; i <= 2000; i++) printf "%d\t%s\n", i, i <= 1500 ? i " lorem" : "" }' >p.want
cmp -s p.want k.out || { diff p.want k.out | head; fail "paste: not paste(1)'s lines"; }
run k env COSY_MODE=kernel "$P/paste" pb - <pa
run p "$P/paste.plain" pb - <pa
path_is k kernel
same k p
cmp -s p.want k.out && fail "paste: stdin as the second file gave the same lines"
ok "paste of two files (one stdin) through a helper inlined twice, in the kernel"
# nl's numbering with a width from the command line: printf("%*ld\t")
# and printf("%*s", w + 1, ""), a negative width left-justifying, and one
# wider than the pieces bpf_snprintf() prints (a pad of its own)
{ printf 'a\n\nbb\n\n\nccc ddd\n'; seq 40; } >nw
for w in 6 -4 2000; do
	agree nlw "$w" nw
	awk -v w="$w" '{ if ($0 == "") { k = w + 1; if (k < 0) k = -k; printf "%" k "s", "" }
		else printf "%" w "d\t", ++n; print; if (length($0) > m) m = length($0) }
		END { k = w < 0 ? -w : w; printf "%-" k "d|\n", m }' nw >nw.want
	cmp -s nw.want k.out || { diff nw.want k.out | head; fail "nlw $w: not nl's numbering"; }
done
ok "printf() widths from an argument (%*ld, %*s of \"\", negative, 2000) in the kernel, as nl numbers lines"
# cat -n a byte at a time: printf() of the number, putchar() of each byte
# (on 6.1 the compound was refused while putchar() was a bpf_snprintf())
agree nlc nw
awk '{ printf "%6d\t%s\n", NR, $0 }' nw >nc.want
cmp -s nc.want k.out || { diff nc.want k.out | head; fail "nlc: not cat -n's numbering"; }
ok "cat -n with printf() and a putchar() per byte, in the kernel"
# comm as a user wrote it: each file's name, fd and buffers in a struct,
# open(f1.name) a path the host reads while the region fills the struct
awk 'BEGIN { for (i = 0; i < 3000; i += 2) printf "key%05d\n", i }' >cm1
awk 'BEGIN { for (i = 0; i < 3000; i += 3) printf "key%05d\n", i }' >cm2
# (not in check mode: f1.fd is 0 before the region, and cosy-cc cannot
# tell that the region only closes the fd it opened there)
for opt in -3 -12 -1; do
	run k env COSY_MODE=kernel "$P/comm" "$opt" cm1 cm2
	run p "$P/comm.plain" "$opt" cm1 cm2
	path_is k kernel
	same k p
	awk -v o="$opt" 'BEGIN { for (i = 0; i < 3000; i++) { a = i % 2 == 0; b = i % 3 == 0
		if (o == "-3" && a != b) printf "%s", b ? "\t" : ""
		else if (o == "-12" && a && b) ;
		else if (o == "-1" && b) printf "%s", a ? "\t" : ""
		else continue
		printf "key%05d\n", i } }' >cm.want
	cmp -s cm.want k.out || { diff cm.want k.out | head; fail "comm $opt: not comm(1)'s lines"; }
done
ok "comm with its file names in structs the region fills, in the kernel, as comm(1)"
# strings: on 6.1 its compound (four loops deep) was over the 512 bytes
# of stack the verifier allows all frames together
i=0
while [ $i -lt 2000 ]; do printf 'ab\001hello\002\tworld!\377xyzw\000'; i=$((i + 1)); done >st.in
agree strings st.in
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "hello\n\tworld!\nxyzw\n" }' >st.want
cmp -s st.want k.out || { diff st.want k.out | head; fail "strings: not the runs of printable bytes"; }
agree strings -n 6 st.in nw
ok "strings (a byte loop in a read loop in a file loop) in the kernel"
# a hash table whose lookup helper returns a pointer to its slot (NULL
# when full), returns from inside its probe loop and writes the slot
seq 3000 | sed 's/^/the cat and /' >wf1
seq 2000 | tr 0-9 a-j >wf2
agree wordfreq wf1
grep -q '^9000 words, 3 distinct, 0 dropped$' k.out && grep -q '^   3000 the$' k.out ||
	{ cat k.out; fail "wordfreq: $(tail -1 k.out)"; }
agree wordfreq wf2
grep -q '^2000 words, 512 distinct, 1488 dropped$' k.out || { cat k.out; fail "wordfreq, a full table: $(tail -1 k.out)"; }
ok "a hash table with a lookup helper that returns a pointer (or NULL when full), in the kernel: $(tail -1 k.out)"

# cat's loop over argv[i] in the region: argv's strings, up to its NULL,
# copied into slots; too long a string or too many run in user space
seq 1000 >ca
printf 'x\ny' >cb
agree catargs ca cb nope ca
grep -q "^catargs: 4 files, 1 missing, 7789 bytes, 2001 lines, names 6, sum " k.out ||
	{ cat k.out k.err; fail "catargs: $(cat k.out)"; }
run k env COSY_VERBOSE=1 "$P/catargs" ca "$long" cb
run p "$P/catargs.plain" ca "$long" cb
same k p
grep -q "string argv\[2\] is longer than 255 bytes" k.err || { cat k.err; fail "catargs: the long name's reason not given"; }
# argv[0] and 255 names fill the 256 slots; one more runs in user space
set -- $(seq 255 | sed 's/.*/cb/')
run k env COSY_MODE=kernel "$P/catargs" "$@"
run p "$P/catargs.plain" "$@"
path_is k kernel
same k p
run k env COSY_VERBOSE=1 "$P/catargs" "$@" cb
run p "$P/catargs.plain" "$@" cb
same k p
grep -q "argv holds more than 256 strings" k.err || { cat k.err; fail "catargs: 257 strings not refused"; }
set --
ok "cat's loop over argv in the kernel; a long name or 257 strings run in user space ($(head -c 60 k.out))"

# Errors reported in the kernel and the loop goes on: perror() (of a
# name, and of "": the message alone) and continue, fprintf(stderr, ...) with strerror(errno), fputs() and putc()
# to stderr, "Unknown error N" past the table.  stderr is compared too,
# byte for byte (the path= line aside); check mode prints it once.
head -c 1100000 /dev/urandom >rbig
mkdir -p rdir
agree report ca nope rdir cb rbig ca
grep -v '^path=' k.err >k.rep
grep -v '^path=' c.err >c.rep
cmp -s k.rep p.err || { diff k.rep p.err; fail "report: stderr in the kernel differs from the plain build's"; }
cmp -s c.rep p.err || { diff c.rep p.err; fail "report: stderr in check mode differs from the plain build's"; }
# check mode puts a seekable stderr back where the compound began; one
# that appends (2>>) keeps both runs' bytes: the compound's must be quiet
: >c2.err
env COSY_MODE=check "$P/report" ca nope rdir cb rbig ca >/dev/null 2>>c2.err
grep -v '^path=' c2.err >c2.rep
cmp -s c2.rep p.err || { diff c2.rep p.err; fail "report: check mode to an appended stderr reports twice"; }
[ "$(grep -c 'No such file or directory' k.rep)" = 2 ] && grep -qx 'No such file or directory' k.rep &&
	grep -q '^Unknown error 1000$' k.rep &&
	grep -q '^report: rdir: read: Is a directory (errno 21)$' k.rep || { cat k.rep; fail "report: $(head -1 k.rep)"; }
# a stderr the kernel path would wait on (a pipe): user space, the same reports
run k env COSY_MODE=auto COSY_VERBOSE=1 sh -c '"$0" ca nope 2>&1 | cat' "$P/report"
grep -q '^nope: No such file or directory$' k.out && grep -q "fd 2 is a pipe" k.out ||
	{ cat k.out; fail "report: stderr a pipe"; }
ok "errors reported to stderr in a loop that goes on, in the kernel: the plain build's stderr ($(head -c 40 k.rep | tr '\n' ' '))"

# ls as the man pages write it: syscall(SYS_getdents64, ...), strstr(),
# pattern[0] of a string from before the region, fwrite() to stdout
mkdir -p lsd/subab
for nm in ab1 xab yy zz .hid abab; do printf '%s' "$nm$nm" >"lsd/$nm"; done
agree lsmatch lsd ab
sort k.out >k.sorted
[ "$(grep -c . k.sorted)" = 5 ] && grep -q '^d .* subab$' k.sorted && grep -q '^- *8 abab$' k.sorted &&
	grep -q '^lsmatch: 4 shown, ' k.sorted || { cat k.out k.err; fail "lsmatch: $(head -1 k.out)"; }
agree lsmatch lsd
grep -q '^lsmatch: 6 shown, ' k.out || { cat k.out; fail "lsmatch, no pattern: $(tail -1 k.out)"; }
ok "ls with syscall(SYS_getdents64), strstr(), pattern[0] and fwrite() in the kernel: $(tail -1 k.out)"

# ls -f as opendir(3) has it: opendir(), readdir() into glibc's 32 KiB
# buffer (3000 names of 80 bytes: some ten getdents64() refills), dirfd()
# for fstatat(), closedir(); an empty directory, a missing path (ENOENT)
# and a regular file (ENOTDIR) reported with perror() as the plain build's
mkdir -p dl/big dl/empty
i=0
while [ $i -lt 3000 ]; do
	: >"dl/big/a_long_name_so_that_getdents64_fills_its_buffer_many_times_over_$i"
	i=$((i + 1))
done
echo x >dl/file
agree dirlist dl/big dl/empty dl/nope dl/file
grep -v '^path=' k.err >k.rep
cmp -s k.rep p.err || { diff k.rep p.err; fail "dirlist: stderr differs from the plain build's"; }
grep -q '^dl/big: 3000$' k.out && grep -q '^dl/empty: 0$' k.out && [ "$(cat k.rc)" = 1 ] &&
	grep -qx 'dl/nope: No such file or directory' k.rep && grep -qx 'dl/file: Not a directory' k.rep ||
	{ tail -3 k.out; cat k.rep; fail "dirlist: $(tail -1 k.out)"; }
dl_line=$(tail -1 k.out)
agree dirlist dl/empty
[ "$(cat k.rc)" = 0 ] && grep -q '^dirlist: 0 entries' k.out || { cat k.out k.err; fail "dirlist of an empty directory"; }
ok "opendir()/readdir()/closedir() in the kernel as the plain build ($dl_line), ENOENT, ENOTDIR, an empty directory"

# stat(1)'s first lines: a kind of file chosen by a switch (a pointer to
# one of several literals), a ?: of two literals, %04o, major()/minor(), a
# separator that starts as "" and becomes ", ", helpers that write()
mkdir -p fty/sub
echo x >fty/file
chmod 4755 fty/file
mkfifo fty/fifo
ln -s file fty/lnk
chmod +t fty/sub
agree filetype fty fty/file fty/fifo fty/lnk fty/sub fty/nope /dev/null
grep -v '^path=' k.err >k.rep
cmp -s k.rep p.err || { diff k.rep p.err; fail "filetype: stderr differs from the plain build's"; }
[ "$(cat k.rc)" = 1 ] && grep -qx 'fty/file: regular file, executable, mode 4755, device [0-9]*,[0-9]*' k.out &&
	grep -q '^fty/fifo: fifo, not executable, ' k.out && grep -q '^fty/lnk: symbolic link, ' k.out &&
	grep -qx '/dev/null: character special file, not executable, mode 0666, device [0-9]*,[0-9]*, type 1,3' k.out &&
	grep -qx '  flags: setuid' k.out && grep -qx '  flags: sticky, linked' k.out &&
	grep -qx 'fty/nope: No such file or directory' k.rep ||
	{ cat k.out k.err; fail "filetype: $(head -1 k.out)"; }
ok "a pointer to one of several string literals, %o, major()/minor(), goto next and a helper's write() in the kernel, as the plain build"

# grep -n with printf("%.*s") of each matching line, "%.20s" and
# "%-6.3s" of where it starts, "%.*s" of 0 bytes at the buffer's end (one
# past its last byte), fflush(stdout) before a write(1) header;
# more lines than one stdout buffer holds, a file without a final
# newline, a missing file
i=0
while [ $i -lt 400 ]; do printf 'line %d of the fox file, quick\nno match on line %d\n' $i $i; i=$((i + 1)); done >sl.in
printf 'fox at the end' >sl.tail
agree showlines fox sl.in sl.nope sl.tail
grep -v '^path=' k.err >k.rep
cmp -s k.rep p.err || { diff k.rep p.err; fail "showlines: stderr differs from the plain build's"; }
[ "$(cat k.rc)" = 0 ] && [ "$(grep -c '^==>$' k.out)" = 2 ] &&
	grep -qx ' 799: line 399 of the fox file, quick' k.out &&
	grep -qx '      \[line 399 of the fox \] \[lin   \] \[all\]' k.out &&
	grep -qx 'sl.in       |  800 lines|400 hits||abc|' k.out &&
	grep -qx '   1: fox at the end' k.out && grep -qx 'sl.nope: No such file or directory' k.rep &&
	[ "$(grep -cx '\[\]' k.out)" = 2 ] ||
	{ tail -5 k.out; cat k.rep; fail "showlines: $(grep '^sl.tail' k.out)"; }
ok "printf's %.*s (of the buffer's end too), %.20s and %-6.3s and fflush(stdout) before a write(1) in the kernel, as the plain build: $(grep '^sl.tail' k.out)"

# a string from before the region that may be NULL (argc > 1 ? argv[1] :
# NULL): tested in the region, printed ("(null)"), open() of it EFAULT
printf 'one\ntwo\nthree\n' >of.in
for args in "of.in" "of.in of.in" "of.nope"; do
	# shellcheck disable=SC2086 # the arguments are words
	agree optfile $args </dev/null
	grep -v '^path=' k.err >k.rep
	cmp -s k.rep p.err || { diff k.rep p.err; fail "optfile $args: stderr differs from the plain build's"; }
done
# no FILE: stdin, each run its own
run k env COSY_MODE=kernel "$P/optfile" <of.in
run c env COSY_MODE=check "$P/optfile" <of.in
run p "$P/optfile.plain" <of.in
path_is k kernel
path_is c checked
same k p
same c p
grep -qx 'stdin: 14 bytes, 3 lines' k.out && grep -qx 'path (null), other (null)' k.out &&
	grep -qx 'other: errno 14 (EFAULT)' k.out || { cat k.out k.err; fail "optfile: $(head -1 k.out)"; }
ok "a NULL string from before the region in the kernel, as the plain build: $(head -1 k.out); $(tail -1 k.out)"

# cut -c LIST: a helper that prints a line (a loop asking a two-return
# helper, selected(k + 1), of each byte) inlined twice.  Its verifier walk
# went past a million insns before cosy-cc had it forget the counter's
# ranges at each iteration.  The first run of it in this boot verifies it:
# the time of that first agree (three runs) is printed.
i=0
while [ $i -lt 300 ]; do printf '%d:abcdefghijklmnopqrstuvwxyz0123456789-%d\n\n%.*s\n' $i $i $((i % 70)) \
	'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'; i=$((i + 1)); done >cs.in
printf 'no final newline, %s' "$(head -c 600 /dev/zero | tr '\0' x)" >cs.tail
for list in 1,3,10- 2-4,7,64 5-; do
	t0=$(cut -d' ' -f1 /proc/uptime | tr -d .)
	agree cutsel $list cs.in cs.nope cs.tail
	t1=$(cut -d' ' -f1 /proc/uptime | tr -d .)
	grep -v '^path=' k.err >k.rep
	cmp -s k.rep p.err || { diff k.rep p.err; fail "cutsel $list: stderr differs from the plain build's"; }
	[ "$(grep -c '^path=kernel' k.err)" = 3 ] || { cat k.err; fail "cutsel $list: not every run in the kernel"; }
	[ "$(cat k.rc)" = 1 ] && grep -qx 'cutsel: cs.nope: No such file or directory' k.rep &&
		grep -qx 'cutsel: 106 bytes past 512 in a line not read' k.rep ||
		{ cat k.rep; fail "cutsel $list: exit $(cat k.rc)"; }
	if command -v cut >/dev/null; then
		cut -c "$list" cs.in >cs.want
		head -n "$(wc -l <cs.want)" k.out | cmp -s - cs.want || fail "cutsel $list: not what cut -c prints"
	fi
	[ -n "${cs_ms:-}" ] || cs_ms=$(((t1 - t0) * 10))
done
ok "cut -c LIST's helper in a helper, inlined twice, in the kernel as the plain build and cut(1) (first three runs, one verifying: $cs_ms ms)"

# fold -b -w: buf[i] read in an if/else and after it, in a loop unrolled 32
# times a pass (6.1's verifier refused the spilled index of one of them)
for w in 1 17 80; do
	agree fold $w cs.in
	[ "$(cat k.rc)" = 0 ] || { cat k.err; fail "fold $w: exit $(cat k.rc)"; }
	if command -v fold >/dev/null; then
		fold -b -w "$w" cs.in | cmp -s - k.out || fail "fold $w: not what fold -b -w $w prints"
	fi
done
agree fold 5 cs.nope
[ "$(cat k.rc)" = 1 ] || fail "fold of a missing file: exit $(cat k.rc)"
ok "fold -b -w 1, 17, 80 in the kernel as the plain build and fold(1), a missing file"

# what bpf_snprintf() cannot print (%#x, %#o, %.3d, %lo), as pieces it can,
# picked by tests of the value: 20 values at the edges, and their complements
for mask in 0 -1; do
	agree numfmt $mask
	[ "$(cat k.rc)" = 0 ] && [ "$(wc -l <k.out)" = 120 ] || { cat k.err; fail "numfmt $mask: exit $(cat k.rc), $(wc -l <k.out) lines"; }
done
grep -qxF '   1777777777777777777777|1777777777777777777777|1777777777777777777777  |001777777777777777777777|01777777777777777777777|01777777777777777777777|000000001777777777777777777777|0001777777777777777777777|' k.out ||
	{ head -5 k.out; fail "numfmt -1: not C's %lo of -1"; }
ok "%#x, %#o, %.3d and %lo in the kernel as the plain build, 40 values"

# strtol() and its kin over the edges of each base (blanks, signs, 0x and
# a 0 before a non-digit, LONG_MAX + 1, 2^64, a variable base glibc refuses),
# strspn, strcspn and strpbrk over the same lines; a last line with no newline
printf '%s\n' 42 -17,3,4 '  0x1f,0x10,7' 010,08,9 9223372036854775807,1,2 \
	9223372036854775808,5 -9223372036854775809 18446744073709551615 \
	18446744073709551616,x,1 -1 '   +12abc,12abc,' 0x 0xg zz ,,, \
	' 	-0X7FffFFFFffffFFFF' + - '1e5,2 ,3' 99999999999999999999999999999999,4 \
	'-0' '0x-1' '00x5' 'Zz!' >np.in
printf 123 >>np.in
for base in 0 10 16 36 2 1 37 ' 8x'; do
	agree numparse "$base" np.in
	[ "$(cat k.rc)" = 0 ] && [ "$(wc -l <k.out)" = 26 ] || { cat k.err; fail "numparse $base: exit $(cat k.rc), $(wc -l <k.out) lines"; }
done
grep -qF 'strtol 9223372036854775807 errno 34 end 19 |' k.out ||
	{ sed -n 6p k.out; fail "numparse: strtol of LONG_MAX + 1 is not ERANGE"; }
grep -qF 'strtoll-1 0 errno 22 end 1 |' k.out || { head -2 k.out; fail "numparse: base ' 8x' is not EINVAL"; }
grep -qxF 'lines 25 sum 47 bad 8' k.out || { tail -1 k.out; fail "numparse: $(tail -1 k.out)"; }
ok "strtol, strtoul, strtoll, atoi, strspn, strcspn, strpbrk, sprintf in the kernel as the plain build, 8 bases"

# strtok() over commas and blanks, strtok_r() over '=' nested in it:
# runs of delimiters, delimiters at both ends, lines of only delimiters,
# lines cut by fgets() (LEN 16) or not (256), a last line with no newline
printf '%s\n' 'a=1,b=2' '' ' , ,	' '==x==,=,k=' 'longlonglonglonglong=valuevaluevalue,z' \
	',,lead=1' 'trail=2,, ' 'k=v=w  x' >tok.in
printf 'key=last  ' >>tok.in
for len in 16 256; do
	agree strtok "$len" tok.in
	[ "$(cat k.rc)" = 0 ] || { cat k.err; fail "strtok $len: exit $(cat k.rc)"; }
done
grep -qxF '[k]=[v][x]|' k.out || { cat k.out; fail "strtok: 'k=v=w  x' not split as glibc splits it"; }
grep -qxF 'fields 12 pairs 7 empty 2 bytes 42' k.out || { tail -1 k.out; fail "strtok: $(tail -1 k.out)"; }
ok "strtok() and strtok_r() nested, in the kernel as the plain build, lines cut and whole"

# strtol(argv[1], &end, ...) then end == argv[1]: the program's string
# and the end pointer into the compound's copy compare as one memory
for args in '12 0x1f' 'x 7' '12x -' '- 0' ' -5 010z' '99999999999999999999 0x'; do
	# shellcheck disable=SC2086 # two arguments
	agree argnum $args
done
grep -qxF 'a 9223372036854775807 b 0 bad 8 rest [] [x] third none longer argv[1]' k.out ||
	{ cat k.out; fail "argnum: LONG_MAX and 0x: $(cat k.out)"; }
ok "end == argv[1] after strtol(argv[1], &end, ...), pointers into argv and to a literal after the region, in the kernel as the plain build, 6 pairs"

# error paths that leave the region (return, break) with snprintf() into
# an array of the region's and sprintf() into a report: in the compound
printf 'twelve bytes' >em.in
mkdir -p em.dir
agree errmsg em.in em.dir em.in
grep -qxF '12 bytes, report 23 bytes: [em.dir: read error 21]' k.out || { cat k.out; fail "errmsg: $(cat k.out)"; }
# the return leaves before the path= line; COSY_MODE=kernel fails a fallback
run k env COSY_MODE=kernel "$P/errmsg" em.in em.nope em.in
run p "$P/errmsg.plain" em.in em.nope em.in
same k p
[ "$(cat k.rc)" = 1 ] && grep -qxF 'cannot open em.nope: No such file or directory' k.err ||
	{ cat k.err; fail "errmsg: exit $(cat k.rc), no perror() of the message"; }
ok "snprintf() and sprintf() in blocks that leave the region, in the kernel as the plain build"

# an innermost loop with two perror()s and a printf(): one iteration a
# pass (32 inlined ran past a jump's reach and the kernel refused it)
rm -f sparse.in
truncate -s 1M sparse.in
printf 'first' | dd of=sparse.in bs=4096 seek=16 conv=notrunc 2>/dev/null
printf 'second' | dd of=sparse.in bs=4096 seek=200 conv=notrunc 2>/dev/null
agree extents sparse.in
[ "$(cat k.rc)" = 0 ] && grep -q ' extents, ' k.out || { cat k.err; fail "extents: exit $(cat k.rc)"; }
ok "SEEK_DATA/SEEK_HOLE loop with two perror()s and a printf() in the kernel as the plain build ($(tail -1 k.out))"

# out-parameters (*err, *bytes) of the function the region is in: copied
# in and back; a missing file and a directory (read: EISDIR) set *err.
# &total passed as bytes makes *bytes and a variable of the region one
# memory: the original's code runs (COSY_MODE=kernel refuses, naming both)
printf 'a\nbb\nccc\n' >op.1
head -c 100000 /dev/urandom >op.2
agree outparam apart op.1 op.nope op.2 .
[ "$(cat k.rc)" = 0 ] || { cat k.err; fail "outparam: exit $(cat k.rc)"; }
grep -qx 'op.1: 3 lines, 1009 bytes, err -1' k.out && grep -qx 'op.nope: -1 lines, 1000 bytes, err 2' k.out &&
	grep -qx '.: 0 lines, 1000 bytes, err 21' k.out && grep -qx 'total 100009' k.out ||
	{ cat k.out; fail "outparam: not the counts and errnos expected"; }
agree outparam null op.1 op.nope .
grep -qx 'op.nope: -1 lines, 1000 bytes, err -1' k.out && grep -qx '.: 0 lines, 1000 bytes, err -1' k.out ||
	{ cat k.out; fail "outparam null: not the counts expected"; }
run k env COSY_MODE=kernel "$P/outparam" alias op.1
[ "$(cat k.rc)" = 4 ] && grep -qF '(*bytes) is the memory of total too' k.err ||
	{ cat k.err; fail "outparam alias: exit $(cat k.rc), not refused by name"; }
run d env COSY_VERBOSE=1 "$P/outparam" alias op.1 op.2
run p "$P/outparam.plain" alias op.1 op.2
path_is d user
same d p
grep -qx 'total 200018' d.out || { cat d.out; fail "outparam alias: $(tail -1 d.out)"; }
ok "out-parameters (*err, *bytes, err tested for NULL) in the kernel as the plain build; one that is a region's variable runs the original's code"

# snprintf() and sprintf() of more than 4096 bytes (sweep 20: the sink
# kept 4096 of them, sprintf trapped): stored whole, into 8 and 16 KiB
for len in 0 4094 4095 6000 8190 8191 11999; do
	agree bigfmt $len
	[ "$(cat k.rc)" = 0 ] || { cat k.err; fail "bigfmt $len: exit $(cat k.rc)"; }
done
grep -q '^snprintf 12001 stored 8191 last z | sprintf 12001 stored 12001 last > | small 12001 99 ' k.out ||
	{ cat k.out; fail "bigfmt 11999: not what C stores"; }
ok "snprintf() and sprintf() of up to 12001 bytes at once in the kernel as the plain build"

# printf() and write(1) on stdout with no fflush() (sweep 21's headcat):
# stdio's bytes go out as the plain build's do, a title printed before the
# region among them; a stdout buffered otherwise than by glibc's 4096-byte
# buffer (a 1000-byte one of the program's, a line-buffered one) runs in
# user space, and COSY_MODE=kernel refuses it
seq 40 >mx.in
for reps in 3 26 200; do
	agree mixout mx.in $reps
done
# every write(1) there once; the printf() after the region held until exit
[ "$(tr -cd W <k.out | wc -c)" = 200 ] && [ "$(tail -1 k.out)" = "after 200" ] &&
	grep -q '^end$' k.out || { tail -3 k.out; fail "mixout: not 200 writes, or the printf() after the region not last"; }
for how in 1000 line; do
	run a env COSY_MODE=auto "$P/mixout" mx.in 60 $how
	run p "$P/mixout.plain" mx.in 60 $how
	path_is a user
	same a p
	run k env COSY_MODE=kernel "$P/mixout" mx.in 60 $how
	[ "$(cat k.rc)" = 4 ] && grep -q "stdout's buffer is 1000 bytes\|stdout is line-buffered" k.err ||
		{ cat k.err; fail "mixout $how: COSY_MODE=kernel did not refuse stdout's buffering"; }
done
# stdout closed: glibc's buffer has no size to take, no byte moves
COSY_MODE=kernel "$P/mixout" mx.in 3 >&- 2>k.err; echo $? >k.rc
"$P/mixout.plain" mx.in 3 >&- 2>p.err; echo $? >p.rc
! grep -q 'cannot run' k.err && cmp -s k.rc p.rc || { cat k.err; fail "mixout >&-: exit $(cat k.rc), plain $(cat p.rc)"; }
ok "printf() and write(1) mixed with no fflush() land as in the plain build; stdout buffered otherwise runs in user space"

# stdin read by stdio before the region, in it and after it, and by
# read(0, ...) and ftell() after it (sweep 22): the plain build's bytes,
# glibc's 4096-byte read-ahead included; an ungetc() of another byte runs
# in user space
seq 3000 >sm.big
seq 5 >sm.small
: >sm.empty
for mode in peek two; do
	agree_in sm.big stdinmix $mode
done
agree_in sm.small stdinmix peek
agree_in sm.empty stdinmix two
run a env COSY_MODE=auto "$P/stdinmix" other <sm.big
run p "$P/stdinmix.plain" other <sm.big
same a p
path_is a user
# glibc read 4096 bytes ahead: read(0) gets 64 of those past them
agree_in sm.big stdinmix line
grep -q '^first 0: 6 bytes, 4 lines, sum [0-9]*, ftell 8$' k.out && grep -q '^read(0) 64: ' k.out ||
	{ cat k.out; fail "stdinmix: not past glibc's read-ahead"; }
# stdin closed: nothing to take, EOF and the error flag as in the plain build
run k env COSY_MODE=kernel "$P/stdinmix" line <&-
run p "$P/stdinmix.plain" line <&-
path_is k kernel
same k p
ok "stdin read before, in and after a region, and by read(0) and ftell() after it, as the plain build: $(head -2 k.out | tr '\n' ' ')"

# a DIR * opened before the region: names read before it (glibc's buffer),
# in it (fstatat on dirfd(), a break), and after it, each once, in order
mkdir -p ld.big ld.small ld.empty
i=0
while [ $i -lt 1500 ]; do echo $i >ld.big/file_with_a_longish_name_$i; i=$((i + 1)); done
echo hi >ld.small/b
for a in "0 5" "7 3" "2 100000" "0 0" "700 1000"; do
	agree lentdir $a ld.big ld.small ld.empty ld.nope /proc/sys/vm
	[ "$(cat k.rc)" = 0 ] || { cat k.err; fail "lentdir $a: exit $(cat k.rc)"; }
done
grep -q '^ld.big: 700 skipped, 802 taken ([0-9]* bytes), 0 after$' k.out &&
	grep -qx 'ld.nope: not opened' k.out || { grep ': ' k.out; fail "lentdir 700 1000: not every name once"; }
ok "a DIR * from before the region in the kernel: its names before, in and after it as the plain build's"

# getchar() until EOF or a line count, after stdio took a line itself:
# stdin's bytes each once, in order, and its EOF flag, as the plain build's;
# a pipe on stdin runs the region in user space
i=0
while [ $i -lt 3000 ]; do echo "line $i of getchar's input, long enough to cross 4 KiB"; i=$((i + 1)); done >gc.in
printf 'one\ntwo' >gc.short
for f in gc.in gc.short /dev/null; do
	for a in "3" "5 x" "100000" "100000 x" "0"; do
		agree_in $f getchar $a
	done
done
run k env COSY_MODE=kernel "$P/getchar" 100000 x <gc.short
grep -qx 'first line: 3 bytes' k.out && grep -qx 'TWO-- 0 lines; eof 1: 0 more bytes, eof 1 error 0' k.out ||
	{ cat k.out; fail "getchar 100000 x: not what the plain build printed"; }
run k env COSY_MODE=kernel "$P/getchar" 5 x <gc.in
grep -qx -- '-- 5 lines; eof 0: 169566 more bytes, eof 1 error 0' k.out ||
	{ tail -1 k.out; fail "getchar 5 x: not every byte of stdin once"; }
run p "$P/getchar.plain" 5 x <gc.in
cat gc.in | COSY_VERBOSE=1 "$P/getchar" 5 x >k.out 2>k.err
cmp -s k.out p.out || { diff k.out p.out; fail "getchar from a pipe: not the plain build's output"; }
grep -q 'runs in user space: it reads fd 0 with getchar(), fgets() or fread(), and that fd cannot seek back' k.err ||
	{ cat k.err; fail "getchar from a pipe: not the fallback's reason"; }
ok "getchar() until EOF or a line count in the kernel: stdin's bytes and EOF as the plain build's; a pipe falls back"

# fgets(line, SIZE, stdin) in a region: lines longer than SIZE - 1 (and
# than stdin's 4 KiB buffer) come in parts, SIZE 1 reads nothing, SIZE 0
# is NULL at once, a NULL leaves the buffer as it was; feof() and
# clearerr() in the region of an EOF stdio set before it; then stdin's
# bytes each once and its flags, as the plain build's; a pipe falls back
awk 'BEGIN { s = ""; for (i = 0; i < 9000; i++) s = s "x"; print "short"; print s; printf "end" }' >fg.long
printf 'a\0b\nc\n\n' >fg.nul
for f in gc.in gc.short fg.long fg.nul /dev/null; do
	for a in "300 100000" "300 7 x" "16 100000" "2 9" "1 3" "0 5" "300 0" "300 0 e" "300 0 c" \
		"300 5 c"; do
		agree_in $f fgets $a
	done
done
run k env COSY_MODE=kernel "$P/fgets" 16 100000 <fg.long
grep -qx -- '-- 603 calls, 2 whole lines, 9010 bytes, last NULL; buffer \[end\]; eof 1 (1) error 0' k.out ||
	{ tail -2 k.out; fail "fgets 16 over a 9000-byte line: not every byte once"; }
run p "$P/fgets.plain" 300 7 x <gc.in
cat gc.in | COSY_VERBOSE=1 "$P/fgets" 300 7 x >k.out 2>k.err
cmp -s k.out p.out || { diff k.out p.out; fail "fgets from a pipe: not the plain build's output"; }
grep -q 'runs in user space: it reads fd 0 with getchar(), fgets() or fread(), and that fd cannot seek back' k.err ||
	{ cat k.err; fail "fgets from a pipe: not the fallback's reason"; }
ok "fgets() of stdin in the kernel: lines, parts of lines, the buffer after NULL, feof() and clearerr(), stdin's bytes and EOF as the plain build's; a pipe falls back"

# fread(buf, SIZE, NMEMB, stdin) in a region: requests of 4 KiB and more
# (straight into buf) and smaller ones (through stdin's buffer), a partial
# last item, SIZE or NMEMB 0; stdin's bytes each once, as the plain build's
head -c 300000 /dev/urandom >fr.bin
for f in gc.in gc.short fr.bin /dev/null; do
	for a in "1 8192 100000" "1 20000 3 x" "7 3 100000" "4096 2 2" "100 1 5 x" "0 5 3" "5 0 3"; do
		agree_in $f fread $a
	done
done
run k env COSY_MODE=kernel "$P/fread" 7 3 100000 <fr.bin
head -c 299999 fr.bin >fr.want
head -c 299999 k.out | cmp -s - fr.want && tail -1 k.out | grep -qx -- '-- 0 more bytes, eof 1 error 0' ||
	{ tail -2 k.out; fail "fread 7 3 of 300000 bytes: not every byte once"; }
ok "fread() of stdin in the kernel: large and small requests, partial items, stdin's bytes and EOF as the plain build's"

# Files read through a FILE the region opens: fopen(path, "r"), then
# fgets() (lines longer than SIZE - 1 in parts, SIZE 0 NULL at once),
# getc() or fread() (items of 1, 7, 4096 and 8192 bytes), feof(),
# ferror(), clearerr() and fclose(); a missing file fails fopen() with
# its errno, a directory opens and fails its first read (ferror()),
# /dev/null ends at once; and grep -n -F with fopen() in a helper
for a in "l 300 e" "l 16 e" "l 0 e" "c 1 x" "r 1 x" "r 7 x" "r 4096 x" "r 8192 x"; do
	agree fopen $a gc.in fg.long fg.nul fr.bin nope . /dev/null gc.short
done
run k env COSY_MODE=kernel "$P/fopen" r 7 x fr.bin
grep -qx 'fr.bin: 0 lines 0 bytes 42857 items sum .* eof 1 error 0 (after clearerr 0) fclose 0' k.out ||
	{ cat k.out; fail "fopen: fread of 7-byte items over 300000 bytes: not 42857 items"; }
agree fgrep e gc.in nope fg.long gc.in
agree fgrep zzzz-nowhere gc.in
ok "fopen() for reading in the kernel: fgets(), getc(), fread(), the flags and fclose() of a FILE the region opens, as the plain build's"

# Files written through a FILE the region opens: fopen(path, "w") or "a",
# fputs() of fgets()'s lines, fprintf() (cat -n), putc() a byte at a time,
# fwrite() of fread()'s items with fflush(), a FILE left open for the
# region's end to flush; each output file as the plain build's
fw_same() {	# fw_same TAG: the file written by that run is the plain one's
	cmp -s "fw.$1" fw.p || { cmp "fw.$1" fw.p; cat "$1.out"; fail "fwrite $a: $1's file differs"; }
}
for a in "c 1" "n 1" "p 1" "b 1" "b 7" "b 4096" "u 1" "u 7" "o 1" "a 1"; do
	for t in k c p; do printf 'before\n' >"fw.$t"; done
	run k env COSY_MODE=kernel "$P/fwrite" $a fw.k gc.in nope fr.bin fg.long gc.short
	run p "$P/fwrite.plain" $a fw.p gc.in nope fr.bin fg.long gc.short
	path_is k kernel
	same k p
	fw_same k
	[ "$a" = "a 1" ] && continue	# check mode appends twice (it says so)
	run c env COSY_MODE=check "$P/fwrite" $a fw.c gc.in nope fr.bin fg.long gc.short
	path_is c checked
	same c p
	fw_same c
done
grep -qx 'ferror 0 fclose 0 errno 0' k.out || { cat k.out; fail "fwrite: fclose() did not succeed"; }
# fclose() of the region's FILEs in branches that return: they stay in
# the kernel (exit 4 with COSY_MODE=kernel had they not)
{ head -n 20 gc.in; echo '# here'; head -n 5 gc.in; } >fw.hash
for files in "gc.short fw.hash gc.in" "gc.in nope gc.in" "gc.short gc.in"; do
	# shellcheck disable=SC2086 # the names are words
	run k env COSY_MODE=kernel "$P/fwclose" fw.k $files
	# shellcheck disable=SC2086
	run p "$P/fwclose.plain" fw.p $files
	same k p
	a="fwclose $files"
	fw_same k
done
grep -qx '3002 lines, fclose 0' k.out || { cat k.out k.err; fail "fwclose: $(cat k.out)"; }
# seven FILEs written in one loop (a switch deals the lines), and one
# read: their buffers are one slice in the frame, within 6.1's 512 bytes
for t in k c p; do
	[ $t = p ] && cmd="$P/fwmany.plain" || cmd="env COSY_MODE=$([ $t = k ] && echo kernel || echo check) $P/fwmany"
	run $t $cmd "fm.$t" gc.in
done
path_is k kernel
path_is c checked
same k p
same c p
for i in 0 1 2 3 4 5 6; do
	for t in k c; do
		cmp -s "fm.$t.$i" "fm.p.$i" || { cmp "fm.$t.$i" "fm.p.$i"; fail "fwmany: $t's file $i differs"; }
	done
done
grep -q ' lines into 7 files, fclose 0$' k.out || { cat k.out k.err; fail "fwmany: $(cat k.out)"; }
# fopen(argv[2]) of a path of more than 255 bytes: a path the host copies
# in (4096 bytes), not a slot of a table of argv (256 bytes each)
lp=$(printf '%0150d' 0 | tr 0 d)/$(printf '%0150d' 0 | tr 0 e)
mkdir -p "$lp" && cp gc.in "$lp/in" || fail "cannot make a 300-byte path"
run k env COSY_MODE=kernel "$P/fwmany" fm.k "$lp/in"
run p "$P/fwmany.plain" fm.p "$lp/in"
path_is k kernel
same k p
rm -rf fm.* "${lp%%/*}"
for t in k p; do
	[ $t = k ] && cmd="env COSY_MODE=kernel $P/fwclose" || cmd="$P/fwclose.plain"
	(trap '' XFSZ; ulimit -f 16; run $t $cmd "fw.$t" gc.short gc.in gc.short)
done
same k p
fw_same k
grep -qx 'gc.in: fflush fails, errno 27' k.out || { cat k.out k.err; fail "fwclose: fflush past RLIMIT_FSIZE: $(cat k.out)"; }
# a write past RLIMIT_FSIZE (SIGXFSZ ignored) fails with EFBIG: ferror()
# and fclose() say so, and the file holds the bytes up to the limit
for t in k p; do
	rm -f "fw.$t"
	[ $t = k ] && cmd="env COSY_MODE=kernel $P/fwrite" || cmd="$P/fwrite.plain"
	(trap '' XFSZ; ulimit -f 16; run $t $cmd c 1 "fw.$t" gc.in gc.in)
done
path_is k kernel
same k p
fw_same k
grep -qx 'ferror 1 fclose -1 errno 27' k.out || { cat k.out; fail "fwrite past RLIMIT_FSIZE: not EFBIG"; }
[ "$(wc -c <fw.k)" = 8192 ] || fail "fwrite past RLIMIT_FSIZE: $(wc -c <fw.k) bytes, not 8192"
# an output fopen() cannot open, and /dev/full, which the region runs in
# user space for (the module would not wait where the device may)
run k env COSY_MODE=kernel "$P/fwrite" c 1 nodir/out gc.in
run p "$P/fwrite.plain" c 1 nodir/out gc.in
same k p	# exit 1 from the region's return (COSY_MODE=kernel: 4 had it not run)
grep -q 'fopen fails, errno 2$' k.out || { cat k.out; fail "fwrite to nodir/out: $(cat k.out)"; }
run k "$P/fwrite" c 1 /dev/full gc.in
run p "$P/fwrite.plain" c 1 /dev/full gc.in
same k p
grep -qx 'ferror 1 fclose -1 errno 28' k.out || { cat k.out; fail "fwrite to /dev/full: not ENOSPC"; }
rm -f fw.k fw.c fw.p fw.hash
ok "fopen() for writing in the kernel: fputs(), fprintf(), putc(), fwrite(), fflush() and fclose() of a FILE the region opens (also in a branch that returns), each file as the plain build's; EFBIG and ENOSPC reported by ferror() and fclose()"

# perror() in a region that prints nothing to stdout, with fd 2 open for
# writing only: glibc's first perror() would leave errno EINVAL (its
# fdopen() of dup(2) fails), the compound's leaves ENOENT; check mode
# compares errno, and agrees because the runtime orients stderr first
agree perrno gc.in nope gc.short
grep -q '^nope: No such file or directory$' c.err ||
	{ cat c.err; fail "perrno in check mode: not perror()'s line"; }
ok "perror() and on, in check mode with fd 2 write-only: errno as the plain build's (stderr oriented before the run)"

# More files open at once than a compound may hold (64): the region runs
# in user space, as written, when nothing it did shows yet; after a write
# it stops loudly (exit 3) instead of failing an open with EMFILE
mkdir -p mf
i=0
while [ $i -lt 150 ]; do printf "$((i % 10))" >mf/f$i; i=$((i + 1)); done
run k env COSY_MODE=kernel "$P/manyfds" 64 mf
run p "$P/manyfds.plain" 64 mf
path_is k kernel
same k p
for a in 65 150; do
	run k env COSY_VERBOSE=1 "$P/manyfds" $a mf
	run p "$P/manyfds.plain" $a mf
	path_is k user
	same k p
	grep -q 'runs in user space: at line [0-9]* it holds more files open at once than a compound may (64)$' k.err ||
		{ cat k.err; fail "manyfds $a: not the fallback's reason"; }
done
run k "$P/manyfds" 100 mf mf.out
[ "$(cat k.rc)" = 3 ] && [ ! -s k.out ] && [ "$(cat mf.out)" = x ] &&
	grep -q 'stopped at line [0-9]*: .*or opened more files at once than a compound may hold (64), after work that cannot be undone' k.err ||
	{ cat k.rc k.out k.err; fail "manyfds 100 after a write: not a loud stop"; }
ok "65 and 150 files open at once: the region runs in user space as written; after a write it stops loudly, never EMFILE"

# tac with memrchr(): a megabyte of lines in the kernel, as tac(1) and the
# plain build print it (a scan from the front would take minutes: a square)
awk 'BEGIN { for (i = 0; i < 40000; i++) print "line " i " of tac, reversed"; printf "no newline" }' >tac.in
for f in tac.in gc.short /dev/null; do
	agree tac $f
	tac $f | cmp -s - k.out || fail "tac $f: not what tac(1) prints"
done
# a loop of long byte scans yields at its next iteration once one is due
run k env COSY_VERBOSE=1 "$P/longscan" 40
run p "$P/longscan.plain" 40
path_is k kernel
same k p
y=$(sed -n 's/.* yielded \([0-9]*\) times.*/\1/p' k.err)
[ "${y:-0}" -ge 10 ] || { cat k.err; fail "longscan 40: yielded ${y:-0} times, expected about one per scan"; }
ok "tac of $(wc -c <tac.in) bytes with memrchr() in the kernel as tac(1); 40 long scans yield $y times"

# paths built with snprintf() ("%s/%s", "%s.%03d|%-4d|"), its truncation
# into a short buffer and its value, a name too long reported on stderr
mkdir -p pdir/sub
echo abc >pdir/a
echo hello >pdir/longername_for_truncation
: >"pdir/$(printf 'y%.0s' $(seq 70))"
agree paths pdir
grep -v '^path=' k.err >k.rep
cmp -s k.rep p.err || { diff k.rep p.err; fail "paths: stderr differs from the plain build's"; }
grep -q '^- *6 pdir/longername_for_truncation \[longern\] \[n\.00[0-9]|' k.out &&
	grep -q '^paths: 3 names, .* cut 1, empty 1$' k.out && grep -q 'name too long (75 bytes)$' k.rep ||
	{ cat k.out k.rep; fail "paths: $(tail -1 k.out)"; }
ok "paths built with snprintf() in the kernel, truncated and measured as the plain build's: $(tail -1 k.out)"

# Paths built with strcpy() and strcat(), names kept with strncpy() (NUL
# padding, no NUL when the name fills the field), in the kernel
mkdir -p sdir
for i in 1 2 3; do head -c $((i * 100)) /dev/urandom >"sdir/file_with_long_name_$i"; done
head -c 400 /dev/urandom >sdir/x
agree strcopy sdir
grep -q "^strcopy: 4 files, 1000 bytes, names 84, last sdir/" k.out ||
	{ cat k.out k.err; fail "strcopy: $(head -1 k.out)"; }
# a long name fills the field (no NUL), a short one is padded with NULs
[ "$(grep -c "^  file_with_lo [1-3]00 6f$" k.out)" = 3 ] && grep -q "^  x 400 00$" k.out ||
	{ cat k.out; fail "strcopy: strncpy's names"; }
ok "strcpy/strcat paths and strncpy'd names in the kernel agree with the plain build ($(head -1 k.out))"

# Error paths that leave the region (return, exit(), err()) and call what
# a compound cannot (fprintf, perror, strerror): the compound stops there,
# the statements run in user space; kernel, check and plain print and exit
# alike
seq 3000 >tin
for args in "ret tin tout:0" "ret nope tout:1" "ret tin nodir/tout:1" "ret . tout:1" \
	    "exit tin:0" "exit nope:3" "exit .:4" "exit $(printf '%0201d' 0):2"; do
	# shellcheck disable=SC2086 # the arguments are words
	agree tails ${args%:*}
	[ "$(cat k.rc)" = "${args##*:}" ] || { cat k.err; fail "tails ${args%:*}: exit $(cat k.rc)"; }
	for t in k c p; do
		# err() names the program: tails.plain is tails here
		grep -v '^path=' "$t.err" | sed 's/^tails\.plain:/tails:/' >"$t.err2"
	done
	cmp -s k.err2 p.err2 && cmp -s c.err2 p.err2 ||
		{ cat k.err c.err p.err; fail "tails ${args%:*}: the messages differ"; }
	case $args in
	"exit .:4") grep -q "^tails: read \. after 0 bytes: Is a directory" k.err ||
		{ cat k.err; fail "tails: err()'s message"; } ;;
	esac
done
grep -q "^usage: tails" k.err || { cat k.err; fail "tails: usage()'s message"; }
ok "error paths left to user space after the region agree with the plain build ($(head -c 60 p.err2))"

# Error paths after which the program goes on (goto out, break, an if's
# branch that ends): the report and the rest of the region run in user
# space, the compound's fd closed there; kernel, check and plain agree on
# output, messages, status and the file written
printf 'abc\n' >on2
for args in "goto tin:0" "goto nope:1" "goto .:2" "break on.out tin on2:0" \
	    "break on.out tin nope on2:1" "branch tin:0" "branch nope:1" "branch .:2"; do
	for t in k c p; do
		case $t in
		k) set -- env COSY_MODE=kernel "$P/tails_on" ;;
		c) set -- env COSY_MODE=check "$P/tails_on" ;;
		p) set -- "$P/tails_on.plain" ;;
		esac
		rm -f on.out
		# shellcheck disable=SC2086 # the arguments are words
		run $t "$@" ${args%:*}
		# check mode says it writes stdout (fd 1) again: cosy's own line
		grep -v '^path=\|^cosy: COSY_MODE=check: ' "$t.err" >"$t.err2"
		cat on.out >"$t.file" 2>/dev/null || : >"$t.file"
	done
	set --
	path_is k kernel
	path_is c checked
	same k p
	same c p
	cmp -s k.err2 p.err2 && cmp -s c.err2 p.err2 ||
		{ cat k.err c.err p.err; fail "tails_on ${args%:*}: the messages differ"; }
	cmp -s k.file p.file && cmp -s c.file p.file || fail "tails_on ${args%:*}: on.out differs"
	[ "$(cat k.rc)" = "${args##*:}" ] || { cat k.err; fail "tails_on ${args%:*}: exit $(cat k.rc)"; }
	case $args in
	"goto .:2") grep -q "^read: Is a directory" k.err && grep -q "^\.: 0 bytes" k.out ||
		{ cat k.out k.err; fail "tails_on goto: the read's report and out:"; } ;;
	"break on.out tin nope on2:1") grep -q "^tails_on: nope: cannot open" k.err &&
		[ "$(cat k.out)" = "$(printf 'tin\n1 of 3 appended')" ] && cmp -s k.file tin ||
		{ cat k.out k.err; fail "tails_on break: the report and what follows the loop"; } ;;
	esac
done
ok "error paths that go on (goto out, break, an if's branch) agree with the plain build"

# An interval timer ticking through the verifier's work: the compound
# loads all the same (signals wait for the load), the run is the kernel's.
head -c 10000 /dev/urandom >tick.in
for usec in 1000 10000; do
	run k env COSY_CACHE=0 COSY_MODE=kernel "$P/ticker" $usec tick.in
	run p "$P/ticker.plain" $usec tick.in
	path_is k kernel
	same k p
done
ok "a 1 ms and a 10 ms interval timer during the load: the region runs in the kernel ($(cat k.out))"

# --- printf() and co. to stdout --------------------------------------------------
# A report per file, an ls of 300 names (stdout's buffer fills), a %s of
# 9000 bytes (longer than the buffer), puts/putchar/fputs/fprintf(stdout),
# non-ASCII bytes: the plain build's bytes, in order with the program's
# own printf()s around the region.
mkdir -p pd
i=0
while [ $i -lt 300 ]; do : >"pd/a-file-with-a-long-name-$i"; i=$((i + 1)); done
mkdir pd/sub
head -c 9000 /dev/urandom | od -An -tx1 | head -c 9000 >pf1
seq 100 >pf2
agree printf pd pf1 missing pf2
[ "$(wc -c <k.out)" -gt 20000 ] || fail "printf: only $(wc -c <k.out) bytes"
grep -q "^d sub$" k.out && grep -q "^after the region: 9292 bytes$" k.out ||
	{ tail -3 k.out; fail "printf: not the lines expected"; }
ok "printf() and co. in the kernel: the plain build's $(wc -c <k.out) bytes, in order"
# stdout a pipe: printf() would wait on the reader, the compound would not
env COSY_MODE=auto "$P/printf" pd pf1 missing pf2 2>q.err | cat >q.out
cmp -s q.out p.out || fail "printf to a pipe: not the plain build's output"
grep -q "^path=user: fd 1 is a pipe" q.err || { cat q.err; fail "printf to a pipe: $(cat q.err)"; }
# /dev/null and /dev/full: as plain (stdio drops what /dev/full refuses)
for dev in /dev/null /dev/full; do
	"$P/printf.plain" pd pf1 >"$dev" 2>/dev/null
	want=$?
	env COSY_MODE=auto "$P/printf" pd pf1 >"$dev" 2>"d${dev#/dev/}.err"
	got=$?
	[ "$want" = "$got" ] || { cat "d${dev#/dev/}.err"; fail "printf to $dev: exit $got, the plain build's $want"; }
done
grep -q "^path=kernel" dnull.err || { cat dnull.err; fail "printf to /dev/null: $(cat dnull.err)"; }
# a FIFO after a printf(): nothing was done for good (printed is only
# buffered), so the original runs, and prints it once
mkfifo pfifo
for t in w wp; do
	(sleep 1; seq 5 >pfifo) &
	if [ $t = w ]; then run w env COSY_VERBOSE=1 "$P/printf" pd pf2 pfifo; else run wp "$P/printf.plain" pd pf2 pfifo; fi
	wait
done
same w wp
path_is w "user: at line"
# stopped by a budget: exit 3, and what it printed is what the plain build
# printed up to there
run b env COSY_MODE=kernel COSY_BUDGET_CALLS=400 "$P/printf" pd pf1 missing pf2
[ "$(cat b.rc)" = 3 ] || { cat b.err; fail "printf under a 400-call budget: exit $(cat b.rc)"; }
# more than the line before the region: what the compound buffered is kept
[ "$(wc -c <b.out)" -gt 100 ] && cmp -s -n "$(wc -c <b.out)" b.out p.out ||
	{ cat b.err; fail "printf stopped by a budget: its output is not the start of the plain build's"; }
ok "printf to a pipe runs in user space, to /dev/null in the kernel, to /dev/full as plain; before a FIFO the original prints it once; a stop keeps a prefix ($(wc -c <b.out) bytes)"

# --- budgets -----------------------------------------------------------------------
# More system calls than the module's default call budget (2^20): a correct
# program is not stopped by a default (auto mode could not fall back).  Nor
# by time: a KASAN kernel takes more than the module's 10 s for these
# reads, and the region yields and goes on.
head -c 1100000 /dev/urandom >bytes.in
run a "$P/bytewise" bytes.in
run k env COSY_MODE=kernel "$P/bytewise" bytes.in
run p "$P/bytewise.plain" bytes.in
path_is a kernel
path_is k kernel
same a p
same k p
rm -f bytes.in
ok "1 100 000 one-byte reads, over the module's default call budget, finish in the kernel"

run k env COSY_MODE=kernel "$P/spin" 20000
run p "$P/spin.plain" 20000
path_is k kernel
same k p
ok "a 20000-iteration loop with no call in it runs as a compound"

run k env COSY_MODE=kernel COSY_BUDGET_CALLS=5000 "$P/spin" 100000000
[ "$(cat k.rc)" = 3 ] || { cat k.out k.err; fail "over budget: exit $(cat k.rc), expected 3"; }
grep -q "its calls budget is spent" k.err || { cat k.err; fail "no budget message"; }
grep -q "COSY_BUDGET_CALLS is 5000 calls; raise it" k.err || { cat k.err; fail "the stop does not name COSY_BUDGET_CALLS"; }
[ ! -s k.out ] || fail "the program went on after a stopped region: $(cat k.out)"
ok "a runaway loop ends with the calls budget's error: $(head -c 120 k.err)"

run k env COSY_MODE=kernel COSY_BUDGET_TIME_NS=20000000 "$P/spin" 100000000
[ "$(cat k.rc)" = 3 ] || { cat k.err; fail "time budget: exit $(cat k.rc)"; }
grep -q "budget is spent" k.err || { cat k.err; fail "no budget message"; }
ok "a runaway loop ends with a budget's error with a 20 ms time budget"

run k env COSY_MODE=kernel COSY_ON_STOP=continue COSY_BUDGET_CALLS=5000 "$P/spin" 100000000
path_is k stopped
grep -q "errno=Disk quota exceeded" k.out || { cat k.out k.err; fail "continue: $(cat k.out)"; }
# ... but its result is not a success: spin returns 0, the exit status is 3
[ "$(cat k.rc)" = 3 ] || { cat k.out k.err; fail "continue: exit $(cat k.rc), expected 3"; }
grep -q "it will exit with status 3, not 0" k.err || { cat k.err; fail "continue: not said"; }
ok "COSY_ON_STOP=continue: the program goes on, errno EDQUOT ($(cat k.out)), exit status 3"

# The default call budget is not spent by a loop's iterations: 2^21
# iterations of a loop without a system call, twice the default budget of
# 2^20 calls, finish (one guard call per 256 iterations).
run k env COSY_MODE=kernel "$P/spin" 2097152
run p "$P/spin.plain" 2097152
same k p
ok "2^21 loop iterations run under the default call budget: $(cat k.out)"

run z env COSY_BUDGET_CALLS=0 "$P/spin" 1000
path_is z "user: COSY_BUDGET_CALLS=0"
run p "$P/spin.plain" 1000
same z p
ok "a budget of 0 runs the original code"

# --- the fallback ---------------------------------------------------------------------
head -c 10000 /dev/urandom >in
# without CAP_BPF (an unprivileged user cannot load the compound)
if grep -q '^nobody:' /etc/passwd 2>/dev/null || { mkdir -p /etc &&
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd &&
	echo 'nobody:x:65534:' >>/etc/group; } 2>/dev/null; then
	mkdir -m 0777 np
	cp in np/in
	run n su -p -s /bin/sh nobody -c "$P/cp np/in np/out"
	path_is n user
	grep -q "CAP_BPF" n.err || { cat n.err; fail "no CAP_BPF: reason not given"; }
	cmp -s in np/out || fail "no CAP_BPF: the fallback did not copy"
	run n2 su -p -s /bin/sh nobody -c "COSY_MODE=kernel $P/cp np/in np/out2"
	[ "$(cat n2.rc)" = 4 ] || fail "COSY_MODE=kernel without CAP_BPF exits $(cat n2.rc), expected 4"
	ok "without CAP_BPF the original code runs ($(cut -c1-70 n.err | head -n 1))"
else
	echo "# no user 'nobody': not testing without CAP_BPF"
fi
# --- the compound cache: verified once, attached by later runs ---------------------
ls -d /sys/fs/bpf/cosy/cc-cp-* >/dev/null 2>&1 || fail "no cached compound of cp after its runs"
run k env COSY_VERBOSE=1 COSY_MODE=kernel "$P/spin" 1000
grep -q "region spin .*: attached to the compound an earlier run pinned as cc-spin-" k.err ||
	{ cat k.err; fail "spin did not attach to its cached compound"; }
run k2 env COSY_VERBOSE=1 COSY_CACHE=0 COSY_MODE=kernel "$P/spin" 1000
grep -q "region spin .*: verified as cc-spin-" k2.err || { cat k2.err; fail "COSY_CACHE=0 did not verify"; }
same k k2
ok "a later run attaches to the compound an earlier one verified and pinned; COSY_CACHE=0 verifies"
# Another program's compound of the same region name is another object:
# another name (the hash); a pin of that name that is not a compound is
# not used, and the region still runs.
for d in /sys/fs/bpf/cosy/cc-spin-*; do cosy-load unload "${d##*/}" >/dev/null; done
mkdir "$d"
run k env COSY_VERBOSE=1 COSY_MODE=kernel "$P/spin" 1000
grep -q "verified (not pinned) as cc-spin-" k.err || { cat k.err; fail "a broken pin was not left alone"; }
same k k2
rmdir "$d"
ok "a pin directory that holds no compound is not used: the region verifies its own"

# without the module: pinned compounds hold it (cosy-load unload them), and
# the compounds of the runs above hold it a while after their processes
# exit (lib.sh)
for d in /sys/fs/bpf/cosy/cc-*; do
	[ -e "$d" ] && { cosy-load unload "${d##*/}" >/dev/null || fail "cannot unload ${d##*/}"; }
done
cosy_wait_unused || fail "the module is still held after every program exited"
rmmod cosy || fail "rmmod refused with /sys/module/cosy/refcnt 0"
run m "$P/cp" in out.m
insmod /cosy/kmod/cosy.ko || fail "cannot load cosy.ko again"
path_is m user
grep -q "module is not loaded" m.err || { cat m.err; fail "no module: reason not given"; }
cmp -s in out.m || fail "no module: the fallback did not copy"
ok "without cosy.ko the original code runs"
echo "# $n checks passed"
