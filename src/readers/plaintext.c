/*
 * Reader "text": articles copied out of web pages and note apps as
 * plain text.  Recovers what a careful reader sees: a date line on top,
 * the title, short lines standing alone as headings, bullet and
 * numbered lists, paragraphs (hard wraps joined), bare URLs as links.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "galley/pipeline.h"
#include "model/bytes.h"
#include "model/numeral.h"
#include "readers/byline.h"
#include "readers/datetext.h"
#include "readers/sniff.h"

#define HEADING_MAX_CHARS	100
#define HEADING_MAX_WORDS	10
#define TITLE_MAX_CHARS		200
#define WRAP_MAX_CHARS		80	/* a longer line is not hard-wrapped */
#define LIST_DEPTH_MAX		16
#define SET_MAX_CHARS		40	/* lines of an address, a verse */

enum item_kind {
	ITEM_NONE,
	ITEM_BULLET,
	ITEM_ORDERED
};

struct tline {
	const char	*s;		/* content, trimmed both ends */
	size_t		 len;
	unsigned	 no;		/* 1-based line */
	unsigned	 col;		/* 1-based byte column of s */
	int		 ascii;		/* the line is ASCII: bytes = chars */
	size_t		 memo_off;	/* pos_at(): the last offset asked */
	unsigned	 memo_col;	/* ... and its column in characters */
	size_t		 indent;	/* width; a tab to the next 4 */
	int		 blank;
	int		 used;		/* taken as the date or the title */
	int		 dateline;	/* a date not read, a site's line, a
					   page's noise: a paragraph, never
					   a heading */
	int		 rule;		/* "* * *", "-----": a break */
	enum item_kind	 item;
	int		 glyph;		/* bullet: index into glyphs[];
					   ordered: its digits (ORD_*) */
	int		 number;	/* ordered: its number */
	int		 roman;		/* "i)", "(v)": the letter's value
					   as a Roman numeral, 0 if none */
	int		 tentative;	/* "a.", "ii.": an item only beside
					   the next or the last letter */
	char		 delim;		/* ordered: '.' or ')' */
	size_t		 body;		/* item: offset of its text in s */
};

/* The digits of an ordered item's marker: a list that changes them
 * ("１．" to "①") is another list. */
enum { ORD_ASCII, ORD_LETTER, ORD_CAPITAL, ORD_PAREN, ORD_WIDE,
	ORD_CIRCLED, ORD_PAREN_LETTER, ORD_PAREN_CAPITAL, ORD_ROMAN,
	ORD_ROMAN_CAP, ORD_PAREN_ROMAN, ORD_PAREN_ROMAN_CAP };

#define IS_ROMAN(g)	((g) >= ORD_ROMAN)

struct text_reader {
	struct galley_doc	*doc;
	struct galley_diag	*dg;
	const char		*name;
	struct tline		*lines;
	size_t			 n;
};

/* Bullets; those after the first SUB_GLYPHS mark deeper levels. */
static const char *const glyphs[] = {
	"\xe2\x80\xa2",		/* • */
	"\xe2\x97\x8f",		/* ● */
	"\xe3\x83\xbb",		/* ・ (Japanese) */
	"-", "*",
	"\xe2\x80\x93",		/* – */
	"\xe2\x80\x94",		/* — */
	"\xc2\xb7",		/* · */
	"\xe2\x97\xa6",		/* ◦ */
	"\xe2\x97\x8b",		/* ○ */
	"\xe2\x96\xaa",		/* ▪ */
	"\xe2\x96\xa0",		/* ■ */
	"\xe2\x80\xa3",		/* ‣ */
	"\xe2\x96\xba",		/* ► */
	"\xe2\x96\xb6",		/* ▶ */
	"\xe2\x9e\xa2",		/* ➢ */
	"\xe2\x9e\xa4",		/* ➤ */
	"\xe2\x9c\x93",		/* ✓ */
	"\xe2\x9c\x94",		/* ✔ */
	"\xe2\x97\x86",		/* ◆ */
	"\xe2\x98\x85",		/* ★ */
	"\xe2\x80\xbb",		/* ※ (Japanese) */
	"\xef\x82\xb7",		/* Word's Symbol-font bullet, U+F0B7 */
	"\xef\x82\xa7",		/* Word's Wingdings square, U+F0A7 */
	"\xef\x83\x98",		/* Word's Wingdings arrow, U+F0D8 */
	"\xe2\x80\xa7",		/* ‧ (Big5's bullet, U+2027) */
	NULL
};
#define SUB_GLYPHS	8
/* Glyphs that need no space after them: never punctuation. */
#define GLUED_GLYPH(g)	((g) <= 2 || (g) >= SUB_GLYPHS)

