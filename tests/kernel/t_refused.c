// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * cosy-cc's runtime remembers a refusal: a region whose compound the
 * verifier refused leaves NAME-refused-ID beside the pins, and the next
 * process runs the region in user space without verifying again, until
 * the memo is unloaded, the module reloaded (another ID) or COSY_CACHE=0.
 * The region here is made by hand around an object the verifier refuses
 * on every kernel (bpf/hostile/no_session_end: "Unreleased reference");
 * each run is a new process, as the runtime reads its settings once.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"
#include "cosy_region.h"

__asm__(".section .rodata\n"
	".balign 8\n"
	".global refused_obj_start\n"
	"refused_obj_start:\n"
	".incbin \"" COSY_REFUSED_OBJ "\"\n"
	".global refused_obj_end\n"
	"refused_obj_end:\n"
	".previous\n");
extern const char refused_obj_start[], refused_obj_end[];

#define NAME "cc-t_refused-1-0123456789abcdef"

static struct cosy_rgn rgn = {
	.name = "refused", .file = __FILE__, .line = __LINE__,
	.obj = refused_obj_start, .obj_end = refused_obj_end,
	.cache_name = NAME, .args_size = 24, .seg_size = 4096,
};

/*
 * Enter the region in a child with COSY_CACHE=cache: its path (or -1)
 * and why it ran where it did, in why.
 */
static int enter_child(const char *cache, char *why, size_t size)
{
	int p[2], st;
	ssize_t n;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		int path;

		close(p[0]);
		setenv("COSY_CACHE", cache, 1);
		setenv("COSY_MODE", "auto", 1);
		path = cosy_rgn_enter(&rgn);
		if (write(p[1], cosy_region_last_why(), strlen(cosy_region_last_why())) < 0)
			_exit(100);
		_exit(path);
	}
	close(p[1]);
	n = pid > 0 ? read(p[0], why, size - 1) : -1;
	why[n > 0 ? n : 0] = 0;
	close(p[0]);
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* cosy-load list shows the memo as such, in text and in JSON. */
static bool listed(const char *memo)
{
	char cmd[512], line[512];
	bool text = false, json = false;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "cosy-load list; cosy-load -j list");
	f = popen(cmd, "r");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		text |= !strncmp(line, memo, strlen(memo)) && strstr(line, ": the verifier refused it");
		json |= strstr(line, memo) && strstr(line, "\"refused\":true");
	}
	return pclose(f) == 0 && text && json;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

TL_CASE(a_refusal_is_remembered_until_unloaded)
{
	char why[1024], memo[256], stale[256];
	int id = cosy_module_id();

	TL_CHECK(id > 0, "cosy_module_id: %s", strerror(-id));
	snprintf(memo, sizeof(memo), COSY_PIN_ROOT "/" NAME "-refused-%d", id);
	snprintf(stale, sizeof(stale), COSY_PIN_ROOT "/" NAME "-refused-%d", id + 1000);
	rmdir(memo);
	rmdir(stale);
	rmdir(COSY_PIN_ROOT);	/* the runtime makes it, as a pin does (not if in use) */

	/* COSY_CACHE=0: verified, refused, nothing remembered */
	TL_EQ(enter_child("0", why, sizeof(why)), COSY_REGION_USER);
	TL_CHECK(strstr(why, "Unreleased reference"), "why: %s", why);
	/* the verifier's words, without the advice to who writes compounds */
	TL_CHECK(strstr(why, ": the verifier rejected it: Unreleased reference") &&
		 !strstr(why, "cosy_end()") && strstr(why, "cosy-cc wrote this compound"),
		 "why: %s", why);
	TL_CHECK(!is_dir(memo), "%s made with COSY_CACHE=0", memo);

	/* the first refusal is remembered (the pin root made if missing) */
	TL_EQ(enter_child("1", why, sizeof(why)), COSY_REGION_USER);
	TL_CHECK(strstr(why, "Unreleased reference"), "why: %s", why);
	TL_CHECK(is_dir(memo), "%s not made: %s", memo, why);
	TL_EQ(rmdir(memo), 0);

	/* a memo of another load of the module is not this one's */
	TL_EQ(mkdir(stale, 0700), 0);
	TL_EQ(enter_child("1", why, sizeof(why)), COSY_REGION_USER);
	TL_CHECK(strstr(why, "Unreleased reference"), "why: %s", why);
	TL_CHECK(is_dir(memo), "%s not made: %s", memo, why);

	/* the next process: not verified again, and says how to forget */
	TL_EQ(enter_child("1", why, sizeof(why)), COSY_REGION_USER);
	TL_CHECK(strstr(why, "refused its compound in an earlier run") && strstr(why, memo) &&
		 !strstr(why, "Unreleased reference"), "why: %s", why);
	TL_CHECK(strstr(why, "cosy-load unload " NAME "-refused-"), "why: %s", why);
	TL_CHECK(listed(strrchr(memo, '/') + 1), "cosy-load list does not show %s", memo);

	/* COSY_CACHE=0 verifies again, and says why */
	TL_EQ(enter_child("0", why, sizeof(why)), COSY_REGION_USER);
	TL_CHECK(strstr(why, "Unreleased reference"), "why: %s", why);

	/* unloaded: verified again (and remembered again) */
	TL_EQ(cosy_unpin(strrchr(memo, '/') + 1, NULL), 0);
	TL_CHECK(!is_dir(memo), "%s still there", memo);
	TL_EQ(enter_child("1", why, sizeof(why)), COSY_REGION_USER);
	TL_CHECK(strstr(why, "Unreleased reference"), "why: %s", why);
	TL_CHECK(is_dir(memo), "%s not made again", memo);
	TL_EQ(rmdir(memo), 0);
	TL_EQ(rmdir(stale), 0);
	return 0;
}

int main(int argc, char **argv)
{
	return tl_main(argc, argv);
}
