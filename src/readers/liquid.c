/*
 * Jekyll's Liquid in a Markdown body.  Jekyll renders Liquid before
 * Markdown; galley runs no templates, but some tags hold what the page
 * shows.  They are read here and written over in place, padded with
 * spaces, so every position after them stays right:
 * - a "{% highlight ruby linenos %}" line and its "{% endhighlight %}"
 *   line: a fenced code block of that language (else its lines were a
 *   paragraph, joined);
 * - "{% raw %}" and "{% endraw %}": nothing (what they hold is text);
 * - "{% post_url 2021-06-24-lease %}" and "{% link _posts/x.md %}" as a
 *   link's destination: the post they name, which the links filter
 *   finds among the articles of the run;
 * - "{{ site.baseurl }}" or "{{ site.url }}" opening a destination:
 *   nothing ("/about" is left, a site path); "{{ '/about' |
 *   relative_url }}" there: the path.
 * Other tags stay text (a note with -v).  Code spans, fenced code and
 * lines indented as code are left alone, but for raw and endraw lines,
 * which Jekyll renders empty there too.  Jekyll renders Liquid only in
 * files with YAML front matter: so does the caller.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "galley/diag.h"
#include "readers/liquid.h"
#include "readers/shortcode.h"

#define FENCE_MAX	12	/* backticks of a fence we write */
#define TAG_MAX		256	/* bytes of a tag: a longer one is text */

struct lq {
	const char		*body;
	char			*out;	/* the copy, once a tag is read */
	size_t			 len;
	const char		*file;
	struct galley_diag	*dg;
	int			 verbose, noted;
	const char		*no_end;	/* no endhighlight after it */
};

/* The copy to write into, made on first need; NULL if out of memory. */
static char *
copy(struct lq *q)
{
	if (q->out == NULL && (q->out = malloc(q->len + 1)) != NULL) {
		memcpy(q->out, q->body, q->len);
		q->out[q->len] = '\0';
	}
	return q->out;
}

/* Write s (n bytes) over [at, at + span) of the copy, spaces after. */
static int
put(struct lq *q, size_t at, size_t span, const char *s, size_t n)
{
	char	*o;

	if (n > span || (o = copy(q)) == NULL)
		return -1;
	memset(o + at, ' ', span);
	memcpy(o + at, s, n);
	return 0;
}

/* The text as read so far: the copy where it was written. */
static const char *
text(const struct lq *q)
{
	return q->out != NULL ? q->out : q->body;
}

/*
 * A tag "{% name args %}" or "{{ args }}" at s (before end): its
 * length, the name and the args trimmed; 0 if it is none.
 */
static size_t
tag(const char *s, const char *end, int *output, const char **name,
    size_t *nlen, const char **args, size_t *alen)
{
	const char	*p, *close = NULL, *e;

	if (end - s < 4 || s[0] != '{' || (s[1] != '%' && s[1] != '{'))
		return 0;
	*output = s[1] == '{';
	if (end - s > TAG_MAX)		/* each "{%" looks so far only */
		end = s + TAG_MAX;
	for (p = s + 2; p + 1 < end; p++)
		if (p[0] == (*output ? '}' : '%') && p[1] == '}') {
			close = p;
			break;
		}
	if (close == NULL)
		return 0;
	p = s + 2;
	if (p < close && *p == '-')	/* "{%-": whitespace control */
		p++;
	e = close;
	if (e > p && e[-1] == '-')
		e--;
	while (p < e && isspace((unsigned char)*p))
		p++;
	while (e > p && isspace((unsigned char)e[-1]))
		e--;
	if (*output) {			/* "{{ site.baseurl }}": all args */
		*name = *args = p;
		*nlen = 0;
		*alen = (size_t)(e - p);
		return (size_t)(close + 2 - s);
	}
	*name = p;
	while (p < e && (isalnum((unsigned char)*p) || *p == '_' ||
	    *p == '.'))
		p++;
	*nlen = (size_t)(p - *name);
	while (p < e && isspace((unsigned char)*p))
		p++;
	*args = p;
	*alen = (size_t)(e - p);
	if (*nlen == 0)
		return 0;
	return (size_t)(close + 2 - s);
}

static int
is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && strncmp(s, word, n) == 0;
}

/* A fence line: spaces and quote marks (a fence in a list item or a
 * block quote), then three or more ` or ~.  Its character and length,
 * or 0; *bare 1 if nothing follows (a closing fence). */
static size_t
fence(const char *s, const char *end, char *c, int *bare)
{
	size_t	 n = 0;

	while (s < end && (*s == ' ' || *s == '\t' || *s == '>'))
		s++;
	if (s >= end || (*s != '`' && *s != '~'))
		return 0;
	*c = *s;
	while (s + n < end && s[n] == *c)
		n++;
	for (s += n; s < end && (*s == ' ' || *s == '\t'); s++)
		;
	*bare = s >= end;
	return n >= 3 ? n : 0;
}