/* Length of a white-space character at s (ASCII or Unicode), or 0. */
static size_t
space_len(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (len == 0)
		return 0;
	if (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' || u[0] == '\f' ||
	    u[0] == '\v')
		return 1;
	if (len >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (len >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
	    ((u[2] >= 0x80 && u[2] <= 0x8b) || u[2] == 0xaf))
		return 3;
	if (len >= 3 && u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0x9f)
		return 3;
	if (len >= 3 && u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return 3;
	return 0;
}

/* Length of the white space ending at s + len, or 0. */
static size_t
space_len_back(const char *s, size_t len)
{
	size_t	 k;

	for (k = 1; k <= 3 && k <= len; k++)
		if (space_len(s + len - k, k) == k)
			return k;
	return 0;
}

/* Whether the n bytes at s are all ASCII: eight at a time. */
static int
all_ascii(const char *s, size_t n)
{
	uint64_t	 acc = 0;
	size_t		 i = 0;

	for (; i + 8 <= n; i += 8)
		acc |= bytes_load(s + i);
	for (; i < n; i++)
		acc |= (unsigned char)s[i];
	return bytes_high(acc) == 0;
}

/* Characters in s: bytes that do not continue a UTF-8 sequence
 * (10xxxxxx), counted eight at a time. */
static size_t
utf8_chars(const char *s, size_t len)
{
	size_t		 i = 0, n = 0;
	uint64_t	 w;

	for (; i + 8 <= len; i += 8) {
		w = bytes_load(s + i);
		n += 8 - (size_t)__builtin_popcountll(w & ~(w << 1) &
		    BYTES_HIGHS);
	}
	for (; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * A separator: one mark three times or more ("---", "* * *", "• • •",
 * "~~~"), spaces between, or an asterism "⁂" alone.
 */
static int
is_rule(const char *s, size_t len)
{
	static const char *const marks[] = { "-", "*", "_", "=", "~",
	    "\xe2\x80\xa2", "\xc2\xb7", "\xe2\x97\x8f", "\xe2\x98\x85",
	    "\xe2\x9c\xb1", "\xe2\x80\x94", NULL };
	size_t	 i = 0, k, n = 0, ml = 0;
	int	 m = -1;

	if (len == 3 && memcmp(s, "\xe2\x81\x82", 3) == 0)
		return 1;
	while (i < len) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		if (m < 0) {
			for (k = 0; marks[k] != NULL; k++)
				if (strncmp(s + i, marks[k],
				    strlen(marks[k])) == 0)
					break;
			if (marks[k] == NULL)
				return 0;
			m = (int)k;
			ml = strlen(marks[k]);
		}
		if (len - i < ml || memcmp(s + i, marks[m], ml) != 0)
			return 0;
		i += ml;
		n++;
	}
	return n >= 3;
}

/*
 * Numbered items as Chinese, Japanese and Korean text writes them:
 * circled numbers ("① "), fullwidth digits with a fullwidth stop or
 * parenthesis ("１．", "２）", "1）", "（3）").  1 if l is one.
 */
static int
cjk_marker(struct tline *l)
{
	const unsigned char	*s = (const unsigned char *)l->s;
	size_t			 len = l->len, k = 0, sp;
	int			 num = 0, digits = 0, open = 0;
	char			 delim = '.';

	if (len >= 3 && s[0] == 0xe2 && s[1] == 0x91 && s[2] >= 0xa0 &&
	    s[2] <= 0xb3) {		/* ① .. ⑳ */
		num = s[2] - 0xa0 + 1;
		k = 3;
		l->glyph = ORD_CIRCLED;
	} else {
		if (len >= 3 && memcmp(s, "\xef\xbc\x88", 3) == 0) {
			open = 1;	/* （ */
			k = 3;
		}
		for (; k < len && digits < 4; digits++) {
			if (s[k] >= '0' && s[k] <= '9') {
				num = num * 10 + (s[k] - '0');
				k++;
			} else if (k + 3 <= len && s[k] == 0xef &&
			    s[k + 1] == 0xbc && s[k + 2] >= 0x90 &&
			    s[k + 2] <= 0x99) {
				num = num * 10 + (s[k + 2] - 0x90);
				k += 3;
			} else
				break;
		}
		if (digits == 0 || k + 3 > len)
			return 0;
		l->glyph = open ? ORD_PAREN : ORD_WIDE;
		if (memcmp(s + k, "\xef\xbc\x89", 3) == 0)	/* ） */
			delim = ')';
		else if (open || memcmp(s + k, "\xef\xbc\x8e", 3) != 0)
			return 0;			/* not ． */
		k += 3;
	}
	while (k < len && (sp = space_len(l->s + k, len - k)) > 0)
		k += sp;
	if (k >= len)
		return 0;
	l->item = ITEM_ORDERED;
	l->number = num;
	l->delim = delim;
	l->body = k;
	return 1;
}

/* The length of the ASCII letters of one case s opens with (at most 9). */
static size_t
letters_len(const char *s, size_t len)
{
	size_t	 n = 0;
	int	 lower = s[0] >= 'a';

	while (n < len && n < 9 && (lower ? (s[n] >= 'a' && s[n] <= 'z') :
	    (s[n] >= 'A' && s[n] <= 'Z')))
		n++;
	return n;
}

/* The glyph of a Roman numeral's marker. */
static int
roman_glyph(int lower, int paren)
{
	return lower ? (paren ? ORD_PAREN_ROMAN : ORD_ROMAN) :
	    (paren ? ORD_PAREN_ROMAN_CAP : ORD_ROMAN_CAP);
}

/*
 * A web page's own words that a copy of an article brings along ("Share
 * this", "Advertisement", "Anzeige"): text, but no heading.  Lower
 * case; a line matches one whole, its case aside.
 */
static const char *const page_noise[] = {
	"advertisement", "share", "share this",
	"share this article", "share this story", "read more", "related",
	"related articles", "related stories", "continue reading",
	"skip to content", "subscribe", "sign up", "anzeige", "werbung",
	"teilen", "artikel teilen", "publicit\xc3\xa9", "partager",
	"publicidad", "compartir", "pubblicit\xc3\xa0", "condividi",
	"advertentie", "delen", "annons", "dela", "annonse", "del",
	"reklame", "mainos", "jaa", "reklama", "udost\xc4\x99pnij",
	"l\xc3\xa4s mer", "les mer", "lue lis\xc3\xa4\xc3\xa4",
	"lesen sie auch", "lire aussi", "leia tamb\xc3\xa9m", "lee tambi\xc3\xa9n",
	"leggi anche", "lees ook", "baca juga", NULL
};

static int
is_noise(const char *s, size_t len)
{
	size_t	 k;

	for (k = 0; page_noise[k] != NULL; k++)
		if (strlen(page_noise[k]) == len &&
		    strncasecmp(s, page_noise[k], len) == 0)
			return 1;
	return 0;
}

/* Set the list marker fields of l, if its content opens with one. */
static void
find_marker(struct tline *l)
{
	const char	*s = l->s;
	size_t		 len = l->len, k, g, sp;
	int		 num = 0;

	for (g = 0; glyphs[g] != NULL; g++) {
		k = strlen(glyphs[g]);
		if (len <= k || memcmp(s, glyphs[g], k) != 0)
			continue;
		sp = space_len(s + k, len - k);
		if (sp == 0 && !GLUED_GLYPH(g))
			return;
		while (k < len && (sp = space_len(s + k, len - k)) > 0)
			k += sp;
		if (k >= len)
			return;
		l->item = ITEM_BULLET;
		l->glyph = (int)g;
		l->body = k;
		return;
	}
	if (cjk_marker(l))
		return;
	k = 0;
	l->glyph = ORD_ASCII;
	if (len > 0 && s[0] == '(') {
		k = 1;
		l->glyph = ORD_PAREN;
	}
	if (k < len && s[k] >= '0' && s[k] <= '9') {
		size_t	 d0 = k;

		while (k < len && s[k] >= '0' && s[k] <= '9' && k - d0 < 4)
			num = num * 10 + (s[k++] - '0');
		if (k - d0 > 3)
			return;
	} else if (k < len && ((s[k] >= 'a' && s[k] <= 'z') ||
	    (s[k] >= 'A' && s[k] <= 'Z'))) {
		size_t	 n = letters_len(s + k, len - k);
		int	 paren = k > 0, roman = numeral_roman_value(s + k, n);

		/* "(a)" numbers otherwise than "a)", as "(1)" and "1)" */
		if (n > 1 && roman == 0)
			return;		/* "ab)", "(see)" */
		if (n == 1) {
			num = (s[k] | 0x20) - 'a' + 1;
			l->roman = roman;	/* "i)": add_list decides */
			l->glyph = s[k] >= 'a' ? (paren ? ORD_PAREN_LETTER :
			    ORD_LETTER) : (paren ? ORD_PAREN_CAPITAL :
			    ORD_CAPITAL);
		} else {
			num = l->roman = roman;
			l->glyph = roman_glyph(s[k] >= 'a', paren);
		}
		k += n;
		/* "a." and "ii." may be initials ("A. Smith"): items only
		 * in a run of them (settle_markers) */
		if (k < len && s[k] == '.' && !paren)
			l->tentative = 1;
		else if (k >= len || s[k] != ')')
			return;
	} else
		return;
	if (k >= len || (s[k] != '.' && s[k] != ')') ||
	    (s[0] == '(' && s[k] != ')'))
		return;
	l->delim = s[k++];
	if ((sp = space_len(s + k, len - k)) == 0)
		return;
	while (k < len && (sp = space_len(s + k, len - k)) > 0)
		k += sp;
	if (k >= len)
		return;
	/* "24. Juni war ...": a date opening a sentence, not an item */
	if (l->delim == '.' && num <= 31) {
		size_t	 w = k;

		while (w < len && s[w] != ' ' && s[w] != '.' && s[w] != ',')
			w++;
		if (datetext_month(s + k, w - k) != 0)
			return;
	}
	l->item = ITEM_ORDERED;
	l->number = num;
	l->body = k;
}

/* Where the line from i ends: at a line feed, or at U+2028 LINE
 * SEPARATOR or U+2029 PARAGRAPH SEPARATOR (some editors' and web
 * exports' line ends); *sep is the length of what ends it, *para 1 for
 * U+2029.  *nl caches where the next line feed is (len: none), so that
 * a file of U+2028 alone is read in one pass. */
static size_t
line_end(const char *data, size_t i, size_t len, size_t *sep, int *para,
    size_t *nl)
{
	const char	*p = data + i, *end, *f;

	if (*nl < i || *nl == (size_t)-1) {
		f = memchr(data + i, '\n', len - i);
		*nl = f != NULL ? (size_t)(f - data) : len;
	}
	end = data + *nl;
	*para = 0;
	while ((p = memchr(p, 0xe2, (size_t)(end - p))) != NULL &&
	    end - p >= 3) {
		if (p[1] == '\x80' && (p[2] == '\xa8' || p[2] == '\xa9')) {
			*sep = 3;
			*para = p[2] == '\xa9';
			return (size_t)(p - data);
		}
		p++;
	}
	*sep = 1;
	return *nl;
}

/* Cut the text into lines, trimmed, with indentation and markers;
 * r->lines is malloc'd.  -1 if out of memory. */
static int
split_lines(struct text_reader *r, const char *data, size_t len)
{
	size_t		 i = 0, e, cap = 0, sp, sep, nl = (size_t)-1;
	size_t		 base = 0;	/* characters of the file's line
					   before this one (U+2028) */
	unsigned	 no = 1;	/* the file's line */
	struct tline	*l;
	int		 para, blank_next = 0;

	while (i < len || blank_next) {
		if (blank_next)		/* after U+2029: an empty line */
			e = i, sep = 0, para = 0;
		else
			e = line_end(data, i, len, &sep, &para, &nl);
		if (r->n == cap) {
			cap = cap ? cap * 2 : 64;
			l = realloc(r->lines, cap * sizeof(*l));
			if (l == NULL) {
				galley_diag_add(r->dg, GALLEY_ERROR, r->name,
				    0, 0, "out of memory");
				return -1;
			}
			r->lines = l;
		}
		l = &r->lines[r->n];
		memset(l, 0, sizeof(*l));
		l->no = no;
		l->s = data + i;
		l->len = e - i;
		while (l->len > 0 && (sp = space_len(l->s, l->len)) > 0) {
			l->indent += l->s[0] == '\t' ? 4 - l->indent % 4 : 1;
			l->s += sp;
			l->len -= sp;
		}
		while (l->len > 0 && (sp = space_len_back(l->s, l->len)) > 0)
			l->len -= sp;
		l->col = (unsigned)(l->s - (data + i)) + 1 + (unsigned)base;
		l->ascii = all_ascii(data + i, e - i);
		l->blank = l->len == 0;
		l->dateline = !l->blank && is_noise(l->s, l->len);
		if (!l->blank) {
			l->rule = is_rule(l->s, l->len);
			if (!l->rule)
				find_marker(l);
		}
		r->n++;
		if (blank_next) {
			blank_next = 0;
			continue;
		}
		if (sep == 1) {
			no++;
			base = 0;
		} else
			base += utf8_chars(data + i, e + sep - i);
		blank_next = para;
		i = e + sep;
	}
	return 0;
}

/*
 * The position of offset off of l->s, its column in characters: counted
 * on from the offset asked last (they mostly come in order), so a long
 * line costs linear time, not quadratic.
 */
static struct galley_pos
pos_at(const struct tline *cl, size_t off)
{
	struct tline		*l = (struct tline *)(uintptr_t)cl;
	struct galley_pos	 p;
	const unsigned char	*c, *end;

	p.line = l->no;
	if (l->ascii) {
		p.col = l->col + (unsigned)off;
		return p;
	}
	if (l->memo_col == 0 || off < l->memo_off) {
		/* from the line start: the column of s itself */
		l->memo_off = 0;
		l->memo_col = 1;
		end = (const unsigned char *)l->s;
		for (c = end - (l->col - 1); c < end; c++)
			if ((*c & 0xc0) != 0x80)
				l->memo_col++;
	}
	c = (const unsigned char *)l->s + l->memo_off;
	for (end = (const unsigned char *)l->s + off; c < end; c++)
		if ((*c & 0xc0) != 0x80)
			l->memo_col++;
	l->memo_off = off;
	p.col = l->memo_col;
	return p;
}

/*
 * Inline content of one paragraph, built line by line: white space
 * folded, lines joined by a space, bare URLs turned into links.
 */
struct inlines {
	struct text_reader	*r;
	struct galley_node	*parent;
	struct galley_buf	 text;
	struct galley_pos	 text_pos;
	int			 lines;
};

static void
inlines_flush(struct inlines *in)
{
	struct galley_node	*t;

	if (in->text.len == 0)
		return;
	t = galley_node_new(in->r->doc, GALLEY_NODE_TEXT, in->text_pos);
	t->literal = galley_doc_strndup(in->r->doc, in->text.data,
	    in->text.len);
	galley_node_append(in->parent, t);
	in->text.len = 0;
}

/* n bytes of text from line l at offset off (its position if it starts
 * a text node: counted only then, not for every word) */
static void
inlines_put(struct inlines *in, const char *s, size_t n,
    const struct tline *l, size_t off)
{
	if (in->text.len == 0)
		in->text_pos = pos_at(l, off);
	galley_buf_put(&in->text, s, n);
}

static int
url_stop(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (space_len(s, len) > 0 || strchr("<>\"", s[0]) != NULL)
		return 1;
	/* “ ” ‘ ’ « » */
	if (len >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x98 &&
	    u[2] <= 0x9f)
		return 1;
	if (len >= 2 && u[0] == 0xc2 && (u[1] == 0xab || u[1] == 0xbb))
		return 1;
	return 0;
}

/* Length of a bare URL at s (http://, https://, www.), or 0. */
static size_t
url_len(const char *s, size_t len, int *www)
{
	size_t	 k, e, open = 0, close = 0;

	*www = 0;
	if (s[0] != 'h' && s[0] != 'w')		/* most words */
		return 0;
	if (len > 8 && strncmp(s, "https://", 8) == 0)
		k = 8;
	else if (len > 7 && strncmp(s, "http://", 7) == 0)
		k = 7;
	else if (len > 4 && strncmp(s, "www.", 4) == 0) {
		k = 4;
		*www = 1;
	} else
		return 0;
	for (e = k; e < len && !url_stop(s + e, len - e); e++)
		if (s[e] == '(')
			open++;
		else if (s[e] == ')')
			close++;
	while (e > k) {
		if (strchr("?!.,:;*_~'", s[e - 1]) != NULL)
			e--;
		else if (s[e - 1] == ')' && close > open) {
			close--;
			e--;
		} else
			break;
	}
	if (e == k || (*www && memchr(s + k, '.', e - k) == NULL))
		return 0;
	return e;
}

/*
 * A word broken at the end of a line, "Zeilen-" then "ende", "E-" then
 * "Mail", "1990-" then "1995": joined with its hyphen kept and no space.
 * A hyphen between words ("Back -"), a dash, and a hyphen that stands
 * for a word's end before "und", "and"... ("Ein- und Ausgang") stay
 * apart.
 */
static int
hyphen_join(const struct galley_buf *b, const char *next, size_t len)
{
	static const char *const conj[] = { "und", "oder", "and", "or",
	    "en", "of", "et", "ou", "og", "eller", "och", "ja", "tai", "i",
	    "lub", "y", "o", "e", NULL };
	unsigned char	 c;
	size_t		 k, n;

	if (b->len < 2 || b->data[b->len - 1] != '-' || len == 0)
		return 0;
	c = (unsigned char)b->data[b->len - 2];
	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80))
		return 0;
	for (k = 0; conj[k] != NULL; k++) {
		n = strlen(conj[k]);
		if (len >= n && strncmp(next, conj[k], n) == 0 &&
		    (len == n || next[n] == ' ' || next[n] == ','))
			return 0;
	}
	c = (unsigned char)next[0];
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0xc3;
}

/* Append a line's text (from offset off) to the paragraph. */
static void
inlines_line(struct inlines *in, const struct tline *l, size_t off)
{
	struct galley_node	*link, *t;
	const char		*s = l->s;
	size_t			 i = off, j, sp, u;
	int			 www;

	if (in->lines++ > 0 && !galley_cjk_join(in->text.data, in->text.len,
	    s + off, l->len - off) && !(in->text.len > 0 &&
	    hyphen_join(&in->text, s + off, l->len - off)))
		inlines_put(in, " ", 1, l, off);
	while (i < l->len) {
		if ((sp = space_len(s + i, l->len - i)) > 0) {
			size_t	 run = 0, j = i;

			while (j < l->len &&
			    (sp = space_len(s + j, l->len - j)) > 0) {
				j += sp;
				run++;
			}
			/* a lone no-break or thin space is kept; runs fold */
			if (run == 1 && j - i > 1)
				inlines_put(in, s + i, j - i, l, i);
			else
				inlines_put(in, " ", 1, l, i);
			i = j;
			continue;
		}
		if ((i == off || !((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
		    (s[i - 1] >= 'A' && s[i - 1] <= 'Z') ||
		    (s[i - 1] >= '0' && s[i - 1] <= '9'))) &&
		    (u = url_len(s + i, l->len - i, &www)) > 0) {
			inlines_flush(in);
			link = galley_node_new(in->r->doc, GALLEY_NODE_LINK,
			    pos_at(l, i));
			link->u.link.url = www ?
			    galley_doc_printf(in->r->doc, "http://%.*s",
			    (int)u, s + i) :
			    galley_doc_strndup(in->r->doc, s + i, u);
			link->u.link.title = "";
			link->u.link.kind = GALLEY_LINK_EXTERNAL;
			t = galley_node_new(in->r->doc, GALLEY_NODE_TEXT,
			    pos_at(l, i));
			t->literal = galley_doc_strndup(in->r->doc, s + i, u);
			galley_node_append(link, t);
			galley_node_append(in->parent, link);
			i += u;
			continue;
		}
		/* a run of bytes that start neither a space nor a URL */
		for (j = i + 1; j < l->len; j++) {
			unsigned char	 c = (unsigned char)s[j];

			if (c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
			    c == '\v' || c == 0xc2 || c == 0xe2 || c == 0xe3 ||
			    c == 0xef)
				break;
			if ((c == 'h' || c == 'w') && !((s[j - 1] >= 'a' &&
			    s[j - 1] <= 'z') || (s[j - 1] >= 'A' &&
			    s[j - 1] <= 'Z') || (s[j - 1] >= '0' &&
			    s[j - 1] <= '9')))
				break;
		}
		inlines_put(in, s + i, j - i, l, i);
		i = j;
	}
}

static void
inlines_begin(struct inlines *in, struct text_reader *r,
    struct galley_node *parent)
{
	in->r = r;
	in->parent = parent;
	galley_buf_init(&in->text);
	in->lines = 0;
}

static void
inlines_end(struct inlines *in)
{
	inlines_flush(in);
	galley_buf_release(&in->text);
}

/* The last character of the line, past closing quotes and brackets. */
static const char *
last_char(const char *s, size_t len)
{
	static const char *const closers[] = { "\"", "'", ")", "]",
	    "\xe2\x80\x9d", "\xe2\x80\x99", "\xc2\xbb", NULL };
	size_t	 k, c;
	int	 again = 1;

	while (again && len > 0) {
		again = 0;
		for (k = 0; closers[k] != NULL; k++) {
			c = strlen(closers[k]);
			if (len > c &&
			    memcmp(s + len - c, closers[k], c) == 0) {
				len -= c;
				again = 1;
				break;
			}
		}
	}
	while (len > 0 && ((unsigned char)s[len - 1] & 0xc0) == 0x80)
		len--;
	return len > 0 ? s + len - 1 : s;
}

/* 1 if the line has Greek letters (U+0370..U+03FF, U+1F00..U+1FFF). */
static int
greek(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i + 1 < len; i++)
		if ((p[i] == 0xcd && p[i + 1] >= 0xb0 && p[i + 1] <= 0xbf) ||
		    ((p[i] == 0xce || p[i] == 0xcf) &&
		    (p[i + 1] & 0xc0) == 0x80) ||
		    (p[i] == 0xe1 && i + 2 < len && p[i + 1] >= 0xbc &&
		    p[i + 1] <= 0xbf))
			return 1;
	return 0;
}

/* Ends a sentence or a clause: never a heading, and a paragraph end. */
static int
ends_sentence(const char *s, size_t len, int colon_too)
{
	/* the full stops and semicolons of other scripts: … 。 ！ ；
	 * (CJK), । ॥ (Devanagari, Bengali...), ۔ ؛ (Urdu, Arabic), ։
	 * (Armenian), ። (Ethiopic), ။ (Myanmar); not their commas, at
	 * which text wrapped by hand often breaks */
	static const char *const stops[] = { "\xe2\x80\xa6",
	    "\xe3\x80\x82", "\xef\xbc\x81", "\xef\xbc\x9b",
	    "\xe0\xa5\xa4", "\xe0\xa5\xa5", "\xdb\x94", "\xd8\x9b",
	    "\xd6\x89", "\xe1\x8d\xa2", "\xe1\x81\x8b", NULL };
	const char	*c = last_char(s, len);
	size_t		 k;

	if (len == 0)
		return 0;
	/* Greek asks with ";" (typed for U+037E): a question, which can
	 * be a heading */
	if (*c == ';' && greek(s, len))
		return 0;
	if (strchr(".!;,", *c) != NULL || (colon_too && *c == ':'))
		return 1;
	for (k = 0; stops[k] != NULL; k++)
		if (strncmp(c, stops[k], strlen(stops[k])) == 0)
			return 1;
	/* ： fullwidth colon, as ':' */
	return colon_too && strncmp(c, "\xef\xbc\x9a", 3) == 0;
}

/* The first character of s (len bytes), or -1. */
static UChar32
first_char(const char *s, size_t len)
{
	int32_t	 i = 0;
	UChar32	 c;

	if (len == 0)
		return -1;
	U8_NEXT((const uint8_t *)s, i, (int32_t)(len > 8 ? 8 : len), c);
	return c;
}

/* 1 if s opens with a lower-case letter, in any script that has case
 * ("a", "é", "б", "ł", "α"). */
static int
starts_lower(const char *s, size_t len)
{
	UChar32	 c = first_char(s, len);

	return c >= 0 && u_islower(c);
}

/* 1 if s opens with a capital, in any script that has case. */
static int
starts_upper(const char *s, size_t len)
{
	UChar32	 c = first_char(s, len);

	return c >= 0 && (u_isupper(c) || u_istitle(c));
}

/* A line that could be a heading if body text follows it. */
static int
heading_like(const struct tline *l)
{
	size_t	 i, words = 0;
	int	 letter = 0, in_word = 0;
	unsigned char c;

	if (l->blank || l->rule || l->item != ITEM_NONE || l->used)
		return 0;
	if (utf8_chars(l->s, l->len) > HEADING_MAX_CHARS)
		return 0;
	if (ends_sentence(l->s, l->len, 1))
		return 0;
	/* "and so on" is no heading; "iPhone tips" may be */
	if (starts_lower(l->s, l->len) && !(l->len > 1 && l->s[1] >= 'A' &&
	    l->s[1] <= 'Z'))
		return 0;
	if (strncmp(l->s, "http://", 7) == 0 ||
	    strncmp(l->s, "https://", 8) == 0 || strncmp(l->s, "www.", 4) == 0)
		return 0;
	for (i = 0; i < l->len; i++) {
		c = (unsigned char)l->s[i];
		if (c == ' ' || c == '\t') {
			in_word = 0;
			continue;
		}
		if (!in_word)
			words++;
		in_word = 1;
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			letter = 1;
		else if (c >= 0xc3)
			letter = 1;
	}
	return letter && words <= HEADING_MAX_WORDS;
}

static int
skip_blank(const struct text_reader *r, size_t i)
{
	while (i < r->n && (r->lines[i].blank || r->lines[i].used))
		i++;
	return (int)i;
}

/* End of the text block at i: the next blank, used or item line. */
static size_t
block_end(const struct text_reader *r, size_t i)
{
	while (i < r->n && !r->lines[i].blank && !r->lines[i].used &&
	    !r->lines[i].rule && r->lines[i].item == ITEM_NONE)
		i++;
	return i;
}

/*
 * A one-line block at i is a heading if it stands alone (blank line or
 * the top above it), looks like one, and body text or a list follows.
 */
static int
is_heading(const struct text_reader *r, size_t i)
{
	size_t	 end = block_end(r, i), next;

	if (end != i + 1 || !heading_like(&r->lines[i]) ||
	    r->lines[i].dateline)
		return 0;
	if (i > 0 && !r->lines[i - 1].blank && !r->lines[i - 1].used)
		return 0;
	next = (size_t)skip_blank(r, end);
	if (next >= r->n || r->lines[next].rule)
		return 0;
	if (r->lines[next].item != ITEM_NONE)
		return 1;
	if (end < r->n && !r->lines[end].blank && !r->lines[end].used)
		return 0;
	/* one line of text under it that could be a heading too: a
	 * paragraph all the same if it is far the longer (Thai and Lao
	 * end no sentence with a stop) */
	return !(block_end(r, next) == next + 1 &&
	    heading_like(&r->lines[next]) && !(utf8_chars(r->lines[next].s,
	    r->lines[next].len) >= 30 && utf8_chars(r->lines[next].s,
	    r->lines[next].len) >= 2 * utf8_chars(r->lines[i].s,
	    r->lines[i].len)));
}

static struct galley_node *
append_new(struct text_reader *r, struct galley_node *parent,
    enum galley_node_type type, struct galley_pos pos)
{
	struct galley_node	*n = galley_node_new(r->doc, type, pos);

	galley_node_append(parent, n);
	return n;
}

/* 1 if s opens with a Chinese enumeration: "一、", "十二、", "（三）". */
static int
cjk_enum(const char *s, size_t len)
{
	static const char digits[] = "一二三四五六七八九十";
	size_t	 k = 0, n = 0, d;
	int	 open = 0;

	if (len >= 3 && memcmp(s, "（", 3) == 0) {
		open = 1;
		k = 3;
	}
	for (; k + 3 <= len && n < 4; k += 3, n++) {
		for (d = 0; d < sizeof(digits) - 1; d += 3)
			if (memcmp(s + k, digits + d, 3) == 0)
				break;
		if (d >= sizeof(digits) - 1)
			break;
	}
	return n > 0 && k + 3 <= len && memcmp(s + k, open ? "）" : "、",
	    3) == 0;
}

/* Opens like a sentence: a capital (in any script with case), a digit,
 * a quote, a Chinese enumeration. */
static int
starts_sentence(const struct tline *l)
{
	const unsigned char	*u = (const unsigned char *)l->s;

	if (l->len == 0)
		return 0;
	if ((u[0] >= '0' && u[0] <= '9') || u[0] == '"' || u[0] == '\'' ||
	    starts_upper(l->s, l->len) || cjk_enum(l->s, l->len))
		return 1;
	/* “ ‘ „ « */
	return (l->len >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] == 0x9c || u[2] == 0x98 || u[2] == 0x9e)) ||
	    (l->len >= 2 && u[0] == 0xc2 && u[1] == 0xab);
}

