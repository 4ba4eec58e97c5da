/*
 * Hugo's shortcodes in a Markdown body.  Hugo runs them before Markdown;
 * galley runs no templates, but two of them are links between pages:
 * "[a]({{< ref "post.md" >}})" and relref.  As a link's destination (or
 * a link reference definition's), they become the path they name,
 * padded with spaces to the length they had, so every column after
 * them stays right.  Any other shortcode stays text, with a warning at
 * its first place (Hugo's way to write one as text, a comment inside
 * the braces, is left alone).
 */
#include <stdlib.h>
#include <string.h>

#include "galley/diag.h"
#include "readers/shortcode.h"

#define SEEN_MAX	16

struct seen {
	char		 name[32];
	unsigned	 line, col;
	size_t		 count;
};

/* The character column of byte off on its line, from 1. */
static unsigned
column(const char *body, size_t off, size_t *line_start)
{
	unsigned	 col = 1;
	size_t		 i;

	for (i = *line_start; i < off; i++)
		if (((unsigned char)body[i] & 0xc0) != 0x80)
			col++;
	return col;
}

/* Whether the text before off (spaces aside) opens a link's destination:
 * "](" or a definition's "]:". */
int
md_in_destination(const char *body, size_t off, size_t line_start)
{
	while (off > line_start && (body[off - 1] == ' ' ||
	    body[off - 1] == '\t'))
		off--;
	return off >= line_start + 2 && body[off - 2] == ']' &&
	    (body[off - 1] == '(' || body[off - 1] == ':');
}

/*
 * The path a ref or relref shortcode's arguments name (between p and
 * end): path="x", or its first argument, quoted ("x", `x`) or bare.
 * Into out (size sz); 0 if none.
 */
static int
ref_path(const char *p, const char *end, char *out, size_t sz)
{
	const char	*s, *e;
	char		 q;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (end - p > 5 && strncmp(p, "path=", 5) == 0)
		p += 5;
	if (p >= end)
		return 0;
	if (*p == '"' || *p == '`' || *p == '\'') {
		q = *p++;
		for (e = p; e < end && *e != q; e++)
			;
		if (e >= end)
			return 0;
		s = p;
	} else {
		for (s = e = p; e < end && *e != ' ' && *e != '\t'; e++)
			;
	}
	if (e == s || (size_t)(e - s) >= sz)
		return 0;
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
	return 1;
}

static void
remember(struct seen *seen, size_t *nseen, const char *name, size_t n,
    unsigned line, unsigned col)
{
	size_t	 i;

	if (n >= sizeof(seen[0].name))
		n = sizeof(seen[0].name) - 1;
	for (i = 0; i < *nseen; i++)
		if (strlen(seen[i].name) == n &&
		    strncmp(seen[i].name, name, n) == 0) {
			seen[i].count++;
			return;
		}
	if (*nseen == SEEN_MAX)
		return;
	memcpy(seen[*nseen].name, name, n);
	seen[*nseen].name[n] = '\0';
	seen[*nseen].line = line;
	seen[*nseen].col = col;
	seen[*nseen].count = 1;
	(*nseen)++;
}

char *
md_shortcodes(const char *body, size_t len, const char *file,
    unsigned first_line, struct galley_diag *dg)
{
	struct seen	 seen[SEEN_MAX];
	size_t		 nseen = 0, i, line_start = 0, scanned = 0, k;
	unsigned	 line = first_line;
	char		*out = NULL, *buf, path[1024];
	const char	*p, *end, *name, *close;
	size_t		 nlen, need;
	int		 angle;

	for (i = 0; i + 1 < len; i++) {
		if ((p = memchr(body + i, '{', len - i)) == NULL)
			break;
		i = (size_t)(p - body);
		if (i + 3 > len || body[i + 1] != '{' ||
		    (body[i + 2] != '<' && body[i + 2] != '%'))
			continue;
		for (k = scanned; k < i; k++)	/* lines passed */
			if (body[k] == '\n') {
				line++;
				line_start = k + 1;
			}
		scanned = i;
		/* the closer, on this line */
		end = memchr(body + i, '\n', len - i);
		if (end == NULL)
			end = body + len;
		close = NULL;
		for (p = body + i + 3; p + 3 <= end; p++)
			if (p[0] == (body[i + 2] == '<' ? '>' : '%') &&
			    p[1] == '}' && p[2] == '}') {
				close = p;
				break;
			}
		if (close == NULL)
			continue;
		p = body + i + 3;
		while (p < close && (*p == ' ' || *p == '\t'))
			p++;
		if (close - p >= 2 && p[0] == '/' && p[1] == '*')
			continue;		/* written as text */
		name = p;
		while (p < close && *p != ' ' && *p != '\t')
			p++;
		nlen = (size_t)(p - name);
		if (nlen == 0 || name[0] == '/')	/* a closing one */
			continue;
		if (((nlen == 3 && strncmp(name, "ref", 3) == 0) ||
		    (nlen == 6 && strncmp(name, "relref", 6) == 0)) &&
		    md_in_destination(body, i, line_start) &&
		    ref_path(p, close, path, sizeof(path)) &&
		    strpbrk(path, "<>\n") == NULL) {
			angle = strpbrk(path, " \t()") != NULL;
			need = strlen(path) + (angle ? 2 : 0);
			k = (size_t)(close + 3 - (body + i));	/* its length */
			if (need <= k) {
				if (out == NULL) {
					if ((out = malloc(len + 1)) == NULL)
						return NULL;
					memcpy(out, body, len);
					out[len] = '\0';
				}
				buf = out + i;
				memset(buf, ' ', k);
				if (angle)
					*buf++ = '<';
				memcpy(buf, path, strlen(path));
				if (angle)
					buf[strlen(path)] = '>';
				i += k - 1;
				continue;
			}
		}
		remember(seen, &nseen, name, nlen, line,
		    column(body, i, &line_start));
		i = (size_t)(close + 2 - body);
	}
	for (k = 0; k < nseen; k++)
		galley_diag_add(dg, GALLEY_WARNING, file, seen[k].line,
		    seen[k].col, "Hugo shortcode \"%s\" kept as text%s (galley "
		    "runs no templates; only ref and relref in links are "
		    "read)", seen[k].name, seen[k].count > 1 ? ", here and "
		    "further on" : "");
	return out;
}
