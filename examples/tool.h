/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * What the example tools share: a monotonic clock in ms, and for the
 * whole-program tools (cosy-du, cosy-pack) their common options and how
 * they find their compound.
 */
#ifndef COSY_EXAMPLES_TOOL_H
#define COSY_EXAMPLES_TOOL_H

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cosy/cosy.h>

static inline double tool_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct tool_opts {
	bool loop;		/* -l: the plain code only */
	bool timed;		/* -T: time_ms= on stderr per run */
	bool verbose;		/* -v: say how the compound was found */
	long runs;		/* -n N */
};

/*
 * -l, -T, -n N, -v, -h, then operands from optind on (at least `min`):
 * -1 to go on, or the exit status (0 after --help, 2 for a usage error).
 */
static inline int tool_getopt(int argc, char **argv, const char *prog, int min,
			      void (*usage)(FILE *f), struct tool_opts *o)
{
	static const struct option lopts[] = {
		{ "loop", no_argument, NULL, 'l' },
		{ "time", no_argument, NULL, 'T' },
		{ "runs", required_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	char *end;
	int opt;

	*o = (struct tool_opts){ .runs = 1 };
	/* "+": options end at the first operand (file names may start with -) */
	while ((opt = getopt_long(argc, argv, "+lTn:vh", lopts, NULL)) != -1) {
		switch (opt) {
		case 'l': o->loop = true; break;
		case 'T': o->timed = true; break;
		case 'n':
			errno = 0;
			o->runs = strtol(optarg, &end, 10);
			if (errno || *end || o->runs < 1) {
				fprintf(stderr, "%s: -n %s: want a count of 1 or more\n", prog, optarg);
				return 2;
			}
			break;
		case 'v': o->verbose = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (argc - optind < min) {
		usage(stderr);
		return 2;
	}
	return -1;
}

/*
 * The compound an administrator pinned as `name` (attach: no verifier in
 * this process) unless COSY_CACHE=0, else the object built into the tool
 * (loaded and verified here); NULL if neither.  libcosy is silenced: the
 * tool says itself, with -v, what it found.
 */
static inline struct cosy_compound *tool_attach(const char *prog, const char *name,
						const void *obj, size_t size, bool verbose)
{
	COSY_OPTS(cosy_open_opts, oo, .name = name);
	const char *cache = getenv("COSY_CACHE");
	struct cosy_compound *c;

	cosy_set_print(NULL);
	if (!cache || strcmp(cache, "0")) {
		c = cosy_compound__open_pinned(name, NULL);
		if (c) {
			if (verbose)
				fprintf(stderr, "%s: attached to the pinned compound \"%s\"\n", prog, name);
			return c;
		}
	}
	c = cosy_compound__open_mem(obj, size, &oo);
	if (verbose)
		fprintf(stderr, "%s: %s\n", prog, c ? "loaded and verified the compound here" :
			"no compound: the plain code runs");
	return c;
}

#endif /* COSY_EXAMPLES_TOOL_H */