/* 1 if the line opens with a salutation: "Dear Anna", "Hi everyone",
 * "Liebe Anna", "Hej allihop", "Chers amis". */
static int
salutation(const char *s, size_t len)
{
	static const char *const words[] = { "dear ", "hi ", "hello ",
	    "hey ", "liebe ", "lieber ", "hallo ", "hej ", "hei ", "cher ",
	    "chers ", "ch\xc3\xa8re ", "bonjour ", "querido ", "querida ",
	    "hola ", "caro ", "cara ", "ciao ", "beste ", "k\xc3\xa6re ",
	    "kj\xc3\xa6re ", "drogi ", "droga ", NULL };
	size_t	 i, n;

	for (i = 0; words[i] != NULL; i++) {
		n = strlen(words[i]);
		if (len > n && strncasecmp(s, words[i], n) == 0)
			return 1;
	}
	return 0;
}

/* 1 if the line's last word is one no line ends a heading or a line
 * of its own with ("The book was written by", "in der"): the line
 * goes on into the next. */
static int
ends_function_word(const char *s, size_t len)
{
	static const char *const words[] = { "a", "an", "the", "of", "to",
	    "in", "on", "at", "by", "for", "with", "and", "or", "from",
	    "der", "die", "das", "den", "dem", "des", "ein", "eine", "und",
	    "von", "zu", "mit", "im", "le", "la", "les", "de", "du", "des",
	    "et", "un", "une", "el", "los", "las", "y", "il", "lo", "di",
	    "che", "het", "een", "van", "en", "och", "att", "av", "og",
	    "i", "na", "w", "z", "do", NULL };
	size_t	 i, k = len;

	while (k > 0 && s[k - 1] != ' ')
		k--;
	for (i = 0; words[i] != NULL; i++)
		if (strlen(words[i]) == len - k &&
		    strncmp(s + k, words[i], len - k) == 0)
			return 1;
	return 0;
}

