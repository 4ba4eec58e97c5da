/*
 * libFuzzer harness: reader -> every writer.  The first byte picks the
 * reader (auto, markdown, text, json) and --smart; the rest is the input.
 */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const formats[] = { "auto", "markdown", "text", "json" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	fuzz_all_writers(formats[data[0] & 3], data + 1, size - 1,
	    (data[0] >> 2) & 1);
	return 0;
}
