/*
 * Latin text in a code page that ICU's detector has no model for
 * (Baltic Windows-1257, Vietnamese Windows-1258), or too little text to
 * judge (Turkish), comes out of it as Windows-1252, the Western guess:
 * "Nuoma ar pirkimas: kà rinktis ðiemet".  Mostly ASCII all the same,
 * it still tells CLD2 its language, and that language's own code page
 * reads its letters right: "ką rinktis šiemet".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filters/cld2_shim.h"
#include "readers/encoding.h"

#define SAMPLE		4096	/* bytes of the reading shown to CLD2 */
#define MIN_PERCENT	80	/* of the text in that language */
#define MIN_LETTERS	200	/* letters CLD2 scored */

static const struct {
	const char	*lang;		/* CLD2's code */
	const char	*pages[3];	/* most used first */
} langs[] = {
	{ "lt", { "windows-1257", "ISO-8859-13", "ISO-8859-4" } },
	{ "lv", { "windows-1257", "ISO-8859-13", "ISO-8859-4" } },
	{ "et", { "windows-1257", "ISO-8859-15", "ISO-8859-13" } },
	{ "vi", { "windows-1258", NULL, NULL } },
	{ "tr", { "windows-1254", "ISO-8859-9", NULL } },
};

const char *
enc_by_language(const char *utf8, size_t n, const unsigned char *s,
    size_t len, char *lang, size_t langsz)
{
	char		 code[32];
	int		 percent, reliable, letters;
	size_t		 i, k, undef;
	double		 best, v;
	const char	*page = NULL;

	cld2_detect(utf8, n, SAMPLE, NULL, code, sizeof(code), &percent, &reliable,
	    &letters);
	if (!reliable || percent < MIN_PERCENT || letters < MIN_LETTERS)
		return NULL;
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		if (strcmp(code, langs[i].lang) == 0)
			break;
	if (i == sizeof(langs) / sizeof(langs[0]))
		return NULL;
	/* of its pages that define every byte, the one that makes words
	 * best (the first where two do as well), if as well as
	 * Windows-1252 did */
	best = enc_letters_score("windows-1252", s, len, &undef);
	for (k = 0; k < 3 && langs[i].pages[k] != NULL; k++) {
		v = enc_letters_score(langs[i].pages[k], s, len, &undef);
		if (v >= 0 && undef == 0 && (v > best || (page == NULL &&
		    v == best))) {
			best = v;
			page = langs[i].pages[k];
		}
	}
	if (page != NULL)
		snprintf(lang, langsz, "%s", code);
	return page;
}