/* Leading spaces of a line: 4 or a tab make indented code, unless in a
 * list item, which we do not tell: rewritten only where it is sure. */
static int
indented(const char *s, const char *end)
{
	size_t	 sp = 0;

	while (s < end && *s == ' ' && sp < 4) {
		s++;
		sp++;
	}
	return sp >= 4 || (s < end && *s == '\t');
}

static const char *
line_end(const char *s, const char *end)
{
	const char	*nl = memchr(s, '\n', (size_t)(end - s));

	return nl != NULL ? nl : end;
}

/* The whole line [s, e) is one tag named want (spaces around it): 1
 * plus its indentation, or 0. */
static size_t
whole_line_tag(const char *s, const char *e, const char *want,
    const char **args, size_t *alen)
{
	const char	*name, *s0 = s;
	size_t		 nlen, k, ind;
	int		 output;

	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	ind = (size_t)(s - s0);
	if ((k = tag(s, e, &output, &name, &nlen, args, alen)) == 0 ||
	    output || !is(name, nlen, want))
		return 0;
	for (s += k; s < e && (*s == ' ' || *s == '\t' || *s == '\r'); s++)
		;
	return s == e ? 1 + ind : 0;
}

/*
 * A highlight block from the line at ls: both tag lines written as a
 * fence, longer than any fence inside.  The line after its end, or
 * NULL if it is none.
 */
static const char *
highlight(struct lq *q, const char *ls, const char *end)
{
	const char	*le = line_end(ls, end), *args, *p, *pe, *a2;
	size_t		 alen, a2len, n, longest = 0, lang, ind, ind2 = 0;
	char		 f[FENCE_MAX + 64], c;
	int		 bare;

	if ((ind = whole_line_tag(ls, le, "highlight", &args, &alen)) == 0 ||
	    (q->no_end != NULL && ls > q->no_end))
		return NULL;
	ind--;
	for (p = le < end ? le + 1 : end; p < end; p = pe + 1) {
		pe = line_end(p, end);
		if ((ind2 = whole_line_tag(p, pe, "endhighlight", &a2,
		    &a2len)) > 0)
			break;
		if ((n = fence(p, pe, &c, &bare)) > longest && c == '`')
			longest = n;
		if (pe >= end) {
			p = end;
			break;
		}
	}
	if (p >= end) {			/* never closed: text, as written */
		q->no_end = ls;		/* and so are the later ones */
		return NULL;
	}
	if (longest + 1 > FENCE_MAX)
		return NULL;
	n = longest < 3 ? 3 : longest + 1;
	for (lang = 0; lang < alen && !isspace((unsigned char)args[lang]);
	    lang++)
		;
	if (lang > 63)
		lang = 0;
	memset(f, '`', n);
	memcpy(f + n, args, lang);
	/* the fences where the tags stand (in a list item, indented) */
	if (put(q, (size_t)(ls + ind - q->body), (size_t)(le - ls - ind),
	    f, n + lang) == -1 || put(q, (size_t)(p + ind2 - 1 - q->body),
	    (size_t)(pe - p - (ind2 - 1)), f, n) == -1)
		return NULL;
	/* raw and endraw lines in it: empty, as Jekyll renders them */
	for (ls = le + 1; ls < p; ls = le + 1) {
		le = line_end(ls, end);
		if (whole_line_tag(ls, le, "raw", &a2, &a2len) ||
		    whole_line_tag(ls, le, "endraw", &a2, &a2len))
			put(q, (size_t)(ls - q->body), (size_t)(le - ls), "",
			    0);
	}
	return pe < end ? pe + 1 : end;
}

/* The quoted path of "'/about' | relative_url": into out. */
static int
filtered_path(const char *a, size_t alen, char *out, size_t sz)
{
	const char	*e, *bar;
	char		 quote;

	if (alen < 3 || (a[0] != '\'' && a[0] != '"'))
		return 0;
	quote = a[0];
	if ((e = memchr(a + 1, quote, alen - 1)) == NULL ||
	    (size_t)(e - a - 1) >= sz)
		return 0;
	bar = e + 1;
	while (bar < a + alen && *bar == ' ')
		bar++;
	if (bar >= a + alen || *bar != '|')
		return 0;
	for (bar++; bar < a + alen && *bar == ' '; bar++)
		;
	if (!is(bar, (size_t)(a + alen - bar), "relative_url") &&
	    !is(bar, (size_t)(a + alen - bar), "absolute_url"))
		return 0;
	memcpy(out, a + 1, (size_t)(e - a - 1));
	out[e - a - 1] = '\0';
	return 1;
}

/* One tag at off of the line starting at line_start; its length read
 * (0: not a tag). */
