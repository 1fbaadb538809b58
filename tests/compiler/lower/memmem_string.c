/*
 * memmem's needle may be a string the program passes (argv[2]): it is
 * only read, from its slot in the segment, and its length is checked
 * against the slot like any extent.
 */
#define _GNU_SOURCE
#include <string.h>
#include <cosy/cosy.h>
long find(const char *key)
{
	char hay[64] = "one two three";
	char *hit;
	long at = -1;

	COSY_START(r)
	hit = memmem(hay, sizeof(hay), key, strlen(key));
	if (hit)
		at = hit - hay;
	COSY_END()
	return at;
}
// BPF: if (!COSY_RGN_FITS(__o, __n, 64UL) || !COSY_RGN_FITS(__q, __m, 
// BPF: __k = cosy_memmem(F->st.s, 
// HOST: COSY_RGN_STR
