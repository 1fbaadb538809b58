#!/usr/bin/env bash
# Mutation check of the guard: for each dynamic check, build the module with
# that one check removed and run the guest tests that cover the guard.
# Every mutant must make at least one test fail ("killed"); a mutant that
# survives names a rule no test enforces.  Works on a copy of the tree, so
# the checkout is never touched.  About 30 s per mutant.
#   [MUTANTS='name glob|name glob...'] tests/mutation/run.sh [FILTER_GLOB]    (default: t_[gfvh]*)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
filter=${1:-'t_[gfvh]*'}
work=$(mktemp -d /tmp/cosy-mutants.XXXXXX)
trap 'rm -rf "$work"' EXIT

# "name @@ file @@ exact text (\n for newlines) @@ replacement"
mutants=(
"range check in read/write @@ kmod_helpers/cosy_io.c @@ if (!cosy_range_ok(s->data_size, off, len)) { @@ if (0) {"
"range check in cosy_at @@ kmod_helpers/cosy_session.c @@ 	return cosy_range_ok(s->data_size, off, rdwr_buf_size) ? @@ 	return 1 ?"
"range check in cosy_data @@ kmod_helpers/cosy_session.c @@ if (!err && !cosy_range_ok(s->data_size, off, rdwr_buf_size)) @@ if (0)"
"unterminated path @@ kmod_helpers/cosy_io.c @@ 	if (i == lim)\n		return ERR_PTR(cosy_path_unterminated(s->data_size - off)); @@ "
"path offset outside the segment @@ kmod_helpers/cosy_io.c @@ 	if (off >= s->data_size)\n		return ERR_PTR(-EFAULT);\n	lim @@ 	lim"
"granted fds closable @@ kmod_helpers/cosy_io.c @@ 	if (!e || e->kind != COSY_FD_OWNED) {\n		err = -EBADF;\n		goto out;\n	}\n	/* Only if @@ 	if (!e) {\n		err = -EBADF;\n		goto out;\n	}\n	/* Only if"
"fds reaped at session end @@ kmod_helpers/cosy_session.c @@ 		if (e->kind == COSY_FD_OWNED && !cosy_close_fd_if(e->fd, e->file)) @@ 		if (0)"
"close compares the file @@ kmod_helpers/cosy_compat.h @@ lockdep_is_held(&files->file_lock)) != file) { @@ lockdep_is_held(&files->file_lock)) != file && 0) {"
"fd table limit @@ kmod_helpers/cosy_io.c @@ 	if (s->nowned >= COSY_MAX_FDS) { @@ 	if (0) {"
"O_DIRECT refused at open @@ kmod_helpers/cosy_io.c @@ 	if (flags & O_DIRECT) { @@ 	if (0) {"
"O_DIRECT refused at I/O @@ kmod_helpers/cosy_io.c @@ 		if (READ_ONCE(f->f_flags) & O_DIRECT)\n			return -EOPNOTSUPP; @@ "
"time budget @@ include/cosy/guard.h @@ 	if (now_ns - start_ns > b->time_ns) @@ 	if (0 && now_ns - start_ns > b->time_ns)"
"call budget @@ include/cosy/guard.h @@ 	if (calls >= b->calls) @@ 	if (0 && calls >= b->calls)"
"byte budget @@ include/cosy/guard.h @@ 	if (moved > b->bytes || len > b->bytes - moved) @@ 	if (0 && (moved > b->bytes || len > b->bytes - moved))"
"fatal signal @@ include/cosy/guard.h @@ 	if (fatal_signal) @@ 	if (0 && fatal_signal)"
"sticky stop @@ kmod_helpers/cosy_session.c @@ 	if (r->stop_err)\n		return cosy_stop(s, r->stop_reason);\n	cond_resched(); @@ 	cond_resched();"
"budgets per run, not per session @@ kmod_helpers/cosy_session.c @@ 	spin_lock(&cosy_runs_lock);\n	r = cosy_run_find(); @@ 	spin_lock(&cosy_runs_lock);\n	r = NULL;"
"stopped run refuses a begin @@ kmod_helpers/cosy_session.c @@ 	err = s->run->stop_err;\n	if (err)\n		goto fail; @@ "
"task context at begin @@ kmod_helpers/cosy_session.c @@ 	if (!cosy_task_context()) { @@ 	if (0) {"
"reschedule in every kfunc @@ kmod_helpers/cosy_session.c @@ 	cond_resched();\n	why @@ 	why"
"segment map kind @@ kmod_helpers/cosy_session.c @@ 	if (map->map_type != BPF_MAP_TYPE_ARRAY || map->map_flags != BPF_F_MMAPABLE || @@ 	if ("
"segment map flags @@ kmod_helpers/cosy_session.c @@ map->map_flags != BPF_F_MMAPABLE @@ !(map->map_flags & BPF_F_MMAPABLE)"
"segment special fields @@ kmod_helpers/cosy_session.c @@ ||\n	    cosy_map_has_special_fields(map)) @@ )"
"segment fd writable @@ kmod_helpers/cosy_session.c @@ 	if ((f->f_mode & (FMODE_CAN_READ | FMODE_CAN_WRITE)) != (FMODE_CAN_READ | FMODE_CAN_WRITE)) @@ 	if (0)"
"segment not frozen @@ kmod_helpers/cosy_session.c @@ 	if (READ_ONCE(map->frozen)) { @@ 	if (0) {"
"ctx not in a segment @@ kmod_helpers/cosy_session.c @@ 	if (is_vmalloc_addr(ctx))\n		return NULL; @@ "
"negative pread position @@ kmod_helpers/cosy_io.c @@ 		if (*ppos < 0) { @@ 		if (0) {"
"write to a read-only fd @@ kmod_helpers/cosy_io.c @@ 	if (!f || !(f->f_mode & (wr ? FMODE_WRITE : FMODE_READ))) { @@ 	if (!f) {"
"dirfd is a directory @@ kmod_helpers/cosy_io.c @@ 	return d_can_lookup((*dir)->f_path.dentry) ? 0 : -ENOTDIR; @@ 	return 0;"
"position lock @@ kmod_helpers/cosy_session.c @@ 	if (!(f->f_mode & FMODE_ATOMIC_POS))\n		return 0; @@ 	return 0;"
"open never waits @@ kmod_helpers/cosy_io.c @@ 		f = filp_open(path, flags | O_LARGEFILE | O_NONBLOCK, mode & S_IALLUGO); @@ 		f = filp_open(path, flags | O_LARGEFILE, mode & S_IALLUGO);"
"pipe I/O never waits @@ kmod_helpers/cosy_io.c @@ nb = dentry_open(&f->f_path, acc | O_NONBLOCK | O_LARGEFILE, current_cred()); @@ nb = get_file(f);"
"socket I/O never waits @@ kmod_helpers/cosy_io.c @@ 		const int nowait = MSG_DONTWAIT; @@ 		const int nowait = 0;"
"empty grep pattern reads nothing @@ kmod_helpers/cosy_fs.c @@ 	if (r.pat_len) {\n		err = -ENOMEM;\n		pat = kmemdup(s->data + r.pat_off, r.pat_len, GFP_KERNEL); @@ 	{\n		err = -ENOMEM;\n		pat = kmemdup(s->data + r.pat_off, r.pat_len ? r.pat_len : 1, GFP_KERNEL);"
"getdents d_off is the next entry's @@ kmod_helpers/cosy_work.h @@ 	if (d->prev)\n		d->prev->d_off = off; @@ "
"memchr range check @@ kmod_helpers/cosy_fs.c @@ 	if (!ret && !cosy_range_ok(s->data_size, off, len))\n		ret = -EFAULT; @@ "
"memmem pattern range check @@ kmod_helpers/cosy_fs.c @@ 	    !cosy_range_ok(s->data_size, pat_off, pat_len)) @@ 	    0)"
"search ticks the guard @@ kmod_helpers/cosy_work.h @@ 			*err = tick(arg); @@ 			*err = 0;"
"unlink of a name with trailing slashes @@ kmod_helpers/cosy_fs.c @@ 	} else if (slashes) { @@ 	} else if (0) {"
"unlink of . and .. @@ kmod_helpers/cosy_io.c @@ 	if (**last == '.' && (*len == 1 || (*len == 2 && (*last)[1] == '.')))\n		return -EISDIR; @@ "
"unlink waits for a frozen fs within the budget @@ kmod_helpers/cosy_fs.c @@ 	err = cosy_wait_unfrozen(s, pp.mnt->mnt_sb); @@ 	err = 0;"
"ftruncate waits for a frozen fs within the budget @@ kmod_helpers/cosy_fs.c @@ 		err = cosy_wait_unfrozen(s, inode->i_sb); @@ 		err = 0;"
"ftruncate needs a writable fd @@ kmod_helpers/cosy_fs.c @@ !S_ISREG(inode->i_mode) || !(f->f_mode & FMODE_WRITE)) { @@ !S_ISREG(inode->i_mode)) {"
"ftruncate of an append-only file @@ kmod_helpers/cosy_fs.c @@ 	if (IS_APPEND(inode)) { @@ 	if (0) {"
"O_PATH fds refused where fdget() refuses them @@ kmod_helpers/cosy_io.c @@ 	return f && !(f->f_mode & FMODE_PATH) ? f : NULL; @@ 	return f;"
"a write open waits for a frozen fs within the budget @@ kmod_helpers/cosy_io.c @@ 		err = cosy_open_wait_unfrozen(s, dir, path); @@ 		err = 0;"
"/dev/cosy: approving needs CAP_SYS_ADMIN @@ kmod_helpers/cosy_dev.c @@ 	if (!capable(CAP_SYS_ADMIN))\n		return -EPERM;\n	if (copy_from_user(&req, ureq, sizeof(req))) @@ 	if (copy_from_user(&req, ureq, sizeof(req)))"
"/dev/cosy: loaded without CAP_PERFMON @@ kmod_helpers/cosy_dev.c @@ 	cap_lower(nc->cap_effective, CAP_PERFMON); @@ "
"/dev/cosy: helpers on the list only @@ kmod_helpers/cosy_dev.c @@ 		if (cosy_insn_is_call(&insns[i], 0) && !cosy_helper_ok(insns[i].imm)) { @@ 		if (0) {"
"/dev/cosy: who may run, at attach @@ kmod_helpers/cosy_dev.c @@ 	err = -EACCES;\n	if (!cosy_may_run(a))\n		goto put; @@ "
"/dev/cosy: a revoked approval runs no more @@ kmod_helpers/cosy_dev.c @@ 	if (READ_ONCE(a->revoked))\n		return -EPERM; @@ "
"/dev/cosy: entry index @@ kmod_helpers/cosy_dev.c @@ 	if (run.flags || run.entry >= a->nprogs) @@ 	if (run.flags)"
"/dev/cosy: no private mapping @@ kmod_helpers/cosy_dev.c @@ 	if (!(vma->vm_flags & VM_SHARED) || vma->vm_pgoff || @@ 	if (vma->vm_pgoff ||"
"/dev/cosy: never executable @@ kmod_helpers/cosy_dev.c @@ 	cosy_vm_flags_clear(vma, VM_MAYEXEC); @@ "
"/dev/cosy: the device run's segment @@ kmod_helpers/cosy_session.c @@ 	if (s->run->dseg) { @@ 	if (0) {"
"/dev/cosy: the BTF to who may run it only @@ kmod_helpers/cosy_dev.c @@ 	else if (!cosy_may_run(a))\n		err = -EACCES;\n	else if (!a->btf) @@ 	else if (!a->btf)"
"/dev/cosy: a failed approval is put once @@ kmod_helpers/cosy_dev.c @@ 	if (a)\n		refcount_set(&a->ref, 1);	/* every way out puts it */\n	if (!a || !progs || !fd_array)\n		goto out;\n	err = -EFAULT;\n	if (copy_from_user(progs, u64_to_user_ptr(req.progs), req.nprogs * sizeof(*progs)) ||\n	    copy_from_user(fd_array, u64_to_user_ptr(req.fd_array),\n			   req.fd_array_cnt * sizeof(*fd_array)))\n		goto out; @@ 	if (!a || !progs || !fd_array)\n		goto out;\n	err = -EFAULT;\n	if (copy_from_user(progs, u64_to_user_ptr(req.progs), req.nprogs * sizeof(*progs)) ||\n	    copy_from_user(fd_array, u64_to_user_ptr(req.fd_array),\n			   req.fd_array_cnt * sizeof(*fd_array)))\n		goto out;\n	refcount_set(&a->ref, 1);"
"/dev/cosy: segments charged to RLIMIT_MEMLOCK @@ kmod_helpers/cosy_dev.c @@ 	if (atomic_long_add_return(pages, &u->locked_vm) > limit) { @@ 	if (0) {"
)

