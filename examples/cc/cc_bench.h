/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What the examples/cc programs share, all of it outside their regions:
 * the options (-n RUNS, -T, -v), the clock around a run, and which way the
 * region ran.  Each program is the plain C of one cosy-bench workload with
 * one region; built by cosy-cc (cc-NAME) and by cc (cc-NAME.plain).
 *
 *   -n RUNS   do the work RUNS times, each a fresh run of the region
 *   -T        one line time_ms=MS per run on stderr
 *   -v        one line path=kernel|user|checked|... per run on stderr
 *
 * With COSY_BENCH_COLD=1 in the environment (cosy-bench -C sets it), the
 * caches are dropped between runs, outside the clock, so that every run
 * reads cold data: cosy-bench drops them before starting the program.
 */
#ifndef CC_BENCH_H
#define CC_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../drop_caches.h"

#ifdef __COSY_CC__
#include <cosy_region.h>
#endif

struct run_opts {
	long runs;
	int timing;	/* -T */
	int verbose;	/* -v */
	int list;	/* -l, for the programs that take it */
	int cold;	/* COSY_BENCH_COLD=1 */
};

/* Parse the options; 0, or -1 for a usage error.  optind is the first operand. */
static int parse_opts(int argc, char **argv, struct run_opts *o, int takes_l)
{
	char *end;
	int c;

	memset(o, 0, sizeof(*o));
	o->runs = 1;
	o->cold = getenv("COSY_BENCH_COLD") && !strcmp(getenv("COSY_BENCH_COLD"), "1");
	while ((c = getopt(argc, argv, takes_l ? "+n:Tvl" : "+n:Tv")) != -1) {
		switch (c) {
		case 'n':
			o->runs = strtol(optarg, &end, 10);
			if (*end || o->runs < 1)
				return -1;
			break;
		case 'T':
			o->timing = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'l':
			o->list = 1;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Which way the run's regions went: the first that did not run in the kernel. */
static char ran_as[256];

/* Called after each run of a region. */
static void region_ran(void)
{
#ifdef __COSY_CC__
	const char *why = cosy_region_last_why();
	int path = cosy_region_last_path();

	if (ran_as[0] && strcmp(ran_as, "kernel"))
		return;
	snprintf(ran_as, sizeof(ran_as), "%s%s%s", cosy_region_path_str(path),
		 *why ? ": " : "", why);
#else
	snprintf(ran_as, sizeof(ran_as), "plain");
#endif
}

/*
 * A run that started at t0 is done: say how long it took and how it ran;
 * cold, drop the caches for the next run (none after the last: a program
 * timed whole, start to exit, must not pay for it).
 */
static void run_done(const struct run_opts *o, double t0)
{
	static long done;
	double ms = now_ms() - t0;
	int err;

	if (o->timing)
		fprintf(stderr, "time_ms=%.3f\n", ms);
	if (o->verbose)
		fprintf(stderr, "path=%s\n", ran_as);
	ran_as[0] = 0;
	if (o->cold && ++done < o->runs && (err = drop_caches())) {
		fprintf(stderr, "COSY_BENCH_COLD: cannot drop caches: %s\n", strerror(-err));
		exit(1);
	}
}

#endif
