/* The host code keeps the original block as the fallback, under #line. */
#include <cosy/cosy.h>
void f(int x)
{
	int y;

	COSY_START(r)
	y = x * 2;
	COSY_END()
	(void)y;
}
// HOST: #include <cosy_region.h>
// HOST: extern const char __cosy_obj_r[], __cosy_obj_r_end[];
// HOST: static struct cosy_rgn __cosy_rgn_r = {
// HOST: #line 1 "host_fallback.c"
// HOST: { /* cosy region r: the compound, or the original block below */
// HOST: if (__cosy_p == COSY_REGION_KERNEL) {
// HOST: y = __cosy_a.v_y;
// HOST: } else {
// HOST: #line 7 "host_fallback.c"
// HOST: y = x * 2;
// HOST: if (__cosy_p == COSY_REGION_CHECKED) {
// HOST: cosy_rgn_cmp(&__cosy_rgn_r, "y", &y, &__cosy_a.v_y, sizeof(y), 1);
// HOST: cosy_rgn_check(&__cosy_rgn_r, &__cosy_a, __cosy_e, 0, 0);
// HOST: #line 9 "host_fallback.c"