killed=0 survived=0
for m in "${mutants[@]}"; do
	if [[ -n ${MUTANTS:-} ]]; then
		want=0
		IFS='|' read -ra globs <<<"$MUTANTS"
		for g in "${globs[@]}"; do
			# shellcheck disable=SC2053 # $g is a glob on purpose
			[[ ${m%% @@ *} == $g ]] && want=1
		done
		((want)) || continue
	fi
	name=${m%% @@ *}; m=${m#* @@ }
	file=${m%% @@ *}; m=${m#* @@ }
	from=${m%% @@ *}; to=${m#* @@ }
	rm -rf "$work/tree"
	mkdir -p "$work/tree/build"
	tar -C "$top" --exclude=./build --exclude=./.git -cf - . | tar -C "$work/tree" -xf -
	# The built tree too (mtimes kept): only what the mutant touches rebuilds.
	# Not the debug kernel's build nor old guest runs: mutants run on Debian's.
	tar -C "$top/build" --exclude=./debug --exclude=./vm -cf - . | tar -C "$work/tree/build" -xf -
	if ! python3 - "$work/tree/$file" "$from" "$to" <<'PY'
import sys
p, a, b = sys.argv[1], sys.argv[2].replace('\\n', '\n'), sys.argv[3].replace('\\n', '\n')
s = open(p).read()
if s.count(a) != 1:
    sys.exit(1)
open(p, 'w').write(s.replace(a, b))
PY
	then
		echo "ERROR  $name: its text is not (exactly once) in $file: update the mutant"
		survived=$((survived + 1))
		continue
	fi
	# Only the module: every guard check lives there (guard.h included).
	if ! make -s -C "$work/tree" kmod >"$work/build.log" 2>&1; then
		echo "ERROR  $name: the mutant does not build: $(grep -m1 -i error "$work/build.log")"
		survived=$((survived + 1))
		continue
	fi
	if "$work/tree/tests/vm/vm.sh" test --build "$work/tree/build" --filter "$filter" >"$work/run.log" 2>&1; then
		echo "SURVIVED $name: no test failed without it"
		survived=$((survived + 1))
	else
		echo "killed $name: $(grep -m3 '^FAIL' "$work/run.log" | tr -s ' ' | paste -sd';')"
		killed=$((killed + 1))
	fi
done
echo "$killed passed, $survived failed"
[[ $survived -eq 0 ]]
