/*
 * tee into two files through stdio: one FILE read, two written.  The
 * written FILEs' output buffers are one block in the segment, each at its
 * offset, behind one slice pointer in the frame; neither carries the
 * read buffer and position a read FILE has (file_unread()).
 */
#include <stdio.h>
#include <cosy/cosy.h>
int f(const char *in_path, const char *a, const char *b)
{
	char line[256];
	int rc = 0;

	COSY_START(tee2)
	FILE *in = fopen(in_path, "r");
	FILE *o1 = fopen(a, "w");
	FILE *o2 = fopen(b, "w");
	if (!in || !o1 || !o2)
		return -1;
	while (fgets(line, sizeof(line), in)) {
		fputs(line, o1);
		fputs(line, o2);
	}
	fclose(in);
	rc = fclose(o1) | fclose(o2);
	COSY_END()
	return rc;
}
// BPF: __u8 *b_in_buf;
// BPF: __u8 *b_files_obufs;
// BPF: __h = (__u32 *)(F->b_files_obufs + 0); __h[0] = (__u32)V->v_o1_fd;
// BPF: __h = (__u32 *)(F->b_files_obufs + 4112); __h[0] = (__u32)V->v_o2_fd;
// NOT-BPF: b_o1_buf
// NOT-BPF: v_o1_pos
// NOT-BPF: v_o2_eof
// NOT-BPF: b_o1_obuf
