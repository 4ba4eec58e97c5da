/*
 * What every fuzz harness shares: the checks on outputs (XML well-formed,
 * JSON parses, EPUB entries intact and their XML well-formed) and the
 * two runs the harnesses are made of.  A failed check aborts, which
 * libFuzzer reports as a crash with the input that caused it.
 */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>

/* Largest input a harness accepts (bigger ones only cost time). */
#define FUZZ_MAX_INPUT	(256 * 1024)

void	fuzz_check_xml(const char *what, const char *data, size_t len);
void	fuzz_check_json(const char *data, size_t len);
void	fuzz_check_epub(const char *data, size_t len);

/*
 * Read with one reader and run the filters; then write JSON, read it
 * back and write it again: both JSON texts must be the same bytes.
 */
void	fuzz_reader(const char *format, const uint8_t *, size_t, int smart);

/* Read (format picked by the caller), filter, run every writer, check. */
void	fuzz_all_writers(const char *format, const uint8_t *, size_t,
	    int smart);

#endif
