/*
 * printf("%04o", mode): bpf_snprintf() has no %o, so the region prints
 * with %llu, flags and width kept, the number whose decimal digits are
 * the argument's octal ones (11 of them for 32 bits); hh and h convert
 * the argument to their type first.
 */
#include <stdio.h>
#include <cosy/cosy.h>
void f(unsigned mode, short h)
{
	COSY_START(oct)
	printf("%04o %-3ho\n", mode & 07777, h);
	COSY_END()
}
// BPF: static const char cosy_fmt0[] = "%04llu %-3llu\n";
// BPF: (unsigned short)((int)V->v_h))) >> 3) & 7ULL) * 10ULL)
// BPF: ((((unsigned long long)((unsigned int)(V->v_mode & 4095U))) >> 30) & 7ULL) * 10000000000ULL)
