/*
 * The door of every reader: raw bytes in, UTF-8 with LF line ends out.
 * Knows UTF-8 (BOM or not) and UTF-16 with a BOM itself; text in an
 * older encoding (Windows-1252 or -1251, ISO-8859-7, Shift_JIS, GB18030,
 * Big5...) is recognised by ICU's charset detector, or named by the
 * user, and converted by ICU.  Refuses what is not text, naming where
 * it stopped.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "galley/buf.h"
#include "model/bytes.h"
#include "readers/encoding.h"

#define DETECT_MIN_CONFIDENCE	10	/* ICU's 0..100; below: refuse */
#define DETECT_SURE		50	/* above: beats the UTF-8 look */
#define DETECT_THAI_BEATS	80	/* below: a multibyte guess that
					   leaves bytes undefined loses to
					   Thai that reads as Thai */
#define FOREIGN_MIN_BYTES	16	/* of non-ASCII words to ask about */
#define FOREIGN_MIN_CONFIDENCE	20	/* what they say, to be believed */

/* Windows-1252 0x80..0x9F; 0 where the code page defines nothing. */
static const unsigned short cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
};

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t
utf8_len(const unsigned char *s, size_t len)
{
	unsigned char	 c = s[0];
	size_t		 n, k;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (n > len)
		return 0;
	for (k = 1; k < n; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 0;
	/* overlong, surrogates, beyond U+10FFFF */
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0) ||
	    (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90))
		return 0;
	return n;
}

