/* Raw input bytes into the UTF-8 every reader reads. */
#ifndef ENCODING_H
#define ENCODING_H

#include <stddef.h>

#include "galley/diag.h"

/*
 * Decode raw bytes into UTF-8 with LF line ends and no BOM: UTF-8 (with
 * or without a BOM), UTF-16 LE/BE with a BOM, CRLF and CR line ends.
 * Input that is not UTF-8 but is wholly Windows-1252 is transcoded with
 * one warning; otherwise an error names the first bad byte (line:col
 * and byte offset).  NUL bytes, binary files, UTF-16 without a BOM and
 * UTF-32 are errors.  *out is malloc'd and NUL-terminated; the caller
 * frees it.  0, or -1 with *out NULL and an error in dg.
 */
int	enc_decode(char **out, size_t *outlen, const char *name,
	    const char *data, size_t len, struct galley_diag *dg);

#endif