/*
 * A heading with its paragraph right under it, no blank line between
 * (a web page copied): a short line that no hand-wrapped paragraph
 * would end so soon, over a long line that opens a sentence.
 */
static int
is_glued_heading(const struct text_reader *r, size_t i)
{
	const struct tline	*l = &r->lines[i], *next;
	size_t			 n, nn;

	/* above it a blank line, or a paragraph's last line, ending its
	 * sentence ("... such as sales." / "Middle Office" / "The middle
	 * office manages ...": terms and their definitions); not a
	 * question there (prose a sentence a line), not a salutation
	 * ("Dear Anna"), not a line cut after "by" or "der" */
	if (i + 1 >= r->n || !heading_like(l) || l->dateline ||
	    salutation(l->s, l->len) || ends_function_word(l->s, l->len) ||
	    (i > 0 && !r->lines[i - 1].blank && !r->lines[i - 1].used &&
	    (!(r->lines[i - 1].item == ITEM_NONE &&
	    ends_sentence(r->lines[i - 1].s, r->lines[i - 1].len, 0)) ||
	    l->s[l->len - 1] == '?')))
		return 0;
	next = &r->lines[i + 1];
	if (next->blank || next->used || next->rule ||
	    next->item != ITEM_NONE || !starts_sentence(next))
		return 0;
	n = utf8_chars(l->s, l->len);
	nn = utf8_chars(next->s, next->len);
	return nn >= 50 && n * 5 <= nn * 2 && l->s[l->len - 1] != ',' &&
	    l->s[l->len - 1] != '-';
}

