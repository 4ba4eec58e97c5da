/*
 * The lines of a Markdown body by file line, for the passes over the
 * model that look at the source (wiki links, callouts): cmark-gfm has
 * taken escapes out of the text by then, so only the source tells
 * "\[[x]]" from "[[x]]".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model/oom.h"
#include "readers/markdown.h"

void
md_lines_init(struct md_lines *s, const char *body, size_t len,
    unsigned first_line)
{
	memset(s, 0, sizeof(*s));
	s->body = body;
	s->len = len;
	s->first_line = first_line;
}

const char *
md_line(struct md_lines *s, unsigned line, size_t *len)
{
	const char	*p, *nl;

	if (line < s->first_line)
		return NULL;
	if (s->line == 0 || line < s->line) {
		s->line = s->first_line;
		s->at = 0;
	}
	while (s->line < line) {
		nl = memchr(s->body + s->at, '\n', s->len - s->at);
		if (nl == NULL)
			return NULL;
		s->at = (size_t)(nl - s->body) + 1;
		s->line++;
	}
	p = s->body + s->at;
	nl = memchr(p, '\n', s->len - s->at);
	*len = nl != NULL ? (size_t)(nl - p) : s->len - s->at;
	return p;
}

size_t
md_col_offset(const char *s, size_t len, unsigned col)
{
	size_t		 j = 0;
	unsigned	 c = 1;

	while (j < len && c < col)
		if (++j < len && ((unsigned char)s[j] & 0xc0) != 0x80)
			c++;
	return j;
}

/*
 * Where each byte of the text node's literal s (len bytes) stands in
 * its source line, which it starts at character column col: at[i] is
 * the byte's offset in the line where it is written as it is, MD_NONE
 * where it is written escaped ("\[") or past an entity, where the two
 * stop matching.
 */
void
md_map_source(const char *line, size_t llen, unsigned col, const char *s,
    size_t len, size_t *at)
{
	size_t		 i, j;

	for (i = 0; i < len; i++)
		at[i] = MD_NONE;
	j = md_col_offset(line, llen, col);
	i = 0;
	while (i < len && j < llen) {
		/* CommonMark: a backslash before ASCII punctuation */
		if (line[j] == '\\' && j + 1 < llen &&
		    ispunct((unsigned char)line[j + 1]) &&
		    (unsigned char)line[j + 1] < 0x80) {
			if (line[j + 1] != s[i])
				break;
			i++;
			j += 2;
		} else if (line[j] == s[i])
			at[i++] = j++;
		else
			break;	/* an entity: no more is known */
	}
}

void
md_cols_init(struct md_cols *c, const char *line)
{
	c->line = line;
	c->off = 0;
	c->col = 1;
}

unsigned
md_col_of(struct md_cols *c, size_t off)
{
	if (off < c->off)
		md_cols_init(c, c->line);
	for (; c->off < off; c->off++)
		c->col += ((unsigned char)c->line[c->off + 1] & 0xc0) != 0x80;
	return c->col;
}

int
md_has(const char *body, size_t len, const char *mark)
{
	const char	*p, *end;

	if (body == NULL)
		return 0;
	for (p = body, end = body + len; p + 1 < end &&
	    (p = memchr(p, mark[0], (size_t)(end - p - 1))) != NULL; p++)
		if (p[1] == mark[1])
			return 1;
	return 0;
}

struct collect {
	int			(*want)(const struct galley_node *);
	int			  skip_links;
	struct galley_node	**v;
	size_t			  n, cap;
};

static enum galley_walk
collect_visit(struct galley_node *n, int entering, void *arg)
{
	struct collect	*c = arg;

	if (c->skip_links && (n->type == GALLEY_NODE_LINK ||
	    n->type == GALLEY_NODE_IMAGE))
		return GALLEY_WALK_SKIP;
	if (entering && c->want(n)) {
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 16;
			if ((c->v = realloc(c->v, c->cap *
			    sizeof(*c->v))) == NULL)
				galley_oom();
		}
		c->v[c->n++] = n;
	}
	return GALLEY_WALK_NEXT;
}

void
md_collect(struct galley_doc *doc, int (*want)(const struct galley_node *),
    int skip_links, struct galley_node ***v, size_t *n)
{
	struct collect	 c;

	memset(&c, 0, sizeof(c));
	c.want = want;
	c.skip_links = skip_links;
	galley_walk(galley_doc_root(doc), collect_visit, &c);
	*v = c.v;
	*n = c.n;
}

size_t *
md_text_source(struct md_lines *src, const struct galley_node *n,
    const char **line, struct md_cols *cols)
{
	size_t	 llen, len = strlen(n->literal), *at;

	if ((*line = md_line(src, n->pos.line, &llen)) == NULL)
		return NULL;
	md_cols_init(cols, *line);
	if ((at = malloc((len + 1) * sizeof(*at))) == NULL)
		galley_oom();
	md_map_source(*line, llen, n->pos.col, n->literal, len, at);
	return at;
}

void
md_text_rest(struct galley_doc *doc, struct galley_node *n, size_t last,
    unsigned after)
{
	if (last == 0)
		return;
	if (n->literal[last] == '\0') {
		galley_node_unlink(n);
		return;
	}
	n->pos.col = after;
	n->literal = galley_doc_strdup(doc, n->literal + last);
}
