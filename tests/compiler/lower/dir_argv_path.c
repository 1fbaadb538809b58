/*
 * opendir(argv[1]) and fopen(argv[2], "r"): each path is a string the
 * host computes and copies into a path slot of its own (4096 bytes), as
 * open(argv[1]) has, not a table of argv's strings of 256 bytes each,
 * which made a path of more than 255 bytes run the region in user space.
 * A DIR * or FILE * assigned a call's value is no pointer into argv.
 */
#include <dirent.h>
#include <stdio.h>
#include <cosy/cosy.h>
int main(int argc, char **argv)
{
	char line[128];
	long n = 0;

	if (argc < 3)
		return 2;
	COSY_START(ap)
	DIR *d = opendir(argv[1]);
	FILE *f = fopen(argv[2], "r");
	if (d) {
		while (readdir(d))
			n++;
		closedir(d);
	}
	if (f) {
		while (fgets(line, sizeof(line), f))
			n++;
		fclose(f);
	}
	COSY_END()
	return n > 0;
}
// BPF: path the program computes (dir_argv_path.c:19), copied in
// BPF: path the program computes (dir_argv_path.c:20), copied in
// NOT-BPF: b_argv