static size_t
inline_tag(struct lq *q, size_t off, size_t line_start, size_t line_end,
    int code, unsigned line, int *raw)
{
	const char	*t = text(q), *name, *args;
	size_t		 k, nlen, alen;
	char		 path[1024];
	int		 output;

	if ((k = tag(t + off, t + line_end, &output, &name, &nlen, &args,
	    &alen)) == 0)
		return 0;
	if (code)
		return k;
	if (!output && is(name, nlen, "endraw")) {
		*raw = 0;
		put(q, off, k, "", 0);
		return k;
	}
	if (*raw)
		return k;
	if (!output && is(name, nlen, "raw")) {
		*raw = 1;
		put(q, off, k, "", 0);
		return k;
	}
	if (md_in_destination(t, off, line_start)) {
		if (output && (is(args, alen, "site.baseurl") ||
		    is(args, alen, "site.url"))) {
			put(q, off, k, "", 0);
			return k;
		}
		if (output && filtered_path(args, alen, path, sizeof(path)) &&
		    strpbrk(path, " \t<>()") == NULL &&
		    put(q, off, k, path, strlen(path)) == 0)
			return k;
		if (!output && (is(name, nlen, "post_url") ||
		    is(name, nlen, "link")) && alen > 0 &&
		    alen + 1 < sizeof(path) &&
		    memchr(args, ' ', alen) == NULL &&
		    memchr(args, '(', alen) == NULL &&
		    memchr(args, ')', alen) == NULL) {
			path[0] = '/';
			memcpy(path + 1, args, alen);
			/* post_url names _posts/NAME.md (the date in it) */
			if (put(q, off, k, is(name, nlen, "link") ? path :
			    path + 1, is(name, nlen, "link") ? alen + 1 :
			    alen) == 0)
				return k;
		}
	}
	if (!output && q->verbose && q->noted++ == 0) {
		unsigned	 col = 1;
		size_t		 i;

		for (i = line_start; i < off; i++)
			if (((unsigned char)t[i] & 0xc0) != 0x80)
				col++;
		galley_diag_add(q->dg, GALLEY_NOTE, q->file, line, col,
		    "Liquid tag \"%.*s\" kept as text (galley runs no "
		    "templates; highlight, raw, post_url, link and "
		    "site.baseurl are read)", (int)nlen, name);
	}
	return k;
}

char *
md_liquid(const char *body, size_t len, const char *file,
    unsigned first_line, int verbose, struct galley_diag *dg)
{
	struct lq	 q;
	const char	*ls, *le, *end = body + len, *next;
	unsigned	 line = first_line;
	size_t		 off, k, fn = 0, n, run, code;
	char		 fc = 0, c;
	int		 raw = 0, bare;

	if (memchr(body, '{', len) == NULL)
		return NULL;
	memset(&q, 0, sizeof(q));
	q.body = body;
	q.len = len;
	q.file = file;
	q.dg = dg;
	q.verbose = verbose;
	for (ls = body; ls < end; ls = le < end ? le + 1 : end, line++) {
		le = line_end(ls, end);
		/* fenced code, as written: left alone, but for lines of
		 * raw and endraw alone, which Jekyll makes empty */
		if ((n = fence(ls, le, &c, &bare)) > 0) {
			if (fn == 0) {
				fn = n;
				fc = c;
			} else if (c == fc && n >= fn && bare)
				fn = 0;
			continue;
		}
		if (memchr(ls, '{', (size_t)(le - ls)) == NULL)
			continue;
		if (fn > 0) {
			const char	*a;
			size_t		 al;

			if (whole_line_tag(ls, le, "raw", &a, &al) ||
			    whole_line_tag(ls, le, "endraw", &a, &al))
				put(&q, (size_t)(ls - body),
				    (size_t)(le - ls), "", 0);
			continue;
		}
		if (!raw && (next = highlight(&q, ls, end)) != NULL) {
			for (; ls < next; ls++)		/* lines passed */
				line += *ls == '\n';
			le = ls - 1;
			line--;
			continue;
		}
		if (indented(ls, le))		/* code, likely */
			continue;
		/* in a code span: opened by a run of backticks, closed by
		 * a run as long, counted as the scan goes */
		for (code = 0, off = (size_t)(ls - body);
		    off < (size_t)(le - body); off++) {
			if (body[off] == '`') {
				for (run = 0; off + run < (size_t)(le - body) &&
				    body[off + run] == '`'; run++)
					;
				code = code == 0 ? run : code == run ? 0 :
				    code;
				off += run - 1;
				continue;
			}
			if (body[off] != '{' || (k = inline_tag(&q, off,
			    (size_t)(ls - body), (size_t)(le - body),
			    code != 0, line, &raw)) == 0)
				continue;
			off += k - 1;
		}
	}
	return q.out;
}
