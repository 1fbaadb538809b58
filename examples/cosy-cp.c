// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-cp: copy a file with the cp compound (one crossing), with the plain
 * read/write loop it replaces, or both side by side, repeatedly and
 * interleaved, printing a table (or JSON) of bytes, time and syscalls.
 *
 *   cosy-cp [-m kernel|loop|both] [-c CHUNK] [-r REPS] [-o OBJ | -n NAME] [-j] SRC DST
 *
 * It uses the compound through its skeleton (cp.skel.h, made by the build
 * with cosy-load gen skeleton): the object is embedded, the args struct is
 * declared there, and the paths go into named slots of the segment.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cp.skel.h"
#include "tool.h"

#define MAX_REPS 1000

enum method { M_KERNEL, M_LOOP, M__N };
static const char *const method_name[M__N] = { "cosy", "loop" };

struct sample {
	double ms;
	unsigned long long bytes;
	unsigned long long syscalls;	/* crossings into the kernel */
	unsigned long long kcalls;	/* kfunc calls made inside one crossing */
};

static void usage(FILE *f)
{
	fprintf(f,
"Usage: cosy-cp [OPTIONS] SRC DST\n"
"  -m, --method { kernel | loop | both }  how to copy (default kernel)\n"
"  -c, --chunk BYTES    bytes per read/write (default 4096, at most %u: the buf slot)\n"
"  -r, --reps N         repetitions, interleaved when both (default 1)\n"
"  -o, --object FILE    load the cp compound from FILE (default: the one built in)\n"
"  -n, --name NAME      use the compound an administrator pinned as NAME (cosy-load load)\n"
"  -j, --json           print one JSON document instead of a table\n"
"  -h, --help\n", CP__SLOT_BUF_SIZE);
}

/* The baseline, written as well as we would write it without cosy. */
static int copy_loop(const char *src, const char *dst, size_t chunk, struct sample *s)
{
	/* Page-aligned, as a careful engineer would (and as the segment is). */
	char *buf = aligned_alloc(4096, (chunk + 4095) & ~4095ul);
	int in = -1, out = -1, err = 0;
	ssize_t r, w, done;

	if (!buf)
		return -ENOMEM;
	s->syscalls = 0;
	in = open(src, O_RDONLY);
	s->syscalls++;
	if (in < 0) {
		err = -errno;
		goto out;
	}
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	s->syscalls++;
	if (out < 0) {
		err = -errno;
		goto out;
	}
	for (;;) {
		r = read(in, buf, chunk);
		s->syscalls++;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = -errno;
			goto out;
		}
		if (r == 0)
			break;
		for (done = 0; done < r; done += w) {
			w = write(out, buf + done, r - done);
			s->syscalls++;
			if (w < 0 && errno == EINTR)
				w = 0;
			else if (w < 0) {
				err = -errno;
				goto out;
			}
		}
		s->bytes += r;
	}
out:
	if (in >= 0) {
		close(in);
		s->syscalls++;
	}
	if (out >= 0) {
		if (close(out) && !err)
			err = -errno;
		s->syscalls++;
	}
	free(buf);
	return err;
}

