/*
 * A region that may open a file O_APPEND -- the flag itself, or flags
 * cosy-cc cannot see -- is marked, so that COSY_MODE=check says what it
 * appends happens twice; constant flags without it are not.
 */
#include <fcntl.h>
#include <cosy/cosy.h>
int f(const char *path, int flags)
{
	int a, b;

	COSY_START(app)
	a = open(path, O_WRONLY | O_APPEND);
	COSY_END()
	COSY_START(var)
	b = open(path, flags);
	COSY_END()
	return a + b;
}
int g(const char *path)
{
	int c;

	COSY_START(plain)
	c = open(path, O_WRONLY | O_TRUNC);
	COSY_END()
	return c;
}
// HOST: __cosy_obj_app, __cosy_obj_app_end, 56, 56, COSY_RGN_F_APPENDS | 0, 0
// HOST: __cosy_obj_var, __cosy_obj_var_end, 56, 56, COSY_RGN_F_APPENDS | COSY_RGN_F_RDWR | 0, 0
// The name the compound is cached under: the region, the object's size, its hash.
// HOST: __cosy_obj_plain, __cosy_obj_plain_end, 56, 56, 0, 0,
// HOST: "cc-plain-
