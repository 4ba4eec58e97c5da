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
/* How well s reads in the single-byte code page enc, 0..1 (-1 if ICU
 * knows no such page), with the bytes it leaves undefined into
 * *undefined; the first 64 KiB are judged. */
double	enc_letters_score(const char *enc, const unsigned char *s,
	    size_t len, size_t *undefined);

/*
 * enclang.c: Latin text read as Windows-1252 (utf8, n bytes), whose
 * language has a code page of its own that reads the raw bytes s at
 * least as well and defines them all: that code page (an ICU name), its
 * language into lang; NULL to keep Windows-1252.
 */
const char *enc_by_language(const char *utf8, size_t n,
	    const unsigned char *s, size_t len, char *lang, size_t langsz);

#endif