static int copy_kernel(struct cp_skel *cp, size_t chunk, const char *src,
		       const char *dst, struct sample *s)
{
	struct cp_args a = { .chunk = chunk, .mode = 0644 };
	COSY_OPTS(cosy_run_opts, ro);
	int err;

	/* The paths go into their slots; cp__run_cp() sets src_off, dst_off, buf_off. */
	err = cp__set_src_str(cp, src);
	if (!err)
		err = cp__set_dst_str(cp, dst);
	if (!err)
		err = cp__run_cp(cp, &a, &ro);
	if (err)
		return err;
	s->bytes = a.copied;
	s->syscalls = 1;
	s->kcalls = ro.stats.calls;
	if (ro.retval)
		fprintf(stderr, "cosy-cp: %s failed: %s (%d bytes copied)\n",
			cosy_op_str(a.fail_op), strerror(-ro.retval), (int)a.copied);
	return ro.retval;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct summary {
	double min, med, max;
};

static struct summary summarize(const struct sample *s, int n)
{
	double v[MAX_REPS];
	int i;

	for (i = 0; i < n; i++)
		v[i] = s[i].ms;
	qsort(v, n, sizeof(v[0]), cmp_double);
	return (struct summary){ v[0], n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, v[n - 1] };
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "method", required_argument, NULL, 'm' },
		{ "chunk", required_argument, NULL, 'c' },
		{ "reps", required_argument, NULL, 'r' },
		{ "object", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	static struct sample samples[M__N][MAX_REPS];
	bool use[M__N] = { true, false }, json = false;
	const char *obj = NULL, *pinned = NULL, *src, *dst;
	struct cp_skel *cp = NULL;
	char *end;
	unsigned long chunk = 4096, reps = 1;
	struct summary sum[M__N];
	int opt, i, m, err;

	while ((opt = getopt_long(argc, argv, "m:c:r:o:n:jh", lopts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			use[M_KERNEL] = !strcmp(optarg, "kernel") || !strcmp(optarg, "both");
			use[M_LOOP] = !strcmp(optarg, "loop") || !strcmp(optarg, "both");
			if (!use[M_KERNEL] && !use[M_LOOP]) {
				fprintf(stderr, "Error: method '%s': expected kernel, loop or both\n", optarg);
				return 2;
			}
			break;
		case 'c':
			errno = 0;
			chunk = strtoul(optarg, &end, 0);
			if (errno || *end || chunk == 0 || chunk > CP__SLOT_BUF_SIZE) {
				fprintf(stderr, "Error: chunk '%s': expected 1..%u bytes\n",
					optarg, CP__SLOT_BUF_SIZE);
				return 2;
			}
			break;
		case 'r':
			errno = 0;
			reps = strtoul(optarg, &end, 0);
			if (errno || *end || reps == 0 || reps > MAX_REPS) {
				fprintf(stderr, "Error: reps '%s': expected 1..%d\n", optarg, MAX_REPS);
				return 2;
			}
			break;
		case 'o':
			obj = optarg;
			break;
		case 'n':
			pinned = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (argc - optind != 2) {
		usage(stderr);
		return 2;
	}
	src = argv[optind];
	dst = argv[optind + 1];

	if (use[M_KERNEL] && pinned) {
		cp = cp__open_pinned(pinned, NULL);
		if (!cp) {
			fprintf(stderr, "Error: cannot attach to compound '%s': %s\n", pinned,
				strerror(errno));
			return 1;
		}
	} else if (use[M_KERNEL]) {
		cp = obj ? cp__open_file(obj, NULL) : cp__open(NULL);
		if (!cp) {
			fprintf(stderr, "Error: cannot load %s: %s\n",
				obj ? obj : "the built-in cp compound", strerror(errno));
			return 1;
		}
	}

	/* Interleave: kernel, loop, kernel, loop, ... so drift hits both. */
	for (i = 0; i < (int)reps; i++) {
		for (m = 0; m < M__N; m++) {
			struct sample *s = &samples[m][i];
			double t0;

			if (!use[m])
				continue;
			t0 = tool_now_ms();
			err = m == M_KERNEL ? copy_kernel(cp, chunk, src, dst, s)
					    : copy_loop(src, dst, chunk, s);
			s->ms = tool_now_ms() - t0;
			if (err) {
				fprintf(stderr, "Error: %s copy %s -> %s: %s\n", method_name[m],
					src, dst, strerror(-err));
				cp__destroy(cp);
				return 1;
			}
		}
		/* Progress on long runs (the guest's console is a serial line). */
		if (!json && reps > 1)
			fprintf(stderr, "cosy-cp: rep %d/%lu done\n", i + 1, reps);
	}

	for (m = 0; m < M__N; m++)
		if (use[m])
			sum[m] = summarize(samples[m], reps);

	if (json) {
		printf("{\"src\":\"%s\",\"chunk_bytes\":%lu,\"reps\":%lu,\"methods\":{", src, chunk, reps);
		for (m = 0; m < M__N; m++) {
			if (!use[m])
				continue;
			printf("%s\"%s\":{\"bytes\":%llu,\"syscalls\":%llu,\"kfunc_calls\":%llu,"
			       "\"min_ms\":%.3f,\"median_ms\":%.3f,\"max_ms\":%.3f}",
			       m && use[0] ? "," : "", method_name[m], samples[m][0].bytes,
			       samples[m][0].syscalls, samples[m][0].kcalls,
			       sum[m].min, sum[m].med, sum[m].max);
		}
		printf("}");
		if (use[M_KERNEL] && use[M_LOOP])
			printf(",\"speedup\":%.3f", sum[M_LOOP].med / sum[M_KERNEL].med);
		printf("}\n");
	} else {
		printf("%-6s %12s %7s %10s %12s %10s %10s %10s\n", "method", "bytes", "chunk",
		       "syscalls", "kfunc_calls", "min_ms", "median_ms", "max_ms");
		for (m = 0; m < M__N; m++) {
			if (!use[m])
				continue;
			printf("%-6s %12llu %7lu %10llu %12llu %10.3f %10.3f %10.3f\n",
			       method_name[m], samples[m][0].bytes, chunk, samples[m][0].syscalls,
			       samples[m][0].kcalls, sum[m].min, sum[m].med, sum[m].max);
		}
		if (use[M_KERNEL] && use[M_LOOP])
			printf("speedup (loop median / cosy median): %.2fx over %lu interleaved reps\n",
			       sum[M_LOOP].med / sum[M_KERNEL].med, reps);
	}
	cp__destroy(cp);
	return 0;
}
