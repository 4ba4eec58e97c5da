/*
 * Replays the fuzz corpus (tests/fuzz/corpus: seeds and every input a
 * fuzzer ever found crashing) through the fuzz entry, so a compiler
 * without libFuzzer still runs the regressions.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#include "../fuzz/fuzz_convert.c"
#include "tap.h"

int
main(void)
{
	DIR		*d = opendir("tests/fuzz/corpus");
	struct dirent	*de;
	int		 n = 0;

	if (d == NULL) {
		printf("skip - fuzz replay: no tests/fuzz/corpus\n");
		return 0;
	}
	while ((de = readdir(d)) != NULL) {
		char	 path[1024];
		FILE	*f;
		char	*buf;
		long	 len;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "tests/fuzz/corpus/%s",
		    de->d_name);
		if ((f = fopen(path, "rb")) == NULL)
			continue;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		fseek(f, 0, SEEK_SET);
		buf = malloc((size_t)len + 1);
		if (fread(buf, 1, (size_t)len, f) == (size_t)len)
			LLVMFuzzerTestOneInput((const uint8_t *)buf,
			    (size_t)len);
		free(buf);
		fclose(f);
		n++;
	}
	closedir(d);
	CHECK(n > 0, "fuzz corpus replayed without a crash");
	return TAP_DONE();
}