/*
 * Two or more short lines, each after the first opening with a capital
 * or a digit: an address, a verse, a table of contents; not prose
 * wrapped by hand.  Their lines are kept apart.
 */
static int
line_set(const struct text_reader *r, size_t i, size_t end)
{
	size_t	 k;
	char	 c;

	if (end - i < 2)
		return 0;
	for (k = i; k < end; k++) {
		if (utf8_chars(r->lines[k].s, r->lines[k].len) > SET_MAX_CHARS)
			return 0;
		if (k > i && !starts_sentence(&r->lines[k]))
			return 0;
	}
	/* two lines: neither a sentence going on at a comma or a hyphen
	 * ("Front office" / "Middle office", "Jane Doe" / "London"), nor
	 * one sentence in two ("... held in" / "Berlin on Monday.") */
	c = r->lines[i].s[r->lines[i].len - 1];
	return end - i > 2 || (c != ',' && c != '-' && c != ';' &&
	    !ends_sentence(r->lines[i].s, r->lines[i].len, 0) &&
	    !ends_function_word(r->lines[i].s, r->lines[i].len) &&
	    !ends_sentence(r->lines[i + 1].s, r->lines[i + 1].len, 0));
}

/*
 * Wrapped by hand: every line but the last nearly as long as the
 * longest.  Otherwise each line was written as it stands (a note app's
 * export), and a sentence that ends a line ends its paragraph.
 */
static int
hand_wrapped(const struct text_reader *r, size_t i, size_t end)
{
	size_t	 k, n, longest = 0;

	for (k = i; k < end; k++) {
		n = utf8_chars(r->lines[k].s, r->lines[k].len);
		if (n > longest)
			longest = n;
	}
	for (k = i; k + 1 < end; k++)
		if (utf8_chars(r->lines[k].s, r->lines[k].len) * 10 <
		    longest * 6)
			return 0;
	return longest <= WRAP_MAX_CHARS;
}

/*
 * Paragraphs of the text block [i, end).  Between two lines: a new
 * paragraph where a sentence ends a line that was not wrapped by hand,
 * a line break in a set of short lines, else one space.
 */
static void
add_paragraphs(struct text_reader *r, struct galley_node *root, size_t i,
    size_t end)
{
	struct galley_node	*p = NULL;
	struct inlines		 in;
	const struct tline	*l;
	int			 set = line_set(r, i, end);
	int			 wrapped = hand_wrapped(r, i, end);

	for (; i < end; i++) {
		l = &r->lines[i];
		if (p == NULL) {
			p = append_new(r, root, GALLEY_NODE_PARAGRAPH,
			    pos_at(l, 0));
			inlines_begin(&in, r, p);
		} else if (set) {
			inlines_flush(&in);
			append_new(r, p, GALLEY_NODE_LINEBREAK,
			    pos_at(&r->lines[i - 1], r->lines[i - 1].len));
			in.lines = 0;
		}
		inlines_line(&in, l, 0);
		if (i + 1 < end && ends_sentence(l->s, l->len, 1) &&
		    (utf8_chars(l->s, l->len) > WRAP_MAX_CHARS ||
		    (!wrapped && starts_sentence(&r->lines[i + 1])))) {
			inlines_end(&in);
			p = NULL;
		}
	}
	if (p != NULL)
		inlines_end(&in);
}

struct level {
	struct galley_node	*list;
	struct galley_node	*item;	/* its last item */
	size_t			 indent;
	size_t			 body_col;	/* where its last item's text
						   starts; deeper goes in it */
	enum item_kind		 kind;
	int			 glyph;
	char			 delim;	/* ordered */
	int			 number;	/* ordered: its last item's */
};

/* 1 if the ordered item l, after a blank line, numbers anew ("1."
 * after "3."): another list.  "1." after "1." goes on (Markdown's
 * habit of numbering every item 1). */
static int
restarts(const struct level *lv, const struct tline *l)
{
	return l->item == ITEM_ORDERED && lv->kind == ITEM_ORDERED &&
	    l->number < lv->number;
}

static int
same_kind(const struct level *lv, const struct tline *l)
{
	if (lv->kind != l->item)
		return 0;
	if (l->item == ITEM_ORDERED)
		return lv->glyph == l->glyph && lv->delim == l->delim;
	/* a deeper-level glyph under a top-level one starts a sub-list */
	return !(lv->glyph < SUB_GLYPHS && l->glyph >= SUB_GLYPHS);
}

/* A long line cut in a sentence ("... than the committee and"): the
 * next line goes on with it, a capital or not. */
static int
goes_on(const struct tline *l)
{
	UChar32	 c;
	int32_t	 k = (int32_t)l->len;

	if (utf8_chars(l->s, l->len) < 60 || ends_sentence(l->s, l->len, 1))
		return 0;
	U8_PREV((const uint8_t *)l->s, 0, k, c);
	return u_isalnum(c);
}

static struct galley_node *
new_list(struct text_reader *r, const struct tline *l)
{
	struct galley_node	*list;

	list = galley_node_new(r->doc, GALLEY_NODE_LIST, pos_at(l, 0));
	list->u.list.ordered = l->item == ITEM_ORDERED;
	list->u.list.start = l->item == ITEM_ORDERED ? l->number : 0;
	list->u.list.delim = l->item == ITEM_ORDERED ? l->delim : 0;
	if (l->item == ITEM_ORDERED && (l->glyph == ORD_LETTER ||
	    l->glyph == ORD_PAREN_LETTER))
		list->u.list.numbering = 'a';
	else if (l->item == ITEM_ORDERED && (l->glyph == ORD_CAPITAL ||
	    l->glyph == ORD_PAREN_CAPITAL))
		list->u.list.numbering = 'A';
	else if (l->item == ITEM_ORDERED && (l->glyph == ORD_ROMAN ||
	    l->glyph == ORD_PAREN_ROMAN))
		list->u.list.numbering = 'i';
	else if (l->item == ITEM_ORDERED && (l->glyph == ORD_ROMAN_CAP ||
	    l->glyph == ORD_PAREN_ROMAN_CAP))
		list->u.list.numbering = 'I';
	list->u.list.tight = 1;
	return list;
}

/*
 * "i)", "v)", "(x)": a letter, or a Roman numeral?  At the indentation
 * of a list of Roman numerals, a numeral; of letters, the letter that
 * comes next ("i)" after "h)"), else a numeral ("(i)" after "(b)"); to
 * start a list, "i)" alone is one.  Sets line i's marker to the numeral.
 */
static void
settle_roman(struct text_reader *r, size_t i, const struct level *st,
    int top)
{
	struct tline	*l = &r->lines[i];
	int		 lower, paren, k, roman;

	if (l->item != ITEM_ORDERED || l->roman == 0 || IS_ROMAN(l->glyph))
		return;
	lower = l->glyph == ORD_LETTER || l->glyph == ORD_PAREN_LETTER;
	paren = l->glyph == ORD_PAREN_LETTER || l->glyph == ORD_PAREN_CAPITAL;
	roman = l->roman == 1;
	for (k = top; k >= 0; k--)
		if (st[k].kind == ITEM_ORDERED && st[k].indent == l->indent &&
		    st[k].delim == l->delim) {
			if (st[k].glyph == roman_glyph(lower, paren))
				roman = 1;
			else if (st[k].glyph == l->glyph)
				roman = l->number != st[k].number + 1;
			break;
		}
	if (roman) {
		l->glyph = roman_glyph(lower, paren);
		l->number = l->roman;
	}
}

/*
 * Whether the ordered item at line i, of another numbering than lv's
 * at lv's indentation, is a list within lv's last item: lv goes on with
 * its next number after its run ("(a)", "(i)", "(ii)", "(b)", where the
 * text lost its indentation).
 */
