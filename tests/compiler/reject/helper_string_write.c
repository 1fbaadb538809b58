/* A helper's plain char * parameter given argv[1] or ?: (a copy: a write would not reach the program's string). */
#include <cosy/cosy.h>
static int first(char *s)
{
	return s[0];
}
int main(int argc, char **argv)
{
	int c;

	COSY_START(r)
	c = first(argc > 1 ? argv[1] : "-");
	COSY_END()
	return c;
}
// EXPECT: helper_string_write.c:12:12: error: this argument of 'first' cannot run in a compound: a string of the program's (argv[i], a ?: of strings) is given to a compound as a copy, so only to a const char * parameter, where no write can go to the copy instead of the string; declare the parameter const
