#!/usr/bin/env bash
# Run cosy's guest tests, or a single command, in a throwaway qemu VM.
#
# The VM boots the host's kernel with an initramfs built here (busybox + the
# build outputs + tests/vm/init). The guest reports on its second serial port
# (the "results channel", see tests/vm/init for the protocol); the first one
# is the kernel console. The guest cannot set qemu's exit status, so success
# is decided from the channel alone.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)

usage() {
	cat <<'EOF'
usage: vm.sh test --build DIR [--filter GLOB] [--timeout SECONDS_PER_TEST] [options]
       vm.sh run  --build DIR --cmd 'SHELL CMD' [--files 'HOSTPATH ...'] [options]
options:
  --kernel PATH         kernel image (default: /boot/vmlinuz-$KVER if KVER is
                        set, else the newest /boot/vmlinuz-*-cloud-amd64)
  --kmod PATH           the cosy.ko built for that kernel (default DIR/kmod/cosy.ko);
                        floor/cosy_floor.ko next to it goes along if built
  --modules DIR         that kernel's /lib/modules/KVER, for loop.ko and the
                        --disk drivers (default: /lib/modules/ of the image's
                        name; '' for none)
  --disk IMG            attach the raw image IMG as a virtio-blk disk with
                        serial cosy-disk (/dev/vda in the guest), bypassing
                        the host's page cache
  --mem SIZE            guest memory (default 2G)
  --smp N               guest CPUs (default 2; 1 with --icount)
  --qemu-timeout SECS   overall limit for the VM (default 900)
  --time-scale N        multiply both limits by N (a slower debug kernel)
  --icount              deterministic instruction counting (slower)
  -v                    also stream the guest console to stderr (and boot
                        the kernel without 'quiet')
Inputs from DIR: cosy.ko (--kmod), bin/*, vmtools/*, lib/*.so*, bpf/*.o, bpf/hostile/*.o,
vmtests/*.
Work files (initramfs, console.log, results.log) go to DIR/vm/run.*/
(DIR/vm/last is the newest).
test: runs every executable in DIR/vmtests (exit 0 pass, 77 skip, else fail);
      exits 0 only if all ran, none failed and at least one passed.
      COSY_VM_NO_MODULE=1 allows testing without cosy.ko (vm.sh self-test);
      TL_ONLY=GLOB runs only the testlib cases named GLOB (one case that
      crashes the guest at a time).
run:  runs CMD in /work (where --files are copied) and exits with its status,
      or 125 if the guest never reported one.
EOF
}
die() { echo "vm.sh: error: $*" >&2; exit 1; }
warn() { echo "vm.sh: warning: $*" >&2; }
usage_err() { echo "vm.sh: $*" >&2; usage >&2; exit 2; }

# ---- arguments -------------------------------------------------------------
MODE=${1:-}
case $MODE in
test | run) shift ;;
-h | --help) usage; exit 0 ;;
"") usage_err "missing mode (test or run)" ;;
*) usage_err "unknown mode '$MODE'" ;;
esac

BUILD='' FILTER='' TIMEOUT=300 CMD='' HAVE_CMD=0 FILES='' KERNEL='' MEM=2G SMP='' DISK=''
KMOD='' MODULES='' HAVE_MODULES=0
QEMU_TIMEOUT=900 TIME_SCALE=1 ICOUNT=0 VERBOSE=0
while (($#)); do
	opt=$1 val=
	case $opt in
	--*=*) val=${opt#*=} opt=${opt%%=*} ;;
	--build | --filter | --timeout | --cmd | --files | --kernel | --kmod | --modules | --disk | --mem | --smp | --qemu-timeout | --time-scale)
		(($# >= 2)) || usage_err "$opt needs a value"
		val=$2
		shift ;;
	esac
	shift
	case $opt in
	--build) BUILD=$val ;;
	--filter) FILTER=$val ;;
	--timeout) TIMEOUT=$val ;;
	--cmd) CMD=$val HAVE_CMD=1 ;;
	--files) FILES=$val ;;
	--kernel) KERNEL=$val ;;
	--kmod) KMOD=$val ;;
	--modules) MODULES=$val HAVE_MODULES=1 ;;
	--disk) DISK=$val ;;
	--mem) MEM=$val ;;
	--smp) SMP=$val ;;
	--qemu-timeout) QEMU_TIMEOUT=$val ;;
	--time-scale) TIME_SCALE=$val ;;
	--icount) ICOUNT=1 ;;
	-v) VERBOSE=1 ;;
	-h | --help) usage; exit 0 ;;
	*) usage_err "unknown option '$opt'" ;;
	esac
done

