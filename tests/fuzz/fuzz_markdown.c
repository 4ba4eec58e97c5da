/* libFuzzer harness: the Markdown + front matter reader, JSON round trip. */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader("markdown", data, size, 0);
	return 0;
}
