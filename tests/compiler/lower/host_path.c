/*
 * A path the program computes -- argv[1], a member, a conditional with a
 * literal -- is evaluated by the host before the run and copied into a
 * string slot, as a const char * variable is.  An entry of an array of
 * char * is a table the host copies whole (lower/strtab.c).
 */
#include <fcntl.h>
#include <unistd.h>
#include <cosy/cosy.h>
struct job { const char *out; int mode; };
int main(int argc, char **argv)
{
	static const char *names[] = { "a", "b" };
	struct job j = { "out.txt", 0600 };
	int in = -1, out = -1, k = argc > 2;

	COSY_START(r)
	in = open(argv[1], O_RDONLY);
	out = open(j.out, O_WRONLY | O_CREAT, j.mode);
	if (in < 0)
		in = open(names[k], O_RDONLY);
	if (in < 0)
		in = open(argc > 3 && !k ? argv[3] : ".", O_RDONLY);
	COSY_END()
	return in < 0 || out < 0;
}
// BPF: path the program computes (host_path.c:18), copied in
// HOST: { (argv[1]), 
// HOST: { (j.out), 
// HOST: COSY_RGN_STRTAB, "names" }
// HOST: { (argc > 3 && !k ? argv[3] : "."), 
