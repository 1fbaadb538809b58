# Sourced by the guest's shell tests (not run: it is not executable):
#   . "$COSY_TESTS_DIR/lib.sh"

# cosy_wait_unused [SECONDS]: wait until nothing holds cosy.ko, i.e. until
# /sys/module/cosy/refcnt is 0 (default limit 60 s); 0 then, else 1 with
# what still holds it.
#
# Call it once the last user is gone (pins removed, programs' processes
# exited) and before an rmmod that must succeed.  Each loaded program that
# calls cosy's kfuncs holds a module reference (the verifier's kfunc BTF
# table), and it is dropped after the program's last reference, not with
# it: a compound is sleepable, so bpf_prog_put() frees it after an RCU
# Tasks Trace grace period, and then from a workqueue
# (call_rcu_tasks_trace() -> bpf_prog_free() -> bpf_prog_free_deferred() ->
# module_put()); a program the verifier refused goes through the workqueue
# too.  How long that takes depends on the load.  (A run's own reference,
# held by its struct cosy_run, is dropped before the bpf() syscall that ran
# it returns to user space.)
cosy_wait_unused() {
	_limit=${1:-60}
	_t0=$(cut -d. -f1 /proc/uptime)
	while :; do
		_ref=$(cat /sys/module/cosy/refcnt 2>/dev/null) || {
			echo "# cosy_wait_unused: cosy.ko is not loaded"
			return 1
		}
		[ "$_ref" = 0 ] && return 0
		[ $(($(cut -d. -f1 /proc/uptime) - _t0)) -lt "$_limit" ] || break
		sleep 0.1
	done
	echo "# /sys/module/cosy/refcnt is still $_ref after ${_limit} s; holders:" \
		"$(ls /sys/module/cosy/holders 2>/dev/null | tr '\n' ' ')programs:"
	bpftool prog show 2>&1 | sed 's/^/#   /'
	return 1
}
