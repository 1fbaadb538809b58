/* Inlined calls copy themselves: one statement's helper calls may add at most 800 IR nodes. */
#include <cosy/cosy.h>
static int g(int x)
{
	if (x > 3)
		return x * 2 + 1;
	return (x ^ 5) - 1;
}
static int h(int x)
{
	return g(g(g(g(x))));
}
int f(int x)
{
	int s;

	COSY_START(r)
	s = h(x + 0) +
	    h(x + 1) +
	    h(x + 2) +
	    h(x + 3) +
	    h(x + 4) +
	    h(x + 5) +
	    h(x + 6) +
	    h(x + 7) +
	    h(x + 8) +
	    h(x + 9) +
	    h(x + 10) +
	    h(x + 11) +
	    h(x + 12) +
	    h(x + 13) +
	    h(x + 14) +
	    h(x + 15) +
	    h(x + 16) +
	    h(x + 17) +
	    h(x + 18) +
	    h(x + 19) +
	    h(x + 20) +
	    h(x + 21) +
	    h(x + 22) +
	    h(x + 23) +
	    h(x + 24) +
	    h(x + 25) +
	    h(x + 26) +
	    h(x + 27) +
	    h(x + 28) +
	    h(x + 29) +
	    h(x + 30) +
	    h(x + 31) +
	    h(x + 32) +
	    h(x + 33) +
	    h(x + 34) +
	    h(x + 35) +
	    h(x + 36) +
	    h(x + 37) +
	    h(x + 38) +
	    h(x + 39);
	COSY_END()
	return s;
}
// EXPECT: helper_budget.c:28:6: error: call to 'h' cannot run in a compound: inlined, this statement's calls of the program's functions would add more than 800 operations (calls in calls are copied at each), more than a BPF stack holds; split the statement