static int
nests(const struct text_reader *r, size_t i, const struct level *lv)
{
	const struct tline	*l = &r->lines[i], *m;
	size_t			 j;

	if (l->item != ITEM_ORDERED || lv->kind != ITEM_ORDERED ||
	    l->indent != lv->indent)
		return 0;
	for (j = i + 1; j < r->n && j < i + 200; j++) {
		m = &r->lines[j];
		if (m->rule)
			return 0;
		if (m->blank || m->item == ITEM_NONE || (m->item ==
		    ITEM_ORDERED && m->delim == l->delim && (m->glyph ==
		    l->glyph || (IS_ROMAN(l->glyph) && m->roman != 0))) ||
		    m->indent > l->indent)
			continue;
		return m->item == ITEM_ORDERED && m->glyph == lv->glyph &&
		    m->delim == lv->delim && m->number == lv->number + 1;
	}
	return 0;
}

/*
 * The list starting at line i, nested by indentation (and by sub-level
 * glyphs), items continued by their wrapped lines.  Returns the line
 * after it.
 */
static size_t
add_list(struct text_reader *r, struct galley_node *root, size_t i)
{
	struct level		 st[LIST_DEPTH_MAX];
	struct inlines		 in;
	struct galley_node	*p;
	const struct tline	*l, *prev = NULL;
	int			 top = -1, open = 0, k, gap;
	size_t			 next;

	while (i < r->n) {
		settle_roman(r, i, st, top);
		l = &r->lines[i];
		gap = 0;
		if (l->blank || l->used) {
			next = (size_t)skip_blank(r, i);
			if (next >= r->n)
				break;
			settle_roman(r, next, st, top);
			l = &r->lines[next];
			/* items go on past blank lines, and so do paragraphs
			 * indented under an item */
			if (l->rule || (l->item == ITEM_NONE &&
			    l->indent < st[top].body_col))
				break;
			if (l->item != ITEM_NONE && top == 0 &&
			    ((!same_kind(&st[0], l) && !nests(r, next,
			    &st[0])) || restarts(&st[0], l)) &&
			    l->indent <= st[0].indent)
				break;
			i = next;
			gap = 1;
		}
		if (l->rule)
			break;
		if (l->item == ITEM_NONE) {
			/*
			 * A wrapped line of the item, or a paragraph in it.
			 * Not indented under it, only a sentence going on
			 * in lower case continues it.
			 */
			if (!gap && l->indent <= st[top].indent &&
			    (ends_sentence(prev->s, prev->len, 1) ||
			    (!starts_lower(l->s, l->len) &&
			    !goes_on(prev))))
				break;
			if (gap) {
				if (open)
					inlines_end(&in);
				p = append_new(r, st[top].item,
				    GALLEY_NODE_PARAGRAPH, pos_at(l, 0));
				inlines_begin(&in, r, p);
				open = 1;
				st[top].list->u.list.tight = 0;
			}
			inlines_line(&in, l, 0);
			prev = l;
			i++;
			continue;
		}
		if (top >= 0) {
			/* close deeper lists; find this item's level */
			while (top > 0 && l->indent < st[top].indent)
				top--;
			/* back to a level of this very marker */
			for (k = top; k >= 0; k--)
				if (st[k].kind == l->item &&
				    st[k].glyph == l->glyph &&
				    st[k].indent == l->indent) {
					top = k;
					break;
				}
			if (l->indent > st[top].indent ||
			    (l->indent == st[top].indent &&
			    !same_kind(&st[top], l) && ((l->item == ITEM_BULLET &&
			    st[top].kind == ITEM_BULLET) || nests(r, i,
			    &st[top])))) {
				if (top + 1 < LIST_DEPTH_MAX) {
					top++;
					st[top].list = new_list(r, l);
					galley_node_append(st[top - 1].item,
					    st[top].list);
					st[top].indent = l->indent;
					st[top].kind = l->item;
					st[top].glyph = l->glyph;
					st[top].delim = l->delim;
				}
			} else if (!same_kind(&st[top], l) ||
			    (gap && restarts(&st[top], l))) {
				if (top == 0)
					break;
				st[top].list = new_list(r, l);
				galley_node_append(st[top - 1].item,
				    st[top].list);
				st[top].kind = l->item;
				st[top].glyph = l->glyph;
				st[top].delim = l->delim;
			}
			if (gap)
				st[top].list->u.list.tight = 0;
		} else {
			top = 0;
			st[0].list = new_list(r, l);
			galley_node_append(root, st[0].list);
			st[0].indent = l->indent;
			st[0].kind = l->item;
			st[0].glyph = l->glyph;
			st[0].delim = l->delim;
		}
		st[top].number = l->number;
		if (open)
			inlines_end(&in);
		st[top].body_col = l->indent + utf8_chars(l->s, l->body);
		st[top].item = append_new(r, st[top].list, GALLEY_NODE_ITEM,
		    pos_at(l, 0));
		p = append_new(r, st[top].item, GALLEY_NODE_PARAGRAPH,
		    pos_at(l, l->body));
		inlines_begin(&in, r, p);
		open = 1;
		inlines_line(&in, l, l->body);
		prev = l;
		i++;
	}
	if (open)
		inlines_end(&in);
	return i;
}

static size_t
count_words(const char *s, size_t len)
{
	size_t	 i, words = 0;
	int	 in_word = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t') {
			in_word = 0;
			continue;
		}
		if (!in_word)
			words++;
		in_word = 1;
	}
	return words;
}

/* 1 if the line is a web address alone ("https://example.com/post"),
 * as exports put under a title. */
static int
url_line(const char *s, size_t len)
{
	size_t	 i, k;

	if (len > 7 && memcmp(s, "http://", 7) == 0)
		k = 7;
	else if (len > 8 && memcmp(s, "https://", 8) == 0)
		k = 8;
	else if (len > 4 && memcmp(s, "www.", 4) == 0 &&
	    memchr(s + 4, '.', len - 4) != NULL)
		k = 4;
	else
		return 0;
	if (s[k] == '/' || s[k] == '.')
		return 0;
	for (i = k; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '<' || s[i] == '>' ||
		    s[i] == '"')
			return 0;
	return 1;
}

/* The next non-blank line after i, or r->n. */
static size_t
next_line(const struct text_reader *r, size_t i)
{
	for (i++; i < r->n && r->lines[i].blank; i++)
		;
	return i;
}

/* The last non-blank line before i, or r->n. */
static size_t
prev_line(const struct text_reader *r, size_t i)
{
	while (i > 0 && r->lines[i - 1].blank)
		i--;
	return i > 0 ? i - 1 : r->n;
}

/* 1 if lines a and b are tentative items of one run ("a." and "b."),
 * at most one blank line apart. */
static int
run_of(const struct text_reader *r, size_t a, size_t b)
{
	const struct tline	*x = &r->lines[a], *y = &r->lines[b];

	return a < r->n && b < r->n && a < b && b - a <= 2 &&
	    x->item == ITEM_ORDERED && y->item == ITEM_ORDERED &&
	    x->delim == y->delim && ((x->glyph == y->glyph &&
	    y->number == x->number + 1) || (x->roman != 0 && y->roman ==
	    x->roman + 1));
}

/* 1 if the line ends with a colon (ASCII or fullwidth). */
static int
ends_with_colon(const struct tline *l)
{
	return l->len > 0 && (l->s[l->len - 1] == ':' || (l->len >= 3 &&
	    memcmp(l->s + l->len - 3, "\xef\xbc\x9a", 3) == 0));
}

/* 1 if the line, an item marked with a dash, is a line of dialogue
 * ("– Vi jobbar för fullt, säger Lars Svensson."): a block of its own,
 * a whole sentence. */
static int
dialogue(const struct text_reader *r, size_t i)
{
	const struct tline	*l = &r->lines[i];
	const char		*t = l->s + l->body;
	size_t			 n = l->len - l->body, e;

	if (l->item != ITEM_BULLET || (strcmp(glyphs[l->glyph],
	    "\xe2\x80\x93") != 0 && strcmp(glyphs[l->glyph],
	    "\xe2\x80\x94") != 0))
		return 0;
	/* after "Three lessons:" or an item of the same list: a list */
	if ((e = prev_line(r, i)) < r->n && ((r->lines[e].item == ITEM_BULLET &&
	    r->lines[e].glyph == l->glyph) || ends_with_colon(&r->lines[e])))
		return 0;
	if (i > 0 && !r->lines[i - 1].blank)
		return 0;
	/* its wrapped lines to the blank line, the last ending it */
	for (e = i + 1; e < r->n && !r->lines[e].blank; e++)
		if (r->lines[e].item != ITEM_NONE || r->lines[e].rule)
			return 0;
	if (count_words(t, n) < 4)
		return 0;
	if (e > i + 1) {
		t = r->lines[e - 1].s;
		n = r->lines[e - 1].len;
	}
	return (ends_sentence(t, n, 0) ||
	    strchr("?\"", t[n - 1]) != NULL ||
	    (n >= 3 && (memcmp(t + n - 3, "\xc2\xbb", 2) == 0 ||
	    memcmp(t + n - 3, "\xe2\x80\x9d", 3) == 0)));
}

