// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Hostile compounds: helpers, maps and kernel functions.  A SYSCALL program
 * gets the tracing helpers (syscall_prog_func_proto() falls back to
 * tracing_prog_func_proto()) plus bpf_sys_bpf/bpf_sys_close; it is
 * sleepable, which limits its map types; and of the kernel's kfuncs it may
 * call only those registered for BPF_PROG_TYPE_SYSCALL (cosy.ko's: see
 * kfunc_tracing*.bpf.c).
 */
#include "vmlinux.h"
#include <cosy/cosy.bpf.h>
#include <cosy/hostile.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct args {
	struct cosy_ctx cosy;
	__u64 n;
	__s64 sn;
};

COSY_COMPOUND(4096);

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ring SEC(".maps");

/* A helper that exists for SYSCALL programs but only for some attach points. */
SEC("?syscall") __failure __msg("helper call is not allowed in probe")
int helper_d_path(struct args *a)
{
	char buf[16];

	return bpf_d_path(NULL, buf, sizeof(buf));
}

/* A map type sleepable programs may not use. */
SEC("?syscall") __failure __msg_any("Sleepable programs can only use array, hash, and ringbuf maps",
				  "Sleepable programs can only use array, hash, ringbuf and local storage maps")
int helper_perf_event_map(struct args *a)
{
	return bpf_perf_event_output(a, &events, BPF_F_CURRENT_CPU, &a->n, sizeof(a->n));
}

/* The ctx where a map goes. */
SEC("?syscall") __failure __msg("R1 type=ctx expected=map_ptr")
int helper_ctx_as_map(struct args *a)
{
	__u32 key = 0;

	return bpf_map_lookup_elem((void *)a, &key) != NULL;
}

/* A size that may be negative. */
SEC("?syscall") __failure __msg("R3 min value is negative")
int helper_size_negative(struct args *a)
{
	char buf[64] = {};

	return bpf_ringbuf_output(&ring, buf, a->sn, 0);
}

/* A size bounded, but beyond the buffer. */
SEC("?syscall") __failure
__msg_any("invalid indirect access to stack R2 off=-64 size=127", "invalid read from stack R2 off=-64 size=127")
int helper_size_past_buffer(struct args *a)
{
	char buf[64] = {};

	return bpf_ringbuf_output(&ring, buf, a->n & 127, 0);
}

/*
 * FINDING (accepted): the tracing helpers come with the program type, so a
 * compound loaded by root may bpf_get_current_task(), bpf_probe_read_kernel(),
 * bpf_probe_write_user(), bpf_send_signal() ...  Returns 1: a task was found.
 */
SEC("?syscall") __success __retval(1)
int helper_tracing_allowed(struct args *a)
{
	return bpf_get_current_task() != 0;
}
