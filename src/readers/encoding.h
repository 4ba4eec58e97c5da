/* Raw input bytes into the UTF-8 every reader reads. */
#ifndef ENCODING_H
#define ENCODING_H

#include <stddef.h>

#include "galley/diag.h"

/*
 * Decode raw bytes into UTF-8 with LF line ends and no BOM: UTF-8 (with
 * or without a BOM), UTF-16 LE/BE with a BOM, CRLF and CR line ends.
 * Input that is not UTF-8 is converted from encoding (an ICU name such
 * as "windows-1251"; NULL or "auto": detected by ICU, Windows-1252 for
 * Western text) with a warning naming it; a damaged UTF-8 file, or one
 * no encoding fits, is an error naming the first bad byte (line:col and
 * byte offset).  NUL bytes, binary files, UTF-16 without a BOM and
 * UTF-32 are errors.  *out is malloc'd and NUL-terminated; the caller
 * frees it.  0, or -1 with *out NULL and an error in dg.
 */
int	enc_decode(char **out, size_t *outlen, const char *name,
	    const char *data, size_t len, const char *encoding,
	    struct galley_diag *dg);

/*
 * encletters.c: the single-byte code page whose letters read best, into
 * out, when it reads clearly better than guess (ICU's); its score
 * (0..100), or -1 to keep guess.
 */
int	enc_by_letters(const unsigned char *s, size_t len, const char *guess,
	    char *out, size_t sz);

#endif
