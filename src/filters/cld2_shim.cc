/*
 * The CLD2 shim: language detection for the language filter and the
 * encoding reader, behind the C functions of cld2_shim.h.  No exception leaves it (CLD2 throws none).
 */
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "filters/cld2_shim.h"
extern "C" {
#include "model/oom.h"
}

/*
 * CLD2 reads text only up to its first character that is not
 * "interchange valid": a C0 control but tab and line ends, DEL, a C1
 * control, a noncharacter.  One ESC from a pasted terminal log would
 * leave it no letters at all: such characters become spaces (of their
 * length, in place).
 */
static void
cld2_clean(char *s, size_t len)
{
	unsigned char	*p = (unsigned char *)s, *end = p + len;

	for (; p < end; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
		    *p == 0x7f)
			*p = ' ';
		else if (*p == 0xc2 && p + 1 < end && p[1] >= 0x80 &&
		    p[1] <= 0x9f)
			p[0] = p[1] = ' ';		/* U+0080-U+009F */
		else if (*p == 0xef && p + 2 < end && ((p[1] == 0xb7 &&
		    p[2] >= 0x90 && p[2] <= 0xaf) || (p[1] == 0xbf &&
		    p[2] >= 0xbe)))
			p[0] = p[1] = p[2] = ' ';	/* U+FDD0-FDEF, FFFE-F */
		else if (*p >= 0xf0 && p + 3 < end && (p[1] & 0x0f) == 0x0f &&
		    p[2] == 0xbf && p[3] >= 0xbe)
			p[0] = p[1] = p[2] = p[3] = ' '; /* U+nFFFE-F */
	}
}

extern "C" void
cld2_detect(const char *text, size_t len, size_t max, const char *hint,
    char *code, size_t sz, int *percent, int *reliable, int *letters)
{
	CLD2::CLDHints	 hints = { hint, NULL, CLD2::UNKNOWN_ENCODING,
			    CLD2::UNKNOWN_LANGUAGE };
	CLD2::Language	 lang3[3], lang;
	int		 percent3[3] = { 0, 0, 0 }, bytes = 0, valid = 0;
	double		 score3[3];
	bool		 ok = false;
	char		*sample;

	if (max > 0x7fffffff)
		max = 0x7fffffff;
	if (len > max) {
		len = max;
		while (len > 0 && (text[len] & 0xc0) == 0x80)
			len--;
	}
	/* a copy, cleaned */
	if ((sample = (char *)malloc(len + 1)) == NULL)
		galley_oom();
	memcpy(sample, text, len);
	sample[len] = '\0';
	cld2_clean(sample, len);
	lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(sample, (int)len, true,
	    &hints, 0, lang3, percent3, score3, NULL, &bytes, &ok, &valid);
	free(sample);
	snprintf(code, sz, "%s", CLD2::LanguageCode(lang));
	*percent = percent3[0];
	*reliable = ok ? 1 : 0;
	*letters = bytes;
}
