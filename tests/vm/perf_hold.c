// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * perf-hold: started by the guest's init, it keeps open for the guest's
 * life the kinds of perf event the tests and benchmarks make and close by
 * the hundred (io-wq punt counters, kprobe counters): one attached to a
 * task, which holds the perf_sched_events static key on, and one on the
 * io_uring_queue_async_work tracepoint, which keeps that tracepoint
 * registered.  Each later event then patches no kernel text: a static key
 * flipped while the other vCPU runs the patched code has oopsed QEMU 7.2
 * TCG guests with an int3 in __schedule() (6.12 and 7.3).  Its own first
 * event flips the key once, and that too has oopsed a guest (a CI run of
 * 2026-12-05): so init starts it before saying the guest booted and waits
 * for /tmp/perf-hold.ready, and vm.sh boots again after such an oops.
 */
#include <fcntl.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int hold(__u32 type, __u64 config)
{
	struct perf_event_attr at;

	memset(&at, 0, sizeof(at));
	at.size = sizeof(at);
	at.type = type;
	at.config = config;
	return syscall(SYS_perf_event_open, &at, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

int main(void)
{
	const char *tp = "/sys/kernel/tracing/events/io_uring/io_uring_queue_async_work/id";
	unsigned long long id;
	FILE *f;
	int fd;

	if (hold(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_DUMMY) < 0)
		perror("perf-hold: a task event");
	f = fopen(tp, "r");
	if (f) {
		if (fscanf(f, "%llu", &id) == 1 && hold(PERF_TYPE_TRACEPOINT, id) < 0)
			perror("perf-hold: io_uring_queue_async_work");
		fclose(f);
	}
	/* init waits for this before it says the guest booted (tests/vm/init) */
	fd = open("/tmp/perf-hold.ready", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
	for (;;)
		pause();
}
