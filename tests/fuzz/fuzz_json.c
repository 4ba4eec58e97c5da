/* libFuzzer harness: the galley JSON reader, JSON round trip. */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader("json", data, size, 0);
	return 0;
}
