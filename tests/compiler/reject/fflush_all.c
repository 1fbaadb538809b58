/* fflush(NULL) would write the program's other FILEs' buffers too. */
#include <stdio.h>
#include <cosy/cosy.h>
void f(int n)
{
	COSY_START(r)
	for (int i = 0; i < n; i++) {
		printf("%d\n", i);
		fflush(NULL);
	}
	COSY_END()
}
// EXPECT: fflush_all.c:9:3: error: fflush() cannot run in a compound but of stdout or stderr: fflush(NULL) and another FILE's are the program's stdio buffers
