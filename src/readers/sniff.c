/*
 * Input detection by content: front matter means Markdown, a "galley"
 * key means galley JSON; otherwise Markdown syntax is weighed against
 * the marks of a plain-text export.  Used by galley_read() and by the
 * readers' sniff callbacks; never looks at the file name.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "readers/datetext.h"
#include "readers/frontmatter.h"
#include "readers/sniff.h"

#define EMPH_WINDOW	256	/* bytes searched for a closing * _ ` */

struct line {
	const char	*s;	/* without indentation */
	size_t		 len;	/* without trailing white space */
	size_t		 indent;
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* The line starting at *pos; *pos moves past its LF.  0 at the end. */
static int
next_line(struct line *l, const char *s, size_t len, size_t *pos)
{
	const char	*nl;
	size_t		 i = *pos, e;

	if (i >= len)
		return 0;
	nl = memchr(s + i, '\n', len - i);
	e = nl != NULL ? (size_t)(nl - s) : len;
	*pos = e < len ? e + 1 : e;
	l->indent = 0;
	while (i < e && is_space(s[i])) {
		/* columns, as CommonMark counts them: a tab to the next
		 * stop of four */
		l->indent += s[i] == '\t' ? 4 - l->indent % 4 : 1;
		i++;
	}
	while (e > i && (is_space(s[e - 1]) ||
	    (e - i >= 2 && (unsigned char)s[e - 2] == 0xc2 &&
	    (unsigned char)s[e - 1] == 0xa0)))
		e -= is_space(s[e - 1]) ? 1 : 2;
	l->s = s + i;
	l->len = e - i;
	return 1;
}

static int
line_is(const struct line *l, const char *what)
{
	return l->indent == 0 && l->len == strlen(what) &&
	    memcmp(l->s, what, l->len) == 0;
}

/* Whether a line reads as a YAML "key:" line. */
static int
is_yaml_key(const struct line *l)
{
	size_t	 i = 0;

	if (l->indent != 0 || l->len == 0 || !(isalpha((unsigned char)l->s[0])
	    || l->s[0] == '_'))
		return 0;
	while (i < l->len && (isalnum((unsigned char)l->s[i]) ||
	    l->s[i] == '_' || l->s[i] == '-'))
		i++;
	return i < l->len && l->s[i] == ':' &&
	    (i + 1 == l->len || l->s[i + 1] == ' ');
}

/* A line "key = ..." (TOML), bare or quoted key. */
static int
is_toml_key(const struct line *l)
{
	size_t	 i = 0;

	while (i < l->len && (isalnum((unsigned char)l->s[i]) ||
	    l->s[i] == '_' || l->s[i] == '-' || l->s[i] == '.' ||
	    l->s[i] == '"'))
		i++;
	while (i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	return i > 0 && i < l->len && l->s[i] == '=';
}

/*
 * "---" on the first line and a closing "---" or "..." below it; or a
 * "key:" line right below it (front matter never closed: the Markdown
 * reader says so).  Hugo's TOML: "+++" lines around it.
 */
static int
has_front_matter(const char *s, size_t len)
{
	struct line	 l;
	size_t		 pos = 0;
	int		 toml;

	if (!next_line(&l, s, len, &pos))
		return 0;
	toml = line_is(&l, "+++");
	if (!toml && !line_is(&l, "---"))
		return 0;
	if (next_line(&l, s, len, &pos) && (toml ? is_toml_key(&l) :
	    is_yaml_key(&l)))
		return 1;
	while (next_line(&l, s, len, &pos))
		if (toml ? line_is(&l, "+++") : (line_is(&l, "---") ||
		    line_is(&l, "...")))
			return 1;
	return 0;
}

/* MultiMarkdown's or Pelican's metadata lines, two at least
 * ("Title: ...", "Date: ..."): Markdown, whose reader reads them. */
static int
has_mmd_meta(const char *s, size_t len)
{
	const char	*meta, *body, *nl;
	size_t		 mlen;
	unsigned	 line;

	return fm_split_mmd(s, len, &meta, &mlen, &body, &line) == 1 &&
	    (nl = memchr(meta, '\n', mlen)) != NULL &&
	    (size_t)(nl + 1 - meta) < mlen;
}

/* A JSON object with a "galley" key at its top level. */
static int
is_galley_json(const char *s, size_t len)
{
	size_t	 i = 0, k0;
	int	 depth = 0;

	while (i < len && (is_space(s[i]) || s[i] == '\n'))
		i++;
	if (i >= len || s[i] != '{')
		return 0;
	for (; i < len; i++) {
		switch (s[i]) {
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (--depth == 0)
				return 0;
			break;
		case '"':
			k0 = ++i;
			while (i < len && s[i] != '"')
				i += s[i] == '\\' ? 2 : 1;
			if (i >= len)
				return 0;
			if (depth == 1 && i - k0 == 6 &&
			    memcmp(s + k0, "galley", 6) == 0) {
				size_t	 j = i + 1;

				while (j < len && (is_space(s[j]) ||
				    s[j] == '\n'))
					j++;
				if (j < len && s[j] == ':')
					return 1;
			}
			break;
		default:
			break;
		}
	}
	return 0;
}

static int
starts(const struct line *l, const char *p)
{
	size_t	 n = strlen(p);

	return l->len >= n && memcmp(l->s, p, n) == 0;
}

/* A line that opens with a bullet glyph of plain-text exports. */
static int
glyph_item(const struct line *l)
{
	static const char *const glyphs[] = { "\xe2\x80\xa2", "\xe2\x97\xa6",
	    "\xe2\x96\xaa", "\xe2\x80\xa3", "\xc2\xb7", "\xe2\x80\x93",
	    "\xe2\x80\x94", "\xe2\x97\x8f", "\xe2\x96\xa0", NULL };
	size_t	 i;

	for (i = 0; glyphs[i] != NULL; i++)
		if (starts(l, glyphs[i]))
			return 1;
	return 0;
}

/* The bytes inline_score() looks at. */
static const unsigned char inline_start[256] = {
	['['] = 1, [']'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['<'] = 1,
	['\\'] = 1
};

/* Markdown inline syntax on one line: links, emphasis, code, HTML. */
static int
inline_score(const struct line *l)
{
	const char	*s = l->s;
	size_t		 i, j, n = l->len, end;
	int		 score = 0, bracket = 0;

	for (i = 0; i < n; i++) {
		/* most bytes start no syntax */
		if (!inline_start[(unsigned char)s[i]])
			continue;
		/* closers are looked for nearby: linear on any line */
		end = n - i > EMPH_WINDOW ? i + EMPH_WINDOW : n;
		switch (s[i]) {
		case '[':
			bracket = 1;
			/* a wiki link, "[[Page]]": notes in Markdown */
			if (i + 2 < n && s[i + 1] == '[' && s[i + 2] != ' ' &&
			    s[i + 2] != '[') {
				for (j = i + 2; j + 1 < end && s[j] != ']'; j++)
					;
				if (j + 1 < end && s[j + 1] == ']' && j > i + 2) {
					score += 4;
					i = j + 1;
				}
			}
			break;
		case ']':
			if (i + 1 < n && s[i + 1] == '(' && bracket)
				score += 6;
			break;
		case '`':
			for (j = i + 1; j < end && s[j] != '`'; j++)
				;
			if (j < end && j > i + 1) {
				score += 2;
				i = j;
			}
			break;
		case '*':
		case '_':
			/* **x** or __x__, or *x* opening a word */
			if (i + 2 < n && s[i + 1] == s[i] && s[i + 2] != ' ') {
				for (j = i + 2; j + 1 < end; j++)
					if (s[j] == s[i] && s[j + 1] == s[i] &&
					    s[j - 1] != ' ')
						break;
				if (j + 1 < end) {
					score += 2;
					i = j + 1;
				}
			} else if (s[i] == '*' && (i == 0 || s[i - 1] == ' ') &&
			    i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '*') {
				for (j = i + 1; j < end && s[j] != '*'; j++)
					;
				if (j < end && s[j - 1] != ' ') {
					score += 1;
					i = j;
				}
			}
			break;
		case '<':
			if (i + 4 < n && (memcmp(s + i, "<http", 5) == 0 ||
			    memcmp(s + i, "<br", 3) == 0 ||
			    memcmp(s + i, "</", 2) == 0 ||
			    memcmp(s + i, "<a ", 3) == 0 ||
			    memcmp(s + i, "<img", 4) == 0 ||
			    memcmp(s + i, "<!--", 4) == 0))
				score += 2;
			break;
		case '\\':
			if (i + 1 < n && strchr("*_`#[]", s[i + 1]) != NULL)
				score += 1;
			break;
		default:
			break;
		}
		if (score >= 6)
			return 6;
	}
	return score;
}

static int
atx_heading(const struct line *l)
{
	size_t	 k = 0;

	if (l->indent > 3)
		return 0;
	while (k < l->len && l->s[k] == '#')
		k++;
	return k >= 1 && k <= 6 && (k == l->len || l->s[k] == ' ');
}

static int
md_list_item(const struct line *l)
{
	/* indented four columns or more: code, or a GNU ChangeLog's
	 * "\t* file.c: ...", unless under another item */
	return l->len >= 2 && l->indent <= 3 &&
	    strchr("-*+", l->s[0]) != NULL && l->s[1] == ' ';
}

/* Every character of the line is c (at least three). */
static int
rule_of(const struct line *l, char c)
{
	size_t	 i;

	if (l->len < 2 || l->indent > 3)
		return 0;
	for (i = 0; i < l->len; i++)
		if (l->s[i] != c)
			return 0;
	return 1;
}

static int
table_rule(const struct line *l)
{
	size_t	 i, dashes = 0;

	if (l->len < 3 || memchr(l->s, '|', l->len) == NULL)
		return 0;
	for (i = 0; i < l->len; i++) {
		if (l->s[i] == '-')
			dashes++;
		else if (strchr("|: ", l->s[i]) == NULL)
			return 0;
	}
	return dashes >= 3;
}

/* Short, alone between blank lines, no full stop: an unmarked heading. */
static int
bare_line(const struct line *l)
{
	char	 last;

	if (l->len == 0 || l->len > 80 || atx_heading(l) || md_list_item(l))
		return 0;
	last = l->s[l->len - 1];
	return strchr(".,;:!*_`)]>|", last) == NULL;
}

/*
 * Any other JSON: "{" ... "}", or "[" then a JSON value's first character
 * ... "]" (past any more "[": "[[1, 2]]", but not a note of wiki links,
 * "[[Page]]").  The JSON reader then says what is wrong with it, instead
 * of the Markdown reader taking braces for a paragraph.
 */
static int
looks_like_json(const char *s, size_t len)
{
	size_t	 i = 0, e = len, j;

	while (i < e && (is_space(s[i]) || s[i] == '\n'))
		i++;
	while (e > i && (is_space(s[e - 1]) || s[e - 1] == '\n'))
		e--;
	if (e - i < 2)
		return 0;
	if (s[i] == '{')
		return s[e - 1] == '}';
	if (s[i] != '[' || s[e - 1] != ']')
		return 0;
	for (j = i + 1; j < e && (is_space(s[j]) || s[j] == '\n' ||
	    s[j] == '['); j++)
		;
	return strchr("{\"-0123456789]", s[j]) != NULL ||
	    (e - j >= 4 && (strncmp(s + j, "true", 4) == 0 ||
	    strncmp(s + j, "null", 4) == 0)) ||
	    (e - j >= 5 && strncmp(s + j, "false", 5) == 0);
}

const char *
sniff_naming(const struct galley_src *src)
{
	unsigned	 line;

	if (has_front_matter(src->data, src->len) ||
	    has_mmd_meta(src->data, src->len) ||
	    fm_json_end(src->data, src->len, &line) != NULL)
		return "markdown";
	if (is_galley_json(src->data, src->len) ||
	    looks_like_json(src->data, src->len))
		return "json";
	return NULL;
}

const char *
sniff_format(const struct galley_src *src)
{
	struct line	 l, prev;
	size_t		 pos = 0;
	int		 md = 0, text = 0, md_inline = 0, lists = 0;
	int		 nonblank = 0, prev_blank = 1, prev_bare = 0;
	int		 in_fence = 0;
	char		 iso[32];
	const char	*naming;

	if ((naming = sniff_naming(src)) != NULL)
		return naming;
	memset(&prev, 0, sizeof(prev));
	while (next_line(&l, src->data, src->len, &pos)) {
		if (l.len == 0) {
			if (prev_bare)
				text += 1;
			prev_blank = 1;
			prev_bare = 0;
			continue;
		}
		if (starts(&l, "```") || starts(&l, "~~~")) {
			md += 6;
			in_fence = !in_fence;
		} else if (in_fence) {
			/* code says nothing about the file's kind */
		} else if (nonblank < 2 && datetext_parse(l.s, l.len,
		    iso) == 0)
			text += 6;
		else if (atx_heading(&l))
			md += 8;
		else if (!prev_blank && rule_of(&l, '='))
			md += 6;
		else if (!prev_blank && rule_of(&l, '-') && prev.len > 0)
			md += 2;
		else if (table_rule(&l))
			md += 6;
		else if (l.s[0] == '[' && l.indent <= 3 &&
		    memchr(l.s, ']', l.len) != NULL &&
		    ((const char *)memchr(l.s, ']', l.len))[1] == ':')
			md += 6;
		else if (glyph_item(&l))
			text += 4;
		else if (starts(&l, "> "))
			md += 1;
		if (!in_fence) {
			if (md_list_item(&l))
				lists++;
			md_inline += inline_score(&l);
		}
		prev_bare = prev_blank && bare_line(&l);
		prev_blank = 0;
		prev = l;
		nonblank++;
	}
	if (prev_bare)
		text += 1;
	md += md_inline;
	if (md_inline > 0)
		md += lists;
	return md > text ? "markdown" : "text";
}

/* s begins with the ASCII word w, case aside, then a space, '>' or
 * the end. */
static int
starts_word(const char *s, const char *end, const char *w)
{
	size_t	 n = strlen(w);

	if ((size_t)(end - s) < n || strncasecmp(s, w, n) != 0)
		return 0;
	return s + n == end || s[n] == ' ' || s[n] == '>' || s[n] == '\t' ||
	    s[n] == '\n' || s[n] == '\r';
}

const char *
galley_markup_kind(const char *data, size_t len)
{
	const char	*s = data, *end = data + (len < 4096 ? len : 4096);

	if (end - s >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' ||
	    *s == '\r'))
		s++;
	if (starts_word(s, end, "<!DOCTYPE"))
		return starts_word(s + 10, end, "html") ? "HTML" : "XML";
	if (starts_word(s, end, "<html"))
		return "HTML";
	if (starts_word(s, end, "<?xml"))
		return "XML";
	return NULL;
}
