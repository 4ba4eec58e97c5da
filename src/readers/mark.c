/*
 * Highlights, "==marked text==", as Obsidian, pandoc, Typora and MkDocs
 * write them: a mark around the text.  CommonMark has no such syntax and
 * cmark-gfm leaves it in the text; here it becomes a mark node when it
 * opens before a non-space and closes after one, within one run of text
 * ("==*a* b==" stays as written), as written in the source ("\=\=x=="
 * stays text), and never in code.  "a == b" and "x === y" stay text.
 */
#include <stdlib.h>
#include <string.h>

#include "readers/markdown.h"

/* A text node that holds "==". */
static int
wanted(const struct galley_node *n)
{
	return n->type == GALLEY_NODE_TEXT && n->literal != NULL &&
	    strstr(n->literal, "==") != NULL;
}

static int
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* A "==" at s + i that opens a mark, and where its closing "==" is
 * (0: none). */
static size_t
closing(const char *s, size_t len, size_t i)
{
	size_t	 j;

	if (i + 4 >= len || s[i] != '=' || s[i + 1] != '=' ||
	    (i > 0 && s[i - 1] == '=') || space(s[i + 2]) || s[i + 2] == '=')
		return 0;
	for (j = i + 3; j + 1 < len; j++)
		if (s[j] == '=' && s[j + 1] == '=') {
			if (space(s[j - 1]) || (j + 2 < len && s[j + 2] == '='))
				return 0;
			return j;
		}
	return 0;
}

static struct galley_node *
text_node(struct galley_doc *doc, const char *s, size_t len, unsigned line,
    unsigned col)
{
	struct galley_node	*t;
	struct galley_pos	 pos;

	pos.line = line;
	pos.col = col;
	t = galley_node_new(doc, GALLEY_NODE_TEXT, pos);
	t->literal = galley_doc_strndup(doc, s, len);
	return t;
}

/* Split text node n around its marks. */
static void
split(struct galley_doc *doc, struct md_lines *src, struct galley_node *n)
{
	const char		*s = n->literal, *line;
	size_t			 len = strlen(s), i, j, last = 0;
	size_t			*at;
	struct galley_node	*mark;
	struct galley_pos	 pos;
	unsigned		 after = n->pos.col;
	struct md_cols		 cols;

	if ((at = md_text_source(src, n, &line, &cols)) == NULL)
		return;
	for (i = 0; i < len; i++) {
		if ((j = closing(s, len, i)) == 0)
			continue;
		/* as written: not "\=\=" in the source */
		if (at[i] == MD_NONE || at[i + 1] == MD_NONE ||
		    at[j] == MD_NONE || at[j + 1] == MD_NONE)
			continue;
		if (i > last)
			galley_node_insert_before(n, text_node(doc, s + last,
			    i - last, n->pos.line, after));
		pos.line = n->pos.line;
		pos.col = md_col_of(&cols, at[i]);
		mark = galley_node_new(doc, GALLEY_NODE_MARK, pos);
		galley_node_append(mark, text_node(doc, s + i + 2, j - i - 2,
		    n->pos.line, md_col_of(&cols, at[i + 1]) + 1));
		galley_node_insert_before(n, mark);
		after = md_col_of(&cols, at[j + 1]) + 1;
		last = j + 2;
		i = j + 1;
	}
	md_text_rest(doc, n, last, after);
	free(at);
}

void
md_marks(struct galley_doc *doc, const char *body, size_t len,
    unsigned first_line)
{
	struct md_lines		 src;
	struct galley_node	**v;
	size_t			 i, n;

	if (!md_has(body, len, "=="))
		return;
	md_collect(doc, wanted, 0, &v, &n);
	md_lines_init(&src, body, len, first_line);
	for (i = 0; i < n; i++)
		split(doc, &src, v[i]);
	free(v);
}