/*
 * What the markers of single lines cannot tell: "a." and "ii." are
 * items only in a run of them; "1. Platz der Tabelle" after a line
 * that goes on ("... seit Jahren") is that line's end, not a list; a
 * line of dialogue opening with a dash is a paragraph that keeps it.
 */
static void
settle_markers(struct text_reader *r)
{
	struct tline	*l;
	size_t		 i, p, nx;

	for (i = 0; i < r->n; i++) {
		l = &r->lines[i];
		if (l->item == ITEM_NONE)
			continue;
		p = prev_line(r, i);
		nx = next_line(r, i);
		if (l->tentative && !run_of(r, p, i) && !run_of(r, i, nx) &&
		    !(p < r->n && r->lines[p].item == ITEM_ORDERED &&
		    !r->lines[p].tentative && r->lines[p].delim == '.' &&
		    r->lines[p].number + 1 == l->number))
			l->item = ITEM_NONE;
		else if (l->item == ITEM_ORDERED && l->glyph == ORD_ASCII &&
		    l->delim == '.' && i > 0 && p == i - 1 &&
		    r->lines[p].item == ITEM_NONE && !r->lines[p].rule &&
		    utf8_chars(r->lines[p].s, r->lines[p].len) >= 40 &&
		    !ends_sentence(r->lines[p].s, r->lines[p].len, 1) &&
		    !(nx < r->n && r->lines[nx].item == ITEM_ORDERED))
			l->item = ITEM_NONE;	/* "1. Platz" goes on */
		else if (dialogue(r, i))
			l->item = ITEM_NONE;
	}
}

/*
 * The first line is the title unless it is no line of its own: a
 * list item, a full sentence, or the first line of a paragraph
 * wrapped by hand (the next line goes on in lower case).
 */
static int
title_like(const struct text_reader *r, size_t i)
{
	const struct tline	*l = &r->lines[i], *next;

	if (l->item != ITEM_NONE || l->rule ||
	    utf8_chars(l->s, l->len) > TITLE_MAX_CHARS)
		return 0;
	if (ends_sentence(l->s, l->len, 0) &&
	    count_words(l->s, l->len) > HEADING_MAX_WORDS)
		return 0;
	if (i + 1 < r->n) {
		next = &r->lines[i + 1];
		if (!next->blank && !next->used && next->item == ITEM_NONE &&
		    !next->rule && starts_lower(next->s, next->len) &&
		    !ends_sentence(l->s, l->len, 1) &&
		    !url_line(next->s, next->len))
			return 0;
	}
	return 1;
}

/* A copy of s with each run of white space folded to one space. */
static char *
fold_spaces(struct galley_doc *doc, const char *s, size_t len)
{
	char	*d = galley_doc_alloc(doc, len + 1);
	size_t	 i = 0, o = 0, sp;

	while (i < len) {
		if ((sp = space_len(s + i, len - i)) > 0) {
			while (i < len && (sp = space_len(s + i, len - i)) > 0)
				i += sp;
			d[o++] = ' ';
		} else
			d[o++] = s[i++];
	}
	d[o] = '\0';
	return d;
}

/* Date on the first or second non-blank line; title the first other. */
/*
 * A short line with a year (1800-2199) and a time, or two more numbers:
 * a date line of an export, most likely, if not one datetext.c reads.
 */
static int
looks_like_date(const char *s, size_t len)
{
	size_t	 i, j;
	int	 year = 0, numbers = 0, time = 0, v;

	if (len > 64)
		return 0;
	/* "Apollo 11: July 20, 1969": a title with a date in it */
	for (i = 0; i + 2 < len; i++)
		if (s[i] == ':' && s[i + 1] == ' ' &&
		    !(s[i + 2] >= '0' && s[i + 2] <= '9'))
			return 0;
	for (i = 0; i < len; i = j) {
		for (j = i; j < len && s[j] >= '0' && s[j] <= '9'; j++)
			;
		if (j == i) {
			j++;
			continue;
		}
		numbers++;
		if (j + 2 < len && s[j] == ':' && s[j + 1] >= '0' &&
		    s[j + 1] <= '9')
			time = 1;
		v = atoi(s + i);
		if (j - i == 4 && v >= 1800 && v < 2200)
			year = 1;
	}
	return year && (numbers >= 3 || (numbers == 2 && time));
}

/*
 * 1 if a title stands after line i: the next text is one line alone
 * that looks like one ("Heute vor 50 Jahren" above a paragraph is the
 * title, not a relative date).
 */
static int
title_follows(const struct text_reader *r, size_t i)
{
	size_t	 next = (size_t)skip_blank(r, i + 1);

	return next < r->n && (next + 1 >= r->n || r->lines[next + 1].blank) &&
	    title_like(r, next);
}

/* 1 if line j is the first text after line i (blank lines aside). */
static int
right_under(const struct text_reader *r, size_t i, size_t j)
{
	for (i++; i < j && r->lines[i].blank; i++)
		;
	return i == j;
}

/*
 * The line right under an export's date line, standing alone with text
 * after it, is its title even when it is a sentence or two ("We tried
 * the new tram line. Here is what we found."): that is where exports
 * put it.  Alone under the date, it is the article.
 */
static int
title_under_date(const struct text_reader *r, size_t dated, size_t i)
{
	const struct tline	*l = &r->lines[i];
	size_t			 next = (size_t)skip_blank(r, i + 1);

	/* "1. FC Köln verliert ...": a number, but no list follows */
	return dated != (size_t)-1 && right_under(r, dated, i) &&
	    i + 1 < r->n && (r->lines[i + 1].blank ||
	    url_line(r->lines[i + 1].s, r->lines[i + 1].len)) &&
	    next < r->n && (l->item == ITEM_NONE ||
	    (l->item == ITEM_ORDERED && r->lines[next].item == ITEM_NONE)) &&
	    !l->rule &&
	    utf8_chars(l->s, l->len) <= TITLE_MAX_CHARS;
}

/*
 * 1 if the line names the site rather than the article: a domain alone
 * ("nytimes.com", as a browser's reader view copies it) or a breadcrumb
 * ("Home › News › Economy").
 */
static int
site_line(const char *s, size_t len)
{
	static const char *const seps[] = { " \xe2\x80\xba ", " \xc2\xbb ",
	    " > ", " / ", NULL };
	size_t	 i, k, n, dot = 0, count;

	for (i = 0; i < len; i++) {
		if (s[i] == '.')
			dot = i;
		else if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			break;
	}
	if (i == len && dot > 0 && len - dot >= 3 && len <= 40 &&
	    isalpha((unsigned char)s[len - 1]))
		return 1;
	for (k = 0; seps[k] != NULL; k++) {
		n = strlen(seps[k]);
		for (i = 0, count = 0; i + n <= len; i++)
			if (memcmp(s + i, seps[k], n) == 0)
				count++;
		if (count >= 2 && count_words(s, len) <= 2 * count + 4)
			return 1;
	}
	return 0;
}

/* s[len] into the metadata's extra as key, unless it has one; 1 if
 * set. */
static int
put_extra(struct text_reader *r, const char *key, const char *s,
    size_t len)
{
	struct galley_meta	*meta = galley_doc_meta(r->doc);
	struct galley_value	*v;

	if (meta->extra == NULL)
		meta->extra = galley_value_new(r->doc, GALLEY_VALUE_MAP);
	if (galley_value_get(meta->extra, key) != NULL)
		return 0;
	v = galley_value_new(r->doc, GALLEY_VALUE_STRING);
	v->key = key;
	v->str = galley_doc_strndup(r->doc, s, len);
	galley_value_append(meta->extra, v);
	return 1;
}

/*
 * A web address alone on line i, under the title: where the article
 * was, into the metadata's "url" (as front matter's url: gives it) if
 * it has none.  1 if taken.
 */
static int
take_url(struct text_reader *r, size_t i)
{
	struct tline		*l;

	if (i >= r->n)
		return 0;
	l = &r->lines[i];
	if (l->blank || l->used || !url_line(l->s, l->len))
		return 0;
	if (!put_extra(r, "url", l->s, l->len))
		return 0;
	l->used = 1;
	return 1;
}

/* An author of a byline into the article's metadata. */
static void
add_author(void *arg, const char *s, size_t len)
{
	struct text_reader	*r = arg;

	galley_strlist_add(r->doc, &galley_doc_meta(r->doc)->authors,
	    fold_spaces(r->doc, s, len));
}

/* A byline at line i ("By Jane Doe"): its names are the authors, and
 * the line leaves the text.  1 if it was one. */
static int
take_byline(struct text_reader *r, size_t i)
{
	struct tline	*l = &r->lines[i];

	if (l->blank || l->used || l->item != ITEM_NONE ||
	    !byline_line(l->s, l->len, NULL, NULL))
		return 0;
	byline_line(l->s, l->len, add_author, r);
	/* the line as written, with what is no name in it ("Reuters",
	 * "Staff Writer", "5 min read"): nothing lost */
	put_extra(r, "byline", l->s, l->len);
	l->used = 1;
	return 1;
}

