/*
 * Replays the fuzz corpus (tests/fuzz/corpus: seeds and every input a
 * fuzzer found new coverage or a crash with) through every fuzz
 * harness, so a compiler without libFuzzer still runs the regressions.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#include "../fuzz/fuzz_check.c"

#define LLVMFuzzerTestOneInput fuzz_markdown
#include "../fuzz/fuzz_markdown.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_text
#include "../fuzz/fuzz_text.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_json
#include "../fuzz/fuzz_json.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_convert
#include "../fuzz/fuzz_convert.c"
#undef LLVMFuzzerTestOneInput

#include "tap.h"

static const struct {
	const char	*name;
	int		(*run)(const uint8_t *, size_t);
} harness[] = {
	{ "markdown", fuzz_markdown },
	{ "text", fuzz_text },
	{ "json", fuzz_json },
	{ "convert", fuzz_convert },
};

int
main(void)
{
	DIR		*d = opendir("tests/fuzz/corpus");
	struct dirent	*de;
	int		 n = 0;
	size_t		 h;

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
			for (h = 0; h < sizeof(harness) / sizeof(harness[0]);
			    h++)
				harness[h].run((const uint8_t *)buf,
				    (size_t)len);
		free(buf);
		fclose(f);
		n++;
	}
	closedir(d);
	CHECK(n > 0, "fuzz corpus replayed through 4 harnesses without a crash");
	return TAP_DONE();
}