static size_t
put_utf8(char *d, unsigned cp)
{
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (char)(0xc0 | (cp >> 6));
		d[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xe0 | (cp >> 12));
		d[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		d[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	d[0] = (char)(0xf0 | (cp >> 18));
	d[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	d[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	d[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Line and column (in characters) of UTF-8 text up to byte off, the
 * text before off being valid.  CR, LF and CRLF each end a line.
 */
static void
where(const unsigned char *s, size_t off, unsigned *line, unsigned *col)
{
	size_t	 i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off ||
		    s[i + 1] != '\n'))) {
			(*line)++;
			*col = 1;
		} else if (s[i] != '\r' && (s[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

/* CRLF and CR into LF, in place; returns the new length. */
static size_t
unify_newlines(char *d, size_t len)
{
	char	*cr = memchr(d, '\r', len);
	size_t	 i, o;

	if (cr == NULL) {		/* the common case: LF already */
		d[len] = '\0';
		return len;
	}
	o = (size_t)(cr - d);
	for (i = o; i < len; i++) {
		if (d[i] == '\r') {
			d[o++] = '\n';
			if (i + 1 < len && d[i + 1] == '\n')
				i++;
		} else
			d[o++] = d[i];
	}
	d[o] = '\0';
	return o;
}

static char *
alloc_or_fail(size_t sz, const char *name, struct galley_diag *dg)
{
	char	*d = malloc(sz);

	if (d == NULL)
		galley_diag_add(dg, GALLEY_ERROR, name, 0, 0, "out of memory");
	return d;
}

/*
 * UTF-16 after its BOM of bom bytes (0 or 2); be is 1 for big-endian.
 */
static int
from_utf16(char **out, size_t *outlen, const char *name,
    const unsigned char *s, size_t len, size_t bom, int be,
    struct galley_diag *dg)
{
	char		*d;
	size_t		 i, o = 0;
	unsigned	 line = 1, col = 1, u, lo;

	if (len % 2 != 0) {
		galley_diag_add(dg, GALLEY_ERROR, name, 0, 0,
		    "UTF-16 input has an odd number of bytes (%zu): "
		    "truncated file", len + bom);
		return -1;
	}
	if ((d = alloc_or_fail(len / 2 * 3 + 1, name, dg)) == NULL)
		return -1;
	for (i = 0; i < len; i += 2) {
		u = be ? (unsigned)(s[i] << 8 | s[i + 1]) :
		    (unsigned)(s[i + 1] << 8 | s[i]);
		if (u >= 0xd800 && u <= 0xdbff && i + 3 < len) {
			lo = be ? (unsigned)(s[i + 2] << 8 | s[i + 3]) :
			    (unsigned)(s[i + 3] << 8 | s[i + 2]);
			if (lo >= 0xdc00 && lo <= 0xdfff) {
				u = 0x10000 + ((u - 0xd800) << 10) +
				    (lo - 0xdc00);
				i += 2;
			}
		}
		if (u >= 0xd800 && u <= 0xdfff) {
			galley_diag_add(dg, GALLEY_ERROR, name, line, col,
			    "invalid UTF-16: unpaired surrogate 0x%04x at "
			    "byte offset %zu", u, i + bom);
			free(d);
			return -1;
		}
		if (u == 0) {
			galley_diag_add(dg, GALLEY_ERROR, name, line, col,
			    "NUL character at byte offset %zu: not a text "
			    "file", i + bom);
			free(d);
			return -1;
		}
		if (u == '\n' || (u == '\r' && !(i + 3 < len &&
		    (be ? s[i + 2] == 0 && s[i + 3] == '\n' :
		    s[i + 3] == 0 && s[i + 2] == '\n')))) {
			line++;
			col = 1;
		} else if (u != '\r')
			col++;
		o += put_utf8(d + o, u);
	}
	*outlen = unify_newlines(d, o);
	*out = d;
	return 0;
}

/*
 * How well the first 4 KB read as UTF-16 text in that byte order: -1
 * if not at all (a NUL, a control but blanks), or if too few characters
 * are ASCII (a quarter, or two and a line end: a text file with a stray
 * NUL has one ASCII character per NUL read so, no line end); else the
 * number of ASCII characters, which text in the wrong order seldom has.
 */
static long
utf16_score(const unsigned char *s, size_t len, int be)
{
	size_t		 i, n = (len < 4096 ? len : 4096) & ~(size_t)1;
	size_t		 units = 0;
	unsigned	 u;
	long		 ascii = 0;
	int		 eol = 0;

	/* an odd last byte, a lone surrogate: UTF-16 all the same, which
	 * from_utf16() then refuses with the reason */
	for (i = 0; i + 1 < n; i += 2) {
		u = be ? (unsigned)(s[i] << 8 | s[i + 1]) :
		    (unsigned)(s[i + 1] << 8 | s[i]);
		if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r' &&
		    u != '\f') || u == 0x7f)
			return -1;
		ascii += u < 0x80;
		eol |= u == '\n' || u == '\r';
		units++;
	}
	if ((size_t)ascii * 4 < units && !(eol && ascii >= 2))
		return -1;
	return ascii;
}

/*
 * Text with NUL bytes and no BOM: UTF-16 if it reads as UTF-16 text in
 * one byte order better than in the other (0 little-endian, 1
 * big-endian); else -1, a binary file.
 */
static int
utf16_guess(const unsigned char *s, size_t len)
{
	long	 le = utf16_score(s, len, 0), be = utf16_score(s, len, 1);

	if (le > be && le > 0)
		return 0;
	if (be > le && be > 0)
		return 1;
	return -1;
}

/*
 * The UTF-16 that --encoding names: 0 little-endian, 1 big-endian, -1
 * not UTF-16.  Plain "UTF-16" without a BOM is big-endian by the
 * standard, but Windows writes little-endian: the zeros decide.
 */
static int
utf16_named(const char *enc, const unsigned char *s, size_t len)
{
	int	 be;

	if (strncasecmp(enc, "UTF-16", 6) == 0)
		enc += 6;
	else if (strncasecmp(enc, "UTF16", 5) == 0)
		enc += 5;
	else
		return -1;
	if (strcasecmp(enc, "LE") == 0)
		return 0;
	if (strcasecmp(enc, "BE") == 0)
		return 1;
	if (*enc != '\0')
		return -1;
	return (be = utf16_guess(s, len)) == -1 ? 0 : be;
}

/*
 * Bytes in the named encoding (an ICU converter name or alias) into
 * UTF-8.  Bytes the encoding does not define become U+FFFD, counted in
 * *lost.  0, or -1 if ICU knows no such encoding.
 */
static int
from_legacy(char **out, size_t *outlen, const char *enc,
    const unsigned char *s, size_t len, size_t *lost, const char *name,
    struct galley_diag *dg)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UConverter	*cnv;
	const UNormalizer2 *nfc;
	UChar		*u, *c;
	char		*d;
	int32_t		 ulen, dlen, clen, i;

	*lost = 0;
	if (len > INT32_MAX / 4) {
		galley_diag_add(dg, GALLEY_ERROR, name, 0, 0,
		    "too large to convert from %s", enc);
		return -1;
	}
	if ((cnv = ucnv_open(enc, &st)) == NULL || U_FAILURE(st)) {
		galley_diag_add(dg, GALLEY_ERROR, name, 0, 0,
		    "unknown encoding \"%s\"", enc);
		return -1;
	}
	/* one UTF-16 unit per byte at most, but for a surrogate pair per
	 * 4-byte sequence: 2 per byte is safe */
	if ((u = malloc(((size_t)len * 2 + 1) * sizeof(*u))) == NULL) {
		ucnv_close(cnv);
		galley_diag_add(dg, GALLEY_ERROR, name, 0, 0, "out of memory");
		return -1;
	}
	ulen = ucnv_toUChars(cnv, u, (int32_t)len * 2 + 1, (const char *)s,
	    (int32_t)len, &st);
	ucnv_close(cnv);
	if (U_FAILURE(st)) {
		free(u);
		galley_diag_add(dg, GALLEY_ERROR, name, 0, 0,
		    "cannot convert from %s: %s", enc, u_errorName(st));
		return -1;
	}
	for (i = 0; i < ulen; i++)
		*lost += u[i] == 0xfffd;
	/* Windows-1258 writes Vietnamese tones as combining marks: UTF-8
	 * text has them composed (NFC) */
	if ((nfc = unorm2_getNFCInstance(&st)) != NULL && U_SUCCESS(st) &&
	    !unorm2_isNormalized(nfc, u, ulen, &st) && U_SUCCESS(st) &&
	    (c = malloc(((size_t)ulen + 1) * sizeof(*c))) != NULL) {
		/* composing never lengthens */
		clen = unorm2_normalize(nfc, u, ulen, c, ulen + 1, &st);
		if (U_SUCCESS(st)) {
			free(u);
			u = c;
			ulen = clen;
		} else
			free(c);
	}
	st = U_ZERO_ERROR;
	if ((d = alloc_or_fail((size_t)ulen * 3 + 1, name, dg)) == NULL) {
		free(u);
		return -1;
	}
	u_strToUTF8(d, ulen * 3 + 1, &dlen, u, ulen, &st);
	free(u);
	if (U_FAILURE(st)) {
		free(d);
		galley_diag_add(dg, GALLEY_ERROR, name, 0, 0,
		    "cannot convert from %s: %s", enc, u_errorName(st));
		return -1;
	}
	*outlen = unify_newlines(d, (size_t)dlen);
	*out = d;
	return 0;
}

/*
 * ICU's best guess at the encoding of bytes that are not UTF-8, into
 * buf; its confidence (0..100), or -1 if it has none.  *utf8 is set if
 * ICU's first guess is UTF-8 all the same (a damaged UTF-8 file).
 */
static int
detect(const unsigned char *s, size_t len, char *buf, size_t sz, int *utf8)
{
	UErrorCode		 st = U_ZERO_ERROR;
	UCharsetDetector	*csd;
	const UCharsetMatch	**m;
	const char		*n;
	int32_t			 nm, i;
	int			 conf = -1;

	*utf8 = 0;
	if ((csd = ucsdet_open(&st)) == NULL || U_FAILURE(st))
		return -1;
	ucsdet_setText(csd, (const char *)s,
	    len > INT32_MAX ? INT32_MAX : (int32_t)len, &st);
	m = ucsdet_detectAll(csd, &nm, &st);
	*utf8 = 0;
	for (i = 0; U_SUCCESS(st) && m != NULL && i < nm; i++) {
		n = ucsdet_getName(m[i], &st);
		if (i == 0 && n != NULL && strcmp(n, "UTF-8") == 0 &&
		    ucsdet_getConfidence(m[i], &st) > 0)
			*utf8 = 1;
		/* not UTF-8: we know; UTF-16/32 have BOMs or NULs */
		if (U_FAILURE(st) || n == NULL || strncmp(n, "UTF-", 4) == 0)
			continue;
		snprintf(buf, sz, "%s", n);
		conf = ucsdet_getConfidence(m[i], &st);
		break;
	}
	ucsdet_close(csd);
	return U_SUCCESS(st) ? conf : -1;
}

/*
 * Mostly English with a few words in another script (a man page's
 * translation that keeps its commands, a web page's menus): ICU weighs
 * the English and says Windows-1252 or ISO-8859-1, and Cyrillic or
 * Polish comes out as "ïîçâîëÿþò" or "SK£ADNIA".  Asked again about the
 * words that hold non-ASCII bytes alone, it sees their language.  The
 * encoding it names then, if no Western one and with some confidence,
 * into buf; its confidence, or -1.
 */
static int
detect_foreign(const unsigned char *s, size_t len, char *buf, size_t sz)
{
	UErrorCode		 st = U_ZERO_ERROR;
	UCharsetDetector	*csd = NULL;
	const UCharsetMatch	**m;
	struct galley_buf	 w;
	const char		*n;
	size_t			 i, j, k;
	int32_t			 nm, q;
	int			 c, best = -1;

	galley_buf_init(&w);
	for (i = 0; i < len; i = j) {
		while (i < len && (s[i] == ' ' || s[i] == '\n' ||
		    s[i] == '\t' || s[i] == '\r'))
			i++;
		for (j = i; j < len && s[j] != ' ' && s[j] != '\n' &&
		    s[j] != '\t' && s[j] != '\r'; j++)
			;
		for (k = i; k < j && s[k] < 0x80; k++)
			;
		if (k < j) {
			galley_buf_put(&w, s + i, j - i);
			galley_buf_putc(&w, ' ');
		}
	}
	if (w.len >= FOREIGN_MIN_BYTES && w.len <= INT32_MAX &&
	    (csd = ucsdet_open(&st)) != NULL && U_SUCCESS(st)) {
		ucsdet_setText(csd, w.data, (int32_t)w.len, &st);
		m = ucsdet_detectAll(csd, &nm, &st);
		for (q = 0; U_SUCCESS(st) && m != NULL && q < nm; q++) {
			n = ucsdet_getName(m[q], &st);
			c = ucsdet_getConfidence(m[q], &st);
			if (U_FAILURE(st) || n == NULL ||
			    strncmp(n, "UTF-", 4) == 0)
				continue;
			if (strcasecmp(n, "ISO-8859-1") != 0 &&
			    strcasecmp(n, "windows-1252") != 0 && best < 0) {
				snprintf(buf, sz, "%s", n);
				best = c;
			}
		}
	}
	if (csd != NULL)
		ucsdet_close(csd);
	galley_buf_release(&w);
	/* believed when sure enough: Windows-1252 is ruled out already
	 * (western_plausible()), whatever ICU thinks of it */
	return best >= FOREIGN_MIN_CONFIDENCE ? best : -1;
}

/*
 * Whether bytes read as Windows-1252 look like Western text.  There, a
 * word's non-ASCII letters are few among ASCII ones ("café", "Zürich"),
 * and the symbols of 0xA0-0xBF stand between words.  Cyrillic read so
 * makes words of non-ASCII bytes only ("ïîçâîëÿþò"), and Central
 * European puts symbols inside words ("SK£ADNIA", "zosta³"): 0 then.
 */
static int
western_plausible(const unsigned char *s, size_t len)
{
	size_t	 i, j, k, hi, words = 0, strange = 0, sym = 0;
	int	 symbol;

	for (i = 0; i < len; i = j) {
		for (j = i; j < len && (s[j] >= 0x80 || ((s[j] | 0x20) >= 'a' &&
		    (s[j] | 0x20) <= 'z')); j++)
			;
		if (j == i) {
			j++;
			continue;
		}
		for (k = i, hi = 0, symbol = 0; k < j; k++) {
			hi += s[k] >= 0x80;
			symbol |= s[k] >= 0xa0 && s[k] <= 0xbf &&
			    s[k] != 0xaa && s[k] != 0xb5 && s[k] != 0xba &&
			    j - i > 1;
		}
		if (hi == 0)
			continue;
		words++;
		strange += hi >= 3 && hi * 2 >= j - i;
		sym += symbol;
	}
	return words == 0 || (strange * 3 < words && sym * 5 < words);
}

/* 1 for the CJK encodings ICU detects, with characters of 2-4 bytes */
static int
multibyte(const char *enc)
{
	static const char *const v[] = { "Shift_JIS", "GB18030", "Big5",
	    "EUC-JP", "EUC-KR", "ISO-2022-JP", "ISO-2022-CN", "ISO-2022-KR",
	    NULL };
	size_t	 i;

	for (i = 0; v[i] != NULL; i++)
		if (strcasecmp(enc, v[i]) == 0)
			return 1;
	return 0;
}

/* The Windows code page of an ISO-8859 part's script, or NULL. */
static const char *
sibling(const char *enc)
{
	static const char *const pairs[][2] = {
		{ "ISO-8859-2", "windows-1250" }, { "ISO-8859-5", "windows-1251" },
		{ "ISO-8859-6", "windows-1256" }, { "ISO-8859-7", "windows-1253" },
		{ "ISO-8859-8", "windows-1255" }, { "ISO-8859-8-I", "windows-1255" },
		{ "ISO-8859-9", "windows-1254" }, { "ISO-8859-13", "windows-1257" },
		{ "ISO-8859-11", "windows-874" }, { "TIS-620", "windows-874" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (strcasecmp(enc, pairs[i][0]) == 0)
			return pairs[i][1];
	return NULL;
}

/* KOI8-R where the letters only Ukrainian has are there (і ї є ґ, in
 * KOI8-R box drawing): KOI8-U. */
static void
refine(char *enc, size_t sz, const unsigned char *s, size_t len)
{
	size_t	 i, uk = 0;

	if (strcasecmp(enc, "KOI8-R") != 0)
		return;
	/* next to a letter (0xC0-0xFF): not a table's box drawing */
	for (i = 0; i < len; i++)
		switch (s[i]) {
		case 0xa4: case 0xa6: case 0xa7: case 0xad:
		case 0xb4: case 0xb6: case 0xb7: case 0xbd:
			uk += (i > 0 && s[i - 1] >= 0xc0) ||
			    (i + 1 < len && s[i + 1] >= 0xc0);
		}
	if (uk > 0)
		snprintf(enc, sz, "KOI8-U");
}

/*
 * Thai in TIS-620 or Windows-874, which ICU's detector does not know:
 * every letter above 0x80, and a sixth of those bytes a
 * consonant (0xA1-0xCE) followed by a vowel or tone mark written
 * above or below it (0xD1, 0xD4-0xDA, 0xE7-0xEE).  Cyrillic and Greek
 * in their code pages have capital-then-small pairs in those ranges,
 * but one a word at most.
 */
static int
thai_plausible(const unsigned char *s, size_t len)
{
	size_t	 i, high = 0, pairs = 0;

	for (i = 0; i < len; i++) {
		if (s[i] < 0x80)
			continue;
		high++;
		if (s[i] >= 0xa1 && s[i] <= 0xce && i + 1 < len &&
		    (s[i + 1] == 0xd1 || (s[i + 1] >= 0xd4 &&
		    s[i + 1] <= 0xda) || (s[i + 1] >= 0xe7 &&
		    s[i + 1] <= 0xee)))
			pairs++;
	}
	return high >= 20 && pairs * 6 >= high;
}

/* 1 if the text designates ISO-2022-KR's or -CN's second set (ESC $ )
 * C, A or G), which Shift Out and Shift In (0x0e, 0x0f) switch to and
 * back: they are no binary file's. */
static int
shifts_ok(const unsigned char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i + 2 < len; i++)
		if (s[i] == 0x1b && s[i + 1] == '$' && s[i + 2] == ')')
			return 1;
	return 0;
}

/*
 * Signs that Windows-1252 misreads another Western page: a byte it
 * reads as no small letter (and no quote) inside a word of small ASCII
 * letters ("fŸr", "ni–o", "gro§e": Mac Roman), or a fraction a word
 * goes on from ("d'½uvre": Latin-9's œ).  "1½ cups", "Grandma’s" and
 * "©" alone are none.
 */
static int
misread_1252(const unsigned char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 1; i + 1 < len; i++) {
		if (s[i] < 0x80 || s[i] == 0x91 || s[i] == 0x92)
			continue;
		if ((s[i] == 0xbc || s[i] == 0xbd || s[i] == 0xbe) &&
		    isalpha(s[i + 1]) && (isalpha(s[i - 1]) ||
		    s[i - 1] == '\''))
			n++;
		else if (islower(s[i - 1]) && islower(s[i + 1]) &&
		    !(s[i] >= 0xdf && s[i] != 0xf7) && s[i] != 0x9a &&
		    s[i] != 0x9c && s[i] != 0x9e && s[i] != 0x83)
			n++;	/* no small letter in Windows-1252 */
	}
	return n >= 1;
}

/*
 * Text that single-byte page enc reads with symbols inside its words:
 * the Western page that reads it better instead, Windows-1252, or, on
 * signs that Windows-1252 misreads it, Mac Roman (German "fŸr" is
 * "für") or ISO-8859-15 (French "c½ur" is "cœur"); NULL when enc reads
 * as well.
 */
static const char *
western_over(const char *enc, const unsigned char *s, size_t len)
{
	static const char *const west[] = { "windows-1252", "macintosh",
	    "ISO-8859-15" };
	const char	*best = NULL;
	double		 w, v, bv;
	size_t		 i, undef, nwest = 1;

	w = enc_letters_score(enc, s, len, &undef);
	if (w < 0 || w >= 1.0)
		return NULL;
	if (misread_1252(s, len))
		nwest = sizeof(west) / sizeof(west[0]);
	/* better by a tenth; Latin-9, which differs from Windows-1252 in
	 * eight letters, by reading as words where it did not */
	for (bv = w + 0.1, i = 0; i < nwest; i++)
		if (strcasecmp(west[i], enc) != 0 &&
		    (v = enc_letters_score(west[i], s, len, &undef)) >= 0 &&
		    undef == 0 && (v >= bv || (strcmp(west[i],
		    "ISO-8859-15") == 0 && v >= 1.0 && v > w &&
		    strcasecmp(enc, "windows-1252") == 0))) {
			best = west[i];
			bv = v;
		}
	return best;
}

static const char *
western_other(const unsigned char *s, size_t len)
{
	const char	*w = western_over("windows-1252", s, len);

	return w != NULL && strcasecmp(w, "windows-1252") != 0 ? w : NULL;
}

/* 1 if every byte above ASCII is one of Windows-1252's punctuation
 * marks between 0x80 and 0x9f (… ‘ ’ “ ” • – — ‹ › „ ‚), a few of
 * them at least: no letter of any code page. */
static int
cp1252_punct_only(const unsigned char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++) {
		if (s[i] < 0x80)
			continue;
		if (s[i] != 0x82 && s[i] != 0x84 && s[i] != 0x85 &&
		    s[i] != 0x8b && s[i] != 0x9b && (s[i] < 0x91 ||
		    s[i] > 0x97))
			return 0;
		n++;
	}
	return n > 0;
}

/* 1 if enc leaves some byte of s undefined, or makes a C0 control of
 * one (a multibyte guess that cannot be the text's). */
static int
leaves_undefined(const char *enc, const unsigned char *s, size_t len)
{
	char	*d = NULL;
	size_t	 dlen, lost = 0, i;
	int	 bad;

	if (from_legacy(&d, &dlen, enc, s, len, &lost, NULL, NULL) == -1)
		return 0;
	bad = lost > 0;
	for (i = 0; !bad && i < dlen; i++)
		bad = (unsigned char)d[i] < 0x20 && d[i] != '\n' &&
		    d[i] != '\t' && d[i] != '\r' && d[i] != '\f';
	free(d);
	return bad;
}

/*
 * Text of ASCII bytes alone that is in a 7-bit encoding: the one
 * --encoding names (other than UTF-8 or auto), else ISO-2022-JP, -KR or
 * -CN when their escape sequences are there (old Japanese mail and web
 * pages).  NULL: read as UTF-8.
 */
static const char *
seven_bit(const unsigned char *s, size_t len, const char *encoding)
{
	static const struct { const char *esc, *enc; } seq[] = {
		{ "\x1b$B", "ISO-2022-JP" }, { "\x1b$@", "ISO-2022-JP" },
		{ "\x1b$(D", "ISO-2022-JP-2" }, { "\x1b$)C", "ISO-2022-KR" },
		{ "\x1b$)A", "ISO-2022-CN" }, { "\x1b$)G", "ISO-2022-CN" },
	};
	const unsigned char	*p;
	size_t			 k, n;

	if ((p = memchr(s, 0x1b, len)) == NULL)
		return NULL;
	if (encoding != NULL && (strcasecmp(encoding, "UTF-8") == 0 ||
	    strcasecmp(encoding, "utf8") == 0))
		return NULL;	/* said so: escapes are terminal colours */
	if (encoding != NULL && *encoding != '\0' &&
	    strcasecmp(encoding, "auto") != 0)
		return encoding;
	for (; p != NULL; p = memchr(p + 1, 0x1b, (size_t)(s + len - p - 1)))
		for (k = 0; k < sizeof(seq) / sizeof(seq[0]); k++) {
			n = strlen(seq[k].esc);
			if ((size_t)(s + len - p) >= n &&
			    memcmp(p, seq[k].esc, n) == 0)
				return seq[k].enc;
		}
	return NULL;
}

int
enc_decode(char **out, size_t *outlen, const char *name, const char *data,
    size_t len, const char *encoding, struct galley_diag *dg)
{
	const unsigned char	*s = (const unsigned char *)data;
	size_t			 i, k, n, bad = (size_t)-1, multi = 0, ctl = 0;
	size_t			 nonascii = 0, lost, len2;
	unsigned		 line, col;
	char			*d, *d2, enc[64], lang[32];
	const char		*e7, *lp;
	int			 cp1252_ok = 1, conf, utf8, be;
	int			 shifts = -1;	/* SO and SI allowed */
	size_t			 bom = 0;

	*out = NULL;
	*outlen = 0;
	if (len >= 4 && ((memcmp(s, "\xff\xfe\0\0", 4) == 0) ||
	    memcmp(s, "\0\0\xfe\xff", 4) == 0)) {
		galley_diag_add(dg, GALLEY_ERROR, name, 1, 1,
		    "UTF-32 input is not supported; save it as UTF-8");
		return -1;
	}
	if (len >= 2 && s[0] == 0xff && s[1] == 0xfe)
		return from_utf16(out, outlen, name, s + 2, len - 2, 2, 0, dg);
	if (len >= 2 && s[0] == 0xfe && s[1] == 0xff)
		return from_utf16(out, outlen, name, s + 2, len - 2, 2, 1, dg);
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		bom = 3;
		s += 3;
		len -= 3;
	}
	for (i = 0; i < len; i += n) {
		/* printable ASCII and line ends: the bulk of any text,
		 * eight bytes at a time while none is below 0x20, 0x7f or
		 * above (a false alarm only sends a word the slow way) */
		while (i + 8 <= len) {
			uint64_t	 w = bytes_load(s + i);

			if (bytes_high(w) | bytes_below(w, 0x20) |
			    bytes_eq(w, 0x7f))
				break;
			i += 8;
		}
		/* then byte by byte, back to words within eight bytes (a
		 * line end stops a word, not the rest of the line) */
		for (k = i; i < len && i - k < 8 && ((s[i] >= 0x20 &&
		    s[i] < 0x7f) || s[i] == '\n'); )
			i++;
		if (i == len)
			break;
		if ((s[i] >= 0x20 && s[i] < 0x7f) || s[i] == '\n') {
			n = 0;
			continue;
		}
		if (s[i] == 0) {
			/* UTF-16 named, or guessed from where the NULs are */
			if (encoding != NULL && (be = utf16_named(encoding, s,
			    len)) != -1)
				return from_utf16(out, outlen, name, s, len, 0,
				    be, dg);
			if ((be = utf16_guess(s, len)) == -1) {
				where(s, i, &line, &col);
				galley_diag_add(dg, GALLEY_ERROR, name, line,
				    col, "NUL byte at byte offset %zu: a "
				    "binary file, not text", i + bom);
				return -1;
			}
			if (from_utf16(out, outlen, name, s, len, 0, be,
			    dg) == -1)
				return -1;
			galley_diag_add(dg, GALLEY_WARNING, name, 1, 1,
			    "no byte order mark, but NUL bytes: read as "
			    "UTF-16%s (--encoding names another)",
			    be ? "BE" : "LE");
			return 0;
		}
		/* not signs of a binary file: tab, line ends, form feed,
		 * ESC (terminal colours), vertical tab (Word's line break) */
		if ((s[i] == 0x0e || s[i] == 0x0f) && shifts == -1)
			shifts = shifts_ok(s, len);	/* once a file */
		if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r' && s[i] != '\f' && s[i] != 0x1b &&
		    s[i] != '\v' && !((s[i] == 0x0e || s[i] == 0x0f) &&
		    shifts))
			ctl++;
		if (s[i] >= 0x80 && s[i] <= 0x9f && cp1252[s[i] - 0x80] == 0)
			cp1252_ok = 0;
		nonascii += s[i] >= 0x80;
		n = utf8_len(s + i, len - i);
		if (n == 0) {
			if (bad == (size_t)-1)
				bad = i;
			n = 1;
		} else if (n > 1)
			multi++;
	}
	if (ctl > 0 && ctl * 100 > len) {
		galley_diag_add(dg, GALLEY_ERROR, name, 1, 1,
		    "%zu control byte%s: a binary file, not text", ctl,
		    ctl == 1 ? "" : "s");
		return -1;
	}
	if (bad == (size_t)-1 && nonascii == 0 && (e7 = seven_bit(s, len,
	    encoding)) != NULL) {
		if (from_legacy(out, outlen, e7, s, len, &lost, name,
		    dg) == -1)
			return -1;
		if (e7 != encoding)
			galley_diag_add(dg, GALLEY_WARNING, name, 1, 1,
			    "read as %s, from its escape sequences "
			    "(--encoding names another)", e7);
		return 0;
	}
	if (bad == (size_t)-1) {
		if ((d = alloc_or_fail(len + 1, name, dg)) == NULL)
			return -1;
		memcpy(d, s, len);
		*outlen = unify_newlines(d, len);
		*out = d;
		return 0;
	}
	/*
	 * Not UTF-8.  The encoding named wins; else one that starts with
	 * a UTF-8 BOM, or where most non-ASCII bytes make valid UTF-8, is
	 * a damaged UTF-8 file, which read as anything else would turn
	 * its good text to garbage.  Else ICU says which encoding it is.
	 */
	if (encoding != NULL && *encoding != '\0' &&
	    strcasecmp(encoding, "auto") != 0) {
		if (from_legacy(out, outlen, encoding, s, len, &lost, name,
		    dg) == -1)
			return -1;
		if (lost > 0)
			galley_diag_add(dg, GALLEY_WARNING, name, 0, 0,
			    "%zu bytes that %s does not define became U+FFFD",
			    lost, encoding);
		return 0;
	}
	where(s, bad, &line, &col);
	/* no letter above ASCII, only Windows-1252's quotes, dashes and
	 * bullets ("  \x95 Istilah ..."): Windows-1252, whatever ICU says
	 * (IBM866 makes each bullet a Cyrillic letter alone) */
	if (bom == 0 && cp1252_ok && cp1252_punct_only(s, len))
		goto western;
	conf = detect(s, len, enc, sizeof(enc), &utf8);
	/* Thai, which ICU does not know, can look to it like damaged
	 * UTF-8 or a CJK encoding of little confidence; but less than
	 * 60% of its bytes above 0x80 make UTF-8 pairs, where damaged
	 * UTF-8 has nearly all in them.  Else the letters say (below) */
	if (bom == 0 && (utf8 || multi * 4 >= nonascii || (multibyte(enc) &&
	    (conf < DETECT_SURE || (conf < DETECT_THAI_BEATS &&
	    leaves_undefined(enc, s, len))))) && multi * 20 < nonascii * 6 &&
	    thai_plausible(s, len)) {
		snprintf(enc, sizeof(enc), "windows-874");
		conf = DETECT_SURE;
		utf8 = 0;
		multi = 0;
	}
	/* damaged UTF-8: a BOM, ICU's first guess, or most non-ASCII
	 * bytes in valid sequences, unless ICU is sure of a CJK encoding
	 * (whose byte pairs often look like UTF-8) */
	if (bom > 0 || utf8 || (multi * 4 >= nonascii &&
	    !(conf >= DETECT_SURE && multibyte(enc)))) {
		galley_diag_add(dg, GALLEY_ERROR, name, line, col,
		    "invalid UTF-8 byte 0x%02x at byte offset %zu in "
		    "otherwise UTF-8 text: a damaged file (or name its "
		    "encoding with --encoding)", s[bad], bad + bom);
		return -1;
	}
	/* mostly English: the words with non-ASCII bytes may say more,
	 * if Windows-1252 would not make Western words of them */
	if ((conf < DETECT_MIN_CONFIDENCE ||
	    strcasecmp(enc, "ISO-8859-1") == 0 ||
	    strcasecmp(enc, "windows-1252") == 0) &&
	    !western_plausible(s, len)) {
		char	 fenc[64];
		int	 fconf = detect_foreign(s, len, fenc, sizeof(fenc));

		if (fconf >= 0) {
			snprintf(enc, sizeof(enc), "%s", fenc);
			conf = fconf;
		}
	}
	/* unsure of a single-byte code page: the one whose letters read
	 * best (short Cyrillic that ICU takes for Arabic, Baltic, Thai) */
	if (conf < DETECT_SURE && !multibyte(enc)) {
		char	 benc[64];
		int	 bconf = enc_by_letters(s, len, enc, benc,
		    sizeof(benc));

		if (bconf >= DETECT_MIN_CONFIDENCE) {
			snprintf(enc, sizeof(enc), "%s", benc);
			conf = bconf;
		}
	}
	/* Western text, or too little to tell: Windows-1252, which is
	 * what ISO-8859-1 files really are */
	if (conf >= DETECT_MIN_CONFIDENCE &&
	    strcasecmp(enc, "ISO-8859-1") != 0 &&
	    strcasecmp(enc, "windows-1252") != 0) {
		refine(enc, sizeof(enc), s, len);
		/* a single-byte guess whose words read worse than a
		 * Western page's ("c˝ur" in ISO-8859-2 is "cœur" in
		 * ISO-8859-15) */
		if (!multibyte(enc) && (lp = western_over(enc, s, len)) !=
		    NULL)
			snprintf(enc, sizeof(enc), "%s", lp);
		if (from_legacy(out, outlen, enc, s, len, &lost, name,
		    dg) == -1)
			return -1;
		if (lost > 0 && sibling(enc) != NULL) {
			char	*d2 = NULL;
			size_t	 len2, lost2;

			/* an ISO-8859 guess that leaves bytes undefined: the
			 * Windows code page of the same script has them */
			if (from_legacy(&d2, &len2, sibling(enc), s, len,
			    &lost2, name, dg) == 0 && lost2 < lost) {
				free(*out);
				*out = d2;
				*outlen = len2;
				lost = lost2;
				snprintf(enc, sizeof(enc), "%s", sibling(enc));
			} else if (d2 != NULL)
				free(d2);
		}
		galley_diag_add(dg, GALLEY_WARNING, name, line, col,
		    "not UTF-8 from here on, read as %s (detected, "
		    "confidence %d%%; --encoding names another)", enc, conf);
		if (lost > 0)
			galley_diag_add(dg, GALLEY_WARNING, name, 0, 0,
			    "%zu bytes that %s does not define became U+FFFD",
			    lost, enc);
		return 0;
	}
	/* bytes Windows-1252 leaves undefined: another Western page whose
	 * letters read as words (Mac Roman's è is 0x8f, ê 0x90) */
	if (!cp1252_ok && !multibyte(enc)) {
		char	 benc[64];

		/* the only other Western page that uses 0x80-0x9f for
		 * letters: anything else the letters prefer (Cyrillic Џ
		 * for Mac's è) would be garbage, where an error is not */
		if (enc_by_letters(s, len, "windows-1252", benc,
		    sizeof(benc)) >= DETECT_MIN_CONFIDENCE &&
		    strcasecmp(benc, "macintosh") == 0) {
			if (from_legacy(out, outlen, benc, s, len, &lost,
			    name, dg) == -1)
				return -1;
			galley_diag_add(dg, GALLEY_WARNING, name, line, col,
			    "not UTF-8 from here on, and not Windows-1252: "
			    "read as %s, whose letters make words "
			    "(--encoding names another)", benc);
			if (lost > 0)
				galley_diag_add(dg, GALLEY_WARNING, name, 0, 0,
				    "%zu bytes that %s does not define became "
				    "U+FFFD", lost, benc);
			return 0;
		}
	}
	if (!cp1252_ok) {
		galley_diag_add(dg, GALLEY_ERROR, name, line, col,
		    "invalid UTF-8 byte 0x%02x at byte offset %zu, and not "
		    "Windows-1252 either: name the encoding with --encoding",
		    s[bad], bad + bom);
		return -1;
	}
	/* Western text that Windows-1252 would leave with symbols inside
	 * words ("fŸr", "main-d'½uvre"): Mac Roman or Latin-9, where one
	 * of them makes its words words */
	if ((lp = western_other(s, len)) != NULL) {
		if (from_legacy(out, outlen, lp, s, len, &lost, name,
		    dg) == -1)
			return -1;
		galley_diag_add(dg, GALLEY_WARNING, name, line, col,
		    "not UTF-8 from here on, read as %s, whose letters make "
		    "words (--encoding names another)", lp);
		return 0;
	}
western:
	if ((d = alloc_or_fail(len * 3 + 1, name, dg)) == NULL)
		return -1;
	for (i = 0, n = 0; i < len; i++) {
		if (s[i] < 0x80)
			d[n++] = (char)s[i];
		else if (s[i] < 0xa0)
			n += put_utf8(d + n, cp1252[s[i] - 0x80]);
		else
			n += put_utf8(d + n, s[i]);
	}
	*outlen = unify_newlines(d, n);
	*out = d;
	/* Baltic, Vietnamese, Turkish: its language names its page */
	if ((lp = enc_by_language(d, *outlen, s, len, lang,
	    sizeof(lang))) != NULL && from_legacy(&d2, &len2, lp, s, len,
	    &lost, name, dg) == 0) {
		if (len2 != *outlen || memcmp(d2, d, len2) != 0) {
			free(d);
			*out = d2;
			*outlen = len2;
			galley_diag_add(dg, GALLEY_WARNING, name, line, col,
			    "not UTF-8 from here on, read as %s, the code "
			    "page of its language (%s; --encoding names "
			    "another)", lp, lang);
			return 0;
		}
		free(d2);
	}
	galley_diag_add(dg, GALLEY_WARNING, name, line, col,
	    "not UTF-8 from here on, read as Windows-1252 (detected; "
	    "--encoding names another)");
	return 0;
}

int
galley_encoding_utf16(const char *data, size_t len)
{
	return utf16_guess((const unsigned char *)data, len) != -1;
}

int
galley_encoding_known(const char *name)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UConverter	*cnv;

	if (name == NULL || *name == '\0')
		return 0;
	if (strcasecmp(name, "auto") == 0)
		return 1;
	cnv = ucnv_open(name, &st);
	if (cnv != NULL)
		ucnv_close(cnv);
	return cnv != NULL && U_SUCCESS(st);
}
