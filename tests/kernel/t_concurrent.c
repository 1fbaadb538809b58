// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * One pinned compound, run at once by two processes and by two threads of
 * one process (each thread with its own segment): every copy checksummed,
 * and no run ever sees another's segment data.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"
#include "cp.h"

#define RUNS 40

struct worker {
	struct cosy_compound *c;
	struct cosy_segment *seg;	/* NULL: the handle's default */
	int id;
	int failures;
	char msg[256];
};

static unsigned sum_file(const char *path)
{
	unsigned char buf[4096];
	unsigned s = 0;
	ssize_t r, i;
	FILE *f = fopen(path, "rb");

	if (!f)
		return 0;
	while ((r = fread(buf, 1, sizeof(buf), f)) > 0)
		for (i = 0; i < r; i++)
			s = s * 31 + buf[i];
	fclose(f);
	return s;
}

static void *work(void *p)
{
	struct worker *w = p;
	char src[64], dst[64], *seg;
	unsigned want;
	int i;

	snprintf(src, sizeof(src), "in.%d", w->id);
	if (tl_make_file(src, 50000 + w->id * 1234, w->id + 1)) {
		snprintf(w->msg, sizeof(w->msg), "cannot make %s", src);
		w->failures++;
		return NULL;
	}
	want = sum_file(src);
	seg = w->seg ? cosy_segment__data(w->seg, NULL) : cosy_compound__data(w->c, NULL);
	for (i = 0; i < RUNS; i++) {
		struct cp_args a = { .src_off = 0, .dst_off = 512, .buf_off = 4096,
				     .chunk = 1000 + w->id, .mode = 0600 };
		COSY_OPTS(cosy_run_opts, ro, .segment = w->seg);

		snprintf(dst, sizeof(dst), "out.%d.%d", w->id, i);
		snprintf(seg, 512, "%s", src);
		snprintf(seg + 512, 512, "%s", dst);
		if (cosy_compound__run(w->c, "cp", &a, sizeof(a), &ro) || ro.retval) {
			snprintf(w->msg, sizeof(w->msg), "run %d: %d/%d", i, errno, ro.retval);
			w->failures++;
			continue;
		}
		/* Our paths are still ours: nobody else wrote our segment. */
		if (strcmp(seg, src) || strcmp(seg + 512, dst)) {
			snprintf(w->msg, sizeof(w->msg), "run %d: segment changed under us", i);
			w->failures++;
		}
		if (sum_file(dst) != want || a.copied != 50000 + w->id * 1234) {
			snprintf(w->msg, sizeof(w->msg), "run %d: %s corrupt (%lld bytes)", i, dst,
				 (long long)a.copied);
			w->failures++;
		}
		unlink(dst);
	}
	return NULL;
}

static struct cosy_compound *pinned_cp(void)
{
	char path[512];
	struct cosy_compound *c;

	if (!access(COSY_PIN_ROOT "/t_concurrent", F_OK))
		return cosy_compound__open_pinned("t_concurrent", NULL);
	snprintf(path, sizeof(path), "%s/cp.bpf.o", getenv("COSY_BPF_DIR"));
	c = cosy_compound__open_file(path, NULL);
	if (!c || cosy_compound__pin(c, "t_concurrent", NULL)) {
		cosy_compound__close(c);
		return NULL;
	}
	cosy_compound__close(c);	/* the pin keeps it loaded */
	return cosy_compound__open_pinned("t_concurrent", NULL);
}

TL_CASE(two_processes_one_pinned_compound)
{
	struct cosy_compound *c = pinned_cp();
	pid_t pid[2];
	int i, status, bad = 0;

	TL_CHECK(c != NULL, "pin: %s", strerror(errno));
	cosy_compound__close(c);
	for (i = 0; i < 2; i++) {
		pid[i] = fork();
		TL_CHECK(pid[i] >= 0, "fork");
		if (pid[i] == 0) {
			struct worker w = { .id = i };

			w.c = cosy_compound__open_pinned("t_concurrent", NULL);
			if (!w.c)
				_exit(2);
			work(&w);
			if (w.failures)
				printf("#   process %d: %d failures, last: %s\n", i, w.failures, w.msg);
			cosy_compound__close(w.c);
			_exit(w.failures ? 1 : 0);
		}
	}
	for (i = 0; i < 2; i++) {
		TL_EQ(waitpid(pid[i], &status, 0), pid[i]);
		bad += !WIFEXITED(status) || WEXITSTATUS(status);
	}
	TL_EQ(bad, 0);
	return 0;
}