/* 1 if the line says when: a date, or a date with a byline or a
 * reading time ("Published March 3, 2023 by Anna Smith"). */
static int
date_line(const struct tline *l)
{
	char	 iso[32];

	return datetext_parse(l->s, l->len, iso) == 0 ||
	    byline_date(l->s, l->len, iso, NULL, NULL) == 0;
}

/* A date line at i ("March 3, 2023" under "By Jane Doe"): the
 * article's date (and the authors a byline in it names), and the line
 * leaves the text.  1 if taken. */
static int
take_date_line(struct text_reader *r, size_t i)
{
	struct galley_meta	*meta = galley_doc_meta(r->doc);
	struct tline		*l;
	char			 iso[32];

	if (i >= r->n || meta->date != NULL)
		return 0;
	l = &r->lines[i];
	if (l->blank || l->used || l->item != ITEM_NONE || !date_line(l))
		return 0;
	if (datetext_parse(l->s, l->len, iso) != 0)
		byline_date(l->s, l->len, iso, add_author, r);
	meta->date = galley_doc_strdup(r->doc, iso);
	meta->date_text = galley_doc_strndup(r->doc, l->s, l->len);
	l->used = 1;
	return 1;
}

/*
 * What exports put under the title, each once, in any order: its web
 * address, a byline (with its date right under it), a date, or a date
 * with a byline or a reading time ("Published March 3, 2023 by Anna
 * Smith", "March 3, 2023 · 5 min read").  i: the line after the title.
 */
static void
take_under_title(struct text_reader *r, size_t i)
{
	struct galley_meta	*meta = galley_doc_meta(r->doc);
	struct tline		*l;
	int			 url = 0, byline = 0;

	for (;;) {
		i = (size_t)skip_blank(r, i);
		if (i >= r->n)
			return;
		l = &r->lines[i];
		if (l->used || l->item != ITEM_NONE)
			return;
		if (!url && take_url(r, i))
			url = 1;
		else if (!byline && meta->authors.n == 0 &&
		    take_byline(r, i)) {
			byline = 1;
			take_date_line(r, i + 1);
			if (i + 1 < r->n && r->lines[i + 1].used)
				i++;
		} else if (date_line(l)) {
			if (!take_date_line(r, i))
				l->dateline = 1;	/* "Updated: ..." */
		} else if (byline_relative(l->s, l->len))
			l->dateline = 1;	/* "5 min read": text */
		else
			return;
		i++;
	}
}

static void
take_date_and_title(struct text_reader *r)
{
	struct galley_meta	*meta = galley_doc_meta(r->doc);
	struct tline		*l;
	size_t			 i, next, seen = 0, first = (size_t)-1;
	size_t			 dated = (size_t)-1;	/* the date line */
	size_t			 more[4], nmore = 0;
	char			 iso[32];

	for (i = 0; i < r->n && seen < 2; i++) {
		l = &r->lines[i];
		if (l->blank)
			continue;
		if (seen++ == 0)
			first = i;
		if (datetext_parse(l->s, l->len, iso) == 0 ||
		    byline_date(l->s, l->len, iso, add_author, r) == 0) {
			meta->date = galley_doc_strdup(r->doc, iso);
			meta->date_text = galley_doc_strndup(r->doc, l->s,
			    l->len);
			l->used = 1;
			dated = i;
			break;
		}
	}
	/* a date line all the same: not the title, but text of the body */
	if (meta->date == NULL && first < r->n &&
	    byline_relative(r->lines[first].s, r->lines[first].len) &&
	    title_follows(r, first)) {
		galley_diag_add(r->dg, GALLEY_WARNING, r->name,
		    (unsigned)first + 1, 1, "this line is a relative date or "
		    "a reading time, not a date: the article has no date");
		r->lines[first].used = 1;
	} else if (meta->date == NULL && first < r->n &&
	    looks_like_date(r->lines[first].s, r->lines[first].len)) {
		galley_diag_add(r->dg, GALLEY_WARNING, r->name,
		    (unsigned)first + 1, 1, "this line looks like a date, "
		    "but not one galley can read: the article has no date");
		r->lines[first].used = 1;
	} else
		first = (size_t)-1;
	if (first != (size_t)-1)
		dated = first;
	/* more dates, relative dates or reading times under the date line
	 * ("Updated 5 March 2023", "5 min read"): no title, but text */
	for (i = dated != (size_t)-1 ? (size_t)skip_blank(r, dated + 1) :
	    r->n; i < r->n && nmore < sizeof(more) / sizeof(more[0]);
	    i = (size_t)skip_blank(r, i + 1)) {
		l = &r->lines[i];
		if (l->used || l->item != ITEM_NONE || (!date_line(l) &&
		    !byline_relative(l->s, l->len)) ||
		    (size_t)skip_blank(r, i + 1) >= r->n)
			break;
		l->used = 1;
		more[nmore++] = i;
	}
	for (i = 0; i < r->n; i++) {
		l = &r->lines[i];
		if (l->blank || l->used)
			continue;
		next = (size_t)skip_blank(r, i + 1);
		/* the site's name or a breadcrumb above it, or a page's
		 * word above a title ("Share this"): text */
		if (next < r->n && (site_line(l->s, l->len) ||
		    (is_noise(l->s, l->len) && title_like(r, next) &&
		    !ends_sentence(r->lines[next].s, r->lines[next].len,
		    0)))) {
			l->dateline = 1;
			continue;
		}
		/* a byline above the title, if a title follows it that is
		 * no byline itself ("Por Dentro da Amazônia" above "Por Ana
		 * Costa", "By Royal Appointment" above "Written by ..." are
		 * titles): one that can be nothing else, one with parts
		 * ("Por Juan Pérez | EFE"), or one under the date line */
		next = (size_t)skip_blank(r, i + 1);
		if (next < r->n && (byline_sure(l->s, l->len) ||
		    (byline_line(l->s, l->len, NULL, NULL) &&
		    title_like(r, next) && !byline_word(r->lines[next].s,
		    r->lines[next].len) && (byline_parts(l->s, l->len) ||
		    (dated != (size_t)-1 && right_under(r, dated, i))))) &&
		    take_byline(r, i))
			continue;
		if (title_like(r, i) || title_under_date(r, dated, i)) {
			meta->title = fold_spaces(r->doc, l->s, l->len);
			l->used = 1;
			take_under_title(r, i + 1);
		}
		break;
	}
	if (first != (size_t)-1) {
		r->lines[first].used = 0;
		r->lines[first].dateline = 1;
	}
	while (nmore > 0) {
		r->lines[more[--nmore]].used = 0;
		r->lines[more[nmore]].dateline = 1;
	}
}

static int
text_read(struct galley_doc *doc, const struct galley_src *src,
    const struct galley_opts *opts, struct galley_diag *dg)
{
	struct text_reader	 r;
	struct galley_node	*root = galley_doc_root(doc);
	size_t			 i, end;
	int			 rc = -1;

	memset(&r, 0, sizeof(r));
	r.doc = doc;
	r.dg = dg;
	r.name = src->name;
	if (split_lines(&r, src->data, src->len) == -1)
		goto out;
	if ((size_t)skip_blank(&r, 0) >= r.n) {
		galley_diag_add(dg, GALLEY_ERROR, src->name, 1, 1,
		    src->len == 0 ? "empty input" :
		    "input holds only white space");
		goto out;
	}
	settle_markers(&r);
	take_date_and_title(&r);
	if (opts->meta_only) {		/* the date and title are all */
		rc = 0;
		goto out;
	}
	i = 0;
	while (i < r.n) {
		const struct tline	*l = &r.lines[i];

		if (l->blank || l->used) {
			i++;
		} else if (l->rule) {
			append_new(&r, root, GALLEY_NODE_THEMATIC_BREAK,
			    pos_at(l, 0));
			i++;
		} else if (l->item != ITEM_NONE) {
			i = add_list(&r, root, i);
		} else if (is_heading(&r, i) || is_glued_heading(&r, i)) {
			struct galley_node	*h;
			struct inlines		 in;

			h = append_new(&r, root, GALLEY_NODE_HEADING,
			    pos_at(l, 0));
			h->u.heading.level = 2;
			inlines_begin(&in, &r, h);
			inlines_line(&in, l, 0);
			inlines_end(&in);
			i++;
		} else {
			size_t	 k;

			/* up to a heading glued to its paragraph; a page's
			 * word ("Advertising") stands alone */
			end = block_end(&r, i);
			for (k = i + 1; k < end && !r.lines[i].dateline &&
			    !r.lines[k].dateline && !is_glued_heading(&r, k);
			    k++)
				;
			end = k;
			add_paragraphs(&r, root, i, end);
			i = end;
		}
	}
	rc = 0;
out:
	free(r.lines);
	return rc;
}

static int
text_sniff(const struct galley_src *src)
{
	return strcmp(sniff_format(src), "text") == 0 ? 60 : 10;
}

const struct galley_reader galley_text_reader = {
	"text", text_sniff, text_read
};
