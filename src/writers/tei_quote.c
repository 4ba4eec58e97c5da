/*
 * Quotations inside a sentence as TEI <q>: a span of text between a
 * pair of quotation marks ("...", “...”, „...“, «...», »...«, ‘...’,
 * ‚...‘, ‹...›, ”...”) becomes <q>, the marks staying outside it, so
 * the text is unchanged.  A pair must sit in one text run, open after a
 * space or the start and close before a space, punctuation or the end;
 * an apostrophe inside a word (CPA’s) closes nothing.
 */
#include <stdint.h>
#include <string.h>

#include "model/bytes.h"
#include "writers/tei.h"
#include "model/oom.h"

#define MAX_QUOTE	400	/* bytes: longer spans are left alone */

/* The code point at s and its length in *len (1 for a bad byte). */
static unsigned
utf8(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
		*len = 2;
		return ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
	}
	if ((s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		*len = 3;
		return ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) |
		    (s[2] & 0x3fu);
	}
	*len = 1;
	return 0xfffd;
}

/* The code point ending just before s (start is the run's start). */
static unsigned
before(const unsigned char *start, const unsigned char *s)
{
	const unsigned char	*p = s;
	size_t			 len;

	if (p == start)
		return 0;
	do
		p--;
	while (p > start && (*p & 0xc0) == 0x80);
	return utf8(p, &len);
}

static int
space(unsigned c)
{
	return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == 0xa0 ||
	    c == 0x202f;
}

/* May a quotation open after c? */
static int
opens_after(unsigned c)
{
	return space(c) || c == '(' || c == '[' || c == '{' ||
	    c == 0x2013 || c == 0x2014 || c == '/';
}

/* May a quotation close before c? */
static int
closes_before(unsigned c)
{
	return c == 0 || space(c) || strchr(".,;:!?)]}/-", (int)c) != NULL ||
	    c == 0x2026 || c == 0x2013 || c == 0x2014 ||
	    (c >= 0x2018 && c <= 0x201f) || c == 0xab || c == 0xbb;
}

/* The marks that close a quotation opened by c; NULL if c opens none. */
static const unsigned *
closers(unsigned c)
{
	static const unsigned straight[] = { '"', 0 };
	static const unsigned dq[] = { 0x201d, 0 };
	static const unsigned low[] = { 0x201c, 0x201d, 0 };
	static const unsigned guil[] = { 0xbb, 0 };
	static const unsigned rguil[] = { 0xab, 0 };
	static const unsigned sq[] = { 0x2019, 0 };
	static const unsigned lowsq[] = { 0x2018, 0x2019, 0 };
	static const unsigned sguil[] = { 0x203a, 0 };

	switch (c) {
	case '"':	return straight;
	case 0x201c:	return dq;	/* “...” */
	case 0x201d:	return dq;	/* ”...” (Swedish, Finnish) */
	case 0x201e:	return low;	/* „...“ „...” */
	case 0xab:	return guil;	/* «...» */
	case 0xbb:	return rguil;	/* »...« */
	case 0x2018:	return sq;	/* ‘...’ */
	case 0x201a:	return lowsq;	/* ‚...‘ */
	case 0x2039:	return sguil;	/* ‹...› */
	default:	return NULL;
	}
}

/*
 * Where the quotation opened at open (its mark len long) closes, before
 * end: the closing mark, or NULL.
 */
static const unsigned char *
close_of(const unsigned char *start, const unsigned char *open, size_t len,
    const unsigned *close, const unsigned char *end)
{
	const unsigned char	*p = open + len;
	unsigned		 c, next;
	size_t			 l, nl, k;

	if (end > p + MAX_QUOTE)
		end = p + MAX_QUOTE;
	for (; p < end; p += l) {
		c = utf8(p, &l);
		for (k = 0; close[k] != 0 && close[k] != c; k++)
			continue;
		if (close[k] == 0 || p == open + len ||
		    space(before(start, p)))
			continue;
		next = p + l < end ? utf8(p + l, &nl) : 0;
		if (closes_before(next))
			return p;
	}
	return NULL;
}

static void
text_part(xmlNodePtr parent, const unsigned char *s, size_t len)
{
	xmlChar	*part;

	if (len == 0)
		return;
	if ((part = xmlStrndup(s, (int)len)) == NULL)
		galley_oom();
	tei_text(parent, (const char *)part);
	xmlFree(part);
}

static void
quoted(struct tei_ctx *ctx, xmlNodePtr parent, const unsigned char *start,
    size_t n)
{
	const unsigned char	*s = start, *p, *q, *end = start + n;
	const unsigned		*close;
	xmlNodePtr		 el;
	unsigned		 c;
	size_t			 l, nl;

	for (p = s; p < end; p += l) {
		/* eight bytes at a time where no quotation mark starts */
		while (end - p >= 8) {
			uint64_t	 w = bytes_load(p);

			if (bytes_eq(w, '"') | bytes_eq(w, 0xc2) |
			    bytes_eq(w, 0xe2))
				break;
			p += 8;
		}
		if (p >= end)
			break;
		if (*p != '"' && *p != 0xc2 && *p != 0xe2) {
			l = 1;		/* no quotation mark starts here */
			continue;
		}
		c = utf8(p, &l);
		if ((close = closers(c)) == NULL ||
		    !opens_after(before(start, p)) || p + l >= end ||
		    space(utf8(p + l, &nl)))
			continue;
		if ((q = close_of(start, p, l, close, end)) == NULL)
			continue;
		text_part(parent, s, (size_t)(p + l - s));
		el = tei_el(ctx, parent, "q");
		quoted(ctx, el, p + l, (size_t)(q - (p + l)));
		utf8(q, &l);	/* the closing mark stays in the text */
		text_part(parent, q, l);
		s = p = q + l;
		l = 0;
	}
	text_part(parent, s, (size_t)(end - s));
}

/* s as text under parent, its quotations as <q> (nested ones too). */
void
tei_text_q(struct tei_ctx *ctx, xmlNodePtr parent, const char *s)
{
	if (s != NULL)
		quoted(ctx, parent, (const unsigned char *)s, strlen(s));
}