/* What cosy-cc's runtime does in every process: attach to one entry. */
TL_CASE(attach_to_one_entry_with_the_sizes_known)
{
	struct cosy_compound *full = pinned_cp(), *c;
	struct cosy_totals t0, t1;
	struct worker w = { .id = 20 };
	char big[sizeof(struct cp_args) + 8];
	size_t seg;

	TL_CHECK(full != NULL, "pin: %s", strerror(errno));
	seg = cosy_compound__seg_size(full);
	TL_EQ(cosy_compound__totals(full, &t0), 0);
	cosy_compound__close(full);
	{
		COSY_OPTS(cosy_open_opts, oo, .entry = "cp", .args_size = sizeof(struct cp_args),
			  .seg_size = seg);

		c = cosy_compound__open_pinned("t_concurrent", &oo);
	}
	TL_CHECK(c != NULL, "open_pinned(entry): %s", strerror(errno));
	TL_EQ(cosy_compound__entry_count(c), 1);
	TL_EQ(cosy_compound__seg_size(c), seg);
	TL_EQ(cosy_compound__args_size(c, "cp"), sizeof(struct cp_args));
	TL_EQ(cosy_compound__prog_fd(c, "cp_copy"), -ENOENT);	/* not attached */
	w.c = c;
	work(&w);
	if (w.failures)
		printf("#   %d failures, last: %s\n", w.failures, w.msg);
	TL_EQ(w.failures, 0);
	/* the totals map is opened when first asked for, and is the pin's */
	TL_EQ(cosy_compound__totals(c, &t1), 0);
	TL_EQ(t1.runs, t0.runs + RUNS);
	/* the args size given is the one checked */
	memset(big, 0, sizeof(big));
	TL_EQ(cosy_compound__run(c, "cp", big, sizeof(big), NULL), -EINVAL);
	/* half a compound must not be pinned again */
	TL_EQ(cosy_compound__pin(c, "t_concurrent_half", NULL), -EINVAL);
	TL_CHECK(access(COSY_PIN_ROOT "/t_concurrent_half", F_OK), "a half pin was made");
	cosy_compound__close(c);
	{
		COSY_OPTS(cosy_open_opts, no_entry, .entry = "nosuch");
		COSY_OPTS(cosy_open_opts, bad_entry, .entry = "../t_concurrent/cp");
		COSY_OPTS(cosy_open_opts, cp_entry, .entry = "cp");

		TL_CHECK(!cosy_compound__open_pinned("t_concurrent", &no_entry) && errno == EINVAL,
			 "a missing entry: errno %d", errno);
		TL_CHECK(!cosy_compound__open_pinned("t_concurrent", &bad_entry) &&
			 errno == EINVAL, "a path as entry: errno %d", errno);
		TL_CHECK(!cosy_compound__open_pinned("t_concurrent_nosuch", &cp_entry) &&
			 errno == ENOENT, "a missing pin: errno %d", errno);
		/* sizes not given: read from the pin, as without an entry */
		c = cosy_compound__open_pinned("t_concurrent", &cp_entry);
		TL_CHECK(c != NULL, "open_pinned(entry only): %s", strerror(errno));
		TL_EQ(cosy_compound__seg_size(c), seg);
		TL_EQ(cosy_compound__args_size(c, "cp"), sizeof(struct cp_args));
		cosy_compound__close(c);
	}
	return 0;
}

TL_CASE(two_threads_one_handle_own_segments)
{
	struct cosy_compound *c = pinned_cp();
	struct worker w[2];
	pthread_t t[2];
	int i;

	TL_CHECK(c != NULL, "pin: %s", strerror(errno));
	for (i = 0; i < 2; i++) {
		w[i] = (struct worker){ .c = c, .id = 10 + i };
		/* Thread 0 uses the handle's segment, thread 1 a new one. */
		w[i].seg = i ? cosy_segment__new(c) : NULL;
		TL_CHECK(!i || w[i].seg, "segment");
	}
	for (i = 0; i < 2; i++)
		TL_EQ(pthread_create(&t[i], NULL, work, &w[i]), 0);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 2; i++) {
		if (w[i].failures)
			printf("#   thread %d: %d failures, last: %s\n", i, w[i].failures, w[i].msg);
		TL_EQ(w[i].failures, 0);
	}
	cosy_segment__free(w[1].seg);
	cosy_compound__close(c);
	TL_EQ(cosy_unpin("t_concurrent", NULL), 0);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