[[ -n $BUILD ]] || usage_err "--build DIR is required"
if [[ $MODE == test ]]; then
	if ((HAVE_CMD)) || [[ -n $FILES ]]; then usage_err "--cmd/--files are for run mode"; fi
else
	((HAVE_CMD)) || usage_err "run mode needs --cmd"
	[[ -z $FILTER && $TIMEOUT == 300 ]] || usage_err "--filter/--timeout are for test mode"
fi
# qemu 7.2 TCG with -icount hangs bringing up a second x86 vCPU.
if ((ICOUNT)); then
	[[ ${SMP:-1} == 1 ]] || warn "--icount: using 1 CPU (multi-CPU icount hangs at boot)"
	SMP=1
fi
: "${SMP:=2}"
for n in "$TIMEOUT" "$SMP" "$QEMU_TIMEOUT" "$TIME_SCALE"; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || usage_err "not a positive integer: '$n'"
done
TIMEOUT=$((TIMEOUT * TIME_SCALE)) QEMU_TIMEOUT=$((QEMU_TIMEOUT * TIME_SCALE))
[[ -d $BUILD ]] || die "build dir '$BUILD' does not exist"
BUILD=$(cd "$BUILD" && pwd)

if [[ -z $KERNEL ]]; then
	if [[ -n ${KVER:-} ]]; then
		KERNEL=/boot/vmlinuz-$KVER
	else
		KERNEL=$(compgen -G '/boot/vmlinuz-*-cloud-amd64' | sort -V | tail -n 1)
		[[ -n $KERNEL ]] || die "no /boot/vmlinuz-*-cloud-amd64 found (use --kernel or KVER=)"
	fi
fi
[[ -r $KERNEL ]] || die "kernel '$KERNEL' not found or not readable"
[[ -z $DISK || -e $DISK ]] || die "--disk: no image '$DISK'"
((HAVE_MODULES)) || MODULES=/lib/modules/${KERNEL##*/vmlinuz-}
: "${KMOD:=$BUILD/kmod/cosy.ko}"
if [[ ! -f $KMOD && ${COSY_VM_NO_MODULE:-0} != 1 ]]; then
	die "no module at '$KMOD' (build it for this kernel, or set COSY_VM_NO_MODULE=1)"
fi
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 not installed"
command -v cpio >/dev/null || die "cpio not installed"
BUSYBOX=$(command -v busybox || true)
[[ -n $BUSYBOX ]] || die "busybox not installed (want busybox-static)"

# ---- initramfs -------------------------------------------------------------
# One directory per run, so runs on one build dir at once do not clobber
# each other; DIR/vm/last points at the newest, and only a few are kept.
mkdir -p "$BUILD/vm"
W=$(mktemp -d "$BUILD/vm/run.XXXXXX")
ln -sfn "${W##*/}" "$BUILD/vm/last"
# shellcheck disable=SC2012 # names are ours: run.XXXXXX
ls -1dt "$BUILD"/vm/run.* 2>/dev/null | tail -n +6 | xargs -r rm -rf
ROOT=$W/root
mkdir -p "$ROOT"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,work,root} \
	"$ROOT"/cosy/{bin,lib,bpf,kmod,tests,job}

install -m 755 "$BUSYBOX" "$ROOT/bin/busybox"
for applet in $("$BUSYBOX" --list-full); do
	[[ -e $ROOT/$applet ]] || ln -s /bin/busybox "$ROOT/$applet"
done
install -m 755 "$HERE/init" "$ROOT/init"
mknod "$ROOT/dev/console" c 5 1 2>/dev/null || true # kernel's built-in cpio has it too

