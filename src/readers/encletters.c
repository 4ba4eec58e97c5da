/*
 * Which single-byte code page bytes are in, judged by the letters each
 * candidate makes of them.  ICU's detector needs a few hundred bytes of
 * text to tell Cyrillic from Arabic or Hebrew, and knows no Thai or
 * Baltic code page: a title and two sentences in Windows-1251 come out
 * as "تàêâî ه لهê". Read in the right code page, the words with
 * non-ASCII letters are each of one script, and in Latin script hold
 * mostly ASCII letters; read in a wrong one, scripts mix inside words,
 * Latin words are all accents ("ďđčâĺň"), capitals follow small
 * letters ("пРХБЕР"), and symbols and undefined bytes stand among
 * letters.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/uscript.h>

#include "readers/encoding.h"

#define SAMPLE_MAX	65536	/* bytes judged */

/* In order of preference where two read as well: Windows-1252 before
 * the other Latin pages ("því" is Icelandic, not Romanian "ţví"). */
static const char *const candidates[] = {
	"windows-1251", "KOI8-R", "KOI8-U", "ISO-8859-5", "IBM866",
	"windows-1256", "windows-1255", "windows-1253", "windows-874",
	"windows-1252", "windows-1250", "windows-1257", "windows-1254",
	"ISO-8859-2", "ISO-8859-13", "ISO-8859-16", "macintosh", NULL
};

/*
 * How well u (n UTF-16 units) reads as text, 0..1: the letters of
 * words with non-ASCII letters that are of one script (and, in Latin,
 * mostly ASCII), over all such letters and the non-ASCII symbols,
 * controls and U+FFFD among them.
 */
static double
score(const UChar *u, int32_t n)
{
	int32_t		 i = 0, start;
	UChar32		 c, prev = 0;
	UScriptCode	 sc, word_sc;
	UErrorCode	 st;
	size_t		 good = 0, bad = 0, letters, high;
	int		 mixed, lower;

	while (i < n) {
		start = i;
		if (start > 0) {
			int32_t	 t = start;

			U16_PREV(u, 0, t, prev);
		}
		U16_NEXT(u, i, n, c);
		if (!u_isalpha(c)) {
			/* a byte the code page leaves undefined (U+FFFD, or
			 * U+001A in some of ICU's tables) all but rules it
			 * out: it weighs as a word */
			if (c == 0xfffd || (c < 0x20 && c != '\t' &&
			    c != '\n' && c != '\r' && c != '\f') ||
			    (c >= 0x80 && u_iscntrl(c)))
				bad += 8;
			else if (c >= 0x80 && (
			    u_charType(c) == U_OTHER_SYMBOL ||
			    u_charType(c) == U_MATH_SYMBOL ||
			    u_charType(c) == U_CURRENCY_SYMBOL ||
			    u_charType(c) == U_MODIFIER_SYMBOL))
				bad++;
			/* punctuation or a digit between two letters ("j¹",
			 * "³ó": letters of one code page read in another) */
			else if (c >= 0x80 && start > 0 && i < n &&
			    u_isalpha(prev) && u_isalpha(u[i]))
				bad += 2;
			/* a fraction a word goes on from: "d'½uvre", Latin-9's
			 * "œ" read in Windows-1252 */
			else if (c >= 0xbc && c <= 0xbe && i < n &&
			    u_isalpha(u[i]))
				bad += 2;
			continue;
		}
		/* a word: letters and the marks on them */
		letters = high = 0;
		mixed = lower = 0;
		word_sc = USCRIPT_INVALID_CODE;
		i = start;
		while (i < n) {
			int32_t	 at = i;

			U16_NEXT(u, i, n, c);
			if (!u_isalpha(c) && u_charType(c) !=
			    U_NON_SPACING_MARK && u_charType(c) !=
			    U_COMBINING_SPACING_MARK) {
				i = at;
				break;
			}
			letters++;
			high += c >= 0x80;
			/* a capital after a small letter: "пРХБЕР", the
			 * cases of one Cyrillic code page read in another */
			if (u_isupper(c) && lower)
				mixed = 1;
			lower |= u_islower(c);
			st = U_ZERO_ERROR;
			sc = uscript_getScript(c, &st);
			if (U_FAILURE(st) || sc == USCRIPT_COMMON ||
			    sc == USCRIPT_INHERITED)
				continue;
			if (word_sc == USCRIPT_INVALID_CODE)
				word_sc = sc;
			else if (sc != word_sc)
				mixed = 1;
		}
		if (high == 0)
			continue;	/* ASCII: the same in every candidate */
		/* a Latin word of accents alone ("ďđčâĺň": Cyrillic read
		 * in a Latin code page); "żółw", "þér" have an ASCII one */
		if (mixed || (word_sc == USCRIPT_LATIN && high == letters &&
		    letters >= 4))
			bad += letters;
		else
			good += letters;
	}
	return good + bad == 0 ? 0 : (double)good / (double)(good + bad);
}

/* s in enc into u (room for n units); the units written, or -1. */
static int32_t
decode(const char *enc, const unsigned char *s, size_t len, UChar *u,
    int32_t n)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UConverter	*cnv = ucnv_open(enc, &st);
	int32_t		 k;

	if (cnv == NULL || U_FAILURE(st))
		return -1;
	k = ucnv_toUChars(cnv, u, n, (const char *)s, (int32_t)len, &st);
	ucnv_close(cnv);
	return U_FAILURE(st) && st != U_BUFFER_OVERFLOW_ERROR ? -1 :
	    (k < n ? k : n);
}

double
enc_letters_score(const char *enc, const unsigned char *s, size_t len,
    size_t *undefined)
{
	UChar		*u;
	int32_t		 n, room, i;
	double		 v;

	*undefined = 0;
	if (len > SAMPLE_MAX)
		len = SAMPLE_MAX;
	room = (int32_t)len * 2 + 1;
	if ((u = malloc((size_t)room * sizeof(*u))) == NULL)
		return -1;
	if ((n = decode(enc, s, len, u, room)) < 0) {
		free(u);
		return -1;
	}
	/* U+FFFD, or U+001A where ICU's table has no character */
	for (i = 0; i < n; i++)
		*undefined += u[i] == 0xfffd || (u[i] == 0x1a &&
		    (size_t)i < len && s[i] != 0x1a);
	v = score(u, n);
	free(u);
	return v;
}

int
enc_by_letters(const unsigned char *s, size_t len, const char *guess,
    char *out, size_t sz)
{
	double		 sg = -1, best = -1, v;
	size_t		 i, bi = 0, undef;

	/* ISO-8859-1 is read as Windows-1252 (what such files are): its
	 * C1 controls would make the guess read worse than it will */
	if (guess != NULL && strcasecmp(guess, "ISO-8859-1") == 0)
		guess = "windows-1252";
	if (guess != NULL)
		sg = enc_letters_score(guess, s, len, &undef);
	for (i = 0; candidates[i] != NULL; i++)
		if ((v = enc_letters_score(candidates[i], s, len,
		    &undef)) > best) {
			best = v;
			bi = i;
		}
	/* the detector's guess stands unless another reads clearly
	 * better */
	if (best < 0 || best < sg + 0.15)
		return -1;
	snprintf(out, sz, "%s", candidates[bi]);
	return (int)(best * 100);
}
