/* setjmp saves the program's stack: not in a compound. */
#include <setjmp.h>
#include <cosy/cosy.h>
jmp_buf env;
void f(void)
{
	int r;

	COSY_START(r1)
	r = setjmp(env);
	COSY_END()
	(void)r;
}
// EXPECT: setjmp.c:10:6: error: _setjmp() cannot run in a compound: a compound cannot save or restore the program's stack and registers