# copy_glob DESTDIR PATTERN...: copy existing regular files (dereferenced).
copy_glob() {
	local dest=$1 f
	shift
	for f in "$@"; do
		[[ -f $f ]] && cp -L "$f" "$dest/"
	done
	return 0
}
[[ -f $KMOD ]] && cp -L "$KMOD" "$ROOT/cosy/kmod/cosy.ko"
# The benchmarks' floor (tests/floor), built for the same kernel, if it is.
copy_glob "$ROOT/cosy/kmod" "$(dirname "$KMOD")/floor/cosy_floor.ko"
copy_glob "$ROOT/cosy/bin" "$BUILD"/bin/*
# Host tools the guest tests and benchmarks compare against (GNU coreutils).
copy_glob "$ROOT/cosy/bin" "$BUILD"/vmtools/*
copy_glob "$ROOT/cosy/lib" "$BUILD"/lib/*.so*
copy_glob "$ROOT/cosy/bpf" "$BUILD"/bpf/*.o
mkdir -p "$ROOT/cosy/bpf/hostile"
copy_glob "$ROOT/cosy/bpf/hostile" "$BUILD"/bpf/hostile/*.o

# Kernel modules for the guest, from MODULES: loop for the tests' ext4
# images (if there is one: a test without it skips), and with --disk the
# virtio-blk driver and ext4 (the cloud kernels build some of them in: only
# what is a module is packed).  Each goes in with what it depends on
# (modinfo's depends= field: unpacked kernels have no modules.dep) as
# /cosy/kmod/NAME.ko, and /cosy/kmod/modules lists them dependencies first
# for init's insmod.
declare -A KO_FILE=() KO_BUILTIN=() KO_SEEN=()
KO_ORDER=()
# add_module NAME [optional]: NAME and what it depends on, dependencies
# first; a module neither there nor built in is worth a warning unless
# optional.
add_module() {
	local name=${1//-/_} dep deps
	[[ -z ${KO_SEEN[$name]:-} ]] || return 0
	KO_SEEN[$name]=1
	if [[ -z ${KO_FILE[$name]:-} ]]; then
		[[ -n ${KO_BUILTIN[$name]:-} || -n ${2:-} ]] ||
			warn "module $name: not in $MODULES, not built in"
		return 0
	fi
	deps=$(PATH=$PATH:/usr/sbin:/sbin modinfo -F depends "${KO_FILE[$name]}") ||
		die "modinfo cannot read ${KO_FILE[$name]}"
	for dep in ${deps//,/ }; do
		add_module "$dep"
	done
	KO_ORDER+=("$name")
	cp -L "${KO_FILE[$name]}" "$ROOT/cosy/kmod/$name.ko"
}
if [[ -n $MODULES ]]; then
	# Module names use _ where their files may use -.
	while IFS= read -r -d '' f; do
		n=${f##*/}
		n=${n%.ko}
		KO_FILE[${n//-/_}]=$f
	done < <(find "$MODULES/kernel" -name '*.ko' -print0 2>/dev/null)
	if [[ -f $MODULES/modules.builtin ]]; then
		while IFS= read -r f; do
			n=${f##*/}
			n=${n%.ko}
			KO_BUILTIN[${n//-/_}]=1
		done <"$MODULES/modules.builtin"
	fi
	add_module loop optional
	if [[ -n $DISK ]]; then
		for m in virtio_pci virtio_blk ext4; do
			add_module "$m"
		done
	fi
	((${#KO_ORDER[@]} == 0)) || printf '%s\n' "${KO_ORDER[@]}" >"$ROOT/cosy/kmod/modules"
fi
if [[ ! -e $ROOT/cosy/bin/bpftool ]]; then
	bpftool=$(PATH=$PATH:/usr/sbin:/sbin command -v bpftool || true)
	[[ -n $bpftool ]] && cp -L "$bpftool" "$ROOT/cosy/bin/"
fi
# The whole vmtests dir goes in (tests may need data files next to them);
# the guest only runs its executable regular files.
if [[ $MODE == test && -d $BUILD/vmtests ]]; then
	cp -rL "$BUILD/vmtests/." "$ROOT/cosy/tests/"
fi
if [[ -n $FILES ]]; then
	mkdir -p "$ROOT/cosy/files"
	read -ra files <<<"$FILES"
	for f in "${files[@]}"; do
		[[ -e $f ]] || die "--files: '$f' does not exist"
		[[ ! -e $ROOT/cosy/files/${f##*/} ]] || die "--files: two entries named '${f##*/}'"
		cp -rL "$f" "$ROOT/cosy/files/"
	done
fi

# Shared libraries of every dynamically linked ELF, at their host paths.
# DIR/lib is searched too, but what resolves there is already in /cosy/lib.
while IFS= read -r -d '' f; do
	[[ $(head -c 4 "$f") == $'\x7fELF' ]] || continue
	out=$(LD_LIBRARY_PATH=$BUILD/lib ldd "$f" 2>/dev/null) || continue
	while read -r a b c _; do
		if [[ $b == "=>" && $c == not ]]; then
			warn "${f#"$ROOT"}: $a not found on the host"
			continue
		fi
		lib=
		[[ $b == "=>" && $c == /* ]] && lib=$c
		[[ $a == /* ]] && lib=$a # the dynamic loader itself
		[[ -n $lib && $(realpath "$lib") != "$BUILD"/lib/* ]] || continue
		if [[ ! -e $ROOT$lib ]]; then
			mkdir -p "$ROOT${lib%/*}"
			cp -L "$lib" "$ROOT$lib"
		fi
	done <<<"$out"
done < <(find "$ROOT/cosy" -type f -print0)

# A small ext4 image (testlib's tl_mount_ext4() loop-mounts a copy): tests
# of htree directories, FIFREEZE and O_DIRECT need a disk filesystem, and
# tmpfs has none of them.  The loop driver is a module on the stock cloud
# kernel (init loads it) and built into the debug kernel.  Made after the
# library scan above: it is no ELF file, and starts with NUL bytes.
if PATH=$PATH:/usr/sbin:/sbin command -v mke2fs >/dev/null; then
	mkdir -p "$W/ext4"
	echo cosy >"$W/ext4/cosy-ext4"
	PATH=$PATH:/usr/sbin:/sbin mke2fs -q -F -t ext4 -O dir_index -N 32768 -d "$W/ext4" \
		"$ROOT/cosy/ext4.img" 32M >/dev/null || warn "mke2fs failed: no ext4 image in the guest"
else
	warn "mke2fs (e2fsprogs) not installed: no ext4 image in the guest"
fi

# The job description (one value per file, so no quoting problems).
printf '%s\n' "$MODE" >"$ROOT/cosy/job/mode"
printf '%s\n' "$FILTER" >"$ROOT/cosy/job/filter"
printf '%s\n' "$TIMEOUT" >"$ROOT/cosy/job/timeout"
printf '%s\n' "${COSY_VM_NO_MODULE:-0}" >"$ROOT/cosy/job/no_module"
printf '%s\n' "$CMD" >"$ROOT/cosy/job/cmd"
printf '%s\n' "${TL_ONLY:-}" >"$ROOT/cosy/job/tl_only"

INITRD=$W/initramfs.cpio.gz
(cd "$ROOT" && find . -print0 | cpio --null -o -H newc -R 0:0 --quiet) | gzip -1 >"$INITRD"

# ---- boot ------------------------------------------------------------------
CONSOLE=$W/console.log RESULTS=$W/results.log
: >"$CONSOLE"
: >"$RESULTS"
# -cx16: bookworm's QEMU 7.2 under TCG double-faults 6.12 guests after a
# cmpxchg16b in the slab allocator; without the instruction they boot every
# time, and older kernels do not mind.
# shellcheck disable=SC2054 # the commas belong to qemu's option syntax
qemu=(timeout -k 10 "$QEMU_TIMEOUT"
	qemu-system-x86_64 -nodefaults -accel tcg -cpu max,-cx16 -smp "$SMP" -m "$MEM"
	-no-reboot -nic none -display none -monitor none
	-kernel "$KERNEL" -initrd "$INITRD"
	-append "console=ttyS0 $( ((VERBOSE)) || echo quiet) panic=-1 oops=panic rdinit=/init"
	-serial "file:$CONSOLE" -serial "file:$RESULTS")
# cache=none: qemu opens the image O_DIRECT, so the guest's reads reach the
# host's disk, not the host's page cache, and a guest that dropped its own
# caches reads cold data (cache=writeback would serve it from host memory);
# guest flushes still reach the disk.  The serial names the disk for the
# guest (/sys/block/vdX/serial; qemu 7.2 takes it on the device only).
# shellcheck disable=SC2054
[[ -n $DISK ]] && qemu+=(-drive "file=$DISK,format=raw,if=none,id=disk0,cache=none"
	-device virtio-blk-pci,drive=disk0,serial=cosy-disk)
# shellcheck disable=SC2054
((ICOUNT)) && qemu+=(-icount shift=0,align=off,sleep=off)

QPID='' TPID=''
# shellcheck disable=SC2317 # called from the trap
cleanup() {
	[[ -n $QPID ]] && kill "$QPID" 2>/dev/null
	[[ -n $TPID ]] && kill "$TPID" 2>/dev/null
	return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A guest whose kernel panics while booting, before its init said
# COSY-BOOTED, ran nothing of cosy's: under TCG, 6.12 now and then traps on an
# int3 that live text patching left (sched_clock_cpu) while booting, or
# when perf-hold's first event flips a static key (init starts it first).
# Boot once more, saying so; a panic after COSY-BOOTED is never retried.
for attempt in 1 2; do
	"${qemu[@]}" </dev/null >"$W/qemu.log" 2>&1 &
	QPID=$!
	if ((VERBOSE)); then
		tail -n +1 -s 0.2 -f --pid="$QPID" "$CONSOLE" >&2 &
		TPID=$!
	fi

	# Follow the results channel until qemu is gone. Test output is indented
	# so that the PASS/FAIL/SKIP lines stand out.
	out() {
		if [[ $MODE == test ]]; then printf '    %s\n' "$1"; else printf '%s\n' "$1"; fi
	}
	pass=0 fail=0 skip=0 done=0 fatal='' running='' exit_status=''
	while IFS= read -r line || [[ -n $line ]]; do
		line=${line%$'\r'}
		if [[ $line != *COSY-* ]]; then # fast path for plain output
			out "$line"
		elif [[ $MODE == run && $line =~ ^(.*)COSY-EXIT\ ([0-9]+)$ ]]; then
			# The marker may follow output that lacked a final newline.
			printf '%s' "${BASH_REMATCH[1]}"
			exit_status=${BASH_REMATCH[2]}
		elif [[ $MODE == test && $line =~ ^(.*)COSY-TEST\ ([^ ]+)\ (PASS|FAIL|SKIP)\ ?(.*)$ ]]; then
			[[ -n ${BASH_REMATCH[1]} ]] && out "${BASH_REMATCH[1]}"
			name=${BASH_REMATCH[2]} res=${BASH_REMATCH[3]} why=${BASH_REMATCH[4]}
			case $res in
			PASS) pass=$((pass + 1)) ;;
			FAIL) fail=$((fail + 1)) ;;
			SKIP) skip=$((skip + 1)) ;;
			esac
			printf '%s  %s%s\n' "$res" "$name" "${why:+  ($why)}"
			running=
		elif [[ $line == COSY-BOOTED ]]; then
			:
		elif [[ $line =~ ^COSY-RUN\ (.*)$ ]]; then
			running=${BASH_REMATCH[1]}
		elif [[ $line =~ ^COSY-DONE\ pass=([0-9]+)\ fail=([0-9]+)\ skip=([0-9]+) ]]; then
			done=1 pass=${BASH_REMATCH[1]} fail=${BASH_REMATCH[2]} skip=${BASH_REMATCH[3]}
		elif [[ $line =~ ^COSY-FATAL\ (.*)$ ]]; then
			fatal=${BASH_REMATCH[1]}
			echo "vm.sh: guest: fatal: $fatal" >&2
		elif [[ $line =~ ^COSY-WARN\ (.*)$ ]]; then
			warn "guest: ${BASH_REMATCH[1]}"
		else
			out "$line"
		fi
	done < <(tail -n +1 -s 0.2 -f --pid="$QPID" "$RESULTS")

	qrc=0
	wait "$QPID" || qrc=$?
	QPID=
	if [[ -n $TPID ]]; then
		wait "$TPID" || true
		TPID=
	fi
	if ((attempt == 1)) && [[ ! -s $RESULTS ]] && grep -q "Kernel panic" "$CONSOLE"; then
		warn "the guest kernel panicked while booting, before init ran (console kept in" \
			"$W/console.boot1.log): booting again"
		mv "$CONSOLE" "$W/console.boot1.log"
		: >"$CONSOLE"
		continue
	fi
	break
done

# Why did the guest stop early?
why="guest stopped without reporting (qemu exit status $qrc)"
if grep -q "Kernel panic" "$CONSOLE"; then
	why="kernel panic in the guest"
elif ((qrc == 124 || qrc == 137)); then
	why="VM timed out after ${QEMU_TIMEOUT}s (--qemu-timeout)"
fi
# Print the evidence for $why.
explain_crash() {
	if ((qrc != 0 && qrc != 124 && qrc != 137)) && [[ -s $W/qemu.log ]]; then
		echo "--- qemu output ($W/qemu.log) ---" >&2
		tail -n 20 "$W/qemu.log" >&2
	fi
	echo "--- tail of guest console ($CONSOLE) ---" >&2
	tail -n 60 "$CONSOLE" >&2
	echo "vm.sh: error: $why" >&2
}

if [[ $MODE == run ]]; then
	if [[ -n $fatal ]]; then
		echo "vm.sh: error: guest setup failed, command not run" >&2
		exit 125
	elif [[ -z $exit_status ]]; then
		explain_crash
		echo "vm.sh: error: no exit status from the guest command" >&2
		exit 125
	fi
	exit "$exit_status"
fi

if ((!done)) && [[ -n $running ]]; then
	printf 'FAIL  %s  (did not finish: %s)\n' "$running" "$why"
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed, $skip skipped"
if ((!done)); then
	explain_crash
	exit 1
fi
if [[ -n $fatal ]]; then
	tail -n 30 "$CONSOLE" >&2
	die "guest setup failed: $fatal"
fi
((pass > 0)) || die "no test passed${FILTER:+ (filter: $FILTER)}"
if ((fail > 0)); then
	echo "--- tail of guest console ($CONSOLE) ---" >&2
	tail -n 30 "$CONSOLE" >&2
	die "$fail test(s) failed"
fi
exit 0
