/*
 * The CLD2 shim: language detection for the language filter, behind the
 * C function of cld2_shim.h.  No exception leaves it (CLD2 throws none).
 */
#include <cstdio>
#include <cstring>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "filters/cld2_shim.h"

extern "C" void
cld2_detect(const char *text, size_t len, char *code, size_t sz,
    int *percent, int *reliable, int *letters)
{
	CLD2::CLDHints	 hints = { NULL, NULL, CLD2::UNKNOWN_ENCODING,
			    CLD2::UNKNOWN_LANGUAGE };
	CLD2::Language	 lang3[3], lang;
	int		 percent3[3] = { 0, 0, 0 }, bytes = 0, valid = 0;
	double		 score3[3];
	bool		 ok = false;

	if (len > 0x7fffffff)
		len = 0x7fffffff;
	lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(text, (int)len, true,
	    &hints, 0, lang3, percent3, score3, NULL, &bytes, &ok, &valid);
	snprintf(code, sz, "%s", CLD2::LanguageCode(lang));
	*percent = percent3[0];
	*reliable = ok ? 1 : 0;
	*letters = bytes;
}
