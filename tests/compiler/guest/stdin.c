// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * A region that is not repeatable: it reads from stdin (a granted fd), so
 * COSY_MODE=check, which runs it twice, must find that the two runs read
 * different bytes and fail loudly (tests/kernel/t_cosycc.sh).
 */
#include <stdio.h>
#include <unistd.h>

#include <cosy/cosy.h>

int main(void)
{
	char buf[16];
	long n;

	COSY_START(head)
	n = read(0, buf, sizeof(buf));
	COSY_END()
	printf("n=%ld %.*s\n", n, (int)(n > 0 ? n : 0), buf);
	return 0;
}
