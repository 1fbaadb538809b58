// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The guard's pure decisions (include/cosy/guard.h), as the module uses them. */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdint.h>
#include <string.h>

#include <cosy/guard.h>

Test(range, inside_and_at_the_edges)
{
	cr_assert(cosy_range_ok(4096, 0, 4096));
	cr_assert(cosy_range_ok(4096, 4096, 0));
	cr_assert(cosy_range_ok(4096, 100, 3996));
	cr_assert(cosy_range_ok(0, 0, 0));
}

Test(range, one_past_the_end_fails)
{
	cr_assert_not(cosy_range_ok(4096, 1, 4096));
	cr_assert_not(cosy_range_ok(4096, 4097, 0));
	cr_assert_not(cosy_range_ok(4096, 0, 4097));
	cr_assert_not(cosy_range_ok(0, 0, 1));
}

Test(range, wraparound_never_passes)
{
	/* off + len would wrap to something small in 64 and in 32 bits. */
	cr_assert_not(cosy_range_ok(4096, UINT64_MAX, 2));
	cr_assert_not(cosy_range_ok(4096, 2, UINT64_MAX));
	cr_assert_not(cosy_range_ok(4096, 0xfffff000u, 0x2000u));
	cr_assert_not(cosy_range_ok(UINT64_MAX, UINT64_MAX, 1));
	cr_assert(cosy_range_ok(UINT64_MAX, UINT64_MAX, 0));
}

Test(path, terminated_paths_give_their_length)
{
	cr_assert(eq(long, cosy_path_len("abc", 4), 3));
	cr_assert(eq(long, cosy_path_len("abc\0zzz", 100), 3));
}

Test(path, empty_path_is_enoent)
{
	cr_assert(eq(long, cosy_path_len("", 10), -ENOENT));
}

Test(path, no_nul_before_segment_end_is_efault)
{
	cr_assert(eq(long, cosy_path_len("abcd", 4), -EFAULT));
	cr_assert(eq(long, cosy_path_len("", 0), -EFAULT));
}

Test(path, path_max_boundary)
{
	static char p[COSY_PATH_MAX + 2];

	memset(p, 'a', sizeof(p));
	p[COSY_PATH_MAX - 1] = 0;	/* 4095 characters + NUL: fits */
	cr_assert(eq(long, cosy_path_len(p, sizeof(p)), COSY_PATH_MAX - 1));
	p[COSY_PATH_MAX - 1] = 'a';
	p[COSY_PATH_MAX] = 0;		/* 4096 characters: too long */
	cr_assert(eq(long, cosy_path_len(p, sizeof(p)), -ENAMETOOLONG));
	/* Too long wins over "runs off the segment" once PATH_MAX is reached. */
	cr_assert(eq(long, cosy_path_len(p, COSY_PATH_MAX), -ENAMETOOLONG));
	cr_assert(eq(long, cosy_path_len(p, COSY_PATH_MAX - 1), -EFAULT));
}

Test(budget, zero_means_default_and_caps_win)
{
	cr_assert(eq(u64, cosy_budget_pick(0, 10, 100), 10));
	cr_assert(eq(u64, cosy_budget_pick(50, 10, 100), 50));
	cr_assert(eq(u64, cosy_budget_pick(500, 10, 100), 100));
	cr_assert(eq(u64, cosy_budget_pick(0, 1000, 100), 100));
	cr_assert(eq(u64, cosy_budget_pick(500, 10, 0), 500));	/* uncapped */
}

static const struct cosy_budget b = { .time_ns = 1000, .calls = 10, .bytes = 100 };

Test(budget, within_all_budgets_goes_on)
{
	cr_assert(eq(int, cosy_budget_check(&b, 5000, 6000, 9, 0, 100, false), COSY_STOP_NONE));
	cr_assert(eq(int, cosy_budget_check(&b, 5000, 5000, 0, 99, 1, false), COSY_STOP_NONE));
}

Test(budget, each_budget_stops_with_its_reason)
{
	cr_assert(eq(int, cosy_budget_check(&b, 5000, 6001, 0, 0, 0, false), COSY_STOP_TIME));
	cr_assert(eq(int, cosy_budget_check(&b, 5000, 5000, 10, 0, 0, false), COSY_STOP_CALLS));
	cr_assert(eq(int, cosy_budget_check(&b, 5000, 5000, 0, 99, 2, false), COSY_STOP_BYTES));
	cr_assert(eq(int, cosy_budget_check(&b, 5000, 5000, 0, 101, 0, false), COSY_STOP_BYTES));
	cr_assert(eq(int, cosy_budget_check(&b, 5000, 5000, 0, 0, UINT64_MAX, false),
		     COSY_STOP_BYTES));
	cr_assert(eq(int, cosy_budget_check(&b, 5000, 5000, 0, 0, 0, true), COSY_STOP_SIGNAL));
}

Test(budget, a_fatal_signal_wins_over_everything)
{
	cr_assert(eq(int, cosy_budget_check(&b, 0, UINT64_MAX, 100, 1000, 10, true),
		     COSY_STOP_SIGNAL));
}

Test(budget, stop_reasons_have_distinct_errnos)
{
	cr_assert(eq(int, cosy_stop_errno(COSY_STOP_NONE), 0));
	cr_assert(eq(int, cosy_stop_errno(COSY_STOP_TIME), -ETIME));
	cr_assert(eq(int, cosy_stop_errno(COSY_STOP_CALLS), -EDQUOT));
	cr_assert(eq(int, cosy_stop_errno(COSY_STOP_BYTES), -EFBIG));
	cr_assert(eq(int, cosy_stop_errno(COSY_STOP_SIGNAL), -EINTR));
}
