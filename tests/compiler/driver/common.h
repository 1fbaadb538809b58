/* Found next to the sources: cosy-cc compiles a rewritten copy elsewhere. */
#define GREETING "two regions, two files\n"
long sum_to(long n);
long count_bytes(const char *path);
