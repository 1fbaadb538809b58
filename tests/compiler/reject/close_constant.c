/* Closing a constant fd (stdout). */
#include <unistd.h>
#include <cosy/cosy.h>
void f(void)
{
	COSY_START(r)
	close(1);
	COSY_END()
}
// EXPECT: close_constant.c:7:2: error: closing fd 1 cannot run in a compound: the guard lets a compound close only the fds it opened
