/*
 * A C face for CLD2 (C++): the one file that includes CLD2's headers is
 * cld2_shim.cc.  Used by the language filter, and by the encoding
 * reader, where a Latin text's language names its code page.
 */
#ifndef CLD2_SHIM_H
#define CLD2_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Detect the language of UTF-8 plain text, of its first max bytes (cut
 * at a character): its CLD2 code ("no", "zh-Hant", "un" when unknown)
 * into code, the share of the text in it (0..100), 1 in *reliable when
 * CLD2 trusts the answer, and the letters it scored.  hint, if not
 * NULL, is a language the text is likely in ("id": the folder it is
 * in), which tips CLD2's balance between close ones (Indonesian and
 * Malay) without overruling the text.
 */
void	cld2_detect(const char *text, size_t len, size_t max,
	    const char *hint, char *code, size_t sz, int *percent,
	    int *reliable, int *letters);

#ifdef __cplusplus
}
#endif

#endif
